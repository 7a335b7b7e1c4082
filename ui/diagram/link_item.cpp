#include "ui/diagram/link_item.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "ui/diagram/card_detail.h"
#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kLabelOffset = 5;
constexpr qreal kEndDot = 3.2;
// Below this zoom the 1.6-unit line is under a quarter of a pixel wide: drawn as a thin
// line it reads the same and costs far less.
constexpr qreal kMiniatureLod = 0.15;

}  // namespace

LinkItem::LinkItem(QString interfaceId, QString label, QString cardId, QString segmentId,
                   model::SegmentKind kind)
    : interfaceId_(std::move(interfaceId)),
      label_(std::move(label)),
      cardId_(std::move(cardId)),
      segmentId_(std::move(segmentId)),
      kind_(kind) {
    setData(0, interfaceId_);
    if (!label_.isEmpty()) {
        const QFontMetricsF metrics(DiagramStyle::standard().linkLabelFont);
        labelSize_ = QSizeF(metrics.horizontalAdvance(label_) + 4, metrics.height());
    }
}

void LinkItem::setRoute(const QPolygonF& route) {
    prepareGeometryChange();
    route_ = route;  // in scene coordinates: the item stays at the origin
    labelRect_ = labelRectFor(route_);
    const qreal margin = kEndDot + 2;
    boundingRect_ =
        route_.boundingRect().adjusted(-margin, -margin, margin, margin).united(labelRect_);
}

QRectF LinkItem::labelRectFor(const QPolygonF& route) const {
    if (route.size() < 2 || label_.isEmpty())
        return {};
    const QSizeF size = labelSize_;
    const QPointF start = route.first();
    const QPointF next = route[1];
    if (next.x() == start.x()) {
        // Leaving through the top or bottom: the label stands to the right of the line.
        const bool upwards = next.y() < start.y();
        const qreal top =
            upwards ? start.y() - kLabelOffset - size.height() : start.y() + kLabelOffset;
        return QRectF(QPointF(start.x() + kLabelOffset, top), size);
    }
    // Leaving through a side: the label sits above the line, next to the card.
    const bool leftwards = next.x() < start.x();
    const qreal left =
        leftwards ? start.x() - kLabelOffset - size.width() : start.x() + kLabelOffset;
    return QRectF(QPointF(left, start.y() - 2 - size.height()), size);
}

QRectF LinkItem::boundingRect() const {
    return boundingRect_;
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                     QWidget* /*widget*/) {
    if (route_.size() < 2)
        return;
    const DiagramStyle& style = DiagramStyle::standard();
    const QColor color = style.segmentColors(kind_).strong;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());

    if (lod < kMiniatureLod) {
        // Far out: a one-pixel line without antialiasing, the painter's fastest stroke.
        // What would be smaller than a pixel is not drawn at all.
        const QRectF extent = route_.boundingRect();
        if (std::max(extent.width(), extent.height()) * lod < 1)
            return;
        const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::Antialiasing, false);
        QPen pen(color, 0);  // cosmetic
        painter->setPen(pen);
        painter->drawPolyline(route_);
        painter->setRenderHint(QPainter::Antialiasing, antialiased);
        return;
    }
    painter->setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(route_);
    if (lod < fullDetailZoom(detailMediumOf(this)))
        return;

    painter->setBrush(style.cardFill);
    painter->drawEllipse(route_.first(), kEndDot, kEndDot);
    painter->setBrush(color);
    painter->drawEllipse(route_.last(), kEndDot, kEndDot);

    const QRectF& label = labelRect_;
    if (label.isEmpty())
        return;
    QColor backdrop = style.canvas;
    backdrop.setAlpha(220);
    painter->setPen(Qt::NoPen);
    painter->setBrush(backdrop);
    painter->drawRoundedRect(label, 2, 2);
    painter->setFont(style.linkLabelFont);
    painter->setPen(style.mutedText);
    painter->drawText(label, Qt::AlignCenter, label_);
}

}  // namespace mailtopo::ui
