// One packet from node to node: host receive and send checks (R4, R5), device handlers,
// route lookup (R6) and ARP on the egress segment, until it arrives, leaves the design into
// the internet, or is dropped.

#include "core/sim/packet_walk.h"
#include "core/sim/host_stack.h"

namespace mailtopo::sim::detail {
namespace {

// Special-purpose ranges that never route on the internet (RFC 1918, 6598, 1122, 3927,
// 4193, 4291). The documentation ranges count as internet: the examples use them so.
bool isInternetRoutable(const net::Address& a) {
    static const char* const kPrivate[] = {
        "10.0.0.0/8",     "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
        "169.254.0.0/16", "0.0.0.0/8",     "fc00::/7",       "fe80::/10",     "::1/128"};
    for (const char* text : kPrivate)
        if (const auto prefix = net::Prefix::parse(text);
            prefix && prefix->family() == a.family() && prefix->contains(a))
            return false;
    return true;
}

}  // namespace

// The packet came back to a node in the state it had before: every router on the cycle keeps
// forwarding it round until its TTL runs out (RFC 791) at the node the count reaches. The
// sender sets 128 on Windows and 64 elsewhere (Linux and most appliances); each forwarding
// node takes one off and drops the packet instead of forwarding a TTL of 0.
void ConnectionWalk::routingLoop(const std::vector<ArrivalState>& arrivals, size_t loopStart,
                                 Leg& leg) {
    const model::Host* sender = topo_.node(arrivals.front().node).host;
    const size_t ttl = sender != nullptr && sender->isWindows() ? 128 : 64;
    const size_t cycle = arrivals.size() - loopStart;
    // arrivals[k] is the k-th node the packet reached; the cycle repeats from loopStart on.
    const size_t expiresAt = ttl < arrivals.size() ? ttl : loopStart + (ttl - loopStart) % cycle;
    const Node& where = topo_.node(arrivals[expiresAt].node);
    std::vector<model::Id> nodes;
    std::string path;
    for (size_t k = loopStart; k <= arrivals.size(); ++k) {
        const Node& n = topo_.node(arrivals[k < arrivals.size() ? k : loopStart].node);
        path += (path.empty() ? "" : " -> ") + n.name;
        if (k < arrivals.size())
            nodes.push_back(n.id);
    }
    const std::string destination = arrivals.back().packet.destination.toString();
    step(leg, StepKind::Route, "R6", where.id,
         "packets for " + destination + " circle " + path + "; the TTL of " + std::to_string(ttl) +
             " runs out at " + where.name,
         arrivals.back().packet);
    fail(DispositionKind::Dropped,
         "ROUTING_LOOP: packets for " + destination + " circle " + path + " until the TTL runs out",
         where.id, "R6");
    flag("ROUTING_LOOP", "R6", std::move(nodes),
         "packets for " + destination + " circle " + path + " (TTL " + std::to_string(ttl) +
             " runs out at " + where.name + ")");
}

WalkResult ConnectionWalk::walk(Packet p, uint32_t from, Leg& leg) {
    WalkResult result;
    uint32_t current = from;
    uint32_t ingress = kNone;
    bool originating = true;
    // Every (node, ingress, packet) the walk arrived with: meeting one again is a routing loop.
    std::vector<ArrivalState> arrivals{{current, kNone, p}};
    for (int hops = 0; hops < kMaxHops; ++hops) {
        const Node& node = topo_.node(current);
        if (!originating) {
            const ArrivalState state{current, ingress, p};
            const auto again = std::find(arrivals.begin(), arrivals.end(), state);
            if (again != arrivals.end()) {
                routingLoop(arrivals, static_cast<size_t>(again - arrivals.begin()), leg);
                return result;
            }
            arrivals.push_back(state);
        }
        DeviceVerdict verdict;
        DeviceSession* fwSession = nullptr;
        const Packet arrived = p;
        if (!originating) {
            switch (node.kind) {
                case NodeKind::Host: {
                    const auto check = receiveCheck(topo_, ingress, p.destination);
                    if (check.verdict == ReceiveVerdict::Local) {
                        const auto& hostFirewall = node.host->firewall;
                        if (p.flag == Packet::Flag::Syn && hostFirewall.enabled &&
                            !hostFirewall.smtpLocalAddresses.empty() &&
                            !net::anyContains(hostFirewall.smtpLocalAddresses, p.destination)) {
                            step(leg, StepKind::Filter, "R11", node.id,
                                 "Windows Firewall on " + node.name + " does not allow SMTP to " +
                                     p.destination.toString(),
                                 p);
                            fail(DispositionKind::Dropped, "HOST_FIREWALL on " + node.name, node.id,
                                 "R11");
                            return result;
                        }
                        step(leg, StepKind::HostReceive, "R4", topo_.interface(ingress).id,
                             check.reason, p);
                        result.end = WalkEnd::Arrived;
                        result.node = current;
                        result.ingress = ingress;
                        result.packet = p;
                        return result;
                    }
                    if (check.verdict != ReceiveVerdict::Forward) {
                        step(leg, StepKind::HostReceive, "R4", topo_.interface(ingress).id,
                             check.reason, p);
                        const bool strong = check.verdict == ReceiveVerdict::DropStrongHost;
                        const std::string reason = strong ? "STRONG_HOST_RECEIVE" : "NOT_LOCAL";
                        fail(DispositionKind::Dropped,
                             reason + " on " + topo_.interface(ingress).label +
                                 ": the client times out",
                             topo_.interface(ingress).id, "R4");
                        if (strong)
                            flag("STRONG_HOST_RECEIVE", "R4",
                                 {topo_.interface(ingress).id, node.id}, check.reason);
                        return result;
                    }
                    step(leg, StepKind::HostReceive, "R4", topo_.interface(ingress).id,
                         check.reason, p);
                    break;
                }
                case NodeKind::LoadBalancer:
                    verdict = loadBalancer(current, p, leg);
                    break;
                case NodeKind::Firewall:
                    verdict = firewallIngress(current, p, leg, fwSession);
                    break;
                case NodeKind::Router:
                    break;
            }
            if (verdict.stop)
                return result;
        }

        // Route (R6), with the host's send model when the packet starts here (R5).
        const RouteEntry* route = nullptr;
        uint32_t egressIf = verdict.forcedInterface;
        if (egressIf == kNone) {
            if (originating && node.kind == NodeKind::Host) {
                const auto send = sendRoute(topo_, current, p.source, p.destination);
                if (send.strongHostDrop) {
                    step(leg, StepKind::HostSend, "R5", node.id, send.reason, p);
                    fail(DispositionKind::Dropped, "STRONG_HOST_SEND on " + node.name, node.id,
                         "R5");
                    const uint32_t owner = topo_.interfaceOwning(current, p.source);
                    flag("STRONG_HOST_SEND", "R5",
                         {owner == kNone ? node.id : topo_.interface(owner).id, node.id},
                         send.reason);
                    return result;
                }
                if (!send.reason.empty())
                    step(leg, StepKind::HostSend, "R5", node.id, send.reason, p);
                route = send.route;
            } else {
                route = topo_.lookup(current, p.destination);
            }
            if (route == nullptr) {
                step(leg, StepKind::Route, "R6", node.id,
                     node.name + " has no route to " + p.destination.toString(), p);
                fail(DispositionKind::Dropped, "NO_ROUTE at " + node.name, node.id, "R6");
                return result;
            }
            egressIf = route->interface;
        }
        const Interface& out = topo_.interface(egressIf);
        const net::Address nextHop = verdict.forcedNextHop.value_or(
            route && route->nextHop ? *route->nextHop : p.destination);
        if (route != nullptr && explain_)
            step(leg, StepKind::Route, "R6", node.id,
                 node.name + " routes " + p.destination.toString() + " via " +
                     route->destination.toString() +
                     (route->nextHop ? " next hop " + route->nextHop->toString()
                                     : std::string(" on-link")) +
                     " out of " + out.label,
                 p);
        if (node.kind == NodeKind::Firewall &&
            !firewallEgress(current, ingress, egressIf, p, leg, fwSession, arrived))
            return result;
        if (out.loopback) {
            fail(DispositionKind::Dropped,
                 "LOOPBACK_ROUTE: " + node.name + " sends " + p.destination.toString() +
                     " into its loopback adapter",
                 out.id, "R6");
            flag("LOOPBACK_ROUTE_SHADOW", "R6", {out.id, node.id},
                 "the route through loopback adapter " + out.label + " wins for " +
                     p.destination.toString());
            return result;
        }
        // Layer 2: who answers ARP for the next hop on the egress segment.
        const auto owner = topo_.arpOwner(out.segmentId, nextHop);
        if (!owner || topo_.interface(owner->interface).node == current) {
            // Only a public address nobody in the design holds is "somewhere on the internet";
            // a private or design-owned address there is simply unreachable.
            if (topo_.isInternetSegment(out.segmentId) && nextHop == p.destination &&
                isInternetRoutable(p.destination) && !topo_.holds(p.destination)) {
                step(leg, StepKind::L2, "R1", out.id,
                     p.destination.toString() + " is on the internet, outside the design", p);
                result.end = WalkEnd::LeftDesign;
                result.node = current;
                result.packet = p;
                return result;
            }
            step(
                leg, StepKind::L2, "R1", out.id,
                "nothing on " +
                    (out.segmentId.empty() ? std::string("its link") : "segment " + out.segmentId) +
                    " answers ARP for " + nextHop.toString(),
                p);
            fail(DispositionKind::Dropped,
                 "NO_ARP: nobody answers for " + nextHop.toString() + " on " + out.label, out.id,
                 "R1");
            return result;
        }
        current = topo_.interface(owner->interface).node;
        ingress = owner->interface;
        originating = false;
    }
    fail(DispositionKind::Dropped, "ROUTING_LOOP: more than 32 hops", topo_.node(current).id, "R6");
    return result;
}

}  // namespace mailtopo::sim::detail
