// The diagram geometry on its own: placements are honoured, the fallback never overlaps,
// links are orthogonal, start on their card and end on their bus without crossing other
// cards, and the same input always gives the same picture. The obstacle grid that makes
// routing fast finds exactly what a scan of every card finds, so routes do not change.

#include <QtTest>

#include "ui/diagram/diagram_layout.h"
#include "ui/diagram/link_routing.h"
#include "ui/diagram/obstacle_grid.h"

using namespace mailtopo;
using namespace mailtopo::ui::layout;

namespace {

CardInput card(const QString& id, QStringList segments, QSizeF size = {220, 160}) {
    return CardInput{id, size, std::move(segments), {}, std::nullopt, 0};
}

SegmentInput segment(const QString& id, model::SegmentKind kind) {
    return SegmentInput{id, kind, 150, QSizeF(150, 44), std::nullopt};
}

QRectF rectOf(const Result& r, const CardInput& c) {
    return QRectF(r.cardPositions.value(c.id), c.size);
}

// Every pair of cards and every card/band pair is disjoint.
void verifyNoOverlap(const Result& result, const QList<CardInput>& cards) {
    for (int i = 0; i < cards.size(); ++i) {
        const QRectF a = rectOf(result, cards[i]);
        for (int j = i + 1; j < cards.size(); ++j) {
            QVERIFY2(!a.intersects(rectOf(result, cards[j])),
                     qPrintable(QStringLiteral("%1 overlaps %2").arg(cards[i].id, cards[j].id)));
        }
        for (auto it = result.segmentBands.cbegin(); it != result.segmentBands.cend(); ++it) {
            QVERIFY2(!a.intersects(it.value()),
                     qPrintable(QStringLiteral("%1 overlaps bus %2").arg(cards[i].id, it.key())));
        }
    }
}

bool onEdge(const QRectF& rect, QPointF p) {
    const bool inX = p.x() >= rect.left() && p.x() <= rect.right();
    const bool inY = p.y() >= rect.top() && p.y() <= rect.bottom();
    return (inX && (p.y() == rect.top() || p.y() == rect.bottom())) ||
           (inY && (p.x() == rect.left() || p.x() == rect.right()));
}

// Each route: orthogonal, from an edge of its card to an edge of its segment, never
// through another card.
void verifyRoutes(const Result& result, const QList<CardInput>& cards) {
    for (const CardInput& c : cards) {
        const QRectF own = rectOf(result, c);
        const QList<QPolygonF> routes = result.routes.value(c.id);
        QCOMPARE(routes.size(), c.attachmentSegments.size());
        for (int a = 0; a < routes.size(); ++a) {
            const QPolygonF& route = routes[a];
            QVERIFY(route.size() >= 2);
            QVERIFY2(onEdge(own, route.first()), qPrintable(c.id));
            QVERIFY2(onEdge(result.segmentBands.value(c.attachmentSegments[a]), route.last()),
                     qPrintable(c.id));
            for (int p = 1; p < route.size(); ++p) {
                const QPointF from = route[p - 1];
                const QPointF to = route[p];
                QVERIFY2(from.x() == to.x() || from.y() == to.y(), "links are orthogonal");
                const QRectF stretch = QRectF(from, to).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
                for (const CardInput& other : cards) {
                    if (other.id == c.id)
                        continue;
                    QVERIFY2(
                        !stretch.intersects(rectOf(result, other)),
                        qPrintable(QStringLiteral("link of %1 crosses %2").arg(c.id, other.id)));
                }
            }
        }
    }
}

// Rectangles of assorted sizes scattered with clusters and gaps, the same on every run.
QList<QRectF> scatteredRects(int count) {
    QList<QRectF> rects;
    quint32 seed = 12345;
    auto next = [&seed](int range) {
        seed = seed * 1103515245u + 12345u;
        return static_cast<int>((seed >> 8) % static_cast<quint32>(range));
    };
    for (int i = 0; i < count; ++i) {
        const qreal cluster = (i % 3) * 4000.0;  // three far-apart clusters
        rects << QRectF(cluster + next(3000), next(2500) - 300, 20 + next(300), 20 + next(220));
    }
    rects << QRectF(-500, -500, 9000, 30);  // one long band across everything
    return rects;
}

QList<int> scanIntersecting(const QList<QRectF>& rects, const QRectF& region) {
    QList<int> found;
    for (int i = 0; i < rects.size(); ++i) {
        if (rects[i].intersects(region))
            found << i;
    }
    return found;
}

}  // namespace

class TestDiagramLayout : public QObject {
    Q_OBJECT

private slots:
    // Internet on top, then DMZ, then LAN; each card between the buses it touches.
    void layeredLayoutStacksBusesFromInternetToLan() {
        const QList<SegmentInput> segments = {segment("lan", model::SegmentKind::Lan),
                                              segment("inet", model::SegmentKind::Internet),
                                              segment("dmz", model::SegmentKind::Dmz)};
        const QList<CardInput> cards = {card("sender", {"inet"}),   card("fw", {"inet", "dmz"}),
                                        card("lb", {"dmz", "lan"}), card("ex1", {"lan"}),
                                        card("ex2", {"lan"}),       card("loose", {})};
        const Result result = computeLayout(cards, segments);
        const QRectF inet = result.segmentBands.value("inet");
        const QRectF dmz = result.segmentBands.value("dmz");
        const QRectF lan = result.segmentBands.value("lan");
        QVERIFY(inet.bottom() < dmz.top());
        QVERIFY(dmz.bottom() < lan.top());
        QVERIFY(rectOf(result, cards[0]).bottom() < inet.top());  // sender
        QVERIFY(rectOf(result, cards[1]).top() > inet.bottom() &&
                rectOf(result, cards[1]).bottom() < dmz.top());
        QVERIFY(rectOf(result, cards[2]).top() > dmz.bottom() &&
                rectOf(result, cards[2]).bottom() < lan.top());
        QVERIFY(rectOf(result, cards[3]).top() > lan.bottom());
        QVERIFY(rectOf(result, cards[5]).top() > lan.bottom());  // unattached: at the bottom
        // The buses run under every card, labels to the left of all of them.
        for (const CardInput& c : cards) {
            QVERIFY(rectOf(result, c).left() >= lan.left() + 150);
            QVERIFY(rectOf(result, c).right() <= lan.right());
        }
        verifyNoOverlap(result, cards);
        verifyRoutes(result, cards);
    }

    // Twelve servers on one LAN wrap into rows; the links of the lower rows find lanes
    // between the cards above instead of running through them.
    void wrappedRowsRouteAroundCards() {
        const QList<SegmentInput> segments = {segment("lan", model::SegmentKind::Lan)};
        QList<CardInput> cards;
        for (int i = 0; i < 12; ++i) {
            cards << card(QStringLiteral("h%1").arg(i), {"lan"},
                          QSizeF(200 + 10 * (i % 3), 120 + 15 * (i % 4)));
        }
        const Result result = computeLayout(cards, segments);
        QSet<qreal> rowTops;
        for (const CardInput& c : cards)
            rowTops.insert(result.cardPositions.value(c.id).y());
        QCOMPARE(rowTops.size(), 3);  // 5 + 5 + 2
        verifyNoOverlap(result, cards);
        verifyRoutes(result, cards);
        int detours = 0;
        for (const CardInput& c : cards)
            detours += result.routes.value(c.id).first().size() > 2 ? 1 : 0;
        // The second row sits right under the first, so each of its five links needs a lane.
        QVERIFY(detours >= 5);
    }

    // Placed segments are hubs at their placement; unplaced cards and segments go below.
    void placementsWinAndTheRestGoesBelow() {
        QList<SegmentInput> segments = {segment("lan", model::SegmentKind::Lan),
                                        segment("dmz", model::SegmentKind::Dmz)};
        segments[0].placed = QPointF(-100, 400);
        QList<CardInput> cards = {card("a", {"lan"}), card("b", {"lan"}), card("c", {"dmz"}),
                                  card("d", {})};
        cards[0].placed = QPointF(0, 100);
        cards[1].placed = QPointF(300, 120);
        const Result result = computeLayout(cards, segments);
        QVERIFY(result.hubs);
        QCOMPARE(result.cardPositions.value("a"), QPointF(0, 100));
        QCOMPARE(result.cardPositions.value("b"), QPointF(300, 120));
        QCOMPARE(result.segmentBands.value("lan"), QRectF(-100, 400, 150, 44));
        const qreal placedBottom = 444;
        QVERIFY(result.cardPositions.value("c").y() > placedBottom);
        QVERIFY(result.cardPositions.value("d").y() > placedBottom);
        QVERIFY(result.segmentBands.value("dmz").top() > rectOf(result, cards[2]).bottom());
        verifyNoOverlap(result, cards);
        verifyRoutes(result, cards);
    }

    // A file placed on a grid too tight for the cards (written for smaller ones) keeps its
    // arrangement: rows stay rows, columns stay columns, nothing overlaps.
    void crowdedPlacementsArePushedApart() {
        QList<SegmentInput> segments = {segment("lan", model::SegmentKind::Lan)};
        segments[0].placed = QPointF(1500, 125);
        QList<CardInput> cards;
        for (int row = 0; row < 3; ++row) {
            for (int column = 0; column < 3; ++column) {
                CardInput c = card(QStringLiteral("r%1c%2").arg(row).arg(column), {"lan"},
                                   QSizeF(260, 300 + 40 * column));
                c.placed = QPointF(column * 500, row * 250);
                cards << c;
            }
        }
        const Result result = computeLayout(cards, segments);
        verifyNoOverlap(result, cards);
        for (int row = 0; row < 3; ++row) {
            for (int column = 0; column < 3; ++column) {
                const QPointF p =
                    result.cardPositions.value(QStringLiteral("r%1c%2").arg(row).arg(column));
                QCOMPARE(p.y(), result.cardPositions.value(QStringLiteral("r%1c0").arg(row)).y());
                QCOMPARE(p.x(),
                         result.cardPositions.value(QStringLiteral("r0c%1").arg(column)).x());
            }
        }
        // Wide enough already: the columns keep the author's 500 units.
        QCOMPARE(result.cardPositions.value("r0c1").x() - result.cardPositions.value("r0c0").x(),
                 500.0);
        verifyRoutes(result, cards);
    }

    // A link leaving through a card's side starts level with its interface's row.
    void sideLinksStartAtTheirInterfaceRow() {
        QList<SegmentInput> segments = {segment("lan", model::SegmentKind::Lan)};
        segments[0].placed = QPointF(600, 100);
        QList<CardInput> cards = {card("host", {"lan"})};
        cards[0].placed = QPointF(0, 0);
        cards[0].attachmentAnchors = {77};
        const Result result = computeLayout(cards, segments);
        const QPolygonF route = result.routes.value("host").first();
        QCOMPARE(route.first(), QPointF(220, 77));
        verifyRoutes(result, cards);
    }

    void unknownSegmentGivesNoRoute() {
        const QList<CardInput> cards = {card("a", {"missing"})};
        const Result result = computeLayout(cards, {});
        QCOMPARE(result.routes.value("a").size(), 1);
        QVERIFY(result.routes.value("a").first().isEmpty());
    }

    // Every query region, inside, straddling, outside and degenerate (a vertical or
    // horizontal line, as the lane checks ask), gets the scan's indices in the scan's order.
    void gridFindsWhatAScanFinds() {
        const QList<QRectF> rects = scatteredRects(600);
        const ObstacleGrid grid(rects);
        QList<QRectF> regions = {QRectF(-100000, -100000, 1, 1), QRectF(-1000, -1000, 20000, 6000),
                                 QRectF(100, 0, 0, 2000), QRectF(0, 700, 12000, 0),
                                 QRectF(3500, 100, 400, 400)};
        for (const QRectF& r : rects.mid(0, 200)) {
            regions << r << r.adjusted(-150, -150, 150, 150) << QRectF(r.center(), QSizeF(1, 1))
                    << QRectF(r.right(), r.top(), 50, 50);  // touching only: no overlap
        }
        int nonEmpty = 0;
        for (const QRectF& region : regions) {
            const QList<int> expected = scanIntersecting(rects, region);
            QCOMPARE(grid.intersecting(region), expected);
            const QList<int> near = grid.near(region);
            for (int i : expected)
                QVERIFY(near.contains(i));
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        QVERIFY(nonEmpty > 300);  // the comparison was not between empty lists
        QVERIFY(ObstacleGrid(QList<QRectF>()).intersecting(QRectF(0, 0, 10, 10)).isEmpty());
    }

    // Routing with the grid gives, link for link and side for side, the route the scan of
    // all obstacles gives, on a crowded sample with routes that must detour.
    void gridRoutesMatchTheScan() {
        QList<QRectF> obstacles;
        for (int row = 0; row < 8; ++row) {
            for (int column = 0; column < 10; ++column)
                obstacles << QRectF(column * 300, row * 260, 220 + 10 * (row % 3), 180);
        }
        const int hubs = static_cast<int>(obstacles.size());
        obstacles << QRectF(3200, 100, 200, 52) << QRectF(1300, 2200, 200, 52)
                  << QRectF(-400, 900, 200, 52);
        const ObstacleGrid grid(obstacles);
        const QList<Side> sides = {Side::Top, Side::Bottom, Side::Left, Side::Right};
        int routed = 0;
        int shaped = 0;
        for (int card = 0; card < hubs; card += 3) {
            for (int hub = hubs; hub < obstacles.size(); ++hub) {
                for (Side from : sides) {
                    for (Side to : sides) {
                        const RouteRequest request{pointOnSide(obstacles[card], from, 0.5), from,
                                                   pointOnSide(obstacles[hub], to, 0.5), to};
                        const QPolygonF scanned = routeAround(request, obstacles, card, hub, 14);
                        QCOMPARE(routeAround(request, grid, card, hub, 14), scanned);
                        // Asked once for the card and hub, as the layout does for a link.
                        const QList<int> near =
                            obstaclesNear(grid, obstacles[card].united(obstacles[hub]), 14);
                        QCOMPARE(routeAround(request, grid, near, card, hub, 14), scanned);
                        routed += scanned.isEmpty() ? 0 : 1;
                        // The sample is crowded enough that the cards change routes.
                        shaped +=
                            scanned != routeAround(request, QList<QRectF>(), -1, -1, 14) ? 1 : 0;
                    }
                }
            }
        }
        QVERIFY(routed > 100);
        QVERIFY(shaped > 100);
    }

    void sameInputSameLayout() {
        const QList<SegmentInput> segments = {segment("inet", model::SegmentKind::Internet),
                                              segment("lan", model::SegmentKind::Lan)};
        QList<CardInput> cards;
        for (int i = 0; i < 9; ++i)
            cards << card(QStringLiteral("c%1").arg(i), {i % 2 ? "lan" : "inet"});
        const Result first = computeLayout(cards, segments);
        const Result second = computeLayout(cards, segments);
        QCOMPARE(first.cardPositions, second.cardPositions);
        QCOMPARE(first.segmentBands, second.segmentBands);
        QCOMPARE(first.routes, second.routes);
    }
};

QTEST_GUILESS_MAIN(TestDiagramLayout)
#include "tst_diagram_layout.moc"
