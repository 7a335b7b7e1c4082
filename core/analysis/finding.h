#pragma once
// A finding: something about a design that the user should know, from a structural check
// today and from the simulator's registered rules later. Findings are data; the CLI, the
// GUI's findings dock and the PDF report all render the same list.

#include <string>
#include <string_view>
#include <vector>

#include "core/util/enum_text.h"

namespace mailtopo::analysis {

enum class Severity : uint8_t { Info, Warning, Error };

struct Finding {
    std::string id;  // stable kebab-case rule id, e.g. "dangling-reference"
    Severity severity = Severity::Error;
    std::string title;                  // one line, the same for every finding of this rule
    std::string message;                // this occurrence, naming the elements and values involved
    std::string rule;                   // domain rule it rests on ("R19"), empty for pure structure
    std::vector<std::string> elements;  // ids of the affected elements, most relevant first
    std::string pointer;      // JSON pointer of the offending value in the .mailtopo document
    std::string remediation;  // how to fix it (text; PowerShell where it applies)
    // The flow whose trace shows it, as analysis::flowLabel() names it ("relay-probe 'INET
    // to 203.0.113.10:25'"); empty for a finding read from the configuration alone. The
    // report prints that trace as the finding's proof and the editor replays it.
    std::string flow;

    bool operator==(const Finding&) const = default;
};

// Sorts findings into the canonical order used by every output: severity (errors first),
// then id, then pointer, then message. Makes output independent of check order.
void sortFindings(std::vector<Finding>& findings);

}  // namespace mailtopo::analysis

namespace mailtopo {
template <>
struct EnumTraits<analysis::Severity> {
    static constexpr std::pair<analysis::Severity, std::string_view> list[] = {
        {analysis::Severity::Info, "info"},
        {analysis::Severity::Warning, "warning"},
        {analysis::Severity::Error, "error"}};
    static constexpr auto items = std::to_array(list);
};
}  // namespace mailtopo
