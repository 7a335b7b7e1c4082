#pragma once
// The semantic design: everything MailTopo knows about one mail topology. One instance is
// shared by every face (GUI, CLI, importers, simulator, report); none of them keeps a copy
// of its own truth.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/dns.h"
#include "core/model/exchange.h"
#include "core/model/flow.h"
#include "core/model/host.h"
#include "core/model/middlebox.h"
#include "core/model/network.h"
#include "core/model/view.h"

namespace mailtopo::model {

struct DesignInfo {
    std::string name;
    std::string description;
    std::string author;

    bool operator==(const DesignInfo&) const = default;
};

// What kind of element an id names. Every id in a design is unique across all kinds,
// including nested ones (NICs, interfaces, VIPs, rules), so references never need a kind.
enum class ElementKind : uint8_t {
    Segment,
    Host,
    Nic,
    Router,
    LoadBalancer,
    Vip,
    Firewall,
    DeviceInterface,
    FirewallRule,
    InboundNat,
    OutboundNat,
    ReceiveConnector,
    SendConnector,
    AcceptedDomain,
    DnsZone,
    Flow,
    View,
};

struct Design {
    DesignInfo info;
    Organization organization;
    std::vector<Segment> segments;
    std::vector<Host> hosts;
    std::vector<Router> routers;
    std::vector<LoadBalancer> loadBalancers;
    std::vector<Firewall> firewalls;
    std::vector<ReceiveConnector> receiveConnectors;
    std::vector<SendConnector> sendConnectors;
    std::vector<DnsZone> dnsZones;
    std::vector<Flow> flows;
    std::vector<View> views;

    const Host* findHost(std::string_view id) const;
    Host* findHost(std::string_view id);
    const Segment* findSegment(std::string_view id) const;
    const ReceiveConnector* findReceiveConnector(std::string_view id) const;
    // Case-insensitive match on the short name, as Exchange compares server names.
    const Host* findHostByName(std::string_view name) const;
    std::vector<const ReceiveConnector*> receiveConnectorsOf(std::string_view serverId) const;

    bool operator==(const Design&) const = default;
};

// The design's lists of top-level elements (views aside), in document order: `visit` gets
// each as a pointer to its member and its name in the .mailtopo document ("hosts"). The
// one place that says which lists there are, for passes that treat them alike (undo
// records, finding an element by id).
template <class Visit>
void forEachElementList(Visit&& visit) {
    visit(&Design::segments, "segments");
    visit(&Design::hosts, "hosts");
    visit(&Design::routers, "routers");
    visit(&Design::loadBalancers, "loadBalancers");
    visit(&Design::firewalls, "firewalls");
    visit(&Design::receiveConnectors, "receiveConnectors");
    visit(&Design::sendConnectors, "sendConnectors");
    visit(&Design::dnsZones, "dnsZones");
    visit(&Design::flows, "flows");
}

// Every id in the design with the kind of element it names; duplicates are listed once
// per occurrence so validation can report them.
struct IdOccurrence {
    Id id;
    ElementKind kind;
    std::string path;  // JSON pointer of the element in the .mailtopo document

    bool operator==(const IdOccurrence&) const = default;
};
std::vector<IdOccurrence> collectIds(const Design& design);

// A display name for any element kind ("receive connector", "load balancer" …).
std::string_view elementKindName(ElementKind kind);

}  // namespace mailtopo::model
