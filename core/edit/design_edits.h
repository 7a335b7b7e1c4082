#pragma once
// Structural edits of a design: where elements sit on a view, removing elements with
// everything that only made sense with them, and grouping servers into AD sites. Each
// function changes the design in place; callers that need undo work on a copy (the GUI's
// DesignDocument::applyChange does).

#include <map>
#include <string>
#include <vector>

#include "core/edit/change_set.h"
#include "core/model/design.h"

namespace mailtopo::edit {

// The view `viewId`, or the design's first view when `viewId` is empty or unknown; a design
// without views gets one ("Overview"). Returns the id of the view.
std::string ensureView(model::Design& design, const std::string& viewId = {});

// Sets (adds or replaces) the placements of these elements on view `viewId` (must exist).
void setPlacements(model::Design& design, const std::string& viewId,
                   const std::map<model::Id, model::Placement>& placements);

struct RemovalSummary {
    std::vector<model::Id> removed;  // every element removed, the requested ones first
    int detached = 0;  // interfaces left without a segment, members and references dropped
    // `removed` in the same order, and the elements that lost a part or a reference (a host
    // whose NIC went or was detached, a VIP whose pool lost a member …).
    ChangeSet changes;
    bool empty() const { return removed.empty(); }
};

// Removes the elements `ids` name, of any kind. What depends on them goes too, so the
// design stays consistent: a server's receive connectors, pool members, flows from or to it
// and its place in send connectors' source servers; a segment's interfaces are detached
// (kept, with no segment); placements on every view. Unknown ids are ignored.
RemovalSummary removeElements(model::Design& design, const std::vector<model::Id>& ids);

// Puts the Exchange servers among `hostIds` into AD site `site` (R27 scopes send connectors
// by site). Returns how many servers changed; other hosts have no site and are skipped.
int setSite(model::Design& design, const std::vector<model::Id>& hostIds, const std::string& site);

// The AD sites of the design's Exchange servers, each with its servers' ids, sorted by name.
std::map<std::string, std::vector<model::Id>> sitesOf(const model::Design& design);

}  // namespace mailtopo::edit
