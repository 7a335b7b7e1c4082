#pragma once
// Setting one property of one element from text: the single place that decides what a
// property accepts. `mailtopo-cli edit --set ID:KEY=VALUE` and the GUI's rename call it;
// the inspector's field checks (core/edit/value_text.h) are the same functions, so a value
// refused in one face is refused with the same words in the other.
//
// KEY is the property's key in the .mailtopo file format (docs/file-format.md), dotted into
// nested objects ("exchange.site", "smtp.relayFrom", "smtpInspection.enabled"). VALUE is
// text: lists are comma-separated, booleans true/false, enums as the file spells them, an
// address assignment as IP/PREFIX; a value of a structured list (pool members, address
// spaces, zones, records …) may also be given as the JSON the file holds.
// The ids kDesignId and kOrganizationId name the design and its Exchange organisation.

#include <optional>
#include <string>
#include <vector>

#include "core/edit/change_set.h"
#include "core/model/design.h"

namespace mailtopo::edit {

struct PropertyOutcome {
    bool ok = false;
    std::string error;  // "<key>: <why>", e.g. "port: '99999' is not a TCP port (1 to 65535)"
    ChangeSet changes;
};

// Sets KEY of element `id` to `value`. On failure the design is unchanged.
PropertyOutcome setProperty(model::Design& design, const model::Id& id, const std::string& key,
                            const std::string& value);

// The current value as setProperty reads it back; nullopt for an unknown id or key.
std::optional<std::string> propertyText(const model::Design& design, const model::Id& id,
                                        const std::string& key);

// The keys setProperty takes for element `id`, in file order (nested ones dotted).
std::vector<std::string> propertyKeys(const model::Design& design, const model::Id& id);

// Renames an element: the key that holds its display name (name, alias, origin …).
PropertyOutcome renameElement(model::Design& design, const model::Id& id, const std::string& name);

}  // namespace mailtopo::edit
