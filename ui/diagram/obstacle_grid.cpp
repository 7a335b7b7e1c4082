#include "ui/diagram/obstacle_grid.h"

#include <algorithm>
#include <cmath>

namespace mailtopo::ui::layout {
namespace {

// A grid of about this many cells per rectangle: enough that a cell holds only a few,
// few enough that a sparse picture (far-apart clusters) does not make the grid huge.
constexpr qreal kCellsPerRect = 4;

}  // namespace

ObstacleGrid::ObstacleGrid(QList<QRectF> rects) : rects_(std::move(rects)) {
    if (rects_.isEmpty())
        return;
    qreal sizeSum = 0;
    for (const QRectF& r : std::as_const(rects_)) {
        const QRectF n = r.normalized();
        bounds_ = bounds_.isNull() ? n : bounds_.united(n);
        sizeSum += std::max(n.width(), n.height());
    }
    // A cell about the size of a typical rectangle: each lands in a handful of cells.
    cellSize_ = std::max<qreal>(1, sizeSum / rects_.size());
    const qreal cellLimit = kCellsPerRect * rects_.size() + 16;
    while ((std::floor(bounds_.width() / cellSize_) + 1) *
               (std::floor(bounds_.height() / cellSize_) + 1) >
           cellLimit) {
        cellSize_ *= 2;
    }
    columns_ = static_cast<int>(std::floor(bounds_.width() / cellSize_)) + 1;
    rows_ = static_cast<int>(std::floor(bounds_.height() / cellSize_)) + 1;

    // Counting pass, then filling: two flat arrays instead of a list per cell.
    cellStart_.assign(static_cast<size_t>(columns_) * rows_ + 1, 0);
    QList<CellRange> ranges;
    ranges.reserve(rects_.size());
    for (const QRectF& r : std::as_const(rects_)) {
        const CellRange cells = cellsCovering(r.normalized());
        ranges << cells;
        for (int row = cells.firstRow; row <= cells.lastRow; ++row) {
            for (int column = cells.firstColumn; column <= cells.lastColumn; ++column)
                ++cellStart_[cellIndex(column, row) + 1];
        }
    }
    for (size_t c = 1; c < cellStart_.size(); ++c)
        cellStart_[c] += cellStart_[c - 1];
    members_.resize(cellStart_.back());
    seen_.assign(rects_.size(), 0);
    std::vector<int> fill(cellStart_.begin(), cellStart_.end() - 1);
    for (int i = 0; i < ranges.size(); ++i) {
        const CellRange& cells = ranges[i];
        for (int row = cells.firstRow; row <= cells.lastRow; ++row) {
            for (int column = cells.firstColumn; column <= cells.lastColumn; ++column)
                members_[fill[cellIndex(column, row)]++] = i;  // ascending within each cell
        }
    }
}

ObstacleGrid::CellRange ObstacleGrid::cellsCovering(const QRectF& rect) const {
    // Closed intervals on both sides: rectangles that only touch share a cell, so no
    // overlap test can miss a neighbour.
    auto cell = [this](qreal offset) { return std::floor(offset / cellSize_); };
    const qreal firstColumn = std::max<qreal>(0, cell(rect.left() - bounds_.left()));
    const qreal lastColumn = std::min<qreal>(columns_ - 1, cell(rect.right() - bounds_.left()));
    const qreal firstRow = std::max<qreal>(0, cell(rect.top() - bounds_.top()));
    const qreal lastRow = std::min<qreal>(rows_ - 1, cell(rect.bottom() - bounds_.top()));
    if (firstColumn > lastColumn || firstRow > lastRow)
        return {0, -1, 0, -1};
    return {static_cast<int>(firstColumn), static_cast<int>(lastColumn), static_cast<int>(firstRow),
            static_cast<int>(lastRow)};
}

template <typename Accept>
QList<int> ObstacleGrid::collect(const QRectF& region, Accept accept) const {
    QList<int> found;
    if (rects_.isEmpty())
        return found;
    const CellRange cells = cellsCovering(region.normalized());
    if (cells.isEmpty())
        return found;
    // A rectangle spanning several cells is met once per cell: the stamp of this query
    // lets it through once, so only the distinct answers need sorting.
    if (++query_ == 0) {
        std::fill(seen_.begin(), seen_.end(), 0);
        query_ = 1;
    }
    for (int row = cells.firstRow; row <= cells.lastRow; ++row) {
        for (int column = cells.firstColumn; column <= cells.lastColumn; ++column) {
            const int c = cellIndex(column, row);
            for (int k = cellStart_[c]; k < cellStart_[c + 1]; ++k) {
                const int i = members_[k];
                if (seen_[i] == query_)
                    continue;
                seen_[i] = query_;
                if (accept(i))
                    found << i;
            }
        }
    }
    std::sort(found.begin(), found.end());  // the order of rects(), as a scan gives it
    return found;
}

QList<int> ObstacleGrid::near(const QRectF& region) const {
    return collect(region, [](int) { return true; });
}

QList<int> ObstacleGrid::intersecting(const QRectF& region) const {
    return collect(region, [&](int i) { return rects_[i].intersects(region); });
}

}  // namespace mailtopo::ui::layout
