#pragma once
// Devices between mail hosts that rewrite or filter packets: load balancers and firewalls.

#include <optional>
#include <string>
#include <vector>

#include "core/model/enums.h"
#include "core/model/network.h"
#include "core/net/ip_range.h"

namespace mailtopo::model {

struct PoolMember {
    Id hostId;
    std::optional<net::Address> address;  // defaults to the host's address on the LB's segment
    uint16_t port = 25;

    bool operator==(const PoolMember&) const = default;
};

// A virtual server. Member choice is deterministic (first member, §0.1 A23) unless a flow
// names the member.
struct Vip {
    Id id;
    std::string name;
    net::Address address;
    uint16_t port = 25;
    LoadBalancerMode mode = LoadBalancerMode::Snat;
    std::optional<net::Address> snatAddress;  // SNAT mode: the LB self IP members see (R9)
    std::vector<PoolMember> pool;
    std::vector<net::IpRange> sourceAcl;  // empty: any client (R12a)

    bool operator==(const Vip&) const = default;
};

struct LoadBalancer {
    Id id;
    std::string name;
    std::vector<DeviceInterface> interfaces;
    std::vector<Route> routes;
    std::vector<Vip> vips;
    std::string description;

    bool operator==(const LoadBalancer&) const = default;
};

struct FirewallZone {
    std::string name;
    int trust =
        0;  // 0 = internet … 100 = most trusted; traffic from lower to higher is denied by default

    bool operator==(const FirewallZone&) const = default;
};

// An ordered access rule, evaluated on the SYN, first match wins (R13). Addresses are
// matched as the rule table sees them after inbound NAT (real addresses).
struct FirewallRule {
    Id id;
    std::string name;
    std::string fromZone = "any";
    std::string toZone = "any";
    std::vector<net::IpRange> sources;       // empty: any
    std::vector<net::IpRange> destinations;  // empty: any
    std::vector<uint16_t> ports;             // empty: any TCP port
    FirewallAction action = FirewallAction::Allow;

    bool operator==(const FirewallRule&) const = default;
};

// Static inbound NAT (R15): publicAddress:publicPort → insideAddress:insidePort, optionally
// also replacing the client address by `sourceTranslation` (inbound SNAT).
struct InboundNat {
    Id id;
    std::string name;
    net::Address publicAddress;
    uint16_t publicPort = 25;
    net::Address insideAddress;
    uint16_t insidePort = 25;
    std::optional<net::Address> sourceTranslation;

    bool operator==(const InboundNat&) const = default;
};

// Outbound source NAT (R16): inside sources → one public address.
struct OutboundNat {
    Id id;
    std::string name;
    std::vector<net::IpRange> insideSources;
    net::Address publicAddress;

    bool operator==(const OutboundNat&) const = default;
};

struct SmtpInspection {
    bool enabled = false;
    std::vector<std::string> strippedVerbs;  // e.g. "X-ANONYMOUSTLS", "X-EXPS", "GSSAPI" (R17)

    bool operator==(const SmtpInspection&) const = default;
};

struct Firewall {
    Id id;
    std::string name;
    std::vector<DeviceInterface> interfaces;
    std::vector<FirewallZone> zones;
    std::vector<Route> routes;
    std::vector<FirewallRule> rules;
    std::vector<InboundNat> inboundNat;
    std::vector<OutboundNat> outboundNat;
    UnmatchedOutbound unmatchedOutbound = UnmatchedOutbound::InterfacePat;  // R16, A10
    bool stateful = true;
    bool tcpStateBypass = false;  // R13
    SmtpInspection smtpInspection;
    std::string description;

    bool operator==(const Firewall&) const = default;
};

}  // namespace mailtopo::model
