// Send connectors (R27, R28): something to match, somewhere to deliver, Exchange source
// servers, and a SourceIPAddress only where Exchange honours it (Edge) and owns it.

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"

namespace mailtopo::analysis::detail {
namespace {

struct SendContext {
    const DesignIndex& index;
    FindingSink& sink;
    const model::SendConnector& connector;
    std::string base;   // /sendConnectors/i
    std::string label;  // send connector 'Internet'

    std::string setCommand() const {
        return "Set-SendConnector " +
               psString(connector.name.empty() ? connector.id : connector.name);
    }
};

void checkAddressSpaces(const SendContext& c) {
    const auto& spaces = c.connector.addressSpaces;
    if (spaces.empty()) {
        c.sink.report(
            checks::kSendConnectorNoAddressSpace,
            {.message = c.label + " has no address spaces, so no recipient domain selects it",
             .elements = {c.connector.id},
             .pointer = c.base + "/addressSpaces",
             .remediation = c.setCommand() + " -AddressSpaces \"SMTP:*;1\" (or the domains "
                                             "it should carry)"});
    }
    for (size_t k = 0; k < spaces.size(); ++k) {
        // Only SMTP address spaces are domain names; X400 and custom types have their own syntax.
        if (!equalsIgnoreCase(spaces[k].type, "SMTP"))
            continue;
        std::string why;
        if (isValidDomainName(spaces[k].domain, true, true, why))
            continue;
        c.sink.report(checks::kInvalidDomainName,
                      {.message = c.label + ": address space " + quoted(spaces[k].domain) +
                                  " is not a valid domain: " + why,
                       .elements = {c.connector.id},
                       .pointer = indexed(c.base, "addressSpaces", k) + "/domain",
                       .remediation = "Write the address space as \"*\", \"contoso.com\" or "
                                      "\"*.contoso.com\": " +
                                      c.setCommand() + " -AddressSpaces \"SMTP:<domain>;" +
                                      std::to_string(spaces[k].cost) + "\""});
    }
}

void checkDelivery(const SendContext& c) {
    if (c.connector.dnsRoutingEnabled || !c.connector.smartHosts.empty())
        return;
    c.sink.report(
        checks::kSendConnectorNoSmartHost,
        {.message = c.label + " has DNS routing disabled and no smart hosts, so mail routed "
                              "to it stays queued",
         .elements = {c.connector.id},
         .pointer = c.base + "/dnsRoutingEnabled",
         .remediation = c.setCommand() + " -SmartHosts \"<relay host or IP>\", or " +
                        c.setCommand() + " -DNSRoutingEnabled $true"});
}

void checkSourceServers(const SendContext& c) {
    const auto& servers = c.connector.sourceServerIds;
    for (size_t k = 0; k < servers.size(); ++k) {
        const model::Host* host = c.index.host(servers[k]);
        if (host == nullptr || host->isExchange())
            continue;  // dangling: reported elsewhere
        c.sink.report(
            checks::kConnectorOnNonExchangeHost,
            {.message = c.label + " lists " + hostLabel(*host) +
                        " as a source server, but it is not an Exchange server (kind " +
                        std::string(enumName(host->kind)) + ")",
             .elements = {c.connector.id, host->id},
             .pointer = indexed(c.base, "sourceServers", k),
             .remediation = "Remove " + hostLabel(*host) +
                            " from the source servers (Set-SendConnector -SourceTransportServers "
                            "takes Exchange servers only); model its outbound relay with its "
                            "SMTP properties (nextHops)."});
    }
}

void checkSourceAddress(const SendContext& c) {
    const auto& source = c.connector.sourceIpAddress;
    if (!source || source->isUnspecified())
        return;
    std::string nonEdge;
    std::vector<std::string> elements{c.connector.id};
    for (const auto& id : c.connector.sourceServerIds) {
        const model::Host* host = c.index.host(id);
        if (host == nullptr || !host->isExchange() || isEdgeServer(*host))
            continue;
        nonEdge += (nonEdge.empty() ? "" : ", ") + hostLabel(*host);
        elements.push_back(host->id);
    }
    if (!nonEdge.empty()) {
        c.sink.report(
            checks::kSourceIpOnNonEdge,
            {.message = c.label + " sets SourceIPAddress " + source->toString() +
                        ", which non-Edge source servers (" + nonEdge +
                        ") ignore: they pick the source by Windows source selection (R2)",
             .elements = elements,
             .pointer = c.base + "/sourceIpAddress",
             .remediation = c.setCommand() +
                            " -SourceIPAddress 0.0.0.0; to steer the source on a Mailbox "
                            "server, mark its other addresses SkipAsSource (R3): "
                            "Set-NetIPAddress -IPAddress <other address> -SkipAsSource $true"});
    }
    for (const auto& id : c.connector.sourceServerIds) {
        const model::Host* host = c.index.host(id);
        if (host == nullptr || !isEdgeServer(*host) || hostOwnsAddress(*host, *source))
            continue;
        c.sink.report(checks::kSourceIpAbsent,
                      {.message = c.label + " sends from " + source->toString() +
                                  ", but Edge server " + hostLabel(*host) + " has no such address",
                       .elements = {c.connector.id, host->id},
                       .pointer = c.base + "/sourceIpAddress",
                       .remediation = c.setCommand() + " -SourceIPAddress <an address of " +
                                      hostLabel(*host) + ">, or add " + source->toString() +
                                      " to " + hostLabel(*host) + " (New-NetIPAddress)"});
    }
}

}  // namespace

void checkSendConnectors(const DesignIndex& index, FindingSink& sink) {
    const auto& connectors = index.design().sendConnectors;
    for (size_t i = 0; i < connectors.size(); ++i) {
        const auto& connector = connectors[i];
        const SendContext c{
            index, sink, connector, indexed("", "sendConnectors", i),
            "send connector " + quoted(connector.name.empty() ? connector.id : connector.name)};
        checkAddressSpaces(c);
        checkDelivery(c);
        checkSourceServers(c);
        checkSourceAddress(c);
    }
}

}  // namespace mailtopo::analysis::detail
