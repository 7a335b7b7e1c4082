#include "ui/mainwindow/inspector/table_editor.h"

#include <QAbstractItemDelegate>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/mainwindow/inspector/choice_delegate.h"
#include "ui/mainwindow/inspector/row_details.h"

namespace mailtopo::ui::inspector {
namespace {

const QColor kInvalidCell(0xfd, 0xe8, 0xe8);
constexpr int kMaxVisibleRows = 8;  // more rows scroll inside the table

QString headerWithoutMark(const QString& header) {
    return header.endsWith(QLatin1String(" *")) ? header.chopped(2) : header;
}

}  // namespace

TableEditor::TableEditor(const QString& name, QList<TableColumn> columns, QStringList newRow,
                         QWidget* parent)
    : QWidget(parent),
      columns_(std::move(columns)),
      newRow_(std::move(newRow)),
      table_(new QTableWidget(0, static_cast<int>(columns_.size()), this)),
      remove_(new QToolButton(this)) {
    setObjectName(name);
    table_->setObjectName(name + QLatin1String(".table"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(table_);

    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setHighlightSections(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(false);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    for (int c = 0; c < columns_.size(); ++c) {
        auto* header = new QTableWidgetItem(columns_[c].header);
        header->setToolTip(columns_[c].tip);
        table_->setHorizontalHeaderItem(c, header);
        if (columns_[c].kind == TableColumn::Kind::Choice)
            table_->setItemDelegateForColumn(c, new ChoiceDelegate(columns_[c].choices, table_));
        table_->setColumnHidden(c, columns_[c].hidden || columns_[c].detail);
    }

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    auto* add = new QToolButton(this);
    add->setObjectName(name + QLatin1String(".add"));
    add->setText(tr("Add"));
    add->setToolTip(tr("Add a row; it is applied once its cells are valid"));
    remove_->setObjectName(name + QLatin1String(".remove"));
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove the chosen row"));
    remove_->setEnabled(false);
    buttons->addStretch(1);
    buttons->addWidget(add);
    buttons->addWidget(remove_);
    layout->addLayout(buttons);
    if (std::any_of(columns_.begin(), columns_.end(), [](const auto& c) { return c.detail; })) {
        details_ = new RowDetails(this, columns_, this);
        layout->addWidget(details_);
    }

    connect(add, &QToolButton::clicked, this, &TableEditor::addRow);
    connect(remove_, &QToolButton::clicked, this, [this] { removeRow(table_->currentRow()); });
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) {
        remove_->setEnabled(row >= 0);
        if (details_ != nullptr)
            details_->showRow(row);
    });
    // Columns widen (contents, a resized section): the scroll bar may come or go.
    connect(table_->horizontalScrollBar(), &QScrollBar::rangeChanged, this,
            &TableEditor::fitHeight);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (loading_)
            return;
        // A longer value typed in (an IPv6 address over an IPv4 one) is shown whole.
        if (item->text().size() > 0)
            table_->resizeColumnToContents(item->column());
        changed(item->row(), item->column());
    });
}

void TableEditor::fillRow(int row, const QStringList& cells) {
    for (int c = 0; c < columns_.size(); ++c) {
        const QString value = cells.value(c);
        auto* item = new QTableWidgetItem;
        if (columns_[c].kind == TableColumn::Kind::Check) {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(value == QLatin1String("1") ? Qt::Checked : Qt::Unchecked);
        } else {
            item->setText(value);
        }
        item->setToolTip(columns_[c].tip);
        table_->setItem(row, c, item);
    }
}

int TableEditor::firstTextColumn() const {
    // A check column is clicked rather than typed into.
    for (int c = 0; c < columns_.size(); ++c) {
        if (!table_->isColumnHidden(c) && columns_[c].kind != TableColumn::Kind::Check)
            return c;
    }
    return 0;
}

void TableEditor::setRows(const TableRows& rows) {
    const int current = table_->currentRow();  // the chosen row stays chosen
    loading_ = true;
    table_->setRowCount(0);
    table_->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        fillRow(r, rows[r]);
    if (current >= 0 && current < table_->rowCount())
        table_->setCurrentCell(current, 0);
    loading_ = false;
    table_->resizeColumnsToContents();
    remove_->setEnabled(table_->currentRow() >= 0);
    if (details_ != nullptr)
        details_->showRow(table_->currentRow());
    fitHeight();
}

int TableEditor::rowCount() const {
    return table_->rowCount();
}

QString TableEditor::cell(int row, int column) const {
    const QTableWidgetItem* item = table_->item(row, column);
    if (item == nullptr)
        return QString();
    if (columns_.value(column).kind == TableColumn::Kind::Check)
        return item->checkState() == Qt::Checked ? QStringLiteral("1") : QStringLiteral("0");
    return item->text();
}

TableRows TableEditor::rows() const {
    TableRows rows;
    for (int r = 0; r < table_->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < columns_.size(); ++c)
            cells << cell(r, c);
        rows << cells;
    }
    return rows;
}

void TableEditor::setCell(int row, int column, const QString& value) {
    QTableWidgetItem* item = table_->item(row, column);
    if (item == nullptr)
        return;
    if (cell(row, column) == value) {
        changed(row, column);  // no itemChanged for the same value, but it may be valid now
        return;
    }
    if (columns_.value(column).kind == TableColumn::Kind::Check)
        item->setCheckState(value == QLatin1String("1") ? Qt::Checked : Qt::Unchecked);
    else
        item->setText(value);  // itemChanged: checked and reported as a user's edit is
}

void TableEditor::addRow() {
    const int row = table_->rowCount();
    loading_ = true;
    table_->insertRow(row);
    fillRow(row, newRow_);
    loading_ = false;
    fitHeight();
    // The cursor waits in the new row's first cell to fill in, so the user types at once (a
    // key starts editing it).
    table_->setCurrentCell(row, firstTextColumn());
    table_->setFocus(Qt::OtherFocusReason);
    changed(-1, -1);
}

void TableEditor::removeRow(int row) {
    if (row < 0 || row >= table_->rowCount())
        return;
    table_->removeRow(row);
    fitHeight();
    changed(-1, -1);
}

void TableEditor::adoptHiddenCells(const TableRows& rows) {
    if (rows.size() != table_->rowCount())
        return;
    loading_ = true;
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < columns_.size(); ++c)
            if (columns_[c].hidden && table_->item(r, c) != nullptr)
                table_->item(r, c)->setText(rows[r].value(c));
    loading_ = false;
}

bool TableEditor::chooseRowOf(const QString& id) {
    for (int r = 0; r < table_->rowCount(); ++r) {
        for (int c = 0; c < columns_.size(); ++c) {
            if (columns_[c].hidden && cell(r, c) == id) {
                table_->setCurrentCell(r, firstTextColumn());
                return true;
            }
        }
    }
    return false;
}

bool TableEditor::editCellShowing(const QString& id, const QString& text) {
    for (int r = 0; r < table_->rowCount(); ++r) {
        bool ofId = id.isEmpty();
        for (int c = 0; !ofId && c < columns_.size(); ++c)
            ofId = columns_[c].hidden && cell(r, c) == id;
        if (!ofId)
            continue;
        for (int c = 0; c < columns_.size(); ++c) {
            QTableWidgetItem* item = table_->item(r, c);
            if (columns_[c].hidden || item == nullptr || !item->text().startsWith(text))
                continue;
            table_->setCurrentCell(r, c);
            table_->setFocus(Qt::OtherFocusReason);
            table_->editItem(item);
            // Once: the next editor this table closes is this one.
            connect(
                table_->itemDelegate(), &QAbstractItemDelegate::closeEditor, this,
                [this] { emit shownCellClosed(); }, Qt::SingleShotConnection);
            return true;
        }
    }
    return false;
}

bool TableEditor::isBeingEdited() const {
    const QWidget* focus = QApplication::focusWidget();
    return focus != nullptr && isAncestorOf(focus);
}

QWidget* TableEditor::detailEditor(int column) const {
    return details_ != nullptr ? details_->editor(column) : nullptr;
}

QString TableEditor::cellProblem(int row, int column) const {
    const QTableWidgetItem* item = table_->item(row, column);
    if (item == nullptr || item->background() == QBrush())
        return QString();
    return item->toolTip();
}

// Checks every cell (a row's validity can hang on another cell), marks the wrong ones and
// reports the first; only a table without a wrong cell is reported as edited.
void TableEditor::changed(int row, int column) {
    const TableRows all = rows();
    QString first;
    loading_ = true;  // painting cells is not an edit
    for (int r = 0; r < all.size(); ++r) {
        for (int c = 0; c < columns_.size(); ++c) {
            QString why;
            if (columns_[c].check)
                why = columns_[c].check(all[r][c], all[r]);
            QTableWidgetItem* item = table_->item(r, c);
            item->setBackground(why.isEmpty() ? QBrush() : QBrush(kInvalidCell));
            item->setToolTip(why.isEmpty() ? columns_[c].tip : why);
            if (!why.isEmpty() && first.isEmpty())
                first =
                    tr("Row %1, %2: %3").arg(r + 1).arg(headerWithoutMark(columns_[c].header), why);
        }
    }
    loading_ = false;
    if (details_ != nullptr)
        details_->showRow(table_->currentRow());  // its fields show the marks too
    if (!first.isEmpty()) {
        emit refused(first);
        return;
    }
    emit edited(all, row, column);
}

void TableEditor::fitHeight() {
    // As tall as its rows (up to kMaxVisibleRows), so the inspector's own scroll area does
    // the scrolling and no table shows a half-empty viewport in a narrow dock.
    const int visible = std::clamp(table_->rowCount(), 1, kMaxVisibleRows);
    int height = table_->horizontalHeader()->sizeHint().height() +
                 visible * table_->verticalHeader()->defaultSectionSize() +
                 2 * table_->frameWidth();
    // Room for the horizontal scroll bar when the columns are wider than the dock, or it
    // would cover the last row. The table's own width: its viewport may not be laid out yet.
    if (table_->horizontalHeader()->length() > table_->width() - 2 * table_->frameWidth())
        height += table_->horizontalScrollBar()->sizeHint().height();
    table_->setFixedHeight(height);
}

void TableEditor::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitHeight();
}

}  // namespace mailtopo::ui::inspector
