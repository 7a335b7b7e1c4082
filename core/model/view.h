#pragma once
// Where elements sit on a diagram. Kept apart from the semantic model so the same server
// can appear on several views (site view, DMZ view …) and layout never affects analysis.

#include <map>
#include <string>
#include <vector>

#include "core/model/network.h"

namespace mailtopo::model {

struct Placement {
    double x = 0;
    double y = 0;
    bool operator==(const Placement&) const = default;
};

struct View {
    Id id;
    std::string name;
    std::map<Id, Placement> placements;  // element id → top-left corner in scene units

    bool operator==(const View&) const = default;
};

}  // namespace mailtopo::model
