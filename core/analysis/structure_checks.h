#pragma once
// Structural and consistency checks of a design (`mailtopo-cli validate`, the GUI's findings
// dock): is the design well-formed and does it agree with itself? Duplicate or dangling ids,
// addresses outside their subnets, receive connectors that Exchange would refuse (R19),
// load balancer pools that cannot work, firewall rules naming unknown zones, and so on.
// Nothing here simulates traffic; the simulator's rules come on top of these.

#include <string_view>
#include <vector>

#include "core/analysis/finding.h"
#include "core/model/design.h"

namespace mailtopo::analysis {

// One registered check: what the CLI, the GUI and the docs list. Every finding a check emits
// carries this id, severity, title and rule.
struct CheckInfo {
    std::string_view id;  // stable kebab-case id, e.g. "role-port-conflict"
    Severity severity;
    std::string_view title;        // one line, the same for every finding of this check
    std::string_view rule;         // domain rule (e.g. "R19"), empty for pure structure
    std::string_view description;  // what is checked and why it matters
};

// Every structural check, ordered by area (identity, addressing, receive connectors, send
// connectors, load balancers, firewalls, domains and DNS, flows).
const std::vector<CheckInfo>& structureCheckCatalog();

// The catalog entry with this id, or nullptr.
const CheckInfo* findStructureCheck(std::string_view id);

// Runs every structural check. The result is sorted with sortFindings, so the same design
// always gives the same findings in the same order.
std::vector<Finding> checkStructure(const model::Design& design);

}  // namespace mailtopo::analysis
