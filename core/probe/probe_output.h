#pragma once
// Renderings of a probe: text a person reads top to bottom (the dialogue with timings, what
// the server advertised, the tests, the verdicts, the design's prediction beside reality, the
// findings) and JSON with every field for scripts. Only reads; decides nothing.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/finding.h"
#include "core/probe/design_comparison.h"
#include "core/probe/probe_result.h"

namespace mailtopo::probe {

struct ProbeReport {
    const ProbeResult* result = nullptr;
    const DesignComparison* comparison = nullptr;  // with --design
    std::string designFile;                        // as the user named it
    std::vector<analysis::Finding> findings;       // probe findings and mismatches, sorted
};

// One line for a test's outcome in the verdict section ("refused: 554 5.7.1 …").
std::string verdictText(const ProbeResult& result);

std::string probeReportToText(const ProbeReport& report);
nlohmann::ordered_json probeReportToJson(const ProbeReport& report);
std::string probeReportToJsonText(const ProbeReport& report);

}  // namespace mailtopo::probe
