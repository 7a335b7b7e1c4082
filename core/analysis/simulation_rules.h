#pragma once
// Internal to core/analysis: what the simulation rules share. Configuration rules read the
// design (with the simulator's view of it: implicit connectors, source selection); trace
// rules read the traces of the design flows and the standard flows.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/analysis/check_context.h"
#include "core/analysis/simulation_catalog.h"
#include "core/analysis/simulation_checks.h"
#include "core/net/range_index.h"
#include "core/sim/simulator.h"

namespace mailtopo::analysis::detail {

// Every host address outside loopback adapters, sorted, so "which hosts lie in these
// RemoteIPRanges" is a binary search per entry instead of a scan of the design.
class AddressDirectory {
public:
    explicit AddressDirectory(const model::Design& design);
    // The hosts (other than `except`) with an address inside `ranges`, with that address, in
    // address order.
    std::vector<std::pair<const model::Host*, net::Address>> inRanges(
        const std::vector<net::IpRange>& ranges, const model::Id& except = {}) const;

private:
    std::vector<std::pair<net::Address, const model::Host*>> entries_;
};

// Every firewall's outbound NAT rules in document order, so "the first rule that maps one of
// these addresses" (R3's address to keep, R46's expected source) is a lookup per address
// rather than a scan of every rule: a perimeter firewall has one for every site.
class OutboundNatDirectory {
public:
    explicit OutboundNatDirectory(const model::Design& design);

    struct Mapping {
        net::Address inside;
        const model::OutboundNat* rule = nullptr;
    };
    // The first rule that maps any of `addresses`, with the first of them it maps.
    std::optional<Mapping> firstMapping(const std::vector<net::Address>& addresses) const;
    bool maps(const net::Address& address) const;

private:
    std::vector<const model::OutboundNat*> rules_;
    net::RangeIndex index_;  // every rule's inside sources; payload: position in rules_
};

struct SimulationContext {
    const DesignIndex& index;
    const AddressDirectory& addresses;
    const OutboundNatDirectory& outboundNat;
    const sim::Simulator& simulator;
    const std::vector<AnalysisFlow>& flows;
    const std::vector<sim::Trace>& traces;
};

// Anonymous sessions on this connector hold Accept-Any-Recipient (R25 M1), or it is
// ExternalAuthoritative (M2): whoever it selects may relay.
bool isRelayCapable(const model::ReceiveConnector& connector);
// R42's relay candidate: anonymous holds some right, the ranges are not "everything", and
// it binds port 25.
bool isRelayCandidate(const model::ReceiveConnector& connector);
// "10.0.0.60","10.0.0.61": a RemoteIPRanges argument from addresses.
std::string addressList(const std::vector<net::Address>& addresses);

// The JSON pointer of the design flow a trace comes from ("/flows/2"), or "" for a standard
// flow: where a finding about that trace points.
std::string flowPointer(const model::DesignLookup& lookup, const sim::Trace& trace);

// standardFlows and simulateDesign over what the caller already indexed: validation builds
// one index for every pass.
std::vector<AnalysisFlow> standardFlows(const model::DesignLookup& lookup);
SimulationResult simulateDesign(const DesignIndex& index);

void checkRelayConfiguration(const SimulationContext& context, FindingSink& sink);  // R40–R43
void checkHostConfiguration(const SimulationContext& context, FindingSink& sink);   // R3, R11, R46
void checkTraces(const SimulationContext& context,
                 FindingSink& sink);  // R1, R6, R7, R14, R17, R20, R30, R39, R46
// R1: design flows that end otherwise than their expectedDisposition says.
void checkExpectedDispositions(const SimulationContext& context, FindingSink& sink);

}  // namespace mailtopo::analysis::detail
