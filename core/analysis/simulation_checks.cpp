// The standard flows every design gets traced with, and the entry points that run the
// simulation rules over them.

#include "core/analysis/simulation_checks.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "core/analysis/dns_checks.h"
#include "core/analysis/dns_rules.h"
#include "core/analysis/simulation_rules.h"
#include "core/model/design_lookup.h"
#include "core/sim/send_routing.h"
#include "core/sim/smtp_session.h"

namespace mailtopo::analysis {
namespace {

// Addresses and names the probes use. RFC 2606 reserves .invalid, so no real domain is ever
// named in a probe, and 203.0.113.0/24 (RFC 5737) stands for an internet receiver.
constexpr const char* kProbeSender = "relay-probe@mailtopo-probe.invalid";
constexpr const char* kProbeRecipient = "victim@mailtopo-relay-test.invalid";
constexpr const char* kInternetReceiver = "203.0.113.25";

std::string defaultDomain(const model::Design& design) {
    for (const auto& domain : design.organization.acceptedDomains)
        if (domain.isDefault && !domain.domainName.starts_with("*"))
            return domain.domainName;
    for (const auto& domain : design.organization.acceptedDomains)
        if (!domain.domainName.starts_with("*"))
            return domain.domainName;
    return "example.com";
}

std::string label(const model::Host& host) {
    return host.name.empty() ? host.id : host.name;
}

bool isInternetHost(const model::DesignLookup& lookup, const model::Host& host) {
    if (host.kind != model::HostKind::InternetSender)
        return false;
    return std::any_of(host.nics.begin(), host.nics.end(), [&](const model::Nic& nic) {
        return detail::isInternetSegment(lookup, nic.segmentId);
    });
}

}  // namespace

std::vector<AnalysisFlow> standardFlows(const model::Design& design) {
    return detail::standardFlows(model::DesignLookup(design));
}

SimulationResult simulateDesign(const model::Design& design) {
    return detail::simulateDesign(detail::DesignIndex(design));
}

namespace detail {

std::vector<AnalysisFlow> standardFlows(const model::DesignLookup& lookup) {
    const model::Design& design = lookup.design();
    std::vector<AnalysisFlow> flows;
    const std::string domain = defaultDomain(design);
    // Hosts in id order, so "the first server of a class" or "the first application client"
    // does not depend on where an element sits in the file.
    std::vector<const model::Host*> hosts;
    for (const auto& host : design.hosts)
        hosts.push_back(&host);
    std::sort(hosts.begin(), hosts.end(),
              [](const model::Host* a, const model::Host* b) { return a->id < b->id; });

    // Internet entries: inbound NAT public addresses and VIPs on internet segments.
    const model::Host* internetHost = nullptr;
    for (const auto* host : hosts)
        if (internetHost == nullptr && isInternetHost(lookup, *host))
            internetHost = host;
    if (internetHost != nullptr) {
        std::vector<std::pair<std::string, std::string>> entries;  // (target, description)
        for (const auto& fw : design.firewalls)
            for (const auto& nat : fw.inboundNat)
                entries.emplace_back(
                    nat.publicAddress.toString() + ":" + std::to_string(nat.publicPort),
                    "inbound NAT " + (nat.name.empty() ? nat.id : nat.name));
        for (const auto& lb : design.loadBalancers)
            for (const auto& vip : lb.vips)
                for (const auto& itf : lb.interfaces)
                    if (isInternetSegment(lookup, itf.segmentId))
                        entries.emplace_back(
                            vip.address.toString() + ":" + std::to_string(vip.port),
                            "VIP " + vip.name);
        for (const auto& [target, what] : entries) {
            sim::TraceRequest relay;
            relay.name =
                "Relay probe from " + label(*internetHost) + " to " + target + " (" + what + ")";
            relay.sourceHost = internetHost->id;
            relay.destination = target;
            relay.mailFrom = kProbeSender;
            relay.rcptTo = {kProbeRecipient};
            relay.followOnward = true;
            flows.push_back({FlowPurpose::RelayProbe, relay});
            sim::TraceRequest spoof = relay;
            spoof.name =
                "Spoof probe from " + label(*internetHost) + " to " + target + " (" + what + ")";
            spoof.mailFrom = "ceo@" + domain;
            spoof.rcptTo = {"staff@" + domain};
            flows.push_back({FlowPurpose::SpoofProbe, spoof});
        }
    }

    // Exchange to Exchange (R26): for each target, one sender of each (version, roles) class
    // in its own site and one of each class elsewhere, so estates of hundreds of servers stay
    // linear in the number of servers.
    // Representatives: per (site, class) the first two servers, per class the first two
    // sites' first servers. Two, so a target never has to send to itself.
    using Class = std::pair<int, uint32_t>;  // version, role bits
    auto classOf = [](const model::Host& h) {
        uint32_t roles = 0;
        for (auto role : h.exchange->roles.values())
            roles |= 1u << static_cast<unsigned>(role);
        return Class(static_cast<int>(h.exchange->version), roles);
    };
    std::vector<const model::Host*> exchange;
    // Per site, then per class: a target only looks at its own site's representatives.
    std::map<std::string, std::map<Class, std::vector<const model::Host*>>> bySiteClass;
    std::map<Class, std::vector<const model::Host*>> byClass;  // first server of distinct sites
    for (const auto* host : hosts) {
        if (!host->isExchange() || !host->exchange)
            continue;
        exchange.push_back(host);
        auto& local = bySiteClass[host->exchange->site][classOf(*host)];
        if (local.size() < 2)
            local.push_back(host);
        auto& global = byClass[classOf(*host)];
        if (global.size() < 2 &&
            std::none_of(global.begin(), global.end(), [&](const model::Host* h) {
                return h->exchange->site == host->exchange->site;
            }))
            global.push_back(host);
    }
    for (const auto* to : exchange) {
        const auto target = sim::primaryAddress(*to);
        if (!target)
            continue;
        std::vector<const model::Host*> senders;
        for (const auto& [key, members] : bySiteClass.at(to->exchange->site))
            for (const auto* h : members)
                if (h != to) {
                    senders.push_back(h);
                    break;
                }
        for (const auto& [key, members] : byClass)
            for (const auto* h : members)
                if (h->exchange->site != to->exchange->site) {
                    senders.push_back(h);
                    break;
                }
        for (const auto* from : senders) {
            sim::TraceRequest hop;
            hop.name = "Exchange hop " + label(*from) + " to " + label(*to);
            hop.sourceHost = from->id;
            hop.destination = target->toString();
            hop.port = sim::intraOrganizationPort(*from, *to);
            hop.mailFrom = "postmaster@" + domain;
            hop.rcptTo = {"user@" + domain};
            flows.push_back({FlowPurpose::ExchangeHop, hop});
        }
    }

    // Application clients to what they submit to.
    for (const auto* client : hosts) {
        const auto& host = *client;
        if (host.kind != model::HostKind::ApplicationClient || !host.smtp ||
            host.smtp->submitTo.empty())
            continue;
        sim::TraceRequest submit;
        submit.name = "Submission from " + label(host) + " to " + host.smtp->submitTo;
        submit.sourceHost = host.id;
        submit.destination = host.smtp->submitTo;
        submit.mailFrom = host.smtp->mailFrom.empty() ? "app@" + domain : host.smtp->mailFrom;
        submit.rcptTo = {"user@" + domain, "external@mailtopo-probe.invalid"};
        flows.push_back({FlowPurpose::ClientSubmit, submit});
    }

    // Every VIP to each pool member, from the first application client (or internet sender
    // for a VIP on an internet segment).
    const model::Host* appClient = nullptr;
    for (const auto* host : hosts)
        if (appClient == nullptr && host->kind == model::HostKind::ApplicationClient)
            appClient = host;
    for (const auto& lb : design.loadBalancers)
        for (const auto& vip : lb.vips) {
            const model::Host* from = appClient ? appClient : internetHost;
            if (from == nullptr)
                break;
            for (const auto& member : vip.pool) {
                sim::TraceRequest r;
                r.name = "VIP " + (vip.name.empty() ? vip.id : vip.name) + " to member " +
                         member.hostId + " from " + label(*from);
                r.sourceHost = from->id;
                r.destination = vip.address.toString() + ":" + std::to_string(vip.port);
                r.poolMember = member.hostId;
                r.mailFrom = from->smtp && !from->smtp->mailFrom.empty() ? from->smtp->mailFrom
                                                                         : "app@" + domain;
                r.rcptTo = {"user@" + domain};
                flows.push_back({FlowPurpose::VipMember, r});
            }
        }

    // Outbound: every source server of a send connector towards the internet.
    std::set<model::Id> senders;
    for (const auto& connector : design.sendConnectors) {
        if (!connector.enabled)
            continue;
        bool internet = false;
        for (const auto& space : connector.addressSpaces)
            internet = internet || space.domain == "*";
        if (!internet)
            continue;
        for (const auto& id : connector.sourceServerIds) {
            if (!senders.insert(id).second)
                continue;
            const auto* host = lookup.host(id);
            if (host == nullptr)
                continue;
            sim::TraceRequest out;
            out.name = "Outbound from " + label(*host) + " via '" + connector.name + "'";
            out.sourceHost = id;
            // DNS routing to an unknown internet domain: connect to a stand-in receiver.
            out.destination = connector.dnsRoutingEnabled && connector.smartHosts.empty()
                                  ? kInternetReceiver
                                  : "";
            // A smart host in the design that delivers by MX ("mx:") reaches the same one.
            out.internetReceiver = net::Address::parse(kInternetReceiver);
            out.mailFrom = "postmaster@" + domain;
            out.rcptTo = {"someone@mailtopo-probe.invalid"};
            flows.push_back({FlowPurpose::Outbound, out});
        }
    }
    // A canonical order: findings that several flows show cite the same first flow whatever
    // the order of elements in the file.
    std::stable_sort(flows.begin(), flows.end(), [](const AnalysisFlow& a, const AnalysisFlow& b) {
        return std::tie(a.purpose, a.request.name, a.request.sourceHost, a.request.destination,
                        a.request.port, a.request.poolMember) <
               std::tie(b.purpose, b.request.name, b.request.sourceHost, b.request.destination,
                        b.request.port, b.request.poolMember);
    });
    return flows;
}

SimulationResult simulateDesign(const DesignIndex& index) {
    const model::Design& design = index.design();
    SimulationResult result;
    // Design flows by id: the file's order of flows must not change what validate says.
    std::vector<const model::Flow*> designFlows;
    for (const auto& flow : design.flows)
        designFlows.push_back(&flow);
    std::sort(designFlows.begin(), designFlows.end(),
              [](const model::Flow* a, const model::Flow* b) { return a->id < b->id; });
    for (const auto* flow : designFlows)
        result.flows.push_back({FlowPurpose::DesignFlow, sim::requestFromFlow(*flow)});
    for (auto& flow : standardFlows(index.lookup())) {
        flow.request.explain = false;  // findings cite decisions, not every route line
        result.flows.push_back(std::move(flow));
    }

    const sim::Simulator simulator(design);
    result.traces.resize(result.flows.size());
    // Traces are independent: large designs spread them over the cores, sharing one
    // Simulator. Each trace lands at its flow's index, so the result does not depend on
    // scheduling.
    const size_t workers = result.flows.size() < 64
                               ? 1
                               : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    auto run = [&](size_t first) {
        for (size_t i = first; i < result.flows.size(); i += workers)
            result.traces[i] = simulator.trace(result.flows[i].request);
    };
    std::vector<std::thread> threads;
    for (size_t w = 1; w < workers; ++w)
        threads.emplace_back(run, w);
    run(0);
    for (auto& t : threads)
        t.join();

    FindingSink sink;
    const AddressDirectory addresses(design);
    const OutboundNatDirectory outboundNat(design);
    const SimulationContext context{index,     addresses,    outboundNat,
                                    simulator, result.flows, result.traces};
    checkRelayConfiguration(context, sink);
    checkHostConfiguration(context, sink);
    checkTraces(context, sink);
    checkExpectedDispositions(context, sink);
    // A fault both a configuration rule and a trace show is reported once, with the
    // configuration rule's wording (it names the setting to change).
    std::set<std::string> seen;
    for (auto& finding : sink.take()) {
        std::string key = finding.id;
        for (const auto& element : finding.elements)
            key += "\n" + element;
        if (seen.insert(key).second)
            result.findings.push_back(std::move(finding));
    }
    sortFindings(result.findings);
    return result;
}

}  // namespace detail

const std::vector<CheckInfo>& simulationRuleCatalog() {
    static const std::vector<CheckInfo> catalog(rules::kAll.begin(), rules::kAll.end());
    return catalog;
}

std::string flowLabel(const AnalysisFlow& flow) {
    std::string out(flow.purpose == FlowPurpose::DesignFlow ? std::string_view("flow")
                                                            : enumName(flow.purpose));
    out += " '";
    out += flow.request.name;
    out += '\'';
    return out;
}

std::optional<size_t> provingFlow(const Finding& finding, const SimulationResult& simulation) {
    const size_t count = std::min(simulation.flows.size(), simulation.traces.size());
    if (!finding.flow.empty()) {
        for (size_t i = 0; i < count; ++i)
            if (flowLabel(simulation.flows[i]) == finding.flow)
                return i;
    }
    if (finding.elements.empty())
        return std::nullopt;
    std::optional<size_t> best;
    size_t bestScore = 0;
    for (size_t i = 0; i < count; ++i) {
        std::set<std::string_view> touched;
        const sim::Trace& trace = simulation.traces[i];
        for (const auto& hop : trace.hops) {
            touched.insert(hop.client);
            touched.insert(hop.server);
            touched.insert(hop.receiveConnector);
            for (const auto& leg : hop.legs)
                for (const auto& step : leg.steps)
                    touched.insert(step.element);
        }
        for (const auto& flag : trace.flags)
            touched.insert(flag.elements.begin(), flag.elements.end());
        if (touched.count(finding.elements.front()) == 0)
            continue;
        const auto score = static_cast<size_t>(
            std::count_if(finding.elements.begin(), finding.elements.end(),
                          [&](const std::string& id) { return touched.count(id) > 0; }));
        if (score > bestScore) {
            best = i;
            bestScore = score;
        }
    }
    return best;
}

DesignValidation validateDesignWithTraces(const model::Design& design) {
    DesignValidation result;
    // One index for every pass: building it is a good part of validating a large estate.
    const detail::DesignIndex index(design);
    result.findings = detail::checkStructure(index);
    const bool broken =
        std::any_of(result.findings.begin(), result.findings.end(), [](const Finding& f) {
            return f.severity == Severity::Error &&
                   (f.id == "duplicate-id" || f.id == "empty-id" || f.id == "dangling-reference");
        });
    if (!broken) {
        // One simulation feeds both: the DNS checks read the egress identities of its traces.
        result.simulation = detail::simulateDesign(index);
        result.simulated = true;
        auto dns = detail::checkDns(index, result.simulation);
        auto& findings = result.findings;
        findings.insert(findings.end(), result.simulation.findings.begin(),
                        result.simulation.findings.end());
        findings.insert(findings.end(), std::make_move_iterator(dns.begin()),
                        std::make_move_iterator(dns.end()));
    }
    sortFindings(result.findings);
    return result;
}

std::vector<Finding> validateDesign(const model::Design& design) {
    return validateDesignWithTraces(design).findings;
}

}  // namespace mailtopo::analysis
