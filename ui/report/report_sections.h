#pragma once
// Internal to the report: one function per section, each appending to the layout.

#include <QString>
#include <string>
#include <vector>

#include "core/analysis/simulation_checks.h"
#include "core/model/design.h"
#include "core/sim/trace.h"
#include "ui/report/report_layout.h"

namespace mailtopo::ui::report::sections {

inline QString qs(const std::string& text) {
    return QString::fromStdString(text);
}
// "EX16", "EX16\Relay", "FW1 inbound NAT smtp" …
QString label(const model::Design& design, const std::string& id);
QString dispositionText(const model::Design& design, const sim::Trace& trace);

void findings(ReportLayout& layout, const model::Design& design,
              const analysis::DesignValidation& validation);
// The hop table, packet path and SMTP dialogue of one trace.
void trace(ReportLayout& layout, const model::Design& design, const sim::Trace& trace);
void dnsAndSpf(ReportLayout& layout, const model::Design& design,
               const analysis::DesignValidation& validation);
void inventory(ReportLayout& layout, const model::Design& design);

}  // namespace mailtopo::ui::report::sections
