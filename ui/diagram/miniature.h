#pragma once
// How an element is drawn when it is only a few pixels big (the fitted view of an estate
// of thousands): flat rectangles without antialiasing, the cheapest thing a painter can
// draw, in the colours that still tell the elements apart. A finding's colour fills the
// element and the selection edges it, at least a pixel or two wide, so both stay visible
// at every zoom, and nothing is painted outside the element's own rectangle.

#include <QColor>
#include <QRectF>

class QPainter;

namespace mailtopo::ui {

struct MiniatureColors {
    QColor fill;    // the element's body
    QColor edge;    // its outline
    QColor accent;  // a strip along the top (invalid: none)
    QColor mark;    // a finding's severity (invalid: none); replaces the fill
    bool selected = false;
};

// `rect` in item coordinates; `lod` the painter's scale (screen pixels per scene unit).
void paintMiniature(QPainter* painter, const QRectF& rect, qreal lod,
                    const MiniatureColors& colors);

}  // namespace mailtopo::ui
