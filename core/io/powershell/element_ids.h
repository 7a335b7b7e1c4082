#pragma once
// Internal to the PowerShell importer: stable, readable ids for imported elements
// ("host-ex2019-01", "host-ex2019-01-nic-ethernet", "rc-ex2019-01-anonymous-relay"), unique
// across the whole design as the model requires. The same exports always give the same ids.

#include <string>
#include <string_view>
#include <unordered_set>

#include "core/model/design.h"

namespace mailtopo::io::powershell::detail {

// Lowercase ASCII letters and digits, every other run of characters one '-', no '-' at
// either end; "x" when nothing is left. "Anonymous Relay EX01" → "anonymous-relay-ex01".
std::string slug(std::string_view text);

// A connector name without the trailing server name Exchange puts in its default connectors'
// names: ("Default Frontend EX01", "EX01") → "Default Frontend". Names that are only the
// server name stay as they are.
std::string withoutServerSuffix(std::string_view name, std::string_view server);

class IdMaker {
public:
    explicit IdMaker(const model::Design& design);

    // `base` itself when free, else base-2, base-3 …; the id is then taken.
    std::string make(std::string_view base);
    bool taken(std::string_view id) const { return used_.count(std::string(id)) > 0; }

private:
    std::unordered_set<std::string> used_;
};

}  // namespace mailtopo::io::powershell::detail
