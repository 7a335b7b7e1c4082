#pragma once
// "Trace…": an ad-hoc SMTP connection attempt, set up in a form and traced by the simulator
// as a design flow would be. Source host; target (a host, a load balancer's VIP, an
// address with an optional port, or mx:DOMAIN); port; envelope and HELO; the source address
// (automatic, or one the source host has); the pool member when the target is a VIP. Input
// that does not parse is marked and said in words under the form; nothing is traced then.
// "Trace" shows the result in the Traces dock, where it plays like a design flow; "Save as
// Flow" adds it to the design (one undoable step). The window only reads the design: what
// it asks for is done by the main window.

#include <QDialog>
#include <optional>

#include "core/model/design.h"
#include "core/sim/simulator.h"
#include "core/sim/trace.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace mailtopo::ui {

class DesignDocument;

class TraceDialog : public QDialog {
    Q_OBJECT

public:
    explicit TraceDialog(DesignDocument* document, QWidget* parent = nullptr);

    // Preset the form (the context menus' "Trace from here…"); the cursor goes to To:.
    // MAIL FROM follows the source: what a new flow from it sends with.
    void setSource(const QString& hostId);
    // As the user would type it: "10.0.0.5:25", "mx:contoso.com", a host's name, or the text
    // of one of the target list's entries.
    void setTarget(const QString& text);

    // The request the form describes, or nullopt after marking what is wrong (problems()).
    std::optional<sim::TraceRequest> request();
    // The same as a flow for the design (no id: the design gives it one).
    std::optional<model::Flow> flow();
    QString problems() const;

    // What the trace came to, in one line under the form.
    void showOutcome(const sim::Trace& trace);
    QString outcome() const;

    QComboBox* sourceBox() const { return source_; }
    QComboBox* targetBox() const { return target_; }
    QSpinBox* portBox() const { return port_; }
    QLineEdit* mailFromEdit() const { return mailFrom_; }
    QLineEdit* rcptEdit() const { return rcpt_; }
    QLineEdit* heloEdit() const { return helo_; }
    QLineEdit* nameEdit() const { return name_; }
    QComboBox* sourceAddressBox() const { return sourceAddress_; }
    QComboBox* poolMemberBox() const { return poolMember_; }
    QPushButton* traceButton() const { return traceButton_; }
    QPushButton* saveButton() const { return saveButton_; }

signals:
    void traceRequested(const sim::TraceRequest& request);
    void saveRequested(const model::Flow& flow);

public slots:
    void runTrace();
    void saveAsFlow();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Target {
        std::string destination;
        std::optional<uint16_t> port;
        const model::Vip* vip = nullptr;  // the VIP at that address and port, if any
    };

    // The design's hosts, VIPs and accepted domains offered again, keeping what is chosen.
    void reloadChoices();
    // Before anything reads or presets the lists: they may be from before the last change.
    void reloadIfStale();
    bool choicesStale_ = false;  // the design changed while the form was hidden
    void reloadSourceAddresses();
    void reloadPoolMembers();
    // MAIL FROM takes what a new flow from the source host sends with (edit::defaultMailFrom):
    // always for another source, else only over what the source gave before.
    void takeSourceSender(bool sourceChanged);
    // The target as the form reads it now; `problem` says why it does not.
    std::optional<Target> currentTarget(QString* problem) const;
    void targetChosen();
    void clearMarks();
    void mark(QWidget* field, const QString& problem);

    DesignDocument* document_;
    QComboBox* source_;
    QComboBox* target_;
    QSpinBox* port_;
    QLineEdit* mailFrom_;
    QLineEdit* rcpt_;
    QLineEdit* helo_;
    QComboBox* sourceAddress_;
    QComboBox* poolMember_;
    QLineEdit* name_;
    QLabel* problems_;
    QLabel* outcome_;
    QPushButton* traceButton_;
    QPushButton* saveButton_;
    QStringList problemList_;
    QString sourceSender_;  // the MAIL FROM the source gave the form
};

}  // namespace mailtopo::ui
