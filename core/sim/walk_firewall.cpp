// Firewalls on a connection's path: inbound NAT (R15), stateful tracking with the strict
// three-way handshake and state bypass (R13, R14), zone ACLs, outbound NAT (R16) and ESMTP
// inspection (R17).

#include "core/sim/packet_walk.h"

namespace mailtopo::sim::detail {

ConnectionWalk::DeviceVerdict ConnectionWalk::firewallIngress(uint32_t nodeIndex, Packet& p,
                                                              Leg& leg, DeviceSession*& session) {
    DeviceVerdict v;
    const Node& node = topo_.node(nodeIndex);
    const auto& fw = *node.firewall;
    const bool checks = fw.stateful && !fw.tcpStateBypass;
    if (p.flag == Packet::Flag::Syn) {
        if (const auto* nat = topo_.inboundNat(nodeIndex, p.destination, p.destinationPort)) {
            Packet before = p;
            p.destination = nat->insideAddress;
            p.destinationPort = nat->insidePort;
            std::string summary =
                node.name + " inbound NAT '" + (nat->name.empty() ? nat->id : nat->name) +
                "': " + nat->publicAddress.toString() + " -> " + nat->insideAddress.toString();
            if (nat->sourceTranslation) {
                p.source = *nat->sourceTranslation;
                summary += ", and the client is replaced by " + nat->sourceTranslation->toString() +
                           " (inbound SNAT)";
            }
            step(leg, StepKind::Translate, "R15", nat->id, summary, before, p);
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
        if (!rule.sources.empty() && !net::anyContains(rule.sources, arrived.source))
            continue;
        if (!rule.destinations.empty() && !net::anyContains(rule.destinations, p.destination))
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
        const model::OutboundNat* nat = topo_.outboundNat(nodeIndex, p.source);
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

}  // namespace mailtopo::sim::detail
