#include "ui/diagram/inline_name_editor.h"

#include <QKeyEvent>

namespace mailtopo::ui {

InlineNameEditor::InlineNameEditor(const QString& elementId, const QString& name,
                                   const QRect& viewportRect, QWidget* viewport)
    : QLineEdit(name, viewport), elementId_(elementId), original_(name) {
    setObjectName(QStringLiteral("inlineNameEditor"));
    setFrame(true);
    setGeometry(viewportRect);
    selectAll();
    show();
    setFocus(Qt::OtherFocusReason);
    connect(this, &QLineEdit::returnPressed, this, &InlineNameEditor::commit);
}

void InlineNameEditor::commit() {
    if (done_)
        return;
    done_ = true;
    const QString name = text().trimmed();
    // An unchanged or emptied name is not a rename: nothing to undo afterwards.
    if (name.isEmpty() || name == original_)
        emit cancelled();
    else
        emit committed(elementId_, name);
    finish();
}

void InlineNameEditor::cancel() {
    if (done_)
        return;
    done_ = true;
    emit cancelled();
    finish();
}

void InlineNameEditor::finish() {
    hide();
    deleteLater();
}

void InlineNameEditor::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        cancel();
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void InlineNameEditor::focusOutEvent(QFocusEvent* event) {
    QLineEdit::focusOutEvent(event);
    // Clicking elsewhere keeps what was typed, as drawing tools do; a popup (the context
    // menu of the field itself) is not leaving it.
    if (event->reason() != Qt::PopupFocusReason)
        commit();
}

}  // namespace mailtopo::ui
