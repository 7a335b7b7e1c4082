#pragma once
// Design-level DNS checks (R33–R38): what external receivers and senders will find in the
// design's external DNS zones about the design's own mail. SPF for every egress identity the
// simulator found (public address after NAT, HELO, MAIL FROM domain), the SPF records of the
// accepted domains and of the MAIL FROM domains of the design's flows (duplicates, syntax,
// lookup and void limits), forward-confirmed reverse DNS and the SORBS-DUHL TTL policy of
// the egress addresses, and MX hosts that must lead to an internet entry of the design.
// Only names the design holds an external zone for are judged: DNS the design does not
// model is not known to be wrong.

#include <vector>

#include "core/analysis/finding.h"
#include "core/analysis/simulation_checks.h"
#include "core/analysis/structure_checks.h"
#include "core/dns/spf_evaluator.h"
#include "core/model/design.h"

namespace mailtopo::analysis {

// One client whose SPF the rules evaluate, and the flows that showed it.
struct SpfSender {
    bool egress = false;           // the design's own mail leaving (else an internet sender)
    sim::EgressIdentity identity;  // egress only: NAT device and rule, HELO, MAIL FROM domain
    std::string domain;            // MAIL FROM domain, lower case
    std::string mailFrom;          // the full address, for the %{l} and %{s} macros
    net::Address address;          // what the receiver sees
    std::string helo;
    model::Id client;       // the host that opened the connection
    std::string smartHost;  // the smart host's name when the sender is one (R29), else ""
    std::optional<net::Address> source;  // the client's own address, before any NAT
    std::vector<std::string> flows;      // "flow 'EX16 to 203.0.113.25'", in flow order
    std::string flowPointer;             // the first design flow's pointer, or ""
    dns::SpfOutcome outcome;             // check_host() against the external view
};

// Every sender above with its SPF outcome (and explanation tree) against the design's external
// zones, in flow order: what checkDns judges and what the report's DNS section shows. Empty
// when the design has no external zone.
std::vector<SpfSender> evaluateSpfSenders(const model::Design& design,
                                          const SimulationResult& simulation);

// The findings of every DNS rule, sorted (sortFindings). `simulation` is the result of
// simulateDesign(design): its traces carry the egress identities.
std::vector<Finding> checkDns(const model::Design& design, const SimulationResult& simulation);

// Every rule checkDns can report, for `validate --list-rules`, SARIF and the docs.
const std::vector<CheckInfo>& dnsRuleCatalog();

}  // namespace mailtopo::analysis
