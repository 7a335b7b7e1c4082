#include "ui/mainwindow/window_state_saver.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QTimer>

namespace mailtopo::ui {

WindowStateSaver::WindowStateSaver(QMainWindow* window, std::function<void()> save)
    : QObject(window), window_(window), timer_(new QTimer(this)) {
    timer_->setSingleShot(true);
    timer_->setInterval(500);
    connect(timer_, &QTimer::timeout, this, std::move(save));
    window_->installEventFilter(this);
    watchDocks();
}

void WindowStateSaver::watchDocks() {
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>()) {
        // UniqueConnection: calling this again for new docks does not double the old ones.
        connect(dock, &QDockWidget::dockLocationChanged, timer_, qOverload<>(&QTimer::start),
                Qt::UniqueConnection);
        connect(dock, &QDockWidget::topLevelChanged, timer_, qOverload<>(&QTimer::start),
                Qt::UniqueConnection);
        connect(dock, &QDockWidget::visibilityChanged, timer_, qOverload<>(&QTimer::start),
                Qt::UniqueConnection);
    }
}

bool WindowStateSaver::isPending() const {
    return timer_->isActive();
}

bool WindowStateSaver::eventFilter(QObject* watched, QEvent* event) {
    if (watched == window_) {
        switch (event->type()) {
            case QEvent::Move:
            case QEvent::Resize:
            case QEvent::WindowStateChange:
                // Only once the window is on screen: the first layout is not a user's change.
                if (window_->isVisible())
                    timer_->start();
                break;
            default:
                break;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace mailtopo::ui
