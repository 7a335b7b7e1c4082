#pragma once
// The outcome of a live probe: each test with the server's exact reply beside what the
// design predicts, mismatches marked, the findings with their fixes, and the whole dialogue
// with timings on a second tab. It only shows; the probe and the comparison decided.

#include <QDialog>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/finding.h"
#include "core/probe/design_comparison.h"
#include "core/probe/probe_result.h"

class QTableWidget;
class QTextBrowser;

namespace mailtopo::ui {

struct ProbeOutcome {
    std::string elementLabel;  // "EX16"
    probe::ProbeResult result;
    std::optional<probe::DesignComparison> comparison;
    std::string noPrediction;  // why there is no comparison, when there is none
    std::vector<analysis::Finding> findings;
    std::string designFile;
};

class ProbeResultDialog : public QDialog {
    Q_OBJECT

public:
    explicit ProbeResultDialog(ProbeOutcome outcome, QWidget* parent = nullptr);

    const ProbeOutcome& outcome() const { return outcome_; }
    QTableWidget* testTable() const { return tests_; }
    QTextBrowser* findingView() const { return findings_; }
    // The full text report (what `mailtopo-cli probe` prints), for the Dialogue tab and Copy.
    QString reportText() const;

private:
    ProbeOutcome outcome_;
    QTableWidget* tests_;
    QTextBrowser* findings_;
};

}  // namespace mailtopo::ui
