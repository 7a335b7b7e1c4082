// Entry point of the design-level DNS checks: gathers the senders whose SPF receivers will
// evaluate — the egress identities of the simulated traces and the internet senders of the
// design's own flows — evaluates each once against the external view, and runs the rules.

#include "core/analysis/dns_checks.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/analysis/dns_rules.h"
#include "core/analysis/simulation_rules.h"
#include "core/dns/dns_name.h"
#include "core/model/design_lookup.h"
#include "core/sim/send_routing.h"

namespace mailtopo::analysis {
namespace {

using detail::SpfSender;

std::string domainOf(std::string_view address) {
    const size_t at = address.rfind('@');
    return detail::lower(
        dns::stripTrailingDot(at == std::string_view::npos ? address : address.substr(at + 1)));
}

// A hop to a smart host is not what final receivers see: they see the smart host, which
// relays. Such hops end at a host of kind smart-host, or at an address a send connector
// lists as its smart host.
class RelayTargets {
public:
    RelayTargets(const model::DesignLookup& lookup, dns::Resolver& resolver) : lookup_(lookup) {
        for (const auto& connector : lookup.design().sendConnectors)
            for (const auto& name : connector.smartHosts)
                if (auto address = sim::resolveHostName(lookup, name, &resolver))
                    addresses_.insert(*address);
    }
    bool isRelay(const sim::Hop& hop) const {
        if (const auto* server = lookup_.host(hop.server);
            server != nullptr && server->kind == model::HostKind::SmartHost)
            return true;
        return hop.target && addresses_.count(*hop.target) > 0;
    }

private:
    const model::DesignLookup& lookup_;
    std::set<net::Address> addresses_;
};

// The senders in the order first seen, each one what a receiver tells apart, with each flow
// listed once: an estate sends thousands of flows through a handful of egress identities,
// so both are looked up rather than searched.
class SenderList {
public:
    SpfSender& senderFor(bool egress, const std::string& domain, const net::Address& address,
                         const std::string& helo) {
        const auto [it, added] =
            positions_.try_emplace(Key(egress, domain, address, helo), senders_.size());
        if (!added)
            return senders_[it->second];
        SpfSender& s = senders_.emplace_back();
        s.egress = egress;
        s.domain = domain;
        s.address = address;
        s.helo = helo;
        return s;
    }

    void addFlow(SpfSender& sender, const std::string& label, const std::string& pointer) {
        const auto position = static_cast<size_t>(&sender - senders_.data());
        if (listedFlows_.emplace(position, label).second)
            sender.flows.push_back(label);
        if (sender.flowPointer.empty())
            sender.flowPointer = pointer;
    }

    std::vector<SpfSender> take() { return std::move(senders_); }

private:
    using Key = std::tuple<bool, std::string, net::Address, std::string>;
    std::vector<SpfSender> senders_;
    std::map<Key, size_t> positions_;
    std::set<std::pair<size_t, std::string>> listedFlows_;  // (sender position, flow label)
};

std::vector<SpfSender> collectSenders(const model::DesignLookup& lookup,
                                      const SimulationResult& simulation,
                                      const detail::DesignZones& zones, dns::Resolver& resolver) {
    SenderList senders;
    const RelayTargets relays(lookup, resolver);
    for (size_t i = 0; i < simulation.traces.size() && i < simulation.flows.size(); ++i) {
        const auto& flow = simulation.flows[i];
        const auto& trace = simulation.traces[i];
        const std::string label = flowLabel(flow);
        const std::string pointer = detail::flowPointer(lookup, trace);
        for (const auto& hop : trace.hops) {
            if (!hop.egress || hop.egress->mailFromDomain.empty() || relays.isRelay(hop))
                continue;
            const std::string domain = detail::lower(hop.egress->mailFromDomain);
            if (!zones.covers(domain))
                continue;
            SpfSender& s =
                senders.senderFor(true, domain, hop.egress->publicAddress, hop.egress->heloName);
            if (s.flows.empty()) {
                s.identity = *hop.egress;
                s.client = hop.client;
                s.source = hop.chosenSource;
                s.mailFrom =
                    domainOf(trace.mailFrom) == domain ? trace.mailFrom : "postmaster@" + domain;
            }
            senders.addFlow(s, label, pointer);
        }
        // An internet sender of a design flow: receivers judge its own address.
        const auto* client = lookup.host(trace.sourceHost);
        const auto* first = trace.hops.empty() ? nullptr : &trace.hops.front();
        if (flow.purpose != FlowPurpose::DesignFlow || client == nullptr ||
            client->kind != model::HostKind::InternetSender || first == nullptr ||
            !first->chosenSource)
            continue;
        const std::string domain = domainOf(trace.mailFrom);
        if (domain.empty() || !zones.covers(domain))
            continue;
        const std::string helo = !flow.request.helo.empty() ? flow.request.helo
                                 : !client->fqdn.empty()    ? client->fqdn
                                                            : detail::hostLabel(*client);
        SpfSender& s = senders.senderFor(false, domain, *first->chosenSource, helo);
        if (s.flows.empty()) {
            s.client = client->id;
            s.source = first->chosenSource;
            s.mailFrom = trace.mailFrom;
        }
        senders.addFlow(s, label, pointer);
    }
    return senders.take();
}

bool hasExternalZone(const model::Design& design) {
    return std::any_of(design.dnsZones.begin(), design.dnsZones.end(),
                       [](const auto& zone) { return zone.view == model::DnsView::External; });
}

std::vector<SpfSender> evaluateSenders(const model::DesignLookup& lookup,
                                       const SimulationResult& simulation,
                                       const detail::DesignZones& zones, dns::Resolver& resolver) {
    auto senders = collectSenders(lookup, simulation, zones, resolver);
    dns::SpfOptions options;
    options.timestamp = 0;  // %{t}: findings must not depend on the clock
    const dns::SpfEvaluator evaluator(resolver, options);
    for (auto& sender : senders)
        sender.outcome = evaluator.checkHost(
            dns::SpfRequest::forMailFrom(sender.address, sender.mailFrom, sender.helo));
    return senders;
}

}  // namespace

std::vector<SpfSender> evaluateSpfSenders(const model::Design& design,
                                          const SimulationResult& simulation) {
    if (!hasExternalZone(design))
        return {};
    const detail::DesignZones zones(design, model::DnsView::External);
    detail::ScopedZoneResolver resolver(design, zones, model::DnsView::External);
    return evaluateSenders(model::DesignLookup(design), simulation, zones, resolver);
}

std::vector<Finding> checkDns(const model::Design& design, const SimulationResult& simulation) {
    return detail::checkDns(detail::DesignIndex(design), simulation);
}

namespace detail {

std::vector<Finding> checkDns(const DesignIndex& index, const SimulationResult& simulation) {
    const model::Design& design = index.design();
    if (!hasExternalZone(design))
        return {};  // nothing the design says about DNS can be judged
    const DesignZones zones(design, model::DnsView::External);
    ScopedZoneResolver resolver(design, zones, model::DnsView::External);
    const auto senders = evaluateSenders(index.lookup(), simulation, zones, resolver);
    const DnsContext context{design, index, zones, resolver, senders};
    FindingSink sink;
    checkSpfEgress(context, sink);
    checkSpfRecords(context, sink);
    checkReverseDns(context, sink);
    checkMxReachability(context, sink);
    auto findings = sink.take();
    sortFindings(findings);
    return findings;
}

}  // namespace detail

const std::vector<CheckInfo>& dnsRuleCatalog() {
    static const std::vector<CheckInfo> catalog(dnsrules::kAll.begin(), dnsrules::kAll.end());
    return catalog;
}

}  // namespace mailtopo::analysis
