#pragma once
// The explanation of one SPF evaluation: the tree of records and terms evaluated, every DNS
// lookup made on their behalf, the lookup and void-lookup counters, and the term that
// decided with the RFC 7208 section behind the decision. spf_explain.h renders it.

#include <string>
#include <vector>

#include "core/dns/dns_types.h"
#include "core/dns/spf_result.h"
#include "core/util/small_vector.h"

namespace mailtopo::dns {

struct SpfLookupTrace {
    std::string name;
    RRType type = RRType::TXT;
    Rcode rcode = Rcode::NoError;
    std::vector<std::string> answers;  // rdata of the records of `type`, presentation form
    std::vector<std::string> aliases;  // CNAME chain followed, "alias -> target"
    bool isVoid = false;               // counted as a void lookup (§4.6.4)
    std::string purpose;               // "record", "a", "mx", "mx-host", "ptr", "ptr-validate",
                                       // "exists", "p-macro", "p-validate", "exp"
    std::string detail;                // resolver's reason for SERVFAIL/TIMEOUT
};

struct SpfTermTrace;

// One check_host() invocation: the top level, an include, or a redirect.
struct SpfRecordTrace {
    std::string domain;
    // Record discovery (TXT): one lookup, kept inline (a tree has one such list per record).
    SmallVector<SpfLookupTrace, 1> lookups;
    std::string record;  // the selected SPF record, "" if none
    std::vector<SpfTermTrace> terms;
    SpfResult result = SpfResult::None;
    std::string note;  // why this level ended as it did when no term decided
};

struct SpfTermTrace {
    std::string text;  // as written in the record
    // "match", "no-match", "error", "not-reached", "skipped" (redirect with a match before
    // it), "modifier" (exp= and unknown modifiers: no effect on evaluation)
    std::string status = "not-reached";
    std::string target;   // the expanded target domain, if the term has one
    int lookupCount = 0;  // the lookup counter L after this term (0 if the term costs none)
    int voidCount = 0;    // the void counter V after this term
    std::vector<SpfLookupTrace> lookups;
    std::vector<SpfRecordTrace> nested;  // include/redirect: the inner check_host()
    std::string note;
};

struct SpfDecision {
    // From the top record down to the deciding term, e.g.
    // {"example.org: include:s3.example.org", "s3.example.org: ip4:192.0.2.3/32"}.
    std::vector<std::string> path;
    std::string section;  // RFC 7208 section, e.g. "5.2", "4.6.4"
    std::string reason;   // one sentence
};

struct SpfTrace {
    SpfIdentity identity = SpfIdentity::MailFrom;
    std::string ip;
    std::string domain;
    std::string sender;
    std::string helo;
    SpfRecordTrace root;
    int lookups = 0;
    int lookupLimit = 10;
    int voidLookups = 0;
    int voidLimit = 2;
    int dnsQueries = 0;  // every query sent, including exp= and %{p} lookups
    SpfDecision decision;
    std::vector<SpfLookupTrace> explanationLookups;  // exp= TXT lookup, after the result
    std::string explanationSource;  // "exp=<domain>" or "default" (+ why the exp was not used)
};

}  // namespace mailtopo::dns
