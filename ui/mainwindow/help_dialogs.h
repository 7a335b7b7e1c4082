#pragma once
// The Help menu's windows: the user guide (docs/user-guide.md and its pictures, compiled in
// as Qt resources so an installed MailTopo has them) rendered from Markdown, and the table
// of keyboard shortcuts, read from the window's own actions so it can never disagree with
// what the keys do.

#include <QList>
#include <QString>

class QAction;
class QDialog;
class QWidget;

namespace mailtopo::ui {

// Where the guide is compiled in (ui/CMakeLists.txt, resource prefix /docs).
inline constexpr const char* kUserGuideUrl = "qrc:/docs/user-guide.md";

// A resizable, non-modal window showing the user guide. The caller shows it.
QDialog* createUserGuideDialog(QWidget* parent);

// Every action of `window` (menus, docks, the canvas's commands) that has a shortcut,
// each once, in menu order where it has one.
QList<QAction*> actionsWithShortcuts(QWidget* window);

// A window listing actionsWithShortcuts(window): what it does and its keys.
QDialog* createShortcutsDialog(QWidget* window);

}  // namespace mailtopo::ui
