#include "ui/mainwindow/inspector/row_details.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

#include "ui/mainwindow/inspector/wheel_passes_by.h"

namespace mailtopo::ui::inspector {
namespace {

const QString kInvalidStyle = QStringLiteral("background: #fde8e8; border: 1px solid #c62828;");

}  // namespace

RowDetails::RowDetails(TableEditor* table, const QList<TableColumn>& columns, QWidget* parent)
    : QWidget(parent), table_(table), columns_(columns) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(12, 0, 0, 4);  // indented: these belong to the row above
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (int c = 0; c < columns_.size(); ++c) {
        const TableColumn& column = columns_[c];
        if (!column.detail) {
            editors_ << nullptr;
            continue;
        }
        QWidget* field = nullptr;
        if (column.kind == TableColumn::Kind::Check) {
            auto* check = new QCheckBox(column.header, this);
            connect(check, &QCheckBox::toggled, this, [this, c](bool on) {
                table_->setCell(row_, c, on ? QStringLiteral("1") : QStringLiteral("0"));
            });
            form->addRow(check);
            field = check;
        } else if (column.kind == TableColumn::Kind::Choice) {
            auto* combo = new QComboBox(this);
            letWheelPassBy(combo);
            connect(combo, &QComboBox::activated, this, [this, c, combo] {
                table_->setCell(row_, c, combo->currentData().toString());
            });
            form->addRow(column.header, combo);
            field = combo;
        } else {
            auto* line = new QLineEdit(this);
            connect(line, &QLineEdit::textEdited, this,
                    [this, c](const QString& text) { table_->setCell(row_, c, text); });
            form->addRow(column.header, line);
            field = line;
        }
        field->setObjectName(table->objectName() + QLatin1Char('.') + column.header);
        field->setToolTip(column.tip);
        editors_ << field;
    }
    showRow(-1);
}

QWidget* RowDetails::editor(int column) const {
    return editors_.value(column);
}

void RowDetails::showRow(int row) {
    row_ = row;
    setVisible(row >= 0);  // no chosen row, nothing to edit: no empty fields in the way
    for (int c = 0; c < editors_.size(); ++c) {
        QWidget* field = editors_[c];
        if (field == nullptr)
            continue;
        field->setEnabled(row >= 0);
        const QString value = row >= 0 ? table_->cell(row, c) : QString();
        const QString why = row >= 0 ? table_->cellProblem(row, c) : QString();
        const QSignalBlocker block(field);
        if (auto* check = qobject_cast<QCheckBox*>(field)) {
            check->setChecked(value == QLatin1String("1"));
        } else if (auto* combo = qobject_cast<QComboBox*>(field)) {
            combo->clear();  // the list may have grown since (choices from the design)
            for (const Choice& choice : columns_[c].choices())
                combo->addItem(choice.label, choice.value);
            combo->setCurrentIndex(combo->findData(value));
        } else if (auto* line = qobject_cast<QLineEdit*>(field)) {
            if (!line->hasFocus() && line->text() != value)
                line->setText(value);  // never under the cursor of the one typing
        }
        field->setStyleSheet(why.isEmpty() ? QString() : kInvalidStyle);
        field->setToolTip(why.isEmpty() ? columns_[c].tip : why);
    }
}

}  // namespace mailtopo::ui::inspector
