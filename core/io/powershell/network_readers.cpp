// Readers for the Windows networking cmdlets (CIM instances, powershell-exports.md §4). The CIM
// noise (CimClass, CimInstanceProperties) is ignored; the server comes from
// CimSystemProperties.ServerName (or PSComputerName); enum members are accepted as integers
// (Windows PowerShell, PowerShell 7) or names (PowerShell 7 -EnumsAsStrings).

#include <algorithm>
#include <array>

#include "core/io/powershell/record_readers.h"

namespace mailtopo::io::powershell::detail {
namespace {

constexpr std::array<EnumEntry, 4> kAddressFamilies = {
    {{"IPv4", 2}, {"IPv6", 23}, {"InterNetwork", 2}, {"InterNetworkV6", 23}}};
constexpr std::array<EnumEntry, 5> kPrefixOrigins = {
    {{"Other", 0}, {"Manual", 1}, {"WellKnown", 2}, {"Dhcp", 3}, {"RouterAdvertisement", 4}}};
constexpr std::array<EnumEntry, 6> kSuffixOrigins = {
    {{"Other", 0}, {"Manual", 1}, {"WellKnown", 2}, {"Dhcp", 3}, {"Link", 4}, {"Random", 5}}};
constexpr std::array<EnumEntry, 5> kAddressStates = {
    {{"Invalid", 0}, {"Tentative", 1}, {"Duplicate", 2}, {"Deprecated", 3}, {"Preferred", 4}}};
constexpr std::array<EnumEntry, 10> kRouteProtocols = {{{"Other", 1},
                                                        {"Local", 2},
                                                        {"NetMgmt", 3},
                                                        {"Icmp", 4},
                                                        {"Egp", 5},
                                                        {"Ggp", 6},
                                                        {"Rip", 8},
                                                        {"Ospf", 13},
                                                        {"Bgp", 14},
                                                        {"Dhcp", 19}}};

// Windows' own software loopback ("Loopback Pseudo-Interface 1", ifIndex 1) is always there
// and never carries mail; the KM-TEST loopback *adapter* used for DSR is a different thing.
bool isSoftwareLoopback(std::string_view alias) {
    return startsWithIgnoreCase(alias, "Loopback Pseudo-Interface");
}

std::optional<int64_t> firstInteger(Record& r, std::initializer_list<const char*> members) {
    for (const char* m : members) {
        const JsonValue v = r.get(m);
        if (v.isNull())
            continue;
        if (const auto i = v.int64())
            return i;
        return r.integer(m);  // a number written as text, or a report of what it is instead
    }
    return std::nullopt;
}

std::optional<std::string> firstString(Record& r, std::initializer_list<const char*> members) {
    for (const char* m : members) {
        const JsonValue v = r.get(m);
        if (v.isString() && !trim(v.text()).empty())
            return std::string(trim(v.text()));
    }
    return std::nullopt;
}

// The computer a CIM object came from.
std::optional<std::string> cimServer(Record& r) {
    const JsonValue cim = r.get("CimSystemProperties");
    bool truncated = false;
    if (cim.isObject()) {
        const JsonValue name = cim.member("ServerName");
        const std::string_view text = trim(name.text());
        if (name.isString() && !text.empty() && text != "." && !equalsIgnoreCase(text, "localhost"))
            return std::string(text);
    } else if (cim.isString() && isTypeName(cim.text())) {
        truncated = true;
    }
    const JsonValue computer = r.get("PSComputerName");
    if (computer.isString() && !trim(computer.text()).empty())
        return std::string(trim(computer.text()));
    r.issue(cim.valid() ? cim : r.value(), "CimSystemProperties",
            truncated
                ? r.truncatedBy() +
                      " to its type name, and PSComputerName is empty: the object does not say "
                      "which server it came from; it was skipped"
                : "the object does not say which server it came from (no "
                  "CimSystemProperties.ServerName, no PSComputerName); it was skipped",
            truncated ? r.depthFix()
                      : "export on the server itself, or through -CimSession <server>, with "
                        "ConvertTo-Json -Depth 4");
    return std::nullopt;
}

struct InterfaceRef {
    std::optional<int> index;
    std::string alias;
};

InterfaceRef interfaceOf(Record& r, bool adapter) {
    InterfaceRef ref;
    if (const auto i = firstInteger(r, {"InterfaceIndex", "ifIndex"});
        i && *i >= 0 && *i <= INT32_MAX)
        ref.index = static_cast<int>(*i);
    const auto alias = adapter ? firstString(r, {"Name", "InterfaceAlias", "ifAlias"})
                               : firstString(r, {"InterfaceAlias", "ifAlias", "ElementName"});
    ref.alias = alias.value_or(std::string());
    return ref;
}

ObservedNic& observeNic(ObservedServer& server, const InterfaceRef& ref, const std::string& file) {
    ObservedNic* found = nullptr;
    for (ObservedNic& nic : server.nics) {
        if (ref.index && nic.index) {
            if (*ref.index == *nic.index) {
                found = &nic;
                break;
            }
            continue;
        }
        if (!ref.alias.empty() && equalsIgnoreCase(nic.alias, ref.alias)) {
            found = &nic;
            break;
        }
    }
    if (!found) {
        server.nics.emplace_back();
        found = &server.nics.back();
    }
    if (found->alias.empty() || (!ref.alias.empty() && !equalsIgnoreCase(found->alias, ref.alias)))
        found->alias = ref.alias.empty() ? found->alias : ref.alias;
    if (!found->index && ref.index)
        found->index = ref.index;
    found->sources.insert(file);
    return *found;
}

std::optional<net::Address> parseAddress(std::string_view text) {
    text = trim(text);
    const size_t zone = text.find('%');  // fe80::1%6
    return net::Address::parse(text.substr(0, zone));
}

// Common start of every CIM reader: server, interface, label; nullptr when skipped.
ObservedServer* start(Record& r, InterfaceRef& ref, bool adapter, std::string_view what) {
    ref = interfaceOf(r, adapter);
    const std::string iface =
        ref.alias.empty() ? (ref.index ? "ifIndex " + std::to_string(*ref.index) : "?") : ref.alias;
    std::string suffix = iface;
    if (!what.empty())
        suffix.append(" ").append(what);
    r.setLabel("(server unknown) " + suffix);
    const auto serverName = cimServer(r);
    if (!serverName)
        return nullptr;
    r.setLabel(*serverName + " " + suffix);
    if (!ref.index && ref.alias.empty()) {
        r.issue(r.value(), "InterfaceIndex",
                "the object names no interface (InterfaceIndex, InterfaceAlias); it was skipped",
                r.depthFix());
        return nullptr;
    }
    if (isSoftwareLoopback(ref.alias) ||
        (ref.alias.empty() && ref.index == 1)) {  // ifIndex 1: the software loopback
        r.file().skipped("object of Windows' software loopback (Loopback Pseudo-Interface 1)",
                         "objects of Windows' software loopback (Loopback Pseudo-Interface 1)");
        return nullptr;
    }
    return &observeServer(r.file().set, *serverName, false, r.file().name);
}

std::optional<net::Family> family(Record& r) {
    const auto f = r.enumeration("AddressFamily", kAddressFamilies, false);
    if (!f)
        return std::nullopt;
    return *f == 23 ? net::Family::V6 : net::Family::V4;
}

}  // namespace

std::string cimForm(JsonValue record) {
    for (const char* member :
         {"AddressFamily", "AdminStatus", "MediaConnectionState", "ifOperStatus"}) {
        const JsonValue v = record.member(member);
        if (v.isNumber())
            return "CIM, enums as integers";
        if (v.isString())
            return "CIM, enums as names (PowerShell 7 -EnumsAsStrings)";
    }
    return "CIM";
}

bool readNetIPAddress(Record& r) {
    InterfaceRef ref;
    ObservedServer* server = start(r, ref, false, "");
    if (!server)
        return false;
    const auto text = firstString(r, {"IPAddress", "IPv4Address", "IPv6Address"});
    const auto address = text ? parseAddress(*text) : std::nullopt;
    r.setLabel(r.label() + " " + text.value_or("?"));
    if (!address) {
        r.issue(r.get("IPAddress"), "IPAddress",
                text ? inQuotes(*text) + " is not an IP address; skipped" : "no IPAddress; skipped",
                {});
        return false;
    }
    if (address->isLoopback()) {
        r.file().skipped("loopback address", "loopback addresses");
        return false;
    }
    const auto length = r.integer("PrefixLength");
    if (!length || *length < 0 || *length > address->bitWidth()) {
        r.issue(r.get("PrefixLength"), "PrefixLength",
                "no valid prefix length; the address was skipped", {});
        return false;
    }
    model::IpAssignment assignment;
    assignment.address = *address;
    assignment.prefixLength = static_cast<int>(*length);
    assignment.skipAsSource = r.boolean("SkipAsSource").value_or(false);
    const auto prefixOrigin = r.enumeration("PrefixOrigin", kPrefixOrigins, false);
    const auto suffixOrigin = r.enumeration("SuffixOrigin", kSuffixOrigins, false);
    if (address->isLinkLocal() || suffixOrigin == 4u)
        assignment.origin = model::AddressOrigin::LinkLocal;
    else if (prefixOrigin == 3u || suffixOrigin == 3u)
        assignment.origin = model::AddressOrigin::Dhcp;
    else
        assignment.origin = model::AddressOrigin::Manual;
    if (const auto state = r.enumeration("AddressState", kAddressStates, false); state == 2u) {
        r.note(r.get("AddressState"),
               r.label() +
                   ": the address is in state Duplicate (another host answers "
                   "for it); imported anyway");
    }
    ObservedNic& nic = observeNic(*server, ref, r.file().name);
    const auto existing = nic.addresses.find(*address);
    if (existing != nic.addresses.end() && !(existing->second == assignment)) {
        r.note(r.get("IPAddress"),
               r.label() + ": listed twice with different settings; the last one is used");
    }
    nic.addresses[*address] = assignment;
    server->addressesSeen = true;
    return true;
}

bool readNetIPInterface(Record& r) {
    InterfaceRef ref;
    ObservedServer* server = start(r, ref, false, "");
    if (!server)
        return false;
    const auto f = family(r);
    r.setLabel(r.label() + (f == net::Family::V6 ? " IPv6" : " IPv4"));
    if (!f) {
        r.issue(r.get("AddressFamily"), "AddressFamily", "no address family; the row was skipped",
                {});
        return false;
    }
    InterfaceRow row;
    row.file = r.file().name;
    row.dhcp = r.boolean("Dhcp");
    row.weakHostSend = r.boolean("WeakHostSend");
    row.weakHostReceive = r.boolean("WeakHostReceive");
    row.forwarding = r.boolean("Forwarding");
    if (const auto metric = r.integer("InterfaceMetric");
        metric && *metric >= 0 && *metric <= INT32_MAX)
        row.metric = static_cast<int>(*metric);
    ObservedNic& nic = observeNic(*server, ref, r.file().name);
    (*f == net::Family::V4 ? nic.ipv4 : nic.ipv6) = row;
    return true;
}

bool readNetAdapter(Record& r) {
    InterfaceRef ref;
    ObservedServer* server = start(r, ref, true, "");
    if (!server)
        return false;
    ObservedNic& nic = observeNic(*server, ref, r.file().name);
    nic.adapterSeen = true;
    const auto description = firstString(r, {"InterfaceDescription", "DriverDescription", "ifDesc"})
                                 .value_or(std::string());
    const bool loopback = lowercase(description).find("loopback adapter") != std::string::npos ||
                          lowercase(description).find("km-test") != std::string::npos;
    r.set(nic.loopbackAdapter, loopback, "InterfaceDescription");
    return true;
}

bool readNetRoute(Record& r) {
    InterfaceRef ref;
    ObservedServer* server = start(r, ref, false, "route");
    if (!server)
        return false;
    const auto destinationText = firstString(r, {"DestinationPrefix"});
    std::string problem;
    const auto destination =
        destinationText ? net::Prefix::parse(*destinationText, &problem) : std::nullopt;
    r.setLabel(r.label() + " " + destinationText.value_or("?"));
    if (!destination) {
        r.issue(
            r.get("DestinationPrefix"), "DestinationPrefix",
            destinationText ? problem + "; the route was skipped" : "no DestinationPrefix; skipped",
            {});
        return false;
    }
    std::optional<net::Address> nextHop;
    if (const auto hopText = firstString(r, {"NextHop"})) {
        nextHop = parseAddress(*hopText);
        if (!nextHop) {
            r.issue(r.get("NextHop"), "NextHop",
                    inQuotes(*hopText) + " is not an address; the route was skipped", {});
            return false;
        }
        if (nextHop->isUnspecified())
            nextHop.reset();  // 0.0.0.0 / :: : on-link
    }
    ObservedNic& nic = observeNic(*server, ref, r.file().name);
    server->routesSeen = true;
    nic.routesSeen = true;
    if (destination->length() == 0) {
        if (!nextHop) {
            r.file().skipped("on-link default route (no gateway)",
                             "on-link default routes (no gateway)");
            return false;
        }
        if (std::find(nic.gateways.begin(), nic.gateways.end(), *nextHop) == nic.gateways.end())
            nic.gateways.push_back(*nextHop);
        return true;
    }
    // Besides the default gateway, only routes an admin added (NetMgmt) are part of a design;
    // connected, host, broadcast and multicast routes are what Windows derives by itself.
    const auto protocol = r.enumeration("Protocol", kRouteProtocols, false);
    if (protocol != 3u) {
        r.file().skipped("route Windows derives itself (connected, host, broadcast, multicast)",
                         "routes Windows derives itself (connected, host, broadcast, multicast)");
        return false;
    }
    ObservedRoute route;
    route.destination = *destination;
    route.nextHop = nextHop;
    route.interfaceIndex = ref.index;
    route.interfaceAlias = ref.alias;
    route.metric =
        static_cast<int>(std::clamp<int64_t>(r.integer("RouteMetric").value_or(0), 0, INT32_MAX));
    for (const ObservedRoute& known : server->staticRoutes) {
        if (known.destination == route.destination && known.nextHop == route.nextHop &&
            known.interfaceIndex == route.interfaceIndex)
            return true;  // the same route from the persistent and the active store
    }
    server->staticRoutes.push_back(route);
    return true;
}

bool readDnsClientServerAddress(Record& r) {
    InterfaceRef ref;
    ObservedServer* server = start(r, ref, false, "DNS");
    if (!server)
        return false;
    const auto f = family(r);
    if (!f) {
        r.issue(r.get("AddressFamily"), "AddressFamily", "no address family; the row was skipped",
                {});
        return false;
    }
    const auto items = r.list("ServerAddresses");
    if (!items)
        return false;
    std::vector<net::Address> servers;
    for (const ListItem& item : *items) {
        const std::string_view text = item.asText();
        const auto address = parseAddress(text);
        if (!address) {
            r.issue(item.value.valid() ? item.value : r.get("ServerAddresses"), "ServerAddresses",
                    inQuotes(text) + " is not an address and was left out", {}, true);
            continue;
        }
        // fec0:0:0:ffff::1..3 are the deprecated site-local defaults Windows lists when no IPv6
        // DNS server is configured.
        static const net::Prefix siteLocalDefaults = *net::Prefix::parse("fec0:0:0:ffff::/64");
        if (siteLocalDefaults.contains(*address))
            continue;
        servers.push_back(*address);
    }
    ObservedNic& nic = observeNic(*server, ref, r.file().name);
    nic.dnsSeen = true;
    (*f == net::Family::V4 ? nic.dnsV4 : nic.dnsV6) = std::move(servers);
    return true;
}

bool readRecord(Record& record) {
    switch (record.cmdlet()) {
        case Cmdlet::ExchangeServer:
            return readExchangeServer(record);
        case Cmdlet::ReceiveConnector:
            return readReceiveConnector(record);
        case Cmdlet::SendConnector:
            return readSendConnector(record);
        case Cmdlet::TransportConfig:
            return readTransportConfig(record);
        case Cmdlet::AcceptedDomain:
            return readAcceptedDomain(record);
        case Cmdlet::AdPermission:
            return readAdPermission(record);
        case Cmdlet::NetIPAddress:
            return readNetIPAddress(record);
        case Cmdlet::NetIPInterface:
            return readNetIPInterface(record);
        case Cmdlet::NetAdapter:
            return readNetAdapter(record);
        case Cmdlet::NetRoute:
            return readNetRoute(record);
        case Cmdlet::DnsClientServerAddress:
            return readDnsClientServerAddress(record);
        case Cmdlet::Unknown:
            return false;
    }
    return false;
}

}  // namespace mailtopo::io::powershell::detail
