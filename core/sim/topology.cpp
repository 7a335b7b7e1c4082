#include "core/sim/topology.h"

#include <algorithm>

namespace mailtopo::sim {
namespace {

// Windows gives an adapter an automatic interface metric from its link speed; 25 is what a
// 1–10 Gb/s server NIC gets. Designs rarely state it, so the automatic value stands in
// (ASSUMPTION, documented in core/sim/README.md).
constexpr int kAutomaticInterfaceMetric = 25;
// Windows' default RouteMetric for on-link and gateway routes.
constexpr int kDefaultHostRouteMetric = 256;
// Up to this many routes a scan beats hashing the destination for every prefix length.
constexpr size_t kShortRouteTable = 32;

void groupRoutes(Node& node) {
    for (uint32_t i = 0; i < node.routes.size(); ++i) {
        const net::Prefix& destination = node.routes[i].destination;
        auto group = std::find_if(
            node.routeGroups.rbegin(), node.routeGroups.rend(), [&](const RouteGroup& g) {
                return g.length == destination.length() && g.family == destination.family();
            });
        if (group == node.routeGroups.rend()) {
            node.routeGroups.push_back({destination.family(), destination.length(), {}});
            group = node.routeGroups.rbegin();
        }
        group->routes[destination.network()].push_back(i);
    }
}

const RouteEntry* lookupGrouped(const Node& node, const net::Address& destination,
                                uint32_t onlyInterface) {
    for (const auto& group : node.routeGroups) {
        if (group.family != destination.family())
            continue;
        const auto candidates = group.routes.find(destination.masked(group.length));
        if (candidates == group.routes.end())
            continue;
        for (uint32_t i : candidates->second) {
            if (onlyInterface == kNone || node.routes[i].interface == onlyInterface)
                return &node.routes[i];
        }
    }
    return nullptr;
}

}  // namespace

bool Interface::owns(const net::Address& address) const {
    for (const auto& assignment : *addresses)
        if (assignment.address == address)
            return true;
    return false;
}

Topology::Topology(const model::Design& design) : design_(design) {
    for (const auto& segment : design.segments)
        segments_.emplace(segment.id, &segment);
    // Load balancers and firewalls claim their VIPs and NAT addresses before hosts claim
    // theirs: a host NIC that also carries a VIP is the misconfiguration (R11 step 2), the
    // balancer stays the ARP owner the scenario means.
    for (const auto& lb : design.loadBalancers)
        addDevice(NodeKind::LoadBalancer, lb.id, lb.name, lb.interfaces, lb.routes).loadBalancer =
            &lb;
    for (const auto& fw : design.firewalls)
        addDevice(NodeKind::Firewall, fw.id, fw.name, fw.interfaces, fw.routes).firewall = &fw;
    for (const auto& router : design.routers)
        addDevice(NodeKind::Router, router.id, router.name, router.interfaces, router.routes)
            .router = &router;
    // Claim VIP, SNAT and NAT addresses on each segment where the device has an interface
    // whose subnet holds them.
    for (const auto& node : nodes_) {
        for (uint32_t ifIndex : node.interfaces) {
            const auto& iface = interfaces_[ifIndex];
            auto onLink = [&](const net::Address& a) {
                for (const auto& assignment : *iface.addresses)
                    if (assignment.prefix().contains(a))
                        return true;
                return false;
            };
            if (node.loadBalancer) {
                for (const auto& vip : node.loadBalancer->vips) {
                    if (onLink(vip.address))
                        claim(iface.segmentId, vip.address, {ifIndex, ArpOwner::Why::Vip});
                    if (vip.snatAddress && onLink(*vip.snatAddress))
                        claim(iface.segmentId, *vip.snatAddress,
                              {ifIndex, ArpOwner::Why::SnatAddress});
                }
            }
            if (node.firewall) {
                for (const auto& nat : node.firewall->inboundNat)
                    if (onLink(nat.publicAddress))
                        claim(iface.segmentId, nat.publicAddress,
                              {ifIndex, ArpOwner::Why::NatAddress});
                for (const auto& nat : node.firewall->outboundNat)
                    if (onLink(nat.publicAddress))
                        claim(iface.segmentId, nat.publicAddress,
                              {ifIndex, ArpOwner::Why::NatAddress});
            }
        }
    }
    for (const auto& host : design.hosts)
        addHost(host);
    indexVips();
    indexHeldAddresses();
    indexFirewallNat();
}

void Topology::indexVips() {
    for (const auto& lb : design_.loadBalancers)
        for (const auto& v : lb.vips)
            vips_[v.address].push_back({&v, &lb});
}

void Topology::indexFirewallNat() {
    for (uint32_t n = 0; n < nodes_.size(); ++n) {
        const model::Firewall* fw = nodes_[n].firewall;
        if (fw == nullptr)
            continue;
        FirewallNat& nat = firewallNat_[n];
        for (const auto& rule : fw->inboundNat)
            nat.inbound[rule.publicAddress].push_back(&rule);
        std::vector<net::RangeIndex::Entry> sources;
        for (uint32_t r = 0; r < fw->outboundNat.size(); ++r)
            for (const auto& range : fw->outboundNat[r].insideSources)
                sources.push_back({range, r});
        nat.outbound = net::RangeIndex(std::move(sources));
    }
}

// After every claim: whatever answers ARP somewhere is held, with the interface addresses,
// VIPs, SNAT and NAT addresses wherever they sit.
void Topology::indexHeldAddresses() {
    for (const auto& [address, carriers] : carriers_)
        held_.insert(address);
    for (const auto& [segment, table] : arp_)
        for (const auto& [address, owner] : table)
            held_.insert(address);
    for (const auto& lb : design_.loadBalancers)
        for (const auto& v : lb.vips) {
            held_.insert(v.address);
            if (v.snatAddress)
                held_.insert(*v.snatAddress);
        }
    for (const auto& fw : design_.firewalls) {
        for (const auto& nat : fw.inboundNat)
            held_.insert(nat.publicAddress);
        for (const auto& nat : fw.outboundNat)
            held_.insert(nat.publicAddress);
    }
}

void Topology::claim(const model::Id& segment, const net::Address& address, ArpOwner owner) {
    if (segment.empty())
        return;
    auto& table = arp_[segment];
    auto [it, inserted] = table.emplace(address, owner);
    if (!inserted && it->second.interface != owner.interface &&
        interfaces_[it->second.interface].node != interfaces_[owner.interface].node)
        conflicts_.emplace_back(it->second.interface, owner.interface);
}

Node& Topology::addDevice(NodeKind kind, const model::Id& id, const std::string& name,
                          const std::vector<model::DeviceInterface>& deviceInterfaces,
                          const std::vector<model::Route>& routes) {
    const auto nodeIndex = static_cast<uint32_t>(nodes_.size());
    Node node;
    node.kind = kind;
    node.id = id;
    node.name = name.empty() ? id : name;
    int position = 0;
    for (const auto& di : deviceInterfaces) {
        Interface iface;
        iface.node = nodeIndex;
        iface.id = di.id;
        iface.label = node.name + "/" + (di.name.empty() ? di.id : di.name);
        iface.segmentId = di.segmentId;
        iface.addresses = &di.addresses;
        iface.device = &di;
        iface.index = ++position;
        const auto ifIndex = static_cast<uint32_t>(interfaces_.size());
        interfaces_.push_back(std::move(iface));
        node.interfaces.push_back(ifIndex);
        nodeByElement_.emplace(di.id, nodeIndex);
        for (const auto& assignment : di.addresses) {
            carriers_[assignment.address].push_back(ifIndex);
            claim(di.segmentId, assignment.address, {ifIndex, ArpOwner::Why::Address});
            node.routes.push_back({net::Prefix(assignment.address.masked(assignment.prefixLength),
                                               assignment.prefixLength),
                                   std::nullopt, ifIndex, 0, true});
        }
    }
    nodeByElement_.emplace(id, nodeIndex);
    nodes_.push_back(std::move(node));
    addRoutes(nodes_.back(), routes, 0);
    return nodes_.back();
}

void Topology::addHost(const model::Host& host) {
    const auto nodeIndex = static_cast<uint32_t>(nodes_.size());
    Node node;
    node.kind = NodeKind::Host;
    node.id = host.id;
    node.name = host.name.empty() ? host.id : host.name;
    node.host = &host;
    int position = 0;
    for (const auto& nic : host.nics) {
        Interface iface;
        iface.node = nodeIndex;
        iface.id = nic.id;
        iface.label = node.name + "/" + (nic.alias.empty() ? nic.id : nic.alias);
        iface.segmentId = nic.segmentId;
        iface.addresses = &nic.addresses;
        iface.nic = &nic;
        iface.index = nic.interfaceIndex > 0 ? nic.interfaceIndex : 1000 + ++position;
        iface.metric = nic.interfaceMetric > 0 ? nic.interfaceMetric : kAutomaticInterfaceMetric;
        iface.loopback = nic.loopbackAdapter;
        const auto ifIndex = static_cast<uint32_t>(interfaces_.size());
        interfaces_.push_back(iface);
        node.interfaces.push_back(ifIndex);
        nodeByElement_.emplace(nic.id, nodeIndex);
        for (const auto& assignment : nic.addresses) {
            carriers_[assignment.address].push_back(ifIndex);
            if (!nic.loopbackAdapter)
                claim(nic.segmentId, assignment.address, {ifIndex, ArpOwner::Why::Address});
            node.routes.push_back({net::Prefix(assignment.address.masked(assignment.prefixLength),
                                               assignment.prefixLength),
                                   std::nullopt, ifIndex, kDefaultHostRouteMetric + iface.metric,
                                   true});
        }
        for (const auto& gateway : nic.gateways) {
            node.routes.push_back({net::Prefix(net::Address::lowest(gateway.family()), 0), gateway,
                                   ifIndex, kDefaultHostRouteMetric + iface.metric, false});
        }
    }
    nodeByElement_.emplace(host.id, nodeIndex);
    nodes_.push_back(std::move(node));
    addRoutes(nodes_.back(), host.routes, kDefaultHostRouteMetric);
}

void Topology::addRoutes(Node& node, const std::vector<model::Route>& routes, int metricBase) {
    for (const auto& route : routes) {
        uint32_t ifIndex = kNone;
        for (uint32_t candidate : node.interfaces) {
            const auto& iface = interfaces_[candidate];
            if (!route.interfaceId.empty()) {
                if (iface.id == route.interfaceId)
                    ifIndex = candidate;
            } else if (route.nextHop) {
                for (const auto& assignment : *iface.addresses)
                    if (ifIndex == kNone && assignment.prefix().contains(*route.nextHop))
                        ifIndex = candidate;
            }
        }
        if (ifIndex == kNone)
            continue;  // a route through no interface of the node: structure checks report it
        const int metric =
            (route.metric > 0 ? route.metric : metricBase) + interfaces_[ifIndex].metric;
        node.routes.push_back({net::Prefix(route.destination.network(), route.destination.length()),
                               route.nextHop, ifIndex, metric, false});
    }
    std::stable_sort(node.routes.begin(), node.routes.end(),
                     [this](const RouteEntry& a, const RouteEntry& b) {
                         if (a.destination.length() != b.destination.length())
                             return a.destination.length() > b.destination.length();
                         if (a.metric != b.metric)
                             return a.metric < b.metric;
                         return interfaces_[a.interface].index < interfaces_[b.interface].index;
                     });
    if (node.routes.size() > kShortRouteTable)
        groupRoutes(node);
}

uint32_t Topology::nodeIndex(const model::Id& id) const {
    auto it = nodeByElement_.find(id);
    return it == nodeByElement_.end() ? kNone : it->second;
}

const model::Segment* Topology::segment(const model::Id& id) const {
    auto it = segments_.find(id);
    return it == segments_.end() ? nullptr : it->second;
}

bool Topology::isInternetSegment(const model::Id& id) const {
    const auto* s = segment(id);
    return s != nullptr && s->kind == model::SegmentKind::Internet;
}

uint32_t Topology::interfaceOwning(uint32_t node, const net::Address& address) const {
    for (uint32_t ifIndex : nodes_[node].interfaces)
        if (interfaces_[ifIndex].owns(address))
            return ifIndex;
    return kNone;
}

std::vector<uint32_t> Topology::interfacesCarrying(const net::Address& address) const {
    auto it = carriers_.find(address);
    return it == carriers_.end() ? std::vector<uint32_t>{} : it->second;
}

bool Topology::holds(const net::Address& address) const {
    return held_.contains(address);
}

std::optional<ArpOwner> Topology::arpOwner(const model::Id& segment,
                                           const net::Address& address) const {
    auto table = arp_.find(segment);
    if (table == arp_.end())
        return std::nullopt;
    auto it = table->second.find(address);
    if (it == table->second.end())
        return std::nullopt;
    return it->second;
}

const model::InboundNat* Topology::inboundNat(uint32_t node, const net::Address& address,
                                              uint16_t port) const {
    const auto nat = firewallNat_.find(node);
    if (nat == firewallNat_.end())
        return nullptr;
    const auto rules = nat->second.inbound.find(address);
    if (rules == nat->second.inbound.end())
        return nullptr;
    for (const model::InboundNat* rule : rules->second)
        if (rule->publicPort == port)
            return rule;
    return nullptr;
}

const model::OutboundNat* Topology::outboundNat(uint32_t node, const net::Address& source) const {
    const auto nat = firewallNat_.find(node);
    if (nat == firewallNat_.end())
        return nullptr;
    const auto entry = nat->second.outbound.firstContaining(source);
    if (!entry)
        return nullptr;
    const uint32_t rule = nat->second.outbound.entries()[*entry].payload;
    return &nodes_[node].firewall->outboundNat[rule];
}

const RouteEntry* Topology::lookup(uint32_t node, const net::Address& destination,
                                   uint32_t onlyInterface) const {
    if (!nodes_[node].routeGroups.empty())
        return lookupGrouped(nodes_[node], destination, onlyInterface);
    // Routes are pre-sorted in R6 order, so the first match is the answer.
    for (const auto& route : nodes_[node].routes) {
        if (onlyInterface != kNone && route.interface != onlyInterface)
            continue;
        if (route.destination.family() == destination.family() &&
            route.destination.contains(destination))
            return &route;
    }
    return nullptr;
}

Topology::MemberEndpoint Topology::poolMemberEndpoint(uint32_t lbNode,
                                                      const model::PoolMember& member,
                                                      net::Family family) const {
    MemberEndpoint out;
    out.address = member.address;
    const uint32_t memberNode = nodeIndex(member.hostId);
    if (memberNode == kNone)
        return out;
    for (uint32_t hostIf : node(memberNode).interfaces)
        for (uint32_t lbIf : node(lbNode).interfaces) {
            const auto& hi = interface(hostIf);
            if (hi.loopback || hi.segmentId.empty() || hi.segmentId != interface(lbIf).segmentId)
                continue;
            for (const auto& a : *hi.addresses)
                if (a.address.family() == family) {
                    if (!out.address)
                        out.address = a.address;
                    if (*out.address == a.address && out.lbInterface == kNone)
                        out.lbInterface = lbIf;
                }
        }
    return out;
}

const model::Vip* Topology::vip(const net::Address& address, uint16_t port,
                                const model::LoadBalancer** owner) const {
    const auto it = vips_.find(address);
    if (it == vips_.end())
        return nullptr;
    for (const auto& [v, lb] : it->second)
        if (v->port == port) {
            if (owner)
                *owner = lb;
            return v;
        }
    return nullptr;
}

}  // namespace mailtopo::sim
