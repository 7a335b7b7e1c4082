#include "ui/mainwindow/trace_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <functional>

#include "core/edit/sub_elements.h"
#include "core/probe/design_target.h"
#include "core/sim/trace_target.h"
#include "ui/document/design_document.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/inspector/field_parsers.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

const QString kInvalidStyle = QStringLiteral("background: #fde8e8; border: 1px solid #c62828;");

// What a target list entry stands for.
constexpr int kDestinationRole = Qt::UserRole;
constexpr int kPortRole = Qt::UserRole + 1;  // 0: the entry gives no port

QString nameOf(const model::Host& host) {
    return fromStd(host.name.empty() ? host.id : host.name);
}

// Keeps a combo box's choice (by data) across a refill.
void refill(QComboBox* box, const std::function<void()>& fill) {
    const QVariant kept = box->currentData();
    const QSignalBlocker block(box);
    box->clear();
    fill();
    const int index = box->findData(kept);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

}  // namespace

TraceDialog::TraceDialog(DesignDocument* document, QWidget* parent)
    : QDialog(parent),
      document_(document),
      source_(new QComboBox(this)),
      target_(new QComboBox(this)),
      port_(new QSpinBox(this)),
      mailFrom_(new QLineEdit(this)),
      rcpt_(new QLineEdit(this)),
      helo_(new QLineEdit(this)),
      sourceAddress_(new QComboBox(this)),
      poolMember_(new QComboBox(this)),
      name_(new QLineEdit(this)),
      problems_(new QLabel(this)),
      outcome_(new QLabel(this)) {
    setObjectName(QStringLiteral("traceDialog"));
    setWindowTitle(tr("Trace a Connection"));
    setSizeGripEnabled(true);

    source_->setObjectName(QStringLiteral("traceSource"));
    source_->setToolTip(tr("The host that opens the connection."));
    target_->setObjectName(QStringLiteral("traceTarget"));
    target_->setEditable(true);
    target_->setInsertPolicy(QComboBox::NoInsert);
    target_->setToolTip(
        tr("Where it connects: choose a host, a VIP or an accepted domain's MX, or type an "
           "address with an optional port (10.0.0.5, 10.0.0.5:587, [2001:db8::5]:25), "
           "mx:DOMAIN, or a host's name."));
    target_->lineEdit()->setPlaceholderText(tr("host, VIP, IP[:port] or mx:domain"));
    port_->setObjectName(QStringLiteral("tracePort"));
    port_->setRange(1, 65535);
    port_->setValue(25);
    port_->setToolTip(tr("The TCP port, unless the target gives one."));
    mailFrom_->setObjectName(QStringLiteral("traceMailFrom"));
    mailFrom_->setPlaceholderText(tr("sender@example.com"));
    rcpt_->setObjectName(QStringLiteral("traceRcpt"));
    rcpt_->setPlaceholderText(tr("one@contoso.com, two@fabrikam.com"));
    rcpt_->setToolTip(tr("RCPT TO addresses, comma-separated."));
    helo_->setObjectName(QStringLiteral("traceHelo"));
    helo_->setPlaceholderText(tr("the source host's FQDN"));
    sourceAddress_->setObjectName(QStringLiteral("traceSourceAddress"));
    sourceAddress_->setToolTip(
        tr("Bind the client to one of its addresses, or let the host choose as Windows or "
           "its OS would (R2)."));
    poolMember_->setObjectName(QStringLiteral("tracePoolMember"));
    poolMember_->setToolTip(tr("Which pool member the load balancer sends this connection to."));
    name_->setObjectName(QStringLiteral("traceName"));
    name_->setToolTip(tr("How the trace (and the flow, when saved) is named."));
    name_->setPlaceholderText(tr("empty: “FROM to TO”"));
    problems_->setObjectName(QStringLiteral("traceProblems"));
    problems_->setWordWrap(true);
    problems_->setStyleSheet(QStringLiteral("color: #c62828;"));
    problems_->hide();
    outcome_->setObjectName(QStringLiteral("traceOutcome"));
    outcome_->setWordWrap(true);
    outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outcome_->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&From host:"), source_);
    form->addRow(tr("&To:"), target_);
    form->addRow(tr("&Port:"), port_);
    form->addRow(tr("&MAIL FROM:"), mailFrom_);
    form->addRow(tr("&RCPT TO:"), rcpt_);
    // What a flow needs first; how the client connects, which the defaults mostly say, after.
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&HELO:"), helo_);
    form->addRow(tr("&Source address:"), sourceAddress_);
    form->addRow(tr("Pool &member:"), poolMember_);

    auto* buttons = new QDialogButtonBox(this);
    traceButton_ = buttons->addButton(tr("&Trace"), QDialogButtonBox::ActionRole);
    traceButton_->setObjectName(QStringLiteral("traceRun"));
    traceButton_->setDefault(true);
    traceButton_->setToolTip(tr("Trace it and play the trace in the Traces panel"));
    saveButton_ = buttons->addButton(tr("Save as &Flow"), QDialogButtonBox::ActionRole);
    saveButton_->setObjectName(QStringLiteral("traceSave"));
    saveButton_->setToolTip(tr("Add it to the design's flows, so validation traces it every time"));
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(traceButton_, &QPushButton::clicked, this, &TraceDialog::runTrace);
    connect(saveButton_, &QPushButton::clicked, this, &TraceDialog::saveAsFlow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problems_);
    layout->addWidget(outcome_);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());

    connect(source_, &QComboBox::currentIndexChanged, this, [this] {
        reloadSourceAddresses();
        takeSourceSender(true);
        clearMarks();
    });
    connect(target_, &QComboBox::currentTextChanged, this, &TraceDialog::targetChosen);
    connect(port_, &QSpinBox::valueChanged, this, &TraceDialog::reloadPoolMembers);
    // The form follows the design (a host renamed, a VIP added, an undo, another design):
    // now if the form is open, else when it opens (filling its lists on every keystroke in
    // the inspector would cost thousands of rows on a large estate).
    const auto follow = [this] {
        if (isVisible())
            reloadChoices();
        else
            choicesStale_ = true;
    };
    connect(document_, &DesignDocument::designReset, this, follow);
    connect(document_, &DesignDocument::designChanged, this, follow);
    reloadChoices();
}

void TraceDialog::reloadIfStale() {
    if (choicesStale_)
        reloadChoices();
}

void TraceDialog::showEvent(QShowEvent* event) {
    reloadIfStale();
    QDialog::showEvent(event);
}

void TraceDialog::reloadChoices() {
    choicesStale_ = false;
    const model::Design& design = document_->design();
    refill(source_, [&] {
        for (const model::Host& host : design.hosts)
            source_->addItem(nameOf(host), fromStd(host.id));
    });
    // The target list: typed text is kept as it is.
    const QString typed = target_->currentText();
    {
        const QSignalBlocker block(target_);
        target_->clear();
        for (const model::Host& host : design.hosts) {
            target_->addItem(nameOf(host), fromStd(host.id));
        }
        for (const model::LoadBalancer& lb : design.loadBalancers) {
            for (const model::Vip& vip : lb.vips) {
                const int index = target_->count();
                target_->addItem(tr("VIP %1 on %2 (%3)")
                                     .arg(fromStd(vip.name.empty() ? vip.id : vip.name),
                                          fromStd(lb.name.empty() ? lb.id : lb.name),
                                          text::endpointText(vip.address, vip.port)),
                                 fromStd(vip.address.toString()));
                target_->setItemData(index, vip.port, kPortRole);
            }
        }
        for (const model::AcceptedDomain& domain : design.organization.acceptedDomains) {
            if (domain.domainName.empty() || domain.domainName.starts_with('*'))
                continue;
            const QString mx = QStringLiteral("mx:") + fromStd(domain.domainName);
            target_->addItem(mx, mx);
        }
        target_->setEditText(typed);
    }
    reloadSourceAddresses();
    takeSourceSender(false);
    targetChosen();
}

void TraceDialog::takeSourceSender(bool sourceChanged) {
    const model::Host* host =
        document_->design().findHost(source_->currentData().toString().toStdString());
    const QString sender = host != nullptr ? fromStd(edit::defaultMailFrom(*host)) : QString();
    // Another source sends as a new flow from it would; the same source after a change of
    // the design keeps what the user typed.
    const QString typed = mailFrom_->text().trimmed();
    if (sourceChanged || typed.isEmpty() || typed == sourceSender_)
        mailFrom_->setText(sender);
    sourceSender_ = sender;
}

void TraceDialog::reloadSourceAddresses() {
    const model::Host* host =
        document_->design().findHost(source_->currentData().toString().toStdString());
    refill(sourceAddress_, [&] {
        sourceAddress_->addItem(tr("automatic (the host chooses, R2)"), QString());
        if (host == nullptr)
            return;
        for (const model::Nic& nic : host->nics) {
            for (const model::IpAssignment& assignment : nic.addresses) {
                sourceAddress_->addItem(
                    QStringLiteral("%1 (%2)").arg(fromStd(assignment.address.toString()),
                                                  fromStd(nic.alias)),
                    fromStd(assignment.address.toString()));
            }
        }
    });
}

void TraceDialog::reloadPoolMembers() {
    QString ignored;
    const auto target = currentTarget(&ignored);
    const model::Vip* vip = target ? target->vip : nullptr;
    refill(poolMember_, [&] {
        poolMember_->addItem(vip != nullptr ? tr("as the load balancer chooses (the first)")
                                            : tr("(the target is not a VIP)"),
                             QString());
        if (vip == nullptr)
            return;
        for (const model::PoolMember& member : vip->pool) {
            const model::Host* host = document_->design().findHost(member.hostId);
            poolMember_->addItem(host != nullptr ? nameOf(*host) : fromStd(member.hostId),
                                 fromStd(member.hostId));
        }
    });
    poolMember_->setEnabled(vip != nullptr);
}

void TraceDialog::setSource(const QString& hostId) {
    reloadIfStale();  // preset before the form is shown: a host added meanwhile is offered
    const int index = source_->findData(hostId);
    if (index >= 0)
        source_->setCurrentIndex(index);
    target_->setFocus();  // where it goes is what is left to say
}

void TraceDialog::setTarget(const QString& text) {
    reloadIfStale();
    target_->setEditText(text);
}

std::optional<TraceDialog::Target> TraceDialog::currentTarget(QString* problem) const {
    const model::Design& design = document_->design();
    const QString text = target_->currentText().trimmed();
    Target target;
    const int entry = target_->findText(text, Qt::MatchFixedString | Qt::MatchCaseSensitive);
    if (entry >= 0) {
        target.destination = target_->itemData(entry, kDestinationRole).toString().toStdString();
        const int port = target_->itemData(entry, kPortRole).toInt();
        if (port > 0)
            target.port = static_cast<uint16_t>(port);
    } else {
        sim::TraceTargetError error;
        const auto parsed = sim::parseTraceTarget(design, text.toStdString(), error);
        if (!parsed) {
            *problem = fromStd(error.message);
            return std::nullopt;
        }
        target.destination = parsed->destination;
        target.port = parsed->port;
    }
    // A VIP is an address and a port of a load balancer.
    if (const auto address = net::Address::parse(target.destination)) {
        const uint16_t port = target.port.value_or(static_cast<uint16_t>(port_->value()));
        for (const model::LoadBalancer& lb : design.loadBalancers) {
            for (const model::Vip& vip : lb.vips) {
                if (vip.address == *address && vip.port == port)
                    target.vip = &vip;
            }
        }
    }
    return target;
}

void TraceDialog::targetChosen() {
    QString problem;
    const auto target = currentTarget(&problem);
    // A target that names its port decides it; the port field is for the others.
    if (target && target->port) {
        const QSignalBlocker block(port_);
        port_->setValue(*target->port);
    }
    port_->setEnabled(!target || !target->port);
    reloadPoolMembers();
    clearMarks();
}

void TraceDialog::clearMarks() {
    problemList_.clear();
    for (QWidget* field :
         std::initializer_list<QWidget*>{source_, target_, mailFrom_, rcpt_, helo_})
        field->setStyleSheet(QString());
    problems_->hide();
}

void TraceDialog::mark(QWidget* field, const QString& problem) {
    field->setStyleSheet(kInvalidStyle);
    problemList_ << problem;
    problems_->setText(problemList_.join(QLatin1Char('\n')));
    problems_->show();
}

QString TraceDialog::problems() const {
    return problemList_.join(QLatin1Char('\n'));
}

std::optional<sim::TraceRequest> TraceDialog::request() {
    reloadIfStale();
    clearMarks();
    const model::Design& design = document_->design();
    sim::TraceRequest request;
    const model::Host* source = design.findHost(source_->currentData().toString().toStdString());
    if (source == nullptr)
        mark(source_, tr("From host: the design has no host to trace from; add one first."));
    QString problem;
    const auto target = currentTarget(&problem);
    if (!target)
        mark(target_, tr("To: %1").arg(problem));
    const QString mailFrom = mailFrom_->text().trimmed();
    if (!mailFrom.isEmpty() && !inspector::checkMailAddress(mailFrom, &problem))
        mark(mailFrom_, tr("MAIL FROM: %1").arg(problem));
    const QStringList recipients = inspector::listEntries(rcpt_->text());
    for (const QString& rcpt : recipients) {
        if (!inspector::checkMailAddress(rcpt, &problem)) {
            mark(rcpt_, tr("RCPT TO: %1").arg(problem));
            break;
        }
    }
    const QString helo = helo_->text().trimmed();
    if (!helo.isEmpty() && !inspector::checkDomainName(helo, false, false, &problem))
        mark(helo_, tr("HELO: %1").arg(problem));
    if (!problemList_.isEmpty())
        return std::nullopt;

    request.sourceHost = source->id;
    request.destination = target->destination;
    request.port = target->port.value_or(static_cast<uint16_t>(port_->value()));
    const QString bind = sourceAddress_->currentData().toString();
    if (!bind.isEmpty())
        request.sourceAddress = net::Address::parse(bind.toStdString());
    request.mailFrom = mailFrom.toStdString();
    for (const QString& rcpt : recipients)
        request.rcptTo.push_back(rcpt.toStdString());
    request.helo = helo.toStdString();
    if (target->vip != nullptr)
        request.poolMember = poolMember_->currentData().toString().toStdString();
    const QString name = name_->text().trimmed();
    request.name =
        name.isEmpty()
            ? tr("%1 to %2")
                  .arg(nameOf(*source), target->vip != nullptr
                                            ? fromStd(target->vip->name.empty() ? target->vip->id
                                                                                : target->vip->name)
                                            : target_->currentText().trimmed())
                  .toStdString()
            : name.toStdString();
    return request;
}

std::optional<model::Flow> TraceDialog::flow() {
    const auto traced = request();
    if (!traced)
        return std::nullopt;
    model::Flow flow;
    flow.name = traced->name;
    flow.sourceHostId = traced->sourceHost;
    flow.sourceAddress = traced->sourceAddress;
    flow.destination = traced->destination;
    flow.port = traced->port;
    flow.helo = traced->helo;
    flow.mailFrom = traced->mailFrom;
    flow.rcptTo = traced->rcptTo;
    return flow;
}

void TraceDialog::runTrace() {
    if (const auto traced = request())
        emit traceRequested(*traced);
}

void TraceDialog::saveAsFlow() {
    if (const auto made = flow())
        emit saveRequested(*made);
}

void TraceDialog::showOutcome(const sim::Trace& trace) {
    const sim::Disposition& d = trace.disposition;
    QString line = tr("<b>%1</b>").arg(fromStd(std::string(enumName(d.kind))));
    if (d.smtpCode > 0)
        line += QStringLiteral(" %1 %2").arg(d.smtpCode).arg(fromStd(d.enhancedStatus));
    if (!d.text.empty())
        line += QStringLiteral(": ") + fromStd(d.text).toHtmlEscaped();
    if (!d.element.empty()) {
        line += tr(" at %1").arg(
            fromStd(probe::elementLabel(document_->design(), d.element)).toHtmlEscaped());
    }
    if (!d.rule.empty())
        line += QStringLiteral(" (%1)").arg(fromStd(d.rule));
    QStringList flags;
    for (const sim::TraceFlag& flag : trace.flags)
        flags << fromStd(flag.name);
    if (!flags.isEmpty())
        line += tr("<br>Flags: %1").arg(flags.join(QStringLiteral(", ")));
    line += tr("<br><small>The steps play in the Traces panel.</small>");
    outcome_->setText(line);
    outcome_->show();
}

QString TraceDialog::outcome() const {
    return outcome_->isHidden() ? QString() : outcome_->text();
}

}  // namespace mailtopo::ui
