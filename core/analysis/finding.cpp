#include "core/analysis/finding.h"

#include <algorithm>
#include <tuple>

namespace mailtopo::analysis {

void sortFindings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::make_tuple(-static_cast<int>(a.severity), std::cref(a.id), std::cref(a.pointer),
                               std::cref(a.message)) <
               std::make_tuple(-static_cast<int>(b.severity), std::cref(b.id), std::cref(b.pointer),
                               std::cref(b.message));
    });
}

}  // namespace mailtopo::analysis
