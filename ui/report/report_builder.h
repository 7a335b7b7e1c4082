#pragma once
// What the report says, in which order: the cover with a one-line verdict, the findings
// summary, the topology diagram, every finding with its evidence, remediation and the trace
// that proves it, the DNS/SPF evaluations, and an inventory of the design. The layout
// decides where it goes; the writer (report_writer.h) turns it into a PDF or page images.

#include <QDateTime>
#include <QString>
#include <memory>

#include "core/analysis/simulation_checks.h"
#include "core/model/design.h"
#include "ui/report/report_layout.h"

namespace mailtopo::ui::report {

struct ReportInput {
    const model::Design* design = nullptr;
    QString fileName;  // shown on the cover; may be empty
    QDateTime generated;
    Paper paper = Paper::A4;
};

// The design's name (up to kShownTitleCharacters), else the file's base name, else "Untitled
// design".
QString reportTitle(const ReportInput& input);

// Builds and finishes the layout. Needs a QApplication (the diagram). `validation` is
// validateDesignWithTraces(*input.design).
std::unique_ptr<ReportLayout> buildReport(const ReportInput& input,
                                          const analysis::DesignValidation& validation);

// "Not ready: 2 errors, 1 warning — Internet open relay" / "Ready: no errors or warnings".
QString verdictLine(const std::vector<analysis::Finding>& findings);

}  // namespace mailtopo::ui::report
