#pragma once
// The GUI's main window: a diagram of the open design in the middle, the "Design" dock
// listing its elements, menus to open designs and change the zoom, and a status bar
// that counts what the design holds. The window wires the pieces together; the
// document owns the data, the scene draws it, the view zooms and pans.

#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <optional>

#include "core/edit/change_set.h"
#include "ui/mainwindow/appearance.h"
#include "ui/mainwindow/design_import.h"
#include "ui/mainwindow/recent_files.h"

class QAction;
class QActionGroup;
class QLabel;
class QDialog;
class QDragEnterEvent;
class QDropEvent;
class QLineEdit;
class QMenu;

namespace mailtopo::ui {

class DesignDocument;
class DesignTreeDock;
class EditActions;
class ElementMenus;
class TraceDialog;
class MinimapView;
class PaletteDock;
class Autosaver;
class FindingsDock;
class InspectorDock;
class LiveValidator;
class TracesDock;
struct Recovery;
class DiagramScene;
class DiagramView;
class ProbeController;

struct MainWindowOptions {
    // Restore and save the window geometry and keep the Open Recent list. Off for
    // unattended runs (--screenshot) so they leave the user's settings alone.
    bool persistSettings = true;
    // Report open failures in message boxes. When off they only go to openFailed().
    bool interactiveErrors = true;
    // Where unsaved changes are autosaved for crash recovery; empty: no autosave.
    QString autosaveFolder;
    int autosaveIntervalMs = 30000;

    // For unattended runs (--screenshot, tests, benchmarks): no settings read or written, no
    // message boxes, no autosave.
    static MainWindowOptions unattended() {
        MainWindowOptions options;
        options.persistSettings = false;
        options.interactiveErrors = false;
        return options;
    }
};

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(MainWindowOptions options, QWidget* parent = nullptr);
    ~MainWindow() override;

    DesignDocument* document() const { return document_; }
    DiagramScene* scene() const { return scene_; }
    DiagramView* view() const { return view_; }
    DesignTreeDock* designDock() const { return dock_; }
    FindingsDock* findingsDock() const { return findingsDock_; }
    TracesDock* tracesDock() const { return tracesDock_; }
    InspectorDock* inspectorDock() const { return inspectorDock_; }
    PaletteDock* paletteDock() const { return paletteDock_; }
    MinimapView* minimap() const { return minimap_; }
    EditActions* editActions() const { return editActions_; }
    LiveValidator* validator() const { return validator_; }
    QString statusSummary() const;
    ProbeController* probeController() const { return probe_; }
    // Tools > Probe Live…: enabled while the selection holds a mail server or a VIP.
    QAction* probeAction() const { return probeAction_; }
    // The diagram's context menu for a click at `viewPos` (view coordinates): on a card or
    // a segment band, what can be added to it, connected to it and done with it (selected
    // first, so the edit actions apply to it); on the empty canvas, what can be added
    // there. The caller owns the menu.
    QMenu* createCanvasMenu(const QPoint& viewPos);
    // The design tree's context menu for a row: an element's, else a category's.
    QMenu* createTreeMenu(const QString& elementId, const QString& category);
    ElementMenus* elementMenus() const { return menus_; }
    // The trace form ("Trace…"), created on first use; null before.
    TraceDialog* traceDialog() const { return traceDialog_; }
    QAction* undoAction() const { return undoAction_; }
    QAction* redoAction() const { return redoAction_; }

public slots:
    // Opens `path`; on failure the current design stays open and the problems are
    // reported (file:line:column). Returns whether the design was opened.
    bool openFile(const QString& path);
    // Opens an Open Recent entry; an entry whose file is gone is removed from the list
    // and the user is told why.
    bool openRecentFile(const QString& path);
    void chooseFileToOpen();
    // View › Theme: System (follow the desktop), Light or Dark; kept in the settings.
    void setTheme(ThemeChoice choice);
    ThemeChoice theme() const { return theme_; }
    // File › New: an empty, unsaved design to draw from the palette (after the
    // unsaved-changes prompt).
    bool newDesign();
    // Saves to the document's file, or asks for one. Returns whether the design was saved.
    bool save();
    bool saveAs();
    // Writes the design to `path`; failures are reported. Used by save/saveAs and tests.
    bool saveTo(const QString& path);
    // Imports PowerShell JSON exports and DNS zone files (files or folders) into the open
    // design as one undoable step (a new design when none is open); the log is shown
    // afterwards. Zone files need their view: `zoneView`, else asked (external when
    // unattended); a cancelled question imports nothing.
    ImportOutcome importPaths(const QStringList& paths,
                              std::optional<model::DnsView> zoneView = std::nullopt,
                              ImportAs as = ImportAs::ByName);
    // Restores autosaved changes left by a MailTopo that did not end cleanly: the original
    // file (when there was one) is opened and the autosaved design applied on top as one
    // undoable, unsaved change. The recovery file is removed once restored; an entry that
    // cannot be read is not restored (false).
    bool recover(const Recovery& recovery);
    // At start-up, with modal questions: the work MailTopo windows that did not end cleanly
    // left in the recovery `folder`. The newest entry that can be restored is restored (at
    // once with `restoreWithoutAsking`) or discarded, as the user chooses; each entry that
    // cannot be read is discarded if the user agrees. Returns whether work was restored.
    bool offerRecovery(const QString& folder, bool restoreWithoutAsking);
    Autosaver* autosaver() const { return autosaver_; }
    void chooseExportsToImport();
    void chooseExportFolderToImport();
    void chooseZoneFilesToImport();
    // Edit › Find: selects the next element `query` names (a name, an id, an FQDN, or an IP
    // address and what holds it), shows it and inspects it. Returns the element, or empty.
    QString findNext(const QString& query);
    // File › Export Report…: the preview dialog with Save PDF.
    void showReportPreview();
    // File › Export Diagram…: SVG or PNG of the diagram with the findings marked.
    void chooseDiagramExport();
    bool exportDiagram(const QString& path);
    void showAbout();
    // Opens the probe setup dialog for the selected server or VIP.
    void probeSelection();
    // Tools › Trace…: the trace form, from `sourceHostId` when given (else the selected
    // host, if one is). Returns it, shown.
    TraceDialog* openTraceDialog(const QString& sourceHostId = QString());
    // Selects what shows `elementId` on the canvas and in the tree, brings it into view and
    // inspects it (something just added or connected).
    void revealElement(const QString& elementId);
    // Help › User Guide and Keyboard Shortcuts; the windows are returned, shown.
    QDialog* showUserGuide();
    QDialog* showShortcuts();

signals:
    void openFailed(const QString& path, const QStringList& diagnostics);

protected:
    void closeEvent(QCloseEvent* event) override;
    // The desktop's theme changed: followed when the theme is System.
    void changeEvent(QEvent* event) override;
    // The first show sizes the docks to the window (unless a saved layout was restored).
    void showEvent(QShowEvent* event) override;
    // Dropped .mailtopo files open; dropped JSON exports and folders are imported.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // Which DNS view zone files being imported describe; nullopt when the user cancels.
    std::optional<model::DnsView> askZoneView();
    bool askToRecover(const Recovery& recovery);
    bool askToDiscardUnreadable(const Recovery& recovery, const QString& folder);
    void createActions();
    // Unsaved changes: asks Save / Discard / Cancel. True when the caller may go on.
    bool confirmDiscardOrSave();
    void showImportOutcome(const ImportOutcome& outcome);
    QString defaultDirectory() const;
    void createMenus();
    void rebuildRecentMenu();
    void rebuildViewMenu();
    void onDesignReset();
    void onDesignChanged(const mailtopo::edit::ChangeSet& changes);
    // What both follow besides the tree: summary, view menu, title, probe action.
    void followDesign();
    void updateTitle();
    void updateZoomLabel(qreal zoom);
    void showElementFromTree(const QString& elementId);
    // Where a palette entry double-clicked (or chosen with Enter) is placed.
    QPointF placeForNewElement() const;
    // Brings `area` into view, with the rest of the drawing when all of it can be read.
    void revealWithDrawing(const QRectF& area);
    void syncTreeWithSceneSelection();
    void reportOpenFailure(const QString& path, const QStringList& diagnostics);
    void showNotice(const QString& title, const QString& text);
    void updateProbeAction();
    void showValidation();
    void showFindingOnCanvas(const QStringList& elementIds);
    void restoreSettings();
    void sizeDocksToWindow();
    // Below 1200 px: the inspector a tab beside the palette and the tree, the legend one
    // beside the findings, the minimap hidden.
    void tabDocksForNarrowWindow();
    void saveSettings() const;

    MainWindowOptions options_;
    DesignDocument* document_;
    DiagramScene* scene_;
    DiagramView* view_;
    DesignTreeDock* dock_;
    RecentFiles recent_;
    ProbeController* probe_;
    LiveValidator* validator_;
    FindingsDock* findingsDock_;
    TracesDock* tracesDock_;
    InspectorDock* inspectorDock_;
    PaletteDock* paletteDock_;
    EditActions* editActions_ = nullptr;
    MinimapView* minimap_ = nullptr;
    QLabel* findingsLabel_ = nullptr;
    Autosaver* autosaver_ = nullptr;
    QAction* probeAction_ = nullptr;
    ElementMenus* menus_ = nullptr;
    TraceDialog* traceDialog_ = nullptr;  // a child of the window, kept once made
    QPointer<QDialog> userGuide_;
    QPointer<QDialog> shortcuts_;
    bool docksSized_ = false;  // by a restored layout or the first show
    bool hinting_ = false;     // the status bar shows the canvas's hint
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QLineEdit* findEdit_ = nullptr;
    QString lastQuery_;
    int findIndex_ = -1;
    QString treeElement_;  // the element last chosen in the tree (a VIP rather than its LB)

    QMenu* recentMenu_ = nullptr;
    QMenu* diagramMenu_ = nullptr;
    QActionGroup* diagramGroup_ = nullptr;
    QLabel* summaryLabel_ = nullptr;
    QLabel* zoomLabel_ = nullptr;
    bool showingFromTree_ = false;
    // A new element waiting to be named; then what was offered for it waits to be typed
    // over: the proposed address of the interface a drop on a band connected, then the
    // palette entry's first property in its own form (a segment's subnets, a server's FQDN).
    struct AfterName {
        QString elementId;
        QString interfaceId;
        QString address;
        QString field;
    };
    AfterName afterName_;
    ThemeChoice theme_ = ThemeChoice::System;
    QActionGroup* themeGroup_ = nullptr;
};

}  // namespace mailtopo::ui
