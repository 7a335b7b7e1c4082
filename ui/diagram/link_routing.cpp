#include "ui/diagram/link_routing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mailtopo::ui::layout {
namespace {

constexpr qreal kBendCost = 40;
constexpr int kMaxDetours = 6;  // how far (in clearances × 4) a U shape may swing out
constexpr qsizetype kMaxRunCandidates = 24;

bool isVertical(Side side) {
    return side == Side::Top || side == Side::Bottom;
}

// The unit step leaving a rectangle through `side`.
QPointF outward(Side side) {
    switch (side) {
        case Side::Top:
            return {0, -1};
        case Side::Bottom:
            return {0, 1};
        case Side::Left:
            return {-1, 0};
        case Side::Right:
            return {1, 0};
    }
    return {0, -1};
}

bool segmentBlocked(QPointF a, QPointF b, const QList<QRectF>& obstacles) {
    const QRectF span = QRectF(a, b).normalized();
    for (const QRectF& r : obstacles) {
        // Open intervals: touching an obstacle's border is allowed, entering it is not.
        if (span.right() > r.left() && span.left() < r.right() && span.bottom() > r.top() &&
            span.top() < r.bottom()) {
            return true;
        }
    }
    return false;
}

bool routeBlocked(const QPolygonF& route, const QList<QRectF>& obstacles) {
    for (int i = 1; i < route.size(); ++i) {
        if (segmentBlocked(route[i - 1], route[i], obstacles))
            return true;
    }
    return false;
}

// Removes repeated points and points in the middle of a straight run.
QPolygonF simplified(const QPolygonF& route) {
    QPolygonF out;
    for (const QPointF& p : route) {
        if (!out.isEmpty() && out.last() == p)
            continue;
        if (out.size() >= 2) {
            const QPointF& a = out[out.size() - 2];
            const QPointF& b = out.last();
            if ((a.x() == b.x() && b.x() == p.x()) || (a.y() == b.y() && b.y() == p.y()))
                out.removeLast();
        }
        out << p;
    }
    return out;
}

// Positions for the middle run of a Z or U shape: the preferred one first, then the
// free lanes next to obstacles, nearest first.
QList<qreal> runCandidates(qreal preferred, qreal low, qreal high, bool alongY,
                           const QList<QRectF>& obstacles, qreal clearance) {
    QList<qreal> values{preferred};
    for (const QRectF& r : obstacles) {
        const qreal before = (alongY ? r.top() : r.left()) - clearance;
        const qreal after = (alongY ? r.bottom() : r.right()) + clearance;
        for (qreal v : {before, after}) {
            if (v >= low && v <= high)
                values << v;
        }
    }
    std::stable_sort(values.begin() + 1, values.end(), [&](qreal a, qreal b) {
        return std::abs(a - preferred) < std::abs(b - preferred);
    });
    // The nearest lanes are the ones worth drawing; a cap keeps big designs fast.
    if (values.size() > kMaxRunCandidates)
        values.resize(kMaxRunCandidates);
    return values;
}

}  // namespace

QPointF pointOnSide(const QRectF& rect, Side side, qreal fraction) {
    fraction = std::clamp<qreal>(fraction, 0, 1);
    switch (side) {
        case Side::Top:
            return {std::round(rect.left() + rect.width() * fraction), rect.top()};
        case Side::Bottom:
            return {std::round(rect.left() + rect.width() * fraction), rect.bottom()};
        case Side::Left:
            return {rect.left(), std::round(rect.top() + rect.height() * fraction)};
        case Side::Right:
            return {rect.right(), std::round(rect.top() + rect.height() * fraction)};
    }
    return rect.center();
}

qreal routeCost(const QPolygonF& route) {
    qreal length = 0;
    for (int i = 1; i < route.size(); ++i) {
        length +=
            std::abs(route[i].x() - route[i - 1].x()) + std::abs(route[i].y() - route[i - 1].y());
    }
    return length + kBendCost * std::max<qsizetype>(0, route.size() - 2);
}

QPolygonF directRoute(const RouteRequest& r) {
    const QPointF s = r.start;
    const QPointF e = r.end;
    if (isVertical(r.startSide) && isVertical(r.endSide)) {
        const qreal run = (s.y() + e.y()) / 2;
        return simplified({s, {s.x(), run}, {e.x(), run}, e});
    }
    if (!isVertical(r.startSide) && !isVertical(r.endSide)) {
        const qreal run = (s.x() + e.x()) / 2;
        return simplified({s, {run, s.y()}, {run, e.y()}, e});
    }
    return isVertical(r.startSide) ? simplified({s, {s.x(), e.y()}, e})
                                   : simplified({s, {e.x(), s.y()}, e});
}

namespace {

// How far beyond its ends a shape routeAmong() tries can swing.
qreal reachOf(qreal clearance) {
    return (kMaxDetours * 4 + 2) * clearance;
}

// Only obstacles in this region can be in the way of any shape routeAmong() tries.
QRectF searchRegion(const RouteRequest& r, qreal clearance) {
    const qreal reach = reachOf(clearance);
    return QRectF(r.start, r.end).normalized().adjusted(-reach, -reach, reach, reach);
}

// The route for `r` among `obstacles`: the ones near its ends, without its own two.
QPolygonF routeAmong(const RouteRequest& r, const QList<QRectF>& obstacles, qreal clearance) {
    const QPointF s = r.start;
    const QPointF e = r.end;
    const QPointF out = outward(r.startSide);
    const QPointF in =
        outward(r.endSide);  // pointing away from the target: the link arrives against it
    // Every route first leaves its rectangle and last arrives at the target straight, at
    // least `clearance` long, so no bend sits on a card's corner.
    const QPointF s1 = s + out * clearance;
    const QPointF e1 = e + in * clearance;
    // The cheapest free shape, the first tried among equals. A shape that cannot cost less
    // than the best so far is not tested against the obstacles (the costly part, on large
    // designs): a Z's runs all cost the same and a U's grow with its swing, so after the
    // first free one most are skipped.
    QPolygonF best;
    qreal bestCost = std::numeric_limits<qreal>::infinity();
    auto consider = [&](const QPolygonF& points) {
        QPolygonF route = simplified(points);
        const qreal cost = routeCost(route);
        if (cost < bestCost && !routeBlocked(route, obstacles)) {
            best = std::move(route);
            bestCost = cost;
        }
    };

    if (isVertical(r.startSide) && isVertical(r.endSide)) {
        // Z (opposite sides) or U (same side): a horizontal run at some y.
        const bool opposite = r.startSide != r.endSide;
        qreal low = std::min(s1.y(), e1.y());
        qreal high = std::max(s1.y(), e1.y());
        qreal preferred = (s.y() + e.y()) / 2;
        if (!opposite) {
            // U: the run lies beyond both ends, on the side both links leave from.
            if (r.startSide == Side::Top) {
                high = low;
                low = high - kMaxDetours * 4 * clearance;
                preferred = high;
            } else {
                low = high;
                high = low + kMaxDetours * 4 * clearance;
                preferred = low;
            }
        } else if ((r.startSide == Side::Top) != (e.y() < s.y())) {
            return {};  // a Z towards the wrong side would double back through the card
        }
        if (opposite && s.x() == e.x())
            consider({s, e});
        for (qreal y : runCandidates(preferred, low, high, true, obstacles, clearance)) {
            consider({s, {s.x(), y}, {e.x(), y}, e});
        }
    } else if (!isVertical(r.startSide) && !isVertical(r.endSide)) {
        const bool opposite = r.startSide != r.endSide;
        qreal low = std::min(s1.x(), e1.x());
        qreal high = std::max(s1.x(), e1.x());
        qreal preferred = (s.x() + e.x()) / 2;
        if (!opposite) {
            if (r.startSide == Side::Left) {
                high = low;
                low = high - kMaxDetours * 4 * clearance;
                preferred = high;
            } else {
                low = high;
                high = low + kMaxDetours * 4 * clearance;
                preferred = low;
            }
        } else if ((r.startSide == Side::Left) != (e.x() < s.x())) {
            return {};
        }
        if (opposite && s.y() == e.y())
            consider({s, e});
        for (qreal x : runCandidates(preferred, low, high, false, obstacles, clearance)) {
            consider({s, {x, s.y()}, {x, e.y()}, e});
        }
    } else {
        // L: one bend where the two directions meet, valid only if both legs point the
        // way they must.
        const QPointF corner =
            isVertical(r.startSide) ? QPointF(s.x(), e.y()) : QPointF(e.x(), s.y());
        const QPointF leg1 = corner - s;
        const QPointF leg2 = corner - e;  // from the target back to the corner: along `in`
        if (QPointF::dotProduct(leg1, out) > clearance &&
            QPointF::dotProduct(leg2, in) > clearance) {
            consider({s, corner, e});
        }
    }
    return best;
}

}  // namespace

QPolygonF routeAround(const RouteRequest& r, const QList<QRectF>& allObstacles, int ignoreA,
                      int ignoreB, qreal clearance) {
    const QRectF region = searchRegion(r, clearance);
    QList<QRectF> nearby;
    for (int i = 0; i < allObstacles.size(); ++i) {
        if (i != ignoreA && i != ignoreB && allObstacles[i].intersects(region))
            nearby << allObstacles[i];
    }
    return routeAmong(r, nearby, clearance);
}

QPolygonF routeAround(const RouteRequest& r, const ObstacleGrid& grid, int ignoreA, int ignoreB,
                      qreal clearance) {
    return routeAround(r, grid, grid.intersecting(searchRegion(r, clearance)), ignoreA, ignoreB,
                       clearance);
}

QList<int> obstaclesNear(const ObstacleGrid& grid, const QRectF& area, qreal clearance) {
    const qreal reach = reachOf(clearance);
    return grid.intersecting(area.normalized().adjusted(-reach, -reach, reach, reach));
}

QPolygonF routeAround(const RouteRequest& r, const ObstacleGrid& grid, const QList<int>& near,
                      int ignoreA, int ignoreB, qreal clearance) {
    // The request's own region within the area's: the same obstacles, in the same order, as
    // the grid gives for the request alone.
    const QRectF region = searchRegion(r, clearance);
    QList<QRectF> nearby;
    for (int i : near) {
        if (i != ignoreA && i != ignoreB && grid.rects()[i].intersects(region))
            nearby << grid.rects()[i];
    }
    return routeAmong(r, nearby, clearance);
}

}  // namespace mailtopo::ui::layout
