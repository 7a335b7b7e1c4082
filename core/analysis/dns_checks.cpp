// Entry point of the design-level DNS checks: gathers the senders whose SPF receivers will
// evaluate — the egress identities of the simulated traces and the internet senders of the
// design's own flows — evaluates each once against the external view, and runs the rules.

#include "core/analysis/dns_checks.h"

#include <algorithm>
#include <map>
#include <optional>
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
                    names_.try_emplace(*address, name);
    }
    bool isRelay(const sim::Hop& hop) const {
        if (const auto* server = lookup_.host(hop.server);
            server != nullptr && server->kind == model::HostKind::SmartHost)
            return true;
        return hop.target && names_.count(*hop.target) > 0;
    }
    // The name a send connector lists for the smart host at `address`, else its text.
    std::string nameOf(const net::Address& address) const {
        const auto it = names_.find(address);
        return it != names_.end() ? it->second : address.toString();
    }

private:
    const model::DesignLookup& lookup_;
    std::map<net::Address, std::string> names_;
};

// R29: a smart host that takes the message and whose own onward connection the trace does
// not show — a relay outside the design, or one in it without next hops — still sends as
// itself: receivers judge its address. Known when it is outside the design (the hop left
// for it) or holds an address on an internet segment; a relay behind NAT needs next hops
// ("mx:") to be traced instead.
struct RelayIdentity {
    net::Address address;
    std::string helo;
    std::string name;  // how findings name the smart host
    model::Id host;    // empty when the relay is outside the design
};

std::optional<RelayIdentity> relayOnwardIdentity(const model::DesignLookup& lookup,
                                                 const RelayTargets& relays,
                                                 const sim::Trace& trace, const sim::Hop& hop) {
    const auto kind = trace.disposition.kind;
    if (!hop.target ||
        (kind != model::DispositionKind::Delivered && kind != model::DispositionKind::Relayed))
        return std::nullopt;
    const auto* server = lookup.host(hop.server);
    if (server == nullptr) {
        if (!hop.egress)
            return std::nullopt;  // ended inside the design without a server
        const std::string name = relays.nameOf(*hop.target);
        return RelayIdentity{*hop.target, name, name, {}};
    }
    if (!hop.localAddress)
        return std::nullopt;
    const bool onInternet =
        std::any_of(server->nics.begin(), server->nics.end(), [&](const model::Nic& nic) {
            return detail::isInternetSegment(lookup, nic.segmentId) &&
                   std::any_of(nic.addresses.begin(), nic.addresses.end(),
                               [&](const auto& a) { return a.address == *hop.localAddress; });
        });
    if (!onInternet)
        return std::nullopt;
    // The name it would say EHLO with, as the simulator has a relay do.
    return RelayIdentity{*hop.localAddress, sim::relayHeloName(*server), detail::hostLabel(*server),
                         server->id};
}

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
        const std::string domain = domainOf(trace.mailFrom);
        auto record = [&](const std::string& egressDomain, const sim::EgressIdentity& identity,
                          const model::Id& client, const std::optional<net::Address>& source,
                          const std::string& smartHost) {
            SpfSender& s =
                senders.senderFor(true, egressDomain, identity.publicAddress, identity.heloName);
            if (s.flows.empty()) {
                s.identity = identity;
                s.client = client;
                s.source = source;
                s.smartHost = smartHost;
                s.mailFrom = domain == egressDomain ? trace.mailFrom : "postmaster@" + egressDomain;
            }
            senders.addFlow(s, label, pointer);
        };
        // Every hop that leaves the design, all along a chain of relays.
        for (size_t h = 0; h < trace.hops.size(); ++h) {
            const auto& hop = trace.hops[h];
            if (relays.isRelay(hop)) {
                // The last hop hands the message to a smart host that sends it on unseen.
                const auto relay = h + 1 == trace.hops.size()
                                       ? relayOnwardIdentity(lookup, relays, trace, hop)
                                       : std::nullopt;
                if (!relay || domain.empty() || !zones.covers(domain))
                    continue;
                sim::EgressIdentity identity;
                identity.publicAddress = relay->address;
                identity.heloName = relay->helo;
                identity.mailFromDomain = domain;
                record(domain, identity, relay->host, relay->address, relay->name);
                continue;
            }
            if (!hop.egress || hop.egress->mailFromDomain.empty())
                continue;
            const std::string hopDomain = detail::lower(hop.egress->mailFromDomain);
            if (!zones.covers(hopDomain))
                continue;
            // A hop that starts at a smart host the previous hop handed the message to.
            const bool fromSmartHost = h > 0 && relays.isRelay(trace.hops[h - 1]);
            const auto* client = lookup.host(hop.client);
            record(hopDomain, *hop.egress, hop.client, hop.chosenSource,
                   fromSmartHost && client != nullptr ? detail::hostLabel(*client) : "");
        }
        // An internet sender of a design flow: receivers judge its own address.
        const auto* client = lookup.host(trace.sourceHost);
        const auto* first = trace.hops.empty() ? nullptr : &trace.hops.front();
        if (flow.purpose != FlowPurpose::DesignFlow || client == nullptr ||
            client->kind != model::HostKind::InternetSender || first == nullptr ||
            !first->chosenSource)
            continue;
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
