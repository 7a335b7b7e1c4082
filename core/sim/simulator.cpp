#include "core/sim/simulator.h"

#include <algorithm>
#include <tuple>

#include "core/dns/zone_data_resolver.h"
#include "core/model/design_lookup.h"
#include "core/net/binding.h"
#include "core/sim/connection.h"
#include "core/sim/host_stack.h"
#include "core/sim/mail_loop.h"
#include "core/sim/onward_routing.h"
#include "core/sim/receive_connectors.h"
#include "core/sim/send_routing.h"
#include "core/sim/smtp_session.h"
#include "core/sim/topology.h"

namespace mailtopo::sim {

class Simulator::Impl {
public:
    explicit Impl(const model::Design& d)
        : design(d),
          lookup(d),
          topology(d),
          connectors(d),
          internetDns(dns::ZoneDataResolver::fromZones(d.dnsZones, model::DnsView::External)),
          internalDns(dns::ZoneDataResolver::fromZones(d.dnsZones, model::DnsView::Internal)) {}

    const model::Design& design;
    model::DesignLookup lookup;
    Topology topology;
    ReceiveConnectorTable connectors;
    std::unique_ptr<dns::ZoneDataResolver> internetDns;
    std::unique_ptr<dns::ZoneDataResolver> internalDns;

    // Exchange servers resolve through the internal view when it has anything, as split
    // DNS intends (S3); everyone else sees the internet's view.
    dns::Resolver* resolverFor(const model::Host& host) {
        if (host.isExchange() && internalDns->recordCount() > 0)
            return internalDns.get();
        return internetDns.get();
    }
};

namespace {

// Hops a trace follows. A chain that sends the same way twice is a mail loop and ends before
// (mail_loop.h); this only bounds a chain of distinct hops, far longer than real ones.
constexpr int kMaxMessageHops = 16;

struct Target {
    std::optional<net::Address> address;
    uint16_t port = 25;
    std::string missing;
};

Target parseTarget(const model::DesignLookup& lookup, const std::string& text, uint16_t defaultPort,
                   dns::Resolver* dns) {
    Target t;
    t.port = defaultPort;
    std::string host = text;
    // "IP:port", "[v6]:port", "name:port"; a bare IPv6 address has several colons.
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close != std::string::npos) {
            host = text.substr(1, close - 1);
            if (close + 2 < text.size() && text[close + 1] == ':')
                t.port = static_cast<uint16_t>(std::stoi(text.substr(close + 2)));
        }
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        const auto colon = text.find(':');
        const std::string portText = text.substr(colon + 1);
        if (!portText.empty() &&
            std::all_of(portText.begin(), portText.end(),
                        [](char c) { return c >= '0' && c <= '9'; }) &&
            portText.size() <= 5 && std::stoi(portText) <= 65535) {
            host = text.substr(0, colon);
            t.port = static_cast<uint16_t>(std::stoi(portText));
        }
    }
    t.address = resolveHostName(lookup, host, dns);
    if (!t.address)
        t.missing = "an address for destination '" + host + "'";
    return t;
}

void sortFlags(std::vector<TraceFlag>& flags) {
    std::sort(flags.begin(), flags.end(), [](const TraceFlag& a, const TraceFlag& b) {
        if (a.name != b.name)
            return a.name < b.name;
        if (a.elements != b.elements)
            return a.elements < b.elements;
        return a.detail < b.detail;
    });
    flags.erase(std::unique(flags.begin(), flags.end()), flags.end());
}

Disposition insufficient(std::string what, const model::Id& element, std::string rule = "R1") {
    Disposition d;
    d.kind = DispositionKind::InsufficientInfo;
    d.text = std::move(what);
    d.element = element;
    d.rule = std::move(rule);
    return d;
}

// An MX lookup the design's DNS cannot answer, standing in for a receiver on the internet.
Step standInReceiverStep(const model::Id& client, const std::string& domain,
                         const net::Address& receiver) {
    Step s;
    s.kind = StepKind::Resolve;
    s.rule = "R28";
    s.element = client;
    s.summary = "MX of " + domain + " is not in the design's DNS: " + receiver.toString() +
                " stands in for its receiver on the internet";
    return s;
}

}  // namespace

TraceRequest requestFromFlow(const model::Flow& flow) {
    TraceRequest r;
    r.name = flow.name.empty() ? flow.id : flow.name;
    r.flowId = flow.id;
    r.sourceHost = flow.sourceHostId;
    r.sourceAddress = flow.sourceAddress;
    r.destination = flow.destination;
    r.port = flow.port;
    r.helo = flow.helo;
    r.mailFrom = flow.mailFrom;
    r.rcptTo = flow.rcptTo;
    r.poolMember = flow.poolMemberHostId;
    return r;
}

Simulator::Simulator(const model::Design& design) : impl_(std::make_unique<Impl>(design)) {}
Simulator::~Simulator() = default;

const model::Design& Simulator::design() const {
    return impl_->design;
}

const std::vector<model::ReceiveConnector>& Simulator::receiveConnectorsOf(
    const model::Id& server) const {
    return impl_->connectors.of(server);
}

ConnectorChoice Simulator::chooseConnector(const model::Id& server, const net::Address& local,
                                           uint16_t port, const net::Address& seenSource) const {
    const auto match = impl_->connectors.choose(server, local, port, seenSource);
    return {match.connector, match.anyBound, match.ambiguous, match.nondeterministic,
            match.matchedRange};
}

std::optional<net::Address> Simulator::poolMemberAddress(const model::Id& loadBalancer,
                                                         const model::PoolMember& member,
                                                         net::Family family) const {
    const uint32_t node = impl_->topology.nodeIndex(loadBalancer);
    if (node == kNone || impl_->topology.node(node).kind != NodeKind::LoadBalancer)
        return std::nullopt;
    return impl_->topology.poolMemberEndpoint(node, member, family).address;
}

std::optional<net::Address> Simulator::selectSource(const model::Id& host,
                                                    const net::Address& destination,
                                                    std::string* reason) const {
    const uint32_t node = impl_->topology.nodeIndex(host);
    if (node == kNone || impl_->topology.node(node).kind != NodeKind::Host)
        return std::nullopt;
    const auto choice = selectSourceAddress(impl_->topology, node, destination, std::nullopt);
    if (reason)
        *reason = choice.reason;
    return choice.address;
}

Trace Simulator::trace(const TraceRequest& request) const {
    auto& impl = *impl_;
    const auto& design = impl.design;
    Trace trace;
    trace.flowName = request.name;
    trace.flowId = request.flowId;
    trace.sourceHost = request.sourceHost;
    trace.destination = request.destination;
    trace.mailFrom = request.mailFrom;
    trace.rcptTo = request.rcptTo;

    const uint32_t sourceNode = impl.topology.nodeIndex(request.sourceHost);
    const model::Host* client = sourceNode == kNone ? nullptr : impl.topology.node(sourceNode).host;
    if (client == nullptr) {
        trace.disposition = insufficient("a host with id '" + request.sourceHost + "'", "");
        return trace;
    }
    std::string helo = request.helo.empty()
                           ? (client->fqdn.empty() ? hostLabel(*client) : client->fqdn)
                           : request.helo;
    std::vector<net::Address> receivedChain;
    std::optional<net::Address> bound = request.sourceAddress;
    std::string destination = request.destination;
    uint16_t port = request.port;
    const std::string firstDomain =
        request.rcptTo.empty() ? std::string() : domainOf(request.rcptTo.front());
    // A hop keeps the disposition it ended with as its own result; the trace's disposition
    // is overwritten by each later hop, so it is the chain's.
    auto keepHop = [&](Hop&& hop) {
        hop.result = trace.disposition;
        trace.hops.push_back(std::move(hop));
    };
    // Where an Exchange server that accepted the message sends it on (R26–R28), decided at
    // the end of its hop.
    std::optional<NextHop> onward;
    // Each hop's client and the address:port it connects to, in hop order: a message that is
    // sent the same way twice goes round a mail loop.
    std::vector<std::tuple<model::Id, net::Address, uint16_t>> sentTo;

    bool forwarding = false;  // the last hop handed the message on
    for (int hopIndex = 0; hopIndex < kMaxMessageHops; ++hopIndex) {
        forwarding = false;
        std::vector<Step> setup;
        Target target;
        if (onward) {
            setup = std::move(onward->steps);
            target.address = onward->address;
            target.port = onward->port;
            onward.reset();
        } else if (destination.empty() || destination.starts_with("mx:")) {
            // "mx:" alone (a relay's next hop) looks up the first recipient's domain.
            const std::string domain = destination.size() > 3 ? destination.substr(3) : firstDomain;
            if (client->isExchange() && destination.empty()) {
                // R27/R28: the send connectors decide.
                auto next = routeOutbound(impl.lookup, *client, domain, impl.resolverFor(*client));
                setup = std::move(next.steps);
                if (!next.missing.empty()) {
                    trace.disposition = insufficient(next.missing, client->id, "R27");
                    Hop hop;
                    hop.client = client->id;
                    hop.setup = std::move(setup);
                    keepHop(std::move(hop));
                    break;
                }
                if (next.sendingServer != client->id)
                    client = impl.lookup.host(next.sendingServer);
                // Exchange says EHLO with the send connector's Fqdn when it has one.
                if (request.helo.empty() && next.connector && !next.connector->fqdn.empty())
                    helo = next.connector->fqdn;
                target.address = next.address;
                target.port = next.port;
                if (!bound)
                    bound = next.boundSource;
            } else {
                if (domain.empty()) {
                    trace.disposition = insufficient(
                        "a destination: name an address or host, or give a recipient", client->id);
                    break;
                }
                auto* resolver = impl.resolverFor(*client);
                const auto mx = resolver->query(domain, dns::RRType::MX);
                auto records = mx.ofType(dns::RRType::MX);
                std::stable_sort(records.begin(), records.end(), [](const auto* a, const auto* b) {
                    return a->preference < b->preference;
                });
                target = {};
                target.port = port;
                for (const auto* record : records)
                    if (auto address = resolveHostName(impl.lookup, record->target, resolver)) {
                        target.address = address;
                        Step s;
                        s.kind = StepKind::Resolve;
                        s.rule = "R28";
                        s.element = client->id;
                        s.summary =
                            "MX of " + domain + ": " + record->target + " = " + address->toString();
                        setup.push_back(std::move(s));
                        break;
                    }
                if (!target.address && request.internetReceiver) {
                    target.address = request.internetReceiver;
                    setup.push_back(standInReceiverStep(client->id, domain, *target.address));
                }
                if (!target.address) {
                    trace.disposition = insufficient(
                        "an MX record of " + domain + " that resolves in the design's DNS zones",
                        client->id, "R28");
                    break;
                }
            }
        } else {
            target = parseTarget(impl.lookup, destination, port, impl.resolverFor(*client));
            if (!target.address) {
                trace.disposition = insufficient(target.missing, client->id);
                break;
            }
            if (!net::Address::parse(destination)) {
                Step s;
                s.kind = StepKind::Resolve;
                s.rule = "R1";
                s.element = client->id;
                s.summary = destination + " = " + target.address->toString() + ":" +
                            std::to_string(target.port);
                setup.push_back(std::move(s));
            }
        }

        const std::tuple<model::Id, net::Address, uint16_t> sending{client->id, *target.address,
                                                                    target.port};
        if (const auto again = std::find(sentTo.begin(), sentTo.end(), sending);
            again != sentTo.end()) {
            auto loop =
                endMailLoop(impl.lookup, trace.hops, static_cast<size_t>(again - sentTo.begin()));
            trace.disposition = std::move(loop.disposition);
            trace.flags.push_back(std::move(loop.flag));
            break;
        }
        sentTo.push_back(sending);

        const uint32_t clientNode = impl.topology.nodeIndex(client->id);
        ConnectionRequest connection{
            clientNode, bound, *target.address, target.port, request.poolMember, request.explain};
        auto result = traceConnection(impl.topology, impl.connectors, connection);
        Hop hop = std::move(result.hop);
        hop.setup.insert(hop.setup.begin(), setup.begin(), setup.end());
        for (auto& flag : result.flags)
            trace.flags.push_back(std::move(flag));

        if (result.outcome == ConnectionResult::Outcome::Failed) {
            trace.disposition = result.failure;
            keepHop(std::move(hop));
            break;
        }
        if (hop.egress) {
            hop.egress->heloName = helo;
            hop.egress->mailFromDomain = domainOf(request.mailFrom);
        }
        if (result.outcome == ConnectionResult::Outcome::LeftDesign) {
            trace.disposition.kind = DispositionKind::Delivered;
            trace.disposition.rule = "R16";
            trace.disposition.element = hop.egress->natDevice;
            trace.disposition.text = "handed to " + target.address->toString() +
                                     " on the internet as " + hop.egress->publicAddress.toString() +
                                     "; the receiver is outside the design";
            keepHop(std::move(hop));
            break;
        }

        // Established: the server's SMTP session.
        const model::Host& server = *impl.topology.node(result.server).host;
        SessionInput input;
        input.design = &design;
        input.server = &server;
        input.client = client;
        input.seenSource = *hop.seenSource;
        input.strippedVerbs = result.strippedVerbs;
        input.receivedChain = receivedChain;
        input.helo = helo;
        input.mailFrom = request.mailFrom;
        input.rcptTo = request.rcptTo;
        input.resolver = impl.internetDns.get();
        input.explain = request.explain;
        if (server.isExchange()) {
            const auto match = impl.connectors.choose(server.id, *hop.localAddress, hop.localPort,
                                                      *hop.seenSource);
            const std::string localEndpoint =
                net::Binding(*hop.localAddress, hop.localPort).toString();
            Step s;
            s.kind = StepKind::ConnectorSelect;
            s.rule = "R20";
            s.element = match.connector ? match.connector->id : server.id;
            if (match.connector) {
                s.summary = hostLabel(server) + "\\" + match.connector->name +
                            " is the most "
                            "specific connector for " +
                            hop.seenSource->toString();
                s.inputs = {{"matched range", match.matchedRange->toString()},
                            {"local endpoint", localEndpoint}};
                if (!match.reason.empty())
                    s.inputs.emplace_back("tie-break", match.reason);
                if (match.tied.size() > 1) {
                    std::string tied;
                    for (const auto* c : match.tied)
                        tied += (tied.empty() ? "" : ", ") + c->name;
                    s.inputs.emplace_back("equally specific", tied);
                }
            } else {
                s.summary = "no enabled connector of " + hostLabel(server) + " on " +
                            localEndpoint + " accepts " + hop.seenSource->toString();
            }
            hop.smtp.push_back(std::move(s));
            if (match.nondeterministic)
                trace.flags.push_back(
                    {"CONNECT_NONDETERMINISTIC",
                     "R19",
                     {server.id},
                     "FrontendTransport and HubTransport connectors of " + hostLabel(server) +
                         " both bind " + localEndpoint +
                         "; the services contend for the port and mail may queue"});
            if (match.ambiguous) {
                std::vector<model::Id> ids;
                for (const auto* c : match.tied)
                    ids.push_back(c->id);
                trace.flags.push_back({"AMBIGUOUS_CONNECTOR", "R20", ids,
                                       "several connectors match " + hop.seenSource->toString() +
                                           " equally specifically"});
            }
            if (!match.connector) {
                trace.disposition.kind = DispositionKind::Dropped;
                trace.disposition.text = "NO_MATCHING_CONNECTOR: " + hostLabel(server) +
                                         " closes the connection without a banner";
                trace.disposition.element = server.id;
                trace.disposition.rule = "R20";
                keepHop(std::move(hop));
                break;
            }
            hop.receiveConnector = match.connector->id;
            input.connector = match.connector;
        } else if (!server.smtp) {
            trace.disposition = insufficient("SMTP properties of " + hostLabel(server), server.id);
            keepHop(std::move(hop));
            break;
        }
        auto session = runSmtpSession(input);
        for (auto& s : session.steps)
            hop.smtp.push_back(std::move(s));
        hop.principal = session.principal;
        hop.rights = session.rights;
        hop.originatingIp = session.originatingIp;
        for (auto& flag : session.flags)
            trace.flags.push_back(std::move(flag));
        trace.disposition = session.disposition;
        if (session.disposition.kind == DispositionKind::Relayed) {
            // R39/R40 as seen on this very flow: who got to relay, and thanks to what.
            for (const auto& leg : hop.legs)
                for (const auto& step : leg.steps)
                    if (leg.name == "SYN" && step.kind == StepKind::Translate && step.rule == "R9")
                        trace.flags.push_back({"RELAY_VIA_LB",
                                               "R40",
                                               {hop.receiveConnector, step.element},
                                               "relayed because the load balancer's SNAT "
                                               "address " +
                                                   hop.seenSource->toString() +
                                                   " is inside the relay connector's ranges"});
            if (trace.hops.empty() && client->kind == model::HostKind::InternetSender)
                trace.flags.push_back({"INTERNET_OPEN_RELAY",
                                       "R39",
                                       {hop.receiveConnector},
                                       "an internet host relayed to a non-accepted domain, "
                                       "seen as " +
                                           hop.seenSource->toString()});
        }
        const net::Address seen = *hop.seenSource;
        keepHop(std::move(hop));

        if (!session.accepted || !request.followOnward)
            break;
        if (server.isExchange()) {
            // An Exchange server that accepted mail for an accepted domain delivers it or
            // hands it on (R26–R28); a relay to a non-accepted domain ends where the relay
            // right was used, which is what the relay rules (R39, R40) judge.
            if (session.disposition.kind != DispositionKind::Delivered)
                break;
            auto route = routeAccepted(impl.lookup, server, firstDomain, impl.resolverFor(server));
            if (route.holdsRecipient)
                break;
            if (!route.next.missing.empty()) {
                trace.disposition = insufficient(route.next.missing, server.id, route.rule);
                Hop stuck;
                stuck.client = server.id;
                stuck.setup = std::move(route.next.steps);
                keepHop(std::move(stuck));
                break;
            }
            // Exchange stamps a Received header on every message it accepts.
            receivedChain.insert(receivedChain.begin(), seen);
            client = impl.lookup.host(route.next.sendingServer);
            helo = route.next.connector && !route.next.connector->fqdn.empty()
                       ? route.next.connector->fqdn
                       : (client->fqdn.empty() ? hostLabel(*client) : client->fqdn);
            bound = route.next.boundSource;
            onward = std::move(route.next);
            forwarding = true;
            continue;
        }
        // A gateway that accepted the message forwards it (R30's Received chain grows).
        if (!server.smtp || server.smtp->nextHops.empty())
            break;
        if (server.smtp->addsReceivedHeader)
            receivedChain.insert(receivedChain.begin(), seen);
        client = &server;
        helo = relayHeloName(server);
        destination = server.smtp->nextHops.front();
        port = 25;
        bound.reset();
        forwarding = true;
    }
    if (forwarding)
        trace.disposition = insufficient("the rest of the chain: a trace follows at most " +
                                             std::to_string(kMaxMessageHops) + " hops",
                                         client->id);
    sortFlags(trace.flags);
    return trace;
}

}  // namespace mailtopo::sim
