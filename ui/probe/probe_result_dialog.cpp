#include "ui/probe/probe_result_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/probe/probe_output.h"

namespace mailtopo::ui {
namespace {

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

QString testName(probe::TestKind kind) {
    switch (kind) {
        case probe::TestKind::LocalRecipient:
            return QObject::tr("Local recipient");
        case probe::TestKind::Relay:
            return QObject::tr("Relay");
        case probe::TestKind::Spoof:
            return QObject::tr("Spoofed sender");
    }
    return {};
}

const QColor kMismatch(255, 228, 225);
const QColor kAgree(232, 245, 233);

}  // namespace

ProbeResultDialog::ProbeResultDialog(ProbeOutcome outcome, QWidget* parent)
    : QDialog(parent), outcome_(std::move(outcome)) {
    setObjectName(QStringLiteral("probeResultDialog"));
    const probe::ProbeResult& r = outcome_.result;
    setWindowTitle(tr("Live Probe of %1").arg(fromStd(r.target)));

    auto* header = new QLabel(this);
    header->setObjectName(QStringLiteral("probeSummary"));
    header->setTextFormat(Qt::RichText);
    header->setWordWrap(true);
    QString verdict = fromStd(probe::verdictText(r)).trimmed().toHtmlEscaped();
    verdict.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    const QString connections =
        r.connections == 1 ? tr("1 connection") : tr("%1 connections").arg(r.connections);
    header->setText(
        tr("<h3>%1 &mdash; %2</h3><p>Probe %3: %4 (%5 ms, %6). Nothing was "
           "delivered: the probe never sends DATA.</p><p>%7</p>")
            .arg(fromStd(outcome_.elementLabel).toHtmlEscaped(), fromStd(r.target).toHtmlEscaped(),
                 fromStd(std::string(enumName(r.status))), fromStd(r.statusDetail).toHtmlEscaped())
            .arg(r.totalMs)
            .arg(connections, verdict));

    // Reality beside prediction, one row per test.
    tests_ = new QTableWidget(this);
    tests_->setObjectName(QStringLiteral("probeTests"));
    tests_->setColumnCount(5);
    tests_->setHorizontalHeaderLabels(
        {tr("Test"), tr("Envelope"), tr("Server answered"), tr("Design predicts"), tr("")});
    tests_->verticalHeader()->hide();
    tests_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tests_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tests_->setWordWrap(true);
    tests_->setRowCount(static_cast<int>(r.tests.size()));
    for (int row = 0; row < static_cast<int>(r.tests.size()); ++row) {
        const probe::TestResult& t = r.tests[static_cast<size_t>(row)];
        const probe::SmtpReply* reply = t.decisive();
        QString predicted = tr("no design prediction");
        QString match;
        bool mismatch = false;
        if (outcome_.comparison) {
            for (const auto& c : outcome_.comparison->tests) {
                if (c.prediction.test != t.test)
                    continue;
                predicted = QStringLiteral("%1: %2").arg(
                    fromStd(std::string(enumName(c.prediction.expectation))),
                    fromStd(c.prediction.reply));
                mismatch = c.mismatch;
                match = c.mismatch       ? tr("MISMATCH")
                        : c.note.empty() ? tr("agrees")
                                         : tr("see note");
                if (!c.note.empty())
                    predicted += QStringLiteral("\n(") + fromStd(c.note) + QLatin1Char(')');
            }
        }
        const QStringList cells = {
            testName(t.test.kind),
            QStringLiteral("MAIL FROM:<%1>\nRCPT TO:<%2>")
                .arg(fromStd(t.test.mailFrom), fromStd(t.test.rcptTo)),
            QStringLiteral("%1: %2").arg(fromStd(std::string(enumName(t.outcome))),
                                         reply ? fromStd(reply->firstLine()) : tr("no reply")),
            predicted, match};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setToolTip(cells[column]);
            if (outcome_.comparison)
                item->setBackground(mismatch ? kMismatch : kAgree);
            tests_->setItem(row, column, item);
        }
    }
    QHeaderView* columns = tests_->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    tests_->setColumnWidth(0, 120);
    tests_->setColumnWidth(1, 330);
    columns->setSectionResizeMode(2, QHeaderView::Stretch);
    columns->setSectionResizeMode(3, QHeaderView::Stretch);
    columns->setSectionResizeMode(4, QHeaderView::ResizeToContents);
    // Rows follow the wrapped height of their cells whenever the stretched columns change.
    connect(columns, &QHeaderView::sectionResized, tests_, &QTableWidget::resizeRowsToContents);
    tests_->resizeRowsToContents();

    auto* designNote = new QLabel(this);
    designNote->setObjectName(QStringLiteral("probeDesignNote"));
    designNote->setWordWrap(true);
    designNote->setText(outcome_.comparison
                            ? tr("Design: %1, simulated from %2. %3.")
                                  .arg(fromStd(outcome_.comparison->target.label),
                                       fromStd(outcome_.comparison->target.sourceLabel),
                                       fromStd(outcome_.comparison->target.how))
                            : tr("No design prediction: %1").arg(fromStd(outcome_.noPrediction)));

    findings_ = new QTextBrowser(this);
    findings_->setObjectName(QStringLiteral("probeFindings"));
    QString html;
    for (const auto& f : outcome_.findings) {
        html += QStringLiteral("<p><b>%1</b> <code>%2</code>: %3")
                    .arg(fromStd(std::string(enumName(f.severity))), fromStd(f.id),
                         fromStd(f.message).toHtmlEscaped());
        if (!f.remediation.empty())
            html += QStringLiteral("<br><i>%1</i> %2")
                        .arg(tr("Fix:"), fromStd(f.remediation).toHtmlEscaped());
        html += QStringLiteral("</p>");
    }
    findings_->setHtml(html.isEmpty() ? tr("<p>No findings.</p>") : html);

    auto* summary = new QWidget(this);
    auto* summaryLayout = new QVBoxLayout(summary);
    summaryLayout->addWidget(
        new QLabel(tr("<b>Reality beside the design's prediction</b>"), summary));
    summaryLayout->addWidget(tests_, 2);
    summaryLayout->addWidget(designNote);
    summaryLayout->addWidget(new QLabel(tr("<b>Findings</b>"), summary));
    summaryLayout->addWidget(findings_, 3);

    auto* dialogue = new QPlainTextEdit(reportText(), this);
    dialogue->setObjectName(QStringLiteral("probeDialogue"));
    dialogue->setReadOnly(true);
    dialogue->setLineWrapMode(QPlainTextEdit::NoWrap);
    dialogue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* tabs = new QTabWidget(this);
    tabs->addTab(summary, tr("Comparison"));
    tabs->addTab(dialogue, tr("Dialogue and details"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy Report"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(reportText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(1200, 760);
}

QString ProbeResultDialog::reportText() const {
    probe::ProbeReport report;
    report.result = &outcome_.result;
    report.comparison = outcome_.comparison ? &*outcome_.comparison : nullptr;
    report.designFile = outcome_.designFile;
    report.findings = outcome_.findings;
    return fromStd(probe::probeReportToText(report));
}

}  // namespace mailtopo::ui
