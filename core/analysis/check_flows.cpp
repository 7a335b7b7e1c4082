// User-defined flows: a destination the simulator can resolve (an IP, a host id or
// "mx:<domain>"), or none and a recipient for the source's routing to choose by (R27/R28);
// an explicit source address the source host owns (R2 step 1); a pool member some VIP has.

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"
#include "core/model/pool_membership.h"
#include "core/net/binding.h"

namespace mailtopo::analysis::detail {
namespace {

constexpr std::string_view kMxPrefix = "mx:";

// Why `destination` cannot be resolved, or nothing when it can.
std::optional<std::string> destinationProblem(const DesignIndex& index,
                                              const std::string& destination) {
    if (net::Address::parse(destination) || index.host(destination) != nullptr)
        return std::nullopt;
    if (destination.starts_with(kMxPrefix)) {
        std::string why;
        if (isValidDomainName(destination.substr(kMxPrefix.size()), false, false, why))
            return std::nullopt;
        return "is an MX lookup of an invalid domain: " + why;
    }
    if (net::Binding::parse(destination)) {
        return "carries a port; put the address in \"destination\" and the port in \"port\"";
    }
    if (const auto kind = index.kindOf(destination)) {
        std::string hint;
        if (*kind == model::ElementKind::Vip) {
            for (const auto& lb : index.design().loadBalancers) {
                for (const auto& vip : lb.vips) {
                    if (vip.id == destination && hint.empty())
                        hint = "; use its address " + vip.address.toString();
                }
            }
        }
        return "names " + withArticle(model::elementKindName(*kind)) + ", not a host" + hint;
    }
    return std::string("is neither an IP address, a host id nor \"mx:<domain>\"");
}

}  // namespace

void checkFlows(const DesignIndex& index, FindingSink& sink) {
    const auto& flows = index.design().flows;
    for (size_t i = 0; i < flows.size(); ++i) {
        const auto& flow = flows[i];
        const std::string base = indexed("", "flows", i);
        const std::string label = "flow " + quoted(flow.name.empty() ? flow.id : flow.name);
        // Without a destination the source's routing chooses by the first recipient
        // (R27/R28, or the recipient's MX), so there must be one.
        const bool routed = flow.destination.empty();
        if (routed && flow.rcptTo.empty()) {
            sink.report(
                checks::kFlowWithoutTarget,
                {.message = label + " has neither a destination nor a recipient: nothing "
                                    "says where it goes",
                 .elements = {flow.id},
                 .pointer = base,
                 .remediation = "Give the flow a destination (an IP address, a host id or "
                                "\"mx:<domain>\"), or an rcptTo so that its source's routing "
                                "chooses: send connectors on an Exchange server (R27/R28), the "
                                "MX of the recipient's domain elsewhere."});
        } else if (const auto problem =
                       routed ? std::nullopt : destinationProblem(index, flow.destination)) {
            sink.report(
                checks::kFlowDestinationInvalid,
                {.message = label + ": destination " + quoted(flow.destination) + " " + *problem,
                 .elements = {flow.id},
                 .pointer = base + "/destination",
                 .remediation = "Write the destination as an IP address (\"198.51.100.25\"), the "
                                "id of a host, or \"mx:<domain>\" (\"mx:example.com\")."});
        }
        if (!flow.poolMemberHostId.empty() && index.host(flow.poolMemberHostId) != nullptr &&
            !model::inSomePool(index.design(), flow.poolMemberHostId)) {
            sink.report(
                checks::kFlowPoolMemberNotInPool,
                {.message = label + ": pool member " + quoted(flow.poolMemberHostId) +
                            " is in the pool of no VIP, so it pins nothing",
                 .elements = {flow.id, flow.poolMemberHostId},
                 .pointer = base + "/poolMember",
                 .remediation = "Name a host that the VIP on the flow's path has in its pool, or "
                                "leave \"poolMember\" out to trace the first member."});
        }
        const model::Host* source = index.host(flow.sourceHostId);
        if (source == nullptr || !flow.sourceAddress ||
            hostOwnsAddress(*source, *flow.sourceAddress))
            continue;
        sink.report(checks::kFlowSourceAddressAbsent,
                    {.message = label + ": source address " + flow.sourceAddress->toString() +
                                " is not an address of " + hostLabel(*source),
                     .elements = {flow.id, source->id},
                     .pointer = base + "/sourceAddress",
                     .remediation = "Bind the flow to one of " + hostLabel(*source) +
                                    "'s addresses, or leave \"sourceAddress\" out to let source "
                                    "selection (R2) pick one."});
    }
}

}  // namespace mailtopo::analysis::detail
