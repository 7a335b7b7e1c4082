#pragma once
// The editing commands of the main window — Cut, Copy, Paste, Duplicate, Delete, Rename,
// Select All, and the Arrange menu (align, distribute, snap to grid, auto-layout, group into an AD
// site) — as QActions with the standard shortcuts, enabled by what is selected. They act
// on the canvas selection, or on the element chosen in the design tree when the canvas has
// none (a connector, a DNS zone). The canvas's own gestures (a port dragged onto a segment,
// a name edited in place) come here too. The changes themselves are DiagramEditor's.

#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>

#include "core/edit/arrange.h"

class QAction;
class QMenu;
class QWidget;

namespace mailtopo::ui {

class DesignDocument;
class DiagramEditor;
class DiagramScene;
class DiagramView;

class EditActions : public QObject {
    Q_OBJECT

public:
    // `fallbackSelection` gives the tree's chosen element when the canvas selects nothing.
    EditActions(DesignDocument* document, DiagramScene* scene, DiagramView* view,
                std::function<QStringList()> fallbackSelection, QWidget* parent);

    DiagramEditor* editor() const { return editor_; }

    // Adds Cut … Select All to the Edit menu, and fills the Arrange menu.
    void addEditActions(QMenu* edit);
    void fillArrangeMenu(QMenu* arrange);
    // The actions that make sense in the canvas's context menu.
    QList<QAction*> canvasActions() const;

    QAction* action(const QString& objectName) const;
    // What the commands act on now.
    QStringList selection() const;

    // The command's outcome for the status bar.
signals:
    void message(const QString& text);
    void failed(const QString& title, const QString& text);
    // A drag connected this interface (a NIC or a device's), proposing `address` (empty:
    // none): the window shows it, the address ready to be typed over.
    void connected(const QString& interfaceId, const QString& address);
    // The palette entry `key` dropped on a band became `elementId`, on it through
    // `interfaceId` with `address` proposed (empty: none).
    void placedOnSegment(const QString& key, const QString& elementId, const QString& interfaceId,
                         const QString& address);

public slots:
    void cut();
    void copy();
    void paste();
    void duplicate();
    void remove();
    void selectAll();
    // F2: the name edited in place on the canvas, or in a small dialog for an element
    // without a card (a connector, a flow chosen in the tree).
    void rename();
    void renameElement(const QString& elementId);
    void groupIntoSite();
    void updateEnabled();

private:
    QAction* make(const QString& objectName, const QString& text, const QKeySequence& shortcut,
                  const std::function<void()>& run);
    void report();

    DesignDocument* document_;
    DiagramScene* scene_;
    DiagramView* view_;
    DiagramEditor* editor_;
    QWidget* parentWidget_;
    std::function<QStringList()> fallbackSelection_;
    QList<QAction*> actions_;
    QList<QAction*> needSelection_;  // enabled when something is selected
    QList<QAction*> needTwo_;        // align: two or more drawn elements
    QList<QAction*> needThree_;      // distribute: three or more
    QAction* paste_ = nullptr;
    QAction* snap_ = nullptr;
};

}  // namespace mailtopo::ui
