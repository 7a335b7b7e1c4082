#pragma once
// Design vs world (`mailtopo-cli dns-check --server`): asks a DNS server for every name and
// type the design's external zones hold and reports, per record set, what the server lacks,
// what it has beyond the design, where the data differs and where only the TTL does. The
// design-level checks judge the design; this says whether the published DNS is that design.

#include <cstddef>
#include <string>
#include <vector>

#include "core/analysis/finding.h"
#include "core/dns/resolver.h"
#include "core/model/design.h"

namespace mailtopo::analysis {

struct LiveDnsComparison {
    std::vector<Finding> findings;  // dns-live-mismatch, sorted
    size_t queries = 0;             // record sets asked for
    size_t unanswered = 0;          // of which the server gave no answer (timeout, SERVFAIL)
};

// `server` answers as the published DNS (a LiveResolver in the CLI); `serverName` names it in
// the messages ("127.0.0.1:5353"). Records of the design that do not parse are skipped.
LiveDnsComparison compareWithServer(const model::Design& design, dns::Resolver& server,
                                    const std::string& serverName);

}  // namespace mailtopo::analysis
