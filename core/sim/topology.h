#pragma once
// The design seen as a network: nodes (hosts, routers, load balancers, firewalls), their
// interfaces, each node's route table, and who answers ARP for an address on a segment.
// Built once per Simulator; every lookup afterwards is a hash or a short scan.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model/design.h"
#include "core/net/address.h"
#include "core/net/prefix.h"
#include "core/net/range_index.h"

namespace mailtopo::sim {

enum class NodeKind : uint8_t { Host, Router, LoadBalancer, Firewall };

inline constexpr uint32_t kNone = UINT32_MAX;

struct Interface {
    uint32_t node = kNone;
    model::Id id;
    std::string label;  // "EX16/Ethernet0", "FW/inside"
    model::Id segmentId;
    const std::vector<model::IpAssignment>* addresses = nullptr;
    const model::Nic* nic = nullptr;                 // host NICs
    const model::DeviceInterface* device = nullptr;  // router / LB / firewall interfaces
    int index = 0;                                   // InterfaceIndex, R6's final tie-break
    int metric = 0;                                  // effective interface metric (R6)
    bool loopback = false;

    bool owns(const net::Address& address) const;
};

struct RouteEntry {
    net::Prefix destination;
    std::optional<net::Address> nextHop;  // empty: on-link
    uint32_t interface = kNone;
    int metric = 0;  // route metric + interface metric
    bool connected = false;
};

// The routes of one prefix length and family, by network: positions in Node::routes, in R6
// order.
struct RouteGroup {
    net::Family family = net::Family::V4;
    int length = 0;
    std::unordered_map<net::Address, std::vector<uint32_t>> routes;
};

struct Node {
    NodeKind kind = NodeKind::Host;
    model::Id id;
    std::string name;
    const model::Host* host = nullptr;
    const model::Router* router = nullptr;
    const model::LoadBalancer* loadBalancer = nullptr;
    const model::Firewall* firewall = nullptr;
    std::vector<uint32_t> interfaces;
    std::vector<RouteEntry> routes;  // sorted: longest prefix, then metric, then interface index
    // Only for a long table (a perimeter firewall's, with a route per site), longest prefix
    // first: lookup() then hashes the destination once per prefix length instead of testing
    // every route.
    std::vector<RouteGroup> routeGroups;
};

// Who answers ARP for an address on a segment.
struct ArpOwner {
    uint32_t interface = kNone;
    enum class Why : uint8_t { Address, Vip, SnatAddress, NatAddress } why = Why::Address;
};

class Topology {
public:
    explicit Topology(const model::Design& design);

    const model::Design& design() const { return design_; }
    const std::vector<Node>& nodes() const { return nodes_; }
    const std::vector<Interface>& interfaces() const { return interfaces_; }
    const Node& node(uint32_t index) const { return nodes_[index]; }
    const Interface& interface(uint32_t index) const { return interfaces_[index]; }

    uint32_t nodeIndex(const model::Id& id) const;  // kNone when absent
    const model::Segment* segment(const model::Id& id) const;
    bool isInternetSegment(const model::Id& id) const;

    // The interface of `node` that carries `address`, or kNone.
    uint32_t interfaceOwning(uint32_t node, const net::Address& address) const;
    // Whether anything in the design holds `address`: an interface, a VIP, a SNAT or NAT
    // address.
    bool holds(const net::Address& address) const;
    // Every interface in the design (loopback adapters included) that carries `address`.
    std::vector<uint32_t> interfacesCarrying(const net::Address& address) const;
    // Who answers ARP for `address` on `segment`; loopback adapters never do.
    std::optional<ArpOwner> arpOwner(const model::Id& segment, const net::Address& address) const;
    // Addresses more than one L2 owner claimed on one segment (first claim wins).
    const std::vector<std::pair<uint32_t, uint32_t>>& arpConflicts() const { return conflicts_; }

    // R6: the best route of `node` to `destination`. With `onlyInterface` set, only routes
    // leaving through that interface count (strong host send, R5).
    const RouteEntry* lookup(uint32_t node, const net::Address& destination,
                             uint32_t onlyInterface = kNone) const;

    // The load balancer VIP with this address and port, or null.
    const model::Vip* vip(const net::Address& address, uint16_t port,
                          const model::LoadBalancer** owner = nullptr) const;

    // Where load balancer `lbNode` sends a pool member's connections of `family` (R9–R11):
    // the member's listed address, else its address on a segment the balancer shares; and the
    // balancer interface on that segment (kNone when they share none, which DSR cannot cross).
    struct MemberEndpoint {
        std::optional<net::Address> address;
        uint32_t lbInterface = kNone;
    };
    MemberEndpoint poolMemberEndpoint(uint32_t lbNode, const model::PoolMember& member,
                                      net::Family family) const;

    // Firewall `node`'s first inbound NAT rule for this public address and port (R15), and
    // its first outbound NAT rule whose inside sources hold `source` (R16); null for none.
    const model::InboundNat* inboundNat(uint32_t node, const net::Address& address,
                                        uint16_t port) const;
    const model::OutboundNat* outboundNat(uint32_t node, const net::Address& source) const;

private:
    void addHost(const model::Host& host);
    Node& addDevice(NodeKind kind, const model::Id& id, const std::string& name,
                    const std::vector<model::DeviceInterface>& interfaces,
                    const std::vector<model::Route>& routes);
    void addRoutes(Node& node, const std::vector<model::Route>& routes, int metricBase);
    void claim(const model::Id& segment, const net::Address& address, ArpOwner owner);
    void indexVips();
    void indexHeldAddresses();
    void indexFirewallNat();

    const model::Design& design_;
    std::vector<Node> nodes_;
    std::vector<Interface> interfaces_;
    std::unordered_map<std::string, uint32_t> nodeByElement_;
    std::unordered_map<std::string, const model::Segment*> segments_;
    std::unordered_map<net::Address, std::vector<uint32_t>> carriers_;
    std::unordered_map<std::string, std::unordered_map<net::Address, ArpOwner>> arp_;
    std::vector<std::pair<uint32_t, uint32_t>> conflicts_;
    // Every VIP with its balancer by address, in document order: the first VIP on a port wins.
    std::unordered_map<net::Address,
                       std::vector<std::pair<const model::Vip*, const model::LoadBalancer*>>>
        vips_;
    std::unordered_set<net::Address> held_;  // what holds() answers, gathered once
    // A firewall's NAT rules, looked up rather than scanned: a perimeter firewall has rules
    // for every site and every connection in or out meets them.
    struct FirewallNat {
        std::unordered_map<net::Address, std::vector<const model::InboundNat*>> inbound;
        net::RangeIndex outbound;  // payload: the rule's position in outboundNat
    };
    std::unordered_map<uint32_t, FirewallNat> firewallNat_;  // by node
};

}  // namespace mailtopo::sim
