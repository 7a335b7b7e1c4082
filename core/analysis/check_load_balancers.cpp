// Load balancers (R9–R11): every VIP has members, SNAT VIPs name the address members will
// see, members are reachable at an address they own, and DSR members meet the L2 and
// loopback-VIP requirements of R11.

#include <set>

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"
#include "core/net/binding.h"

namespace mailtopo::analysis::detail {
namespace {

using model::LoadBalancerMode;

struct VipContext {
    const DesignIndex& index;
    FindingSink& sink;
    const model::LoadBalancer& lb;
    const model::Vip& vip;
    std::string base;              // /loadBalancers/l/vips/v
    std::string label;             // VIP LB01/smtp (10.0.0.50:25, dsr)
    std::set<model::Id> segments;  // segments the load balancer is attached to
};

// The NICs of `host` on the load balancer's segments that carry at least one address.
std::vector<const model::Nic*> nicsOnLbSegments(const VipContext& c, const model::Host& host) {
    std::vector<const model::Nic*> out;
    for (const auto& nic : host.nics) {
        if (!nic.loopbackAdapter && !nic.addresses.empty() && c.segments.contains(nic.segmentId)) {
            out.push_back(&nic);
        }
    }
    return out;
}

std::string nicAlias(const model::Nic& nic) {
    return nic.alias.empty() ? nic.id : nic.alias;
}

void checkPoolAndSnat(const VipContext& c) {
    if (c.vip.pool.empty()) {
        c.sink.report(checks::kVipEmptyPool,
                      {.message = c.label + " has no pool members",
                       .elements = {c.vip.id, c.lb.id},
                       .pointer = c.base + "/pool",
                       .remediation = "Add the servers that should answer on " +
                                      net::Binding(c.vip.address, c.vip.port).toString() +
                                      " to the VIP's pool, or delete the VIP."});
    }
    if (c.vip.mode != LoadBalancerMode::Snat || c.vip.snatAddress)
        return;
    std::string automap;
    for (const auto& itf : c.lb.interfaces) {
        for (const auto& assignment : itf.addresses) {
            if (automap.empty() && assignment.address.family() == c.vip.address.family()) {
                automap = assignment.address.toString() + " (first address of interface " +
                          (itf.name.empty() ? itf.id : itf.name) + ")";
            }
        }
    }
    c.sink.report(
        checks::kSnatAddressMissing,
        {.message = c.label + " names no SNAT address; " +
                    (automap.empty() ? "the load balancer has no interface address to automap to"
                                     : "members will see automap address " + automap +
                                           " as the client of every connection"),
         .elements = {c.vip.id, c.lb.id},
         .pointer = c.base + "/mode",
         .remediation = "Set the VIP's \"snatAddress\" to the self IP its members see (the "
                        "load balancer's SNAT pool or automap address), and keep that "
                        "address out of relay connectors' RemoteIPRanges (R40)."});
}

std::string loopbackRecipe(const model::Host& host, const model::Vip& vip,
                           const std::vector<const model::Nic*>& lanNics) {
    const model::Nic* loopback = nullptr;
    for (const auto& nic : host.nics) {
        if (nic.loopbackAdapter && loopback == nullptr)
            loopback = &nic;
    }
    std::string recipe;
    if (loopback == nullptr) {
        recipe = "install the Microsoft KM-TEST Loopback Adapter on " + hostLabel(host) +
                 " (hdwwiz.exe → Network adapters → Microsoft), then ";
    }
    const std::string alias = psString(loopback ? nicAlias(*loopback) : "Loopback");
    const int hostLength = vip.address.bitWidth();
    recipe += "New-NetIPAddress -InterfaceAlias " + alias + " -IPAddress " +
              vip.address.toString() + " -PrefixLength " + std::to_string(hostLength) +
              " -SkipAsSource $true; Set-NetIPInterface " + "-InterfaceAlias " + alias +
              " -WeakHostSend Enabled -WeakHostReceive Enabled -InterfaceMetric 254";
    if (!lanNics.empty()) {
        recipe += "; Set-NetIPInterface -InterfaceAlias " + psString(nicAlias(*lanNics.front())) +
                  " -WeakHostReceive Enabled";
    }
    return recipe;
}

void checkDsrMember(const VipContext& c, const model::Host& host,
                    const std::string& memberPointer) {
    const auto lanNics = nicsOnLbSegments(c, host);
    if (lanNics.empty()) {
        c.sink.report(
            checks::kDsrMemberNotAdjacent,
            {.message =
                 c.label + ": member " + hostLabel(host) +
                 " shares no segment with load balancer " +
                 (c.lb.name.empty() ? c.lb.id : c.lb.name) +
                 "; direct server return only rewrites the MAC address (DSR_NOT_L2_ADJACENT)",
             .elements = {c.vip.id, host.id},
             .pointer = memberPointer + "/host",
             .remediation = "Attach " + hostLabel(host) +
                            " to a segment of the load balancer, or use SNAT mode for members "
                            "behind a router."});
    }
    const model::Nic* holder = nullptr;
    for (const auto& nic : host.nics) {
        for (const auto& assignment : nic.addresses) {
            if (assignment.address == c.vip.address && (holder == nullptr || nic.loopbackAdapter))
                holder = &nic;
        }
    }
    if (holder != nullptr && holder->loopbackAdapter)
        return;
    std::string problem;
    std::string recipe;
    if (holder == nullptr) {
        problem = " does not own VIP " + c.vip.address.toString() +
                  ", so it drops the forwarded traffic (NOT_LOCAL) and clients time out";
    } else {
        problem = " carries VIP " + c.vip.address.toString() + " on " + nicLabel(host, *holder) +
                  ", which answers ARP for it (DSR_VIP_NOT_ARP_SILENT)";
        recipe = "Remove-NetIPAddress -IPAddress " + c.vip.address.toString() +
                 " -InterfaceAlias " + psString(nicAlias(*holder)) + " -Confirm:$false; ";
    }
    c.sink.report(
        checks::kDsrVipNotOnLoopback,
        {.message = c.label + ": member " + hostLabel(host) + problem,
         .elements = {c.vip.id, host.id},
         .pointer = memberPointer + "/host",
         .remediation =
             host.isWindows()
                 ? "On " + hostLabel(host) + ": " + recipe + loopbackRecipe(host, c.vip, lanNics)
                 : "Configure " + c.vip.address.toString() + " on " + hostLabel(host) +
                       "'s loopback interface and stop it answering "
                       "ARP for it (Linux: arp_ignore=1, arp_announce=2)."});
}

void checkRoutedMember(const VipContext& c, const model::PoolMember& member,
                       const model::Host& host, const std::string& memberPointer) {
    const auto lanNics = nicsOnLbSegments(c, host);
    if (!lanNics.empty())
        return;
    const std::string lbName = c.lb.name.empty() ? c.lb.id : c.lb.name;
    if (!member.address) {
        c.sink.report(
            checks::kPoolMemberAddressUnresolved,
            {.message = c.label + ": member " + hostLabel(host) +
                        " names no address and has none on a segment of " + lbName +
                        ", so the load balancer has no address to send to",
             .elements = {c.vip.id, host.id},
             .pointer = memberPointer + "/host",
             .remediation = "Give the pool member the address the load balancer should use "
                            "(\"address\"), or attach " +
                            hostLabel(host) + " to a segment of " + lbName + "."});
        return;
    }
    c.sink.report(
        checks::kPoolMemberOffSegment,
        {.message = c.label + ": member " + hostLabel(host) + " (" + member.address->toString() +
                    ") shares no segment with " + lbName + " and is reached through a router" +
                    (c.vip.mode == LoadBalancerMode::Transparent
                         ? "; in transparent mode its replies must route back through the load "
                           "balancer (R10)"
                         : ""),
         .elements = {c.vip.id, host.id},
         .pointer = memberPointer + "/address",
         .remediation = "Nothing to fix if this is intended; otherwise attach " + hostLabel(host) +
                        " to a segment of " + lbName + "."});
}

void checkMembers(const VipContext& c) {
    for (size_t m = 0; m < c.vip.pool.size(); ++m) {
        const auto& member = c.vip.pool[m];
        const model::Host* host = c.index.host(member.hostId);
        if (host == nullptr)
            continue;  // dangling: reported elsewhere
        const std::string memberPointer = indexed(c.base, "pool", m);
        if (member.address && !hostOwnsAddress(*host, *member.address)) {
            c.sink.report(
                checks::kPoolMemberAddressAbsent,
                {.message = c.label + ": member address " + member.address->toString() +
                            " is not an address of " + hostLabel(*host),
                 .elements = {c.vip.id, host->id},
                 .pointer = memberPointer + "/address",
                 .remediation = "Use one of " + hostLabel(*host) +
                                "'s addresses for the member, or leave \"address\" out to use "
                                "its address on the load balancer's segment."});
        }
        if (c.vip.mode == LoadBalancerMode::Dsr) {
            checkDsrMember(c, *host, memberPointer);
            if (member.port != c.vip.port)
                c.sink.report(
                    checks::kDsrMemberPort,
                    {.message = c.label + ": member " + hostLabel(*host) + " names port " +
                                std::to_string(member.port) +
                                ", but direct server return delivers the VIP's port " +
                                std::to_string(c.vip.port) + " unchanged",
                     .elements = {c.vip.id, host->id},
                     .pointer = memberPointer + "/port",
                     .remediation = "Set the member's port to " + std::to_string(c.vip.port) +
                                    ", or use SNAT or transparent mode to change the "
                                    "port (R9, R10)."});
        } else {
            checkRoutedMember(c, member, *host, memberPointer);
        }
    }
}

}  // namespace

void checkLoadBalancers(const DesignIndex& index, FindingSink& sink) {
    const auto& lbs = index.design().loadBalancers;
    for (size_t l = 0; l < lbs.size(); ++l) {
        const auto& lb = lbs[l];
        std::set<model::Id> segments;
        for (const auto& itf : lb.interfaces) {
            if (!itf.segmentId.empty())
                segments.insert(itf.segmentId);
        }
        for (size_t v = 0; v < lb.vips.size(); ++v) {
            const auto& vip = lb.vips[v];
            const VipContext c{index,
                               sink,
                               lb,
                               vip,
                               indexed(indexed("", "loadBalancers", l), "vips", v),
                               "VIP " + (lb.name.empty() ? lb.id : lb.name) + "/" +
                                   (vip.name.empty() ? vip.id : vip.name) + " (" +
                                   net::Binding(vip.address, vip.port).toString() + ", " +
                                   std::string(enumName(vip.mode)) + ")",
                               segments};
            checkPoolAndSnat(c);
            checkMembers(c);
        }
    }
}

}  // namespace mailtopo::analysis::detail
