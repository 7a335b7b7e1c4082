#pragma once
// SPF macros (RFC 7208 §7): syntax checks of macro-strings and domain-specs, and their
// expansion against the values of one check_host() evaluation.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mailtopo::dns {

// Domain: a domain-spec or unknown-modifier value; visible ASCII only and the letters c, r,
// t are refused (§7.1 "only allowed in exp text"). Explanation: the TXT text of exp=,
// which may contain spaces and use c, r, t.
enum class MacroMode : uint8_t { Domain, Explanation };

// What the macro letters expand to. The views must outlive the expansion call.
struct MacroContext {
    std::string_view sender;        // s: <sender> (local-part@domain)
    std::string_view localPart;     // l
    std::string_view senderDomain;  // o
    std::string_view domain;        // d: the current <domain>
    std::string_view ipDotted;      // i: dotted quad, or 32 dot-separated nibbles for IPv6
    std::string_view ipText;        // c: dotted quad / RFC 5952 text
    std::string_view ipVersion;     // v: "in-addr" or "ip6"
    std::string_view helo;          // h
    std::string_view receiver;      // r
    std::string_view timestamp;     // t
    // p: the validated domain name of the client (§5.5, §7.3); looked up only when used.
    std::function<std::string()> validatedName;
};

// Syntax of a macro-string (§7.1). On failure `error` says what is wrong and where.
bool checkMacroString(std::string_view text, MacroMode mode, std::string* error = nullptr);

// domain-spec = macro-string domain-end; domain-end = ("." toplabel ["."]) / macro-expand.
// The literal check happens before expansion, as §7.1 asks ("It is not correct to check
// syntax after macro expansion" — test suite).
bool checkDomainSpec(std::string_view text, std::string* error = nullptr);

// Expands `text`; nullopt (with `error`) only on a syntax error.
std::optional<std::string> expandMacroString(std::string_view text, MacroMode mode,
                                             const MacroContext& context,
                                             std::string* error = nullptr);

// An expanded domain-spec made ready for a query: trailing dot removed, and when longer
// than 253 characters, labels removed from the left until it fits (§7.3).
std::string toQueryName(std::string expanded);

// "%{i}" for an IPv6 address: the 32 nibbles, lower case, dot-separated (§7.3, §7.4 example).
std::string ipv6Nibbles(const std::array<uint8_t, 16>& bytes);

}  // namespace mailtopo::dns
