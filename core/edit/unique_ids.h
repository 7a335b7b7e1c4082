#pragma once
// Fresh ids and names for elements an edit creates. Every id in a design is unique across
// all kinds (model::collectIds), so a new id is checked against all of them; host names are
// compared case-insensitively because Exchange compares server names that way.

#include <set>
#include <string>

#include "core/model/design.h"

namespace mailtopo::edit {

class UniqueIds {
public:
    explicit UniqueIds(const model::Design& design);

    // `base` itself when unused, else base-2, base-3 … ; the result is reserved.
    std::string id(const std::string& base);
    // The first unused name among prefix01, prefix02 … (prefix + two digits or more).
    std::string numberedName(const std::string& prefix);
    // `name` itself when no host has it (any case), else name-2, name-3 …; reserved.
    std::string hostName(const std::string& name);
    bool hasId(const std::string& id) const { return ids_.count(id) != 0; }

private:
    std::set<std::string> ids_;
    std::set<std::string> lowerNames_;  // host names and other element names, lower case
};

// Lower-cases ASCII letters (ids and NetBIOS names are ASCII).
std::string asciiLower(std::string text);

}  // namespace mailtopo::edit
