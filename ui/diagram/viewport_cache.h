#pragma once
// What a view last painted, kept as an image, and what of it is out of date. With thousands
// of items in sight (a fitted 10,000-item estate), QGraphicsView spends most of a repaint
// visiting items, whatever each one draws: an exposed or forced repaint of an unchanged
// drawing should cost a copy, and an edit only what it changed. The owner reports what
// changed — scene rectangles from QGraphicsScene::changed, or everything — and asks,
// before painting, for the region to render again in the image; moving the view by whole
// pixels (scrolling) shifts the image and leaves only the uncovered strips to render.

#include <QList>
#include <QPixmap>
#include <QRegion>
#include <QTransform>

namespace mailtopo::ui {

class ViewportCache {
public:
    // Everything is out of date (a new scene, a restyle, what was painted around the cache).
    void invalidate() { whole_ = true; }
    // Scene rectangles whose items changed (mapped with the transform the image was
    // rendered with: the stale region moves with the image when the view scrolls).
    void invalidate(const QList<QRectF>& sceneRects);

    // Brings the image to the viewport's `size`, `dpr` and `viewportTransform`, and returns
    // the region (viewport pixels) that must be rendered into it again before it is shown.
    QRegion prepare(const QSize& size, qreal dpr, const QTransform& viewportTransform);
    QPixmap& image() { return image_; }

private:
    QPixmap image_;
    QTransform transform_;  // what the image was rendered with
    QRegion stale_;         // viewport pixels to render again
    bool whole_ = true;
};

}  // namespace mailtopo::ui
