#include "ui/probe/probe_setup_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/probe/design_target.h"

namespace mailtopo::ui {
namespace {

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

}  // namespace

ProbeSetupDialog::ProbeSetupDialog(const model::Design& design,
                                   const std::vector<model::Id>& candidates,
                                   const model::Id& preferred, QWidget* parent)
    : QDialog(parent), design_(design), candidates_(candidates) {
    setObjectName(QStringLiteral("probeSetupDialog"));
    setWindowTitle(tr("Probe Live"));

    element_ = new QComboBox(this);
    element_->setObjectName(QStringLiteral("probeElement"));
    for (const auto& id : candidates_)
        element_->addItem(fromStd(probe::elementLabel(design, id)), fromStd(id));
    element_->setEnabled(candidates_.size() > 1);
    target_ = new QLineEdit(this);
    target_->setObjectName(QStringLiteral("probeTarget"));
    target_->setToolTip(
        tr("The address the probe connects to from this computer: IP, IP:PORT, "
           "[IPv6]:PORT or a host name. It may differ from the design's address "
           "(a public NAT address, a name)."));
    from_ = new QLineEdit(QString::fromLatin1(probe::kDefaultProbeSender), this);
    domain_ = new QLineEdit(fromStd(probe::defaultAcceptedDomain(design)), this);
    domain_->setObjectName(QStringLiteral("probeDomain"));
    domain_->setToolTip(
        tr("An accepted domain of the server: its postmaster is the local "
           "recipient and the spoofed sender's domain."));
    recipients_ = new QLineEdit(this);
    recipients_->setPlaceholderText(
        tr("postmaster@DOMAIN, %1").arg(QString::fromLatin1(probe::kDefaultRelayRecipient)));
    startTls_ = new QCheckBox(tr("Upgrade with STARTTLS before the tests"), this);
    startTls_->setToolTip(tr("A self-signed or mismatching certificate is accepted and reported."));
    timeout_ = new QSpinBox(this);
    timeout_->setRange(1, 120);
    timeout_->setValue(10);
    timeout_->setSuffix(tr(" s"));
    timeout_->setToolTip(
        tr("For connecting and for each reply; the whole probe stops after five "
           "times this."));
    source_ = new QComboBox(this);
    source_->setObjectName(QStringLiteral("probeSource"));
    source_->addItem(tr("An internet sender of the design"), QString());
    for (const auto& host : design.hosts) {
        if (host.kind != model::HostKind::ExchangeServer)
            source_->addItem(fromStd(probe::elementLabel(design, host.id)), fromStd(host.id));
    }
    source_->setToolTip(
        tr("Where the simulator puts the probing client when it predicts "
           "the outcome: the design element that stands for this computer."));

    auto* form = new QFormLayout;
    form->addRow(tr("Server:"), element_);
    form->addRow(tr("Connect to:"), target_);
    form->addRow(tr("Outside sender:"), from_);
    form->addRow(tr("Accepted domain:"), domain_);
    form->addRow(tr("Recipients:"), recipients_);
    form->addRow(QString(), startTls_);
    form->addRow(tr("Timeout:"), timeout_);
    form->addRow(tr("Simulate from:"), source_);

    warning_ = new QLabel(this);
    warning_->setObjectName(QStringLiteral("probeWarning"));
    warning_->setWordWrap(true);
    warning_->setTextFormat(Qt::RichText);
    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("probeProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    confirm_ = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    confirm_->setObjectName(QStringLiteral("probeConfirm"));
    // Cancel is the default: Enter must not start a connection to a real server.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    confirm_->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(warning_);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    for (QLineEdit* edit : {target_, from_, domain_, recipients_})
        connect(edit, &QLineEdit::textChanged, this, &ProbeSetupDialog::refresh);
    connect(element_, &QComboBox::currentIndexChanged, this, &ProbeSetupDialog::elementChanged);
    const auto preferredAt = std::find(candidates_.begin(), candidates_.end(), preferred);
    if (preferredAt != candidates_.end())
        element_->setCurrentIndex(static_cast<int>(preferredAt - candidates_.begin()));
    elementChanged();
}

void ProbeSetupDialog::elementChanged() {
    const model::Id id = element_->currentData().toString().toStdString();
    const auto suggested = probe::suggestedProbeTarget(design_, id);
    target_->setText(suggested ? fromStd(suggested->display()) : QString());
    refresh();
}

std::optional<ProbeRequest> ProbeSetupDialog::request() const {
    if (!error_.isEmpty() || element_->count() == 0)
        return std::nullopt;
    std::string problem;
    const auto target = probe::parseProbeTarget(target_->text().trimmed().toStdString(), &problem);
    if (!target)
        return std::nullopt;
    const std::string domain = domain_->text().trimmed().toLower().toStdString();
    ProbeRequest r;
    r.options = probe::standardProbeOptions(*target, domain);
    r.options.acceptedDomains = probe::acceptedDomainNames(design_);
    if (!domain.empty())
        r.options.acceptedDomains.insert(r.options.acceptedDomains.begin(), domain);
    r.options.mailFrom = from_->text().trimmed().toStdString();
    const QStringList recipients = recipients_->text().split(
        QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    if (!recipients.isEmpty()) {
        r.options.recipients.clear();
        for (const QString& rcpt : recipients)
            r.options.recipients.push_back(rcpt.toStdString());
    }
    r.options.startTls = startTls_->isChecked();
    r.options.limits = probe::ProbeLimits::fromSeconds(timeout_->value());
    r.element = element_->currentData().toString().toStdString();
    r.source = source_->currentData().toString().toStdString();
    return r;
}

void ProbeSetupDialog::refresh() {
    error_.clear();
    std::string problem;
    const auto target = probe::parseProbeTarget(target_->text().trimmed().toStdString(), &problem);
    if (element_->count() == 0)
        error_ = tr("Nothing here can be probed.");
    else if (!target)
        error_ = tr("Connect to: %1").arg(fromStd(problem));
    if (error_.isEmpty()) {
        if (const std::string why = probe::mailboxProblem(from_->text().trimmed().toStdString());
            !why.empty())
            error_ = tr("Outside sender: %1").arg(fromStd(why));
    }
    const QStringList recipients = recipients_->text().split(
        QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& rcpt : recipients) {
        if (!error_.isEmpty())
            break;
        if (const std::string why = probe::mailboxProblem(rcpt.toStdString()); !why.empty())
            error_ = tr("Recipients: %1").arg(fromStd(why));
    }
    const QString domain = domain_->text().trimmed();
    if (error_.isEmpty() && !domain.isEmpty()) {
        // The check mailtopo-cli probe --domain makes, so both faces refuse the same values.
        if (const std::string why = probe::domainProblem(domain.toStdString()); !why.empty())
            error_ = tr("Accepted domain: %1").arg(fromStd(why));
    }

    const QString where = target ? fromStd(target->display()).toHtmlEscaped() : tr("the server");
    warning_->setText(
        tr("<b>This touches a real server.</b> MailTopo will open an SMTP connection from this "
           "computer to <b>%1</b> and try MAIL FROM and RCPT TO: a local recipient, a relay to a "
           "domain the server should refuse, and a spoofed sender of the accepted domain. It "
           "never sends DATA, so no message is delivered. Probe only servers you are "
           "responsible for.")
            .arg(where));
    problem_->setText(error_);
    problem_->setVisible(!error_.isEmpty());
    confirm_->setText(target ? tr("Connect to %1").arg(fromStd(target->display())) : tr("Connect"));
    confirm_->setEnabled(error_.isEmpty());
}

}  // namespace mailtopo::ui
