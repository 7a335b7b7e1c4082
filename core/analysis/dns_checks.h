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
#include "core/model/design.h"

namespace mailtopo::analysis {

// The findings of every DNS rule, sorted (sortFindings). `simulation` is the result of
// simulateDesign(design): its traces carry the egress identities.
std::vector<Finding> checkDns(const model::Design& design, const SimulationResult& simulation);

// Every rule checkDns can report, for `validate --list-rules`, SARIF and the docs.
const std::vector<CheckInfo>& dnsRuleCatalog();

}  // namespace mailtopo::analysis
