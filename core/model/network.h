#pragma once
// Layer 2/3 pieces of a design: segments, interfaces with their addresses, routes.
// Windows-specific interface flags live on Nic because the simulator's host stack
// (source selection R2, host models R4/R5, route choice R6) reads them directly.

#include <optional>
#include <string>
#include <vector>

#include "core/model/enums.h"
#include "core/net/address.h"
#include "core/net/prefix.h"

namespace mailtopo::model {

using Id = std::string;

// An L2 broadcast domain (VLAN). Hosts on one segment reach each other without a router;
// DSR (R11) requires the load balancer and its members to share one.
struct Segment {
    Id id;
    std::string name;
    SegmentKind kind = SegmentKind::Lan;
    std::vector<net::Prefix> subnets;  // the IP subnets carried on this segment
    std::string description;

    bool operator==(const Segment&) const = default;
};

// One unicast address on an interface, as Get-NetIPAddress reports it.
struct IpAssignment {
    net::Address address;
    int prefixLength = 24;
    bool skipAsSource = false;  // R3: excluded from automatic source selection and DNS registration
    AddressOrigin origin = AddressOrigin::Manual;

    net::Prefix prefix() const { return net::Prefix(address, prefixLength); }

    bool operator==(const IpAssignment&) const = default;
};

// A static or connected route. An empty nextHop means on-link.
struct Route {
    net::Prefix destination;
    std::optional<net::Address> nextHop;
    Id interfaceId;  // the NIC / device interface the route leaves through
    int metric = 0;  // route metric; Windows adds the interface metric (R6)

    bool operator==(const Route&) const = default;
};

// A host's network adapter (Windows NIC, Linux interface, KM-TEST loopback adapter).
struct Nic {
    Id id;
    std::string alias;       // InterfaceAlias, e.g. "Ethernet0" or "MAPI"
    int interfaceIndex = 0;  // InterfaceIndex; final tie-break of R6
    Id segmentId;            // empty for a loopback adapter
    std::vector<IpAssignment> addresses;
    std::vector<net::Address> gateways;  // default gateways (IPv4 and/or IPv6)
    std::vector<net::Address> dnsServers;
    int interfaceMetric = 0;  // 0 = automatic (Windows derives it from link speed)
    bool dhcp = false;
    bool weakHostSend = false;     // R5, default Disabled on 2008+
    bool weakHostReceive = false;  // R4, default Disabled on 2008+
    bool forwarding = false;       // R4
    bool registerInDns = true;     // R3
    bool loopbackAdapter =
        false;  // "Microsoft KM-TEST Loopback Adapter": ARP-silent, for DSR VIPs (R11)

    bool operator==(const Nic&) const = default;
};

// A router, load balancer or firewall interface. Zones are used by firewalls only.
struct DeviceInterface {
    Id id;
    std::string name;
    Id segmentId;
    std::vector<IpAssignment> addresses;
    std::string zone;

    bool operator==(const DeviceInterface&) const = default;
};

// A plain IP router: forwards between its interfaces, keeps no state.
struct Router {
    Id id;
    std::string name;
    std::vector<DeviceInterface> interfaces;
    std::vector<Route> routes;
    std::string description;

    bool operator==(const Router&) const = default;
};

}  // namespace mailtopo::model
