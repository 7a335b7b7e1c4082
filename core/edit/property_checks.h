#pragma once
// What a property accepts beyond its type: the checks the inspector applies to each field
// (core/edit/value_text.h), keyed by the property, and the checks on the parts of a
// structured list and on a whole element once one of its properties changed. setProperty
// (property_edit.cpp) applies them, so `mailtopo-cli edit --set` refuses what the inspector
// refuses, in the same words.

#include <string>
#include <string_view>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::edit::property {

// The element being edited, in the design as it is before the change.
struct Context {
    const model::Design& design;
    const model::Id& id;
};

// Checks the text typed for property `key` of a `owner` (the Fields<T>::kName of the struct
// holding it: "host", "SMTP properties" …) before it is read by type.
bool checkText(std::string_view owner, std::string_view key, std::string_view text,
               const Context& context, std::string* problem);

// The parts of a structured list, read from JSON, as the inspector's table checks each cell.
// A part equal to one in `before` (the list as it was) passes: the inspector checks only
// the cells typed into, so what an import brought in stays as it is.
bool checkParts(const std::vector<model::PoolMember>& members,
                const std::vector<model::PoolMember>& before, const Context& context,
                std::string* problem);
bool checkParts(const std::vector<model::AddressSpace>& spaces,
                const std::vector<model::AddressSpace>& before, const Context& context,
                std::string* problem);
bool checkParts(const std::vector<model::FirewallZone>& zones,
                const std::vector<model::FirewallZone>& before, const Context& context,
                std::string* problem);
bool checkParts(const std::vector<model::DnsRecord>& records,
                const std::vector<model::DnsRecord>& before, const Context& context,
                std::string* problem);
bool checkParts(const std::vector<model::AdPermission>& aces,
                const std::vector<model::AdPermission>& before, const Context& context,
                std::string* problem);
bool checkParts(const std::vector<model::Route>& routes, const std::vector<model::Route>& before,
                const Context& context, std::string* problem);
bool checkParts(const std::vector<model::IpAssignment>& addresses,
                const std::vector<model::IpAssignment>& before, const Context& context,
                std::string* problem);

// The element after the change, before it replaces the old one: rules that span several of
// its properties or the design (one default accepted domain; a host's Exchange or SMTP
// part follows its kind). May complete the element as the inspector does (an accepted
// domain without a name takes its domain's, a flow's destination named by a host's name
// becomes its id).
template <class T>
bool settleElement(T&, const Context&, std::string*) {
    return true;
}
bool settleElement(model::AcceptedDomain& domain, const Context& context, std::string* problem);
bool settleElement(model::Host& host, const Context& context, std::string* problem);
bool settleElement(model::Flow& flow, const Context& context, std::string* problem);

}  // namespace mailtopo::edit::property
