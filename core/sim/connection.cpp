#include "core/sim/connection.h"

#include <algorithm>

#include "core/sim/host_stack.h"

namespace mailtopo::sim {
namespace {

constexpr uint16_t kClientPort = 49152;  // the client's ephemeral port; kept by every NAT
constexpr int kMaxHops = 32;             // a longer walk is a routing loop

struct DeviceSession {
    uint32_t node = kNone;
    Packet outside;  // the SYN as it reached the device
    Packet inside;   // the SYN as it left
    bool stateful = false;
    bool sawSyn = false, sawSynAck = false, sawAck = false;
};

Packet reversed(const Packet& p) {
    Packet r;
    r.source = p.destination;
    r.sourcePort = p.destinationPort;
    r.destination = p.source;
    r.destinationPort = p.sourcePort;
    r.flag = p.flag;
    return r;
}

// Gives `p` the addresses and ports of `to`; the TCP flag stays.
void rewrite(Packet& p, const Packet& to) {
    p.source = to.source;
    p.sourcePort = to.sourcePort;
    p.destination = to.destination;
    p.destinationPort = to.destinationPort;
}

bool sameTuple(const Packet& a, const Packet& b) {
    return a.source == b.source && a.sourcePort == b.sourcePort && a.destination == b.destination &&
           a.destinationPort == b.destinationPort;
}

bool inRanges(const std::vector<net::IpRange>& ranges, const net::Address& a) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&](const net::IpRange& r) { return r.contains(a); });
}

enum class WalkEnd : uint8_t { Arrived, LeftDesign, Failed };

struct WalkResult {
    WalkEnd end = WalkEnd::Failed;
    uint32_t node = kNone;
    uint32_t ingress = kNone;
    Packet packet;
};

// Everything one connection attempt accumulates while its three legs walk the topology.
class ConnectionWalk {
public:
    ConnectionWalk(const Topology& topology, ConnectionResult& result, model::Id poolMember,
                   bool explain)
        : topo_(topology), result_(result), poolMember_(std::move(poolMember)), explain_(explain) {}

    WalkResult walk(Packet packet, uint32_t from, Leg& leg);
    std::vector<DeviceSession>& sessions() { return sessions_; }
    std::optional<EgressIdentity> egressIdentity;

    void fail(DispositionKind kind, std::string text, const model::Id& element, std::string rule) {
        result_.failure.kind = kind;
        result_.failure.text = std::move(text);
        result_.failure.element = element;
        result_.failure.rule = std::move(rule);
    }
    void flag(std::string name, std::string rule, std::vector<model::Id> elements,
              std::string detail) {
        result_.flags.push_back(
            {std::move(name), std::move(rule), std::move(elements), std::move(detail)});
    }

private:
    struct DeviceVerdict {
        bool stop = false;  // failed; disposition already set
        std::optional<net::Address> forcedNextHop;
        uint32_t forcedInterface = kNone;
    };
    DeviceVerdict loadBalancer(uint32_t node, Packet& p, Leg& leg);
    DeviceVerdict firewallIngress(uint32_t node, Packet& p, Leg& leg, DeviceSession*& session);
    bool firewallEgress(uint32_t node, uint32_t ingress, uint32_t egress, Packet& p, Leg& leg,
                        DeviceSession* session, const Packet& arrived);
    void step(Leg& leg, StepKind kind, std::string rule, const model::Id& element,
              std::string summary, std::optional<Packet> before = std::nullopt,
              std::optional<Packet> after = std::nullopt,
              std::vector<std::pair<std::string, std::string>> inputs = {}) {
        if (!explain_ && kind != StepKind::Translate)
            return;
        Step s;
        s.kind = kind;
        s.rule = std::move(rule);
        s.element = element;
        s.summary = std::move(summary);
        s.before = std::move(before);
        s.after = std::move(after);
        s.inputs = std::move(inputs);
        leg.steps.push_back(std::move(s));
    }

    const Topology& topo_;
    ConnectionResult& result_;
    std::vector<DeviceSession> sessions_;
    model::Id poolMember_;
    bool explain_ = true;
};

ConnectionWalk::DeviceVerdict ConnectionWalk::loadBalancer(uint32_t nodeIndex, Packet& p,
                                                           Leg& leg) {
    DeviceVerdict v;
    const Node& node = topo_.node(nodeIndex);
    const model::LoadBalancer* owner = nullptr;
    const model::Vip* vip = topo_.vip(p.destination, p.destinationPort, &owner);
    if (vip != nullptr && owner == node.loadBalancer &&
        (p.flag == Packet::Flag::Syn || vip->mode == model::LoadBalancerMode::Dsr)) {
        const std::string vipText = vip->address.toString() + ":" + std::to_string(vip->port);
        if (p.flag == Packet::Flag::Syn && !vip->sourceAcl.empty() &&
            !inRanges(vip->sourceAcl, p.source)) {
            step(leg, StepKind::Filter, "R12", vip->id,
                 node.name + " refuses " + p.source.toString() + ": not in the source ACL of VIP " +
                     vipText,
                 p);
            fail(DispositionKind::Reset, "LB_SOURCE_ACL: reset by " + node.name, vip->id, "R12");
            v.stop = true;
            return v;
        }
        if (vip->pool.empty()) {
            fail(DispositionKind::Dropped, "EMPTY_POOL: VIP " + vipText + " has no members",
                 vip->id, "R9");
            v.stop = true;
            return v;
        }
        const model::PoolMember* chosen = &vip->pool.front();
        for (const auto& candidate : vip->pool)
            if (candidate.hostId == poolMember_)
                chosen = &candidate;
        const auto& member = *chosen;
        const uint32_t memberNode = topo_.nodeIndex(member.hostId);
        // The member's address: as listed, else its address on a segment the balancer is on.
        std::optional<net::Address> memberAddress = member.address;
        uint32_t lbInterface = kNone;
        if (memberNode != kNone) {
            for (uint32_t hostIf : topo_.node(memberNode).interfaces)
                for (uint32_t lbIf : node.interfaces) {
                    const auto& hi = topo_.interface(hostIf);
                    if (hi.loopback || hi.segmentId.empty() ||
                        hi.segmentId != topo_.interface(lbIf).segmentId)
                        continue;
                    for (const auto& a : *hi.addresses)
                        if (a.address.family() == p.destination.family()) {
                            if (!memberAddress)
                                memberAddress = a.address;
                            if (*memberAddress == a.address && lbInterface == kNone)
                                lbInterface = lbIf;
                        }
                }
        }
        if (!memberAddress) {
            fail(DispositionKind::InsufficientInfo,
                 "the address of pool member " + member.hostId + " of VIP " + vipText +
                     ": give the member an address or put it on a segment of " + node.name,
                 vip->id, "R9");
            v.stop = true;
            return v;
        }
        Packet before = p;
        switch (vip->mode) {
            case model::LoadBalancerMode::Snat: {
                std::optional<net::Address> snat = vip->snatAddress;
                if (!snat && lbInterface != kNone)
                    for (const auto& a : *topo_.interface(lbInterface).addresses)
                        if (a.address.family() == p.source.family()) {
                            snat = a.address;
                            break;
                        }
                if (!snat) {
                    fail(DispositionKind::InsufficientInfo,
                         "the SNAT address of VIP " + vipText + " on " + node.name, vip->id, "R9");
                    v.stop = true;
                    return v;
                }
                p.source = *snat;
                p.destination = *memberAddress;
                p.destinationPort = member.port;
                step(leg, StepKind::Translate, "R9", vip->id,
                     node.name + " SNAT: VIP " + vipText + " -> member " + member.hostId +
                         ", client replaced by " + snat->toString(),
                     before, p);
                if (!vip->sourceAcl.empty())
                    flag("RELAY_AUTH_DELEGATED_TO_LB", "R12", {vip->id},
                         "only " + node.name + "'s source ACL tells clients of VIP " + vipText +
                             " apart; the members see " + snat->toString() + " for all of them");
                sessions_.push_back({nodeIndex, before, p, false, true, false, false});
                break;
            }
            case model::LoadBalancerMode::Transparent:
                p.destination = *memberAddress;
                p.destinationPort = member.port;
                step(leg, StepKind::Translate, "R10", vip->id,
                     node.name + " transparent: VIP " + vipText + " -> member " + member.hostId +
                         ", client address kept",
                     before, p);
                sessions_.push_back({nodeIndex, before, p, false, true, false, false});
                break;
            case model::LoadBalancerMode::Dsr:
                if (lbInterface == kNone) {
                    step(leg, StepKind::L2, "R11", vip->id,
                         node.name + " cannot reach " + member.hostId +
                             " at layer 2: DSR needs the member on a segment of the balancer",
                         p);
                    fail(DispositionKind::Dropped, "DSR_NOT_L2_ADJACENT", vip->id, "R11");
                    flag("DSR_NOT_L2_ADJACENT", "R11", {vip->id, member.hostId},
                         "VIP " + vipText + " member " + member.hostId +
                             " shares no segment with " + node.name);
                    v.stop = true;
                    return v;
                }
                v.forcedNextHop = *memberAddress;
                v.forcedInterface = lbInterface;
                step(leg, StepKind::L2, "R11", vip->id,
                     node.name + " DSR: destination MAC rewritten to " + member.hostId + " (" +
                         memberAddress->toString() + "); destination IP stays " +
                         vip->address.toString(),
                     p);
                break;
        }
        return v;
    }
    // A packet of a connection the balancer translated before.
    for (auto& s : sessions_) {
        if (s.node != nodeIndex)
            continue;
        Packet before = p;
        if (sameTuple(p, s.outside)) {
            rewrite(p, s.inside);
            step(leg, StepKind::Translate, "R9", node.id,
                 node.name + " applies the translation of this connection", before, p);
            return v;
        }
        if (sameTuple(p, reversed(s.inside))) {
            rewrite(p, reversed(s.outside));
            step(leg, StepKind::Translate, "R9", node.id,
                 node.name + " reverses its translation: the client sees the VIP", before, p);
            return v;
        }
    }
    if (topo_.interfaceOwning(nodeIndex, p.destination) != kNone) {
        step(leg, StepKind::Filter, "R9", node.id,
             node.name + " has no virtual server or connection for " + packetText(p), p);
        if (p.flag == Packet::Flag::Syn)
            fail(DispositionKind::Reset,
                 "reset by " + node.name + ": no virtual server on " + p.destination.toString() +
                     ":" + std::to_string(p.destinationPort),
                 node.id, "R9");
        else
            fail(DispositionKind::Dropped, "NO_STATE at " + node.name, node.id, "R9");
        v.stop = true;
    }
    return v;
}

ConnectionWalk::DeviceVerdict ConnectionWalk::firewallIngress(uint32_t nodeIndex, Packet& p,
                                                              Leg& leg, DeviceSession*& session) {
    DeviceVerdict v;
    const Node& node = topo_.node(nodeIndex);
    const auto& fw = *node.firewall;
    const bool checks = fw.stateful && !fw.tcpStateBypass;
    if (p.flag == Packet::Flag::Syn) {
        for (const auto& nat : fw.inboundNat) {
            if (nat.publicAddress == p.destination && nat.publicPort == p.destinationPort) {
                Packet before = p;
                p.destination = nat.insideAddress;
                p.destinationPort = nat.insidePort;
                std::string summary =
                    node.name + " inbound NAT '" + (nat.name.empty() ? nat.id : nat.name) +
                    "': " + nat.publicAddress.toString() + " -> " + nat.insideAddress.toString();
                if (nat.sourceTranslation) {
                    p.source = *nat.sourceTranslation;
                    summary += ", and the client is replaced by " +
                               nat.sourceTranslation->toString() + " (inbound SNAT)";
                }
                step(leg, StepKind::Translate, "R15", nat.id, summary, before, p);
                break;
            }
        }
        return v;
    }
    for (auto& s : sessions_) {
        if (s.node != nodeIndex)
            continue;
        Packet before = p;
        if (sameTuple(p, reversed(s.inside))) {
            s.sawSynAck = true;
            rewrite(p, reversed(s.outside));
            step(leg, StepKind::Session, "R13", node.id,
                 node.name + " matches the reply to its connection state" +
                     (sameTuple(before, p) ? std::string() : " and reverses its NAT"),
                 before, p);
            session = &s;
            return v;
        }
        if (sameTuple(p, s.outside)) {
            if (checks && p.flag == Packet::Flag::Ack && !s.sawSynAck) {
                s.sawAck = true;  // seen, and dropped
                step(leg, StepKind::Session, "R13", node.id,
                     node.name +
                         " saw the SYN but never the SYN-ACK: the client's ACK breaks "
                         "its strict three-way handshake check",
                     p);
                fail(DispositionKind::Timeout,
                     "3WHS_FAILED at " + node.name +
                         ": the client's ACK is dropped, the server retransmits its SYN-ACK and "
                         "the banner never arrives",
                     node.id, "R13");
                flag("ASYMMETRIC_PATH", "R14", {node.id},
                     node.name + " is on the forward path but not on the reply path");
                v.stop = true;
                return v;
            }
            s.sawAck = s.sawAck || p.flag == Packet::Flag::Ack;
            rewrite(p, s.inside);
            step(leg, StepKind::Session, "R13", node.id,
                 node.name + " matches the packet to its connection state" +
                     (fw.tcpStateBypass ? " (TCP state bypass: no state checks)" : ""),
                 before, p);
            session = &s;
            return v;
        }
    }
    if (checks) {
        // Was this a reply of a connection the firewall knows under other addresses?
        bool known = false;
        for (const auto& s : sessions_)
            known = known || (s.node == nodeIndex && s.inside.source == p.destination);
        step(leg, StepKind::Session, "R13", node.id,
             node.name + " has no state for " + packetText(p) + ": first packet is not a SYN", p);
        fail(DispositionKind::Dropped, "NO_STATE at " + node.name, node.id, "R13");
        if (known)
            flag("HANDSHAKE_SRC_MISMATCH", "R7", {node.id},
                 "the reply comes from " + p.source.toString() +
                     ", not from the address the "
                     "client connected to, so " +
                     node.name + " finds no state for it");
        else
            flag("ASYMMETRIC_PATH", "R14", {node.id},
                 node.name + " is on the reply path but not on the forward path");
        sessions_.push_back({nodeIndex, p, p, true, false, true, false});
        v.stop = true;
        return v;
    }
    step(leg, StepKind::Session, "R13", node.id,
         node.name + (fw.stateful ? " bypasses TCP state checks" : " is stateless") +
             ": the packet passes on its ACL",
         p);
    return v;
}

bool ConnectionWalk::firewallEgress(uint32_t nodeIndex, uint32_t ingress, uint32_t egress,
                                    Packet& p, Leg& leg, DeviceSession* session,
                                    const Packet& arrived) {
    if (p.flag != Packet::Flag::Syn || session != nullptr)
        return true;
    const Node& node = topo_.node(nodeIndex);
    const auto& fw = *node.firewall;
    const std::string fromZone = ingress == kNone ? "" : topo_.interface(ingress).device->zone;
    const std::string toZone = topo_.interface(egress).device->zone;
    // Zone-based rules and the default policy cannot be evaluated without both zones.
    for (uint32_t itf : {ingress, egress})
        if (itf != kNone && topo_.interface(itf).device->zone.empty() &&
            (!fw.rules.empty() || !fw.zones.empty())) {
            fail(DispositionKind::InsufficientInfo,
                 "the zone of firewall interface " + topo_.interface(itf).label +
                     " (its ACL and default policy are per zone)",
                 topo_.interface(itf).id, "R13");
            return false;
        }
    auto trust = [&](const std::string& zone) {
        for (const auto& z : fw.zones)
            if (z.name == zone)
                return z.trust;
        return 0;
    };
    const model::FirewallRule* matched = nullptr;
    for (const auto& rule : fw.rules) {
        auto zoneOk = [](const std::string& ruleZone, const std::string& zone) {
            return ruleZone.empty() || ruleZone == "any" || ruleZone == zone;
        };
        if (!zoneOk(rule.fromZone, fromZone) || !zoneOk(rule.toZone, toZone))
            continue;
        if (!rule.sources.empty() && !inRanges(rule.sources, arrived.source))
            continue;
        if (!rule.destinations.empty() && !inRanges(rule.destinations, p.destination))
            continue;
        if (!rule.ports.empty() &&
            std::find(rule.ports.begin(), rule.ports.end(), p.destinationPort) == rule.ports.end())
            continue;
        matched = &rule;
        break;
    }
    const bool allowed = matched ? matched->action == model::FirewallAction::Allow
                                 : trust(fromZone) >= trust(toZone);
    const std::string ruleText =
        matched ? "rule '" + (matched->name.empty() ? matched->id : matched->name) + "'"
                : "default policy " + fromZone + " (" + std::to_string(trust(fromZone)) + ") -> " +
                      toZone + " (" + std::to_string(trust(toZone)) + ")";
    step(leg, StepKind::Filter, "R13", matched ? matched->id : node.id,
         node.name + (allowed ? " allows " : " denies ") + "the SYN: " + ruleText, p, std::nullopt,
         {{"zones", fromZone + " -> " + toZone}});
    if (!allowed) {
        fail(DispositionKind::Dropped, "FW_DENY at " + node.name + " (" + ruleText + ")",
             matched ? matched->id : node.id, "R13");
        return false;
    }
    // Outbound NAT (R16) where the packet leaves into the internet.
    if (topo_.isInternetSegment(topo_.interface(egress).segmentId)) {
        Packet before = p;
        const model::OutboundNat* nat = nullptr;
        for (const auto& candidate : fw.outboundNat)
            if (inRanges(candidate.insideSources, p.source)) {
                nat = &candidate;
                break;
            }
        EgressIdentity id;
        id.natDevice = node.id;
        if (nat != nullptr) {
            p.source = nat->publicAddress;
            id.natRule = nat->id;
            step(leg, StepKind::Translate, "R16", nat->id,
                 node.name + " outbound NAT '" + (nat->name.empty() ? nat->id : nat->name) +
                     "': " + before.source.toString() + " -> " + p.source.toString(),
                 before, p);
        } else if (fw.unmatchedOutbound == model::UnmatchedOutbound::InterfacePat) {
            for (const auto& a : *topo_.interface(egress).addresses)
                if (a.address.family() == p.source.family()) {
                    p.source = a.address;
                    break;
                }
            id.natRule = "interface-pat";
            step(leg, StepKind::Translate, "R16", node.id,
                 node.name + ": no outbound NAT rule covers " + before.source.toString() +
                     ", so interface PAT sends it as " + p.source.toString() + " (ASSUMPTION A10)",
                 before, p);
        } else {
            step(leg, StepKind::Filter, "R16", node.id,
                 node.name + ": no outbound NAT rule covers " + before.source.toString() +
                     " and unmatched sources are blocked",
                 p);
            fail(DispositionKind::Dropped, "OUTBOUND_NAT_BLOCK at " + node.name, node.id, "R16");
            return false;
        }
        id.publicAddress = p.source;
        egressIdentity = id;
    }
    sessions_.push_back({nodeIndex, arrived, p, fw.stateful, true, false, false});
    if (fw.smtpInspection.enabled && p.destinationPort == 25)
        for (const auto& verb : fw.smtpInspection.strippedVerbs)
            result_.strippedVerbs.emplace_back(verb, node.id);
    return true;
}

WalkResult ConnectionWalk::walk(Packet p, uint32_t from, Leg& leg) {
    WalkResult result;
    uint32_t current = from;
    uint32_t ingress = kNone;
    bool originating = true;
    for (int hops = 0; hops < kMaxHops; ++hops) {
        const Node& node = topo_.node(current);
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
                            !inRanges(hostFirewall.smtpLocalAddresses, p.destination)) {
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
            if (topo_.isInternetSegment(out.segmentId) && nextHop == p.destination) {
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

}  // namespace

std::string packetText(const Packet& p) {
    auto endpoint = [](const net::Address& a, uint16_t port) {
        std::string out;
        if (a.isV6())
            out += '[';
        out += a.toString();
        if (a.isV6())
            out += ']';
        out += ':';
        out += std::to_string(port);
        return out;
    };
    return endpoint(p.source, p.sourcePort) + " -> " + endpoint(p.destination, p.destinationPort);
}

ConnectionResult traceConnection(const Topology& topology, const ReceiveConnectorTable& connectors,
                                 const ConnectionRequest& request) {
    ConnectionResult result;
    Hop& hop = result.hop;
    const Node& client = topology.node(request.client);
    hop.client = client.id;
    hop.target = request.target;
    hop.port = request.port;
    ConnectionWalk walk(topology, result, request.poolMember, request.explain);

    // Source address (R2, R3, R8).
    const auto choice =
        selectSourceAddress(topology, request.client, request.target, request.boundSource);
    {
        Step s;
        s.kind = StepKind::SourceSelect;
        s.rule = choice.rule;
        s.element = client.id;
        s.summary = choice.address ? client.name + " sends from " + choice.address->toString() +
                                         ": " + choice.reason
                                   : choice.reason;
        s.inputs.emplace_back("destination", request.target.toString());
        if (choice.route && choice.route->nextHop)
            s.inputs.emplace_back("next hop", choice.route->nextHop->toString());
        hop.setup.push_back(std::move(s));
    }
    if (choice.skipAsSourceFallback)
        walk.flag("SKIPASSOURCE_ALL", "R2", {topology.interface(choice.interface).id},
                  "every address of " + topology.interface(choice.interface).label +
                      " is SkipAsSource; Windows sends from one anyway");
    if (!choice.address) {
        bool anyAddress = false;
        for (uint32_t itf : client.interfaces)
            anyAddress = anyAddress || !topology.interface(itf).addresses->empty();
        if (!anyAddress)
            walk.fail(DispositionKind::InsufficientInfo,
                      "an IP address of " + client.name + " (it has no NIC with an address)",
                      client.id, "R2");
        else if (choice.error == "BIND_ADDRESS_ABSENT")
            walk.fail(DispositionKind::Dropped,
                      "CONFIG_ERROR(BIND_ADDRESS_ABSENT): " + choice.reason, client.id, "R2");
        else
            walk.fail(DispositionKind::Dropped, choice.error + ": " + choice.reason, client.id,
                      choice.rule);
        return result;
    }
    hop.chosenSource = choice.address;

    // SYN.
    Packet syn{*choice.address, kClientPort, request.target, request.port, Packet::Flag::Syn};
    Leg synLeg{"SYN", {}};
    const auto arrived = walk.walk(syn, request.client, synLeg);
    hop.legs.push_back(std::move(synLeg));
    auto recordSessions = [&] {
        hop.egress = walk.egressIdentity;
        for (const auto& s : walk.sessions())
            if (topology.node(s.node).kind == NodeKind::Firewall)
                hop.sessions.push_back({topology.node(s.node).id, s.sawSyn, s.sawSynAck, s.sawAck});
    };
    if (arrived.end == WalkEnd::LeftDesign) {
        recordSessions();
        if (!hop.egress) {
            EgressIdentity id;
            id.publicAddress = arrived.packet.source;
            hop.egress = id;
        }
        result.outcome = ConnectionResult::Outcome::LeftDesign;
        return result;
    }
    if (arrived.end != WalkEnd::Arrived) {
        recordSessions();
        return result;
    }
    const Node& server = topology.node(arrived.node);
    hop.server = server.id;
    hop.seenSource = arrived.packet.source;
    hop.localAddress = arrived.packet.destination;
    result.server = arrived.node;

    // Listener (R1 step 4, R18, R20).
    const auto& host = *server.host;
    const bool listens = host.exchange ? connectors.listens(host.id, arrived.packet.destination,
                                                            arrived.packet.destinationPort)
                                       : host.smtp && std::find(host.smtp->listenPorts.begin(),
                                                                host.smtp->listenPorts.end(),
                                                                arrived.packet.destinationPort) !=
                                                          host.smtp->listenPorts.end();
    {
        Step s;
        s.kind = StepKind::Listener;
        s.rule = host.exchange ? "R20" : "R1";
        s.element = server.id;
        const std::string endpoint = arrived.packet.destination.toString() + ":" +
                                     std::to_string(arrived.packet.destinationPort);
        s.summary = listens ? server.name + " listens on " + endpoint
                            : "nothing on " + server.name + " listens on " + endpoint;
        hop.legs.back().steps.push_back(std::move(s));
    }
    if (!listens) {
        recordSessions();
        walk.fail(DispositionKind::Reset,
                  "reset by " + server.name + ": no listener on " +
                      arrived.packet.destination.toString() + ":" +
                      std::to_string(arrived.packet.destinationPort),
                  server.id, "R20");
        walk.flag("NO_LISTENER", "R20", {server.id},
                  "no enabled receive connector of " + server.name + " binds " +
                      arrived.packet.destination.toString() + ":" +
                      std::to_string(arrived.packet.destinationPort));
        return result;
    }

    // SYN-ACK from the address the SYN was sent to (R7), walked back from the server.
    Packet synAck = reversed(arrived.packet);
    synAck.flag = Packet::Flag::SynAck;
    Leg synAckLeg{"SYN-ACK", {}};
    const auto back = walk.walk(synAck, arrived.node, synAckLeg);
    hop.legs.push_back(std::move(synAckLeg));
    if (back.end != WalkEnd::Arrived || back.node != request.client) {
        if (back.end == WalkEnd::Arrived || back.end == WalkEnd::LeftDesign)
            walk.fail(DispositionKind::Dropped,
                      "the SYN-ACK never reaches " + client.name + ": the client times out",
                      server.id, "R7");
        recordSessions();
        return result;
    }
    {
        Step s;
        s.kind = StepKind::Handshake;
        s.rule = "R7";
        s.element = client.id;
        s.before = back.packet;
        const bool match =
            back.packet.source == request.target && back.packet.sourcePort == request.port;
        const std::string expected = request.target.toString() + ":" + std::to_string(request.port);
        if (!match) {
            s.summary = client.name + " sent its SYN to " + expected +
                        " but the SYN-ACK comes from " + back.packet.source.toString() + ":" +
                        std::to_string(back.packet.sourcePort) + ": no such connection, RST";
            hop.legs.back().steps.push_back(std::move(s));
            walk.fail(DispositionKind::Reset, "reset by " + client.name + " (client)", client.id,
                      "R7");
            walk.flag("HANDSHAKE_SRC_MISMATCH", "R7", {client.id, server.id},
                      "the SYN-ACK comes from " + back.packet.source.toString() + " instead of " +
                          request.target.toString());
            recordSessions();
            return result;
        }
        s.summary = client.name + " accepts the SYN-ACK from " + expected;
        hop.legs.back().steps.push_back(std::move(s));
    }

    // ACK: the forward path again, through the stateful checks (R13, R14).
    Packet ack = syn;
    ack.flag = Packet::Flag::Ack;
    Leg ackLeg{"ACK", {}};
    const auto third = walk.walk(ack, request.client, ackLeg);
    hop.legs.push_back(std::move(ackLeg));
    recordSessions();
    if (third.end != WalkEnd::Arrived || third.node != arrived.node) {
        if (result.failure.text.empty())
            walk.fail(DispositionKind::Timeout, "the client's ACK never reaches " + server.name,
                      server.id, "R13");
        return result;
    }
    result.outcome = ConnectionResult::Outcome::Established;
    return result;
}

}  // namespace mailtopo::sim
