#pragma once
// Automatic placement of new elements on a design's first view, so that a first import is
// readable at once. Graphviz dot (through libgvc) ranks the elements left to right the way
// mail flows in: internet → firewalls and routers → segments → servers. Elements that are
// connected to nothing are laid out on a grid under the drawing. Existing placements are
// never moved; the new elements go below everything already placed.
//
// Plain C++ (no Qt). libgvc keeps global state and is not thread-safe, so every call is
// serialised by one mutex.

#include <set>
#include <string>

#include "core/model/design.h"

namespace mailtopo::layout {

struct PlacementResult {
    std::string viewId;  // the view that received the placements (created when there was none)
    int placed = 0;      // elements placed
    bool usedGraphviz = false;
    std::string error;  // why Graphviz could not be used (the grid was used instead)
};

// Places every host, segment, router, load balancer and firewall whose id is in `newIds` and
// that has no placement yet on the design's first view.
PlacementResult placeNewElements(model::Design& design, const std::set<model::Id>& newIds);

// Lays out `ids` afresh on view `viewId` (the first view when unknown; created when the
// design has none), placed or not: the editor's "Auto-layout" of the whole design or of a
// selection. The new arrangement's top-left corner is where the elements' was, so the rest
// of the drawing is untouched.
PlacementResult relayoutElements(model::Design& design, const std::string& viewId,
                                 const std::set<model::Id>& ids);

}  // namespace mailtopo::layout
