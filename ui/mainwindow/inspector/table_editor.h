#pragma once
// A table of typed rows with add and remove buttons: the inspector's one way to edit a list
// of structured values (a NIC's addresses, VIPs, firewall rules, ACEs …). Cells are text
// checked by their column as they change, a check box, or a choice from a list (a combo box
// while editing). The table knows nothing of the model: it says "these are the rows now,
// all valid" (edited) or "this cell is wrong, because …" (refused); the form turns the
// first into one undoable change and shows the second. A row just added may start invalid
// (an address still to type): it is a draft, and nothing is committed until it is valid.

#include <QList>
#include <QStringList>
#include <QWidget>
#include <functional>

class QTableWidget;
class QToolButton;

namespace mailtopo::ui::inspector {

class RowDetails;

// One value of a choice column: what is stored ("snat", a segment id) and what is shown.
struct Choice {
    QString value;
    QString label;
};

struct TableColumn {
    enum class Kind { Text, Check, Choice };
    QString header;  // ends in " *" when the cell is required
    QString tip;     // what the column means, on the header
    Kind kind = Kind::Text;
    // Kind::Choice: asked each time a cell is shown, edited or checked, so a list that
    // comes from the design (VIPs, zones, interfaces) includes what was just added.
    std::function<QList<Choice>()> choices;
    // Carried but not shown: the id that ties a row to its model element, so removing a row
    // does not hand the next row's references (routes, flows) to another element.
    bool hidden = false;
    // Edited under the table, for the chosen row, rather than in a column: keeps tables of
    // many fields (VIPs, firewall rules, NAT) to the few columns a narrow dock can show.
    bool detail = false;
    // Why the cell cannot be taken (empty when it can). `row` is the whole row, for cells
    // whose meaning depends on another (a prefix length on the address's family).
    std::function<QString(const QString& cell, const QStringList& row)> check;
};

using TableRows = QList<QStringList>;  // check cells are "1" / "0", choice cells the value

class TableEditor : public QWidget {
    Q_OBJECT

public:
    // `newRow`: the cells of a row the Add button appends.
    TableEditor(const QString& name, QList<TableColumn> columns, QStringList newRow,
                QWidget* parent = nullptr);

    // Shows `rows` as the model has them; emits nothing. Any draft is dropped.
    void setRows(const TableRows& rows);
    TableRows rows() const;
    int rowCount() const;
    QString cell(int row, int column) const;
    // What a user's edit does (and what tests call): sets one cell, then checks and reports.
    void setCell(int row, int column, const QString& value);
    // Appends a row of `newRow` cells, its first text cell current with the keyboard focus.
    void addRow();
    void removeRow(int row);
    // Takes the hidden cells (ids) of `rows`, the design's reading of what was just
    // committed, so a row added here edits its new element from then on, not another new
    // one. Only when the rows still line up one to one.
    void adoptHiddenCells(const TableRows& rows);
    // Makes the row whose hidden cell (an id) is `id` the current one; false when none is.
    bool chooseRowOf(const QString& id);
    // Starts editing the first typed cell whose text begins with `text`, in the row of `id`
    // (a hidden id column) or, with `id` empty, in any row. False when there is none.
    bool editCellShowing(const QString& id, const QString& text);
    // The user is in the middle of editing a cell (focus inside the table or its details).
    bool isBeingEdited() const;
    QTableWidget* table() const { return table_; }
    // The field under the table editing a detail column of the chosen row; null otherwise.
    QWidget* detailEditor(int column) const;
    // Why the cell is refused; empty when it is valid.
    QString cellProblem(int row, int column) const;

signals:
    // Every cell is valid; `row`/`column` say which cell changed (-1 for added/removed rows).
    void edited(const TableRows& rows, int row, int column);
    // Some cell is not; the message names row, column and the reason.
    void refused(const QString& problem);
    // The cell editCellShowing() opened was closed (typed over, or left as it was).
    void shownCellClosed();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fillRow(int row, const QStringList& cells);
    int firstTextColumn() const;  // the first shown column that is typed into
    void changed(int row, int column);
    void fitHeight();

    QList<TableColumn> columns_;
    QStringList newRow_;
    QTableWidget* table_;
    QToolButton* remove_;
    RowDetails* details_ = nullptr;
    bool loading_ = false;
};

}  // namespace mailtopo::ui::inspector
