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
    const detail::DesignIndex index(design);
    detail::FindingSink sink;
    detail::checkIdentity(index, sink);
    detail::checkAddressing(index, sink);
    detail::checkReceiveConnectors(index, sink);
    detail::checkConnectorOverlaps(index, sink);
    detail::checkSendConnectors(index, sink);
    detail::checkLoadBalancers(index, sink);
    detail::checkFirewalls(index, sink);
    detail::checkDomainsAndDns(index, sink);
    detail::checkFlows(index, sink);
    std::vector<Finding> findings = sink.take();
    sortFindings(findings);
    return findings;
}

}  // namespace mailtopo::analysis
