#pragma once
// Edits a table cell that holds one value of a fixed list (a mode, a segment, an extended
// right) with a combo box, and shows the value's label rather than its stored spelling.
// The cell keeps the value itself, so reading the table needs no mapping back.

#include <QStyledItemDelegate>
#include <functional>

#include "ui/mainwindow/inspector/table_editor.h"

namespace mailtopo::ui::inspector {

class ChoiceDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    ChoiceDelegate(std::function<QList<Choice>()> choices, QObject* parent);

    QString displayText(const QVariant& value, const QLocale& locale) const override;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;

private:
    std::function<QList<Choice>()> choices_;
};

}  // namespace mailtopo::ui::inspector
