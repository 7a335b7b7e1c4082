#pragma once
// Looks at a DiagramScene: zoom (Ctrl+wheel, +/-), fit to window, pan (middle button, or
// Space held while dragging), rubber-band selection on the empty canvas. Dragging cards
// and segments moves them on screen (snapped to the grid unless Alt is held); when the
// drag ends the view reports where they went, and the editor turns that into a change of
// the design. Palette entries dropped on the canvas are reported the same way. The view
// itself never changes the design.

#include <QGraphicsView>
#include <QHash>
#include <QPolygonF>

namespace mailtopo::ui {

class DiagramView : public QGraphicsView {
    Q_OBJECT

public:
    explicit DiagramView(QWidget* parent = nullptr);

    qreal zoom() const;  // 1.0 = one scene unit per pixel

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
    qreal gridStep() const { return gridStep_; }

    // Takes up the current DiagramStyle (a theme switch).
    void applyStyle();

    // The MIME type a palette entry is dragged under: its key, UTF-8.
    static QString paletteMimeType();

signals:
    void zoomChanged(qreal zoom);
    // A drag (or an arrow-key nudge) moved cards or segments: element id → new top-left.
    void elementsMoved(const QHash<QString, QPointF>& topLefts);
    // A palette entry was dropped at `scenePos`.
    void paletteDropped(const QString& key, const QPointF& scenePos);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
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

    bool keepFitted_ = false;
    qreal gridStep_ = 0;
    bool spaceHeld_ = false;
    bool panning_ = false;
    QPoint panFrom_;
    QGraphicsItem* grabbed_ = nullptr;  // the item under the mouse when the drag began
    QHash<QGraphicsItem*, QPointF> moveStart_;
    QHash<QGraphicsItem*, QPolygonF> linkStart_;  // LinkItems  // links touching a moving item
};

}  // namespace mailtopo::ui
