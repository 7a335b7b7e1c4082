#include "core/sim/onward_routing.h"

#include "core/sim/smtp_session.h"

namespace mailtopo::sim {
namespace {

using model::AcceptedDomainType;
using model::ExchangeRole;
using model::ExchangeVersion;

bool isEdge(const model::Host& host) {
    return host.exchange && host.exchange->roles.contains(ExchangeRole::Edge);
}

// The server puts mail for its organisation's mailboxes into the store itself: a Mailbox
// server (2003, or 2013+ whose Transport service delivers over 475), or a 2007/2010 Hub
// Transport server, which delivers to the Mailbox role over RPC rather than SMTP.
bool deliversToMailboxes(const model::Host& host) {
    if (!host.exchange || isEdge(host))
        return false;
    return host.exchange->roles.contains(ExchangeRole::Mailbox) ||
           host.exchange->roles.contains(ExchangeRole::HubTransport);
}

// A server an Edge subscription or a 2013 Client Access server hands inbound mail to: one
// running the Transport service (2013+ Mailbox) or the Hub Transport role (2007/2010).
bool runsOrganisationTransport(const model::Host& host) {
    if (!host.exchange || isEdge(host))
        return false;
    const auto& x = *host.exchange;
    return x.roles.contains(ExchangeRole::HubTransport) ||
           (x.roles.contains(ExchangeRole::Mailbox) && x.version >= ExchangeVersion::Ex2013);
}

// The first such server in `site` (design order), else, when `anySite`, the first anywhere.
const model::Host* transportServerFor(const model::DesignLookup& lookup, const model::Host& from,
                                      const std::string& site, bool anySite) {
    const model::Host* elsewhere = nullptr;
    for (const auto& host : lookup.design().hosts) {
        if (host.id == from.id || !runsOrganisationTransport(host))
            continue;
        if (host.exchange->site == site)
            return &host;
        if (anySite && elsewhere == nullptr)
            elsewhere = &host;
    }
    return elsewhere;
}

Step decision(const model::Id& element, std::string rule, std::string summary,
              std::vector<std::pair<std::string, std::string>> inputs) {
    Step s;
    s.kind = StepKind::Resolve;
    s.rule = std::move(rule);
    s.element = element;
    s.summary = std::move(summary);
    s.inputs = std::move(inputs);
    return s;
}

// An intra-organisation hop (R26) from `server` to a Transport server the model picks.
OnwardRoute intraOrganisation(const model::DesignLookup& lookup, const model::Host& server,
                              const std::string& domain, const std::string& why, bool anySite) {
    OnwardRoute route;
    route.rule = "R26";
    route.next.sendingServer = server.id;
    const std::string& site = server.exchange->site;
    const model::Host* target = transportServerFor(lookup, server, site, anySite);
    if (target == nullptr) {
        route.next.missing = "an Exchange Mailbox (2013+) or Hub Transport server in AD site '" +
                             site + "' for " + hostLabel(server) + " to hand mail for " + domain +
                             " to (" + why + ")";
        return route;
    }
    route.next.address = primaryAddress(*target);
    if (!route.next.address) {
        route.next.missing = "an address of " + hostLabel(*target);
        return route;
    }
    route.next.port = intraOrganizationPort(server, *target);
    route.next.steps.push_back(decision(
        server.id, "R26",
        hostLabel(server) + " hands mail for " + domain + " to " + hostLabel(*target) + " = " +
            route.next.address->toString() + ":" + std::to_string(route.next.port),
        {{"why", why},
         {"choice", "the first Mailbox/Hub Transport server of site '" + target->exchange->site +
                        "' in the design (Exchange load-balances; ASSUMPTION as A17)"}}));
    return route;
}

}  // namespace

OnwardRoute routeAccepted(const model::DesignLookup& lookup, const model::Host& server,
                          const std::string& recipientDomain, dns::Resolver* dns) {
    const auto* accepted = findAcceptedDomain(lookup.design().organization, recipientDomain);
    const auto type = accepted ? accepted->type : AcceptedDomainType::Authoritative;
    const std::string domain =
        accepted ? std::string(enumName(type)) + " accepted domain " + accepted->domainName
                 : recipientDomain;

    // Relay domains leave through the send connectors that cover them (R27, R28); on an Edge
    // only ExternalRelay does: the rest goes to the organisation through the subscription.
    const bool relayDomain = accepted && type != AcceptedDomainType::Authoritative;
    if (relayDomain && (!isEdge(server) || type == AcceptedDomainType::ExternalRelay)) {
        OnwardRoute route;
        route.rule = "R27";
        route.next = routeOutbound(lookup, server, recipientDomain, dns);
        route.next.steps.insert(route.next.steps.begin(),
                                decision(server.id, "R27",
                                         recipientDomain + " is an " + domain + ": " +
                                             hostLabel(server) + " routes it on by send connector",
                                         {}));
        return route;
    }
    if (isEdge(server))
        return intraOrganisation(lookup, server, recipientDomain,
                                 recipientDomain + " is an " + domain +
                                     ": the Edge subscription (EdgeSync - Inbound to the site) "
                                     "carries it to the organisation",
                                 false);
    if (deliversToMailboxes(server)) {
        OnwardRoute route;
        route.holdsRecipient = true;
        route.rule = "R26";
        return route;
    }
    return intraOrganisation(lookup, server, recipientDomain,
                             recipientDomain + " is an " + domain +
                                 ": the Front End Transport service proxies it to a Mailbox "
                                 "server's Transport service",
                             true);
}

}  // namespace mailtopo::sim
