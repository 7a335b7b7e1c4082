// guide-screenshots: the user guide's tutorial pictures (docs/images/tutorial-*.png), made by
// driving the real main window through the tutorial of docs/user-guide.md section 1: File ›
// New, the palette, drags from a port and from a host, the context menu, the Findings and
// Traces docks. The design it draws is the one tests/stories/tutorial.sh builds with the
// CLI, at the same positions.
//
//   guide-screenshots OUTDIR [NAME ...]
//   guide-screenshots --look FILE OUT.png WIDTHxHEIGHT ZOOM [EXTRA]   (see look() below)
//
// Run it on a real X display (xvfb-run), not offscreen: menus are windows of their own and
// only a grab of the screen shows them over the main window. NAME limits the run to the
// pictures named (without .png); the tutorial is still played from the start. Light theme
// unless MAILTOPO_THEME says otherwise. Exit 1 when a step did not do what the guide says.

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QDialog>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QPixmap>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QWindow>
#include <QtTest>
#include <cstdio>
#include <functional>
#include "ui/mainwindow/design_tree_dock.h"

#include "core/analysis/finding.h"
#include "core/edit/property_edit.h"
#include "core/edit/sub_elements.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/findings_dock.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/palette_dock.h"
#include "ui/mainwindow/trace_dialog.h"
#include "ui/mainwindow/traces_dock.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

// The window as the guide shows it: small enough that the pictures stay readable when the
// guide scales them to its page, large enough for the docks to show their content.
constexpr int kWindowWidth = 1400;
constexpr int kWindowHeight = 900;
// Time for a repaint (and a popup's show) to reach the screen before it is grabbed.
constexpr int kSettleMs = 250;

[[noreturn]] void fail(const QString& what) {
    std::fprintf(stderr, "guide-screenshots: %s\n", qUtf8Printable(what));
    std::exit(1);
}

void check(bool ok, const QString& what) {
    if (!ok)
        fail(what);
}

class Tutorial {
public:
    Tutorial(QString outDir, QStringList only)
        : outDir_(std::move(outDir)), only_(std::move(only)) {
        window_.move(0, 0);
        window_.resize(kWindowWidth, kWindowHeight);
        // The real pointer off the window, where it hovers over nothing.
        QCursor::setPos(kWindowWidth + 50, kWindowHeight + 50);
        window_.show();
        check(QTest::qWaitForWindowExposed(&window_), QStringLiteral("the window was not shown"));
    }

    void run() {
        newDesign();           // 1.1
        placeElements();       // 1.2
        giveSubnets();         // 1.3
        connect();             // 1.4
        namesAndProperties();  // 1.5
        firewall();            // 1.6
        relayConnector();      // 1.7
        findings();            // 1.8
        flowAndTrace();        // 1.9
    }

private:
    DiagramView* view() const { return window_.view(); }
    DiagramScene* scene() const { return window_.scene(); }
    DiagramEditor* editor() const { return window_.editActions()->editor(); }
    QWidget* viewport() const { return view()->viewport(); }
    const model::Design& design() const { return window_.document()->design(); }

    void settle(int ms = kSettleMs) { QTest::qWait(ms); }

    // Where `widget` is, in window coordinates (the crops are made of these).
    QRect areaOf(const QWidget* widget) const {
        return QRect(widget->mapTo(&window_, QPoint(0, 0)), widget->size());
    }
    QRect canvasArea() const { return areaOf(view()); }
    // From the window's left edge to the canvas's right edge, `bottom` down: the palette or
    // Design panel, the canvas and, with the full height, the status bar's hint.
    QRect leftOfInspector(int bottom) const {
        return QRect(0, 0, canvasArea().right() + 1, bottom);
    }
    // The canvas and the inspector, down to the canvas's bottom.
    QRect canvasAndInspector() const {
        const QRect canvas = canvasArea();
        return QRect(canvas.left(), canvas.top(), window_.width() - canvas.left(), canvas.height());
    }

    // At `zoom`, with the middle of `sceneArea` in the middle of the canvas.
    void zoomOn(const QRectF& sceneArea, qreal zoom) {
        view()->zoomBy(zoom / view()->zoom());
        view()->centerOn(sceneArea.center());
        settle();
    }
    QRectF drawn(const QString& id) const {
        const QGraphicsItem* item = scene()->itemForElement(id);
        check(item != nullptr, QStringLiteral("%1 is not drawn").arg(id));
        return item->sceneBoundingRect();
    }

    // The window, and any menu open over it, as the screen shows them; `crop` (window
    // coordinates) keeps a part.
    void shoot(const QString& name, QRect crop = QRect()) {
        if (!only_.isEmpty() && !only_.contains(name))
            return;
        settle();
        const QRect frame = window_.frameGeometry();
        QPixmap picture =
            window_.screen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
        if (!crop.isNull())
            picture = picture.copy(crop);
        const QString path = outDir_ + QLatin1Char('/') + name + QStringLiteral(".png");
        check(picture.save(path, "PNG"), QStringLiteral("cannot write %1").arg(path));
        std::fprintf(stderr, "guide-screenshots: wrote %s\n", qUtf8Printable(path));
    }

    // What the Inspector does when a field is committed: core's setProperty, one step.
    void set(const QString& id, const char* key, const char* value) {
        model::Design after = design();
        const edit::PropertyOutcome outcome =
            edit::setProperty(after, id.toStdString(), key, value);
        check(outcome.ok, QStringLiteral("%1:%2=%3 refused: %4")
                              .arg(id, QLatin1String(key), QLatin1String(value),
                                   QString::fromStdString(outcome.error)));
        window_.document()->applyChange(QStringLiteral("Set %1").arg(QLatin1String(key)), after);
    }

    QString add(const char* kind, const char* templateKey, const QString& parent,
                const char* name = "") {
        const QString id = editor()->addSubElement({kind, templateKey, parent.toStdString(), name});
        check(!id.isEmpty(), QStringLiteral("adding %1 to %2: %3")
                                 .arg(QLatin1String(kind), parent, editor()->lastMessage()));
        return id;
    }

    QPoint viewPoint(const QPointF& scenePoint) const { return view()->mapFromScene(scenePoint); }

    // The mouse, as the window system would deliver it. Sent to the window, not the widget:
    // QTest moves a widget's pointer by warping the real cursor when no button is held, and
    // the X server's late report of that warp would undo a drag in progress.
    void mouse(QTest::MouseAction action, const QPoint& viewportPos,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        const QPoint at = viewport()->mapTo(&window_, viewportPos);
        QWindow* handle = window_.windowHandle();
        switch (action) {
            case QTest::MousePress:
                QTest::mousePress(handle, Qt::LeftButton, modifiers, at);
                break;
            case QTest::MouseRelease:
                QTest::mouseRelease(handle, Qt::LeftButton, modifiers, at);
                break;
            default:
                QTest::mouseMove(handle, at);
                break;
        }
    }
    // Pressed at `from`, moved in steps as a hand would to `to`, still held.
    void dragTo(const QPoint& from, const QPoint& to, Qt::KeyboardModifiers modifiers) {
        mouse(QTest::MouseMove, from);
        mouse(QTest::MousePress, from, modifiers);
        for (int i = 1; i <= 8; ++i)
            mouse(QTest::MouseMove, from + (to - from) * i / 8, modifiers);
    }

    // A spot of the band that no card or link covers, `fraction` of the way along it (the
    // middle holds its name).
    QPoint freeSpotOnBand(const QString& segmentId, qreal fraction) const {
        const SegmentItem* band = scene()->segment(segmentId);
        check(band != nullptr, QStringLiteral("no band for %1").arg(segmentId));
        const QRectF rect = band->sceneBandRect();
        for (qreal x = rect.left() + rect.width() * fraction; x > rect.left(); x -= 6) {
            const QPoint at = viewPoint(QPointF(x, rect.center().y()));
            const QList<QGraphicsItem*> under = view()->items(at);
            if (!under.isEmpty() && under.first() == band)
                return at;
        }
        return viewPoint(rect.center());
    }

    void waitForValidation() {
        // A validation for the design as it is now.
        check(QTest::qWaitFor([this] { return window_.validator()->current() != nullptr; }, 20000),
              QStringLiteral("live validation did not finish"));
        settle();
    }

    QString statusText() const { return window_.statusBar()->currentMessage(); }

    // 1.1: File › New, the palette narrowed to "exchange".
    void newDesign() {
        check(window_.newDesign(), QStringLiteral("File › New failed"));
        PaletteDock* palette = window_.paletteDock();
        palette->raise();
        QLineEdit* search = palette->searchField();
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("exchange"));
        const QRect entries = areaOf(palette);
        shoot(QStringLiteral("tutorial-01-new-design"),
              QRect(0, 0, entries.right() + 380, entries.bottom() + 40));
        search->clear();
    }

    // 1.2: the five palette entries, where tutorial.sh puts them.
    void placeElements() {
        internet_ = editor()->addElement(QStringLiteral("internet"), QPointF(250, 0));
        fw_ = editor()->addElement(QStringLiteral("firewall"), QPointF(500, 100));
        lan_ = editor()->addElement(QStringLiteral("segment-lan"), QPointF(750, 0));
        ex_ = editor()->addElement(QStringLiteral("exchange-2019-mailbox"), QPointF(1000, 0));
        app_ = editor()->addElement(QStringLiteral("application-client"), QPointF(1000, 250));
        for (const QString& id : {internet_, fw_, lan_, ex_, app_})
            check(!id.isEmpty(), QStringLiteral("a palette entry was not placed"));
        scene()->clearSelection();
        view()->fitToContents();
        shoot(QStringLiteral("tutorial-02-placed"), leftOfInspector(canvasArea().bottom() + 1));
    }

    // 1.3
    void giveSubnets() {
        set(internet_, "subnets", "198.51.100.0/24, 203.0.113.0/24");
        set(lan_, "subnets", "10.0.0.0/24");
    }

    // 1.4: the firewall on both bands, then EX01's NIC port dragged onto LAN01, caught
    // half-way with the hint; APP01 connected the same way.
    void connect() {
        check(!editor()->connectToSegment(fw_, internet_).isEmpty(),
              QStringLiteral("FW01 to Internet"));
        check(!editor()->connectToSegment(fw_, lan_).isEmpty(), QStringLiteral("FW01 to LAN01"));
        scene()->clearSelection();
        // At 100 %, where a port is easy to hit: the LAN, EX01 and APP01.
        zoomOn(drawn(lan_).united(drawn(ex_)).united(drawn(app_)), 1.0);

        const QString nic = ex_ + QStringLiteral("-nic1");
        CardItem* card = scene()->card(ex_);
        check(card != nullptr, QStringLiteral("EX01 is not drawn"));
        const QRectF port = card->portRect(nic);
        check(!port.isEmpty(),
              QStringLiteral("EX01's NIC shows no port (zoom %1)").arg(view()->zoom()));
        const QPoint from = viewPoint(card->mapToScene(port.center()));
        const QPoint to = freeSpotOnBand(lan_, 0.75);
        dragTo(from, to, Qt::NoModifier);
        check(view()->isConnecting(), QStringLiteral("pressing EX01's port starts no connection"));
        check(
            view()->gestureTarget() == lan_,
            QStringLiteral("the drag does not target LAN01 but '%1'").arg(view()->gestureTarget()));
        check(statusText().contains(QStringLiteral("10.0.0.2")),
              QStringLiteral("the hint proposes no 10.0.0.2: %1").arg(statusText()));
        settle();
        shoot(QStringLiteral("tutorial-03-connect"), leftOfInspector(window_.height()));
        mouse(QTest::MouseRelease, to);
        check(!view()->isConnecting(), QStringLiteral("the drag did not end"));
        check(!editor()->connectToSegment(app_, lan_).isEmpty(), QStringLiteral("APP01 to LAN01"));
    }

    // 1.5: APP01 renamed SCANNER, its submission target and sender; the accepted domain.
    void namesAndProperties() {
        check(editor()->rename(app_, QStringLiteral("SCANNER")), QStringLiteral("rename APP01"));
        set(app_, "smtp.submitTo", "10.0.0.2:25");
        set(app_, "smtp.mailFrom", "scanner@example.com");
        add("accepted-domain", "", QStringLiteral("organization"), "example.com");
        scene()->selectElement(app_);
        zoomOn(drawn(lan_).united(drawn(app_)), 1.0);
        // The form scrolled to the two fields just set, as a user scrolls to them.
        QWidget* submitTo = window_.inspectorDock()->editor(QStringLiteral("submitTo"));
        QWidget* mailFrom = window_.inspectorDock()->editor(QStringLiteral("mailFrom"));
        check(submitTo != nullptr && mailFrom != nullptr,
              QStringLiteral("the inspector shows no Submits to or Sender address"));
        for (QScrollArea* scroll : window_.inspectorDock()->findChildren<QScrollArea*>()) {
            if (scroll->isAncestorOf(mailFrom)) {
                scroll->ensureWidgetVisible(mailFrom, 0, 40);
                scroll->ensureWidgetVisible(submitTo, 0, 40);
            }
        }
        shoot(QStringLiteral("tutorial-04-inspector"), canvasAndInspector());
    }

    // 1.6
    void firewall() {
        add("firewall-rule", "", fw_);
        add("route", "", fw_);
        add("nat-rule", "inbound", fw_);
    }

    // 1.7: right-click EX01 › Add › Receive connector, its templates open; the first
    // (Application relay) taken with Enter.
    void relayConnector() {
        scene()->clearSelection();
        CardItem* card = scene()->card(ex_);
        // EX01 towards the canvas's left, so the menu and its submenus open to the right.
        const QRectF box = card->sceneCardRect();
        zoomOn(box.translated(box.width() * 0.9, 0), 1.0);
        const QPoint at = viewPoint(QPointF(box.left() + box.width() * 0.3, box.top() + 30));
        emit view()->customContextMenuRequested(at);
        settle();
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        check(menu != nullptr, QStringLiteral("no context menu on EX01"));
        QMenu* addMenu = openSubmenu(menu, QStringLiteral("Add"));
        QMenu* templates = openSubmenu(addMenu, QStringLiteral("Receive connector"));
        check(templates->activeAction() != nullptr &&
                  templates->activeAction()->text().startsWith(QStringLiteral("Application relay")),
              QStringLiteral("the first template is not the anonymous application relay"));
        shoot(QStringLiteral("tutorial-05-add-connector"), canvasAndInspector());
        QTest::keyClick(templates, Qt::Key_Return);
        settle();
        relay_ = QStringLiteral("rc-ex01-anonymous-relay");  // as tutorial.sh's --add names it
        const std::optional<std::string> ranges =
            edit::propertyText(design(), relay_.toStdString(), "remoteIpRanges");
        check(ranges && *ranges == "10.0.0.3",
              QStringLiteral("Anonymous Relay holds %1, not SCANNER's 10.0.0.3")
                  .arg(ranges ? QString::fromStdString(*ranges) : QStringLiteral("nothing")));
    }

    // Highlights `menu`'s entry whose text starts with `text` and opens its submenu, as the
    // Right arrow does.
    QMenu* openSubmenu(QMenu* menu, const QString& text) {
        for (QAction* action : menu->actions()) {
            QString label = action->text();
            label.remove(QLatin1Char('&'));
            if (!label.startsWith(text) || action->menu() == nullptr)
                continue;
            menu->setActiveAction(action);
            QTest::keyClick(menu, Qt::Key_Right);
            settle();
            check(action->menu()->isVisible(), QStringLiteral("%1 › did not open").arg(text));
            return action->menu();
        }
        fail(QStringLiteral("no %1 › in the menu").arg(text));
    }

    // 1.8: the relay opened to the LAN, the two warnings, relay-scope-broad chosen; then
    // undone.
    void findings() {
        waitForValidation();
        check(window_.findingsDock()->visibleCount() == 0,
              QStringLiteral("the tutorial design has findings before the mistake"));
        // Chosen in the Design panel under Receive connectors, as the guide says.
        window_.designDock()->raise();
        scene()->selectElement(relay_);
        set(relay_, "remoteIpRanges", "10.0.0.0/24");
        zoomOn(drawn(lan_).united(drawn(ex_)).united(drawn(app_)), 1.0);
        waitForValidation();
        FindingsDock* dock = window_.findingsDock();
        dock->raise();
        check(dock->visibleCount() == 2,
              QStringLiteral("%1 findings instead of the guide's two").arg(dock->visibleCount()));
        bool chosen = false;
        for (int row = 0; row < dock->visibleCount() && !chosen; ++row) {
            dock->chooseRow(row);
            chosen = dock->chosenFinding()->id == "relay-scope-broad";
        }
        check(chosen, QStringLiteral("no relay-scope-broad finding"));
        // Room for the evidence and the remediation, as a user would drag the dock's edge.
        window_.resizeDocks({dock}, {300}, Qt::Vertical);
        shoot(QStringLiteral("tutorial-06-findings"));
        window_.resizeDocks({dock}, {190}, Qt::Vertical);
        window_.document()->undoStack()->undo();
        waitForValidation();
        check(dock->visibleCount() == 0, QStringLiteral("Ctrl+Z left findings"));
    }

    // 1.9: Shift-drag from SCANNER onto EX01, caught before the drop; the flow it adds
    // played in the Traces dock.
    void flowAndTrace() {
        scene()->clearSelection();
        CardItem* from = scene()->card(app_);
        CardItem* onto = scene()->card(ex_);
        // The card's header: not a port, not a handle.
        const QRectF source = from->sceneCardRect();
        zoomOn(source.united(onto->sceneCardRect()).united(drawn(lan_)), 1.0);
        const QPoint start =
            viewPoint(QPointF(source.left() + source.width() * 0.3, source.top() + 14));
        // Dropped left of the middle, clear of the trace path a finding may have drawn.
        const QRectF target = onto->sceneCardRect();
        const QPoint end =
            viewPoint(QPointF(target.left() + target.width() * 0.25, target.center().y()));
        dragTo(start, end, Qt::ShiftModifier);
        check(view()->isConnecting(), QStringLiteral("Shift-pressing SCANNER starts no flow"));
        check(view()->gestureTarget() == ex_, QStringLiteral("the flow drag does not target EX01"));
        check(statusText().contains(QStringLiteral("SCANNER to EX01")),
              QStringLiteral("the flow hint: %1").arg(statusText()));
        shoot(QStringLiteral("tutorial-07-flow"), leftOfInspector(window_.height()));
        mouse(QTest::MouseRelease, end, Qt::ShiftModifier);
        settle();
        const QString flow = QStringLiteral("flow-scanner-to-ex01");
        check(edit::propertyText(design(), flow.toStdString(), "name") ==
                  std::optional<std::string>("SCANNER to EX01"),
              QStringLiteral("the dragged flow is not 'SCANNER to EX01'"));
        // A dragged flow has no envelope: the inspector gives it one.
        set(flow, "mailFrom", "scanner@example.com");
        set(flow, "rcptTo", "customer@example.net");
        waitForValidation();

        TracesDock* traces = window_.tracesDock();
        traces->raise();
        traces->chooseDesignFlow(flow);
        check(QTest::qWaitFor([traces] { return traces->stepCount() > 0; }, 10000),
              QStringLiteral("the Traces dock plays nothing"));
        check(traces->trace().disposition.kind == sim::DispositionKind::Relayed,
              QStringLiteral("SCANNER to EX01 is not relayed"));
        scene()->clearSelection();
        window_.resizeDocks({traces}, {300}, Qt::Vertical);
        zoomOn(drawn(ex_).united(drawn(app_)).united(drawn(lan_)), 1.0);
        // The step that makes it a relay: RCPT TO accepted by the relay connector (R25).
        int step = traces->stepCount() - 1;
        for (int i = 0; i < traces->stepCount(); ++i) {
            traces->setStep(i);
            if (traces->currentRule() == QStringLiteral("R25")) {
                step = i;
                break;
            }
        }
        traces->setStep(step);
        shoot(QStringLiteral("tutorial-08-trace"));
    }

    MainWindow window_{MainWindowOptions::unattended()};
    QString outDir_;
    QStringList only_;
    QString internet_, fw_, lan_, ex_, app_, relay_;
};

// --look: one design as a user sees it, for reviewing the window at a size, zoom and theme.
//   --look FILE OUT.png WIDTHxHEIGHT ZOOM [EXTRA]
// ZOOM: fit or a percentage. EXTRA: guide:FRACTION (Help › User Guide scrolled that far),
// menu:ELEMENT (its context menu), trace:HOST (the trace form from it), tree (the Design
// panel raised), finding:N (the Nth finding chosen).
int look(const QStringList& args) {
    if (args.size() < 4)
        fail(QStringLiteral("--look FILE OUT.png WIDTHxHEIGHT ZOOM [EXTRA]"));
    const QStringList size = args[2].split(QLatin1Char('x'));
    MainWindow window{MainWindowOptions::unattended()};
    window.move(0, 0);
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    check(QTest::qWaitForWindowExposed(&window), QStringLiteral("not shown"));
    check(window.openFile(args[0]), QStringLiteral("cannot open %1").arg(args[0]));
    QTest::qWait(300);
    window.view()->fitToContents();
    if (args[3] != QLatin1String("fit"))
        window.view()->zoomBy(args[3].toDouble() / 100 / window.view()->zoom());
    QTest::qWait(300);
    check(QTest::qWaitFor([&] { return window.validator()->current() != nullptr; }, 20000),
          QStringLiteral("live validation did not finish"));
    QTest::qWait(300);
    const QString extra = args.value(4);
    QWidget* shown = &window;
    if (extra.startsWith(QLatin1String("guide:"))) {
        QDialog* guide = window.showUserGuide();
        QTest::qWait(300);
        const double fraction = extra.mid(6).toDouble();
        for (auto* area : guide->findChildren<QAbstractScrollArea*>()) {
            QScrollBar* bar = area->verticalScrollBar();
            bar->setValue(int(bar->maximum() * fraction));
        }
        shown = guide;
    } else if (extra.startsWith(QLatin1String("menu:"))) {
        QGraphicsItem* item = window.scene()->itemForElement(extra.mid(5));
        check(item != nullptr, QStringLiteral("no %1").arg(extra));
        window.view()->centerOn(item);
        QTest::qWait(100);
        emit window.view()->customContextMenuRequested(
            window.view()->mapFromScene(item->sceneBoundingRect().center()));
    } else if (extra.startsWith(QLatin1String("trace:"))) {
        shown = window.openTraceDialog(extra.mid(6));
    } else if (extra == QLatin1String("tree")) {
        window.designDock()->raise();
    } else if (extra.startsWith(QLatin1String("finding:"))) {
        window.findingsDock()->raise();
        window.findingsDock()->chooseRow(extra.mid(8).toInt());
    }
    QTest::qWait(400);
    QRect frame = shown->frameGeometry();
    if (shown != &window)
        frame = frame.united(window.frameGeometry());
    const QPixmap picture =
        window.screen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
    check(picture.save(args[1], "PNG"), QStringLiteral("cannot write %1").arg(args[1]));
    return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
    if (!qEnvironmentVariableIsSet("MAILTOPO_THEME"))
        qputenv("MAILTOPO_THEME", "light");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments().mid(1);
    if (args.value(0) == QLatin1String("--look"))
        return look(args.mid(1));
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: guide-screenshots OUTDIR [NAME ...]\n");
        return 2;
    }
    Tutorial tutorial(args.first(), args.mid(1));
    tutorial.run();
    return 0;
}
