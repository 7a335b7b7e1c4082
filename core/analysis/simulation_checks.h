#pragma once
// The simulator's registered rules (R39–R46 and the configuration flags the traces raise):
// derive the standard flows of a design (internet senders to every reachable SMTP entry with
// the open-relay and spoof probes, Exchange to Exchange hops, application clients to what
// they submit to, VIPs to their pool members, outbound paths), trace them together with the
// design's own flows, and turn what the traces show into findings with evidence and a
// remediation in the design's own names.

#include <optional>
#include <string_view>
#include <vector>

#include "core/analysis/finding.h"
#include "core/analysis/structure_checks.h"
#include "core/model/design.h"
#include "core/sim/simulator.h"
#include "core/sim/trace.h"

namespace mailtopo::analysis {

// What kind of standard flow a request stands for; findings cite it.
enum class FlowPurpose : uint8_t {
    DesignFlow,    // listed in the design's flows
    RelayProbe,    // internet host, external MAIL FROM, non-accepted RCPT (R39)
    SpoofProbe,    // internet host, accepted-domain MAIL FROM (R41)
    ExchangeHop,   // Exchange server to Exchange server (R26)
    ClientSubmit,  // application client to its configured server
    VipMember,     // a VIP to each pool member
    Outbound,      // Exchange server through its send connectors to the internet
};

struct AnalysisFlow {
    FlowPurpose purpose = FlowPurpose::DesignFlow;
    sim::TraceRequest request;
};

std::vector<AnalysisFlow> standardFlows(const model::Design& design);

// How findings and reports name a flow: "flow 'EX16 to 203.0.113.25'" for a design flow,
// "relay-probe 'INET to 198.51.100.25:25'" for a standard one (Finding::flow).
std::string flowLabel(const AnalysisFlow& flow);

struct SimulationResult {
    std::vector<AnalysisFlow> flows;  // design flows first, then standard flows
    std::vector<sim::Trace> traces;   // one per flow, same order
    std::vector<Finding> findings;    // sorted (sortFindings)
};

// Traces every design flow and standard flow and applies every simulation rule.
SimulationResult simulateDesign(const model::Design& design);

// Every rule simulateDesign can report, for `validate --list-rules`, SARIF and the docs.
const std::vector<CheckInfo>& simulationRuleCatalog();

// Structural checks, simulation rules and the DNS checks of dns_checks.h together, sorted:
// what `mailtopo-cli validate` reports. The simulation runs only when the structure has no error,
// because a dangling reference or a duplicate id makes every trace meaningless.
std::vector<Finding> validateDesign(const model::Design& design);

// The flow whose trace shows `finding`, as an index into simulation.flows: the flow it names
// (Finding::flow); else, for a finding read from the configuration, the flow whose trace
// touches the most of its elements (as client, server, receive connector, a device that
// decided a step, or a flag) among those that touch its first, most relevant element.
// nullopt when no flow touches it.
std::optional<size_t> provingFlow(const Finding& finding, const SimulationResult& simulation);

// validateDesign with the simulation kept: the report and the editor show the traces that
// prove the findings. `simulated` is false when structural errors stopped the simulation.
struct DesignValidation {
    std::vector<Finding> findings;  // sorted (sortFindings)
    SimulationResult simulation;
    bool simulated = false;
};
DesignValidation validateDesignWithTraces(const model::Design& design);

}  // namespace mailtopo::analysis

namespace mailtopo {
template <>
struct EnumTraits<analysis::FlowPurpose> {
    static constexpr std::pair<analysis::FlowPurpose, std::string_view> list[] = {
        {analysis::FlowPurpose::DesignFlow, "design-flow"},
        {analysis::FlowPurpose::RelayProbe, "relay-probe"},
        {analysis::FlowPurpose::SpoofProbe, "spoof-probe"},
        {analysis::FlowPurpose::ExchangeHop, "exchange-hop"},
        {analysis::FlowPurpose::ClientSubmit, "client-submit"},
        {analysis::FlowPurpose::VipMember, "vip-member"},
        {analysis::FlowPurpose::Outbound, "outbound"}};
    static constexpr auto items = std::to_array(list);
};
}  // namespace mailtopo
