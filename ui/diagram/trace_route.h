#pragma once
// Where a played trace is drawn: along the links the packet really takes. A hop from a card
// to the next goes out of the card by its link to the segment they share, along that
// segment's bus, and in by the other card's link — the routed, orthogonal polylines the
// diagram already draws — never straight across unrelated cards. Only two hops with no
// segment in common (a design still being drawn) are joined by a straight line.

#include <QList>
#include <QPointF>

class QGraphicsItem;

namespace mailtopo::ui {

class LinkItem;

// `hops`: the cards and segment bands the trace passes, in order (consecutive repeats
// already folded). Returns the polyline through them in scene coordinates: each card's
// centre, and between cards the link routes and the bus; the first point is the first
// hop's centre. Where two hops follow each other with no drawn link between them (cards on
// no common segment), the line breaks: a traceBreak() point, never a straight line across
// whatever lies between them.
QList<QPointF> traceRoute(const QList<QGraphicsItem*>& hops, const QList<LinkItem*>& links);

// The point that marks a break in a traced line (its coordinates are NaN).
QPointF traceBreak();
bool isTraceBreak(const QPointF& point);

}  // namespace mailtopo::ui
