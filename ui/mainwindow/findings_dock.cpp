#include "ui/mainwindow/findings_dock.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ui/document/element_text.h"
#include "ui/mainwindow/findings_model.h"

namespace mailtopo::ui {
namespace {

// Severity threshold and text together; the text matches any part of the finding.
class FindingsFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimum(int rank) {
        minimum_ = rank;
        invalidateFilter();
    }
    void setText(const QString& text) {
        text_ = text.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (sourceModel()->data(index, FindingsModel::SeverityRankRole).toInt() < minimum_)
            return false;
        return text_.isEmpty() || sourceModel()
                                      ->data(index, FindingsModel::SearchTextRole)
                                      .toString()
                                      .contains(text_, Qt::CaseInsensitive);
    }

    // Severity sorts by rank (errors above warnings above notes), not alphabetically.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override {
        if (left.column() == FindingsModel::SeverityColumn)
            return left.data(FindingsModel::SeverityRankRole).toInt() <
                   right.data(FindingsModel::SeverityRankRole).toInt();
        return QSortFilterProxyModel::lessThan(left, right);
    }

private:
    int minimum_ = 0;
    QString text_;
};

QString escaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

}  // namespace

FindingsDock::FindingsDock(QWidget* parent)
    : QDockWidget(tr("Findings"), parent),
      model_(new FindingsModel(this)),
      proxy_(new FindingsFilter(this)),
      table_(new QTableView(this)),
      filter_(new QLineEdit(this)),
      severity_(new QComboBox(this)),
      details_(new QTextBrowser(this)),
      copy_(new QPushButton(tr("Copy Remediation"), this)),
      status_(new QLabel(this)) {
    setObjectName(QStringLiteral("findingsDock"));
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::DisplayRole);
    table_->setObjectName(QStringLiteral("findingsTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(FindingsModel::TitleColumn,
                                                     QHeaderView::Interactive);
    table_->setColumnWidth(FindingsModel::SeverityColumn, 80);
    table_->setColumnWidth(FindingsModel::TitleColumn, 380);
    table_->setColumnWidth(FindingsModel::RuleColumn, 200);

    filter_->setObjectName(QStringLiteral("findingsFilter"));
    filter_->setPlaceholderText(tr("Filter by title, rule, element…"));
    filter_->setClearButtonEnabled(true);
    severity_->setObjectName(QStringLiteral("findingsSeverity"));
    severity_->addItem(tr("All severities"));
    severity_->addItem(tr("Warnings and errors"));
    severity_->addItem(tr("Errors only"));
    details_->setObjectName(QStringLiteral("findingDetails"));
    details_->setOpenLinks(false);
    copy_->setObjectName(QStringLiteral("copyRemediation"));
    copy_->setEnabled(false);
    status_->setObjectName(QStringLiteral("findingsStatus"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(severity_);
    bar->addWidget(status_);
    auto* detailsBox = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(details_, 1);
    detailsLayout->addWidget(copy_, 0, Qt::AlignRight);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(table_);
    split->addWidget(detailsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    setWidget(body);

    connect(filter_, &QLineEdit::textChanged, this, &FindingsDock::setTextFilter);
    connect(severity_, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSeverityFilter(static_cast<SeverityFilter>(index)); });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showDetails();
        // A refresh that keeps the user's choice must not move the canvas under them.
        if (refreshing_)
            return;
        if (const analysis::Finding* f = chosenFinding()) {
            QStringList ids;
            for (const auto& id : f->elements)
                ids << QString::fromStdString(id);
            emit findingChosen(ids);
        }
    });
    table_->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    connect(copy_, &QPushButton::clicked, this, &FindingsDock::copyRemediation);
    updateTitle();
    showDetails();
}

void FindingsDock::setFindings(const std::vector<analysis::Finding>& findings,
                               const model::Design& design) {
    // Keep the user's choice across a refresh when the same finding is still there.
    const analysis::Finding* chosen = chosenFinding();
    const std::string keep = chosen ? chosen->id + "\n" + chosen->message : std::string();
    refreshing_ = true;
    validated_ = true;
    model_->setFindings(findings, design);
    table_->sortByColumn(table_->horizontalHeader()->sortIndicatorSection(),
                         table_->horizontalHeader()->sortIndicatorOrder());
    if (!keep.empty()) {
        for (int row = 0; row < proxy_->rowCount(); ++row) {
            const auto& f = model_->row(proxy_->mapToSource(proxy_->index(row, 0)).row()).finding;
            if (f.id + "\n" + f.message == keep) {
                table_->selectRow(row);
                break;
            }
        }
    }
    refreshing_ = false;
    updateTitle();
    showDetails();
}

void FindingsDock::setDesignOpen(bool open) {
    if (open == designOpen_)
        return;
    designOpen_ = open;
    if (!open) {
        setFindings({}, model::Design{});
        validated_ = false;
    }
    showDetails();
}

void FindingsDock::setBusy(bool busy) {
    busy_ = busy;
    updateTitle();
}

int FindingsDock::visibleCount() const {
    return proxy_->rowCount();
}

void FindingsDock::setSeverityFilter(SeverityFilter filter) {
    if (severity_->currentIndex() != static_cast<int>(filter))
        severity_->setCurrentIndex(static_cast<int>(filter));
    const int minimum = filter == SeverityFilter::Errors              ? 2
                        : filter == SeverityFilter::WarningsAndErrors ? 1
                                                                      : 0;
    static_cast<FindingsFilter*>(proxy_)->setMinimum(minimum);
    updateTitle();
}

void FindingsDock::setTextFilter(const QString& text) {
    if (filter_->text() != text)
        filter_->setText(text);
    static_cast<FindingsFilter*>(proxy_)->setText(text);
    updateTitle();
}

void FindingsDock::chooseRow(int row) {
    if (row < 0 || row >= proxy_->rowCount())
        table_->clearSelection();
    else
        table_->selectRow(row);
}

const analysis::Finding* FindingsDock::chosenFinding() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const QModelIndex source = proxy_->mapToSource(rows.first());
    if (!source.isValid() || source.row() >= model_->rowCount())
        return nullptr;
    return &model_->row(source.row()).finding;
}

QString FindingsDock::detailsText() const {
    return details_->toPlainText();
}

void FindingsDock::copyRemediation() const {
    if (const analysis::Finding* f = chosenFinding())
        QApplication::clipboard()->setText(QString::fromStdString(f->remediation));
}

void FindingsDock::showDetails() {
    const analysis::Finding* f = chosenFinding();
    copy_->setEnabled(f != nullptr && !f->remediation.empty());
    if (f == nullptr) {
        // Before the first result, an empty table means "not known yet", not "all clear".
        details_->setHtml(!designOpen_ ? tr("<p>Open or create a design (File › Open, File › "
                                            "New) to see what validation finds in it.</p>")
                          : model_->rowCount() == 0
                              ? (validated_
                                     ? tr("<p>No findings: the design passes every check.</p>")
                                     : tr("<p>Validating the design…</p>"))
                              : tr("<p>Choose a finding to see why it matters, the evidence, "
                                   "and the fix. Its elements are selected on the diagram.</p>"));
        return;
    }
    const QModelIndex source =
        proxy_->mapToSource(table_->selectionModel()->selectedRows().first());
    const FindingRow& row = model_->row(source.row());
    QString html =
        QStringLiteral("<h3>%1</h3><p>%2</p><table>").arg(escaped(f->title), escaped(f->message));
    const auto line = [&html](const QString& label, const QString& value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>")
                        .arg(label, value.toHtmlEscaped());
    };
    line(tr("Severity"), text::severityName(f->severity));
    line(tr("Rule"), f->rule.empty() ? QString::fromStdString(f->id)
                                     : QStringLiteral("%1 (domain rule %2)")
                                           .arg(QString::fromStdString(f->id),
                                                QString::fromStdString(f->rule)));
    line(tr("Elements"), row.elementLabels.join(QStringLiteral(", ")));
    line(tr("In the design"), row.place);
    line(tr("Shown by"), QString::fromStdString(f->flow));
    html += QStringLiteral("</table>");
    if (!f->remediation.empty())
        // pre-wrap: a long PowerShell line wraps in a narrow dock instead of scrolling away;
        // copying takes the text as written.
        html += QStringLiteral("<p><b>%1</b></p><pre style=\"white-space: pre-wrap\">%2</pre>")
                    .arg(tr("Remediation"), escaped(f->remediation));
    details_->setHtml(html);
}

void FindingsDock::updateTitle() {
    const int total = model_->rowCount();
    const int shown = proxy_->rowCount();
    QString text = shown == total ? tr("%n finding(s)", nullptr, total)
                                  : tr("%1 of %2 shown").arg(shown).arg(total);
    if (busy_)
        text += QStringLiteral(" · ") + tr("validating…");
    status_->setText(text);
    setWindowTitle(total == 0 ? tr("Findings") : tr("Findings (%1)").arg(total));
}

}  // namespace mailtopo::ui
