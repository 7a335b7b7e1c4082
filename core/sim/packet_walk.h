#pragma once
// Internal to core/sim: one connection attempt's packets walking the topology. A
// ConnectionWalk carries what the three legs share (device sessions, the egress identity,
// the result being filled); its device handlers live in walk_load_balancer.cpp and
// walk_firewall.cpp, the node-to-node walk in packet_walk.cpp, and connection.cpp drives
// the legs.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/connection.h"

namespace mailtopo::sim::detail {

inline constexpr uint16_t kClientPort = 49152;  // the client's ephemeral port; kept by every NAT
inline constexpr int kMaxHops = 32;             // a longer walk without a repeat: ROUTING_LOOP

struct DeviceSession {
    uint32_t node = kNone;
    Packet outside;  // the SYN as it reached the device
    Packet inside;   // the SYN as it left
    bool stateful = false;
    bool sawSyn = false, sawSynAck = false, sawAck = false;
};

inline Packet reversed(const Packet& p) {
    Packet r;
    r.source = p.destination;
    r.sourcePort = p.destinationPort;
    r.destination = p.source;
    r.destinationPort = p.sourcePort;
    r.flag = p.flag;
    return r;
}

// Gives `p` the addresses and ports of `to`; the TCP flag stays.
inline void rewrite(Packet& p, const Packet& to) {
    p.source = to.source;
    p.sourcePort = to.sourcePort;
    p.destination = to.destination;
    p.destinationPort = to.destinationPort;
}

inline bool sameTuple(const Packet& a, const Packet& b) {
    return a.source == b.source && a.sourcePort == b.sourcePort && a.destination == b.destination &&
           a.destinationPort == b.destinationPort;
}

enum class WalkEnd : uint8_t { Arrived, LeftDesign, Failed };

// Where a packet arrived and as what: the walk's memory for finding routing loops.
struct ArrivalState {
    uint32_t node = kNone;
    uint32_t ingress = kNone;
    Packet packet;

    bool operator==(const ArrivalState&) const = default;
};

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
    void routingLoop(const std::vector<ArrivalState>& arrivals, size_t loopStart, Leg& leg);
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

}  // namespace mailtopo::sim::detail
