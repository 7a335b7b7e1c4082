// Load balancers on a connection's path (R9–R12): SNAT, transparent and DSR virtual servers,
// the source ACL, member choice, and the translations replies and third legs get back.

#include "core/sim/packet_walk.h"

namespace mailtopo::sim::detail {

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
            !net::anyContains(vip->sourceAcl, p.source)) {
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
        const model::PoolMember* chosen = nullptr;
        for (const auto& candidate : vip->pool)
            if (chosen == nullptr && candidate.hostId == poolMember_)
                chosen = &candidate;
        if (chosen == nullptr) {
            chosen = &vip->pool.front();
            // A pinned member this pool lacks is said, never taken silently (A23: the first).
            if (p.flag == Packet::Flag::Syn && !poolMember_.empty())
                step(leg, StepKind::Note, "R9", vip->id,
                     "the requested pool member " + poolMember_ + " is not in the pool of VIP " +
                         vipText + ": its first member " + chosen->hostId +
                         " takes the connection (ASSUMPTION A23)",
                     p);
        }
        const auto& member = *chosen;
        const auto endpoint = topo_.poolMemberEndpoint(nodeIndex, member, p.destination.family());
        const std::optional<net::Address>& memberAddress = endpoint.address;
        const uint32_t lbInterface = endpoint.lbInterface;
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

}  // namespace mailtopo::sim::detail
