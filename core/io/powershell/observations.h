#pragma once
// Internal to the PowerShell importer: what the exports said, before it touches a design.
//
// Reading and applying are separate steps. Every file is read into these observations (one
// object per server, NIC, connector … however many files mention it), and only then are they
// applied to the design. That keeps the import all-or-nothing (a broken file is found before
// anything changes), makes the result independent of the order of the files, and lets each
// field say exactly what was and was not exported: a field that could not be read stays
// empty here and leaves the design's value alone.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::io::powershell::detail {

// One observed value and the file that supplied it.
template <class T>
struct Seen {
    std::optional<T> value;
    std::string file;

    bool has() const { return value.has_value(); }
};

// One address family row of Get-NetIPInterface.
struct InterfaceRow {
    std::optional<bool> dhcp;
    std::optional<bool> weakHostSend;
    std::optional<bool> weakHostReceive;
    std::optional<bool> forwarding;
    std::optional<int> metric;
    std::string file;

    bool operator==(const InterfaceRow& o) const {
        return dhcp == o.dhcp && weakHostSend == o.weakHostSend &&
               weakHostReceive == o.weakHostReceive && forwarding == o.forwarding &&
               metric == o.metric;
    }
};

struct ObservedNic {
    std::string alias;
    std::optional<int> index;
    std::map<net::Address, model::IpAssignment> addresses;  // Get-NetIPAddress, sorted by address
    std::optional<InterfaceRow> ipv4;                       // Get-NetIPInterface
    std::optional<InterfaceRow> ipv6;
    std::vector<net::Address> gateways;  // Get-NetRoute default routes
    bool routesSeen = false;
    std::vector<net::Address> dnsV4;  // Get-DnsClientServerAddress
    std::vector<net::Address> dnsV6;
    bool dnsSeen = false;
    Seen<bool> loopbackAdapter;  // Get-NetAdapter: the KM-TEST loopback adapter
    bool adapterSeen = false;
    std::set<std::string> sources;
};

struct ObservedRoute {
    net::Prefix destination;
    std::optional<net::Address> nextHop;
    std::optional<int> interfaceIndex;
    std::string interfaceAlias;
    int metric = 0;
};

struct ObservedServer {
    std::string name;  // as the exports spell it ("EX2019-01")
    bool nameIsFromExchange = false;
    Seen<std::string> fqdn;
    Seen<model::ExchangeVersion> version;
    Seen<FlagSet<model::ExchangeRole>> roles;
    Seen<std::string> site;
    bool exchangeServerSeen = false;        // a Get-ExchangeServer object
    bool exchangeDataSeen = false;          // named by any Exchange object
    bool receiveConnectorListSeen = false;  // its connectors came from Get-ReceiveConnector
    bool addressesSeen = false;             // Get-NetIPAddress covered it
    bool routesSeen = false;
    std::vector<ObservedNic> nics;
    std::vector<ObservedRoute> staticRoutes;
    std::set<std::string> sources;
};

struct ObservedReceiveConnector {
    std::string serverKey;
    std::string serverName;
    std::string name;
    Seen<model::TransportRole> role;
    Seen<std::vector<net::Binding>> bindings;
    Seen<std::vector<net::IpRange>> remoteIpRanges;
    Seen<FlagSet<model::PermissionGroup>> permissionGroups;
    Seen<FlagSet<model::AuthMechanism>> authMechanism;
    Seen<bool> enabled;
    Seen<std::string> fqdn;
    Seen<std::optional<long long>> maxMessageSize;
    Seen<std::string> comment;
    std::set<std::string> sources;

    std::string label() const { return serverName + "\\" + name; }
};

// The ACEs Get-ADPermission listed for one receive connector.
struct ObservedPermissions {
    std::string serverKey;
    std::string serverName;
    std::string connectorName;
    std::vector<model::AdPermission> aces;
    std::set<std::string> sources;
};

struct ObservedSendConnector {
    std::string name;
    Seen<std::vector<model::AddressSpace>> addressSpaces;
    Seen<std::vector<std::string>> sourceServers;  // server names
    Seen<bool> dnsRoutingEnabled;
    Seen<std::vector<std::string>> smartHosts;
    Seen<int> port;
    Seen<model::SmartHostAuth> smartHostAuth;
    Seen<bool> requireTls;
    Seen<bool> enabled;
    Seen<bool> isScoped;
    Seen<bool> frontendProxy;
    Seen<std::optional<net::Address>> sourceIp;
    Seen<std::string> fqdn;
    Seen<std::optional<long long>> maxMessageSize;
    Seen<std::string> comment;
    std::set<std::string> sources;
};

struct ObservedAcceptedDomain {
    std::string domainName;
    Seen<std::string> name;
    Seen<model::AcceptedDomainType> type;
    Seen<bool> isDefault;
    std::set<std::string> sources;
};

struct ObservedOrganization {
    Seen<std::string> name;
    Seen<std::vector<net::IpRange>> internalSmtpServers;
    std::set<std::string> sources;
};

// Everything read from all files of one import.
struct ImportSet {
    std::map<std::string, ObservedServer> servers;  // key: serverKey(name)
    std::map<std::pair<std::string, std::string>, ObservedReceiveConnector> receiveConnectors;
    std::map<std::pair<std::string, std::string>, ObservedPermissions> permissions;
    std::map<std::string, ObservedSendConnector> sendConnectors;    // key: lowercase name
    std::map<std::string, ObservedAcceptedDomain> acceptedDomains;  // key: lowercase domain
    ObservedOrganization organization;
};

// The key servers are matched by: the short name (before the first dot), lowercase, so that
// "EX2019-01", "ex2019-01" and "ex2019-01.contoso.example" are one server. An IP address is
// kept whole.
std::string serverKey(std::string_view name);

std::string lowercase(std::string_view text);

}  // namespace mailtopo::io::powershell::detail
