#include "ui/mainwindow/findings_model.h"

#include <string_view>
#include <unordered_map>

#include "core/model/element_walk.h"
#include "core/probe/design_target.h"
#include "ui/diagram/diagram_style.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/tooltip_wrapping.h"

namespace mailtopo::ui {

FindingsModel::FindingsModel(QObject* parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(const std::vector<analysis::Finding>& findings,
                                const model::Design& design) {
    // One walk for every finding: labelling each element or pointer on its own would walk
    // the whole design (building every label) once per element named.
    const std::vector<model::ElementRef> elements = model::allElements(design);
    std::unordered_map<std::string_view, std::string_view> labels;
    for (const model::ElementRef& ref : elements)
        labels.emplace(ref.id, ref.label);  // the first of a repeated id, as elementLabel
    const auto labelOf = [&](const std::string& id) {
        const auto known = labels.find(id);
        // Not in the walk: the simulator's implicit connectors, or a dangling id.
        return QString::fromStdString(known != labels.end() ? std::string(known->second)
                                                            : probe::elementLabel(design, id));
    };
    beginResetModel();
    rows_.clear();
    rows_.reserve(findings.size());
    for (const auto& f : findings) {
        FindingRow row{f, {}, QString::fromStdString(model::describePointer(elements, f.pointer))};
        for (const auto& id : f.elements)
            row.elementLabels << labelOf(id);
        rows_.push_back(std::move(row));
    }
    endResetModel();
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const FindingRow& r = row(index.row());
    const analysis::Finding& f = r.finding;
    if (role == SeverityRankRole)
        return static_cast<int>(f.severity);
    if (role == SearchTextRole)
        return QStringList{
            text::severityName(f.severity),    QString::fromStdString(f.title),
            QString::fromStdString(f.id),      QString::fromStdString(f.rule),
            QString::fromStdString(f.message), r.elementLabels.join(QLatin1Char(' '))}
            .join(QLatin1Char('\n'));
    switch (index.column()) {
        case SeverityColumn:
            if (role == Qt::DisplayRole)
                return text::severityName(f.severity);
            if (role == Qt::ForegroundRole)
                return DiagramStyle::severityColor(f.severity);
            break;
        case TitleColumn:
            if (role == Qt::DisplayRole)
                return QString::fromStdString(f.title);
            if (role == Qt::ToolTipRole)
                return wrappingToolTip(QString::fromStdString(f.message));
            break;
        case RuleColumn:
            if (role == Qt::DisplayRole)
                return f.rule.empty()
                           ? QString::fromStdString(f.id)
                           : QStringLiteral("%1 · %2").arg(QString::fromStdString(f.rule),
                                                           QString::fromStdString(f.id));
            break;
        case ElementsColumn:
            if (role == Qt::DisplayRole)
                return r.elementLabels.join(QStringLiteral(", "));
            break;
        default:
            break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case SeverityColumn:
            return tr("Severity");
        case TitleColumn:
            return tr("Finding");
        case RuleColumn:
            return tr("Rule");
        case ElementsColumn:
            return tr("Elements");
        default:
            return {};
    }
}

}  // namespace mailtopo::ui
