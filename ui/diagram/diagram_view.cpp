#include "ui/diagram/diagram_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kZoomStep = 1.25;
constexpr qreal kGridStep = 24;

}  // namespace

DiagramView::DiagramView(QWidget* parent) : QGraphicsView(parent) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);  // empty canvas pans; items still take clicks
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Every item's boundingRect covers its shadow and labels, so the smart mode (repaint
    // only what changed) leaves no trails.
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(DiagramStyle::standard().canvas);
    setFocusPolicy(Qt::StrongFocus);
}

qreal DiagramView::zoom() const {
    return transform().m11();
}

void DiagramView::zoomIn() {
    zoomBy(kZoomStep);
}

void DiagramView::zoomOut() {
    zoomBy(1 / kZoomStep);
}

void DiagramView::zoomBy(qreal factor) {
    keepFitted_ = false;
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    scale(target / zoom(), target / zoom());
    emit zoomChanged(zoom());
}

void DiagramView::fitToContents() {
    keepFitted_ = true;
    applyFit();
}

void DiagramView::reveal(const QRectF& area) {
    if (area.isEmpty())
        return;
    keepFitted_ = false;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const QRectF wanted = area.adjusted(-60, -60, 60, 60);
    if (wanted.width() > visible.width() || wanted.height() > visible.height()) {
        fitInView(wanted, Qt::KeepAspectRatio);
        emit zoomChanged(zoom());
    } else if (!visible.contains(area)) {
        centerOn(area.center());
    }
}

void DiagramView::applyFit() {
    if (scene() == nullptr)
        return;
    // The scene rect is the items plus a margin: fitting it leaves no scroll bars.
    const QRectF contents = scene()->sceneRect();
    if (contents.isEmpty()) {
        resetTransform();
        emit zoomChanged(zoom());
        return;
    }
    fitInView(contents, Qt::KeepAspectRatio);
    if (zoom() > kMaxFitZoom) {
        setTransform(QTransform::fromScale(kMaxFitZoom, kMaxFitZoom));
        centerOn(contents.center());
    }
    emit zoomChanged(zoom());
}

void DiagramView::wheelEvent(QWheelEvent* event) {
    if (!event->modifiers().testFlag(Qt::ControlModifier)) {
        keepFitted_ = false;
        QGraphicsView::wheelEvent(event);  // plain wheel scrolls
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta != 0)
        zoomBy(std::pow(kZoomStep, delta / 120.0));
    event->accept();
}

void DiagramView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:  // the unshifted "+" key on US layouts
            zoomIn();
            return;
        case Qt::Key_Minus:
            zoomOut();
            return;
        default:
            QGraphicsView::keyPressEvent(event);
    }
}

void DiagramView::mousePressEvent(QMouseEvent* event) {
    keepFitted_ = false;  // the user is looking at something: stop re-fitting on resize
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (keepFitted_)
        applyFit();
}

void DiagramView::drawBackground(QPainter* painter, const QRectF& rect) {
    const DiagramStyle& style = DiagramStyle::standard();
    painter->fillRect(rect, style.canvas);
    // A faint dot grid gives a sense of scale; zoomed out it would only be noise.
    if (zoom() < 0.5)
        return;
    painter->setPen(QPen(style.gridDot, 1.5 / zoom(), Qt::SolidLine, Qt::RoundCap));
    const qreal left = std::floor(rect.left() / kGridStep) * kGridStep;
    const qreal top = std::floor(rect.top() / kGridStep) * kGridStep;
    QVector<QPointF> dots;
    for (qreal x = left; x < rect.right(); x += kGridStep) {
        for (qreal y = top; y < rect.bottom(); y += kGridStep)
            dots << QPointF(x, y);
    }
    painter->drawPoints(dots.constData(), static_cast<int>(dots.size()));
}

void DiagramView::drawForeground(QPainter* painter, const QRectF& rect) {
    QGraphicsView::drawForeground(painter, rect);
    // The scene rect is empty only when no design is open (DiagramScene sets it otherwise);
    // cheaper than listing the items on every repaint.
    if (scene() != nullptr && !scene()->sceneRect().isEmpty())
        return;
    // An empty window says what to do instead of showing a blank canvas.
    painter->save();
    painter->resetTransform();
    painter->setPen(DiagramStyle::standard().mutedText);
    QFont font = DiagramStyle::standard().titleFont;
    font.setWeight(QFont::Normal);
    painter->setFont(font);
    painter->drawText(viewport()->rect(), Qt::AlignCenter, tr("Open a design with File → Open…"));
    painter->restore();
}

}  // namespace mailtopo::ui
