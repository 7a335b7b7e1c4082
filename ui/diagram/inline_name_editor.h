#pragma once
// Renaming in place: a line edit laid over an element's name on the canvas, as in Visio or
// draw.io. Enter (or clicking elsewhere) commits, Esc cancels; either way it goes away. It
// only reports the text; the view's owner turns it into a change of the design.

#include <QLineEdit>

namespace mailtopo::ui {

class InlineNameEditor : public QLineEdit {
    Q_OBJECT

public:
    // Shown at once over `viewportRect` (viewport coordinates) with `name` selected.
    InlineNameEditor(const QString& elementId, const QString& name, const QRect& viewportRect,
                     QWidget* viewport);

    const QString& elementId() const { return elementId_; }

    void commit();
    void cancel();

signals:
    // Exactly one of the two, once; the editor deletes itself afterwards.
    void committed(const QString& elementId, const QString& name);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void finish();

    QString elementId_;
    QString original_;
    bool done_ = false;
};

}  // namespace mailtopo::ui
