#include "ui/diagram/diagram_layout.h"

#include <QMap>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/diagram/link_routing.h"
#include "ui/diagram/obstacle_grid.h"

namespace mailtopo::ui::layout {
namespace {

constexpr qreal kObstacleMargin = 4;  // links keep this far from other cards

int kindRank(model::SegmentKind kind) {
    switch (kind) {
        case model::SegmentKind::Internet:
            return 0;
        case model::SegmentKind::Dmz:
            return 1;
        case model::SegmentKind::Lan:
            return 2;
    }
    return 2;
}

// Working state shared by the steps below.
struct Work {
    const QList<CardInput>& cards;
    const QList<SegmentInput>& segments;
    const Metrics& metrics;
    QHash<QString, int> segmentIndex;
    QList<QPointF> cardPos;
    QList<qreal> bandTop;  // per segment
    qreal busLeft = 0;     // every bus of the layered layout spans the same width
    qreal busRight = 0;

    QRectF cardRect(int i) const { return QRectF(cardPos[i], cards[i].size); }
};

// ---- layered layout (nothing placed) ------------------------------------------------

void layoutLayered(Work& w) {
    const int segmentCount = static_cast<int>(w.segments.size());
    // Buses from the internet down to the LANs; the file's order breaks ties.
    QList<int> busOrder(segmentCount);
    for (int i = 0; i < segmentCount; ++i)
        busOrder[i] = i;
    std::stable_sort(busOrder.begin(), busOrder.end(), [&](int a, int b) {
        return kindRank(w.segments[a].kind) < kindRank(w.segments[b].kind);
    });
    QList<int> rankOf(segmentCount);
    for (int r = 0; r < segmentCount; ++r)
        rankOf[busOrder[r]] = r;

    // Gap g is the band above bus g; gap segmentCount is below the last bus.
    struct Placement {
        int card;
        int preference;
    };
    QList<QList<Placement>> gaps(segmentCount + 1);
    for (int c = 0; c < w.cards.size(); ++c) {
        int low = std::numeric_limits<int>::max();
        int high = -1;
        for (const QString& segment : w.cards[c].attachmentSegments) {
            const auto it = w.segmentIndex.constFind(segment);
            if (it == w.segmentIndex.cend())
                continue;
            low = std::min(low, rankOf[*it]);
            high = std::max(high, rankOf[*it]);
        }
        int gap = segmentCount;  // unattached cards go to the bottom
        int preference = 2;
        if (high >= 0) {
            const bool internetOnly =
                low == high && w.segments[busOrder[low]].kind == model::SegmentKind::Internet;
            gap = internetOnly ? low : low + 1;  // internet hosts sit above their bus, others below
            // Within a gap: cards tied only to the bus above come first (nearest to it), cards
            // spanning to lower buses next, cards tied only to the bus below last.
            preference = (low == high && low == gap - 1) ? 0 : (low < gap ? 1 : 2);
        }
        gaps[gap] << Placement{c, preference};
    }

    QList<QList<QList<int>>> rows(gaps.size());
    qreal width = 0;
    for (int g = 0; g < gaps.size(); ++g) {
        auto& list = gaps[g];
        std::stable_sort(list.begin(), list.end(), [&](const Placement& a, const Placement& b) {
            if (a.preference != b.preference)
                return a.preference < b.preference;
            return w.cards[a.card].group < w.cards[b.card].group;
        });
        for (int i = 0; i < list.size(); i += w.metrics.maxColumns) {
            QList<int> row;
            qreal rowWidth = -w.metrics.columnGap;
            for (int j = i; j < std::min<int>(i + w.metrics.maxColumns, list.size()); ++j) {
                row << list[j].card;
                rowWidth += w.cards[list[j].card].size.width() + w.metrics.columnGap;
            }
            width = std::max(width, rowWidth);
            rows[g] << row;
        }
    }

    qreal y = 0;
    for (int g = 0; g < gaps.size(); ++g) {
        for (const QList<int>& row : rows[g]) {
            qreal rowWidth = -w.metrics.columnGap;
            qreal rowHeight = 0;
            for (int c : row) {
                rowWidth += w.cards[c].size.width() + w.metrics.columnGap;
                rowHeight = std::max(rowHeight, w.cards[c].size.height());
            }
            qreal x = std::round((width - rowWidth) / 2);
            for (int c : row) {
                // Above the first bus the cards hang from their bottom edge, so every drop
                // to the bus has the same length; elsewhere they align at the top.
                const qreal top = g == 0 ? y + rowHeight - w.cards[c].size.height() : y;
                w.cardPos[c] = QPointF(x, top);
                x += w.cards[c].size.width() + w.metrics.columnGap;
            }
            y += rowHeight + w.metrics.rowGap;
        }
        if (!rows[g].isEmpty())
            y += w.metrics.busClearance - w.metrics.rowGap;
        if (g < segmentCount) {
            w.bandTop[busOrder[g]] = y;
            y += w.metrics.bandHeight + w.metrics.busClearance;
        }
    }

    // Full-width buses with every label in a column left of the cards.
    qreal labelColumn = 0;
    for (const SegmentInput& segment : w.segments)
        labelColumn = std::max(labelColumn, segment.labelWidth);
    w.busLeft = -labelColumn - w.metrics.bandOverhang;
    w.busRight = width + w.metrics.bandOverhang;
}

// ---- placed view: hubs, spacing repair, routed links ---------------------------------

// Spacing repair for placed views, one axis at a time: columns first, then rows. Each
// keeps the order and alignment the author chose and, where there is room, their
// distances; a column (row) moves only as far as needed to clear what it would overlap,
// and everything after it moves along so the rest of the picture keeps its shape.
//
// Why two independent passes cannot leave an overlap: the column pass separates every pair
// of elements that overlap vertically at their placed heights; the row pass then only
// ever moves later rows down at least as far as earlier ones, so elements that were clear
// of each other vertically stay clear, and elements of one column are separated by it.
bool overlapsVertically(const QRectF& a, const QRectF& b, qreal gap) {
    return a.bottom() + gap > b.top() && b.bottom() + gap > a.top();
}

bool overlapsHorizontally(const QRectF& a, const QRectF& b, qreal gap) {
    return a.right() + gap > b.left() && b.right() + gap > a.left();
}

// Both passes look back only at what could still be in the way: an element whose far edge
// (plus the gap) lies before where the current column (row) starts can push neither it nor
// any later one, which start further on. That keeps a 5,000-card view linear in practice
// where comparing with every earlier element was quadratic, with the same result.
void separateColumns(QList<QRectF>& rects, qreal gap) {
    QMap<qreal, QList<int>> columns;
    for (int i = 0; i < rects.size(); ++i)
        columns[rects[i].left()] << i;
    QList<int> active;
    qreal shift = 0;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        const qreal start = it.key() + shift;
        active.removeIf([&](int j) { return rects[j].right() + gap <= start; });
        qreal left = start;
        for (int i : it.value()) {
            for (int j : std::as_const(active)) {
                if (overlapsVertically(rects[i], rects[j], gap))
                    left = std::max(left, rects[j].right() + gap);
            }
        }
        for (int i : it.value())
            rects[i].moveLeft(left);
        active << it.value();
        shift = left - it.key();
    }
}

void separateRows(QList<QRectF>& rects, qreal gap) {
    QMap<qreal, QList<int>> rows;
    for (int i = 0; i < rects.size(); ++i)
        rows[rects[i].top()] << i;
    QList<int> active;
    qreal shift = 0;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const qreal start = it.key() + shift;
        active.removeIf([&](int j) { return rects[j].bottom() + gap <= start; });
        qreal top = start;
        for (int i : it.value()) {
            for (int j : std::as_const(active)) {
                if (overlapsHorizontally(rects[i], rects[j], 0))
                    top = std::max(top, rects[j].bottom() + gap);
            }
        }
        for (int i : it.value())
            rects[i].moveTop(top);
        active << it.value();
        shift = top - it.key();
    }
}

// Literal positions for the placed elements, a grid below them for the rest.
QList<QRectF> placedRects(const Work& w) {
    const int cardCount = static_cast<int>(w.cards.size());
    QList<QRectF> rects;
    QList<int> unplaced;
    QRectF placedBounds;
    auto add = [&](const std::optional<QPointF>& placed, QSizeF size) {
        rects << QRectF(placed.value_or(QPointF()), size);
        if (placed) {
            placedBounds = placedBounds.isNull() ? rects.last() : placedBounds.united(rects.last());
        } else {
            unplaced << static_cast<int>(rects.size() - 1);
        }
    };
    for (const CardInput& card : w.cards)
        add(card.placed, card.size);
    for (const SegmentInput& segment : w.segments)
        add(segment.placed, segment.hubSize);

    const qreal left = placedBounds.isNull() ? 0 : placedBounds.left();
    qreal y = placedBounds.isNull() ? 0 : placedBounds.bottom() + w.metrics.rowGap;
    qreal pitch = 0;
    for (int i : unplaced)
        pitch = std::max(pitch, rects[i].width());
    pitch += w.metrics.columnGap;
    // Cards first, then segments on rows of their own.
    for (bool segments : {false, true}) {
        QList<int> group;
        for (int i : unplaced) {
            if ((i >= cardCount) == segments)
                group << i;
        }
        for (int i = 0; i < group.size(); i += w.metrics.maxColumns) {
            qreal rowHeight = 0;
            for (int j = i; j < std::min<int>(i + w.metrics.maxColumns, group.size()); ++j) {
                rects[group[j]].moveTopLeft(QPointF(left + (j - i) * pitch, y));
                rowHeight = std::max(rowHeight, rects[group[j]].height());
            }
            y += rowHeight + w.metrics.rowGap;
        }
    }
    // Two elements placed on the same spot become two rows instead of one heap.
    QSet<QPair<qreal, qreal>> seen;
    for (QRectF& rect : rects) {
        while (seen.contains({rect.left(), rect.top()}))
            rect.moveTop(rect.top() + 1);
        seen.insert({rect.left(), rect.top()});
    }
    return rects;
}

// The side of `from` facing `to`, preferring top/bottom when they are stacked.
Side facingSide(const QRectF& from, const QRectF& to) {
    if (to.bottom() <= from.top())
        return Side::Top;
    if (to.top() >= from.bottom())
        return Side::Bottom;
    return to.center().x() < from.center().x() ? Side::Left : Side::Right;
}

Side oppositeSide(Side side) {
    switch (side) {
        case Side::Top:
            return Side::Bottom;
        case Side::Bottom:
            return Side::Top;
        case Side::Left:
            return Side::Right;
        case Side::Right:
            return Side::Left;
    }
    return Side::Top;
}

bool isHorizontalSide(Side side) {
    return side == Side::Top || side == Side::Bottom;
}

// What an update knows of the layout before it (updateLayout); null for a fresh layout.
struct Previous {
    const Result& result;
    const QSet<QString>& changed;
};

void layoutHubs(Work& w, Result& result, const Previous* previous) {
    const int cardCount = static_cast<int>(w.cards.size());
    QList<QRectF> rects = placedRects(w);
    separateColumns(rects, w.metrics.columnGap);
    separateRows(rects, w.metrics.rowGap);

    QList<QRectF> margins;
    for (const QRectF& r : rects)
        margins << r.adjusted(-kObstacleMargin, -kObstacleMargin, kObstacleMargin, kObstacleMargin);
    const ObstacleGrid obstacles(margins);

    // An update: which cards and hubs are not where (or what) they were. Their links are
    // routed again, and so is every link whose route now crosses one of them.
    QSet<int> shifted;
    if (previous != nullptr) {
        for (int c = 0; c < cardCount; ++c) {
            const QString& id = w.cards[c].id;
            const auto was = previous->result.cardPositions.constFind(id);
            if (previous->changed.contains(id) || was == previous->result.cardPositions.cend() ||
                *was != rects[c].topLeft())
                shifted.insert(c);
        }
        for (int s = 0; s < w.segments.size(); ++s) {
            const QString& id = w.segments[s].id;
            const auto was = previous->result.segmentBands.constFind(id);
            if (previous->changed.contains(id) || was == previous->result.segmentBands.cend() ||
                *was != rects[cardCount + s])
                shifted.insert(cardCount + s);
        }
    }
    const auto crossesShifted = [&](const QPolygonF& route, int card, int hub) {
        const QRectF box = route.boundingRect();
        for (int r : shifted) {
            if (r == card || r == hub || !margins[r].intersects(box.adjusted(-1, -1, 1, 1)))
                continue;
            for (int i = 1; i < route.size(); ++i) {
                const QRectF leg =
                    QRectF(route[i - 1], route[i]).normalized().adjusted(-1, -1, 1, 1);
                if (margins[r].intersects(leg))
                    return true;
            }
        }
        return false;
    };

    struct Link {
        int card;
        int attachment;
        int hub;  // index into rects
        Side cardSide;
        Side hubSide;
        QPointF port;
        QPointF entry;
        const QPolygonF* before = nullptr;  // its route before an update, if it may stay
    };
    QList<Link> links;
    for (int c = 0; c < cardCount; ++c) {
        const QString& id = w.cards[c].id;
        const QList<QPolygonF>* oldRoutes = nullptr;
        const QList<QPair<Side, Side>>* oldSides = nullptr;
        if (previous != nullptr && !shifted.contains(c)) {
            const auto r = previous->result.routes.constFind(id);
            const auto s = previous->result.linkSides.constFind(id);
            if (r != previous->result.routes.cend() && s != previous->result.linkSides.cend()) {
                oldRoutes = &*r;
                oldSides = &*s;
            }
        }
        for (int a = 0; a < w.cards[c].attachmentSegments.size(); ++a) {
            const auto it = w.segmentIndex.constFind(w.cards[c].attachmentSegments[a]);
            if (it == w.segmentIndex.cend())
                continue;
            Link link{c, a, cardCount + *it, Side::Top, Side::Top, {}, {}, nullptr};
            if (oldRoutes != nullptr && a < oldRoutes->size() && a < oldSides->size() &&
                oldRoutes->at(a).size() >= 2 && !shifted.contains(link.hub) &&
                !crossesShifted(oldRoutes->at(a), c, link.hub)) {
                link.before = &oldRoutes->at(a);
                link.cardSide = oldSides->at(a).first;
                link.hubSide = oldSides->at(a).second;
            }
            links << link;
        }
    }

    // Where a link leaves its card: level with its interface's row on the left and right
    // sides, at `fraction` along the top and bottom.
    auto portFor = [&](int card, int attachment, Side side, qreal fraction) {
        const QList<qreal>& anchors = w.cards[card].attachmentAnchors;
        if (!isHorizontalSide(side) && attachment < anchors.size() && anchors[attachment] >= 0) {
            return QPointF(side == Side::Left ? rects[card].left() : rects[card].right(),
                           rects[card].top() + std::round(anchors[attachment]));
        }
        return pointOnSide(rects[card], side, fraction);
    };

    // 1. Sides: the cheapest clear route between every pair of sides (a link an update
    //    keeps, keeps its sides).
    const QList<Side> sides = {Side::Top, Side::Bottom, Side::Left, Side::Right};
    for (Link& link : links) {
        if (link.before != nullptr)
            continue;
        const QRectF& card = rects[link.card];
        const QRectF& hub = rects[link.hub];
        qreal best = std::numeric_limits<qreal>::max();
        link.cardSide = facingSide(card, hub);
        link.hubSide = oppositeSide(link.cardSide);
        const QList<int> near = obstaclesNear(obstacles, card.united(hub), w.metrics.linkClearance);
        for (Side cardSide : sides) {
            for (Side hubSide : sides) {
                const RouteRequest request{portFor(link.card, link.attachment, cardSide, 0.5),
                                           cardSide, pointOnSide(hub, hubSide, 0.5), hubSide};
                const QPolygonF route = routeAround(request, obstacles, near, link.card, link.hub,
                                                    w.metrics.linkClearance);
                if (route.isEmpty())
                    continue;
                const qreal cost = routeCost(route);
                if (cost < best - 0.5) {
                    best = cost;
                    link.cardSide = cardSide;
                    link.hubSide = hubSide;
                }
            }
        }
    }

    // 2. Ports: links sharing a side are spread along it, in the order of where they go,
    //    so they do not cross each other on the way out.
    QMap<QPair<int, int>, QList<int>> bySide;  // (rect, side) → links
    for (int i = 0; i < links.size(); ++i) {
        bySide[{links[i].card, static_cast<int>(links[i].cardSide)}] << i;
        bySide[{links[i].hub, static_cast<int>(links[i].hubSide)}] << i;
    }
    auto along = [](Side side, QPointF p) { return isHorizontalSide(side) ? p.x() : p.y(); };
    for (auto it = bySide.begin(); it != bySide.end(); ++it) {
        const int rect = it.key().first;
        const Side side = static_cast<Side>(it.key().second);
        QList<int>& members = it.value();
        const bool onCard = rect < cardCount;
        auto otherEnd = [&](int i) {
            const Link& l = links[i];
            return onCard ? rects[l.hub].center() : rects[l.card].center();
        };
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
            return along(side, otherEnd(a)) < along(side, otherEnd(b));
        });
        for (int k = 0; k < members.size(); ++k) {
            const qreal fraction = (k + 1.0) / (members.size() + 1.0);
            Link& link = links[members[k]];
            if (onCard) {
                link.port = portFor(link.card, link.attachment, side, fraction);
            } else {
                link.entry = pointOnSide(rects[rect], side, fraction);
            }
        }
    }
    // A hub side with a single link meets it head-on when the card's port is in reach:
    // a straight line instead of a kink.
    for (auto it = bySide.cbegin(); it != bySide.cend(); ++it) {
        if (it.key().first < cardCount || it.value().size() != 1)
            continue;
        Link& link = links[it.value().first()];
        const QRectF& hub = rects[link.hub];
        const qreal inset = 12;
        if (isHorizontalSide(link.hubSide) && isHorizontalSide(link.cardSide) &&
            link.port.x() > hub.left() + inset && link.port.x() < hub.right() - inset) {
            link.entry.setX(link.port.x());
        } else if (!isHorizontalSide(link.hubSide) && !isHorizontalSide(link.cardSide) &&
                   link.port.y() > hub.top() + inset && link.port.y() < hub.bottom() - inset) {
            link.entry.setY(link.port.y());
        }
    }

    // 3. Routes between the final points (a kept link whose ends did not move keeps its
    //    route).
    for (int c = 0; c < cardCount; ++c) {
        result.cardPositions.insert(w.cards[c].id, rects[c].topLeft());
        result.routes.insert(w.cards[c].id, QList<QPolygonF>(w.cards[c].attachmentSegments.size()));
        result.linkSides.insert(
            w.cards[c].id,
            QList<QPair<Side, Side>>(w.cards[c].attachmentSegments.size(), {Side::Top, Side::Top}));
    }
    for (const Link& link : links) {
        const QString& id = w.cards[link.card].id;
        result.linkSides[id][link.attachment] = {link.cardSide, link.hubSide};
        if (link.before != nullptr && link.before->first() == link.port &&
            link.before->last() == link.entry) {
            result.routes[id][link.attachment] = *link.before;
            continue;
        }
        const RouteRequest request{link.port, link.cardSide, link.entry, link.hubSide};
        QPolygonF route =
            routeAround(request, obstacles, link.card, link.hub, w.metrics.linkClearance);
        if (route.isEmpty())
            route = directRoute(request);  // boxed in: better a crossing than no link
        result.routes[id][link.attachment] = route;
    }
    for (int s = 0; s < w.segments.size(); ++s)
        result.segmentBands.insert(w.segments[s].id, rects[cardCount + s]);
    result.hubs = true;
}

// ---- links --------------------------------------------------------------------------

bool verticalBlocked(const ObstacleGrid& obstacles, int skip, qreal x, qreal y1, qreal y2) {
    const qreal top = std::min(y1, y2);
    const qreal bottom = std::max(y1, y2);
    for (int i : obstacles.near(QRectF(QPointF(x, top), QPointF(x, bottom)))) {
        if (i == skip)
            continue;
        const QRectF& r = obstacles.rects()[i];
        if (x > r.left() && x < r.right() && bottom > r.top() && top < r.bottom())
            return true;
    }
    return false;
}

bool horizontalBlocked(const ObstacleGrid& obstacles, int skip, qreal y, qreal x1, qreal x2) {
    const qreal left = std::min(x1, x2);
    const qreal right = std::max(x1, x2);
    for (int i : obstacles.near(QRectF(QPointF(left, y), QPointF(right, y)))) {
        if (i == skip)
            continue;
        const QRectF& r = obstacles.rects()[i];
        if (y > r.top() && y < r.bottom() && right > r.left() && left < r.right())
            return true;
    }
    return false;
}

// A straight drop when nothing is in the way; otherwise out of the card, along to the
// nearest free lane between the cards that block, and down (or up) the lane to the bus.
QPolygonF route(const Work& w, const ObstacleGrid& obstacles, int card, QPointF port, bool up,
                qreal busY) {
    if (!verticalBlocked(obstacles, card, port.x(), port.y(), busY))
        return QPolygonF{port, QPointF(port.x(), busY)};

    const qreal stub = w.metrics.rowGap / 2 * (up ? -1 : 1);
    const qreal stubY = port.y() + stub;
    QList<qreal> lanes;
    const qreal laneTop = std::min(stubY, busY);
    const qreal laneBottom = std::max(stubY, busY);
    const QRectF all = obstacles.bounds();
    for (int i : obstacles.near(QRectF(all.left(), laneTop, all.width(), laneBottom - laneTop))) {
        if (i == card)
            continue;
        const QRectF& r = obstacles.rects()[i];
        if (std::max(stubY, busY) <= r.top() || std::min(stubY, busY) >= r.bottom())
            continue;
        const qreal clearance = w.metrics.columnGap / 2 - kObstacleMargin;
        lanes << r.left() - clearance << r.right() + clearance;
    }
    std::sort(lanes.begin(), lanes.end(),
              [&](qreal a, qreal b) { return std::abs(a - port.x()) < std::abs(b - port.x()); });
    for (qreal x : lanes) {
        if (verticalBlocked(obstacles, card, x, stubY, busY))
            continue;
        if (horizontalBlocked(obstacles, card, stubY, port.x(), x))
            continue;
        return QPolygonF{port, QPointF(port.x(), stubY), QPointF(x, stubY), QPointF(x, busY)};
    }
    return QPolygonF{port, QPointF(port.x(), busY)};  // boxed in: draw it straight
}

void routeToBuses(const Work& w, Result& result) {
    QList<QRectF> margins;
    for (int c = 0; c < w.cards.size(); ++c) {
        margins << w.cardRect(c).adjusted(-kObstacleMargin, -kObstacleMargin, kObstacleMargin,
                                          kObstacleMargin);
    }
    const ObstacleGrid obstacles(margins);

    for (int c = 0; c < w.cards.size(); ++c) {
        const CardInput& card = w.cards[c];
        const QRectF rect = w.cardRect(c);
        // Which edge each attachment leaves from: towards its bus.
        QList<int> top, bottom;
        for (int a = 0; a < card.attachmentSegments.size(); ++a) {
            const auto it = w.segmentIndex.constFind(card.attachmentSegments[a]);
            if (it == w.segmentIndex.cend())
                continue;
            const qreal busMiddle = w.bandTop[*it] + w.metrics.bandHeight / 2;
            (busMiddle < rect.center().y() ? top : bottom) << a;
        }
        QList<QPolygonF> routes(card.attachmentSegments.size());
        auto place = [&](const QList<int>& attachments, bool up) {
            for (int i = 0; i < attachments.size(); ++i) {
                const int a = attachments[i];
                const int s = w.segmentIndex.value(card.attachmentSegments[a]);
                const qreal x =
                    std::round(rect.left() + rect.width() * (i + 1) / (attachments.size() + 1));
                const QPointF port(x, up ? rect.top() : rect.bottom());
                const qreal busY = up ? w.bandTop[s] + w.metrics.bandHeight : w.bandTop[s];
                routes[a] = route(w, obstacles, c, port, up, busY);
            }
        };
        place(top, true);
        place(bottom, false);
        result.routes.insert(card.id, routes);
        result.cardPositions.insert(card.id, rect.topLeft());
    }

    // Every bus runs the full width, its label in the column left of all cards.
    for (int s = 0; s < w.segments.size(); ++s) {
        result.segmentBands.insert(
            w.segments[s].id,
            QRectF(w.busLeft, w.bandTop[s], w.busRight - w.busLeft, w.metrics.bandHeight));
    }
}

}  // namespace

namespace {

Result layOut(const QList<CardInput>& cards, const QList<SegmentInput>& segments,
              const Metrics& metrics, const Previous* previous) {
    Work w{cards, segments, metrics, {}, {}, {}, 0, 0};
    for (int s = 0; s < segments.size(); ++s)
        w.segmentIndex.insert(segments[s].id, s);
    w.cardPos.resize(cards.size());
    w.bandTop.resize(segments.size());

    const bool anyPlaced = std::any_of(cards.begin(), cards.end(),
                                       [](const CardInput& c) { return c.placed.has_value(); }) ||
                           std::any_of(segments.begin(), segments.end(),
                                       [](const SegmentInput& s) { return s.placed.has_value(); });
    Result result;
    if (anyPlaced) {
        // Links routed for the other picture are no use to this one.
        layoutHubs(w, result, previous != nullptr && previous->result.hubs ? previous : nullptr);
    } else {
        layoutLayered(w);
        routeToBuses(w, result);
    }
    return result;
}

}  // namespace

Result computeLayout(const QList<CardInput>& cards, const QList<SegmentInput>& segments,
                     const Metrics& metrics) {
    return layOut(cards, segments, metrics, nullptr);
}

Result updateLayout(const Result& previous, const QList<CardInput>& cards,
                    const QList<SegmentInput>& segments, const QSet<QString>& changed,
                    const Metrics& metrics) {
    const Previous before{previous, changed};
    return layOut(cards, segments, metrics, &before);
}

}  // namespace mailtopo::ui::layout
