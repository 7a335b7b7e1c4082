#pragma once
// Static analysis of a published SPF policy (R33–R35 lint): every record reachable from a
// domain through include: and redirect= targets, read once, without a client address. It
// answers what no single evaluation can: how many DNS-lookup terms a client that no term
// matches walks through (the worst case of the lookup counter L, E14's SPF_LOOKUP_RISK),
// which a/mx/exists targets answer nothing (void lookups, E16), and where a record is
// duplicated (E15) or does not parse.
//
// Choices: targets written with macros cannot be followed and count one lookup each; the
// void check asks for A records (an IPv4 client, as the worked examples use); a domain that
// is already on the include path is not followed again (an include loop).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dns/resolver.h"
#include "core/dns/spf_record.h"

namespace mailtopo::dns {

// One name whose SPF record the policy reads: the root domain, an include or redirect target.
struct SpfLintRecord {
    std::string domain;
    std::string via;  // "example.org: include:s1.example.org"; empty for the root domain
    int depth = 0;    // 0 for the root domain
    Rcode rcode = Rcode::NoError;             // of the TXT lookup
    std::vector<std::string> spfRecords;      // the v=spf1 TXT records found, strings joined
    std::optional<SpfSyntaxError> syntax;     // the single record does not parse
    int lookupTerms = 0;                      // include, a, mx, ptr, exists, redirect in it
    std::vector<std::string> lookupTermText;  // those terms as written
};

// A term whose DNS lookup answers nothing (NXDOMAIN, or NOERROR without records): a void
// lookup for every client that reaches it (§4.6.4).
struct SpfVoidTerm {
    std::string domain;  // the record holding the term
    std::string term;    // as written: "a:old1.example.org"
    std::string name;    // the name queried
    RRType type = RRType::A;
    Rcode rcode = Rcode::NxDomain;
};

struct SpfLint {
    std::vector<SpfLintRecord> records;  // depth first, the root domain first
    // The lookup terms of every record reached, summed: the counter L of a client that no term
    // matches (the worst case; a match stops earlier).
    int worstCaseLookups = 0;
    std::vector<SpfVoidTerm> voids;
    // Targets not followed, with why: "include:%{i}._spf.example.org (macro)",
    // "include:spf.example.net (TXT lookup SERVFAIL)".
    std::vector<std::string> notFollowed;
};

SpfLint lintSpf(Resolver& resolver, std::string_view domain);

}  // namespace mailtopo::dns
