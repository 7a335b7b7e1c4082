#pragma once
// "Probe Live…": what to probe and how, and the explicit confirmation. The confirm button
// names the address and port ("Connect to 10.0.0.5:25") and the dialog says in words that a
// real server will be contacted, so nobody probes a production server by accident.

#include <QDialog>
#include <optional>
#include <vector>

#include "core/model/design.h"
#include "core/probe/probe_options.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace mailtopo::ui {

// A probe as the user set it up: the options for the wire and where it sits in the design.
struct ProbeRequest {
    probe::ProbeOptions options;
    model::Id element;  // the probed host or VIP
    model::Id source;   // the host the simulation starts from; empty: an internet sender
};

class ProbeSetupDialog : public QDialog {
    Q_OBJECT

public:
    // `candidates`: the probeable elements (a host, or a load balancer's VIPs); `preferred`
    // is selected first when it is one of them.
    ProbeSetupDialog(const model::Design& design, const std::vector<model::Id>& candidates,
                     const model::Id& preferred, QWidget* parent = nullptr);

    // The request the fields describe, or nothing while a field is invalid (error() says
    // which).
    std::optional<ProbeRequest> request() const;
    QString error() const { return error_; }

    QLineEdit* targetEdit() const { return target_; }
    QPushButton* confirmButton() const { return confirm_; }

private:
    void elementChanged();
    void refresh();

    const model::Design& design_;
    std::vector<model::Id> candidates_;
    QComboBox* element_;
    QLineEdit* target_;
    QLineEdit* from_;
    QLineEdit* domain_;
    QLineEdit* recipients_;
    QCheckBox* startTls_;
    QSpinBox* timeout_;
    QComboBox* source_;
    QLabel* warning_;
    QLabel* problem_;
    QPushButton* confirm_;
    QString error_;
};

}  // namespace mailtopo::ui
