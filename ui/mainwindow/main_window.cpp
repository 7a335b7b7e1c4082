#include "ui/mainwindow/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/document/design_document.h"
#include "ui/document/element_text.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/probe/probe_controller.h"

#ifndef MAILTOPO_VERSION
#define MAILTOPO_VERSION "unknown"
#endif

namespace mailtopo::ui {
namespace {

constexpr int kStatusMessageMs = 6000;
constexpr int kDiagnosticsInSummary = 5;  // the rest go to "Show Details…"

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");

}  // namespace

MainWindow::MainWindow(QWidget* parent) : MainWindow(MainWindowOptions{}, parent) {}

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      document_(new DesignDocument(this)),
      scene_(new DiagramScene(document_, this)),
      view_(new DiagramView(this)),
      dock_(new DesignTreeDock(this)),
      probe_(new ProbeController(document_, this)) {
    setObjectName(QStringLiteral("mainWindow"));
    view_->setObjectName(QStringLiteral("diagramView"));
    view_->setScene(scene_);
    setCentralWidget(view_);
    addDockWidget(Qt::LeftDockWidgetArea, dock_);
    resize(1280, 820);
    resizeDocks({dock_}, {380}, Qt::Horizontal);  // room for the Details column

    summaryLabel_ = new QLabel(this);
    summaryLabel_->setObjectName(QStringLiteral("summaryLabel"));
    zoomLabel_ = new QLabel(this);
    zoomLabel_->setObjectName(QStringLiteral("zoomLabel"));
    statusBar()->addWidget(summaryLabel_, 1);
    statusBar()->addPermanentWidget(zoomLabel_);

    createMenus();

    connect(document_, &DesignDocument::designReset, this, &MainWindow::onDesignReset);
    connect(document_, &DesignDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(document_, &DesignDocument::modifiedChanged, this, &MainWindow::setWindowModified);
    connect(view_, &DiagramView::zoomChanged, this, &MainWindow::updateZoomLabel);
    connect(dock_, &DesignTreeDock::elementChosen, this, &MainWindow::showElementFromTree);
    connect(scene_, &QGraphicsScene::selectionChanged, this,
            &MainWindow::syncTreeWithSceneSelection);
    connect(scene_, &QGraphicsScene::selectionChanged, this, &MainWindow::updateProbeAction);
    connect(probe_, &ProbeController::resultShown, this, &MainWindow::updateProbeAction);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu* menu = createCanvasMenu(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(view_->viewport()->mapToGlobal(pos));
    });

    updateTitle();
    updateZoomLabel(view_->zoom());
    summaryLabel_->setText(tr("No design open"));
    if (options_.persistSettings)
        restoreSettings();
}

MainWindow::~MainWindow() {
    // The scene is destroyed with the window's children and deselects its items on the
    // way out; by then this window is half gone and must not hear about it.
    scene_->disconnect(this);
}

// ---- menus ---------------------------------------------------------------------------

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFileToOpen);
    open->setObjectName(QStringLiteral("actionOpen"));
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    recentMenu_->setObjectName(QStringLiteral("recentMenu"));
    // Rebuilt when shown, so a list changed by another MailTopo window is current.
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

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

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    probeAction_ = tools->addAction(tr("&Probe Live…"), this, &MainWindow::probeSelection);
    probeAction_->setObjectName(QStringLiteral("actionProbeLive"));
    probeAction_->setStatusTip(
        tr("Connect to the selected server or VIP and test relaying and spoofing, then compare "
           "with the design"));
    probeAction_->setEnabled(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
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

// ---- reacting to the document and the scene ------------------------------------------

void MainWindow::onDesignReset() {
    dock_->populate(document_->design());
    summaryLabel_->setText(statusSummary());
    rebuildViewMenu();
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
    if (showingFromTree_)
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
    if (CardItem* card = cardCast(view_->itemAt(viewPos))) {
        if (!card->isSelected()) {
            treeElement_.clear();
            scene_->selectElement(card->elementId());
        }
    }
    updateProbeAction();
    auto* menu = new QMenu(view_);
    menu->setObjectName(QStringLiteral("canvasMenu"));
    menu->addAction(probeAction_);
    menu->addSeparator();
    menu->addAction(tr("&Fit to Window"), view_, &DiagramView::fitToContents);
    return menu;
}

// ---- settings ------------------------------------------------------------------------

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (options_.persistSettings)
        saveSettings();
    event->accept();
}

}  // namespace mailtopo::ui
