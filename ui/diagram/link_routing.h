#pragma once
// Orthogonal link routing between two rectangles' edges around rectangular obstacles:
// straight, L, Z and U shapes, the shortest one that crosses no obstacle. Small and
// deterministic on purpose. Each route only looks at the obstacles near its two ends;
// with an ObstacleGrid finding those, trying every side pair stays cheap on estates of
// thousands of cards.

#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include "ui/diagram/obstacle_grid.h"

namespace mailtopo::ui::layout {

enum class Side { Top, Bottom, Left, Right };

// The point `fraction` (0..1) along `side` of `rect` (left→right, top→bottom).
QPointF pointOnSide(const QRectF& rect, Side side, qreal fraction);

struct RouteRequest {
    QPointF start;
    Side startSide;  // the side of the source rectangle the link leaves through
    QPointF end;
    Side endSide;  // the side of the target rectangle it enters through
};

// A route for `request` that crosses none of `obstacles` except the two indices to
// ignore (the link's own ends; -1 for none), keeping `clearance` from them. Empty when
// every tried shape is blocked.
QPolygonF routeAround(const RouteRequest& request, const QList<QRectF>& obstacles, int ignoreA,
                      int ignoreB, qreal clearance);
// The same route, with the grid finding the obstacles near the ends instead of a scan of
// all of them (indices into obstacles.rects()).
QPolygonF routeAround(const RouteRequest& request, const ObstacleGrid& obstacles, int ignoreA,
                      int ignoreB, qreal clearance);
// The obstacles any route between two points of `area` (a link's card and hub, united) may
// meet: asked of the grid once, then given to routeAround below for every shape tried
// between them (a layout tries sixteen pairs of sides per link).
QList<int> obstaclesNear(const ObstacleGrid& obstacles, const QRectF& area, qreal clearance);
// The same route again, from `near` (obstaclesNear of an area holding both ends).
QPolygonF routeAround(const RouteRequest& request, const ObstacleGrid& obstacles,
                      const QList<int>& near, int ignoreA, int ignoreB, qreal clearance);

// The simple shape for `request` ignoring obstacles (the last resort).
QPolygonF directRoute(const RouteRequest& request);

// Length plus a cost per bend: how routes are compared.
qreal routeCost(const QPolygonF& route);

}  // namespace mailtopo::ui::layout
