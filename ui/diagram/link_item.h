#pragma once
// A link between a card's interface (NIC or device interface) and a segment's bus, drawn
// as an orthogonal polyline in the segment's colour, with the interface alias written
// beside it where it leaves the card.

#include <QGraphicsItem>
#include <QPolygonF>

#include "core/model/enums.h"

namespace mailtopo::ui {

class LinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 30 };

    LinkItem(QString interfaceId, QString label, QString cardId, QString segmentId,
             model::SegmentKind kind);

    int type() const override { return Type; }
    const QString& interfaceId() const { return interfaceId_; }
    const QString& cardId() const { return cardId_; }
    const QString& segmentId() const { return segmentId_; }

    // Scene points from the card edge (first) to the bus edge (last).
    void setRoute(const QPolygonF& route);
    const QPolygonF& route() const { return route_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF labelRectFor(const QPolygonF& route) const;

    QString interfaceId_;
    QString label_;
    QString cardId_;
    QString segmentId_;
    model::SegmentKind kind_;
    QPolygonF route_;
    // Measured once: the view asks for the bounding rectangle far more often than the
    // route changes, and measuring text is not cheap.
    QSizeF labelSize_;
    QRectF labelRect_;
    QRectF boundingRect_;
};

}  // namespace mailtopo::ui
