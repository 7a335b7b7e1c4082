#pragma once
// Hosts that speak SMTP: Exchange servers and every other kind of mail host.
// One struct for both, because the network stack (NICs, routes, host firewall) is the
// same; the kind-specific behaviour sits in the optional `exchange` / `smtp` parts.

#include <optional>
#include <string>
#include <vector>

#include "core/model/enums.h"
#include "core/model/network.h"
#include "core/net/ip_range.h"

namespace mailtopo::model {

// Exchange anti-spam settings the simulator reads (R30–R32).
struct AntiSpam {
    bool agentsInstalled = false;  // Install-AntiSpamAgents.ps1 (always on Edge)
    bool senderIdEnabled = true;
    SenderIdAction senderIdSpoofedAction = SenderIdAction::StampStatus;
    SenderIdAction senderIdTempErrorAction = SenderIdAction::StampStatus;
    std::vector<net::IpRange> ipAllowList;  // connection filtering (Edge)
    std::vector<net::IpRange> ipBlockList;
    std::vector<std::string> blockListProviders;  // names of DNSBL zones consulted (informational)

    bool operator==(const AntiSpam&) const = default;
};

struct ExchangeProperties {
    ExchangeVersion version = ExchangeVersion::Ex2019;
    FlagSet<ExchangeRole> roles{ExchangeRole::Mailbox};
    std::string site = "Default-First-Site-Name";  // AD site, for send connector scoping (R27)
    AntiSpam antiSpam;
    // Exchange creates its default receive connectors itself (R18). When true, the simulator
    // assumes they exist as in the table even if the design lists none.
    bool implicitDefaultConnectors = true;

    bool operator==(const ExchangeProperties&) const = default;
};

// Behaviour of a non-Exchange SMTP host. A host may both accept mail (ports non-empty)
// and send it (submitTo / nextHops).
struct SmtpProperties {
    std::vector<uint16_t> listenPorts;      // empty: not an SMTP server
    std::vector<std::string> localDomains;  // domains it accepts for final delivery or forwarding
    std::vector<net::IpRange> relayFrom;    // clients allowed to relay through it (ISP relay)
    std::vector<std::string> nextHops;  // where accepted mail is forwarded: "IP[:port]" or host id
    std::string submitTo;               // an application client's configured server "IP[:port]"
    std::string heloName;
    std::string mailFrom;            // the sender address the host uses
    bool addsReceivedHeader = true;  // a gateway stamps Received: from … [client IP] (R30)
    bool requireTls = false;

    bool operator==(const SmtpProperties&) const = default;
};

// Windows Firewall on the host itself (R11 step 6): when enabled with a non-empty list,
// inbound SMTP is only allowed to these local addresses.
struct HostFirewall {
    bool enabled = false;
    std::vector<net::IpRange> smtpLocalAddresses;

    bool operator==(const HostFirewall&) const = default;
};

struct Host {
    Id id;
    std::string name;  // NetBIOS/short name, also the PowerShell Server / PSComputerName
    std::string fqdn;
    HostKind kind = HostKind::ExchangeServer;
    OperatingSystem os = OperatingSystem::Windows2019;
    std::vector<Nic> nics;
    std::vector<Route> routes;  // persistent routes beyond the per-NIC default gateways
    HostFirewall firewall;
    std::optional<ExchangeProperties> exchange;  // present iff kind == ExchangeServer
    std::optional<SmtpProperties> smtp;          // present for the other kinds
    std::string description;

    bool isExchange() const { return kind == HostKind::ExchangeServer; }
    bool isWindows() const {
        return os <= OperatingSystem::Windows2025;  // the Windows entries come first
    }

    bool operator==(const Host&) const = default;
};

}  // namespace mailtopo::model
