// The design's own expectations: a design flow may say how its trace should end
// ("expectedDisposition"); one that ends otherwise is an error, so a change that breaks a
// path the design relies on shows up in `validate` and in the GUI's findings, not only when
// someone re-runs `mailtopo-cli trace --expect`.

#include "core/analysis/simulation_rules.h"
#include "core/util/text_join.h"

namespace mailtopo::analysis::detail {

void checkExpectedDispositions(const SimulationContext& context, FindingSink& sink) {
    for (size_t i = 0; i < context.traces.size() && i < context.flows.size(); ++i) {
        if (context.flows[i].purpose != FlowPurpose::DesignFlow)
            continue;
        const sim::Trace& trace = context.traces[i];
        // Flow ids are unique here: validation does not simulate a design with duplicate ids.
        const model::Flow* flow = context.index.lookup().flow(trace.flowId);
        if (flow == nullptr || !flow->expectedDisposition ||
            *flow->expectedDisposition == trace.disposition.kind) {
            continue;
        }
        const std::string where = flowLabel(context.flows[i]);
        const sim::Disposition& ended = trace.disposition;
        std::vector<std::string> elements{flow->id};
        if (!ended.element.empty() && ended.element != flow->id)
            elements.push_back(ended.element);
        const std::string actual(enumName(ended.kind));
        sink.report(
            rules::kFlowDispositionUnexpected,
            {.message = cat(where, ": expected ", enumName(*flow->expectedDisposition),
                            ", the trace ends ", actual, ended.text.empty() ? "" : ": ", ended.text,
                            ended.element.empty() ? "" : " (at ", ended.element,
                            ended.element.empty() ? "" : ")"),
             .elements = elements,
             .pointer = cat(flowPointer(context.index.lookup(), trace), "/expectedDisposition"),
             .remediation = cat("Trace the flow (mailtopo-cli trace <design> --flow ", flow->id,
                                ") to see where it turns and fix the design there; if the new "
                                "outcome is intended, set its \"expectedDisposition\" to \"",
                                actual, "\"."),
             .flow = where});
    }
}

}  // namespace mailtopo::analysis::detail
