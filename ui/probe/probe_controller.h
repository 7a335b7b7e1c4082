#pragma once
// Runs "Probe Live…" for the main window: asks (ProbeSetupDialog), probes without blocking
// the GUI thread (SmtpProbe is asynchronous on the event loop) behind a progress dialog that
// can cancel, then predicts the same tests with the simulator and shows both
// (ProbeResultDialog). One probe at a time.

#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <memory>
#include <optional>

#include "core/model/design.h"
#include "ui/probe/probe_result_dialog.h"
#include "ui/probe/probe_setup_dialog.h"

class QWidget;

namespace mailtopo::probe {
class SmtpProbe;
}

namespace mailtopo::ui {

class DesignDocument;

class ProbeController : public QObject {
    Q_OBJECT

public:
    ProbeController(DesignDocument* document, QWidget* window);
    ~ProbeController() override;

    // The elements "Probe Live…" can target for a selected card (a host, or a load
    // balancer's VIPs); empty when it cannot.
    std::vector<model::Id> candidatesFor(const QString& cardElementId) const;

    // Opens the setup dialog (window-modal, not blocking); a confirmed dialog starts the probe.
    ProbeSetupDialog* ask(const std::vector<model::Id>& candidates, const model::Id& preferred);
    // Starts at once: for a request confirmed elsewhere (the dialog, or the command line).
    void run(const ProbeRequest& request);

    bool isRunning() const { return probe_ != nullptr; }
    QProgressDialog* progressDialog() const { return progress_; }
    ProbeResultDialog* resultDialog() const { return result_; }

signals:
    void resultShown(ProbeResultDialog* dialog);

private:
    void finished();

    DesignDocument* document_;
    QWidget* window_;
    QPointer<ProbeSetupDialog> setup_;
    QPointer<QProgressDialog> progress_;
    QPointer<ProbeResultDialog> result_;
    probe::SmtpProbe* probe_ = nullptr;
    ProbeRequest request_;
    // The design as it was when the probe started: the prediction must not see a design
    // opened while the probe ran.
    std::optional<model::Design> design_;
    QString designFile_;
};

}  // namespace mailtopo::ui
