#include "ui/mainwindow/main_window.h"

#include <algorithm>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QToolBar>
#include "core/analysis/finding_output.h"
#include "core/analysis/simulation_checks.h"
#include "core/edit/element_palette.h"
#include "core/io/design_file.h"
#include "core/probe/design_target.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/minimap_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/autosave.h"
#include "ui/document/design_document.h"
#include "ui/document/element_search.h"
#include "ui/document/element_text.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/element_menus.h"
#include "ui/mainwindow/findings_dock.h"
#include "ui/mainwindow/help_dialogs.h"
#include "ui/mainwindow/import_log_dialog.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/legend_dock.h"
#include "ui/mainwindow/palette_dock.h"
#include "ui/mainwindow/tooltip_wrapping.h"
#include "ui/mainwindow/trace_dialog.h"
#include "ui/mainwindow/traces_dock.h"
#include "ui/mainwindow/window_state_saver.h"
#include "ui/probe/probe_controller.h"
#include "ui/report/diagram_picture.h"
#include "ui/report/report_preview_dialog.h"

#ifndef MAILTOPO_VERSION
#define MAILTOPO_VERSION "unknown"
#endif

namespace mailtopo::ui {
namespace {

// What the caret goes to once an element of the palette entry `key` is named and
// connected (the entry's first property); empty: nothing stands out.
QString firstPropertyOf(const QString& key) {
    const edit::PaletteEntry* entry = edit::findPaletteEntry(key.toStdString());
    return entry != nullptr ? QString::fromStdString(entry->firstProperty) : QString();
}

constexpr int kStatusMessageMs = 6000;
constexpr int kDiagnosticsInSummary = 5;  // the rest go to "Show Details…"
constexpr qreal kNewElementGap = 60;      // between the drawing and an element added beside it
// The zoom below which the whole drawing is not shown to reveal a new element: card rows
// and ports are still drawn there (fullDetailZoom() in ui/diagram/card_detail.h is lower).
constexpr qreal kReadableZoom = 0.75;

// When an autosaved entry was written, as the questions about it and the status bar say it.
QString autosavedAt(const Recovery& recovery) {
    return QLocale().toString(recovery.savedAt.toLocalTime(), QLocale::ShortFormat);
}

// The design an autosaved entry holds changes to, as the user knows it; empty if unknown.
QString recoveryName(const Recovery& recovery) {
    return recovery.designName.isEmpty() ? QFileInfo(recovery.originalPath).fileName()
                                         : recovery.designName;
}

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kThemeKey = QStringLiteral("appearance/theme");

}  // namespace

MainWindow::MainWindow(QWidget* parent) : MainWindow(MainWindowOptions{}, parent) {}

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      document_(new DesignDocument(this)),
      scene_(new DiagramScene(document_, this)),
      view_(new DiagramView(this)),
      dock_(new DesignTreeDock(this)),
      probe_(new ProbeController(document_, this)),
      validator_(new LiveValidator(document_, this)),
      findingsDock_(new FindingsDock(this)),
      tracesDock_(new TracesDock(this)),
      inspectorDock_(new InspectorDock(document_, this)),
      paletteDock_(new PaletteDock(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    installToolTipWrapping(QCoreApplication::instance());
    view_->setObjectName(QStringLiteral("diagramView"));
    view_->setScene(scene_);
    setCentralWidget(view_);
    editActions_ = new EditActions(
        document_, scene_, view_,
        [this] { return treeElement_.isEmpty() ? QStringList{} : QStringList{treeElement_}; },
        this);
    menus_ = new ElementMenus(document_, editActions_, this);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock_);
    addDockWidget(Qt::LeftDockWidgetArea, dock_);
    tabifyDockWidget(paletteDock_, dock_);
    dock_->raise();
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
    minimap_ = new MinimapView(view_);
    auto* minimapDock = new QDockWidget(tr("Minimap"), this);
    minimapDock->setObjectName(QStringLiteral("minimapDock"));
    minimapDock->setWidget(minimap_);
    addDockWidget(Qt::RightDockWidgetArea, minimapDock);
    // The legend shares the minimap's place: both are glanced at, neither needs the room.
    auto* legendDock = new LegendDock(this);
    addDockWidget(Qt::RightDockWidgetArea, legendDock);
    tabifyDockWidget(minimapDock, legendDock);
    minimapDock->raise();
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock_);
    addDockWidget(Qt::BottomDockWidgetArea, tracesDock_);
    tabifyDockWidget(findingsDock_, tracesDock_);
    findingsDock_->raise();
    resize(1280, 820);  // the docks are sized when the window is first shown (showEvent)

    summaryLabel_ = new QLabel(this);
    summaryLabel_->setObjectName(QStringLiteral("summaryLabel"));
    zoomLabel_ = new QLabel(this);
    zoomLabel_->setObjectName(QStringLiteral("zoomLabel"));
    statusBar()->addWidget(summaryLabel_, 1);
    findingsLabel_ = new QLabel(this);
    findingsLabel_->setObjectName(QStringLiteral("findingsLabel"));
    statusBar()->addPermanentWidget(findingsLabel_);
    statusBar()->addPermanentWidget(zoomLabel_);

    createMenus();
    setAcceptDrops(true);

    connect(document_, &DesignDocument::designReset, this, &MainWindow::onDesignReset);
    connect(document_, &DesignDocument::designChanged, this, &MainWindow::onDesignChanged);
    connect(document_, &DesignDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(document_, &DesignDocument::modifiedChanged, this, &MainWindow::setWindowModified);
    connect(view_, &DiagramView::zoomChanged, this, &MainWindow::updateZoomLabel);
    connect(dock_, &DesignTreeDock::elementChosen, this, &MainWindow::showElementFromTree);
    connect(scene_, &QGraphicsScene::selectionChanged, this,
            &MainWindow::syncTreeWithSceneSelection);
    connect(scene_, &QGraphicsScene::selectionChanged, this, &MainWindow::updateProbeAction);
    connect(probe_, &ProbeController::resultShown, this, &MainWindow::updateProbeAction);
    connect(validator_, &LiveValidator::validated, this, &MainWindow::showValidation);
    connect(validator_, &LiveValidator::started, this, [this] {
        // A busy mark only when validation takes longer than a frame, so quick edits do not
        // make the status bar flicker.
        QTimer::singleShot(16, this, [this] {
            if (validator_->isRunning() && document_->hasDesign()) {
                findingsDock_->setBusy(true);
                findingsLabel_->setText(tr("Validating…"));
            }
        });
    });
    connect(findingsDock_, &FindingsDock::findingChosen, this, &MainWindow::showFindingOnCanvas);
    // Editing: a palette entry activated goes below the drawing and is brought into view;
    // what each command did is said in the status bar.
    connect(paletteDock_, &PaletteDock::entryActivated, this, [this](const QString& key) {
        const QString id = editActions_->editor()->addElement(key, placeForNewElement());
        statusBar()->showMessage(editActions_->editor()->lastMessage(), kStatusMessageMs);
        const QString first = firstPropertyOf(key);
        if (QGraphicsItem* item = scene_->itemForElement(id)) {
            revealWithDrawing(item->sceneBoundingRect());
            // Selected on the canvas with the keyboard there: typing names it, as after an
            // insert in drawing tools; the entry's first property (a segment's subnets, one
            // offered; a server's FQDN) comes next.
            view_->setFocus(Qt::OtherFocusReason);
            const auto* band = qgraphicsitem_cast<SegmentItem*>(item);
            if (band != nullptr && band->kind() == model::SegmentKind::Internet) {
                // The internet keeps its name; what a user fills in is its subnets.
                revealElement(id);
                inspectorDock_->focusField(first);
            } else if (!first.isEmpty()) {
                afterName_ = {id, QString(), QString(), first};
            }
        } else if (!id.isEmpty()) {
            // A DNS zone has no card: the Design panel shows it, and the inspector its form,
            // its origin (the zone's name, offered) selected to be typed over.
            dock_->raise();
            revealElement(id);
            inspectorDock_->focusField(first);
        }
    });
    connect(editActions_, &EditActions::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(editActions_, &EditActions::failed, this, &MainWindow::showNotice);
    // Connected by a drag: the proposed address waits in the inspector, selected, so typing
    // replaces it (as draw.io edits a new shape's label) and anything else keeps it.
    connect(editActions_, &EditActions::connected, this,
            [this](const QString& interfaceId, const QString& address) {
                revealElement(interfaceId);
                if (!address.isEmpty())
                    inspectorDock_->editPartCell(interfaceId, address);
            });
    // Dropped on a band: first the name (typing on the selected card names it, as after
    // any insert), then, once it is named, the proposed address as after a connect.
    connect(editActions_, &EditActions::placedOnSegment, this,
            [this](const QString& key, const QString& elementId, const QString& interfaceId,
                   const QString& address) {
                view_->setFocus(Qt::OtherFocusReason);
                afterName_ = {elementId, interfaceId, address, firstPropertyOf(key)};
            });
    connect(view_, &DiagramView::renameCommitted, this, [this](const QString& elementId) {
        if (afterName_.elementId != elementId)
            return;
        const AfterName next = std::exchange(afterName_, {});
        if (next.interfaceId.isEmpty()) {
            // A field of the element's own form, its text selected to be typed over.
            revealElement(next.elementId);
            inspectorDock_->focusField(next.field);
            return;
        }
        // Connected on the way: its address first, then that field.
        revealElement(next.interfaceId);
        if (!next.address.isEmpty())
            inspectorDock_->editPartCell(next.interfaceId, next.address, true, next.field);
    });
    connect(scene_, &QGraphicsScene::selectionChanged, this, [this] {
        // The user went on to something else: what was offered stays as it is. (Items
        // replaced by an edit, the rename itself, are not the user's choice.)
        const QList<QGraphicsItem*> chosen = scene_->selectedItems();
        if (!afterName_.elementId.isEmpty() && !scene_->isRebuilding() &&
            (chosen.size() != 1 || chosen.first()->data(0).toString() != afterName_.elementId))
            afterName_ = {};
    });
    // The inspector follows the element chosen in the tree or the one card selected on the
    // canvas; a selection emptied by a rebuild keeps what it shows.
    connect(dock_, &DesignTreeDock::elementChosen, inspectorDock_, &InspectorDock::inspect);
    // A click on the empty canvas shows the design's own properties, as the tree's first row.
    connect(scene_, &QGraphicsScene::selectionChanged, this, [this] {
        if (showingFromTree_ || scene_->isRebuilding())
            return;
        const QStringList ids = scene_->selectedElementIds();
        if (ids.size() == 1)
            inspectorDock_->inspect(ids.first());
        else if (ids.isEmpty())
            inspectorDock_->inspect(QString());
        // Tabbed with the tree in a narrow window: a card chosen on the canvas brings its
        // properties to the front.
        if (ids.size() == 1 && !tabifiedDockWidgets(inspectorDock_).isEmpty())
            inspectorDock_->raise();
    });
    // The chosen finding's proof is ready to play in the Traces tab.
    connect(findingsDock_, &FindingsDock::findingChosen, this, [this] {
        const analysis::Finding* f = findingsDock_->chosenFinding();
        const auto& simulation = validator_->validation().simulation;
        if (f == nullptr)
            return;
        if (const auto proof = analysis::provingFlow(*f, simulation))
            tracesDock_->chooseFlow(
                QString::fromStdString(analysis::flowLabel(simulation.flows[*proof])));
    });
    connect(tracesDock_, &TracesDock::stepShown, this,
            [this](const QStringList& forward, const QStringList& reply, const QString& element) {
                scene_->showTracePath(forward, reply, element);
                if (tracesDock_->isPlaying() && !element.isEmpty())
                    if (QGraphicsItem* item = scene_->itemForElement(element))
                        view_->reveal(item->sceneBoundingRect());
            });
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu* menu = createCanvasMenu(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(view_->viewport()->mapToGlobal(pos));
    });
    connect(dock_, &DesignTreeDock::menuRequested, this,
            [this](const QString& elementId, const QString& category, const QPoint& at) {
                QMenu* menu = createTreeMenu(elementId, category);
                if (menu->isEmpty()) {
                    delete menu;
                    return;
                }
                menu->setAttribute(Qt::WA_DeleteOnClose);
                menu->popup(at);
            });
    // What the context menus add or connect is shown at once; what they ask for is opened.
    // Added from a menu: shown and inspected; the address core chose for it (a VIP's, a NAT
    // rule's public one) waits in its cell to be typed over, as after a connect.
    connect(menus_, &ElementMenus::added, this, [this](const QString& elementId) {
        revealElement(elementId);
        const QString proposed = editActions_->editor()->lastProposedAddress();
        if (!proposed.isEmpty())
            inspectorDock_->editPartCell(elementId, proposed);
    });
    connect(menus_, &ElementMenus::message, this, [this](const QString& text) {
        if (!text.isEmpty())
            statusBar()->showMessage(text, kStatusMessageMs);
    });
    connect(menus_, &ElementMenus::traceRequested, this,
            [this](const QString& host) { openTraceDialog(host); });
    connect(menus_, &ElementMenus::playFlowRequested, this, [this](const QString& flowId) {
        tracesDock_->chooseDesignFlow(flowId);
        tracesDock_->show();
        tracesDock_->raise();
    });
    // A host dragged onto another host or a VIP: a flow, traced at once.
    connect(view_, &DiagramView::flowRequested, this,
            [this](const QString& from, const QString& to) {
                const QString id = editActions_->editor()->addFlowBetween(from, to);
                statusBar()->showMessage(editActions_->editor()->lastMessage(), kStatusMessageMs);
                if (id.isEmpty())
                    return;
                tracesDock_->chooseDesignFlow(id);
                tracesDock_->show();
                tracesDock_->raise();
                revealElement(id);
            });
    // Hovering a port or handle says what dragging it does; the hint goes when it does.
    connect(view_, &DiagramView::hintChanged, this, [this](const QString& hint) {
        if (!hint.isEmpty()) {
            statusBar()->showMessage(hint);
            hinting_ = true;
        } else if (hinting_) {
            statusBar()->clearMessage();
            hinting_ = false;
        }
    });

    if (!options_.autosaveFolder.isEmpty())
        autosaver_ =
            new Autosaver(document_, options_.autosaveFolder, options_.autosaveIntervalMs, this);

    updateTitle();
    updateZoomLabel(view_->zoom());
    summaryLabel_->setText(tr("No design open"));
    if (options_.persistSettings) {
        restoreSettings();
        new WindowStateSaver(this, [this] { saveSettings(); });
    }
    // MAILTOPO_THEME (light, dark, system) wins over the settings: screenshots and tests.
    ThemeChoice theme = ThemeChoice::System;
    if (qEnvironmentVariableIsSet("MAILTOPO_THEME"))
        theme = themeChoiceFromName(qEnvironmentVariable("MAILTOPO_THEME"));
    else if (options_.persistSettings)
        theme = themeChoiceFromName(QSettings().value(kThemeKey).toString());
    setTheme(theme);
}

void MainWindow::setTheme(ThemeChoice choice) {
    theme_ = choice;
    applyTheme(choice);
    scene_->applyStyle();
    view_->applyStyle();
    minimap_->setBackgroundBrush(DiagramStyle::standard().canvas);
    paletteDock_->applyStyle();
    if (auto* legend = findChild<LegendDock*>())
        legend->applyStyle();
    if (document_->hasDesign())
        dock_->populate(document_->design());  // its rows' icons follow the theme
    for (QAction* action : themeGroup_->actions())
        action->setChecked(action->data().toInt() == static_cast<int>(choice));
    if (options_.persistSettings)
        QSettings().setValue(kThemeKey, themeChoiceName(choice));
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (!docksSized_) {
        docksSized_ = true;
        sizeDocksToWindow();
    }
}

void MainWindow::sizeDocksToWindow() {
    // Sized from the window as it is shown, not as it was built: sizes given to the docks
    // of a window that then grows end up shared out by Qt (the minimap took the height the
    // inspector's fields need, the side docks left a small window's canvas a third of it).
    // The canvas keeps over half the width and two thirds of the height; the Design tree
    // gets room for its Details column and the inspector for its fields, less on a small
    // screen; the minimap, only glanced at, a quarter of the right column.
    const int w = width();
    const int h = height();
    // Narrower than the default layout needs (a 1024×700 laptop screen): one column of
    // tabbed docks, so the canvas keeps about three quarters of the width.
    constexpr int kRoomyWidth = 1200;
    if (w < kRoomyWidth) {
        tabDocksForNarrowWindow();
        return;
    }
    resizeDocks({dock_}, {std::clamp(w * 21 / 100, 240, 340)}, Qt::Horizontal);
    resizeDocks({inspectorDock_}, {std::clamp(w * 19 / 100, 260, 320)}, Qt::Horizontal);
    resizeDocks({findingsDock_}, {std::clamp(h * 22 / 100, 150, 240)}, Qt::Vertical);
    if (auto* minimapDock = findChild<QDockWidget*>(QStringLiteral("minimapDock")))
        resizeDocks({inspectorDock_, minimapDock}, {3, 1}, Qt::Vertical);
}

void MainWindow::tabDocksForNarrowWindow() {
    // One column of docks on the left, tabbed: Palette, Design, Inspector; the legend a
    // tab beside the findings and traces; the minimap hidden (View › Minimap brings it).
    addDockWidget(Qt::LeftDockWidgetArea, inspectorDock_);
    tabifyDockWidget(dock_, inspectorDock_);
    dock_->raise();
    if (auto* legend = findChild<LegendDock*>()) {
        addDockWidget(Qt::BottomDockWidgetArea, legend);
        tabifyDockWidget(tracesDock_, legend);
        findingsDock_->raise();
    }
    if (auto* minimapDock = findChild<QDockWidget*>(QStringLiteral("minimapDock")))
        minimapDock->hide();
    resizeDocks({dock_}, {std::max(260, width() / 4)}, Qt::Horizontal);
    resizeDocks({findingsDock_}, {std::max(140, height() / 5)}, Qt::Vertical);
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ThemeChange && theme_ == ThemeChoice::System)
        setTheme(theme_);
}

MainWindow::~MainWindow() {
    // The scene is destroyed with the window's children, after the document, and deselects
    // its items on the way out; nobody listening (this window, the edit actions, the docks)
    // may hear about it then, since what they would consult is already gone.
    scene_->blockSignals(true);
    scene_->disconnect();
}

// ---- menus ---------------------------------------------------------------------------

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New"), this, &MainWindow::newDesign);
    newAction->setObjectName(QStringLiteral("actionNew"));
    newAction->setShortcut(QKeySequence::New);
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFileToOpen);
    open->setObjectName(QStringLiteral("actionOpen"));
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    recentMenu_->setObjectName(QStringLiteral("recentMenu"));
    // Rebuilt when shown, so a list changed by another MailTopo window is current.
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    QAction* saveAction = file->addAction(tr("&Save"), this, &MainWindow::save);
    saveAction->setObjectName(QStringLiteral("actionSave"));
    saveAction->setShortcut(QKeySequence::Save);
    QAction* saveAsAction = file->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
    saveAsAction->setObjectName(QStringLiteral("actionSaveAs"));
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction* importFiles = file->addAction(tr("&Import PowerShell Exports…"), this,
                                           &MainWindow::chooseExportsToImport);
    importFiles->setObjectName(QStringLiteral("actionImport"));
    importFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importFiles->setStatusTip(
        tr("Merge the JSON written by Export-MailTopology.ps1 (or single "
           "cmdlet exports) into the design"));
    QAction* importFolder = file->addAction(tr("Import Export &Folder…"), this,
                                            &MainWindow::chooseExportFolderToImport);
    importFolder->setObjectName(QStringLiteral("actionImportFolder"));
    QAction* importZones =
        file->addAction(tr("Import DNS &Zone Files…"), this, &MainWindow::chooseZoneFilesToImport);
    importZones->setObjectName(QStringLiteral("actionImportZones"));
    importZones->setStatusTip(
        tr("Bring zone files (BIND, or the Windows DNS server's .dns files) into the design's "
           "DNS data, replacing a zone of the same name and view"));
    file->addSeparator();
    QAction* report = file->addAction(tr("Export &Report…"), this, &MainWindow::showReportPreview);
    report->setObjectName(QStringLiteral("actionExportReport"));
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    report->setStatusTip(tr("Preview and save the PDF report of the design"));
    QAction* diagram =
        file->addAction(tr("Export &Diagram…"), this, &MainWindow::chooseDiagramExport);
    diagram->setObjectName(QStringLiteral("actionExportDiagram"));
    diagram->setStatusTip(tr("Save the diagram as SVG or PNG"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    undoAction_ = document_->undoStack()->createUndoAction(this, tr("&Undo"));
    undoAction_->setObjectName(QStringLiteral("actionUndo"));
    undoAction_->setShortcut(QKeySequence::Undo);
    redoAction_ = document_->undoStack()->createRedoAction(this, tr("&Redo"));
    redoAction_->setObjectName(QStringLiteral("actionRedo"));
    redoAction_->setShortcut(QKeySequence::Redo);
    edit->addAction(undoAction_);
    edit->addAction(redoAction_);
    edit->addSeparator();
    editActions_->addEditActions(edit);
    edit->addSeparator();
    // Find by name or IP: a field in a toolbar, Ctrl+F to reach it, Enter (or F3) for the next.
    QToolBar* findBar = addToolBar(tr("Find"));
    findBar->setObjectName(QStringLiteral("findBar"));
    findEdit_ = new QLineEdit(findBar);
    findEdit_->setObjectName(QStringLiteral("findEdit"));
    findEdit_->setPlaceholderText(tr("Find by name or IP address (Ctrl+F)"));
    findEdit_->setClearButtonEnabled(true);
    findEdit_->setMaximumWidth(340);
    findBar->addWidget(findEdit_);
    connect(findEdit_, &QLineEdit::returnPressed, this, [this] { findNext(findEdit_->text()); });
    QAction* find = edit->addAction(tr("&Find…"), this, [this] {
        findEdit_->setFocus();
        findEdit_->selectAll();
    });
    find->setObjectName(QStringLiteral("actionFind"));
    find->setShortcut(QKeySequence::Find);
    QAction* findAgain =
        edit->addAction(tr("Find &Next"), this, [this] { findNext(findEdit_->text()); });
    findAgain->setShortcut(QKeySequence::FindNext);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = viewMenu->addAction(tr("Zoom &In"), view_, &DiagramView::zoomIn);
    zoomIn->setObjectName(QStringLiteral("actionZoomIn"));
    zoomIn->setShortcuts(QKeySequence::ZoomIn);
    QAction* zoomOut = viewMenu->addAction(tr("Zoom &Out"), view_, &DiagramView::zoomOut);
    zoomOut->setObjectName(QStringLiteral("actionZoomOut"));
    zoomOut->setShortcuts(QKeySequence::ZoomOut);
    QAction* fit = viewMenu->addAction(tr("&Fit to Window"), view_, &DiagramView::fitToContents);
    fit->setObjectName(QStringLiteral("actionFit"));
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    viewMenu->addSeparator();
    diagramMenu_ = viewMenu->addMenu(tr("&Diagram"));
    diagramMenu_->setObjectName(QStringLiteral("diagramMenu"));
    diagramGroup_ = new QActionGroup(this);
    rebuildViewMenu();
    viewMenu->addSeparator();
    QAction* toggleDock = dock_->toggleViewAction();
    toggleDock->setText(tr("&Design Panel"));
    viewMenu->addAction(toggleDock);
    QMenu* themeMenu = viewMenu->addMenu(tr("&Theme"));
    themeGroup_ = new QActionGroup(this);
    for (const auto& [choice, label] :
         {std::pair{ThemeChoice::System, tr("Follow &System")},
          std::pair{ThemeChoice::Light, tr("&Light")}, std::pair{ThemeChoice::Dark, tr("&Dark")}}) {
        QAction* action = themeMenu->addAction(label);
        action->setCheckable(true);
        action->setData(static_cast<int>(choice));
        action->setObjectName(QStringLiteral("actionTheme-") + themeChoiceName(choice));
        themeGroup_->addAction(action);
        const ThemeChoice chosen = choice;
        connect(action, &QAction::triggered, this, [this, chosen] { setTheme(chosen); });
    }
    viewMenu->addSeparator();
    viewMenu->addAction(paletteDock_->toggleViewAction());
    QAction* toggleInspector = inspectorDock_->toggleViewAction();
    toggleInspector->setText(tr("&Inspector"));
    viewMenu->addAction(toggleInspector);
    QAction* toggleTraces = tracesDock_->toggleViewAction();
    toggleTraces->setText(tr("&Traces Panel"));
    viewMenu->addAction(toggleTraces);
    QAction* toggleFindings = findingsDock_->toggleViewAction();
    toggleFindings->setText(tr("&Findings Panel"));
    toggleFindings->setObjectName(QStringLiteral("actionFindingsPanel"));
    viewMenu->addAction(toggleFindings);
    if (auto* minimapDock = findChild<QDockWidget*>(QStringLiteral("minimapDock")))
        viewMenu->addAction(minimapDock->toggleViewAction());
    if (auto* legendDock = findChild<LegendDock*>()) {
        QAction* toggleLegend = legendDock->toggleViewAction();
        toggleLegend->setObjectName(QStringLiteral("actionLegendPanel"));
        viewMenu->addAction(toggleLegend);
    }

    QMenu* arrange = menuBar()->addMenu(tr("&Arrange"));
    arrange->setObjectName(QStringLiteral("arrangeMenu"));
    editActions_->fillArrangeMenu(arrange);

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    probeAction_ = tools->addAction(tr("&Probe Live…"), this, &MainWindow::probeSelection);
    probeAction_->setObjectName(QStringLiteral("actionProbeLive"));
    probeAction_->setStatusTip(
        tr("Connect to the selected server or VIP and test relaying and spoofing, then compare "
           "with the design"));
    probeAction_->setEnabled(false);
    QAction* trace = tools->addAction(tr("&Trace…"), this, [this] { openTraceDialog(); });
    trace->setObjectName(QStringLiteral("actionTrace"));
    trace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    trace->setStatusTip(
        tr("Trace a connection from a host to a host, a VIP, an address or an MX and play it; "
           "keep it as a flow of the design"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&User Guide"), this, [this] { showUserGuide(); });
    guide->setObjectName(QStringLiteral("actionUserGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction* keys = help->addAction(tr("&Keyboard Shortcuts"), this, [this] { showShortcuts(); });
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    help->addSeparator();
    QAction* about = help->addAction(tr("&About MailTopo"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = options_.persistSettings ? recent_.files() : QStringList();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        // Numbered mnemonics for the first nine; the full path tells same-named files apart.
        const QString label =
            i < 9 ? QStringLiteral("&%1  %2").arg(i + 1).arg(QDir::toNativeSeparators(path))
                  : QStringLiteral("    %1").arg(QDir::toNativeSeparators(path));
        QAction* action = recentMenu_->addAction(label);
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openRecentFile(path); });
    }
    if (files.isEmpty()) {
        recentMenu_->addAction(tr("No recent designs"))->setEnabled(false);
        return;
    }
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("&Clear Menu"), this, [this] {
        recent_.clear();
        rebuildRecentMenu();
    });
}

void MainWindow::rebuildViewMenu() {
    diagramMenu_->clear();
    for (QAction* action : diagramGroup_->actions())
        diagramGroup_->removeAction(action);
    const bool hasViews = document_->hasDesign() && !document_->design().views.empty();
    if (!hasViews) {
        diagramMenu_->addAction(tr("Automatic layout"))->setEnabled(false);
        return;
    }
    const model::Design& design = document_->design();
    for (const model::View& view : design.views) {
        const QString id = text::fromStd(view.id);
        const QString name = text::fromStd(view.name);
        QAction* action = diagramMenu_->addAction(name.isEmpty() ? id : name);
        action->setCheckable(true);
        action->setChecked(id == scene_->activeViewId());
        diagramGroup_->addAction(action);
        connect(action, &QAction::triggered, this, [this, id] {
            scene_->setViewId(id);
            view_->fitToContents();
        });
    }
}

// ---- opening -------------------------------------------------------------------------

void MainWindow::chooseFileToOpen() {
    if (!confirmDiscardOrSave())
        return;
    QString start = QFileInfo(document_->filePath()).absolutePath();
    if (document_->filePath().isEmpty()) {
        const QString last = options_.persistSettings ? recent_.mostRecent() : QString();
        start = last.isEmpty() ? QDir::homePath() : QFileInfo(last).absolutePath();
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Design"), start,
                                                      tr("MailTopo designs (*.mailtopo)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::newDesign() {
    if (!confirmDiscardOrSave())
        return false;
    model::Design design;
    design.info.name = tr("Untitled design").toStdString();
    design.views.push_back({"view-main", "Overview", {}});
    document_->reset(std::move(design), QString());
    view_->fitToContents();
    paletteDock_->show();
    paletteDock_->raise();  // a new design is drawn from the palette
    statusBar()->showMessage(tr("New design: drag elements from the palette onto the canvas"),
                             kStatusMessageMs);
    return true;
}

bool MainWindow::openFile(const QString& path) {
    const LoadOutcome outcome = document_->load(path);
    if (!outcome.ok) {
        reportOpenFailure(path, outcome.diagnostics);
        return false;
    }
    if (options_.persistSettings)
        recent_.add(document_->filePath());
    view_->fitToContents();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(document_->filePath())),
                             kStatusMessageMs);
    return true;
}

bool MainWindow::openRecentFile(const QString& path) {
    if (!confirmDiscardOrSave())
        return false;
    if (!QFileInfo(path).isFile()) {
        recent_.remove(path);
        rebuildRecentMenu();
        showNotice(tr("Design not found"),
                   tr("%1 no longer exists, so it was removed from the recent designs.")
                       .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return openFile(path);
}

void MainWindow::reportOpenFailure(const QString& path, const QStringList& diagnostics) {
    emit openFailed(path, diagnostics);
    const QString name = QFileInfo(path).fileName();
    statusBar()->showMessage(tr("Could not open %1").arg(name), kStatusMessageMs);
    if (!options_.interactiveErrors)
        return;

    QStringList summary = diagnostics.mid(0, kDiagnosticsInSummary);
    if (diagnostics.size() > kDiagnosticsInSummary) {
        summary << tr("… and %n more problem(s).", nullptr,
                      static_cast<int>(diagnostics.size() - kDiagnosticsInSummary));
    }
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Cannot Open Design"),
                        tr("MailTopo could not open “%1”.").arg(name), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openErrorBox"));
    QString informative = summary.join(QLatin1Char('\n'));
    if (document_->hasDesign()) {
        informative +=
            QStringLiteral("\n\n") + tr("“%1” is still open.").arg(document_->designName());
    }
    box->setInformativeText(informative);
    if (diagnostics.size() > 1)
        box->setDetailedText(diagnostics.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal and non-blocking: no nested event loop inside openFile().
    box->open();
}

void MainWindow::showNotice(const QString& title, const QString& text) {
    statusBar()->showMessage(text, kStatusMessageMs);
    if (!options_.interactiveErrors)
        return;
    auto* box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("noticeBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

// ---- saving, importing, exporting ----------------------------------------------------

QString MainWindow::defaultDirectory() const {
    if (!document_->filePath().isEmpty())
        return QFileInfo(document_->filePath()).absolutePath();
    const QString last = options_.persistSettings ? recent_.mostRecent() : QString();
    return last.isEmpty() ? QDir::homePath() : QFileInfo(last).absolutePath();
}

bool MainWindow::confirmDiscardOrSave() {
    if (!document_->isModified() || !options_.interactiveErrors)
        return true;
    const auto choice = QMessageBox::warning(
        this, tr("Unsaved Changes"),
        tr("“%1” has changes that are not saved.").arg(document_->designName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (choice == QMessageBox::Save)
        return save();
    return choice == QMessageBox::Discard;
}

bool MainWindow::save() {
    if (!document_->hasDesign())
        return false;
    if (document_->filePath().isEmpty())
        return saveAs();
    return saveTo(document_->filePath());
}

bool MainWindow::saveAs() {
    if (!document_->hasDesign())
        return false;
    const QString suggested =
        document_->filePath().isEmpty()
            ? QDir(defaultDirectory())
                  .filePath(document_->designName() + QStringLiteral(".mailtopo"))
            : document_->filePath();
    QString path = QFileDialog::getSaveFileName(this, tr("Save Design As"), suggested,
                                                tr("MailTopo designs (*.mailtopo)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".mailtopo");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path) {
    QString error;
    if (!document_->save(path, &error)) {
        statusBar()->showMessage(tr("Could not save %1").arg(QFileInfo(path).fileName()),
                                 kStatusMessageMs);
        if (options_.interactiveErrors)
            QMessageBox::warning(this, tr("Cannot Save Design"), error);
        return false;
    }
    if (options_.persistSettings)
        recent_.add(document_->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(document_->filePath())),
                             kStatusMessageMs);
    return true;
}

ImportOutcome MainWindow::importPaths(const QStringList& paths,
                                      std::optional<model::DnsView> zoneView, ImportAs as) {
    if (!zoneView && (as == ImportAs::ZoneFiles || holdsZoneFiles(paths))) {
        zoneView = options_.interactiveErrors ? askZoneView() : model::DnsView::External;
        if (!zoneView) {
            ImportOutcome cancelled;
            cancelled.summary = tr("Import cancelled");
            statusBar()->showMessage(cancelled.summary, kStatusMessageMs);
            return cancelled;
        }
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool hadDesign = document_->hasDesign();
    const ImportOutcome outcome =
        importIntoDocument(*document_, paths, zoneView.value_or(model::DnsView::External), as);
    QApplication::restoreOverrideCursor();
    if (outcome.ok && !hadDesign)
        view_->fitToContents();
    showImportOutcome(outcome);
    return outcome;
}

bool MainWindow::offerRecovery(const QString& folder, bool restoreWithoutAsking) {
    const std::vector<Recovery> entries = Autosaver::pending(folder);
    bool recovered = false;
    // One design per window: the newest is offered, older ones wait for a later start.
    const auto newest = std::find_if(entries.begin(), entries.end(),
                                     [](const Recovery& entry) { return entry.design != nullptr; });
    if (newest != entries.end()) {
        if (restoreWithoutAsking || askToRecover(*newest))
            recovered = recover(*newest);
        else
            Autosaver::remove(*newest);
    }
    for (const Recovery& entry : entries) {
        if (!entry.design && askToDiscardUnreadable(entry, folder))
            Autosaver::remove(entry);
    }
    return recovered;
}

bool MainWindow::askToRecover(const Recovery& recovery) {
    return QMessageBox::question(this, tr("Recover Unsaved Changes"),
                                 tr("MailTopo did not close properly. Recover the unsaved changes "
                                    "to “%1”, autosaved at %2?")
                                     .arg(recoveryName(recovery), autosavedAt(recovery)),
                                 QMessageBox::Yes | QMessageBox::Discard,
                                 QMessageBox::Yes) == QMessageBox::Yes;
}

bool MainWindow::askToDiscardUnreadable(const Recovery& recovery, const QString& folder) {
    const QString name = recoveryName(recovery);
    const QString text =
        name.isEmpty()
            ? tr("MailTopo did not close properly, and the changes it autosaved at %1 cannot be "
                 "read: %2.")
                  .arg(autosavedAt(recovery), recovery.problem)
            : tr("MailTopo did not close properly, and the changes to “%1” it autosaved at %2 "
                 "cannot be read: %3.")
                  .arg(name, autosavedAt(recovery), recovery.problem);
    QMessageBox box(QMessageBox::Warning, tr("Unreadable Unsaved Changes"), text,
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("unreadableRecoveryBox"));
    box.setInformativeText(tr("Discard them? If you keep them, they stay in %1 and you are asked "
                              "again at the next start.")
                               .arg(QDir::toNativeSeparators(folder)));
    QPushButton* discard = box.addButton(QMessageBox::Discard);
    QPushButton* keep = box.addButton(tr("Keep"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);  // what cannot be read now may still be salvaged by hand
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == discard;
}

bool MainWindow::recover(const Recovery& recovery) {
    if (!recovery.design)
        return false;
    if (!recovery.originalPath.isEmpty() && QFileInfo(recovery.originalPath).isFile()) {
        if (!openFile(recovery.originalPath))
            return false;
    } else {
        document_->reset(model::Design{}, QString());
    }
    document_->applyChange(tr("Recovered unsaved changes"), *recovery.design);
    view_->fitToContents();
    // Written to this window's own entry before the old one goes, so no moment is left in
    // which a crash would lose the recovered work.
    if (autosaver_)
        autosaver_->saveNow();
    Autosaver::remove(recovery);
    statusBar()->showMessage(tr("Recovered the changes autosaved at %1").arg(autosavedAt(recovery)),
                             kStatusMessageMs);
    return true;
}

void MainWindow::showImportOutcome(const ImportOutcome& outcome) {
    statusBar()->showMessage(outcome.summary, kStatusMessageMs);
    if (!options_.interactiveErrors)
        return;
    auto* dialog = new ImportLogDialog(outcome, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::chooseExportsToImport() {
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Import PowerShell Exports"), defaultDirectory(),
                                      tr("PowerShell JSON exports (*.json);;All files (*)"));
    if (!files.isEmpty())
        importPaths(files);
}

// Split DNS: the same zone is published twice, and the checks need to know which copy a
// file is (R33–R38 judge the external one; internal clients resolve with the other).
std::optional<model::DnsView> MainWindow::askZoneView() {
    QMessageBox box(QMessageBox::Question, tr("Import DNS Zone Files"),
                    tr("Which DNS view do these zone files describe?"), QMessageBox::Cancel, this);
    box.setInformativeText(
        tr("External: what the internet resolves (SPF, MX, reverse DNS are judged on it). "
           "Internal: what the organisation's own servers resolve, in a split-DNS setup. A "
           "zone of the same name and view in the design is replaced."));
    QPushButton* external = box.addButton(tr("External"), QMessageBox::AcceptRole);
    QPushButton* internal = box.addButton(tr("Internal"), QMessageBox::AcceptRole);
    box.setDefaultButton(external);
    box.exec();
    if (box.clickedButton() == external)
        return model::DnsView::External;
    if (box.clickedButton() == internal)
        return model::DnsView::Internal;
    return std::nullopt;
}

void MainWindow::chooseZoneFilesToImport() {
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Import DNS Zone Files"), defaultDirectory(),
                                      tr("Zone files (*.zone *.dns *.db db.*);;All files (*)"));
    if (!files.isEmpty())
        importPaths(files, std::nullopt, ImportAs::ZoneFiles);
}

void MainWindow::chooseExportFolderToImport() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Import Export Folder"), defaultDirectory());
    if (!folder.isEmpty())
        importPaths({folder});
}

void MainWindow::showReportPreview() {
    if (!document_->hasDesign())
        return;
    auto* dialog = new report::ReportPreviewDialog(document_->design(), document_->filePath(),
                                                   validator_->current(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &report::ReportPreviewDialog::saved, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Report saved to %1").arg(QDir::toNativeSeparators(path)),
                                 kStatusMessageMs);
    });
    dialog->open();
}

void MainWindow::chooseDiagramExport() {
    if (!document_->hasDesign())
        return;
    const QString base = QFileInfo(document_->filePath()).completeBaseName();
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Diagram"),
        QDir(defaultDirectory())
            .filePath((base.isEmpty() ? tr("diagram") : base) + QStringLiteral(".svg")),
        tr("SVG vector image (*.svg);;PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".svg");
    exportDiagram(path);
}

bool MainWindow::exportDiagram(const QString& path) {
    // Live validation usually has the findings already; validate only when it is behind.
    const auto known = validator_->current();
    const auto findings = known ? known->findings : analysis::validateDesign(document_->design());
    const report::DiagramPicture picture(document_->design(), findings);
    QString error;
    if (!picture.save(path, &error)) {
        if (options_.interactiveErrors)
            QMessageBox::warning(this, tr("Cannot Export Diagram"), error);
        statusBar()->showMessage(error, kStatusMessageMs);
        return false;
    }
    statusBar()->showMessage(tr("Diagram saved to %1").arg(QDir::toNativeSeparators(path)),
                             kStatusMessageMs);
    return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    const bool local = !urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl& u) {
        return u.isLocalFile();
    });
    if (local)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    if (paths.size() == 1 && !isImportPath(paths.first())) {
        if (confirmDiscardOrSave())
            openFile(paths.first());
        return;
    }
    importPaths(paths);
}

// ---- reacting to the document and the scene ------------------------------------------

void MainWindow::onDesignReset() {
    dock_->populate(document_->design());
    findingsDock_->setDesignOpen(document_->hasDesign());
    followDesign();
}

void MainWindow::onDesignChanged(const edit::ChangeSet& changes) {
    dock_->update(document_->design(), changes);
    followDesign();
}

void MainWindow::followDesign() {
    summaryLabel_->setText(statusSummary());
    rebuildViewMenu();  // views added, renamed or removed (a handful of actions)
    updateTitle();
    updateProbeAction();
}

QString MainWindow::statusSummary() const {
    return document_->hasDesign() ? text::designSummary(document_->design()) : tr("No design open");
}

void MainWindow::updateTitle() {
    if (!document_->hasDesign()) {
        setWindowFilePath(QString());
        setWindowTitle(QStringLiteral("MailTopo"));
        return;
    }
    setWindowFilePath(document_->filePath());  // the proxy icon on macOS
    const QString file = document_->fileName().isEmpty() ? tr("unsaved") : document_->fileName();
    // [*] is where Qt shows the modified marker (setWindowModified).
    setWindowTitle(QStringLiteral("%1 — %2[*] — MailTopo").arg(document_->designName(), file));
    setWindowModified(document_->isModified());
}

void MainWindow::updateZoomLabel(qreal zoom) {
    zoomLabel_->setText(tr("%1 %").arg(qRound(zoom * 100)));
}

void MainWindow::showElementFromTree(const QString& elementId) {
    treeElement_ = elementId;
    showingFromTree_ = true;  // keep the tree row the user chose (a connector, not its server)
    if (QGraphicsItem* item = scene_->selectElement(elementId))
        view_->centerOn(item);
    showingFromTree_ = false;
}

void MainWindow::syncTreeWithSceneSelection() {
    // A rebuild (after an edit or undo) puts back the same selection: what the tree and the
    // inspector show stays, a connector chosen in the tree included.
    if (showingFromTree_ || scene_->isRebuilding())
        return;
    const QStringList ids = scene_->selectedElementIds();
    dock_->showElement(ids.size() == 1 ? ids.first() : QString());
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About MailTopo"),
        tr("<h3>MailTopo %1</h3>"
           "<p>Design and validate mail network topologies: Exchange and other SMTP "
           "servers, NICs with several addresses, load balancers, firewalls with NAT, "
           "receive and send connectors.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(MAILTOPO_VERSION), QString::fromLatin1(qVersion())));
}

// ---- live validation -----------------------------------------------------------------

void MainWindow::showValidation() {
    const analysis::DesignValidation& v = validator_->validation();
    findingsDock_->setBusy(false);
    findingsDock_->setFindings(v.findings, document_->design());
    tracesDock_->setFlows(v.simulation.flows, document_->design());
    scene_->setMarks(v.findings);
    const auto counts = analysis::countBySeverity(v.findings);
    findingsLabel_->setText(counts.errors + counts.warnings + counts.infos == 0
                                ? tr("No findings")
                                : tr("%1 · %2 · %3")
                                      .arg(tr("%n error(s)", nullptr, counts.errors),
                                           tr("%n warning(s)", nullptr, counts.warnings),
                                           tr("%n note(s)", nullptr, counts.infos)));
}

QString MainWindow::findNext(const QString& query) {
    if (!document_->hasDesign())
        return {};
    const QStringList found = findElements(document_->design(), query);
    if (found.isEmpty()) {
        statusBar()->showMessage(tr("No element matches “%1”").arg(query.trimmed()),
                                 kStatusMessageMs);
        return {};
    }
    // The same query again moves on to the next match.
    findIndex_ = query == lastQuery_ ? (findIndex_ + 1) % static_cast<int>(found.size()) : 0;
    lastQuery_ = query;
    const QString id = found.at(findIndex_);
    if (QGraphicsItem* item = scene_->selectElement(id))
        view_->reveal(item->sceneBoundingRect());
    dock_->showElement(id);
    inspectorDock_->inspect(id);
    statusBar()->showMessage(tr("%1 of %2 matches for “%3”: %4")
                                 .arg(findIndex_ + 1)
                                 .arg(found.size())
                                 .arg(query.trimmed(), QString::fromStdString(probe::elementLabel(
                                                           document_->design(), id.toStdString()))),
                             kStatusMessageMs);
    return id;
}

void MainWindow::showFindingOnCanvas(const QStringList& elementIds) {
    view_->reveal(scene_->selectElements(elementIds));
}

// ---- live probe ----------------------------------------------------------------------

void MainWindow::updateProbeAction() {
    const QStringList ids = scene_->selectedElementIds();
    probeAction_->setEnabled(ids.size() == 1 && !probe_->isRunning() &&
                             !probe_->candidatesFor(ids.first()).empty());
}

void MainWindow::probeSelection() {
    const QStringList ids = scene_->selectedElementIds();
    if (ids.size() != 1)
        return;
    probe_->ask(probe_->candidatesFor(ids.first()), treeElement_.toStdString());
}

QMenu* MainWindow::createCanvasMenu(const QPoint& viewPos) {
    // The card or band under the pointer (a link may lie over a card's edge).
    CardItem* card = nullptr;
    SegmentItem* band = nullptr;
    for (QGraphicsItem* item : view_->items(viewPos)) {
        if ((card = cardCast(item)) != nullptr)
            break;
        if (item->type() == SegmentItem::Type) {
            band = static_cast<SegmentItem*>(item);
            break;
        }
    }
    QGraphicsItem* target = card != nullptr ? static_cast<QGraphicsItem*>(card) : band;
    if (target != nullptr && !target->isSelected()) {
        treeElement_.clear();
        scene_->selectElement(target->data(0).toString());
    }
    updateProbeAction();
    auto* menu = new QMenu(view_);
    menu->setObjectName(QStringLiteral("canvasMenu"));
    menu->setToolTipsVisible(true);
    if (!document_->hasDesign()) {
        menu->addAction(findChild<QAction*>(QStringLiteral("actionNew")));
        menu->addAction(findChild<QAction*>(QStringLiteral("actionOpen")));
        return menu;
    }
    const auto addAll = [menu](const QList<QAction*>& actions) {
        for (QAction* action : actions) {
            if (!menu->actions().contains(action))
                menu->addAction(action);
        }
    };
    if (card != nullptr) {
        menus_->fillCardMenu(menu, card->elementId());
        menu->addSeparator();
        addAll(editActions_->canvasActions());
        menu->addSeparator();
        menu->addAction(probeAction_);
    } else if (band != nullptr) {
        menus_->fillSegmentMenu(menu, band->segmentId());
        menu->addSeparator();
        addAll(editActions_->canvasActions());
    } else {
        menus_->fillCanvasMenu(menu, view_->mapToScene(viewPos));
        menu->addSeparator();
        menu->addAction(editActions_->action(QStringLiteral("actionPaste")));
        menu->addAction(editActions_->action(QStringLiteral("actionSelectAll")));
    }
    menu->addSeparator();
    menu->addAction(tr("&Fit to Window"), view_, &DiagramView::fitToContents);
    return menu;
}

QMenu* MainWindow::createTreeMenu(const QString& elementId, const QString& category) {
    auto* menu = new QMenu(dock_);
    menu->setObjectName(QStringLiteral("treeMenu"));
    menu->setToolTipsVisible(true);
    if (document_->hasDesign())
        menus_->fillTreeMenu(menu, elementId, category);
    return menu;
}

QPointF MainWindow::placeForNewElement() const {
    // Beside the drawing while it is taller than the canvas's shape, else below it: one
    // column or one row would soon leave the canvas, a block of the canvas's shape stays
    // in view at a zoom where its cards can be read.
    const QRectF drawing = scene_->itemsBoundingRect();
    if (drawing.isEmpty())
        return {0, 0};
    const QSizeF canvas = view_->viewport()->size();
    const bool beside = drawing.height() * canvas.width() > drawing.width() * canvas.height();
    return beside ? QPointF(drawing.right() + kNewElementGap, drawing.top())
                  : QPointF(drawing.left(), drawing.bottom() + kNewElementGap);
}

void MainWindow::revealWithDrawing(const QRectF& area) {
    // The whole drawing when it fits at a zoom where cards show their rows and ports (what
    // was just added is then seen with what it will be connected to), else the new part.
    const QRectF drawing = scene_->itemsBoundingRect().united(area);
    const QSizeF canvas = view_->viewport()->size();
    const qreal fitting =
        std::min(canvas.width() / drawing.width(), canvas.height() / drawing.height());
    view_->reveal(fitting >= kReadableZoom ? drawing : area);
}

void MainWindow::revealElement(const QString& elementId) {
    if (elementId.isEmpty())
        return;
    treeElement_ = elementId;
    // The element itself stays inspected (a connector, not the server whose card shows it).
    showingFromTree_ = true;
    QGraphicsItem* item = scene_->selectElement(elementId);
    showingFromTree_ = false;
    if (item != nullptr)
        view_->reveal(item->sceneBoundingRect());
    dock_->showElement(elementId);
    // A part without a form of its own (a NIC, an address, an accepted domain) is edited in
    // its holder's: the card's element, else the design's own properties, shown where the
    // part is.
    if (inspectorDock_->canEdit(elementId)) {
        inspectorDock_->inspect(elementId);
    } else {
        inspectorDock_->inspect(item != nullptr ? item->data(0).toString() : QString());
        inspectorDock_->showPart(elementId);
    }
}

TraceDialog* MainWindow::openTraceDialog(const QString& sourceHostId) {
    if (!document_->hasDesign())
        return nullptr;
    if (traceDialog_ == nullptr) {
        traceDialog_ = new TraceDialog(document_, this);
        connect(traceDialog_, &TraceDialog::traceRequested, this,
                [this](const sim::TraceRequest& request) {
                    tracesDock_->showAdHoc(request, document_->design());
                    tracesDock_->show();
                    tracesDock_->raise();
                    traceDialog_->showOutcome(tracesDock_->trace());
                });
        connect(traceDialog_, &TraceDialog::saveRequested, this, [this](const model::Flow& flow) {
            const QString id = editActions_->editor()->addFlow(flow);
            statusBar()->showMessage(editActions_->editor()->lastMessage(), kStatusMessageMs);
            if (id.isEmpty())
                return;
            tracesDock_->chooseDesignFlow(id);
            revealElement(id);
        });
    }
    QString source = sourceHostId;
    if (source.isEmpty()) {
        const QStringList selected = scene_->selectedElementIds();
        if (selected.size() == 1 && document_->design().findHost(selected.first().toStdString()))
            source = selected.first();
    }
    if (!source.isEmpty())
        traceDialog_->setSource(source);
    traceDialog_->show();
    traceDialog_->raise();
    traceDialog_->activateWindow();
    return traceDialog_;
}

QDialog* MainWindow::showUserGuide() {
    if (userGuide_ == nullptr) {
        userGuide_ = createUserGuideDialog(this);
        userGuide_->setAttribute(Qt::WA_DeleteOnClose);
    }
    userGuide_->show();
    userGuide_->raise();
    return userGuide_;
}

QDialog* MainWindow::showShortcuts() {
    // Built again each time: the actions are read as they are now.
    if (shortcuts_ != nullptr)
        shortcuts_->close();
    shortcuts_ = createShortcutsDialog(this);
    shortcuts_->setAttribute(Qt::WA_DeleteOnClose);
    shortcuts_->show();
    return shortcuts_;
}

// ---- settings ------------------------------------------------------------------------

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    // A saved layout is the user's: the first show leaves it as it was.
    docksSized_ = restoreState(settings.value(kStateKey).toByteArray());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscardOrSave()) {
        event->ignore();
        return;
    }
    if (options_.persistSettings)
        saveSettings();
    event->accept();
}

}  // namespace mailtopo::ui
