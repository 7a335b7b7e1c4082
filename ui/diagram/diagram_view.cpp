#include "ui/diagram/diagram_view.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QGestureEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "core/edit/arrange.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/host_item.h"
#include "ui/diagram/inline_name_editor.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/segment_item.h"

namespace mailtopo::ui {
namespace {

constexpr qreal kZoomStep = 1.25;
// A palette entry dropped on a band: its card's top-left, from the drop point and the band.
constexpr qreal kDropOffset = 100;  // about half a card to the left: centred under the pointer
constexpr qreal kDropGap = 72;      // below the band: room for the link
constexpr qreal kGridStep = edit::kDefaultGrid;  // the dots drawn are the grid items snap to

constexpr qreal kGripPixels = 7;  // how near (on screen) a link's end must be to grab it

// How the status bar names what a port drag starts from: the interface row's text.
QString portLabel(const CardItem* card, const QString& interfaceId) {
    for (const CardSection& section : card->content().sections) {
        for (const CardLine& line : section.lines) {
            if (line.anchorId == interfaceId)
                return QStringLiteral("%1 %2").arg(card->content().title, line.text);
        }
    }
    return card->content().title;
}

// The VIPs a load balancer's card lists (each row names the VIP it is about).
QStringList vipsOf(const CardItem* card) {
    QStringList vips;
    for (const CardSection& section : card->content().sections) {
        for (const CardLine& line : section.lines) {
            if (!line.elementId.isEmpty() && !vips.contains(line.elementId))
                vips << line.elementId;
        }
    }
    return vips;
}

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
    // Every item sets the pen, brush and font it draws with, so the view need not save and
    // restore the painter around each of thousands of items (a third of a fitted repaint).
    setOptimizationFlag(QGraphicsView::DontSavePainterState);
    setFrameShape(QFrame::NoFrame);
    // Scroll bars always there (disabled while everything is in view), as in Visio: a bar
    // appearing when an edit grows the canvas would narrow the viewport and move the drawing.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    // No background brush: the scene draws the canvas and its grid (DiagramScene), for the
    // view and for the cache of what the view shows alike.
    setFocusPolicy(Qt::StrongFocus);
    // Hovering a card shows its handles and a hint, without a button held.
    viewport()->setMouseTracking(true);
    viewport()->grabGesture(Qt::PinchGesture);
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
    // The scene rect is the items plus a margin: fitting it leaves no scroll bars. Edits
    // only grow it, so it is brought back to the drawing first.
    if (auto* diagram = qobject_cast<DiagramScene*>(scene()))
        diagram->fitExtentToItems();
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
        // Shift+wheel scrolls sideways (Visio, draw.io), and so does the plain wheel when
        // there is nothing to scroll up or down (the bars stay shown, so Qt would not).
        const QScrollBar* vertical = verticalScrollBar();
        const bool sideways = event->modifiers().testFlag(Qt::ShiftModifier) ||
                              vertical->minimum() == vertical->maximum();
        if (sideways && event->angleDelta().x() == 0 && event->angleDelta().y() != 0) {
            QScrollBar* bar = horizontalScrollBar();
            bar->setValue(bar->value() - event->angleDelta().y() *
                                             QApplication::wheelScrollLines() * bar->singleStep() /
                                             120);
            event->accept();
            return;
        }
        QGraphicsView::wheelEvent(event);  // plain wheel scrolls
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta != 0)
        zoomBy(std::pow(kZoomStep, delta / 120.0));
    event->accept();
}

bool DiagramView::viewportEvent(QEvent* event) {
    // Pinch to zoom: a trackpad's native gesture (macOS, Wayland, X11 with libinput) or a
    // touch screen's pinch, about the point under the fingers like Ctrl+wheel.
    if (event->type() == QEvent::NativeGesture) {
        auto* gesture = static_cast<QNativeGestureEvent*>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1 + gesture->value());
            return true;
        }
    } else if (event->type() == QEvent::Gesture) {
        auto* gestures = static_cast<QGestureEvent*>(event);
        if (auto* pinch = static_cast<QPinchGesture*>(gestures->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags().testFlag(QPinchGesture::ScaleFactorChanged))
                zoomBy(pinch->scaleFactor());
            gestures->accept(pinch);
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void DiagramView::applyStyle() {
    cache_.invalidate();
    viewport()->update();
}

QString DiagramView::paletteMimeType() {
    return QStringLiteral("application/x-mailtopo-palette-entry");
}

void DiagramView::keyPressEvent(QKeyEvent* event) {
    // Arrow keys nudge the selection one grid step (Alt: one unit).
    const qreal step = event->modifiers().testFlag(Qt::AltModifier) ? 1 : kGridStep;
    if (isConnecting() && event->key() == Qt::Key_Escape) {
        finishGesture(false);
        return;
    }
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
            if (renameByTyping(event))
                return;
            QGraphicsView::keyPressEvent(event);
    }
}

bool DiagramView::renameByTyping(QKeyEvent* event) {
    // Typing on the one card or band selected names it, as in drawing tools: the in-place
    // editor opens with the key typed over the old name. Shortcuts, Space (panning) and
    // keys without text keep their meaning.
    const QString text = event->text();
    if (text.isEmpty() || !text.at(0).isPrint() || text.at(0).isSpace() ||
        (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) ||
        scene() == nullptr)
        return false;
    QStringList selected;
    for (const QGraphicsItem* item : scene()->selectedItems()) {
        if (!item->data(0).toString().isEmpty())
            selected << item->data(0).toString();
    }
    if (selected.size() != 1 || !beginRename(selected.first()))
        return false;
    renamer_->insert(text);  // over the whole name, which the editor selects
    return true;
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
    if (event->button() == Qt::LeftButton && scene() != nullptr) {
        // A port, a handle, or a host with Shift held: a connect or flow drag, not a move.
        const Gesture grip = gripAt(event->position().toPoint(), event->modifiers());
        if (grip.kind != Gesture::Kind::None) {
            forgetMove();
            if (auto* diagram = qobject_cast<DiagramScene*>(scene()))
                connect(diagram, &DiagramScene::rebuilt, this, &DiagramView::onSceneRebuilt,
                        Qt::UniqueConnection);
            gesture_ = grip;
            viewport()->setCursor(Qt::CrossCursor);
            updateGesture(event->position().toPoint());
            event->accept();
            return;
        }
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
    if (isConnecting()) {
        updateGesture(event->position().toPoint());
        event->accept();
        return;
    }
    if (event->buttons() == Qt::NoButton)
        updateHover(event->position().toPoint(), event->modifiers());
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
    if (isConnecting()) {
        if (event->button() == Qt::LeftButton) {
            updateGesture(event->position().toPoint());
            finishGesture(true);
        }
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
        const QPoint at = event->position().toPoint();
        QPointF place = mapToScene(at);
        QString segmentId;
        for (QGraphicsItem* item : items(at)) {
            if (item->type() != SegmentItem::Type)
                continue;
            // Dropped on a band: the card goes just below it, where its link is short.
            const auto* band = static_cast<const SegmentItem*>(item);
            segmentId = band->segmentId();
            place = QPointF(place.x() - kDropOffset, band->sceneBandRect().bottom() + kDropGap);
            break;
        }
        emit paletteDropped(key, place, segmentId);
        return;
    }
    QGraphicsView::dropEvent(event);
}

void DiagramView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (keepFitted_)
        applyFit();
}

void DiagramView::setRetainedPainting(bool on) {
    retained_ = on;
    cache_.invalidate();
    viewport()->update();
}

void DiagramView::watchScene(QGraphicsScene* shown) {
    if (watched_ == shown)
        return;
    if (watched_ != nullptr)
        disconnect(watched_, &QGraphicsScene::changed, this, nullptr);
    watched_ = shown;
    cache_.invalidate();
    // Items report their old and new extents through `changed` once it is connected (Qt's
    // compatibility path), which is what the cache needs to know.
    connect(shown, &QGraphicsScene::changed, this,
            [this](const QList<QRectF>& rects) { cache_.invalidate(rects); });
}

void DiagramView::paintEvent(QPaintEvent* event) {
    // The rubber band is drawn by QGraphicsView over the items; while it is out, the view
    // paints as it would without a cache (the cache still follows the scene's changes).
    if (!retained_ || scene() == nullptr || !rubberBandRect().isNull()) {
        QGraphicsView::paintEvent(event);
        return;
    }
    watchScene(scene());
    const QTransform toViewport = viewportTransform();
    const QRegion stale =
        cache_.prepare(viewport()->size(), viewport()->devicePixelRatioF(), toViewport);
    if (!stale.isEmpty())
        renderIntoCache(stale, toViewport);
    QPainter painter(viewport());
    const qreal dpr = cache_.image().devicePixelRatio();
    for (const QRect& rect : event->region()) {
        const QRectF source(rect.x() * dpr, rect.y() * dpr, rect.width() * dpr,
                            rect.height() * dpr);
        painter.drawPixmap(QRectF(rect), cache_.image(), source);
    }
    painter.setRenderHints(renderHints());
    painter.setTransform(toViewport);
    drawOverlay(&painter);
}

void DiagramView::renderIntoCache(const QRegion& stale, const QTransform& toViewport) {
    QPainter painter(&cache_.image());
    painter.setRenderHints(renderHints());
    painter.setClipRegion(stale);
    const QTransform toScene = toViewport.inverted();
    // What QGraphicsView::paintEvent draws (the scene's background, then its items), stale
    // rectangle by stale rectangle: QGraphicsScene::render maps the scene rectangle onto the
    // same pixels the view shows it on, at the view's scale.
    for (const QRect& rect : stale) {
        scene()->render(&painter, QRectF(rect), toScene.mapRect(QRectF(rect)),
                        Qt::IgnoreAspectRatio);
    }
}

void DiagramView::drawForeground(QPainter* painter, const QRectF& rect) {
    QGraphicsView::drawForeground(painter, rect);
    drawOverlay(painter);
}

void DiagramView::drawOverlay(QPainter* painter) {
    if (isConnecting())
        drawGesture(painter);
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

// ---- connect and flow drags -----------------------------------------------------------

DiagramView::Gesture DiagramView::gripAt(const QPoint& viewPos,
                                         Qt::KeyboardModifiers modifiers) const {
    if (scene() == nullptr)
        return {};
    const QPointF at = mapToScene(viewPos);
    const qreal reach = kGripPixels / std::max(zoom(), 0.01);
    const QRectF around(at - QPointF(reach, reach), QSizeF(2 * reach, 2 * reach));
    for (QGraphicsItem* item :
         scene()->items(around, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
        if (item->type() == LinkItem::Type) {
            // A link's end on its card is the port of its interface: dragging it elsewhere
            // moves the interface to another segment.
            const auto* link = static_cast<const LinkItem*>(item);
            if (QLineF(link->route().first(), at).length() <= reach) {
                if (const CardItem* card =
                        qobject_cast<DiagramScene*>(scene())->card(link->cardId())) {
                    return {Gesture::Kind::Connect, link->interfaceId(),
                            portLabel(card, link->interfaceId()), link->route().first()};
                }
            }
            continue;
        }
        const CardItem* card = cardCast(item);
        if (card == nullptr)
            continue;
        const QPointF local = card->mapFromScene(at);
        switch (card->handleAt(local)) {
            case CardItem::Handle::Connect:
                return {Gesture::Kind::Connect, card->elementId(), card->content().title,
                        card->mapToScene(card->handleRect(CardItem::Handle::Connect).center())};
            case CardItem::Handle::Flow:
                return {Gesture::Kind::Flow, card->elementId(), card->content().title,
                        card->mapToScene(card->handleRect(CardItem::Handle::Flow).center())};
            case CardItem::Handle::None:
                break;
        }
        // Zoomed out, the rows (and their ports) are not drawn: nothing hidden is grabbed.
        const QString port =
            card->detailAt(zoom()) == CardDetail::Full ? card->portAt(local) : QString();
        if (!port.isEmpty()) {
            return {Gesture::Kind::Connect, port, portLabel(card, port),
                    card->mapToScene(card->portRect(port).center())};
        }
        if (modifiers.testFlag(Qt::ShiftModifier) && card->type() == HostItem::Type &&
            card->shape().contains(local)) {
            return {Gesture::Kind::Flow, card->elementId(), card->content().title, at};
        }
        if (card->shape().contains(local))
            break;  // the card on top hides what is under it
    }
    return {};
}

void DiagramView::updateHover(const QPoint& viewPos, Qt::KeyboardModifiers modifiers) {
    auto* diagram = qobject_cast<DiagramScene*>(scene());
    if (diagram == nullptr)
        return;
    connect(diagram, &DiagramScene::rebuilt, this, &DiagramView::onSceneRebuilt,
            Qt::UniqueConnection);
    // The topmost card whose area (handles included) is under the pointer shows its handles.
    const QPointF at = mapToScene(viewPos);
    QString hovered;
    for (QGraphicsItem* item :
         diagram->items(at, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
        if (const CardItem* card = cardCast(item)) {
            hovered = card->elementId();
            break;
        }
    }
    if (hovered != hoveredCard_) {
        if (CardItem* old = diagram->card(hoveredCard_))
            old->setHandlesShown(false);
        hoveredCard_ = hovered;
        if (CardItem* card = diagram->card(hoveredCard_))
            card->setHandlesShown(true);
    }
    const Gesture grip = gripAt(viewPos, modifiers);
    switch (grip.kind) {
        case Gesture::Kind::Connect:
            setHint(grip.from == hoveredCard_
                        ? tr("Drag onto a segment to connect %1 (a free interface, else a new "
                             "one, with the next free address)")
                              .arg(grip.label)
                        : tr("Drag %1 onto a segment to connect it there").arg(grip.label));
            break;
        case Gesture::Kind::Flow:
            setHint(tr("Drag onto a host or a VIP to add a mail flow from %1 and trace it")
                        .arg(grip.label));
            break;
        case Gesture::Kind::None:
            setHint(QString());
            break;
    }
}

void DiagramView::leaveEvent(QEvent* event) {
    QGraphicsView::leaveEvent(event);
    if (auto* diagram = qobject_cast<DiagramScene*>(scene())) {
        if (CardItem* card = diagram->card(hoveredCard_))
            card->setHandlesShown(false);
    }
    hoveredCard_.clear();
    if (!isConnecting())
        setHint(QString());
}

void DiagramView::onSceneRebuilt() {
    hoveredCard_.clear();
    if (isConnecting())
        finishGesture(false);
}

void DiagramView::setHint(const QString& hint) {
    if (hint == hint_)
        return;
    hint_ = hint;
    emit hintChanged(hint);
}

QString DiagramView::dropTarget(const QPoint& viewPos, QRectF* area) const {
    auto* diagram = qobject_cast<DiagramScene*>(scene());
    if (diagram == nullptr)
        return {};
    const QPointF at = mapToScene(viewPos);
    for (QGraphicsItem* item : diagram->items(at, Qt::IntersectsItemShape, Qt::DescendingOrder)) {
        if (gesture_.kind == Gesture::Kind::Connect) {
            if (item->type() == SegmentItem::Type) {
                const auto* segment = static_cast<const SegmentItem*>(item);
                *area = segment->sceneBandRect();
                return segment->segmentId();
            }
            continue;
        }
        const CardItem* card = cardCast(item);
        if (card == nullptr)
            continue;
        if (card->elementId() == gesture_.from)
            return {};  // a flow from a host to itself says nothing
        if (card->type() == HostItem::Type) {
            *area = card->sceneCardRect();
            return card->elementId();
        }
        if (card->type() == CardItem::LoadBalancerType) {
            // The VIP whose rows are under the pointer, or the only one the card has.
            QString vip = card->rowElementAt(card->mapFromScene(at));
            const QStringList vips = vipsOf(card);
            if (vip.isEmpty() && vips.size() == 1)
                vip = vips.first();
            if (!vip.isEmpty())
                *area = card->sceneCardRect();
            return vip;
        }
        return {};  // a router or firewall receives no mail
    }
    return {};
}

void DiagramView::updateGesture(const QPoint& viewPos) {
    gestureEnd_ = mapToScene(viewPos);
    QRectF area;
    targetId_ = dropTarget(viewPos, &area);
    targetArea_ = targetId_.isEmpty() ? QRectF() : area;
    auto* diagram = qobject_cast<DiagramScene*>(scene());
    const auto nameOf = [diagram](const QString& id) {
        if (const CardItem* card = diagram->card(id))
            return card->content().title;
        if (const SegmentItem* segment = diagram->segment(id))
            return segment->title();
        // A VIP: the load balancer's card lists it; the row says its name.
        if (const CardItem* card = cardCast(diagram->itemForElement(id))) {
            for (const CardSection& section : card->content().sections) {
                for (const CardLine& line : section.lines) {
                    if (line.elementId == id)
                        return line.text;
                }
            }
        }
        return id;
    };
    if (gesture_.kind == Gesture::Kind::Connect) {
        if (targetId_ != previewFor_) {
            previewFor_ = targetId_;
            preview_.clear();
            previewOk_ = targetId_.isEmpty() || !connectPreview_ ||
                         connectPreview_(gesture_.from, targetId_, &preview_);
        }
        if (!previewOk_) {
            // Refused before the drop: the band is not a target, the hint says why.
            targetId_.clear();
            targetArea_ = {};
            setHint(preview_);
        } else if (targetId_.isEmpty()) {
            setHint(tr("Release over a segment to connect %1; elsewhere, or Esc, cancels")
                        .arg(gesture_.label));
        } else {
            setHint(tr("Release to connect %1 to %2 %3")
                        .arg(gesture_.label, nameOf(targetId_), preview_)
                        .trimmed());
        }
    } else {
        setHint(
            targetId_.isEmpty()
                ? tr("Release over a host or a VIP to add a flow from %1; elsewhere, or "
                     "Esc, cancels")
                      .arg(gesture_.label)
                : tr("Release to add a flow from %1 to %2").arg(gesture_.label, nameOf(targetId_)));
    }
    viewport()->update();
}

void DiagramView::finishGesture(bool drop) {
    const Gesture done = gesture_;
    const QString target = targetId_;
    gesture_ = {};
    targetId_.clear();
    const QString refusal = previewOk_ ? QString() : preview_;
    previewFor_.clear();
    preview_.clear();
    previewOk_ = true;
    targetArea_ = {};
    viewport()->unsetCursor();
    viewport()->update();
    if (!drop || target.isEmpty()) {
        if (!refusal.isEmpty())
            setHint(refusal);
        else
            setHint(done.kind == Gesture::Kind::Connect ? tr("Not connected")
                                                        : tr("No flow added"));
        return;
    }
    setHint(QString());
    if (done.kind == Gesture::Kind::Connect)
        emit connectRequested(done.from, target);
    else
        emit flowRequested(done.from, target);
}

void DiagramView::drawGesture(QPainter* painter) const {
    const DiagramStyle& style = DiagramStyle::standard();
    const QColor ink =
        gesture_.kind == Gesture::Kind::Flow ? QColor(0x1d, 0x8a, 0x5a) : style.selection;
    const qreal unit = 1 / std::max(zoom(), 0.01);  // one pixel on screen
    painter->save();
    if (!targetArea_.isEmpty()) {
        QColor fill = ink;
        fill.setAlpha(40);
        painter->setBrush(fill);
        painter->setPen(QPen(ink, 3 * unit));
        painter->drawRoundedRect(targetArea_.adjusted(-4 * unit, -4 * unit, 4 * unit, 4 * unit), 10,
                                 10);
    }
    painter->setPen(QPen(ink, 2 * unit, Qt::DashLine, Qt::RoundCap));
    painter->drawLine(gesture_.anchor, gestureEnd_);
    painter->setPen(Qt::NoPen);
    painter->setBrush(ink);
    painter->drawEllipse(gesture_.anchor, 4 * unit, 4 * unit);
    painter->drawEllipse(gestureEnd_, 5 * unit, 5 * unit);
    painter->restore();
}

// ---- renaming in place ----------------------------------------------------------------

void DiagramView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        for (QGraphicsItem* item : items(event->position().toPoint())) {
            const QString id = item->data(0).toString();
            if ((cardCast(item) != nullptr || item->type() == SegmentItem::Type) &&
                beginRename(id)) {
                event->accept();
                return;
            }
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

bool DiagramView::beginRename(const QString& elementId) {
    auto* diagram = qobject_cast<DiagramScene*>(scene());
    if (diagram == nullptr)
        return false;
    QRectF area;
    QString name;
    // Zoomed out, a band's name is drawn in its middle: the editor goes there.
    const bool overview = zoom() < fullDetailZoom();
    if (const CardItem* card = diagram->card(elementId)) {
        area = card->mapRectToScene(card->titleRectAt(zoom()));
        name = card->content().title;
    } else if (const SegmentItem* segment = diagram->segment(elementId)) {
        area = overview ? segment->sceneBandRect() : segment->mapRectToScene(segment->titleRect());
        name = segment->title();
    } else {
        return false;
    }
    if (renamer_ != nullptr)
        renamer_->commit();
    reveal(area);
    QFont font = DiagramStyle::standard().titleFont;
    font.setPixelSize(std::clamp(qRound(font.pixelSize() * zoom()), 12, 28));
    const QFontMetrics metrics(font);
    QRect place = mapFromScene(area).boundingRect();
    const QPoint middle = place.center();
    if (overview)
        place.setHeight(metrics.height() + 10);
    place.setHeight(std::max(place.height(), metrics.height() + 10));
    place.setWidth(std::max(place.width(), 180));
    if (overview)
        place.moveCenter(middle);
    auto* editor = new InlineNameEditor(elementId, name, place, viewport());
    editor->setFont(font);
    renamer_ = editor;
    // Enter and Esc give the keyboard back to the canvas; a click elsewhere keeps it there.
    connect(editor, &InlineNameEditor::committed, this,
            [this, editor](const QString& id, const QString& newName) {
                if (editor->hasFocus())
                    setFocus();
                emit renameCommitted(id, newName);
            });
    connect(editor, &InlineNameEditor::cancelled, this, [this, editor] {
        if (editor->hasFocus())
            setFocus();
    });
    return true;
}

}  // namespace mailtopo::ui
