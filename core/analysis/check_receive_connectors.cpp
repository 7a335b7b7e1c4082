// Receive connectors one at a time (R19 c–e, R20): a server that runs Exchange, bindings on
// addresses the server owns, non-empty bindings and RemoteIPRanges, valid AuthMechanism
// combinations, permission groups that grant something. Checks between connectors (R19 a–b)
// are in check_connector_overlaps.cpp.

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"

namespace mailtopo::analysis::detail {
namespace {

using model::AuthMechanism;
using model::PermissionGroup;

struct ConnectorContext {
    const DesignIndex& index;
    FindingSink& sink;
    const model::ReceiveConnector& connector;
    const model::Host* server;  // null when the server id dangles
    std::string base;           // /receiveConnectors/i
    std::string identity;       // EX16\Relay

    std::string setCommand() const { return "Set-ReceiveConnector " + psString(identity); }
};

// An address of the server a binding could move to: same family, not link-local, preferably
// one that is used as a source (a SkipAsSource address is usually dedicated to something).
std::optional<net::Address> replacementAddress(const model::Host& server, net::Family family) {
    std::optional<net::Address> fallback;
    for (const auto& nic : server.nics) {
        for (const auto& assignment : nic.addresses) {
            const net::Address& a = assignment.address;
            if (a.family() != family || a.isLinkLocal())
                continue;
            if (!assignment.skipAsSource && !nic.loopbackAdapter)
                return a;
            if (!fallback)
                fallback = a;
        }
    }
    return fallback;
}

// The NIC whose subnet holds `address`, where adding it would make sense.
const model::Nic* nicForAddress(const model::Host& server, const net::Address& address) {
    for (const auto& nic : server.nics) {
        for (const auto& assignment : nic.addresses) {
            if (assignment.prefixLength >= 1 && assignment.prefixLength <= address.bitWidth() &&
                assignment.address.family() == address.family() &&
                assignment.prefix().contains(address)) {
                return &nic;
            }
        }
    }
    return nullptr;
}

void checkServer(const ConnectorContext& c) {
    if (c.server == nullptr || c.server->isExchange())
        return;
    c.sink.report(checks::kConnectorOnNonExchangeHost,
                  {.message = "receive connector " + c.identity + " belongs to host " +
                              hostLabel(*c.server) + ", which is not an Exchange server (kind " +
                              std::string(enumName(c.server->kind)) + ")",
                   .elements = {c.connector.id, c.server->id},
                   .pointer = c.base + "/server",
                   .remediation = "Assign the connector to an Exchange server, or describe " +
                                  hostLabel(*c.server) +
                                  "'s listener with its SMTP properties (listenPorts, relayFrom) "
                                  "and delete the connector."});
}

void checkBindings(const ConnectorContext& c) {
    const auto& bindings = c.connector.bindings;
    if (bindings.empty()) {
        c.sink.report(checks::kReceiveConnectorNoBindings,
                      {.message = "receive connector " + c.identity + " has no bindings",
                       .elements = {c.connector.id},
                       .pointer = c.base + "/bindings",
                       .remediation = c.setCommand() + " -Bindings \"0.0.0.0:25\""});
        return;
    }
    // A disabled connector opens no listener, so its bindings cannot stop the service.
    if (c.server == nullptr || !c.connector.enabled)
        return;
    for (size_t k = 0; k < bindings.size(); ++k) {
        const net::Binding& binding = bindings[k];
        if (binding.isWildcard() || hostOwnsAddress(*c.server, binding.address()))
            continue;
        const std::string serverName = hostLabel(*c.server);
        std::string remediation;
        if (const auto other = replacementAddress(*c.server, binding.address().family())) {
            std::vector<net::Binding> fixed = bindings;
            fixed[k] = net::Binding(*other, binding.port());
            remediation = "Bind to an address " + serverName + " has: " + c.setCommand() +
                          " -Bindings " + bindingList(fixed);
        } else {
            remediation = "Bind to the wildcard: " + c.setCommand() + " -Bindings " +
                          psString(net::Binding(net::Address::lowest(binding.address().family()),
                                                binding.port())
                                       .toString());
        }
        if (const model::Nic* nic = nicForAddress(*c.server, binding.address())) {
            int length = 24;
            for (const auto& a : nic->addresses) {
                if (a.address.family() == binding.address().family())
                    length = a.prefixLength;
            }
            remediation += "; or give " + serverName +
                           " the address: New-NetIPAddress -InterfaceAlias " +
                           psString(nic->alias.empty() ? nic->id : nic->alias) + " -IPAddress " +
                           binding.address().toString() + " -PrefixLength " +
                           std::to_string(length) + " -SkipAsSource $true";
        }
        c.sink.report(
            checks::kBindingAddressAbsent,
            {.message = "receive connector " + c.identity + " binds " + binding.toString() +
                        ", but " + serverName + " has no address " + binding.address().toString() +
                        "; its transport service would fail to start (SERVICE_DOWN)",
             .elements = {c.connector.id, c.server->id},
             .pointer = indexed(c.base, "bindings", k),
             .remediation = remediation});
    }
}

void checkRanges(const ConnectorContext& c) {
    if (!c.connector.remoteIpRanges.empty())
        return;
    c.sink.report(
        checks::kReceiveConnectorNoRemoteRanges,
        {.message = "receive connector " + c.identity +
                    " has no RemoteIPRanges, so no client can ever be matched to it",
         .elements = {c.connector.id},
         .pointer = c.base + "/remoteIpRanges",
         .remediation = c.setCommand() + " -RemoteIPRanges <the client addresses it serves, e.g. "
                                         "\"10.0.0.60\">"});
}

void checkAuthMechanism(const ConnectorContext& c) {
    const auto& auth = c.connector.authMechanism;
    const auto& groups = c.connector.permissionGroups;
    const std::string authPointer = c.base + "/authMechanism";
    if (auth.contains(AuthMechanism::None) && auth.size() > 1) {
        const auto others = auth.minus({AuthMechanism::None});
        c.sink.report(checks::kAuthNoneCombined,
                      {.message = "receive connector " + c.identity +
                                  " combines AuthMechanism None with " + flagList(others),
                       .elements = {c.connector.id},
                       .pointer = authPointer,
                       .remediation = c.setCommand() + " -AuthMechanism " + flagList(others) +
                                      " (or -AuthMechanism None for no authentication at all)"});
    }
    if (auth.contains(AuthMechanism::BasicAuthRequireTLS) &&
        (!auth.contains(AuthMechanism::BasicAuth) || !auth.contains(AuthMechanism::Tls))) {
        auto fixed = auth;
        fixed.insert(AuthMechanism::BasicAuth);
        fixed.insert(AuthMechanism::Tls);
        fixed.erase(AuthMechanism::None);
        std::string missing;
        if (!auth.contains(AuthMechanism::BasicAuth))
            missing = "BasicAuth";
        if (!auth.contains(AuthMechanism::Tls))
            missing += missing.empty() ? "Tls" : " and Tls";
        c.sink.report(
            checks::kAuthBasicRequireTlsIncomplete,
            {.message = "receive connector " + c.identity + " sets BasicAuthRequireTLS without " +
                        missing + " (AuthMechanism " + flagList(auth) + ")",
             .elements = {c.connector.id},
             .pointer = authPointer,
             .remediation = c.setCommand() + " -AuthMechanism " + flagList(fixed)});
    }
    if (auth.contains(AuthMechanism::ExternalAuthoritative)) {
        const auto extra = auth.minus({AuthMechanism::ExternalAuthoritative, AuthMechanism::Tls});
        const bool groupsRight =
            groups == FlagSet<PermissionGroup>{PermissionGroup::ExchangeServers};
        if (!extra.empty() || !groupsRight) {
            std::string problem;
            if (!extra.empty())
                problem = "combines it with " + flagList(extra) + " (only Tls is allowed)";
            if (!groupsRight) {
                if (!problem.empty())
                    problem += " and ";
                problem += "has PermissionGroups " +
                           (groups.empty() ? std::string("(none)") : flagList(groups)) +
                           " instead of exactly ExchangeServers";
            }
            auto fixed = auth.minus(extra);
            c.sink.report(checks::kAuthExternalAuthoritativeInvalid,
                          {.message = "receive connector " + c.identity +
                                      " uses ExternalAuthoritative but " + problem,
                           .elements = {c.connector.id},
                           .pointer = extra.empty() ? c.base + "/permissionGroups" : authPointer,
                           .remediation = c.setCommand() + " -AuthMechanism " + flagList(fixed) +
                                          " -PermissionGroups ExchangeServers"});
        }
    }
}

void checkPermissionGroups(const ConnectorContext& c) {
    const auto& groups = c.connector.permissionGroups;
    if (!groups.minus({PermissionGroup::None, PermissionGroup::Custom}).empty())
        return;
    for (const auto& ace : c.connector.permissions) {
        if (!ace.deny && !ace.extendedRights.empty())
            return;
    }
    const std::string groupsText =
        groups.empty() ? "no PermissionGroups" : "PermissionGroups " + flagList(groups);
    c.sink.report(
        checks::kPermissionGroupsGrantNothing,
        {.message = "receive connector " + c.identity + " has " + groupsText +
                    " and no explicit allow ACE, so every MAIL FROM on it fails (530 5.7.1)",
         .elements = {c.connector.id},
         .pointer = groups.empty() ? c.base : c.base + "/permissionGroups",
         .remediation = "Grant what the connector is for, e.g. " + c.setCommand() +
                        " -PermissionGroups AnonymousUsers, or Get-ReceiveConnector " +
                        psString(c.identity) +
                        " | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" "
                        "-ExtendedRights ms-Exch-SMTP-Submit"});
}

}  // namespace

void checkReceiveConnectors(const DesignIndex& index, FindingSink& sink) {
    const auto& connectors = index.design().receiveConnectors;
    for (size_t i = 0; i < connectors.size(); ++i) {
        const ConnectorContext c{index,
                                 sink,
                                 connectors[i],
                                 index.host(connectors[i].serverId),
                                 indexed("", "receiveConnectors", i),
                                 connectorIdentity(index, connectors[i])};
        checkServer(c);
        checkBindings(c);
        checkRanges(c);
        checkAuthMechanism(c);
        checkPermissionGroups(c);
    }
}

}  // namespace mailtopo::analysis::detail
