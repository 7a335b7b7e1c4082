#include "ui/diagram/diagram_view.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "core/edit/arrange.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/segment_item.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kZoomStep = 1.25;
constexpr qreal kGridStep = edit::kDefaultGrid;  // the dots drawn are the grid items snap to

QGraphicsItem* movableAt(QGraphicsItem* item) {
    item = item != nullptr ? item->topLevelItem() : nullptr;
    return item != nullptr && item->flags().testFlag(QGraphicsItem::ItemIsMovable) ? item : nullptr;
}

}  // namespace

DiagramView::DiagramView(QWidget* parent) : QGraphicsView(parent) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    // Dragging on the empty canvas selects with a rubber band; the middle button (or Space
    // held) pans.
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setAcceptDrops(true);
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

void DiagramView::applyStyle() {
    setBackgroundBrush(DiagramStyle::standard().canvas);
    viewport()->update();
}

QString DiagramView::paletteMimeType() {
    return QStringLiteral("application/x-mailtopo-palette-entry");
}

void DiagramView::keyPressEvent(QKeyEvent* event) {
    // Arrow keys nudge the selection one grid step (Alt: one unit).
    const qreal step = event->modifiers().testFlag(Qt::AltModifier) ? 1 : kGridStep;
    switch (event->key()) {
        case Qt::Key_Space:
            if (!event->isAutoRepeat()) {
                spaceHeld_ = true;
                viewport()->setCursor(Qt::OpenHandCursor);
            }
            return;
        case Qt::Key_Left:
            nudge({-step, 0});
            return;
        case Qt::Key_Right:
            nudge({step, 0});
            return;
        case Qt::Key_Up:
            nudge({0, -step});
            return;
        case Qt::Key_Down:
            nudge({0, step});
            return;
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

void DiagramView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        if (!panning_)
            viewport()->unsetCursor();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent* event) {
    keepFitted_ = false;  // the user is looking at something: stop re-fitting on resize
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_)) {
        panning_ = true;
        panFrom_ = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
    if (event->button() == Qt::LeftButton) {
        // The topmost card or segment under the mouse: a link's bounding box may lie over it.
        for (QGraphicsItem* item : items(event->position().toPoint())) {
            if (QGraphicsItem* movable = movableAt(item)) {
                if (movable->isSelected())
                    beginMove(movable);
                break;
            }
        }
    }
}

void DiagramView::mouseMoveEvent(QMouseEvent* event) {
    if (panning_) {
        const QPoint delta = event->position().toPoint() - panFrom_;
        panFrom_ = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
    if (grabbed_ != nullptr && event->buttons().testFlag(Qt::LeftButton)) {
        snapMove(event->modifiers().testFlag(Qt::AltModifier));
        stretchLinks();
    }
}

void DiagramView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_) {
        panning_ = false;
        if (spaceHeld_)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    if (grabbed_ != nullptr && event->button() == Qt::LeftButton)
        endMove();
}

void DiagramView::beginMove(QGraphicsItem* grabbed) {
    forgetMove();
    if (scene() == nullptr)
        return;
    grabbed_ = grabbed;
    for (QGraphicsItem* item : scene()->selectedItems()) {
        if (movableAt(item) == item)
            moveStart_.insert(item, item->pos());
    }
    moveStart_.insert(grabbed, grabbed->pos());
    if (auto* diagram = qobject_cast<DiagramScene*>(scene())) {
        // A rebuild (undo, a change from elsewhere) replaces the items being dragged.
        connect(diagram, &DiagramScene::rebuilt, this, &DiagramView::forgetMove,
                Qt::UniqueConnection);
        QSet<QString> moving;
        for (QGraphicsItem* item : moveStart_.keys())
            moving.insert(item->data(0).toString());
        for (LinkItem* link : diagram->links()) {
            if (moving.contains(link->cardId()) || moving.contains(link->segmentId()))
                linkStart_.insert(link, link->route());
        }
    }
}

void DiagramView::forgetMove() {
    grabbed_ = nullptr;
    moveStart_.clear();
    linkStart_.clear();
}

void DiagramView::snapMove(bool bypass) {
    if (gridStep_ <= 0 || bypass || grabbed_ == nullptr)
        return;
    // The grabbed item's corner lands on the grid; the rest of the selection keeps its
    // distance to it.
    const QPointF at = grabbed_->pos();
    const QPointF snapped(std::round(at.x() / gridStep_) * gridStep_,
                          std::round(at.y() / gridStep_) * gridStep_);
    const QPointF delta = snapped - at;
    if (delta.isNull())
        return;
    for (auto it = moveStart_.cbegin(); it != moveStart_.cend(); ++it)
        it.key()->setPos(it.key()->pos() + delta);
}

void DiagramView::stretchLinks() {
    // Until the drop routes them again, links follow as straight lines from the moved card
    // to the (possibly moved) segment.
    auto* diagram = qobject_cast<DiagramScene*>(scene());
    if (diagram == nullptr)
        return;
    const auto shiftOf = [&](const QString& id) {
        QGraphicsItem* item = diagram->card(id);
        if (item == nullptr)
            item = diagram->segment(id);
        const auto it = moveStart_.constFind(item);
        return it == moveStart_.cend() ? QPointF() : item->pos() - it.value();
    };
    for (auto it = linkStart_.cbegin(); it != linkStart_.cend(); ++it) {
        auto* link = static_cast<LinkItem*>(it.key());
        const QPolygonF& start = it.value();
        const QPointF cardShift = shiftOf(link->cardId());
        const QPointF segmentShift = shiftOf(link->segmentId());
        if (cardShift == segmentShift)
            link->setRoute(start.translated(cardShift));
        else
            link->setRoute(QPolygonF{start.first() + cardShift, start.last() + segmentShift});
    }
}

void DiagramView::endMove() {
    QHash<QString, QPointF> moved;
    for (auto it = moveStart_.cbegin(); it != moveStart_.cend(); ++it) {
        if (it.key()->pos() != it.value())
            moved.insert(it.key()->data(0).toString(), it.key()->pos());
    }
    forgetMove();  // the change rebuilds the scene: no pointer may outlive this
    if (!moved.isEmpty())
        emit elementsMoved(moved);
}

void DiagramView::nudge(const QPointF& delta) {
    if (scene() == nullptr)
        return;
    QHash<QString, QPointF> moved;
    for (QGraphicsItem* item : scene()->selectedItems()) {
        if (movableAt(item) == item)
            moved.insert(item->data(0).toString(), item->pos() + delta);
    }
    if (!moved.isEmpty())
        emit elementsMoved(moved);
}

void DiagramView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(paletteMimeType())) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dragEnterEvent(event);
}

void DiagramView::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(paletteMimeType())) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dragMoveEvent(event);
}

void DiagramView::dropEvent(QDropEvent* event) {
    if (event->mimeData()->hasFormat(paletteMimeType())) {
        const QString key = QString::fromUtf8(event->mimeData()->data(paletteMimeType()));
        event->acceptProposedAction();
        emit paletteDropped(key, mapToScene(event->position().toPoint()));
        return;
    }
    QGraphicsView::dropEvent(event);
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
    painter->drawText(viewport()->rect(), Qt::AlignCenter,
                      tr("Open a design (File → Open…) or start one (File → New)"));
    painter->restore();
}

}  // namespace mailtopo::ui
