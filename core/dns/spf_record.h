#pragma once
// SPF record syntax (RFC 7208 §4.5, §4.6, §5, §6, §12 ABNF). The whole record is parsed
// before anything is evaluated (R34, A20): any syntax error anywhere is a permerror even
// when an earlier mechanism would have matched.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dns/spf_result.h"
#include "core/net/prefix.h"

namespace mailtopo::dns {

enum class MechanismKind : uint8_t { All, Include, A, Mx, Ptr, Ip4, Ip6, Exists };

std::string_view mechanismName(MechanismKind kind);     // "all", "include", ...
std::string_view mechanismSection(MechanismKind kind);  // RFC 7208 section: "5.1" ... "5.7"

// A piece of the record text by position, so records copy and move safely.
struct TextSpan {
    uint32_t pos = 0;
    uint32_t len = 0;
};

struct SpfTerm {
    enum class Kind : uint8_t { Mechanism, Redirect, Explanation, UnknownModifier };

    Kind kind = Kind::Mechanism;
    TextSpan text;  // the term as written

    // Mechanisms
    Qualifier qualifier = Qualifier::Pass;
    MechanismKind mechanism = MechanismKind::All;
    int cidr4 = 32;       // a, mx
    int cidr6 = 128;      // a, mx
    net::Prefix network;  // ip4, ip6

    // a, mx, ptr (optional), include, exists, redirect=, exp= (required): a domain-spec.
    // Unknown modifiers: the macro-string value.
    bool hasDomainSpec = false;
    TextSpan domainSpec;
    TextSpan modifierName;  // unknown modifiers

    // include, a, mx, ptr, exists and redirect each cost one of the 10 DNS lookups (§4.6.4).
    bool countsLookup() const;
};

struct SpfRecord {
    std::string text;  // the record as published
    std::vector<SpfTerm> terms;
    int redirect = -1;     // index into terms, or -1
    int explanation = -1;  // index into terms, or -1

    std::string_view view(TextSpan span) const {
        return std::string_view(text).substr(span.pos, span.len);
    }
};

struct SpfSyntaxError {
    std::string message;
    std::string term;  // the offending term as written ("" when the record as a whole is wrong)
    int termIndex = -1;
    std::string section;  // RFC 7208 section that the record breaks
};

struct SpfParseResult {
    std::optional<SpfRecord> record;
    SpfSyntaxError error;  // when !record

    bool ok() const { return record.has_value(); }
};

// True when `text` is an SPF version 1 record: "v=spf1" (any case) followed by a space or
// the end (§4.5).
bool isSpfVersion1(std::string_view text);

SpfParseResult parseSpfRecord(std::string_view text);
// The same, keeping `text` as the record's text without a copy. On failure `text` is left
// as it was.
SpfParseResult parseSpfRecord(std::string&& text);
inline SpfParseResult parseSpfRecord(const char* text) {
    return parseSpfRecord(std::string_view(text));
}

}  // namespace mailtopo::dns
