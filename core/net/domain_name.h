#pragma once
// Host-name syntax of domains as Exchange and DNS take them (accepted domains, send connector
// address spaces, MX lookups), shared by validation and the editors so both say the same.

#include <string>
#include <string_view>

namespace mailtopo::net {

// LDH labels of 1–63 characters, at most 253 in all, no empty label or trailing dot. On
// failure `why` says what is wrong. `allowWildcard`: "*.label…" is accepted; `allowStar`:
// "*" alone is accepted (an address space matching every domain).
bool isValidDomainName(std::string_view name, bool allowWildcard, bool allowStar, std::string& why);

}  // namespace mailtopo::net
