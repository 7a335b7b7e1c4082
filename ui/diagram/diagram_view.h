#pragma once
// Looks at a DiagramScene: zoom (Ctrl+wheel, +/-), fit to window, drag to pan. The view
// only changes how the diagram is seen, never the diagram itself.

#include <QGraphicsView>

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

signals:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void applyFit();

    bool keepFitted_ = false;
};

}  // namespace mailtopo::ui
