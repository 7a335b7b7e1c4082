#pragma once
// Saves a main window's geometry and dock layout shortly after they change (moved, resized,
// maximised, a dock moved, floated, shown or hidden), not only on a clean quit: a crash,
// a killed session or a second window closing last must not lose the layout the user made.
// Changes are gathered for half a second, so dragging a splitter writes once.

#include <QObject>
#include <functional>

class QMainWindow;
class QTimer;

namespace mailtopo::ui {

class WindowStateSaver : public QObject {
    Q_OBJECT

public:
    // `save` writes the settings; it is called on the GUI thread, after changes settle.
    WindowStateSaver(QMainWindow* window, std::function<void()> save);

    // Follows docks added after construction too.
    void watchDocks();
    bool isPending() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QMainWindow* window_;
    QTimer* timer_;
};

}  // namespace mailtopo::ui
