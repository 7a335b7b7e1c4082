// Structural checks (core/analysis/structure_checks.h): every registered check fires on a
// broken design and stays silent on its fixed twin; clean designs give no findings; findings
// carry their catalog metadata and JSON pointers that exist in the document; output is
// deterministic. Scenario tests name the domain rule or worked example they prove.

#include <QDir>
#include <QtTest>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/analysis/structure_checks.h"
#include "core/edit/default_connectors.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"

using namespace mailtopo;
using analysis::Finding;
using model::Design;

namespace {

// ---- building blocks ---------------------------------------------------------------

net::Address ip(const char* text) {
    auto parsed = net::Address::parse(text);
    if (!parsed)
        qFatal("test bug: bad address %s", text);
    return *parsed;
}

net::Prefix prefix(const char* text) {
    auto parsed = net::Prefix::parse(text);
    if (!parsed)
        qFatal("test bug: bad prefix %s", text);
    return *parsed;
}

net::IpRange range(const char* text) {
    auto parsed = net::IpRange::parse(text);
    if (!parsed)
        qFatal("test bug: bad range %s", text);
    return *parsed;
}

net::Binding binding(const char* text) {
    auto parsed = net::Binding::parse(text);
    if (!parsed)
        qFatal("test bug: bad binding %s", text);
    return *parsed;
}

model::IpAssignment assign(const char* address, int length) {
    model::IpAssignment a;
    a.address = ip(address);
    a.prefixLength = length;
    return a;
}

model::Nic lanNic(const char* id, const char* segment, const char* address, const char* gateway) {
    model::Nic nic;
    nic.id = id;
    nic.alias = "Ethernet0";
    nic.interfaceIndex = 4;
    nic.segmentId = segment;
    nic.addresses = {assign(address, 24)};
    if (gateway != nullptr)
        nic.gateways = {ip(gateway)};
    return nic;
}

// The KM-TEST loopback adapter carrying a DSR VIP as R11 prescribes.
model::Nic loopbackNic(const char* id, const char* vip) {
    model::Nic nic;
    nic.id = id;
    nic.alias = "Loopback";
    nic.interfaceIndex = 9;
    nic.addresses = {assign(vip, 32)};
    nic.addresses[0].skipAsSource = true;
    nic.interfaceMetric = 254;
    nic.weakHostSend = true;
    nic.weakHostReceive = true;
    nic.registerInDns = false;
    nic.loopbackAdapter = true;
    return nic;
}

model::Host exchangeServer(const char* id, const char* name, model::ExchangeVersion version,
                           FlagSet<model::ExchangeRole> roles, std::vector<model::Nic> nics) {
    model::Host host;
    host.id = id;
    host.name = name;
    host.kind = model::HostKind::ExchangeServer;
    host.exchange = model::ExchangeProperties{};
    host.exchange->version = version;
    host.exchange->roles = roles;
    host.nics = std::move(nics);
    return host;
}

model::Host otherHost(const char* id, const char* name, model::HostKind kind, model::Nic nic) {
    model::Host host;
    host.id = id;
    host.name = name;
    host.kind = kind;
    host.os = model::OperatingSystem::Linux;
    host.nics = {std::move(nic)};
    return host;
}

model::DeviceInterface deviceInterface(const char* id, const char* name, const char* segment,
                                       const char* address, const char* zone = "") {
    model::DeviceInterface itf;
    itf.id = id;
    itf.name = name;
    itf.segmentId = segment;
    itf.addresses = {assign(address, 24)};
    itf.zone = zone;
    return itf;
}

model::ReceiveConnector receiveConnector(const char* id, const char* server, const char* name,
                                         std::vector<net::Binding> bindings,
                                         std::vector<net::IpRange> ranges,
                                         FlagSet<model::PermissionGroup> groups) {
    model::ReceiveConnector c;
    c.id = id;
    c.serverId = server;
    c.name = name;
    c.bindings = std::move(bindings);
    c.remoteIpRanges = std::move(ranges);
    c.permissionGroups = groups;
    c.authMechanism = {model::AuthMechanism::Tls};
    return c;
}

// One Exchange 2016 server on one LAN, nothing else: the smallest meaningful design.
Design minimalDesign() {
    Design d;
    d.info.name = "Minimal";
    d.segments = {{"seg-lan", "Server LAN", model::SegmentKind::Lan, {prefix("10.0.0.0/24")}, ""}};
    d.hosts = {exchangeServer("ex16", "EX16", model::ExchangeVersion::Ex2016,
                              {model::ExchangeRole::Mailbox},
                              {lanNic("nic-ex16", "seg-lan", "10.0.0.20", "10.0.0.1")})};
    return d;
}

// Every kind of element, all consistent: the common topology of domain-rules.md §11 (LAN
// 10.0.0.0/24, firewall FW at .1, MX 198.51.100.25 published through inbound NAT) with a DSR
// VIP (E9), a SNAT relay VIP (E6), relay and partner connectors, an Edge send connector, DNS
// data, flows and a view. The cases below each break one thing in it.
Design referenceDesign() {
    using namespace model;
    Design d;
    d.info.name = "Reference";
    d.organization.name = "Contoso";
    d.organization.acceptedDomains = {
        {"ad-example", "example.com", "example.com", AcceptedDomainType::Authoritative, true}};
    d.segments = {{"seg-lan", "Server LAN", SegmentKind::Lan, {prefix("10.0.0.0/24")}, ""},
                  {"seg-inet", "Internet", SegmentKind::Internet, {prefix("198.51.100.0/24")}, ""}};

    Host ex16 = exchangeServer("ex16", "EX16", ExchangeVersion::Ex2016, {ExchangeRole::Mailbox},
                               {lanNic("nic-ex16", "seg-lan", "10.0.0.20", "10.0.0.1"),
                                loopbackNic("lo-ex16", "10.0.0.50")});
    ex16.routes = {{prefix("10.0.3.0/24"), ip("10.0.0.254"), "nic-ex16", 0}};
    Host ex17 = exchangeServer("ex17", "EX17", ExchangeVersion::Ex2016, {ExchangeRole::Mailbox},
                               {lanNic("nic-ex17", "seg-lan", "10.0.0.21", "10.0.0.1"),
                                loopbackNic("lo-ex17", "10.0.0.50")});
    Host edge = exchangeServer("edge01", "EDGE01", ExchangeVersion::Ex2019, {ExchangeRole::Edge},
                               {lanNic("nic-edge", "seg-lan", "10.0.0.30", "10.0.0.1")});
    Host scanner = otherHost("scan01", "SCAN01", HostKind::ApplicationClient,
                             lanNic("nic-scan", "seg-lan", "10.0.0.60", "10.0.0.1"));
    scanner.smtp = SmtpProperties{};
    scanner.smtp->submitTo = "10.0.0.51:25";
    Host internet = otherHost("inet", "INET", HostKind::InternetSender,
                              lanNic("nic-inet", "seg-inet", "198.51.100.66", "198.51.100.1"));
    d.hosts = {ex16, ex17, edge, scanner, internet};

    Router router;
    router.id = "rt01";
    router.name = "RT01";
    router.interfaces = {deviceInterface("rt-lan", "lan", "seg-lan", "10.0.0.254")};
    d.routers = {router};

    LoadBalancer lb;
    lb.id = "lb01";
    lb.name = "LB01";
    lb.interfaces = {deviceInterface("lb-lan", "lan", "seg-lan", "10.0.0.5")};
    lb.routes = {{prefix("0.0.0.0/0"), ip("10.0.0.1"), "lb-lan", 0}};
    Vip dsr;
    dsr.id = "vip-smtp";
    dsr.name = "smtp";
    dsr.address = ip("10.0.0.50");
    dsr.mode = LoadBalancerMode::Dsr;
    dsr.pool = {{"ex16", std::nullopt, 25}, {"ex17", std::nullopt, 25}};
    Vip relay;
    relay.id = "vip-relay";
    relay.name = "relay";
    relay.address = ip("10.0.0.51");
    relay.mode = LoadBalancerMode::Snat;
    relay.snatAddress = ip("10.0.0.5");
    relay.pool = {{"ex16", std::nullopt, 25}};
    lb.vips = {dsr, relay};
    d.loadBalancers = {lb};

    Firewall fw;
    fw.id = "fw01";
    fw.name = "FW";
    fw.interfaces = {
        deviceInterface("fw-inside", "inside", "seg-lan", "10.0.0.1", "inside"),
        deviceInterface("fw-outside", "outside", "seg-inet", "198.51.100.1", "outside")};
    fw.zones = {{"inside", 100}, {"outside", 0}};
    FirewallRule smtpIn;
    smtpIn.id = "fw-smtp-in";
    smtpIn.name = "smtp-in";
    smtpIn.fromZone = "outside";
    smtpIn.toZone = "inside";
    smtpIn.destinations = {range("10.0.0.50")};
    smtpIn.ports = {25};
    fw.rules = {smtpIn};
    fw.inboundNat = {{"nat-mx", "mx", ip("198.51.100.25"), 25, ip("10.0.0.50"), 25, std::nullopt}};
    fw.outboundNat = {{"nat-out", "ex16 out", {range("10.0.0.20")}, ip("198.51.100.25")}};
    d.firewalls = {fw};

    ReceiveConnector relayConnector =
        receiveConnector("rc-relay", "ex16", "Relay", {binding("0.0.0.0:25")}, {range("10.0.0.60")},
                         {PermissionGroup::AnonymousUsers});
    relayConnector.permissions = {
        {"NT AUTHORITY\\ANONYMOUS LOGON", {ExtendedRight::AcceptAnyRecipient}, false, false}};
    ReceiveConnector partner =
        receiveConnector("rc-partner", "ex16", "Partner", {binding("10.0.0.20:25")},
                         {range("192.0.2.0/24")}, {PermissionGroup::Partners});
    d.receiveConnectors = {relayConnector, partner};

    SendConnector internetConnector;
    internetConnector.id = "sc-inet";
    internetConnector.name = "Internet";
    internetConnector.addressSpaces = {{"SMTP", "*", 1}};
    internetConnector.sourceServerIds = {"ex16"};
    SendConnector edgeConnector;
    edgeConnector.id = "sc-edge";
    edgeConnector.name = "Edge Partner";
    edgeConnector.addressSpaces = {{"SMTP", "*.partner.example", 1}};
    edgeConnector.sourceServerIds = {"edge01"};
    edgeConnector.sourceIpAddress = ip("10.0.0.30");
    d.sendConnectors = {internetConnector, edgeConnector};

    d.dnsZones = {{"zone-ext",
                   "example.com.",
                   DnsView::External,
                   {{"@", "MX", 3600, "10 mail.example.com."},
                    {"mail", "A", 3600, "198.51.100.25"},
                    {"@", "TXT", 3600, "\"v=spf1 ip4:198.51.100.25 -all\""}}}};

    Flow inbound;
    inbound.id = "flow-in";
    inbound.name = "internet to MX";
    inbound.sourceHostId = "inet";
    inbound.destination = "mx:example.com";
    Flow relayFlow;
    relayFlow.id = "flow-relay";
    relayFlow.name = "scanner relay";
    relayFlow.sourceHostId = "scan01";
    relayFlow.sourceAddress = ip("10.0.0.60");
    relayFlow.destination = "10.0.0.51";
    Flow hop;
    hop.id = "flow-hop";
    hop.sourceHostId = "ex16";
    hop.destination = "ex17";
    d.flows = {inbound, relayFlow, hop};

    View view;
    view.id = "view-main";
    view.name = "Site";
    view.placements = {{"ex16", {0, 0}}, {"lb01", {200, 0}}, {"fw01", {400, 0}}};
    d.views = {view};
    return d;
}

// ---- lookups by id (a missing id is a bug in the test) --------------------------------

template <class T>
T& byId(std::vector<T>& items, std::string_view id) {
    for (auto& item : items) {
        if (item.id == id)
            return item;
    }
    qFatal("test bug: no element %s", std::string(id).c_str());
}

model::Host& host(Design& d, std::string_view id) {
    return byId(d.hosts, id);
}
model::Nic& nic(Design& d, std::string_view hostId, std::string_view nicId) {
    return byId(host(d, hostId).nics, nicId);
}
model::ReceiveConnector& rc(Design& d, std::string_view id) {
    return byId(d.receiveConnectors, id);
}
model::SendConnector& sc(Design& d, std::string_view id) {
    return byId(d.sendConnectors, id);
}
model::Vip& vip(Design& d, std::string_view id) {
    return byId(d.loadBalancers[0].vips, id);
}
model::Firewall& fw(Design& d) {
    return d.firewalls[0];
}
model::Flow& flow(Design& d, std::string_view id) {
    return byId(d.flows, id);
}

// ---- assertions helpers --------------------------------------------------------------

std::string dump(const std::vector<Finding>& findings) {
    std::string out;
    for (const auto& f : findings) {
        out += "\n  [" + std::string(enumName(f.severity)) + "] " + f.id + " " + f.pointer + ": " +
               f.message;
    }
    return out.empty() ? " (no findings)" : out;
}

std::vector<Finding> withId(const std::vector<Finding>& findings, std::string_view id) {
    std::vector<Finding> out;
    for (const auto& f : findings) {
        if (f.id == id)
            out.push_back(f);
    }
    return out;
}

const Finding* withIdAt(const std::vector<Finding>& findings, std::string_view id,
                        std::string_view pointer) {
    for (const auto& f : findings) {
        if (f.id == id && f.pointer == pointer)
            return &f;
    }
    return nullptr;
}

bool resolves(const nlohmann::json& document, const std::string& pointer) {
    return document.contains(nlohmann::json::json_pointer(pointer));
}

// A finding points at the offending value. The writer leaves out optional keys at their
// default (an empty pool, a default flag), so a pointer may name a key that is absent from
// the text; then its parent object must exist (the CLI falls back to it).
bool pointerFits(const nlohmann::json& document, const std::string& pointer, std::string& why) {
    if (pointer.empty() || pointer.front() != '/') {
        why = "pointer '" + pointer + "' is not a JSON pointer";
        return false;
    }
    if (resolves(document, pointer))
        return true;
    const std::string parent = pointer.substr(0, pointer.rfind('/'));
    const std::string last = pointer.substr(pointer.rfind('/') + 1);
    const bool isKey = !last.empty() && (last.front() < '0' || last.front() > '9');
    if (isKey && (parent.empty() || resolves(document, parent)))
        return true;
    why = "pointer '" + pointer + "' names nothing in the document";
    return false;
}

bool pointersFit(const std::string& documentText, const std::vector<Finding>& findings,
                 std::string& why) {
    const auto document = nlohmann::json::parse(documentText);
    for (const auto& f : findings) {
        if (!pointerFits(document, f.pointer, why)) {
            why = f.id + ": " + why;
            return false;
        }
    }
    return true;
}

// Every finding carries the id's catalog entry verbatim.
bool metadataMatchesCatalog(const std::vector<Finding>& findings, std::string& why) {
    for (const auto& f : findings) {
        const auto* check = analysis::findStructureCheck(f.id);
        if (check == nullptr) {
            why = "finding id '" + f.id + "' is not in the catalog";
            return false;
        }
        if (f.title != check->title || f.severity != check->severity || f.rule != check->rule) {
            why = "finding '" + f.id + "' differs from its catalog entry";
            return false;
        }
        // An element with an empty id has no id to list; every other finding names one.
        if (f.message.empty() || f.remediation.empty() ||
            (f.elements.empty() && f.id != "empty-id")) {
            why = "finding '" + f.id + "' lacks a message, remediation or elements: " + f.message;
            return false;
        }
    }
    return true;
}

// ---- the cases: break one thing, then fix it ------------------------------------------

struct Case {
    const char* name;     // unique row name
    const char* id;       // the check that must fire
    const char* pointer;  // where it must point
    std::function<void(Design&)> breakIt;
    std::function<void(Design&)> fixIt;  // applied on top of the broken design
    const char* messagePart = "";        // must appear in the finding's message
};

const std::vector<Case>& cases() {
    using namespace model;
    static const std::vector<Case> all = {
        // identity and references
        {"duplicate-id", "duplicate-id", "/routers/0/id",
         [](Design& d) { d.routers[0].id = "ex16"; }, [](Design& d) { d.routers[0].id = "rt01"; },
         "already used by the host at /hosts/0"},
        {"empty-id", "empty-id", "/flows/2/id", [](Design& d) { d.flows[2].id.clear(); },
         [](Design& d) { d.flows[2].id = "flow-hop"; }},
        {"dangling/nic-segment", "dangling-reference", "/hosts/1/nics/0/segment",
         [](Design& d) { nic(d, "ex17", "nic-ex17").segmentId = "seg-dmz"; },
         [](Design& d) { nic(d, "ex17", "nic-ex17").segmentId = "seg-lan"; },
         "NIC EX17/Ethernet0: segment 'seg-dmz' does not exist"},
        {"dangling/route-interface-of-other-host", "dangling-reference",
         "/hosts/0/routes/0/interface",
         [](Design& d) { host(d, "ex16").routes[0].interfaceId = "nic-ex17"; },
         [](Design& d) { host(d, "ex16").routes[0].interfaceId = "nic-ex16"; },
         "belongs to another element"},
        {"dangling/device-route-interface", "dangling-reference",
         "/loadBalancers/0/routes/0/interface",
         [](Design& d) { d.loadBalancers[0].routes[0].interfaceId = "fw-inside"; },
         [](Design& d) { d.loadBalancers[0].routes[0].interfaceId = "lb-lan"; }},
        {"dangling/device-interface-segment", "dangling-reference",
         "/loadBalancers/0/interfaces/0/segment",
         [](Design& d) { d.loadBalancers[0].interfaces[0].segmentId = "seg-x"; },
         [](Design& d) { d.loadBalancers[0].interfaces[0].segmentId = "seg-lan"; }},
        {"dangling/pool-member-host", "dangling-reference", "/loadBalancers/0/vips/1/pool/0/host",
         [](Design& d) { vip(d, "vip-relay").pool[0].hostId = "ex99"; },
         [](Design& d) { vip(d, "vip-relay").pool[0].hostId = "ex16"; }},
        {"dangling/connector-server-wrong-kind", "dangling-reference",
         "/receiveConnectors/1/server",
         [](Design& d) { rc(d, "rc-partner").serverId = "nic-ex16"; },
         [](Design& d) { rc(d, "rc-partner").serverId = "ex16"; },
         "server 'nic-ex16' is a NIC, not a host"},
        {"dangling/send-source-server", "dangling-reference", "/sendConnectors/0/sourceServers/0",
         [](Design& d) { sc(d, "sc-inet").sourceServerIds[0] = "ex99"; },
         [](Design& d) { sc(d, "sc-inet").sourceServerIds[0] = "ex16"; }},
        {"dangling/flow-source", "dangling-reference", "/flows/0/source",
         [](Design& d) { flow(d, "flow-in").sourceHostId = "seg-inet"; },
         [](Design& d) { flow(d, "flow-in").sourceHostId = "inet"; }, "is a segment, not a host"},
        {"dangling/flow-pool-member", "dangling-reference", "/flows/0/poolMember",
         [](Design& d) { flow(d, "flow-in").poolMemberHostId = "ex99"; },
         [](Design& d) { flow(d, "flow-in").poolMemberHostId = "ex16"; },
         "pool member 'ex99' does not exist"},
        {"dangling/smtp-next-hop", "dangling-reference", "/hosts/3/smtp/nextHops/0",
         [](Design& d) { host(d, "scan01").smtp->nextHops = {"relay-host"}; },
         [](Design& d) { host(d, "scan01").smtp->nextHops = {"ex16"}; }},
        {"dangling-placement", "dangling-placement", "/views/0/placements/old~1ex99",
         [](Design& d) {
             d.views[0].placements["old/ex99"] = {10, 10};
         },
         [](Design& d) { d.views[0].placements.erase("old/ex99"); }},
        {"non-exchange/receive", "connector-on-non-exchange-host", "/receiveConnectors/0/server",
         [](Design& d) { rc(d, "rc-relay").serverId = "scan01"; },
         [](Design& d) { rc(d, "rc-relay").serverId = "ex16"; }},
        {"non-exchange/send", "connector-on-non-exchange-host", "/sendConnectors/0/sourceServers/0",
         [](Design& d) { sc(d, "sc-inet").sourceServerIds = {"inet"}; },
         [](Design& d) { sc(d, "sc-inet").sourceServerIds = {"ex16"}; }},
        {"exchange-properties-missing", "exchange-properties-missing", "/hosts/1/kind",
         [](Design& d) { host(d, "ex17").exchange.reset(); },
         [](Design& d) {
             host(d, "ex17").exchange = ExchangeProperties{};
             host(d, "ex17").exchange->version = ExchangeVersion::Ex2016;
         }},
        {"exchange-properties-unexpected", "exchange-properties-unexpected", "/hosts/3/exchange",
         [](Design& d) { host(d, "scan01").exchange = ExchangeProperties{}; },
         [](Design& d) { host(d, "scan01").exchange.reset(); }},
        {"smtp-properties-on-exchange", "smtp-properties-on-exchange", "/hosts/0/smtp",
         [](Design& d) { host(d, "ex16").smtp = SmtpProperties{}; },
         [](Design& d) { host(d, "ex16").smtp.reset(); }},

        // addressing
        {"address-outside-segment", "address-outside-segment",
         "/hosts/1/nics/0/addresses/0/address",
         [](Design& d) { nic(d, "ex17", "nic-ex17").addresses[0].address = ip("10.0.1.21"); },
         [](Design& d) { nic(d, "ex17", "nic-ex17").addresses[0].address = ip("10.0.0.21"); },
         "NIC EX17/Ethernet0: address 10.0.1.21/24 lies outside every subnet of segment 'Server "
         "LAN' "
         "(10.0.0.0/24)"},
        {"address-outside-segment/device", "address-outside-segment",
         "/routers/0/interfaces/0/addresses/0/address",
         [](Design& d) { d.routers[0].interfaces[0].addresses[0].address = ip("10.9.0.254"); },
         [](Design& d) { d.routers[0].interfaces[0].addresses[0].address = ip("10.0.0.254"); }},
        {"gateway-not-on-link", "gateway-not-on-link", "/hosts/0/nics/0/gateways/0",
         [](Design& d) { nic(d, "ex16", "nic-ex16").gateways = {ip("10.0.9.1")}; },
         [](Design& d) { nic(d, "ex16", "nic-ex16").gateways = {ip("10.0.0.1")}; },
         "default gateway 10.0.9.1 is not on-link"},
        {"duplicate-address", "duplicate-address", "/hosts/3/nics/0/addresses/0/address",
         [](Design& d) {
             nic(d, "scan01", "nic-scan").addresses[0].address = ip("10.0.0.21");
             flow(d, "flow-relay").sourceAddress.reset();
         },
         [](Design& d) { nic(d, "scan01", "nic-scan").addresses[0].address = ip("10.0.0.60"); },
         "address 10.0.0.21 is assigned to NIC EX17/Ethernet0 and to NIC SCAN01/Ethernet0"},
        {"prefix-length-out-of-range", "prefix-length-out-of-range",
         "/hosts/2/nics/0/addresses/0/prefixLength",
         [](Design& d) { nic(d, "edge01", "nic-edge").addresses[0].prefixLength = 33; },
         [](Design& d) { nic(d, "edge01", "nic-edge").addresses[0].prefixLength = 24; },
         "IPv4 allows 1–32"},
        {"loopback-adapter-on-segment", "loopback-adapter-on-segment", "/hosts/0/nics/1/segment",
         [](Design& d) { nic(d, "ex16", "lo-ex16").segmentId = "seg-lan"; },
         [](Design& d) { nic(d, "ex16", "lo-ex16").segmentId.clear(); }},
        {"interface-without-segment/nic", "interface-without-segment", "/hosts/4/nics/0",
         [](Design& d) { nic(d, "inet", "nic-inet").segmentId.clear(); },
         [](Design& d) { nic(d, "inet", "nic-inet").segmentId = "seg-inet"; }},
        {"interface-without-segment/device", "interface-without-segment", "/routers/0/interfaces/0",
         [](Design& d) { d.routers[0].interfaces[0].segmentId.clear(); },
         [](Design& d) { d.routers[0].interfaces[0].segmentId = "seg-lan"; }},

        // receive connectors (R19)
        {"binding-address-absent", "binding-address-absent", "/receiveConnectors/1/bindings/0",
         [](Design& d) { rc(d, "rc-partner").bindings = {binding("10.0.0.99:25")}; },
         [](Design& d) { rc(d, "rc-partner").bindings = {binding("10.0.0.20:25")}; },
         "EX16\\Partner binds 10.0.0.99:25, but EX16 has no address 10.0.0.99"},
        {"role-port-conflict", "role-port-conflict", "/receiveConnectors/2/bindings/0",
         [](Design& d) {
             auto hub =
                 receiveConnector("rc-hub", "ex16", "Hub25", {binding("0.0.0.0:25")},
                                  {range("10.0.5.0/24")}, {PermissionGroup::ExchangeServers});
             hub.transportRole = TransportRole::HubTransport;
             d.receiveConnectors.push_back(hub);
         },
         [](Design& d) { rc(d, "rc-hub").transportRole = TransportRole::FrontendTransport; },
         "EX16\\Hub25 (HubTransport) and EX16\\Default Frontend EX16 (FrontendTransport, Exchange "
         "default "
         "connector) have overlapping bindings"},
        {"duplicate-binding-and-range", "duplicate-binding-and-range",
         "/receiveConnectors/2/remoteIpRanges/0",
         [](Design& d) {
             d.receiveConnectors.push_back(receiveConnector(
                 "rc-relay2", "ex16", "Relay2", {binding("0.0.0.0:25")},
                 {range("10.0.0.60"), range("10.0.0.61")}, {PermissionGroup::AnonymousUsers}));
         },
         [](Design& d) { rc(d, "rc-relay2").remoteIpRanges = {range("10.0.0.61")}; },
         "both list remote range 10.0.0.60"},
        {"range-partial-overlap", "range-partial-overlap", "/receiveConnectors/2/remoteIpRanges/0",
         [](Design& d) {
             rc(d, "rc-relay").remoteIpRanges = {range("10.0.0.60-10.0.0.70")};
             d.receiveConnectors.push_back(
                 receiveConnector("rc-scan", "ex16", "Scanners", {binding("0.0.0.0:25")},
                                  {range("10.0.0.64/28")}, {PermissionGroup::AnonymousUsers}));
         },
         // The fix is the remediation's own split: each piece is nested in or disjoint from the
         // other connector's range.
         [](Design& d) {
             rc(d, "rc-scan").remoteIpRanges = {range("10.0.0.64-10.0.0.70"),
                                                range("10.0.0.71-10.0.0.79")};
         },
         "remote range 10.0.0.64/28 of EX16\\Scanners partially overlaps 10.0.0.60-10.0.0.70 of "
         "EX16\\Relay"},
        {"auth-none-combined", "auth-none-combined", "/receiveConnectors/0/authMechanism",
         [](Design& d) {
             rc(d, "rc-relay").authMechanism = {AuthMechanism::None, AuthMechanism::Tls};
         },
         [](Design& d) { rc(d, "rc-relay").authMechanism = {AuthMechanism::Tls}; }},
        {"auth-basic-require-tls-incomplete", "auth-basic-require-tls-incomplete",
         "/receiveConnectors/1/authMechanism",
         [](Design& d) {
             rc(d, "rc-partner").authMechanism = {AuthMechanism::Tls,
                                                  AuthMechanism::BasicAuthRequireTLS};
         },
         [](Design& d) { rc(d, "rc-partner").authMechanism.insert(AuthMechanism::BasicAuth); },
         "without BasicAuth"},
        {"auth-external-authoritative/groups", "auth-external-authoritative-invalid",
         "/receiveConnectors/0/permissionGroups",
         [](Design& d) {
             rc(d, "rc-relay").authMechanism = {AuthMechanism::Tls,
                                                AuthMechanism::ExternalAuthoritative};
         },
         [](Design& d) { rc(d, "rc-relay").permissionGroups = {PermissionGroup::ExchangeServers}; },
         "instead of exactly ExchangeServers"},
        {"auth-external-authoritative/mechanisms", "auth-external-authoritative-invalid",
         "/receiveConnectors/0/authMechanism",
         [](Design& d) {
             rc(d, "rc-relay").authMechanism = {AuthMechanism::BasicAuth,
                                                AuthMechanism::ExternalAuthoritative};
             rc(d, "rc-relay").permissionGroups = {PermissionGroup::ExchangeServers};
         },
         [](Design& d) {
             rc(d, "rc-relay").authMechanism = {AuthMechanism::ExternalAuthoritative};
         },
         "combines it with BasicAuth"},
        {"receive-connector-no-bindings", "receive-connector-no-bindings",
         "/receiveConnectors/1/bindings", [](Design& d) { rc(d, "rc-partner").bindings.clear(); },
         [](Design& d) { rc(d, "rc-partner").bindings = {binding("10.0.0.20:25")}; }},
        {"receive-connector-no-remote-ranges", "receive-connector-no-remote-ranges",
         "/receiveConnectors/1/remoteIpRanges",
         [](Design& d) { rc(d, "rc-partner").remoteIpRanges.clear(); },
         [](Design& d) { rc(d, "rc-partner").remoteIpRanges = {range("192.0.2.0/24")}; }},
        {"permission-groups-grant-nothing", "permission-groups-grant-nothing",
         "/receiveConnectors/1/permissionGroups",
         [](Design& d) { rc(d, "rc-partner").permissionGroups = {PermissionGroup::Custom}; },
         [](Design& d) {
             rc(d, "rc-partner").permissions = {
                 {"MS Exchange\\Partner Servers", {ExtendedRight::Submit}, false, false}};
         }},

        // send connectors
        {"send-connector-no-address-space", "send-connector-no-address-space",
         "/sendConnectors/0/addressSpaces",
         [](Design& d) { sc(d, "sc-inet").addressSpaces.clear(); },
         [](Design& d) {
             sc(d, "sc-inet").addressSpaces = {{"SMTP", "*", 1}};
         }},
        {"send-connector-no-smart-host", "send-connector-no-smart-host",
         "/sendConnectors/0/dnsRoutingEnabled",
         [](Design& d) { sc(d, "sc-inet").dnsRoutingEnabled = false; },
         [](Design& d) { sc(d, "sc-inet").smartHosts = {"smtp.isp.example"}; }},
        {"source-ip-on-non-edge", "source-ip-on-non-edge", "/sendConnectors/0/sourceIpAddress",
         [](Design& d) { sc(d, "sc-inet").sourceIpAddress = ip("10.0.0.20"); },
         [](Design& d) { sc(d, "sc-inet").sourceIpAddress.reset(); },
         "non-Edge source servers (EX16)"},
        {"source-ip-absent", "source-ip-absent", "/sendConnectors/1/sourceIpAddress",
         [](Design& d) { sc(d, "sc-edge").sourceIpAddress = ip("10.0.0.99"); },
         [](Design& d) { sc(d, "sc-edge").sourceIpAddress = ip("10.0.0.30"); }},

        // load balancers
        {"vip-empty-pool", "vip-empty-pool", "/loadBalancers/0/vips/1/pool",
         [](Design& d) { vip(d, "vip-relay").pool.clear(); },
         [](Design& d) {
             vip(d, "vip-relay").pool = {{"ex16", std::nullopt, 25}};
         }},
        {"snat-address-missing", "snat-address-missing", "/loadBalancers/0/vips/1/mode",
         [](Design& d) { vip(d, "vip-relay").snatAddress.reset(); },
         [](Design& d) { vip(d, "vip-relay").snatAddress = ip("10.0.0.5"); },
         "members will see automap address 10.0.0.5 (first address of interface lan)"},
        {"pool-member-address-unresolved", "pool-member-address-unresolved",
         "/loadBalancers/0/vips/1/pool/1/host",
         [](Design& d) {
             vip(d, "vip-relay").pool.push_back({"inet", std::nullopt, 25});
         },
         [](Design& d) { vip(d, "vip-relay").pool.pop_back(); }},
        {"pool-member-address-absent", "pool-member-address-absent",
         "/loadBalancers/0/vips/1/pool/0/address",
         [](Design& d) { vip(d, "vip-relay").pool[0].address = ip("10.0.0.99"); },
         [](Design& d) { vip(d, "vip-relay").pool[0].address = ip("10.0.0.20"); }},
        {"pool-member-off-segment", "pool-member-off-segment",
         "/loadBalancers/0/vips/1/pool/1/address",
         [](Design& d) {
             vip(d, "vip-relay").pool.push_back({"inet", ip("198.51.100.66"), 25});
         },
         [](Design& d) { vip(d, "vip-relay").pool.pop_back(); }},
        {"dsr-member-not-adjacent", "dsr-member-not-adjacent",
         "/loadBalancers/0/vips/0/pool/1/host",
         [](Design& d) {
             nic(d, "ex17", "nic-ex17").segmentId = "seg-inet";
             nic(d, "ex17", "nic-ex17").addresses = {assign("198.51.100.21", 24)};
             nic(d, "ex17", "nic-ex17").gateways = {ip("198.51.100.1")};
         },
         [](Design& d) {
             nic(d, "ex17", "nic-ex17").segmentId = "seg-lan";
             nic(d, "ex17", "nic-ex17").addresses = {assign("10.0.0.21", 24)};
             nic(d, "ex17", "nic-ex17").gateways = {ip("10.0.0.1")};
         },
         "DSR_NOT_L2_ADJACENT"},
        {"dsr-member-port", "dsr-member-port", "/loadBalancers/0/vips/0/pool/1/port",
         [](Design& d) { vip(d, "vip-smtp").pool[1].port = 2525; },
         [](Design& d) { vip(d, "vip-smtp").pool[1].port = 25; },
         "names port 2525, but direct server return delivers the VIP's port 25 unchanged"},
        {"dsr-vip-not-on-loopback/absent", "dsr-vip-not-on-loopback",
         "/loadBalancers/0/vips/0/pool/1/host",
         [](Design& d) { nic(d, "ex17", "lo-ex17").addresses.clear(); },
         [](Design& d) { nic(d, "ex17", "lo-ex17").addresses = {assign("10.0.0.50", 32)}; },
         "NOT_LOCAL"},
        {"dsr-vip-not-on-loopback/lan-nic", "dsr-vip-not-on-loopback",
         "/loadBalancers/0/vips/0/pool/1/host",
         [](Design& d) {
             nic(d, "ex17", "lo-ex17").addresses.clear();
             nic(d, "ex17", "nic-ex17").addresses.push_back(assign("10.0.0.50", 24));
         },
         [](Design& d) {
             nic(d, "ex17", "nic-ex17").addresses.pop_back();
             nic(d, "ex17", "lo-ex17").addresses = {assign("10.0.0.50", 32)};
         },
         "DSR_VIP_NOT_ARP_SILENT"},

        // firewalls
        {"unknown-zone/rule", "unknown-zone", "/firewalls/0/rules/0/fromZone",
         [](Design& d) { fw(d).rules[0].fromZone = "dmz"; },
         [](Design& d) { fw(d).rules[0].fromZone = "outside"; },
         "rule 'smtp-in': zone 'dmz' is not defined (zones: inside, outside)"},
        {"unknown-zone/interface", "unknown-zone", "/firewalls/0/interfaces/1/zone",
         [](Design& d) { fw(d).interfaces[1].zone = "untrust"; },
         [](Design& d) { fw(d).interfaces[1].zone = "outside"; }},
        {"inbound-nat-target-unknown", "inbound-nat-target-unknown",
         "/firewalls/0/inboundNat/0/insideAddress",
         [](Design& d) { fw(d).inboundNat[0].insideAddress = ip("10.0.0.99"); },
         [](Design& d) { fw(d).inboundNat[0].insideAddress = ip("10.0.0.50"); }},
        {"interface-without-zone", "interface-without-zone", "/firewalls/0/interfaces/0",
         [](Design& d) { fw(d).interfaces[0].zone.clear(); },
         [](Design& d) { fw(d).interfaces[0].zone = "inside"; }},

        // accepted domains and DNS
        {"duplicate-accepted-domain", "duplicate-accepted-domain",
         "/organization/acceptedDomains/1/domainName",
         [](Design& d) {
             d.organization.acceptedDomains.push_back(
                 {"ad-dup", "", "EXAMPLE.com", AcceptedDomainType::InternalRelay, false});
         },
         [](Design& d) { d.organization.acceptedDomains[1].domainName = "example.net"; }},
        {"multiple-default-domains", "multiple-default-domains",
         "/organization/acceptedDomains/1/default",
         [](Design& d) {
             d.organization.acceptedDomains.push_back(
                 {"ad-net", "example.net", "example.net", AcceptedDomainType::Authoritative, true});
         },
         [](Design& d) { d.organization.acceptedDomains[1].isDefault = false; }},
        {"invalid-domain-name/accepted", "invalid-domain-name",
         "/organization/acceptedDomains/0/domainName",
         [](Design& d) { d.organization.acceptedDomains[0].domainName = "exa_mple.com"; },
         [](Design& d) { d.organization.acceptedDomains[0].domainName = "example.com"; },
         "label 'exa_mple' contains '_'"},
        {"invalid-domain-name/address-space", "invalid-domain-name",
         "/sendConnectors/1/addressSpaces/0/domain",
         [](Design& d) { sc(d, "sc-edge").addressSpaces[0].domain = "*.-partner.example"; },
         [](Design& d) { sc(d, "sc-edge").addressSpaces[0].domain = "*.partner.example"; }},
        {"zone-origin-not-absolute", "zone-origin-not-absolute", "/dnsZones/0/origin",
         [](Design& d) { d.dnsZones[0].origin = "example.com"; },
         [](Design& d) { d.dnsZones[0].origin = "example.com."; }},
        {"dns-record-unknown-type", "dns-record-unknown-type", "/dnsZones/0/records/0/type",
         [](Design& d) { d.dnsZones[0].records[0].type = "MXX"; },
         [](Design& d) { d.dnsZones[0].records[0].type = "mx"; }},
        {"dns-record-negative-ttl", "dns-record-negative-ttl", "/dnsZones/0/records/1/ttl",
         [](Design& d) { d.dnsZones[0].records[1].ttl = -1; },
         [](Design& d) { d.dnsZones[0].records[1].ttl = 0; }},
        {"duplicate-dns-zone", "duplicate-dns-zone", "/dnsZones/1/origin",
         [](Design& d) {
             d.dnsZones.push_back({"zone-copy", "Example.COM.", DnsView::External, {}});
         },
         [](Design& d) { d.dnsZones[1].view = DnsView::Internal; }},

        // flows
        {"flow-destination/mx-domain", "flow-destination-invalid", "/flows/0/destination",
         [](Design& d) { flow(d, "flow-in").destination = "mx:exa mple.com"; },
         [](Design& d) { flow(d, "flow-in").destination = "mx:example.com"; },
         "MX lookup of an invalid domain"},
        {"flow-destination/vip-id", "flow-destination-invalid", "/flows/1/destination",
         [](Design& d) { flow(d, "flow-relay").destination = "vip-relay"; },
         [](Design& d) { flow(d, "flow-relay").destination = "10.0.0.51"; },
         "use its address 10.0.0.51"},
        {"flow-destination/with-port", "flow-destination-invalid", "/flows/1/destination",
         [](Design& d) { flow(d, "flow-relay").destination = "10.0.0.51:25"; },
         [](Design& d) { flow(d, "flow-relay").destination = "10.0.0.51"; }, "carries a port"},
        {"flow-without-target", "flow-without-target", "/flows/1",
         [](Design& d) {
             flow(d, "flow-relay").destination.clear();
             flow(d, "flow-relay").rcptTo.clear();
         },
         [](Design& d) { flow(d, "flow-relay").rcptTo = {"customer@example.net"}; },
         "neither a destination nor a recipient"},
        {"flow-pool-member-not-in-pool", "flow-pool-member-not-in-pool", "/flows/1/poolMember",
         [](Design& d) { flow(d, "flow-relay").poolMemberHostId = "scan01"; },
         [](Design& d) { flow(d, "flow-relay").poolMemberHostId = "ex16"; },
         "is in the pool of no VIP"},
        {"flow-source-address-absent", "flow-source-address-absent", "/flows/1/sourceAddress",
         [](Design& d) { flow(d, "flow-relay").sourceAddress = ip("10.0.0.99"); },
         [](Design& d) { flow(d, "flow-relay").sourceAddress = ip("10.0.0.60"); }},
    };
    return all;
}

std::string dataDir() {
    return std::string(MAILTOPO_SOURCE_DIR) + "/tests/data/checks/";
}

io::ParsedDesign loadFixture(const std::string& name) {
    return io::loadDesignFile(dataDir() + name);
}

}  // namespace

class TestStructureChecks : public QObject {
    Q_OBJECT

private slots:
    void minimalDesignIsClean() {
        const auto findings = analysis::checkStructure(minimalDesign());
        QVERIFY2(findings.empty(), dump(findings).c_str());
    }

    void referenceDesignIsClean() {
        const auto findings = analysis::checkStructure(referenceDesign());
        QVERIFY2(findings.empty(), dump(findings).c_str());
    }

    void emptyDesignIsClean() { QVERIFY(analysis::checkStructure(Design{}).empty()); }

    void catalogIsWellFormed() {
        const auto& catalog = analysis::structureCheckCatalog();
        QVERIFY(catalog.size() >= 40);
        const QRegularExpression kebab(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
        const QRegularExpression ruleNumber(QStringLiteral("^(R[0-9]+)?$"));
        std::set<std::string_view> ids;
        for (const auto& check : catalog) {
            const QString id =
                QString::fromUtf8(check.id.data(), static_cast<qsizetype>(check.id.size()));
            QVERIFY2(kebab.match(id).hasMatch(), qPrintable(id));
            QVERIFY2(ids.insert(check.id).second, qPrintable("duplicate catalog id " + id));
            QVERIFY2(!check.title.empty() && !check.description.empty(), qPrintable(id));
            QVERIFY2(ruleNumber
                         .match(QString::fromUtf8(check.rule.data(),
                                                  static_cast<qsizetype>(check.rule.size())))
                         .hasMatch(),
                     qPrintable(id));
            QCOMPARE(analysis::findStructureCheck(check.id), &check);
        }
        QCOMPARE(analysis::findStructureCheck("no-such-check"), nullptr);
    }

    // Every catalog entry is exercised by at least one fire/fix case below.
    void everyCheckHasACase() {
        std::set<std::string> covered;
        for (const auto& c : cases())
            covered.insert(c.id);
        for (const auto& check : analysis::structureCheckCatalog()) {
            QVERIFY2(covered.contains(std::string(check.id)), std::string(check.id).c_str());
        }
    }

    void firesAndFixedTwinIsClean_data() {
        QTest::addColumn<int>("row");
        for (size_t i = 0; i < cases().size(); ++i)
            QTest::newRow(cases()[i].name) << static_cast<int>(i);
    }

    void firesAndFixedTwinIsClean() {
        QFETCH(int, row);
        const Case& c = cases()[static_cast<size_t>(row)];
        Design broken = referenceDesign();
        c.breakIt(broken);
        const auto findings = analysis::checkStructure(broken);
        const Finding* hit = withIdAt(findings, c.id, c.pointer);
        QVERIFY2(hit != nullptr,
                 (std::string("expected ") + c.id + " at " + c.pointer + ", got:" + dump(findings))
                     .c_str());
        QVERIFY2(hit->message.find(c.messagePart) != std::string::npos,
                 ("message '" + hit->message + "' lacks '" + c.messagePart + "'").c_str());
        std::string why;
        QVERIFY2(metadataMatchesCatalog(findings, why), why.c_str());
        QVERIFY2(pointersFit(io::serializeDesign(broken), findings, why), why.c_str());

        Design fixed = broken;
        c.fixIt(fixed);
        const auto after = analysis::checkStructure(fixed);
        QVERIFY2(after.empty(), ("fixed twin still has findings:" + dump(after)).c_str());
    }

    // The brief's example wording: element, value, segment name and its subnets.
    void addressOutsideSegmentNamesElementsAndValues() {
        Design d = referenceDesign();
        nic(d, "ex17", "nic-ex17").addresses[0].address = ip("10.0.1.5");
        const auto findings = withId(analysis::checkStructure(d), "address-outside-segment");
        QCOMPARE(findings.size(), size_t{1});
        QCOMPARE(findings[0].message,
                 std::string("NIC EX17/Ethernet0: address 10.0.1.5/24 lies outside every subnet "
                             "of segment 'Server LAN' (10.0.0.0/24)"));
        QCOMPARE(findings[0].elements, (std::vector<std::string>{"nic-ex17", "seg-lan"}));
        QVERIFY(findings[0].remediation.find("New-NetIPAddress -InterfaceAlias \"Ethernet0\"") !=
                std::string::npos);
    }

    void gatewayRemediationSuggestsTheNeighboursGateway() {
        Design d = referenceDesign();
        nic(d, "ex16", "nic-ex16").gateways = {ip("10.0.9.1")};
        const auto findings = withId(analysis::checkStructure(d), "gateway-not-on-link");
        QCOMPARE(findings.size(), size_t{1});
        QVERIFY2(findings[0].remediation.find("-NextHop 10.0.0.1") != std::string::npos,
                 findings[0].remediation.c_str());
    }

    void bindingAddressAbsentRemediationIsConcrete() {
        Design d = referenceDesign();
        rc(d, "rc-partner").bindings = {binding("10.0.0.99:25")};
        const auto findings = withId(analysis::checkStructure(d), "binding-address-absent");
        QCOMPARE(findings.size(), size_t{1});
        const std::string& fix = findings[0].remediation;
        QVERIFY2(fix.find("Set-ReceiveConnector \"EX16\\Partner\" -Bindings \"10.0.0.20:25\"") !=
                     std::string::npos,
                 fix.c_str());
        QVERIFY2(fix.find("New-NetIPAddress -InterfaceAlias \"Ethernet0\" -IPAddress 10.0.0.99 "
                          "-PrefixLength 24 "
                          "-SkipAsSource $true") != std::string::npos,
                 fix.c_str());
    }

    // R19(c): only a listening connector can take its service down.
    void R19c_disabledConnectorBindingIsNotChecked() {
        Design d = referenceDesign();
        rc(d, "rc-partner").bindings = {binding("10.0.0.99:25")};
        QCOMPARE(withId(analysis::checkStructure(d), "binding-address-absent").size(), size_t{1});
        rc(d, "rc-partner").enabled = false;
        QVERIFY2(analysis::checkStructure(d).empty(), dump(analysis::checkStructure(d)).c_str());
    }

    // R19(a): the remediation's split makes each piece nested in or disjoint from the other range.
    void R19a_partialOverlapRemediationSplitsTheRange() {
        Design d = referenceDesign();
        for (const auto& c : cases()) {
            if (std::string_view(c.name) == "range-partial-overlap")
                c.breakIt(d);
        }
        const auto findings = withId(analysis::checkStructure(d), "range-partial-overlap");
        QCOMPARE(findings.size(), size_t{1});
        QVERIFY2(findings[0].remediation.find(
                     "Set-ReceiveConnector \"EX16\\Scanners\" -RemoteIPRanges "
                     "\"10.0.0.64-10.0.0.70\",\"10.0.0.71-10.0.0.79\"") != std::string::npos,
                 findings[0].remediation.c_str());
    }

    // E5: Default Frontend (all), A (10.1.1.0-10.1.1.255) and B (10.1.1.75) on 0.0.0.0:25 are
    // strictly nested: a valid configuration (R19a) that R20 resolves by specificity.
    void R19a_E5_nestedRangesAreValid() {
        Design d = minimalDesign();
        d.receiveConnectors = {
            receiveConnector("rc-a", "ex16", "A", {binding("0.0.0.0:25")},
                             {range("10.1.1.0-10.1.1.255")},
                             {model::PermissionGroup::AnonymousUsers}),
            receiveConnector("rc-b", "ex16", "B", {binding("0.0.0.0:25")}, {range("10.1.1.75")},
                             {model::PermissionGroup::AnonymousUsers})};
        const auto findings = analysis::checkStructure(d);
        QVERIFY2(findings.empty(), dump(findings).c_str());
    }

    // R19(a), A26 (CRC's "all addresses" case): a custom connector listing every address on
    // 0.0.0.0:25 duplicates the implicit Default Frontend connector.
    void R19a_allAddressesDuplicatesImplicitDefaultFrontend() {
        Design d = minimalDesign();
        d.receiveConnectors = {receiveConnector("rc-all", "ex16", "Everyone",
                                                {binding("0.0.0.0:25")}, {range("0.0.0.0/0")},
                                                {model::PermissionGroup::AnonymousUsers})};
        const auto findings = analysis::checkStructure(d);
        QVERIFY2(withIdAt(findings, "duplicate-binding-and-range",
                          "/receiveConnectors/0/remoteIpRanges/0"),
                 dump(findings).c_str());
        QVERIFY(findings[0].message.find("(written 0.0.0.0-255.255.255.255 there)") !=
                std::string::npos);

        // Declared under the default's own name, the connector IS that default: no conflict.
        d.receiveConnectors[0].name = "Default Frontend EX16";
        QVERIFY2(analysis::checkStructure(d).empty(), dump(analysis::checkStructure(d)).c_str());
    }

    void R19a_separateAddressBindingsNeverConflict() {
        Design d = minimalDesign();
        nic(d, "ex16", "nic-ex16").addresses.push_back(assign("10.0.0.22", 24));
        d.receiveConnectors = {
            receiveConnector("rc-1", "ex16", "One", {binding("10.0.0.20:25")}, {range("10.0.0.60")},
                             {model::PermissionGroup::AnonymousUsers}),
            receiveConnector("rc-2", "ex16", "Two", {binding("10.0.0.22:25")}, {range("10.0.0.60")},
                             {model::PermissionGroup::AnonymousUsers})};
        const auto findings = analysis::checkStructure(d);
        QVERIFY2(findings.empty(), dump(findings).c_str());
        // On one address they share the binding and the range: R19(a).
        d.receiveConnectors[1].bindings = {binding("10.0.0.20:25")};
        QCOMPARE(withId(analysis::checkStructure(d), "duplicate-binding-and-range").size(),
                 size_t{1});
    }

    // E18: a HubTransport connector on 0.0.0.0:25 collides with the FrontendTransport service's
    // implicit Default Frontend connector (R19b). Loaded from a fixture so the pointer is
    // checked against the real file.
    void R19b_E18_roleConflictWithImplicitDefaultFrontend() {
        const auto parsed = loadFixture("role-port-conflict.mailtopo");
        QVERIFY2(parsed.ok(),
                 parsed.diagnostics.empty() ? "" : parsed.diagnostics[0].toString().c_str());
        const auto findings = analysis::checkStructure(*parsed.design);
        QCOMPARE(findings.size(), size_t{1});
        const Finding& f = findings[0];
        QCOMPARE(f.id, std::string("role-port-conflict"));
        QCOMPARE(f.rule, std::string("R19"));
        QCOMPARE(f.pointer, std::string("/receiveConnectors/0/bindings/0"));
        QVERIFY2(
            f.message.find(
                "EX16\\Default Frontend EX16 (FrontendTransport, Exchange default connector)") !=
                std::string::npos,
            f.message.c_str());
        QVERIFY2(
            f.remediation.find(
                "New-ReceiveConnector -Name \"Scanner relay\" -Server \"EX16\" -TransportRole "
                "FrontendTransport -Bindings \"0.0.0.0:25\" -RemoteIPRanges \"10.0.5.0/24\"") !=
                std::string::npos,
            f.remediation.c_str());
    }

    // The finding names the implicit Default Frontend connector by its id, and says the same
    // once the defaults are made explicit (format --explicit-defaults).
    void R19b_E18_sameFindingWithExplicitDefaults() {
        auto parsed = loadFixture("role-port-conflict.mailtopo");
        QVERIFY(parsed.ok());
        const auto before = analysis::checkStructure(*parsed.design);
        QCOMPARE(before.size(), size_t{1});
        QCOMPARE(before[0].elements,
                 (std::vector<std::string>{parsed.design->receiveConnectors[0].id,
                                           "ex16-default-frontend", "ex16"}));
        const auto made = edit::makeDefaultConnectorsExplicit(*parsed.design);
        QVERIFY(made.refused.empty() && !made.changes.inserted.empty());
        QCOMPARE(analysis::checkStructure(*parsed.design), before);
    }

    void R19b_noImplicitDefaultsNoConflict() {
        auto parsed = loadFixture("role-port-conflict.mailtopo");
        QVERIFY(parsed.ok());
        parsed.design->hosts[0].exchange->implicitDefaultConnectors = false;
        QVERIFY(analysis::checkStructure(*parsed.design).empty());
    }

    // A disabled connector opens no listener, so it contends with nothing.
    void R19b_disabledConnectorDoesNotConflict() {
        auto parsed = loadFixture("role-port-conflict.mailtopo");
        QVERIFY(parsed.ok());
        parsed.design->receiveConnectors[0].enabled = false;
        QVERIFY(analysis::checkStructure(*parsed.design).empty());
    }

    // R19b: on port 25 the HubTransport connector is the one to move (custom port-25
    // connectors belong in FrontendTransport), whichever of the two was declared first.
    void R19b_port25ConflictBlamesTheHubTransportConnector() {
        Design d = minimalDesign();
        host(d, "ex16").exchange->implicitDefaultConnectors = false;
        auto hub =
            receiveConnector("rc-hub", "ex16", "Hub25", {binding("0.0.0.0:25")},
                             {range("10.0.5.0/24")}, {model::PermissionGroup::ExchangeServers});
        hub.transportRole = model::TransportRole::HubTransport;
        auto frontend =
            receiveConnector("rc-fe", "ex16", "Relay", {binding("10.0.0.20:25")},
                             {range("10.0.6.0/24")}, {model::PermissionGroup::AnonymousUsers});
        d.receiveConnectors = {hub, frontend};
        auto findings = analysis::checkStructure(d);
        QCOMPARE(findings.size(), size_t{1});
        QCOMPARE(findings[0].pointer, std::string("/receiveConnectors/0/bindings/0"));
        QCOMPARE(findings[0].elements.front(), std::string("rc-hub"));
        QVERIFY(findings[0].remediation.find("-TransportRole FrontendTransport") !=
                std::string::npos);

        std::swap(d.receiveConnectors[0], d.receiveConnectors[1]);
        findings = analysis::checkStructure(d);
        QCOMPARE(findings.size(), size_t{1});
        QCOMPARE(findings[0].pointer, std::string("/receiveConnectors/1/bindings/0"));
    }

    // Exchange 2010 runs one transport service: connector roles cannot conflict there.
    void R19b_singleServiceServerHasNoRoleConflict() {
        Design d = minimalDesign();
        host(d, "ex16").exchange->version = model::ExchangeVersion::Ex2010;
        host(d, "ex16").exchange->roles = {model::ExchangeRole::HubTransport};
        auto frontend =
            receiveConnector("rc-fe", "ex16", "Relay", {binding("0.0.0.0:25")},
                             {range("10.0.5.0/24")}, {model::PermissionGroup::AnonymousUsers});
        auto hub = frontend;
        hub.id = "rc-hub";
        hub.name = "Other";
        hub.transportRole = model::TransportRole::HubTransport;
        hub.remoteIpRanges = {range("10.0.6.0/24")};
        d.receiveConnectors = {frontend, hub};
        const auto findings = analysis::checkStructure(d);
        QVERIFY2(findings.empty(), dump(findings).c_str());
    }

    // R11: DSR members all carry the VIP on loopback adapters (the reference design does, and is
    // clean); the same VIP on two LAN NICs is a real duplicate and not ARP-silent.
    void R11_vipOnLanNicsIsDuplicateAndNotArpSilent() {
        Design d = referenceDesign();
        for (const char* id : {"ex16", "ex17"}) {
            auto& h = host(d, id);
            h.nics[1].addresses.clear();
            h.nics[0].addresses.push_back(assign("10.0.0.50", 24));
        }
        const auto findings = analysis::checkStructure(d);
        QCOMPARE(withId(findings, "duplicate-address").size(), size_t{1});
        QCOMPARE(withId(findings, "dsr-vip-not-on-loopback").size(), size_t{2});
        QVERIFY(withId(findings, "duplicate-address")[0].remediation.find(
                    "KM-TEST loopback adapter") != std::string::npos);
    }

    void linkLocalAddressesOnlyClashOnTheSameSegment() {
        Design d = referenceDesign();
        nic(d, "ex16", "nic-ex16").addresses.push_back(assign("fe80::1", 64));
        nic(d, "inet", "nic-inet").addresses.push_back(assign("fe80::1", 64));
        QVERIFY2(analysis::checkStructure(d).empty(), dump(analysis::checkStructure(d)).c_str());
        nic(d, "ex17", "nic-ex17").addresses.push_back(assign("fe80::1", 64));
        QCOMPARE(withId(analysis::checkStructure(d), "duplicate-address").size(), size_t{1});
    }

    // A segment that lists only IPv4 subnets says nothing about IPv6 addressing.
    void segmentSubnetsAreComparedPerFamily() {
        Design d = referenceDesign();
        nic(d, "ex16", "nic-ex16").addresses.push_back(assign("2001:db8::20", 64));
        QVERIFY(analysis::checkStructure(d).empty());
        d.segments[0].subnets.push_back(prefix("2001:db8:1::/64"));
        QCOMPARE(withId(analysis::checkStructure(d), "address-outside-segment").size(), size_t{1});
    }

    // Bad input on one element must not hide or duplicate findings on others.
    void invalidPrefixLengthIsNotAlsoReportedAsGatewayProblem() {
        Design d = referenceDesign();
        nic(d, "edge01", "nic-edge").addresses[0].prefixLength = 0;
        const auto findings = analysis::checkStructure(d);
        QCOMPARE(findings.size(), size_t{1});
        QCOMPARE(findings[0].id, std::string("prefix-length-out-of-range"));
    }

    // Same input, same findings in the same (canonical) order.
    void findingsAreDeterministicAndSorted() {
        Design d = referenceDesign();
        for (const auto& c : cases())
            c.breakIt(d);
        const auto first = analysis::checkStructure(d);
        QVERIFY(first.size() > 40);
        const Design copy = d;
        QCOMPARE(analysis::checkStructure(copy), first);
        QCOMPARE(analysis::checkStructure(d), first);
        auto resorted = first;
        analysis::sortFindings(resorted);
        QCOMPARE(resorted, first);
        for (size_t i = 1; i < first.size(); ++i) {
            QVERIFY(first[i - 1].severity >= first[i].severity);
        }
        // Round-tripping through the file format changes nothing either.
        const auto reparsed = io::parseDesign(io::serializeDesign(d));
        QVERIFY(reparsed.ok());
        QCOMPARE(analysis::checkStructure(*reparsed.design), first);
    }

    // Fixtures in tests/data/checks: <check-id>.mailtopo fires that check (and only that one),
    // <check-id>.fixed.mailtopo is its clean twin. Pointers must exist in the file.
    void fixtures_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(QString::fromStdString(dataDir()));
        const auto files = dir.entryList({QStringLiteral("*.mailtopo")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const auto& file : files)
            QTest::newRow(qPrintable(file)) << file;
    }

    void fixtures() {
        QFETCH(QString, file);
        const std::string name = file.toStdString();
        const auto parsed = loadFixture(name);
        QVERIFY2(parsed.ok(),
                 parsed.diagnostics.empty() ? "" : parsed.diagnostics[0].toString().c_str());
        const auto findings = analysis::checkStructure(*parsed.design);
        if (file.endsWith(QLatin1String(".fixed.mailtopo"))) {
            QVERIFY2(findings.empty(), dump(findings).c_str());
            QVERIFY2(QFile::exists(QString::fromStdString(dataDir()) + file.chopped(15) +
                                   QStringLiteral(".mailtopo")),
                     "a fixed twin without its broken fixture");
            return;
        }
        const std::string id = name.substr(0, name.size() - std::string(".mailtopo").size());
        QVERIFY2(!findings.empty(), "the fixture fires nothing");
        for (const auto& f : findings)
            QVERIFY2(f.id == id, dump(findings).c_str());
        QVERIFY2(QFile::exists(QString::fromStdString(dataDir() + id) +
                               QStringLiteral(".fixed.mailtopo")),
                 "a fixture without its fixed twin");
        QFile text(QString::fromStdString(dataDir() + name));
        QVERIFY(text.open(QIODevice::ReadOnly));
        std::string why;
        QVERIFY2(pointersFit(text.readAll().toStdString(), findings, why), why.c_str());
        QVERIFY2(metadataMatchesCatalog(findings, why), why.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStructureChecks)
#include "tst_structure_checks.moc"
