#include "core/sim/send_routing.h"
#include "core/dns/dns_name.h"

#include <algorithm>
#include <cctype>

namespace mailtopo::sim {
namespace {

// R27 step 3: how specific an address space is for `domain`; -1 when it does not match.
int specificity(const model::AddressSpace& space, const std::string& domain) {
    if (dns::toLowerAscii(space.type) != "smtp")
        return -1;
    const std::string d = dns::toLowerAscii(space.domain);
    if (d == "*")
        return 0;
    if (d.starts_with("*.")) {
        const std::string base = d.substr(2);
        if (domain == base || (domain.size() > base.size() && domain.ends_with("." + base)))
            return 1 + static_cast<int>(base.size());
        return -1;
    }
    return d == domain ? 100000 : -1;
}

Step sendStep(const model::Id& element, std::string rule, std::string summary,
              std::vector<std::pair<std::string, std::string>> inputs = {}) {
    Step s;
    s.kind = StepKind::SendConnector;
    s.rule = std::move(rule);
    s.element = element;
    s.summary = std::move(summary);
    s.inputs = std::move(inputs);
    return s;
}

}  // namespace

uint16_t intraOrganizationPort(const model::Host& from, const model::Host& to) {
    using model::ExchangeRole;
    using model::ExchangeVersion;
    if (!from.exchange || !to.exchange)
        return 25;
    const auto& x = *from.exchange;
    const auto& y = *to.exchange;
    if (y.roles.contains(ExchangeRole::Edge) || x.roles.contains(ExchangeRole::Edge))
        return 25;
    if (y.version < ExchangeVersion::Ex2013 || x.version < ExchangeVersion::Ex2013)
        return 25;
    const bool frontendOnBox = y.version == ExchangeVersion::Ex2013
                                   ? y.roles.contains(ExchangeRole::ClientAccess)
                                   : y.roles.contains(ExchangeRole::Mailbox);
    return frontendOnBox ? 2525 : 25;
}

std::string hostLabel(const model::Host& host) {
    return host.name.empty() ? host.id : host.name;
}

std::string relayHeloName(const model::Host& host) {
    if (host.smtp && !host.smtp->heloName.empty())
        return host.smtp->heloName;
    return host.fqdn.empty() ? hostLabel(host) : host.fqdn;
}

std::optional<net::Address> primaryAddress(const model::Host& host) {
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& nic : host.nics) {
            if ((pass == 0) == nic.loopbackAdapter)
                continue;
            for (const auto& a : nic.addresses)
                if (!a.skipAsSource || pass == 1)
                    return a.address;
        }
    for (const auto& nic : host.nics)
        if (!nic.addresses.empty())
            return nic.addresses.front().address;
    return std::nullopt;
}

std::optional<net::Address> resolveHostName(const model::DesignLookup& lookup,
                                            const std::string& name, dns::Resolver* dns) {
    if (auto literal = net::Address::parse(name))
        return literal;
    if (const auto* host = lookup.host(name))
        return primaryAddress(*host);
    if (const auto* host = lookup.hostNamed(name))
        return primaryAddress(*host);
    if (const auto* host = lookup.hostWithFqdn(name))
        return primaryAddress(*host);
    if (dns != nullptr) {
        const auto answer = dns->query(name, dns::RRType::A);
        for (const auto* record : answer.ofType(dns::RRType::A))
            if (record->address)
                return record->address;
    }
    return std::nullopt;
}

std::optional<net::Address> resolveHostName(const model::Design& design, const std::string& name,
                                            dns::Resolver* dns) {
    return resolveHostName(model::DesignLookup(design), name, dns);
}

NextHop routeOutbound(const model::DesignLookup& lookup, const model::Host& server,
                      const std::string& recipientDomain, dns::Resolver* dns) {
    NextHop hop;
    hop.sendingServer = server.id;
    const std::string domain = dns::toLowerAscii(recipientDomain);
    const std::string site = server.exchange ? server.exchange->site : std::string();

    // R27: candidates, most specific address space, then cost, then locality, then name.
    struct Candidate {
        const model::SendConnector* connector;
        int specificity;
        int cost;
        int locality;
    };
    std::vector<Candidate> candidates;
    for (const auto& connector : lookup.design().sendConnectors) {
        if (!connector.enabled)
            continue;
        const bool local = lookup.isSourceServer(connector, server.id);
        if (connector.isScopedConnector && !local && !lookup.hasSourceServerInSite(connector, site))
            continue;
        int best = -1, cost = 0;
        for (const auto& space : connector.addressSpaces) {
            const int s = specificity(space, domain);
            if (s > best) {
                best = s;
                cost = space.cost;
            }
        }
        if (best >= 0)
            candidates.push_back({&connector, best, cost, local ? 0 : 1});
    }
    if (candidates.empty()) {
        hop.missing = "a send connector whose address space covers " + domain +
                      " (the message would wait in the Unreachable queue)";
        hop.steps.push_back(sendStep(server.id, "R27", "no send connector covers " + domain));
        return hop;
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        if (a.specificity != b.specificity)
            return a.specificity > b.specificity;
        if (a.cost != b.cost)
            return a.cost < b.cost;
        if (a.locality != b.locality)
            return a.locality < b.locality;
        return dns::toLowerAscii(a.connector->name) < dns::toLowerAscii(b.connector->name);
    });
    const auto& chosen = *candidates.front().connector;
    hop.connector = &chosen;
    hop.steps.push_back(sendStep(chosen.id, "R27",
                                 "send connector '" + chosen.name + "' carries mail for " + domain,
                                 {{"candidates", std::to_string(candidates.size())},
                                  {"cost", std::to_string(candidates.front().cost)}}));

    // R28: the server that opens the connection.
    const model::Host* sender = &server;
    if (!chosen.sourceServerIds.empty() && !lookup.isSourceServer(chosen, server.id)) {
        if (const auto* first = lookup.host(chosen.sourceServerIds.front())) {
            sender = first;
            hop.steps.push_back(sendStep(
                chosen.id, "R28",
                hostLabel(server) + " is not a source server of '" + chosen.name +
                    "': the message moves to " + hostLabel(*first) +
                    " (first listed source server, ASSUMPTION A17), which opens the connection"));
        }
    }
    hop.sendingServer = sender->id;
    if (chosen.sourceIpAddress && !chosen.sourceIpAddress->isUnspecified() && sender->exchange &&
        sender->exchange->roles.contains(model::ExchangeRole::Edge))
        hop.boundSource = chosen.sourceIpAddress;
    hop.port = static_cast<uint16_t>(chosen.port > 0 ? chosen.port : 25);

    // R28: smart host or MX.
    if (!chosen.dnsRoutingEnabled || !chosen.smartHosts.empty()) {
        for (const auto& smartHost : chosen.smartHosts) {
            if (auto address = resolveHostName(lookup, smartHost, dns)) {
                hop.address = address;
                hop.steps.push_back(sendStep(chosen.id, "R28",
                                             "smart host " + smartHost + " = " +
                                                 address->toString() + ":" +
                                                 std::to_string(hop.port)));
                return hop;
            }
        }
        hop.missing = "the address of a smart host of send connector '" + chosen.name + "'";
        return hop;
    }
    if (dns == nullptr) {
        hop.missing = "DNS data for the MX of " + domain;
        return hop;
    }
    const auto mx = dns->query(domain, dns::RRType::MX);
    auto records = mx.ofType(dns::RRType::MX);
    std::stable_sort(records.begin(), records.end(),
                     [](const auto* a, const auto* b) { return a->preference < b->preference; });
    for (const auto* record : records) {
        if (auto address = resolveHostName(lookup, record->target, dns)) {
            hop.address = address;
            hop.steps.push_back(sendStep(chosen.id, "R28",
                                         "MX of " + domain + ": " + record->target +
                                             " (preference " + std::to_string(record->preference) +
                                             ") = " + address->toString()));
            return hop;
        }
    }
    if (records.empty()) {
        // RFC 5321 §5.1: no MX, the domain's address record is the implicit MX.
        if (auto address = resolveHostName(lookup, domain, dns)) {
            hop.address = address;
            hop.steps.push_back(sendStep(chosen.id, "R28",
                                         domain + " has no MX: its A record " +
                                             address->toString() + " is the implicit MX"));
            return hop;
        }
    }
    hop.missing = "an MX or address record for " + domain + " in the design's DNS zones";
    return hop;
}

NextHop routeOutbound(const model::Design& design, const model::Host& server,
                      const std::string& recipientDomain, dns::Resolver* dns) {
    return routeOutbound(model::DesignLookup(design), server, recipientDomain, dns);
}

}  // namespace mailtopo::sim
