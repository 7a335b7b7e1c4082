#pragma once
// The fields under a table that edit the chosen row's detail columns (a VIP's port, SNAT
// address and source ACL; a rule's sources, destinations and ports). Each edit goes through
// TableEditor::setCell, so it is checked, refused or committed exactly as a cell edit is.

#include <QList>
#include <QWidget>

#include "ui/mainwindow/inspector/table_editor.h"

class QFormLayout;

namespace mailtopo::ui::inspector {

class RowDetails : public QWidget {
    Q_OBJECT

public:
    RowDetails(TableEditor* table, const QList<TableColumn>& columns, QWidget* parent);

    // Loads the cells of `row` into the fields, marking refused ones; -1 disables them.
    void showRow(int row);
    QWidget* editor(int column) const;

private:
    TableEditor* table_;
    QList<TableColumn> columns_;
    QList<QWidget*> editors_;  // by column; null for columns shown in the table
    int row_ = -1;
};

}  // namespace mailtopo::ui::inspector
