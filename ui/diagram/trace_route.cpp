#include "ui/diagram/trace_route.h"

#include <QGraphicsItem>
#include <QtNumeric>

#include "ui/diagram/card_item.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/segment_item.h"

namespace mailtopo::ui {
namespace {

const LinkItem* linkBetween(const QList<LinkItem*>& links, const QString& cardId,
                            const QString& segmentId) {
    for (const LinkItem* link : links) {
        if (link->cardId() == cardId && link->segmentId() == segmentId && !link->route().isEmpty())
            return link;
    }
    return nullptr;
}

// A segment both cards have a link to, preferring none in particular (the first found).
QString sharedSegment(const QList<LinkItem*>& links, const QString& a, const QString& b) {
    for (const LinkItem* from : links) {
        if (from->cardId() != a)
            continue;
        if (linkBetween(links, b, from->segmentId()) != nullptr)
            return from->segmentId();
    }
    return {};
}

SegmentItem* bandOf(QGraphicsItem* item) {
    return item != nullptr && item->type() == SegmentItem::Type ? static_cast<SegmentItem*>(item)
                                                                : nullptr;
}

class Route {
public:
    void add(const QPointF& p) {
        if (points_.isEmpty() || isTraceBreak(points_.last()) || points_.last() != p)
            points_ << p;
    }
    // From the last point to `p` along a bus: first along the bus's edge the last point is
    // on, then across. Two link ends on the same edge make one straight run.
    void alongBus(const QPointF& p) {
        if (!points_.isEmpty() && !isTraceBreak(points_.last()) && points_.last().y() != p.y())
            add(QPointF(p.x(), points_.last().y()));
        add(p);
    }
    void outOf(const LinkItem& link) {  // card edge → bus
        for (const QPointF& p : link.route())
            add(p);
    }
    void into(const LinkItem& link) {  // bus → card edge
        const QPolygonF& route = link.route();
        alongBus(route.last());
        for (auto it = route.rbegin() + 1; it != route.rend(); ++it)
            add(*it);
    }
    void breakOff() {
        if (!points_.isEmpty() && !isTraceBreak(points_.last()))
            points_ << traceBreak();
    }
    const QList<QPointF>& points() const { return points_; }
    bool isEmpty() const { return points_.isEmpty(); }

private:
    QList<QPointF> points_;
};

}  // namespace

QPointF traceBreak() {
    return {qQNaN(), qQNaN()};
}

bool isTraceBreak(const QPointF& point) {
    return qIsNaN(point.x());
}

QList<QPointF> traceRoute(const QList<QGraphicsItem*>& hops, const QList<LinkItem*>& links) {
    Route route;
    const CardItem* lastCard = nullptr;
    const SegmentItem* lastBand = nullptr;
    for (QGraphicsItem* hop : hops) {
        const QPointF centre = hop->sceneBoundingRect().center();
        if (const CardItem* card = cardCast(hop)) {
            if (lastBand != nullptr) {
                if (const LinkItem* in =
                        linkBetween(links, card->elementId(), lastBand->segmentId()))
                    route.into(*in);
            } else if (lastCard != nullptr) {
                const QString shared =
                    sharedSegment(links, lastCard->elementId(), card->elementId());
                if (!shared.isEmpty()) {
                    route.outOf(*linkBetween(links, lastCard->elementId(), shared));
                    route.into(*linkBetween(links, card->elementId(), shared));
                } else {
                    route.breakOff();  // nothing drawn joins them
                }
            }
            route.add(centre);
            lastCard = card;
            lastBand = nullptr;
        } else if (const SegmentItem* band = bandOf(hop)) {
            const LinkItem* out = lastCard != nullptr
                                      ? linkBetween(links, lastCard->elementId(), band->segmentId())
                                      : nullptr;
            if (out != nullptr) {
                route.outOf(*out);  // now on the bus, where the next card's link starts from
            } else {
                if (lastCard != nullptr || lastBand != nullptr)
                    route.breakOff();  // a band the last hop has no link to
                route.add(centre);
            }
            lastBand = band;
            lastCard = nullptr;
        }
    }
    return route.points();
}

}  // namespace mailtopo::ui
