#include "core/analysis/structure_checks.h"

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"

namespace mailtopo::analysis {

const std::vector<CheckInfo>& structureCheckCatalog() {
    static const std::vector<CheckInfo> catalog(checks::kAll.begin(), checks::kAll.end());
    return catalog;
}

const CheckInfo* findStructureCheck(std::string_view id) {
    for (const auto& check : structureCheckCatalog()) {
        if (check.id == id)
            return &check;
    }
    return nullptr;
}

std::vector<Finding> checkStructure(const model::Design& design) {
    return detail::checkStructure(detail::DesignIndex(design));
}

namespace detail {

std::vector<Finding> checkStructure(const DesignIndex& index) {
    FindingSink sink;
    checkIdentity(index, sink);
    checkAddressing(index, sink);
    checkReceiveConnectors(index, sink);
    checkConnectorOverlaps(index, sink);
    checkSendConnectors(index, sink);
    checkLoadBalancers(index, sink);
    checkFirewalls(index, sink);
    checkDomainsAndDns(index, sink);
    checkFlows(index, sink);
    std::vector<Finding> findings = sink.take();
    sortFindings(findings);
    return findings;
}

}  // namespace detail

}  // namespace mailtopo::analysis
