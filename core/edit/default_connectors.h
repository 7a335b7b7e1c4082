#pragma once
// Making Exchange's default receive connectors (R18) part of the design: the connectors the
// simulator assumes on a server whose implicitDefaultConnectors is set, written out with the
// ids they have while implicit, so that every trace step, finding and reference that names
// them stays valid. `mailtopo-cli format --explicit-defaults` and the GUI's inspector both
// make this one change.

#include <string>
#include <vector>

#include "core/edit/change_set.h"
#include "core/model/design.h"

namespace mailtopo::edit {

struct ExplicitDefaults {
    std::vector<model::Id> servers;  // the servers that changed
    ChangeSet changes;               // the connectors added (inserted), the servers (changed)
    std::string refused;             // why nothing changed, when something stood in the way
};

// For each Exchange server among `hostIds` (every one of the design when empty) whose default
// connectors are implicit: appends them to the design's receive connectors as the simulator
// builds them (sim::implicitReceiveConnectors) and clears implicitDefaultConnectors. Traces
// and findings are the same before and after. Refused, changing nothing, when a declared
// element already has the id of one of them (validate reports it as duplicate-id).
ExplicitDefaults makeDefaultConnectorsExplicit(model::Design& design,
                                               const std::vector<model::Id>& hostIds = {});

}  // namespace mailtopo::edit
