#include "core/edit/element_palette.h"

#include <functional>

#include "core/edit/design_edits.h"
#include "core/edit/unique_ids.h"
#include "core/net/prefix.h"

namespace mailtopo::edit {
namespace {

using model::ExchangeRole;
using model::ExchangeVersion;
using model::HostKind;
using model::OperatingSystem;

struct Recipe {
    PaletteEntry entry;
    std::function<AddedElement(model::Design&, UniqueIds&)> make;
};

// A server's first NIC, not yet on a segment: the inspector or a paste connects it.
model::Nic firstNic(UniqueIds& ids, const model::Id& hostId, OperatingSystem os) {
    model::Nic nic;
    nic.id = ids.id(hostId + "-nic1");
    nic.alias = os == OperatingSystem::Linux ? "eth0" : "Ethernet0";
    nic.interfaceIndex = 1;
    return nic;
}

// Exchange 2003 ran on Windows 2003, 2007 on 2008, 2010 on 2008 R2, 2013 on 2012 R2,
// 2016 on 2016, 2019 and SE on 2019/2022: the newest OS each version supports well.
OperatingSystem osFor(ExchangeVersion version) {
    switch (version) {
        case ExchangeVersion::Ex2003:
            return OperatingSystem::Windows2003;
        case ExchangeVersion::Ex2007:
            return OperatingSystem::Windows2008;
        case ExchangeVersion::Ex2010:
            return OperatingSystem::Windows2008R2;
        case ExchangeVersion::Ex2013:
            return OperatingSystem::Windows2012R2;
        case ExchangeVersion::Ex2016:
            return OperatingSystem::Windows2016;
        case ExchangeVersion::Ex2019:
            return OperatingSystem::Windows2019;
        case ExchangeVersion::ExSE:
            return OperatingSystem::Windows2022;
    }
    return OperatingSystem::Windows2019;
}

AddedElement makeExchange(model::Design& design, UniqueIds& ids, ExchangeVersion version,
                          FlagSet<ExchangeRole> roles, const std::string& prefix) {
    model::Host host;
    host.name = ids.numberedName(prefix);
    host.id = ids.id(asciiLower(host.name));
    host.kind = HostKind::ExchangeServer;
    host.os = osFor(version);
    host.exchange.emplace();
    host.exchange->version = version;
    host.exchange->roles = roles;
    if (roles.contains(ExchangeRole::Edge))
        host.exchange->antiSpam.agentsInstalled = true;  // always installed on Edge (R30)
    host.nics.push_back(firstNic(ids, host.id, host.os));
    design.hosts.push_back(host);
    return {host.id, host.name, true, {}};
}

AddedElement makeSmtpHost(model::Design& design, UniqueIds& ids, HostKind kind,
                          const std::string& prefix) {
    model::Host host;
    host.name = ids.numberedName(prefix);
    host.id = ids.id(asciiLower(host.name));
    host.kind = kind;
    host.os =
        kind == HostKind::ApplicationClient ? OperatingSystem::Windows2019 : OperatingSystem::Linux;
    host.smtp.emplace();
    // A relay or gateway listens on 25; a client or sender only sends.
    if (kind == HostKind::SmartHost || kind == HostKind::MailGateway || kind == HostKind::Partner)
        host.smtp->listenPorts = {25};
    host.nics.push_back(firstNic(ids, host.id, host.os));
    design.hosts.push_back(host);
    return {host.id, host.name, true, {}};
}

// Whether a segment of the design already carries addresses of `candidate`.
bool subnetTaken(const model::Design& design, const net::Prefix& candidate) {
    for (const auto& segment : design.segments)
        for (const auto& subnet : segment.subnets)
            if (subnet.contains(candidate) || candidate.contains(subnet))
                return true;
    return false;
}

// The first /24 of `base` (10.0.0.0/16, 172.16.0.0/16) no segment of the design overlaps:
// a new network has an address plan to connect to at once, typed over when it differs.
std::optional<net::Prefix> freeSubnet(const model::Design& design, const net::Prefix& base) {
    const auto taken = [&](const net::Prefix& candidate) { return subnetTaken(design, candidate); };
    for (uint64_t n = 0; n < 256; ++n) {
        const net::Prefix candidate(base.address().plus(net::U128{0, n << 8}), 24);
        if (!taken(candidate))
            return candidate;
    }
    return std::nullopt;
}

AddedElement makeSegment(model::Design& design, UniqueIds& ids, model::SegmentKind kind) {
    model::Segment segment;
    switch (kind) {
        case model::SegmentKind::Internet:
            segment.name = ids.hostName("Internet");
            segment.id = ids.id("internet");
            // The documentation ranges (RFC 5737): public addresses that are nobody's.
            for (const char* text : {"198.51.100.0/24", "192.0.2.0/24", "203.0.113.0/24"}) {
                const net::Prefix subnet = *net::Prefix::parse(text);
                if (!subnetTaken(design, subnet))
                    segment.subnets.push_back(subnet);
            }
            break;
        case model::SegmentKind::Dmz:
            segment.name = ids.numberedName("DMZ");
            segment.id = ids.id(asciiLower(segment.name));
            if (auto subnet = freeSubnet(design, *net::Prefix::parse("172.16.0.0/16")))
                segment.subnets.push_back(*subnet);
            break;
        case model::SegmentKind::Lan:
            segment.name = ids.numberedName("LAN");
            segment.id = ids.id(asciiLower(segment.name));
            if (auto subnet = freeSubnet(design, *net::Prefix::parse("10.0.0.0/16")))
                segment.subnets.push_back(*subnet);
            break;
    }
    segment.kind = kind;
    design.segments.push_back(segment);
    return {segment.id, segment.name, true, {}};
}

template <class Device>
AddedElement makeDevice(std::vector<Device>& list, UniqueIds& ids, const std::string& prefix) {
    Device device;
    device.name = ids.numberedName(prefix);
    device.id = ids.id(asciiLower(device.name));
    list.push_back(device);
    return {device.id, device.name, true, {}};
}

AddedElement makeFirewall(model::Design& design, UniqueIds& ids) {
    AddedElement added = makeDevice(design.firewalls, ids, "FW");
    // The two zones every edge firewall has; the inspector adds more (DMZ …).
    design.firewalls.back().zones = {{"outside", 0}, {"inside", 100}};
    return added;
}

AddedElement makeZone(model::Design& design, UniqueIds& ids) {
    model::DnsZone zone;
    std::string origin = "example.com.";
    for (int n = 2;; ++n) {
        bool used = false;
        for (const auto& z : design.dnsZones)
            used = used || (asciiLower(z.origin) == origin && z.view == model::DnsView::External);
        if (!used)
            break;
        origin = "example" + std::to_string(n) + ".com.";
    }
    zone.origin = origin;
    zone.id = ids.id("zone-" + origin.substr(0, origin.size() - 1));
    design.dnsZones.push_back(zone);
    return {zone.id, zone.origin, false, {}};
}

const std::vector<Recipe>& recipes() {
    using G = PaletteGroup;
    using R = ExchangeRole;
    using V = ExchangeVersion;
    const auto exchange = [](V version, FlagSet<R> roles, std::string prefix) {
        return [=](model::Design& d, UniqueIds& ids) {
            return makeExchange(d, ids, version, roles, prefix);
        };
    };
    const auto smtp = [](HostKind kind, std::string prefix) {
        return [=](model::Design& d, UniqueIds& ids) { return makeSmtpHost(d, ids, kind, prefix); };
    };
    const auto segment = [](model::SegmentKind kind) {
        return [=](model::Design& d, UniqueIds& ids) { return makeSegment(d, ids, kind); };
    };
    static const std::vector<Recipe> all = {
        {{"exchange-se-mailbox", "Exchange SE Mailbox",
          "Exchange Server Subscription Edition, Mailbox role (front-end and hub transport)",
          G::Exchange, "exchange-server", "fqdn"},
         exchange(V::ExSE, {R::Mailbox}, "EX")},
        {{"exchange-2019-mailbox", "Exchange 2019 Mailbox",
          "Exchange 2019 Mailbox server: Front End Transport on 25, Hub Transport on 2525",
          G::Exchange, "exchange-server", "fqdn"},
         exchange(V::Ex2019, {R::Mailbox}, "EX")},
        {{"exchange-2016-mailbox", "Exchange 2016 Mailbox", "Exchange 2016 Mailbox server",
          G::Exchange, "exchange-server", "fqdn"},
         exchange(V::Ex2016, {R::Mailbox}, "EX")},
        {{"exchange-2013-multirole", "Exchange 2013 CAS + Mailbox",
          "Exchange 2013 with the Client Access and Mailbox roles on one server", G::Exchange,
          "exchange-server", "fqdn"},
         exchange(V::Ex2013, {R::ClientAccess, R::Mailbox}, "EX")},
        {{"exchange-2010-hub", "Exchange 2010 Hub Transport",
          "Exchange 2010 Hub Transport server (coexistence with 2013 and later)", G::Exchange,
          "exchange-server", "fqdn"},
         exchange(V::Ex2010, {R::HubTransport}, "HUB")},
        {{"exchange-2007-hub", "Exchange 2007 Hub Transport", "Exchange 2007 Hub Transport server",
          G::Exchange, "exchange-server", "fqdn"},
         exchange(V::Ex2007, {R::HubTransport}, "HUB")},
        {{"exchange-2003", "Exchange 2003", "Exchange 2003 server with its SMTP virtual server",
          G::Exchange, "exchange-server", "fqdn"},
         exchange(V::Ex2003, {R::Mailbox}, "EX2K3-")},
        {{"exchange-2019-edge", "Exchange 2019 Edge Transport",
          "Edge Transport server in the perimeter network, subscribed to a Mailbox site",
          G::Exchange, "exchange-server", "fqdn"},
         exchange(V::Ex2019, {R::Edge}, "EDGE")},
        {{"internet-sender", "Internet sender",
          "Any SMTP client on the internet: a partner's MTA, a spammer, a test host", G::SmtpHosts,
          "smtp-host", "smtp.mailFrom"},
         smtp(HostKind::InternetSender, "SENDER")},
        {{"application-client", "Application client",
          "A scanner, printer or line-of-business application that submits mail through a relay "
          "connector",
          G::SmtpHosts, "smtp-host", "smtp.submitTo"},
         smtp(HostKind::ApplicationClient, "APP")},
        {{"smart-host", "Smart host", "Relays outbound mail for others (ISP relay, cloud filter)",
          G::SmtpHosts, "smtp-host", "fqdn"},
         smtp(HostKind::SmartHost, "RELAY")},
        {{"mail-gateway", "Mail gateway", "A hygiene or filtering appliance in front of Exchange",
          G::SmtpHosts, "smtp-host", "smtp.localDomains"},
         smtp(HostKind::MailGateway, "GW")},
        {{"partner", "Partner MTA", "A partner organisation's mail server", G::SmtpHosts,
          "smtp-host", "fqdn"},
         smtp(HostKind::Partner, "PARTNER")},
        {{"internet", "Internet", "The internet: where senders and MX lookups come from",
          G::Network, "internet", "subnets"},
         segment(model::SegmentKind::Internet)},
        {{"segment-dmz", "DMZ segment", "A perimeter network segment (VLAN) with its subnets",
          G::Network, "segment", "subnets"},
         segment(model::SegmentKind::Dmz)},
        {{"segment-lan", "LAN segment", "An internal network segment (VLAN) with its subnets",
          G::Network, "segment", "subnets"},
         segment(model::SegmentKind::Lan)},
        {{"router", "Router", "Forwards between segments and keeps no state", G::Network, "router",
          ""},
         [](model::Design& d, UniqueIds& ids) { return makeDevice(d.routers, ids, "RTR"); }},
        {{"load-balancer", "Load balancer",
          "Virtual servers in SNAT, transparent or DSR mode in front of a pool", G::Network,
          "load-balancer", ""},
         [](model::Design& d, UniqueIds& ids) { return makeDevice(d.loadBalancers, ids, "LB"); }},
        {{"firewall", "Firewall", "A stateful firewall with zones, rules and NAT", G::Network,
          "firewall", ""},
         makeFirewall},
        {{"dns-zone", "DNS zone", "The records the design says DNS should answer (MX, SPF, PTR)",
          G::Dns, "dns-zone", "origin"},
         makeZone},
    };
    return all;
}

}  // namespace

const std::vector<PaletteEntry>& paletteEntries() {
    static const std::vector<PaletteEntry> entries = [] {
        std::vector<PaletteEntry> out;
        for (const Recipe& r : recipes())
            out.push_back(r.entry);
        return out;
    }();
    return entries;
}

const PaletteEntry* findPaletteEntry(std::string_view key) {
    for (const PaletteEntry& entry : paletteEntries()) {
        if (entry.key == key)
            return &entry;
    }
    return nullptr;
}

std::string_view paletteGroupName(PaletteGroup group) {
    switch (group) {
        case PaletteGroup::Exchange:
            return "Exchange servers";
        case PaletteGroup::SmtpHosts:
            return "SMTP hosts";
        case PaletteGroup::Network:
            return "Network";
        case PaletteGroup::Dns:
            return "DNS";
    }
    return {};
}

std::optional<AddedElement> addElement(model::Design& design, std::string_view key,
                                       const std::string& viewId,
                                       std::optional<model::Placement> at) {
    for (const Recipe& recipe : recipes()) {
        if (recipe.entry.key != key)
            continue;
        UniqueIds ids(design);
        AddedElement added = recipe.make(design, ids);
        const bool placed = added.drawn && at;
        if (placed) {
            const bool hadView = !design.views.empty();
            const std::string view = ensureView(design, viewId);
            if (!hadView)
                added.changes.insert(view);
            setPlacements(design, view, {{added.id, *at}});
        }
        added.changes.insert(added.id);
        if (placed)
            added.changes.move(added.id);
        return added;
    }
    return std::nullopt;
}

}  // namespace mailtopo::edit
