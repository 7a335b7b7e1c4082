#include "core/edit/arrange.h"

#include <algorithm>
#include <cmath>

namespace mailtopo::edit {

std::map<model::Id, model::Placement> align(const std::vector<Box>& boxes, Alignment alignment) {
    std::map<model::Id, model::Placement> out;
    if (boxes.size() < 2)
        return out;
    double left = INFINITY, top = INFINITY, right = -INFINITY, bottom = -INFINITY;
    for (const Box& b : boxes) {
        left = std::min(left, b.x);
        top = std::min(top, b.y);
        right = std::max(right, b.x + b.width);
        bottom = std::max(bottom, b.y + b.height);
    }
    for (const Box& b : boxes) {
        model::Placement p{b.x, b.y};
        switch (alignment) {
            case Alignment::Left:
                p.x = left;
                break;
            case Alignment::HorizontalCenter:
                p.x = (left + right) / 2 - b.width / 2;
                break;
            case Alignment::Right:
                p.x = right - b.width;
                break;
            case Alignment::Top:
                p.y = top;
                break;
            case Alignment::VerticalCenter:
                p.y = (top + bottom) / 2 - b.height / 2;
                break;
            case Alignment::Bottom:
                p.y = bottom - b.height;
                break;
        }
        out[b.id] = {std::round(p.x), std::round(p.y)};
    }
    return out;
}

std::map<model::Id, model::Placement> distribute(const std::vector<Box>& boxes, Axis axis) {
    std::map<model::Id, model::Placement> out;
    if (boxes.size() < 3)
        return out;
    const bool horizontal = axis == Axis::Horizontal;
    std::vector<Box> sorted = boxes;
    std::stable_sort(sorted.begin(), sorted.end(), [&](const Box& a, const Box& b) {
        return horizontal ? a.x < b.x : a.y < b.y;
    });
    const auto start = [&](const Box& b) { return horizontal ? b.x : b.y; };
    const auto extent = [&](const Box& b) { return horizontal ? b.width : b.height; };
    double occupied = 0;
    for (const Box& b : sorted)
        occupied += extent(b);
    const double span = start(sorted.back()) + extent(sorted.back()) - start(sorted.front());
    // Equal gaps; when the boxes are wider than the span the gaps are negative (they
    // overlap evenly) rather than the last box moving.
    const double gap = (span - occupied) / static_cast<double>(sorted.size() - 1);
    double at = start(sorted.front());
    for (const Box& b : sorted) {
        model::Placement p{b.x, b.y};
        (horizontal ? p.x : p.y) = std::round(at);
        out[b.id] = p;
        at += extent(b) + gap;
    }
    return out;
}

double snapToGrid(double value, double grid) {
    if (grid <= 0)
        return value;
    return std::round(value / grid) * grid;
}

}  // namespace mailtopo::edit
