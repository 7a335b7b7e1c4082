// Simulation rules that read traces: what the design flows and the standard flows showed
// (open relay, asymmetric paths, handshake mismatches, strong host drops, missing listeners,
// stripped verbs, undecidable connectors, mail and routing loops, hidden clients, gateways
// missing from InternalSMTPServers, source drift).

#include <algorithm>
#include <map>
#include <set>

#include "core/analysis/simulation_rules.h"
#include "core/model/element_walk.h"

namespace mailtopo::analysis::detail {
namespace {

// Reports a finding once per (rule, elements): many flows show the same fault. The first
// flow that showed it is kept as its proof.
class OnceSink {
public:
    explicit OnceSink(FindingSink& sink) : sink_(sink) {}
    void setFlow(const std::string& label) { flow_ = label; }
    void report(const CheckInfo& rule, Occurrence occurrence) {
        std::string key(rule.id);
        for (const auto& e : occurrence.elements)
            key += "\n" + e;
        if (!seen_.insert(key).second)
            return;
        if (occurrence.flow.empty())
            occurrence.flow = flow_;
        sink_.report(rule, std::move(occurrence));
    }

private:
    FindingSink& sink_;
    std::set<std::string> seen_;
    std::string flow_;
};

std::vector<std::string> translations(const sim::Hop& hop) {
    std::vector<std::string> out;
    for (const auto& leg : hop.legs) {
        if (leg.name != "SYN")
            continue;
        for (const auto& step : leg.steps)
            if (step.kind == sim::StepKind::Translate)
                out.push_back(step.summary);
    }
    return out;
}

const sim::Step* firstTranslate(const sim::Hop& hop) {
    for (const auto& leg : hop.legs)
        if (leg.name == "SYN")
            for (const auto& step : leg.steps)
                if (step.kind == sim::StepKind::Translate)
                    return &step;
    return nullptr;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty())
            out += separator;
        out += p;
    }
    return out;
}

std::string connectorName(const DesignIndex& index, const sim::Simulator& simulator,
                          const sim::Hop& hop) {
    const auto* host = index.host(hop.server);
    for (const auto& c : simulator.receiveConnectorsOf(hop.server))
        if (c.id == hop.receiveConnector)
            return (host ? hostLabel(*host) : hop.server) + "\\" + c.name;
    return hop.receiveConnector;
}

// Every address of every NIC, in order.
std::vector<net::Address> addressesOf(const model::Host& host) {
    std::vector<net::Address> out;
    for (const auto& nic : host.nics)
        for (const auto& a : nic.addresses)
            out.push_back(a.address);
    return out;
}

std::string interfaceAlias(const DesignIndex& index, const model::Id& id) {
    const model::Nic* nic = index.lookup().nic(id);
    if (nic == nullptr)
        return id;
    return nic->alias.empty() ? nic->id : nic->alias;
}

// "EX16 -> GW -> EX16": the names of a loop's elements in order, back to the first.
std::string loopPath(const DesignIndex& index, const std::vector<model::Id>& elements) {
    std::vector<std::string> names;
    for (const auto& id : elements)
        names.push_back(model::elementLabel(index.design(), id));
    if (!names.empty())
        names.push_back(names.front());
    return joined(names, " -> ");
}

std::string mailLoopFix(const DesignIndex& index, const sim::TraceFlag& flag) {
    return "Make one host on " + loopPath(index, flag.elements) +
           " deliver the domain instead of handing it on: point a gateway's next hop at the "
           "server that holds the recipient, give an InternalRelay domain its own send "
           "connector (New-SendConnector -AddressSpaces <domain> -SmartHosts <its server>), "
           "or make the domain Authoritative where its mailboxes are "
           "(Set-AcceptedDomain <domain> -DomainType Authoritative).";
}

std::string routingLoopFix(const DesignIndex& index, const sim::TraceFlag& flag) {
    return "Correct the routes on " + loopPath(index, flag.elements) +
           ": one of them must route the destination towards it rather than back to the "
           "previous hop (a more specific static route, or a default gateway that leads out "
           "of the cycle).";
}

}  // namespace

std::string flowPointer(const model::DesignLookup& lookup, const sim::Trace& trace) {
    const model::Flow* flow = trace.flowId.empty() ? nullptr : lookup.flow(trace.flowId);
    if (flow == nullptr)
        return "";
    return indexed("", "flows", static_cast<size_t>(flow - lookup.design().flows.data()));
}

void checkTraces(const SimulationContext& context, FindingSink& rawSink) {
    const auto& design = context.index.design();
    OnceSink sink(rawSink);
    for (size_t i = 0; i < context.traces.size(); ++i) {
        const auto& flow = context.flows[i];
        const auto& trace = context.traces[i];
        const std::string where = flowLabel(flow);
        sink.setFlow(where);
        const std::string pointer = flowPointer(context.index.lookup(), trace);
        const auto* last = trace.lastHop();
        const std::string outcome =
            std::string(enumName(trace.disposition.kind)) +
            (trace.disposition.text.empty() ? "" : ": " + trace.disposition.text);

        // R39: the relay probe was accepted.
        if (flow.purpose == FlowPurpose::RelayProbe &&
            trace.disposition.kind == sim::DispositionKind::Relayed && last != nullptr) {
            const auto via = translations(*last);
            const std::string connector = connectorName(context.index, context.simulator, *last);
            std::vector<std::string> elements{last->receiveConnector};
            std::string fix = "Set-ReceiveConnector " + psString(connector) +
                              " -RemoteIPRanges <only the hosts that must relay>";
            if (last->seenSource)
                if (const auto* c = context.index.lookup().receiveConnector(last->receiveConnector))
                    fix =
                        "Set-ReceiveConnector " + psString(connector) + " -RemoteIPRanges " + [&] {
                            std::vector<net::Address> keep;
                            for (const auto& [host, address] :
                                 context.addresses.inRanges(c->remoteIpRanges))
                                if (!host->isExchange() && address != *last->seenSource)
                                    keep.push_back(address);
                            return keep.empty() ? std::string("<only the hosts that must relay>")
                                                : addressList(keep);
                        }();
            if (const auto* t = firstTranslate(*last)) {
                elements.push_back(t->element);
                fix += "\nor remove the source translation: " + t->summary;
            }
            sink.report(
                rules::kInternetOpenRelay,
                {.message = where + ": the internet host is seen as " +
                            (last->seenSource ? last->seenSource->toString() : "?") +
                            " and lands on " + connector +
                            ", which accepts a recipient in a non-accepted domain" +
                            (via.empty() ? "" : " (translations: " + joined(via, "; ") + ")"),
                 .elements = elements,
                 .pointer = pointer,
                 .remediation = fix});
        }

        for (const auto& flag : trace.flags) {
            if (flag.name == "ASYMMETRIC_PATH") {
                std::vector<model::Id> elements = flag.elements;
                if (last && !last->server.empty())
                    elements.push_back(last->server);
                std::string fix =
                    "Make the reply pass the same firewall: route the client "
                    "subnet through it on the server (New-NetRoute "
                    "-DestinationPrefix <client subnet> -InterfaceAlias <LAN> "
                    "-NextHop <firewall inside address>), or enable TCP state "
                    "bypass for this traffic on the firewall.";
                sink.report(rules::kAsymmetricPath,
                            {.message = where + ": " + flag.detail + "; " + outcome,
                             .elements = elements,
                             .pointer = pointer,
                             .remediation = fix});
            } else if (flag.name == "HANDSHAKE_SRC_MISMATCH") {
                sink.report(rules::kHandshakeSourceMismatch,
                            {.message = where + ": " + flag.detail + "; " + outcome,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation =
                                 "Let the reply come back from the VIP: make the load balancer "
                                 "the member's route to its clients, switch the VIP to SNAT, or "
                                 "use DSR with the VIP on a KM-TEST loopback adapter (R10, R11)."});
            } else if (flag.name == "STRONG_HOST_RECEIVE" || flag.name == "STRONG_HOST_SEND") {
                const bool receive = flag.name == "STRONG_HOST_RECEIVE";
                const std::string alias =
                    flag.elements.empty() ? "<interface>"
                                          : interfaceAlias(context.index, flag.elements.front());
                sink.report(
                    rules::kStrongHostDrop,
                    {.message = where + ": " + flag.detail,
                     .elements = flag.elements,
                     .pointer = pointer,
                     .remediation =
                         std::string("Set-NetIPInterface -InterfaceAlias ") + psString(alias) +
                         (receive ? " -WeakHostReceive Enabled" : " -WeakHostSend Enabled") +
                         "\n(netsh interface ipv4 set interface " + psString(alias) +
                         (receive ? " weakhostreceive=enabled)" : " weakhostsend=enabled)")});
            } else if (flag.name == "NO_LISTENER") {
                sink.report(rules::kNoListener,
                            {.message = where + ": " + flag.detail,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation = "Point the client at an address and port a receive "
                                            "connector binds, or add the binding: "
                                            "Set-ReceiveConnector \"<server>\\<connector>\" "
                                            "-Bindings <address>:<port>"});
            } else if (flag.name == "SMTP_VERBS_STRIPPED") {
                std::string device = flag.elements.empty() ? "" : flag.elements.front();
                sink.report(rules::kSmtpVerbsStripped,
                            {.message = where + ": " + flag.detail,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation = "Turn off ESMTP inspection for traffic to and "
                                            "between Exchange servers on " +
                                            device + " (Cisco ASA: no inspect esmtp)."});
            } else if (flag.name == "CONNECT_NONDETERMINISTIC" ||
                       flag.name == "AMBIGUOUS_CONNECTOR") {
                sink.report(rules::kConnectorBindingConflict,
                            {.message = where + ": " + flag.detail,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation =
                                 flag.name == "CONNECT_NONDETERMINISTIC"
                                     ? "Move the custom port-25 connector to the FrontendTransport "
                                       "role: Remove-ReceiveConnector, then New-ReceiveConnector "
                                       "-TransportRole FrontendTransport -Bindings 0.0.0.0:25 …"
                                     : "Make one connector strictly more specific: narrow its "
                                       "RemoteIPRanges or bind it to a specific address."});
            } else if (flag.name == "MAIL_LOOP") {
                sink.report(rules::kMailLoop,
                            {.message = where + ": " + flag.detail + "; " + outcome,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation = mailLoopFix(context.index, flag)});
            } else if (flag.name == "ROUTING_LOOP") {
                sink.report(rules::kRoutingLoop,
                            {.message = where + ": " + flag.detail,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation = routingLoopFix(context.index, flag)});
            } else if (flag.name == "EXCHANGE_AUTH_FAILED" && last != nullptr) {
                sink.report(rules::kCoexistenceAuthBreak,
                            {.message = where + ": " + flag.detail + " -> " + outcome,
                             .elements = flag.elements,
                             .pointer = pointer,
                             .remediation =
                                 "Set-ReceiveConnector " +
                                 psString(connectorName(context.index, context.simulator, *last)) +
                                 " -RemoteIPRanges <only the application hosts>"});
            }
        }

        for (const auto& hop : trace.hops) {
            const auto* server = context.index.host(hop.server);
            const auto* client = context.index.host(hop.client);
            if (server == nullptr || client == nullptr || !server->isExchange() || !hop.seenSource)
                continue;
            // R9/R15: the server sees a translated client.
            if (hop.chosenSource && *hop.chosenSource != *hop.seenSource && !client->isExchange()) {
                if (const auto* t = firstTranslate(hop))
                    sink.report(
                        rules::kClientIpHiddenBySnat,
                        {.message = where + ": " + hostLabel(*client) + " (" +
                                    hop.chosenSource->toString() + ") reaches " +
                                    hostLabel(*server) + " as " + hop.seenSource->toString() +
                                    " (" + t->summary +
                                    "): connector choice and anti-spam see that address "
                                    "for every such client",
                         .elements = {t->element},
                         .pointer = pointer,
                         .remediation = "Keep the client address: use DSR or a transparent "
                                        "VIP, or drop the inbound source translation; "
                                        "where SNAT must stay, give relay clients their own "
                                        "VIP and SNAT address (R12)."});
            }
            // R30: a gateway delivering into Exchange must be in InternalSMTPServers.
            if ((client->kind == model::HostKind::MailGateway ||
                 client->kind == model::HostKind::SmartHost) &&
                !design.organization.internalSmtpServers.empty() &&
                !net::anyContains(design.organization.internalSmtpServers, *hop.seenSource)) {
                sink.report(
                    rules::kInternalSmtpServersMissing,
                    {.message = where + ": gateway " + hostLabel(*client) + " delivers to " +
                                hostLabel(*server) + " from " + hop.seenSource->toString() +
                                ", which InternalSMTPServers does not list: anti-spam "
                                "judges the gateway, not the sender" +
                                (hop.originatingIp
                                     ? " (originating IP " + hop.originatingIp->toString() + ")"
                                     : ""),
                     .elements = {client->id, server->id},
                     .pointer = "/organization/internalSmtpServers",
                     .remediation = "Set-TransportConfig -InternalSMTPServers @{Add=" +
                                    psString(hop.seenSource->toString()) + "}"});
            }
        }

        // R46: the server's source is not what its outbound NAT maps.
        if (trace.hops.size() == 1 && last != nullptr && last->egress && last->chosenSource) {
            const auto* host = context.index.host(last->client);
            if (host == nullptr || !host->isExchange())
                continue;
            const auto mapped = context.outboundNat.firstMapping(addressesOf(*host));
            const bool covered = hostOwnsAddress(*host, *last->chosenSource) &&
                                 context.outboundNat.maps(*last->chosenSource);
            if (mapped && !covered) {
                sink.report(
                    rules::kSourceIpDrift,
                    {.message = where + ": " + hostLabel(*host) + " sends from " +
                                last->chosenSource->toString() + " but outbound NAT maps " +
                                mapped->inside.toString() + " -> " +
                                mapped->rule->publicAddress.toString() + "; mail leaves as " +
                                last->egress->publicAddress.toString(),
                     .elements = {host->id, last->egress->natDevice},
                     .pointer = pointer,
                     .remediation = "Set-NetIPAddress -IPAddress " +
                                    last->chosenSource->toString() + " -SkipAsSource $true"});
            }
        }
    }
}

}  // namespace mailtopo::analysis::detail
