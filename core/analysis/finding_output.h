#pragma once
// Renders a list of findings for machines and people: plain text for terminals, JSON for
// scripts, SARIF 2.1.0 for CI systems that annotate code review. All three are
// deterministic: the same findings always give the same bytes.

#include <functional>
#include <string>
#include <vector>

#include "core/analysis/finding.h"

namespace mailtopo::analysis {

struct FindingSource {
    std::string file;  // the design file as the user named it
    std::string designName;
    // Maps a finding's JSON pointer to a 1-based (line, column); may be empty.
    std::function<std::pair<int, int>(const std::string& pointer)> locate;
};

std::string findingsToText(const std::vector<Finding>& findings, const FindingSource& source);
std::string findingsToJson(const std::vector<Finding>& findings, const FindingSource& source);
std::string findingsToSarif(const std::vector<Finding>& findings, const FindingSource& source,
                            const std::string& toolVersion);

struct SeverityCounts {
    int errors = 0;
    int warnings = 0;
    int infos = 0;
};
SeverityCounts countBySeverity(const std::vector<Finding>& findings);

}  // namespace mailtopo::analysis
