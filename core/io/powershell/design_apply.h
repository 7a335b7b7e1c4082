#pragma once
// Internal to the PowerShell importer: applies what the exports said (observations.h) to a
// design. Imported objects are matched to the design's by identity — servers by name
// (case-insensitive, short name or FQDN), NICs by InterfaceIndex or alias, receive connectors
// by server and name, send connectors by name, accepted domains by domain — and updated field
// by field; only fields the exports actually carried are written. Everything else in the
// design (load balancers, firewalls, routers, flows, placements, hand-drawn hosts) is left
// alone. Each created, updated or unchanged object is reported with its changed fields.

#include <set>

#include "core/io/powershell/import_log.h"
#include "core/io/powershell/observations.h"
#include "core/model/design.h"

namespace mailtopo::io::powershell::detail {

struct ApplyResult {
    std::set<model::Id> created;  // ids of new hosts and segments (what auto-layout places)
};

// `merging`: the design came from the user (report "left alone"); otherwise it starts empty.
ApplyResult applyImport(const ImportSet& set, model::Design& design, ImportLog& log, bool merging,
                        size_t fileCount);

}  // namespace mailtopo::io::powershell::detail
