#pragma once
// A segment (an L2 broadcast domain), drawn in the colour of its kind (internet, DMZ,
// LAN) in one of two shapes:
//  - a bus: a long horizontal band labelled at its left end, the classic network drawing
//    used by the automatic layout, with cards hanging above and below it;
//  - a hub: a compact two-line block (name, subnets) placed like any other element, used
//    when the view places the segment itself.
// Links from NICs and device interfaces end on its edge.

#include <QColor>
#include <QFont>
#include <QGraphicsItem>

#include "core/model/network.h"

namespace mailtopo::ui {

class SegmentItem : public QGraphicsItem {
public:
    enum { Type = UserType + 20 };
    enum class Shape { Bus, Hub };

    explicit SegmentItem(const model::Segment& segment);

    int type() const override { return Type; }
    const QString& segmentId() const { return segmentId_; }
    model::SegmentKind kind() const { return kind_; }
    const QString& title() const { return title_; }
    // Where the name is written (item coordinates): the inline name editor covers it.
    QRectF titleRect() const;
    Shape drawnAs() const { return shape_; }
    // The name as written zoomed out to `lod` (elided only when the band is too short).
    QString overviewTextAt(qreal lod) const { return overviewAt(lod).text; }

    // The length of a bus's left end taken by the label; links should not land there.
    qreal labelWidth() const { return labelWidth_; }
    static qreal busHeight();
    // The size of the segment drawn as a hub.
    QSizeF hubSize() const { return hubSize_; }

    // Places the segment: `rect` in scene coordinates (a bus's height is busHeight()).
    void setGeometry(const QRectF& rect, Shape shape);
    QRectF sceneBandRect() const { return QRectF(scenePos(), size_); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    // A ring in a finding's severity colour around the band (invalid colour: none).
    void setMark(const QColor& color);
    QColor mark() const { return mark_; }

private:
    // Zoomed out, the name alone at a size readable on screen: worked out once per zoom,
    // not on every repaint.
    struct Overview {
        qreal lod = -1;
        QFont font;
        QString text;
    };
    const Overview& overviewAt(qreal lod) const;
    QRectF overviewArea() const;
    void paintBusLabel(QPainter* painter, qreal lod) const;
    void paintHubLabel(QPainter* painter, qreal lod) const;
    qreal radius() const;

    QString segmentId_;
    model::SegmentKind kind_;
    QString title_;
    QString subnets_;
    qreal labelWidth_ = 0;
    QSizeF hubSize_;
    QSizeF size_;
    Shape shape_ = Shape::Bus;
    mutable Overview overview_;
    QColor mark_;
};

}  // namespace mailtopo::ui
