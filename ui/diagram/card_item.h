#pragma once
// The shared base of every card on the diagram (hosts, load balancers, firewalls,
// routers): a rounded card with an icon header and sections of lines, painted from a
// CardContent with the level of detail card_detail.h decides: every row at a readable zoom;
// zoomed out, a summary (icon, whole name, kind, key addresses) sized for the screen; zoomed
// out so far that no name could be read (the fitted view of a large estate), a plain
// rectangle, which is what keeps repainting thousands of cards fast.
//
// For direct manipulation the card knows where its grips are: each interface row's chip is
// the port of that NIC or interface, and while the pointer is over the card (or it is
// selected) it shows a connect handle on its bottom edge and, on hosts, a flow handle on
// its right edge. DiagramView turns drags from them into connections and flows.

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QHash>
#include <QList>
#include <QPainterPath>

#include "ui/diagram/card_content.h"
#include "ui/diagram/card_detail.h"

namespace mailtopo::ui {

class CardItem : public QGraphicsItem {
public:
    // Item types of the card subclasses: a contiguous range, so cardCast() can recognise
    // any card without a dynamic_cast.
    enum {
        HostType = UserType + 1,
        LoadBalancerType,
        FirewallType,
        RouterType,
        FirstCardType = HostType,
        LastCardType = RouterType,
    };

    enum class Edge { Top, Bottom };

    const CardContent& content() const { return content_; }
    const QString& elementId() const { return content_.elementId; }

    QSizeF cardSize() const { return {width_, height_}; }
    // The card in scene coordinates (without the shadow).
    QRectF sceneCardRect() const { return QRectF(scenePos(), cardSize()); }
    // A point on the top or bottom edge, `fraction` (0..1) of the way from the left.
    QPointF edgePoint(Edge edge, qreal fraction) const;

    // The vertical middle (in card coordinates) of the row heading `interfaceId`, or a
    // negative value when the card lists no such row.
    qreal anchorY(const QString& interfaceId) const { return anchors_.value(interfaceId, -1); }

    // ---- grips for direct manipulation (all in card coordinates) ----
    enum class Handle { None, Connect, Flow };
    // Shows the handles (the view does while the pointer is over the card).
    void setHandlesShown(bool shown);
    bool handlesShown() const { return handlesShown_; }
    // The handle at `itemPos`, while they are shown or the card is selected.
    Handle handleAt(const QPointF& itemPos) const;
    // Where a handle is drawn; empty for a card without it (Flow: hosts only).
    QRectF handleRect(Handle handle) const;
    // The interface whose port (the chip before its row) is at `itemPos`; empty if none.
    // Below CardDetail::Full the rows are not drawn, and the view does not offer their ports.
    QString portAt(const QPointF& itemPos) const;
    QRectF portRect(const QString& interfaceId) const;
    // The nested element (a VIP, a receive connector) of the row at `itemPos`; empty if none.
    QString rowElementAt(const QPointF& itemPos) const;
    // Where the title is written: the inline name editor covers it.
    QRectF titleRect() const;
    // What the card shows at `lod` in the scene it is drawn in (card_detail.h's rule).
    CardDetail detailAt(qreal lod) const;
    // Where the name is written at `lod`: the title, the summary's name lines, or the card.
    QRectF titleRectAt(qreal lod) const;

    // What the card shows zoomed out to `lod` (see card_detail.h), laid out for that zoom.
    const CardSummary& summaryAt(qreal lod) const;

    // A ring in a finding's severity colour around the card (invalid colour: none).
    void setMark(const QColor& color);
    QColor mark() const { return mark_; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    explicit CardItem(CardContent content);

private:
    // One painted row below the header, positioned once at construction.
    struct Row {
        enum class Kind { Heading, Line } kind = Kind::Line;
        int section = 0;
        int line = 0;  // index in the section's lines (Kind::Line only)
        qreal top = 0;
        qreal height = 0;
        QString text;  // the row's text, elided to fit the card
    };

    void layoutRows();
    qreal tagsWidth(const QList<CardTag>& tags) const;

    void paintFrame(QPainter* painter, qreal lod, bool selected) const;
    void paintSummary(QPainter* painter, qreal lod) const;
    void paintAsMiniature(QPainter* painter, qreal lod, bool selected) const;
    void paintHeader(QPainter* painter, qreal lod) const;
    void paintRow(QPainter* painter, const Row& row) const;
    void paintGrips(QPainter* painter, bool ports) const;

    CardContent content_;
    QList<Row> rows_;
    QHash<QString, qreal> anchors_;
    QHash<QString, QRectF> ports_;  // interface id → its chip
    qreal width_ = 0;
    qreal height_ = 0;
    qreal headerHeight_ = 0;
    QString elidedTitle_;
    QString elidedSubtitle_;
    QPainterPath accentStrip_;  // the top of the rounded card, in the kind's colour
    QRectF boundingRect_;       // asked for on every repaint, fixed once laid out
    // Zoomed out, what the card shows depends only on the zoom: laid out once per zoom.
    mutable CardSummary summary_;
    QColor mark_;
    bool handlesShown_ = false;
};

// The card behind `item`, or nullptr when `item` is not a card.
CardItem* cardCast(QGraphicsItem* item);
const CardItem* cardCast(const QGraphicsItem* item);

}  // namespace mailtopo::ui
