#pragma once
// The findings as a table for the findings dock: one row per finding with its severity,
// title, rule and the names of the elements it concerns; the dock filters and sorts it
// through a proxy. Rows keep everything the details pane shows, so no lookup in the design
// is needed after the model was filled.

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "core/analysis/finding.h"
#include "core/model/design.h"

namespace mailtopo::ui {

struct FindingRow {
    analysis::Finding finding;
    QStringList elementLabels;  // "EX2016A\Relay", "LB-SMTP VIP SMTP relay (SNAT)"
    QString place;  // the finding's pointer in words: "EX2016A\Relay: remoteIpRanges, entry 2"
};

class FindingsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SeverityColumn, TitleColumn, RuleColumn, ElementsColumn, ColumnCount };
    // Sorting by severity sorts by this (errors highest), not by the word.
    static constexpr int SeverityRankRole = Qt::UserRole + 1;
    // All the row's text in one string, for the filter box.
    static constexpr int SearchTextRole = Qt::UserRole + 2;

    explicit FindingsModel(QObject* parent = nullptr);

    void setFindings(const std::vector<analysis::Finding>& findings, const model::Design& design);
    const FindingRow& row(int index) const { return rows_.at(static_cast<size_t>(index)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<FindingRow> rows_;
};

}  // namespace mailtopo::ui
