#include "ui/mainwindow/inspector/wheel_passes_by.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace mailtopo::ui::inspector {
namespace {

class WheelPassesBy : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::Wheel || !watched->isWidgetType())
            return false;
        auto* widget = static_cast<QWidget*>(watched);
        if (widget->hasFocus())
            return false;
        // The form's scroll area takes it instead. (Sent straight to its viewport: Qt hands
        // a wheel event on to the parents only when it came from the window system.)
        for (QWidget* up = widget->parentWidget(); up != nullptr; up = up->parentWidget()) {
            if (auto* area = qobject_cast<QAbstractScrollArea*>(up)) {
                QCoreApplication::sendEvent(area->viewport(), event);
                return true;
            }
        }
        return true;  // no scroll area around it: nothing scrolls, and the value stays
    }
};

}  // namespace

void letWheelPassBy(QWidget* widget) {
    // Focus by click or Tab only: the wheel alone must not focus it and then change it.
    widget->setFocusPolicy(Qt::StrongFocus);
    static auto* filter = new WheelPassesBy(QCoreApplication::instance());
    widget->installEventFilter(filter);
}

}  // namespace mailtopo::ui::inspector
