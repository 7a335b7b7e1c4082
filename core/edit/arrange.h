#pragma once
// Align, distribute and snap: where selected elements go when the architect tidies a
// drawing. Pure geometry on boxes (top-left corner and size, as the diagram draws them), so
// the sizes come from whoever draws and the result is placements for a view.

#include <map>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::edit {

struct Box {
    model::Id id;
    double x = 0;  // top-left corner
    double y = 0;
    double width = 0;
    double height = 0;
};

enum class Alignment : uint8_t { Left, HorizontalCenter, Right, Top, VerticalCenter, Bottom };
enum class Axis : uint8_t { Horizontal, Vertical };

// Lines the boxes up on the selection's left edge, centre, right edge … Fewer than two
// boxes: nothing to align (empty result).
std::map<model::Id, model::Placement> align(const std::vector<Box>& boxes, Alignment alignment);

// Spreads three or more boxes so the gaps between neighbours along `axis` are equal; the
// first and last box (by position) stay where they are.
std::map<model::Id, model::Placement> distribute(const std::vector<Box>& boxes, Axis axis);

// The nearest multiple of `grid` (grid ≤ 0: unchanged).
double snapToGrid(double value, double grid);
inline constexpr double kDefaultGrid = 24;  // the canvas draws its dot grid at this step

}  // namespace mailtopo::edit
