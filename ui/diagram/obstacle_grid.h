#pragma once
// A uniform grid over a fixed set of rectangles (the cards and hubs links route around),
// answering "which rectangles are near this region" without testing all of them. Link
// routing asks that once per tried shape of every link; on an estate of thousands of cards
// a linear scan made opening a design quadratic.
//
// Results are indices into rects(), ascending, so a caller sees the same rectangles in
// the same order as a scan of the whole list would give it: routes do not change.

#include <QList>
#include <QRectF>
#include <vector>

namespace mailtopo::ui::layout {

class ObstacleGrid {
public:
    explicit ObstacleGrid(QList<QRectF> rects);

    const QList<QRectF>& rects() const { return rects_; }
    // The smallest rectangle holding all of them (null when there are none).
    const QRectF& bounds() const { return bounds_; }

    // The rectangles for which QRectF::intersects(region) holds.
    QList<int> intersecting(const QRectF& region) const;

    // A superset of the rectangles sharing any point (borders included) with `region`,
    // for callers whose own overlap test differs from QRectF::intersects.
    QList<int> near(const QRectF& region) const;

private:
    struct CellRange {
        int firstColumn, lastColumn, firstRow, lastRow;
        bool isEmpty() const { return firstColumn > lastColumn || firstRow > lastRow; }
    };
    CellRange cellsCovering(const QRectF& rect) const;
    template <typename Accept>
    QList<int> collect(const QRectF& region, Accept accept) const;
    int cellIndex(int column, int row) const { return row * columns_ + column; }

    QList<QRectF> rects_;
    QRectF bounds_;
    qreal cellSize_ = 1;
    int columns_ = 0;
    int rows_ = 0;
    // Compressed cell lists: the rectangles of cell c are
    // members_[cellStart_[c] .. cellStart_[c + 1]).
    std::vector<int> cellStart_;
    std::vector<int> members_;
    // Per rectangle, the last query that met it (queries are numbered): deduplication
    // without a sort or a set. This makes queries unsafe to run from several threads at
    // once on one grid, which layout never does.
    mutable std::vector<quint32> seen_;
    mutable quint32 query_ = 0;
};

}  // namespace mailtopo::ui::layout
