#pragma once
// Looks at a DiagramScene: zoom (Ctrl+wheel, +/-, pinch), fit to window, pan (middle button, or
// Space held while dragging), rubber-band selection on the empty canvas. Dragging cards
// and segments moves them on screen (snapped to the grid unless Alt is held); when the
// drag ends the view reports where they went, and the editor turns that into a change of
// the design. Palette entries dropped on the canvas are reported the same way.
//
// Direct manipulation: dragging from a port (an interface's chip on a card, or a link's end
// on it) or from a card's connect handle onto a segment asks to connect it; dragging from a
// host's flow handle, or Shift-dragging a host, onto another host or a VIP asks for a flow.
// While dragging, a rubber line follows the pointer and the target under it is outlined;
// dropping elsewhere or Esc cancels. Hovering a grip says in the status bar what dragging
// it does. Double-click (or F2 through beginRename), or typing on the one card or band
// selected, renames it in place. The view itself never changes the design: it reports what
// the user asked for.

#include <QGraphicsView>
#include <QHash>
#include <QPointer>
#include <QPolygonF>
#include <functional>

#include "ui/diagram/inline_name_editor.h"
#include "ui/diagram/viewport_cache.h"

namespace mailtopo::ui {

class DiagramView : public QGraphicsView {
    Q_OBJECT

public:
    explicit DiagramView(QWidget* parent = nullptr);

    qreal zoom() const;  // 1.0 = one scene unit per pixel

    // Whether dropping `from` on segment `segmentId` would connect it, and in `text` what
    // it would give ("with 10.0.1.12") or why not; asked once per segment the drag passes
    // over. A segment that would refuse is not offered as a target.
    using ConnectPreview =
        std::function<bool(const QString& from, const QString& segmentId, QString* text)>;
    void setConnectPreview(ConnectPreview preview) { connectPreview_ = std::move(preview); }

    static constexpr qreal kMinZoom = 0.05;
    static constexpr qreal kMaxZoom = 6.0;
    // Fitting never magnifies beyond this, so a two-card design does not fill the screen
    // with giant text.
    static constexpr qreal kMaxFitZoom = 1.25;

public slots:
    void zoomIn();
    void zoomOut();
    void zoomBy(qreal factor);
    // Shows the whole diagram. Until the user zooms or pans, the view stays fitted when
    // the window is resized (the first layout of a new window included).
    void fitToContents();
    // Brings `area` (scene coordinates) into view: centred, and zoomed out just enough when
    // it is larger than the view; never zoomed in.
    void reveal(const QRectF& area);

    // Snap dragged items to this grid (0: off); Alt bypasses it while dragging.
    void setGridStep(qreal step) { gridStep_ = step; }

    // Retained painting (on by default): what the view shows is kept as an image and only
    // what the scene changed is rendered again; a repaint of an unchanged drawing is a copy.
    // Off: every repaint renders the items in sight (tests compare the two).
    void setRetainedPainting(bool on);
    qreal gridStep() const { return gridStep_; }

    // Takes up the current DiagramStyle (a theme switch).
    void applyStyle();

    // The MIME type a palette entry is dragged under: its key, UTF-8.
    static QString paletteMimeType();

    // Opens the in-place name editor over the card or band showing `elementId`; false when
    // it is not drawn. The editor reports renameCommitted().
    bool beginRename(const QString& elementId);
    InlineNameEditor* renameEditor() const { return renamer_; }

    // A connect or flow drag in progress: what it started from and the target under the
    // pointer (empty: none). For tests and the status bar.
    bool isConnecting() const { return gesture_.kind != Gesture::Kind::None; }
    QString gestureTarget() const { return targetId_; }

signals:
    void zoomChanged(qreal zoom);
    // A drag (or an arrow-key nudge) moved cards or segments: element id → new top-left.
    void elementsMoved(const QHash<QString, QPointF>& topLefts);
    // A palette entry was dropped at `scenePos`; on a segment's band, `segmentId` names it
    // (the new element goes beside the band, connected to it).
    void paletteDropped(const QString& key, const QPointF& scenePos, const QString& segmentId);
    // A port or connect handle was dropped on a segment: put `elementId` (an interface, or
    // the card's element) on it.
    void connectRequested(const QString& elementId, const QString& segmentId);
    // A host was dragged onto another host or a VIP (`toId`): a flow between them.
    void flowRequested(const QString& fromHostId, const QString& toId);
    // The in-place editor was committed with a new name.
    void renameCommitted(const QString& elementId, const QString& name);
    // What the grip under the pointer, or the drag in progress, does; empty: nothing.
    void hintChanged(const QString& hint);

protected:
    void wheelEvent(QWheelEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void applyFit();
    // Moving items: where each selected movable item started, and the links that follow.
    void beginMove(QGraphicsItem* grabbed);
    void snapMove(bool bypass);
    void stretchLinks();
    void endMove();
    void nudge(const QPointF& delta);
    void forgetMove();

    // Connect and flow drags.
    struct Gesture {
        enum class Kind { None, Connect, Flow } kind = Kind::None;
        QString from;    // the interface or element the drag started from
        QString label;   // how the status bar names it
        QPointF anchor;  // where the rubber line starts (scene)
    };
    Gesture gripAt(const QPoint& viewPos, Qt::KeyboardModifiers modifiers) const;
    void updateHover(const QPoint& viewPos, Qt::KeyboardModifiers modifiers);
    void updateGesture(const QPoint& viewPos);
    void finishGesture(bool drop);
    // The segment (connect) or host or VIP (flow) under `viewPos`; `area` is its outline.
    QString dropTarget(const QPoint& viewPos, QRectF* area) const;
    void setHint(const QString& hint);
    void drawGesture(QPainter* painter) const;
    // What is drawn over the scene and never kept in the cache: the gesture's rubber line and
    // target, and the empty window's invitation. `painter` in scene coordinates.
    void drawOverlay(QPainter* painter);
    // The scene whose changes mark the cache stale.
    void watchScene(QGraphicsScene* shown);
    // Renders the `stale` region (viewport pixels) of what the view shows into the cache.
    void renderIntoCache(const QRegion& stale, const QTransform& toViewport);
    // The scene's items were replaced: nothing under the pointer is what it was.
    void onSceneRebuilt();
    // A printable key on the one selected card or band: renames it in place, the key first.
    bool renameByTyping(QKeyEvent* event);

    bool keepFitted_ = false;
    qreal gridStep_ = 0;
    bool spaceHeld_ = false;
    bool panning_ = false;
    QPoint panFrom_;
    QGraphicsItem* grabbed_ = nullptr;  // the item under the mouse when the drag began
    QHash<QGraphicsItem*, QPointF> moveStart_;
    QHash<QGraphicsItem*, QPolygonF> linkStart_;  // LinkItems  // links touching a moving item

    Gesture gesture_;
    QPointF gestureEnd_;
    QString targetId_;
    QRectF targetArea_;
    ConnectPreview connectPreview_;
    QString previewFor_;  // the segment `preview_` was asked for
    QString preview_;
    bool previewOk_ = true;
    QString hoveredCard_;  // the card showing its handles
    QString hint_;
    QPointer<InlineNameEditor> renamer_;

    bool retained_ = true;
    ViewportCache cache_;
    QPointer<QGraphicsScene> watched_;
};

}  // namespace mailtopo::ui
