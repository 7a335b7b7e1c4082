#pragma once
// The minimap: the whole diagram in miniature with the part the main view shows outlined.
// Click or drag in it to move the main view there. It draws the same scene (no copy), so it
// is always current; the cards paint their overview level of detail at this size.

#include <QGraphicsView>

namespace mailtopo::ui {

class DiagramView;

class MinimapView : public QGraphicsView {
    Q_OBJECT

public:
    explicit MinimapView(DiagramView* main, QWidget* parent = nullptr);

    // The main view's visible area, in scene coordinates (what the outline shows).
    QRectF visibleArea() const;

public slots:
    void refit();

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void centreMainOn(const QPoint& minimapPos);

    DiagramView* main_;
};

}  // namespace mailtopo::ui
