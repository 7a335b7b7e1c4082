#include "ui/diagram/miniature.h"

#include <QPainter>
#include <algorithm>

#include "ui/diagram/diagram_style.h"

namespace mailtopo::ui {

void paintMiniature(QPainter* painter, const QRectF& rect, qreal lod,
                    const MiniatureColors& colors) {
    const qreal pixel = 1 / std::max<qreal>(lod, 1e-4);  // one screen pixel in item units
    const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::Antialiasing, false);

    const QColor& edge = colors.selected ? DiagramStyle::standard().selection : colors.edge;
    const qreal edgeWidth = (colors.selected ? 2 : 1) * pixel;
    const QRectF inner = rect.adjusted(edgeWidth, edgeWidth, -edgeWidth, -edgeWidth);
    if (inner.width() <= 0 || inner.height() <= 0) {
        // No room inside the outline: one colour, the one that matters most.
        const bool marked = colors.mark.isValid() && !colors.selected;
        painter->fillRect(rect, marked ? colors.mark : edge);
    } else {
        painter->fillRect(rect, edge);
        painter->fillRect(inner, colors.mark.isValid() ? colors.mark : colors.fill);
        if (colors.accent.isValid() && !colors.mark.isValid()) {
            const QSizeF strip(inner.width(), std::min(inner.height(), pixel));
            painter->fillRect(QRectF(inner.topLeft(), strip), colors.accent);
        }
    }
    painter->setRenderHint(QPainter::Antialiasing, antialiased);
}

}  // namespace mailtopo::ui
