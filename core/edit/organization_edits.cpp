// The Exchange organisation's own objects: send connectors (R27, R28) from the three set-ups
// most organisations have, accepted domains, and the InternalSMTPServers list (R30).

#include <algorithm>

#include "core/edit/sub_element_parts.h"
#include "core/net/domain_name.h"
#include "core/sim/send_routing.h"

namespace mailtopo::edit::detail {
namespace {

using model::ExchangeRole;

// SourceTransportServers for a new connector: the organisation's Mailbox servers (2013+)
// and Hub Transport servers (2007/2010). Edge servers send through their own subscription.
std::vector<model::Id> sourceServers(const model::Design& design) {
    std::vector<model::Id> out;
    for (const auto& host : design.hosts) {
        if (!host.exchange || host.exchange->roles.contains(ExchangeRole::Edge))
            continue;
        if (host.exchange->roles.contains(ExchangeRole::Mailbox) ||
            host.exchange->roles.contains(ExchangeRole::HubTransport))
            out.push_back(host.id);
    }
    return out;
}

// A smart host the design draws: the first host of kind smart-host, by the name the
// simulator resolves (R28).
std::optional<std::string> drawnSmartHost(const model::Design& design) {
    for (const auto& host : design.hosts) {
        if (host.kind == model::HostKind::SmartHost)
            return host.fqdn.empty() ? (host.name.empty() ? host.id : host.name) : host.fqdn;
    }
    return std::nullopt;
}

// A partner the design draws: the first domain a partner MTA accepts.
std::optional<std::string> drawnPartnerDomain(const model::Design& design) {
    for (const auto& host : design.hosts) {
        if (host.kind == model::HostKind::Partner && host.smtp && !host.smtp->localDomains.empty())
            return host.smtp->localDomains.front();
    }
    return std::nullopt;
}

bool domainTaken(const model::Design& design, const std::string& domain) {
    const auto& domains = design.organization.acceptedDomains;
    return std::any_of(domains.begin(), domains.end(), [&](const model::AcceptedDomain& d) {
        return asciiLower(d.domainName) == asciiLower(domain);
    });
}

// A forward zone of the design that is not an accepted domain yet, else example.com,
// example2.com … (the palette's DNS zones are named the same way).
std::string defaultDomain(const model::Design& design) {
    for (const auto& zone : design.dnsZones) {
        std::string origin = zone.origin;
        if (origin.ends_with('.'))
            origin.pop_back();
        const std::string lower = asciiLower(origin);
        if (origin.empty() || lower.ends_with(".arpa") || domainTaken(design, origin))
            continue;
        return origin;
    }
    std::string domain = "example.com";
    for (int n = 2; domainTaken(design, domain); ++n)
        domain = "example" + std::to_string(n) + ".com";
    return domain;
}

}  // namespace

AddOutcome addSendConnector(model::Design& design, const std::string& templateKey,
                            const SubElementRequest& request) {
    model::SendConnector connector;
    std::string baseName;
    connector.sourceServerIds = sourceServers(design);
    if (templateKey == "internet") {
        baseName = "Internet";
        connector.addressSpaces = {{"SMTP", "*", 1}};
        connector.comment = "Internet mail by MX lookup (DNS routing).";
    } else if (templateKey == "smart-host") {
        baseName = "Smart Host";
        connector.addressSpaces = {{"SMTP", "*", 1}};
        connector.dnsRoutingEnabled = false;
        const auto drawn = drawnSmartHost(design);
        connector.smartHosts = {drawn.value_or("smarthost.example.net")};
        connector.comment = drawn ? "All outbound mail through the smart host."
                                  : "All outbound mail through a smart host: smarthost.example.net "
                                    "is a placeholder, replace it with the relay's name or IP.";
    } else if (templateKey == "partner") {
        baseName = "Partner";
        const auto drawn = drawnPartnerDomain(design);
        connector.addressSpaces = {{"SMTP", drawn.value_or("partner.example"), 1}};
        connector.requireTls = true;
        connector.comment = drawn ? "Mail to the partner over mandatory TLS."
                                  : "Mail to a partner over mandatory TLS: partner.example is a "
                                    "placeholder, replace it with the partner's domain.";
    } else {
        return refused("template: send-connector has no template '" + templateKey + "'");
    }

    std::set<std::string> namesLower;
    for (const auto& c : design.sendConnectors)
        namesLower.insert(asciiLower(c.name));
    std::string name = request.name;
    if (name.empty())
        name = numberedLabel(baseName, namesLower);
    else if (namesLower.count(asciiLower(name)))
        return refused("name: the organisation already has a send connector '" + name + "'");
    connector.name = name;
    UniqueIds ids(design);
    const std::string tail = slug(name);
    connector.id = ids.id("sc-" + (tail.empty() ? std::string("connector") : tail));
    design.sendConnectors.push_back(connector);
    ChangeSet changes;
    changes.insert(connector.id);
    return added(connector.id, name, changes);
}

AddOutcome addAcceptedDomain(model::Design& design, const SubElementRequest& request) {
    const std::string domain = request.name.empty() ? defaultDomain(design) : request.name;
    std::string why;
    if (!net::isValidDomainName(domain, true, false, why))
        return refused("name: '" + domain + "' is not a domain name: " + why);
    if (domainTaken(design, domain))
        return refused("name: " + domain + " is already an accepted domain");
    model::AcceptedDomain accepted;
    accepted.name = domain;
    accepted.domainName = domain;
    // An organisation has exactly one default domain; the first one added is it.
    accepted.isDefault = design.organization.acceptedDomains.empty();
    UniqueIds ids(design);
    accepted.id = ids.id("ad-" + slug(domain));
    design.organization.acceptedDomains.push_back(accepted);
    ChangeSet changes;
    changes.insert(accepted.id);
    return added(accepted.id, domain, changes);
}

AddOutcome addInternalSmtpServer(model::Design& design, const SubElementRequest& request) {
    auto& list = design.organization.internalSmtpServers;
    const auto listed = [&](const net::IpRange& range) {
        return std::any_of(list.begin(), list.end(), [&](const net::IpRange& r) {
            return r.first() == range.first() && r.last() == range.last();
        });
    };
    std::optional<net::IpRange> range;
    if (request.name.empty()) {
        // The hosts InternalSMTPServers is for: mail gateways in front of Exchange, whose
        // Received header anti-spam must look behind (R30).
        for (const auto& host : design.hosts) {
            if (host.kind != model::HostKind::MailGateway)
                continue;
            const auto address = sim::primaryAddress(host);
            if (address && !listed(net::IpRange::single(*address))) {
                range = net::IpRange::single(*address);
                break;
            }
        }
        if (!range)
            return refused(
                "name: no mail gateway with an address is left to list; give the "
                "address or range (e.g. 172.16.10.25)");
    } else {
        std::string why;
        range = net::IpRange::parse(request.name, &why);
        if (!range)
            return refused("name: " + why);
        if (listed(*range))
            return refused("name: " + range->toString() + " is already in InternalSMTPServers");
    }
    list.push_back(*range);
    ChangeSet changes;
    changes.change(std::string(kOrganizationId));
    return added(std::string(kOrganizationId), range->toString(), changes);
}

}  // namespace mailtopo::edit::detail
