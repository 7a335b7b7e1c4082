#include "ui/probe/probe_controller.h"

#include <QProgressDialog>
#include <QWidget>

#include "core/probe/design_target.h"
#include "core/probe/probe_findings.h"
#include "core/probe/smtp_probe.h"
#include "ui/document/design_document.h"

namespace mailtopo::ui {

ProbeController::ProbeController(DesignDocument* document, QWidget* window)
    : QObject(window), document_(document), window_(window) {}

ProbeController::~ProbeController() {
    if (probe_)
        probe_->cancel();
}

std::vector<model::Id> ProbeController::candidatesFor(const QString& cardElementId) const {
    if (!document_->hasDesign() || cardElementId.isEmpty())
        return {};
    return probe::probeableElementsOf(document_->design(), cardElementId.toStdString());
}

ProbeSetupDialog* ProbeController::ask(const std::vector<model::Id>& candidates,
                                       const model::Id& preferred) {
    if (candidates.empty() || !document_->hasDesign() || isRunning())
        return nullptr;
    if (setup_)
        setup_->close();
    auto* dialog = new ProbeSetupDialog(document_->design(), candidates, preferred, window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto request = dialog->request())
            run(*request);
    });
    setup_ = dialog;
    dialog->open();
    return dialog;
}

void ProbeController::run(const ProbeRequest& request) {
    if (isRunning() || !document_->hasDesign())
        return;
    request_ = request;
    design_ = document_->design();
    designFile_ = document_->filePath();
    probe_ = new probe::SmtpProbe(request.options, this);

    auto* progress = new QProgressDialog(window_);
    progress->setObjectName(QStringLiteral("probeProgress"));
    progress->setWindowTitle(tr("Probe Live"));
    progress->setLabelText(
        tr("Connecting to %1…").arg(QString::fromStdString(request.options.target.display())));
    progress->setCancelButtonText(tr("Cancel"));
    // Each step is one command and its reply; the planned tests give the expected count.
    progress->setRange(0, static_cast<int>(6 + 2 * probe_->plannedTests().size()));
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setWindowModality(Qt::WindowModal);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress_ = progress;
    connect(progress, &QProgressDialog::canceled, probe_, &probe::SmtpProbe::cancel);
    connect(probe_, &probe::SmtpProbe::progress, progress, [progress](const QString& line) {
        progress->setLabelText(line);
        progress->setValue(std::min(progress->maximum(), progress->value() + 1));
    });
    connect(probe_, &probe::SmtpProbe::finished, this, &ProbeController::finished);
    progress->open();
    probe_->start();
}

void ProbeController::finished() {
    ProbeOutcome outcome;
    outcome.result = probe_->result();
    const std::vector<probe::ProbeTest> tests = probe_->plannedTests();
    probe_->deleteLater();
    probe_ = nullptr;
    if (progress_)
        progress_->close();

    const model::Design& design = *design_;
    outcome.elementLabel = probe::elementLabel(design, request_.element);
    outcome.designFile = designFile_.toStdString();
    outcome.findings = probe::probeFindings(outcome.result, request_.element);
    std::string problem;
    const auto target = probe::resolveDesignTarget(design, request_.element, request_.source,
                                                   request_.options.target, &problem);
    if (target) {
        const auto predictions = probe::predictTests(design, *target, tests, outcome.result.helo);
        outcome.comparison = probe::compareWithDesign(design, *target, predictions, outcome.result);
        outcome.findings.insert(outcome.findings.end(), outcome.comparison->findings.begin(),
                                outcome.comparison->findings.end());
        analysis::sortFindings(outcome.findings);
    } else {
        outcome.noPrediction = problem;
    }
    design_.reset();

    auto* dialog = new ProbeResultDialog(std::move(outcome), window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    result_ = dialog;
    dialog->show();
    emit resultShown(dialog);
}

}  // namespace mailtopo::ui
