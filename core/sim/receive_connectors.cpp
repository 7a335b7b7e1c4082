#include "core/sim/receive_connectors.h"

#include <algorithm>

#include "core/dns/dns_name.h"
#include "core/util/enum_text.h"

namespace mailtopo::sim {
namespace {

using model::AuthMechanism;
using model::ExchangeRole;
using model::ExchangeVersion;
using model::PermissionGroup;
using model::TransportRole;

struct DefaultRow {
    std::string base;  // Exchange's name without the server's: "Default Frontend"
    TransportRole role;
    uint16_t port;
    bool ipv6;
    FlagSet<AuthMechanism> auth;
    FlagSet<PermissionGroup> groups;
};

std::vector<DefaultRow> defaultRows(const model::Host& host) {
    const auto& exchange = *host.exchange;
    const auto& roles = exchange.roles;
    const FlagSet<AuthMechanism> full{AuthMechanism::Tls, AuthMechanism::BasicAuth,
                                      AuthMechanism::BasicAuthRequireTLS,
                                      AuthMechanism::ExchangeServer, AuthMechanism::Integrated};
    std::vector<DefaultRow> rows;
    if (roles.contains(ExchangeRole::Edge)) {
        rows.push_back({"Default internal receive connector",
                        TransportRole::FrontendTransport,
                        25,
                        false,
                        {AuthMechanism::Tls, AuthMechanism::ExchangeServer},
                        {PermissionGroup::AnonymousUsers, PermissionGroup::ExchangeServers,
                         PermissionGroup::Partners}});
    } else if (exchange.version >= ExchangeVersion::Ex2013) {
        const bool frontend = exchange.version == ExchangeVersion::Ex2013
                                  ? roles.contains(ExchangeRole::ClientAccess)
                                  : roles.contains(ExchangeRole::Mailbox);
        const bool mailbox = roles.contains(ExchangeRole::Mailbox);
        if (frontend) {
            rows.push_back({"Default Frontend",
                            TransportRole::FrontendTransport,
                            25,
                            true,
                            full,
                            {PermissionGroup::AnonymousUsers, PermissionGroup::ExchangeServers,
                             PermissionGroup::ExchangeLegacyServers}});
            rows.push_back({"Client Frontend",
                            TransportRole::FrontendTransport,
                            587,
                            true,
                            {AuthMechanism::Tls, AuthMechanism::BasicAuth,
                             AuthMechanism::BasicAuthRequireTLS, AuthMechanism::Integrated},
                            {PermissionGroup::ExchangeUsers}});
            rows.push_back({"Outbound Proxy Frontend",
                            TransportRole::FrontendTransport,
                            717,
                            true,
                            full,
                            {PermissionGroup::ExchangeServers}});
        }
        if (mailbox) {
            rows.push_back({"Client Proxy",
                            TransportRole::HubTransport,
                            465,
                            true,
                            full,
                            {PermissionGroup::ExchangeServers, PermissionGroup::ExchangeUsers}});
            rows.push_back({"Default",
                            TransportRole::HubTransport,
                            static_cast<uint16_t>(frontend ? 2525 : 25),
                            true,
                            {AuthMechanism::Tls, AuthMechanism::BasicAuth,
                             AuthMechanism::ExchangeServer, AuthMechanism::Integrated},
                            {PermissionGroup::ExchangeLegacyServers,
                             PermissionGroup::ExchangeServers, PermissionGroup::ExchangeUsers}});
            // The Mailbox Transport Delivery service's hidden listener (R18). It is a third
            // service; the HubTransport role stands in because no connector shares port 475.
            rows.push_back({"Mailbox Delivery",
                            TransportRole::HubTransport,
                            475,
                            true,
                            {AuthMechanism::ExchangeServer},
                            {PermissionGroup::ExchangeServers}});
        }
    } else if (exchange.version == ExchangeVersion::Ex2003) {
        // Exchange 2000/2003 have no receive connectors: the IIS SMTP virtual server listens on
        // 25, takes anonymous mail for its domains and relays only for authenticated clients
        // unless an SMTP connector allows relaying to its address space (R29).
        rows.push_back({"Default SMTP Virtual Server",
                        TransportRole::FrontendTransport,
                        25,
                        false,
                        {AuthMechanism::Tls, AuthMechanism::BasicAuth, AuthMechanism::Integrated,
                         AuthMechanism::ExchangeServer},
                        {PermissionGroup::AnonymousUsers, PermissionGroup::ExchangeServers,
                         PermissionGroup::ExchangeLegacyServers}});
    } else if (exchange.version >= ExchangeVersion::Ex2007 &&
               roles.contains(ExchangeRole::HubTransport)) {
        rows.push_back({"Default",
                        TransportRole::HubTransport,
                        25,
                        false,
                        full,
                        {PermissionGroup::ExchangeUsers, PermissionGroup::ExchangeServers,
                         PermissionGroup::ExchangeLegacyServers}});
        rows.push_back({"Client",
                        TransportRole::HubTransport,
                        587,
                        false,
                        full,
                        {PermissionGroup::ExchangeUsers}});
    }
    return rows;
}

// "Default Frontend" -> "default-frontend": the part of the connector's id after the host id.
std::string idSuffix(const std::string& base) {
    std::string out;
    for (char c : base)
        out += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool lessIgnoreCase(const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) <
               std::tolower(static_cast<unsigned char>(y));
    });
}

}  // namespace

std::vector<model::ReceiveConnector> defaultReceiveConnectors(const model::Host& host) {
    std::vector<model::ReceiveConnector> out;
    if (!host.exchange)
        return out;
    const std::string serverName = host.name.empty() ? host.id : host.name;
    for (auto& row : defaultRows(host)) {
        model::ReceiveConnector connector;
        connector.id = host.id + "-" + idSuffix(row.base);
        connector.serverId = host.id;
        connector.name = row.base + " " + serverName;
        connector.transportRole = row.role;
        connector.bindings.emplace_back(net::Address::lowest(net::Family::V4), row.port);
        connector.remoteIpRanges.push_back(net::IpRange::allV4());
        if (row.ipv6) {
            connector.bindings.emplace_back(net::Address::lowest(net::Family::V6), row.port);
            connector.remoteIpRanges.push_back(net::IpRange::allV6());
        }
        connector.authMechanism = row.auth;
        connector.permissionGroups = row.groups;
        connector.fqdn = host.fqdn;
        connector.comment = "implicit default connector (R18)";
        out.push_back(std::move(connector));
    }
    return out;
}

namespace {

// The defaults of `host` that none of `declared` (its declared connectors) stands for.
std::vector<model::ReceiveConnector> implicitAmong(
    const model::Host& host, const std::vector<const model::ReceiveConnector*>& declared) {
    std::vector<model::ReceiveConnector> out;
    if (!host.exchange || !host.exchange->implicitDefaultConnectors)
        return out;
    for (auto& implicit : defaultReceiveConnectors(host)) {
        const bool named = std::any_of(declared.begin(), declared.end(), [&](const auto* c) {
            return dns::equalsIgnoreCase(c->name, implicit.name);
        });
        if (!named)
            out.push_back(std::move(implicit));
    }
    return out;
}

}  // namespace

std::vector<model::ReceiveConnector> implicitReceiveConnectors(const model::Design& design,
                                                               const model::Host& host) {
    std::vector<const model::ReceiveConnector*> declared;
    for (const auto& connector : design.receiveConnectors)
        if (connector.serverId == host.id)
            declared.push_back(&connector);
    return implicitAmong(host, declared);
}

std::optional<ImplicitConnector> findImplicitReceiveConnector(const model::Design& design,
                                                              std::string_view id) {
    for (const auto& host : design.hosts) {
        // Cheap filter first: an implicit connector's id starts with its host's id and a dash.
        if (!host.exchange || id.size() <= host.id.size() || !id.starts_with(host.id) ||
            id[host.id.size()] != '-')
            continue;
        for (auto& implicit : implicitReceiveConnectors(design, host))
            if (implicit.id == id)
                return ImplicitConnector{&host, std::move(implicit)};
    }
    return std::nullopt;
}

ReceiveConnectorTable::ReceiveConnectorTable(const model::Design& design) {
    std::map<model::Id, std::vector<const model::ReceiveConnector*>> declared;
    for (const auto& connector : design.receiveConnectors) {
        connectors_[connector.serverId].push_back(connector);
        declared[connector.serverId].push_back(&connector);
    }
    for (const auto& host : design.hosts) {
        for (auto& implicit : implicitAmong(host, declared[host.id]))
            connectors_[host.id].push_back(std::move(implicit));
    }
}

const std::vector<model::ReceiveConnector>& ReceiveConnectorTable::of(
    const model::Id& server) const {
    static const std::vector<model::ReceiveConnector> none;
    auto it = connectors_.find(server);
    return it == connectors_.end() ? none : it->second;
}

const ReceiveConnectorTable::Listener& ReceiveConnectorTable::listener(const model::Id& server,
                                                                       const net::Address& local,
                                                                       uint16_t port) const {
    const auto& connectors = of(server);
    auto key = std::make_tuple(static_cast<const void*>(&connectors), local, port);
    const std::lock_guard lock(listenersMutex_);
    auto it = listeners_.find(key);
    if (it != listeners_.end())
        return *it->second;
    auto built = std::make_unique<Listener>();
    bool frontend = false, hub = false;
    for (const auto& connector : connectors) {
        if (!connector.enabled)
            continue;
        const bool binds =
            std::any_of(connector.bindings.begin(), connector.bindings.end(),
                        [&](const net::Binding& b) { return b.covers(local, port); });
        if (!binds)
            continue;
        built->candidates.push_back(&connector);
        frontend = frontend || connector.transportRole == TransportRole::FrontendTransport;
        hub = hub || connector.transportRole == TransportRole::HubTransport;
    }
    if (frontend && hub) {
        // R19(b) forced anyway: both services contend for the port. The simulator follows the
        // FrontendTransport branch (tests must not depend on it).
        built->nondeterministic = true;
        std::erase_if(built->candidates, [](const model::ReceiveConnector* c) {
            return c->transportRole != TransportRole::FrontendTransport;
        });
    }
    std::vector<net::RangeIndex::Entry> entries;
    for (uint32_t i = 0; i < built->candidates.size(); ++i)
        for (const auto& range : built->candidates[i]->remoteIpRanges)
            entries.push_back({range, i});
    built->index = net::RangeIndex(std::move(entries));
    auto& stored = *built;
    listeners_.emplace(std::move(key), std::move(built));
    return stored;
}

bool ReceiveConnectorTable::listens(const model::Id& server, const net::Address& local,
                                    uint16_t port) const {
    return !listener(server, local, port).candidates.empty();
}

ConnectorMatch ReceiveConnectorTable::choose(const model::Id& server, const net::Address& local,
                                             uint16_t port, const net::Address& seenSource) const {
    ConnectorMatch match;
    const Listener& l = listener(server, local, port);
    match.anyBound = !l.candidates.empty();
    match.nondeterministic = l.nondeterministic;
    const auto hits = l.index.mostSpecific(seenSource);
    if (hits.empty())
        return match;
    const auto& entries = l.index.entries();
    const auto* first = l.candidates[entries[hits.front()].payload];
    const bool single = std::all_of(hits.begin(), hits.end(), [&](uint32_t hit) {
        return l.candidates[entries[hit].payload] == first;
    });
    if (single) {  // the common case: one connector holds the most specific entry
        match.connector = first;
        match.matchedRange = &entries[hits.front()].range;
        return match;
    }
    for (uint32_t hit : hits) {
        const auto* connector = l.candidates[entries[hit].payload];
        if (std::find(match.tied.begin(), match.tied.end(), connector) == match.tied.end())
            match.tied.push_back(connector);
    }
    std::sort(match.tied.begin(), match.tied.end(),
              [](const auto* a, const auto* b) { return lessIgnoreCase(a->name, b->name); });
    auto specific = [&](const model::ReceiveConnector* c) {
        return std::any_of(c->bindings.begin(), c->bindings.end(), [&](const net::Binding& b) {
            return !b.isWildcard() && b.covers(local, port);
        });
    };
    std::vector<const model::ReceiveConnector*> best = match.tied;
    if (std::any_of(best.begin(), best.end(), specific)) {
        std::erase_if(best, [&](const model::ReceiveConnector* c) { return !specific(c); });
        match.reason = "tie on range size broken by the specific binding " + local.toString() +
                       ":" + std::to_string(port) + " (ASSUMPTION A13)";
    }
    if (best.size() > 1) {
        std::sort(best.begin(), best.end(),
                  [](const auto* a, const auto* b) { return lessIgnoreCase(a->name, b->name); });
        match.ambiguous = true;
        match.reason =
            "still tied after the binding tie-break: the lowest name wins "
            "(AMBIGUOUS_CONNECTOR)";
    }
    match.connector = best.front();
    for (uint32_t hit : hits)
        if (l.candidates[entries[hit].payload] == match.connector) {
            match.matchedRange = &entries[hit].range;
            break;
        }
    return match;
}

}  // namespace mailtopo::sim
