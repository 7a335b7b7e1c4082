#include "ui/diagram/viewport_cache.h"

#include <cmath>

namespace mailtopo::ui {
namespace {

// Beyond this many rectangles a region costs more to build than their bounding box saves.
constexpr int kMaxRects = 32;
// Antialiased edges reach past an item's bounding rectangle, as QGraphicsView allows for.
constexpr int kAntialiasMargin = 2;

bool wholePixels(qreal d) {
    return std::abs(d - std::round(d)) < 1e-6;
}

// Same scale, no shear or rotation difference: only the translation may differ.
bool sameLinearPart(const QTransform& a, const QTransform& b) {
    return a.m11() == b.m11() && a.m12() == b.m12() && a.m21() == b.m21() && a.m22() == b.m22() &&
           a.type() <= QTransform::TxScale && b.type() <= QTransform::TxScale;
}

}  // namespace

void ViewportCache::invalidate(const QList<QRectF>& sceneRects) {
    if (whole_ || image_.isNull())
        return;
    const QRect bounds(QPoint(), image_.deviceIndependentSize().toSize());
    const auto add = [&](const QRectF& sceneRect) {
        const QRect pixels = transform_.mapRect(sceneRect).toAlignedRect().adjusted(
            -kAntialiasMargin, -kAntialiasMargin, kAntialiasMargin, kAntialiasMargin);
        stale_ += pixels & bounds;
    };
    if (sceneRects.size() <= kMaxRects) {
        for (const QRectF& rect : sceneRects)
            add(rect);
        return;
    }
    QRectF all;
    for (const QRectF& rect : sceneRects)
        all |= rect;
    add(all);
}

QRegion ViewportCache::prepare(const QSize& size, qreal dpr, const QTransform& viewportTransform) {
    const QSize pixels(qRound(size.width() * dpr), qRound(size.height() * dpr));
    const QRect viewport(QPoint(), size);
    if (image_.isNull() || image_.size() != pixels || image_.devicePixelRatio() != dpr) {
        image_ = QPixmap(pixels);
        image_.setDevicePixelRatio(dpr);
        whole_ = true;
    } else if (!whole_ && viewportTransform != transform_) {
        // Scrolled by whole pixels: what stays in view moves with the image.
        const qreal dx = viewportTransform.dx() - transform_.dx();
        const qreal dy = viewportTransform.dy() - transform_.dy();
        if (sameLinearPart(viewportTransform, transform_) && wholePixels(dx) && wholePixels(dy) &&
            std::abs(dx) < size.width() && std::abs(dy) < size.height()) {
            const QPoint shift(qRound(dx), qRound(dy));
            image_.scroll(qRound(shift.x() * dpr), qRound(shift.y() * dpr), image_.rect());
            stale_.translate(shift);
            stale_ += QRegion(viewport) - QRegion(viewport.translated(shift));
        } else {
            whole_ = true;
        }
    }
    transform_ = viewportTransform;
    if (whole_) {
        whole_ = false;
        stale_ = QRegion(viewport);
    }
    const QRegion out = stale_ & viewport;
    stale_ = QRegion();
    return out;
}

}  // namespace mailtopo::ui
