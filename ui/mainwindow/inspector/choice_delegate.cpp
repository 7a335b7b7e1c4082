#include "ui/mainwindow/inspector/choice_delegate.h"

#include <QComboBox>

namespace mailtopo::ui::inspector {

ChoiceDelegate::ChoiceDelegate(std::function<QList<Choice>()> choices, QObject* parent)
    : QStyledItemDelegate(parent), choices_(std::move(choices)) {}

QString ChoiceDelegate::displayText(const QVariant& value, const QLocale& locale) const {
    const QString stored = value.toString();
    for (const Choice& choice : choices_())
        if (choice.value == stored)
            return choice.label;
    return QStyledItemDelegate::displayText(value, locale);  // not one of the list: as stored
}

QWidget* ChoiceDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& /*option*/,
                                      const QModelIndex& /*index*/) const {
    auto* combo = new QComboBox(parent);
    for (const Choice& choice : choices_())
        combo->addItem(choice.label, choice.value);
    // Committed as soon as a value is picked, not when the cell loses focus. The signals
    // are not const, though creating an editor is.
    auto* self = const_cast<ChoiceDelegate*>(this);
    connect(combo, &QComboBox::activated, self, [self, combo] {
        emit self->commitData(combo);
        emit self->closeEditor(combo);
    });
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole).toString()));
}

void ChoiceDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                  const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    if (combo->currentIndex() >= 0)
        model->setData(index, combo->currentData().toString(), Qt::EditRole);
}

}  // namespace mailtopo::ui::inspector
