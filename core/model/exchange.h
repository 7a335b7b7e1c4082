#pragma once
// Exchange organisation objects: receive and send connectors, their AD permissions,
// the org-wide transport config and accepted domains. Field names follow the cmdlets
// (Get-ReceiveConnector, Get-SendConnector, Get-TransportConfig, Get-AcceptedDomain).

#include <optional>
#include <string>
#include <vector>

#include "core/model/enums.h"
#include "core/model/network.h"
#include "core/net/binding.h"
#include "core/net/ip_range.h"

namespace mailtopo::model {

// One explicit ACE on a receive connector (Add-ADPermission / Get-ADPermission).
struct AdPermission {
    std::string
        user;  // e.g. "NT AUTHORITY\ANONYMOUS LOGON", "MS Exchange\Externally Secured Servers"
    FlagSet<ExtendedRight> extendedRights;
    bool deny = false;
    bool inherited = false;

    bool operator==(const AdPermission&) const = default;
};

struct ReceiveConnector {
    Id id;
    Id serverId;
    std::string name;  // without the "SERVER\" prefix
    TransportRole transportRole = TransportRole::FrontendTransport;
    std::vector<net::Binding> bindings;
    std::vector<net::IpRange> remoteIpRanges;
    FlagSet<PermissionGroup> permissionGroups;
    FlagSet<AuthMechanism> authMechanism;
    std::vector<AdPermission> permissions;
    bool enabled = true;
    std::string fqdn;
    std::optional<long long> maxMessageSizeBytes;
    std::string comment;

    bool operator==(const ReceiveConnector&) const = default;
};

struct AddressSpace {
    std::string type = "SMTP";
    std::string domain = "*";  // "contoso.com", "*.contoso.com" or "*"
    int cost = 1;

    bool operator==(const AddressSpace&) const = default;
};

struct SendConnector {
    Id id;
    std::string name;
    std::vector<AddressSpace> addressSpaces;
    std::vector<Id> sourceServerIds;  // SourceTransportServers (host ids)
    bool dnsRoutingEnabled = true;
    std::vector<std::string> smartHosts;  // host names or IPs, in order
    int port = 25;
    SmartHostAuth smartHostAuthMechanism = SmartHostAuth::None;
    bool requireTls = false;
    bool enabled = true;
    bool isScopedConnector = false;
    bool frontendProxyEnabled = false;
    std::optional<net::Address> sourceIpAddress;  // Edge only (R2 step 1, R28)
    std::string fqdn;
    std::optional<long long> maxMessageSizeBytes;
    // Exchange 2000/2003 SMTP connector "Allow messages to be relayed to these domains" (R29).
    bool legacyAllowRelayToAddressSpaces = false;
    std::string comment;

    bool operator==(const SendConnector&) const = default;
};

struct AcceptedDomain {
    Id id;
    std::string name;
    std::string domainName;  // "contoso.example" or "*.contoso.example"
    AcceptedDomainType type = AcceptedDomainType::Authoritative;
    bool isDefault = false;

    bool operator==(const AcceptedDomain&) const = default;
};

struct Organization {
    std::string name;
    std::vector<AcceptedDomain> acceptedDomains;
    std::vector<net::IpRange> internalSmtpServers;  // Get-TransportConfig InternalSMTPServers (R30)

    bool operator==(const Organization&) const = default;
};

}  // namespace mailtopo::model
