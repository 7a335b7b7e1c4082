#include "ui/diagram/minimap_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include "ui/diagram/diagram_style.h"
#include "ui/diagram/diagram_view.h"

namespace mailtopo::ui {

MinimapView::MinimapView(DiagramView* main, QWidget* parent) : QGraphicsView(parent), main_(main) {
    setObjectName(QStringLiteral("minimapView"));
    setScene(main_->scene());
    setInteractive(false);  // a click moves the main view; it never selects or drags items
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(DiagramStyle::standard().canvas);
    setMinimumSize(120, 90);
    setToolTip(tr("Click or drag to move the view"));
    const auto repaint = [this] { viewport()->update(); };
    connect(main_->horizontalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(main_->verticalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(main_, &DiagramView::zoomChanged, this, repaint);
    if (scene() != nullptr)
        connect(scene(), &QGraphicsScene::sceneRectChanged, this, &MinimapView::refit);
}

QRectF MinimapView::visibleArea() const {
    return main_->mapToScene(main_->viewport()->rect()).boundingRect();
}

void MinimapView::refit() {
    if (scene() == nullptr || scene()->sceneRect().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
}

void MinimapView::drawForeground(QPainter* painter, const QRectF& rect) {
    QGraphicsView::drawForeground(painter, rect);
    if (scene() == nullptr || scene()->sceneRect().isEmpty())
        return;
    // Outside the visible area is dimmed; the area itself is outlined.
    const QRectF visible = visibleArea().intersected(scene()->sceneRect());
    QPainterPath outside;
    outside.addRect(scene()->sceneRect());
    QPainterPath inside;
    inside.addRect(visible);
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 28));
    painter->drawPath(outside.subtracted(inside));
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(DiagramStyle::standard().selection, 0));  // cosmetic: 1 px at any size
    painter->drawRect(visible);
    painter->restore();
}

void MinimapView::centreMainOn(const QPoint& minimapPos) {
    main_->centerOn(mapToScene(minimapPos));
    viewport()->update();
}

void MinimapView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        centreMainOn(event->position().toPoint());
}

void MinimapView::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons().testFlag(Qt::LeftButton))
        centreMainOn(event->position().toPoint());
}

void MinimapView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    refit();
}

void MinimapView::wheelEvent(QWheelEvent* event) {
    event->ignore();  // the minimap always shows everything
}

}  // namespace mailtopo::ui
