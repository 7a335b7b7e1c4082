// Direct manipulation on the canvas, driven by real mouse and key events on the view: a
// NIC's port dragged onto a segment band connects it with an address of the segment's
// subnet (one undo step), a drop elsewhere or Esc connects nothing; a card's connect handle
// does the same for the host; a host Shift-dragged onto another host, or its flow handle
// dragged onto a load balancer's VIP, adds a flow that the Traces dock plays at once;
// double-click or F2 renames in place (Enter commits, Esc cancels); hovering a port says
// what dragging it does.

#include <QLineEdit>
#include <QStatusBar>
#include <QtTest>

#include "core/edit/sub_elements.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/inline_name_editor.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/traces_dock.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

struct Window {
    MainWindow window{MainWindowOptions::unattended()};
    Window() {
        window.resize(1500, 950);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("the window was not exposed");
    }
    DiagramView* view() const { return window.view(); }
    // At 100 %, where cards show their rows and ports (fitted, the example is zoomed out).
    bool open() {
        if (!window.openFile(kContoso))
            return false;
        view()->zoomBy(1 / view()->zoom());
        return true;
    }
    QWidget* viewport() const { return window.view()->viewport(); }
    const model::Design& design() const { return window.document()->design(); }
    int steps() const { return window.document()->undoStack()->count(); }
};

// A drag with the left button from `from` to `to`, in steps as a hand would make it.
void drag(QWidget* viewport, const QPoint& from, const QPoint& to,
          Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QTest::mouseMove(viewport, from);
    QTest::mousePress(viewport, Qt::LeftButton, modifiers, from);
    for (int i = 1; i <= 6; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / 6);
    QTest::mouseRelease(viewport, Qt::LeftButton, modifiers, to);
}

QPoint viewPoint(DiagramView* view, const QPointF& scenePoint) {
    return view->mapFromScene(scenePoint);
}

// A point on the band of `segmentId` that no card or link covers: where a user would drop.
QPoint freeSpotOnBand(DiagramView* view, DiagramScene* scene, const QString& segmentId) {
    const SegmentItem* band = scene->segment(segmentId);
    const QRectF rect = band->sceneBandRect();
    for (qreal x = rect.left() + rect.width() * 0.9; x > rect.left(); x -= 8) {
        const QPoint at = viewPoint(view, QPointF(x, rect.center().y()));
        const QList<QGraphicsItem*> under = view->items(at);
        if (!under.isEmpty() && under.first() == band)
            return at;
    }
    return viewPoint(view, rect.center());
}

const model::Nic* nicOf(const model::Design& design, const std::string& hostId,
                        const std::string& nicId) {
    const model::Host* host = design.findHost(hostId);
    if (host == nullptr)
        return nullptr;
    for (const model::Nic& nic : host->nics) {
        if (nic.id == nicId)
            return &nic;
    }
    return nullptr;
}

}  // namespace

class TstCanvasGestures : public QObject {
    Q_OBJECT

private slots:
    // A new NIC of EX2016A has a hollow port on the card; dragging it onto the DMZ band puts
    // it there with the DMZ subnet's next free address, as one undo step.
    void nicPortDraggedOntoBandConnects() {
        Window w;
        QVERIFY(w.open());
        edit::SubElementRequest request{"nic", {}, "ex2016a", {}};
        const QString nicId = w.window.editActions()->editor()->addSubElement(request);
        QVERIFY(!nicId.isEmpty());
        const int steps = w.steps();
        CardItem* card = w.window.scene()->card(QStringLiteral("ex2016a"));
        QVERIFY(card != nullptr);
        const QRectF port = card->portRect(nicId);
        QVERIFY2(!port.isEmpty(), "the new NIC's row has a port");
        w.view()->reveal(card->sceneCardRect());
        const QPoint from = viewPoint(w.view(), card->mapToScene(port.center()));
        const QPoint to = freeSpotOnBand(w.view(), w.window.scene(), QStringLiteral("seg-dmz"));
        const QPointF drawnAt = card->pos();

        // Hovering the port explains it.
        QTest::mouseMove(w.viewport(), from);
        QVERIFY2(w.window.statusBar()->currentMessage().contains(QStringLiteral("onto a segment")),
                 qPrintable(w.window.statusBar()->currentMessage()));

        // Half-way, over the band: the rubber line targets the DMZ.
        QTest::mousePress(w.viewport(), Qt::LeftButton, Qt::NoModifier, from);
        QVERIFY(w.view()->isConnecting());
        QTest::mouseMove(w.viewport(), (from + to) / 2);
        QTest::mouseMove(w.viewport(), to);
        QCOMPARE(w.view()->gestureTarget(), QStringLiteral("seg-dmz"));
        // The hint says what the drop will give, as core would give it.
        const QString hint = w.window.statusBar()->currentMessage();
        QVERIFY2(hint.contains(QStringLiteral("to DMZ with 172.16.10.")), qPrintable(hint));
        QTest::mouseRelease(w.viewport(), Qt::LeftButton, Qt::NoModifier, to);
        QVERIFY(!w.view()->isConnecting());

        QCOMPARE(w.steps(), steps + 1);
        const model::Nic* nic = nicOf(w.design(), "ex2016a", nicId.toStdString());
        QVERIFY(nic != nullptr);
        QCOMPARE(nic->segmentId, std::string("seg-dmz"));
        QCOMPARE(nic->addresses.size(), size_t(1));
        const auto dmz = net::Prefix::parse("172.16.10.0/24");
        QVERIFY(dmz->contains(nic->addresses.front().address));
        QVERIFY(hint.contains(QString::fromStdString(nic->addresses.front().address.toString())));
        // The card did not move: a drag from a port is not a move.
        QCOMPARE(w.window.scene()->card(QStringLiteral("ex2016a"))->pos(), drawnAt);

        w.window.document()->undoStack()->undo();
        QVERIFY(nicOf(w.design(), "ex2016a", nicId.toStdString())->segmentId.empty());
    }

    // Dropped on the empty canvas, refused by core (a loopback adapter joins no segment:
    // said while dragging, the band not offered), or cancelled with Esc: nothing changes.
    void dragEndingElsewhereConnectsNothing() {
        Window w;
        QVERIFY(w.open());
        CardItem* card = w.window.scene()->card(QStringLiteral("ex2016a"));
        w.view()->reveal(card->sceneCardRect());
        const auto portOf = [&](const char* nic) {
            const QRectF port = card->portRect(QLatin1String(nic));
            return viewPoint(w.view(), card->mapToScene(port.center()));
        };
        const QPoint loopback = portOf("ex2016a-loopback");
        const QPoint nowhere =
            viewPoint(w.view(), w.window.scene()->sceneRect().topLeft() + QPointF(5, 5));
        const model::Design before = w.design();
        drag(w.viewport(), loopback, nowhere);
        QCOMPARE(w.design(), before);

        const QPoint band = freeSpotOnBand(w.view(), w.window.scene(), QStringLiteral("seg-dmz"));
        drag(w.viewport(), loopback, band);
        QVERIFY2(
            w.window.statusBar()->currentMessage().contains(QStringLiteral("loopback adapter")),
            qPrintable(w.window.statusBar()->currentMessage()));
        QCOMPARE(w.design(), before);

        QTest::mousePress(w.viewport(), Qt::LeftButton, Qt::NoModifier, portOf("ex2016a-mapi"));
        QTest::mouseMove(w.viewport(), band);
        QCOMPARE(w.view()->gestureTarget(), QStringLiteral("seg-dmz"));
        QTest::keyClick(w.view(), Qt::Key_Escape);
        QVERIFY(!w.view()->isConnecting());
        QTest::mouseRelease(w.viewport(), Qt::LeftButton, Qt::NoModifier, band);
        QCOMPARE(w.design(), before);
        QCOMPARE(w.steps(), 0);
    }

    // Zoomed out the rows are not drawn: pressing where a port would be moves the card.
    void zoomedOutPortsAreNotGrabbed() {
        Window w;
        QVERIFY(w.open());
        w.view()->zoomBy(0.3 / w.view()->zoom());
        CardItem* card = w.window.scene()->card(QStringLiteral("ex2016a"));
        w.view()->centerOn(card);
        const QPointF port =
            card->mapToScene(card->portRect(QStringLiteral("ex2016a-loopback")).center());
        const QPoint from = viewPoint(w.view(), port);
        QTest::mousePress(w.viewport(), Qt::LeftButton, Qt::NoModifier, from);
        QVERIFY(!w.view()->isConnecting());
        QTest::mouseRelease(w.viewport(), Qt::LeftButton, Qt::NoModifier, from);
    }

    // The connect handle on a card's bottom edge connects the host itself: a free NIC of it,
    // else a new one.
    void connectHandleConnectsTheHost() {
        Window w;
        QVERIFY(w.open());
        CardItem* card = w.window.scene()->card(QStringLiteral("mailgw"));
        w.view()->reveal(card->sceneCardRect());
        const QPoint inside = viewPoint(w.view(), card->sceneCardRect().center());
        QTest::mouseMove(w.viewport(), inside);
        QVERIFY(card->handlesShown());
        const QPoint from = viewPoint(
            w.view(), card->mapToScene(card->handleRect(CardItem::Handle::Connect).center()));
        const QPoint to = freeSpotOnBand(w.view(), w.window.scene(), QStringLiteral("seg-servers"));
        drag(w.viewport(), from, to);
        const model::Host* host = w.design().findHost("mailgw");
        QCOMPARE(host->nics.size(), size_t(2));
        QCOMPARE(host->nics.back().segmentId, std::string("seg-servers"));
        QVERIFY(!host->nics.back().addresses.empty());
    }

    // ERP01 Shift-dragged onto EX2016A: a flow from one to the other, played in the Traces
    // dock as soon as validation lists it.
    void shiftDragBetweenHostsAddsAFlowAndTracesIt() {
        Window w;
        QVERIFY(w.open());
        const size_t flows = w.design().flows.size();
        CardItem* from = w.window.scene()->card(QStringLiteral("erp01"));
        CardItem* to = w.window.scene()->card(QStringLiteral("ex2016a"));
        w.view()->reveal(from->sceneCardRect().united(to->sceneCardRect()));
        // Below the header: the card's body, away from its ports and handles.
        const QPoint start =
            viewPoint(w.view(), from->mapToScene(QPointF(from->cardSize().width() * 0.6, 30)));
        const QPoint end = viewPoint(w.view(), to->sceneCardRect().center());
        const QPointF drawnAt = from->pos();
        drag(w.viewport(), start, end, Qt::ShiftModifier);
        QCOMPARE(w.design().flows.size(), flows + 1);
        const model::Flow& flow = w.design().flows.back();
        QCOMPARE(flow.sourceHostId, std::string("erp01"));
        QCOMPARE(flow.destination, std::string("ex2016a"));
        QCOMPARE(flow.port, uint16_t(25));
        // The envelope `edit --add flow` gives: ERP01's own sender address, and the
        // postmaster of the default accepted domain, so the trace runs the whole dialogue.
        QCOMPARE(flow.mailFrom, w.design().findHost("erp01")->smtp->mailFrom);
        QVERIFY(!flow.mailFrom.empty());
        QCOMPARE(flow.rcptTo, std::vector<std::string>{"postmaster@contoso.example"});
        // The card stayed where it was: a Shift-drag is not a move.
        QCOMPARE(w.window.scene()->card(QStringLiteral("erp01"))->pos(), drawnAt);
        TracesDock* traces = w.window.tracesDock();
        QTRY_VERIFY_WITH_TIMEOUT(traces->currentFlow().contains(QString::fromStdString(flow.name)),
                                 10000);
        QVERIFY(traces->stepCount() > 0);
        QCOMPARE(traces->trace().flowId, flow.id);
        QVERIFY(traces->isVisible());
    }

    // The flow handle of a host dragged onto the load balancer's relay VIP row: a flow to
    // the VIP's address and port.
    void flowHandleOntoAVipTargetsIt() {
        Window w;
        QVERIFY(w.open());
        CardItem* scanner = w.window.scene()->card(QStringLiteral("scanner01"));
        CardItem* lb = w.window.scene()->card(QStringLiteral("lb-smtp"));
        w.view()->reveal(scanner->sceneCardRect().united(lb->sceneCardRect()));
        QTest::mouseMove(w.viewport(), viewPoint(w.view(), scanner->sceneCardRect().center()));
        const QPoint from = viewPoint(
            w.view(), scanner->mapToScene(scanner->handleRect(CardItem::Handle::Flow).center()));
        // The relay VIP's rows: found by asking the card what each height shows.
        QPointF vipRow;
        for (qreal y = 0; y < lb->cardSize().height(); y += 2) {
            if (lb->rowElementAt(QPointF(40, y)) == QLatin1String("vip-relay")) {
                vipRow = lb->mapToScene(QPointF(40, y + 1));
                break;
            }
        }
        QVERIFY(!vipRow.isNull());
        drag(w.viewport(), from, viewPoint(w.view(), vipRow));
        const model::Flow& flow = w.design().flows.back();
        QCOMPARE(flow.sourceHostId, std::string("scanner01"));
        QCOMPARE(flow.destination, std::string("10.10.20.60"));
        QCOMPARE(flow.port, uint16_t(25));
    }

    // Double-click on a card's name, type, Enter: renamed, one undo step.
    void doubleClickRenamesInPlace() {
        Window w;
        QVERIFY(w.open());
        CardItem* card = w.window.scene()->card(QStringLiteral("mailgw"));
        w.view()->reveal(card->sceneCardRect());
        const QPoint title = viewPoint(w.view(), card->mapToScene(card->titleRect().center()));
        QTest::mouseDClick(w.viewport(), Qt::LeftButton, Qt::NoModifier, title);
        InlineNameEditor* editor = w.view()->renameEditor();
        QVERIFY(editor != nullptr);
        QCOMPARE(editor->text(), QStringLiteral("MAILGW"));
        QVERIFY(editor->hasSelectedText());
        QTest::keyClicks(editor, QStringLiteral("HYGIENE01"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(w.design().findHost("mailgw")->name, std::string("HYGIENE01"));
        QCOMPARE(w.steps(), 1);
        QCOMPARE(w.window.scene()->card(QStringLiteral("mailgw"))->content().title,
                 QStringLiteral("HYGIENE01"));
        w.window.document()->undoStack()->undo();
        QCOMPARE(w.design().findHost("mailgw")->name, std::string("MAILGW"));
    }

    // Typing on the selected card names it, as in drawing tools: the first key opens the
    // in-place editor over the old name. Shortcuts and Space keep their meaning.
    void typingRenamesTheSelection() {
        Window w;
        QVERIFY(w.open());
        w.window.scene()->selectElement(QStringLiteral("mailgw"));
        w.view()->setFocus();
        QTest::keyClick(w.view(), Qt::Key_Space);
        QVERIFY(w.view()->renameEditor() == nullptr);
        QTest::keyClick(w.view(), Qt::Key_Plus);  // zooms in
        QVERIFY(w.view()->renameEditor() == nullptr);
        QTest::keyClick(w.view(), Qt::Key_A, Qt::ControlModifier);  // selects all
        QVERIFY(w.view()->renameEditor() == nullptr);
        QTest::keyClicks(w.view(), QStringLiteral("H"));  // several selected: no rename
        QVERIFY(w.view()->renameEditor() == nullptr);
        w.window.scene()->selectElement(QStringLiteral("mailgw"));
        QTest::keyClicks(w.view(), QStringLiteral("H"));
        InlineNameEditor* editor = w.view()->renameEditor();
        QVERIFY(editor != nullptr);
        QCOMPARE(editor->text(), QStringLiteral("H"));
        QTest::keyClicks(editor, QStringLiteral("YGIENE01"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(w.design().findHost("mailgw")->name, std::string("HYGIENE01"));
        QCOMPARE(w.steps(), 1);
    }

    // F2 renames the selected segment band; Esc leaves the name alone.
    void f2RenamesTheSelectionAndEscCancels() {
        Window w;
        QVERIFY(w.open());
        w.window.scene()->selectElement(QStringLiteral("seg-dmz"));
        w.view()->setFocus();
        QTest::keyClick(w.view(), Qt::Key_F2);
        InlineNameEditor* editor = w.view()->renameEditor();
        QVERIFY(editor != nullptr);
        QCOMPARE(editor->text(), QStringLiteral("DMZ"));
        QTest::keyClicks(editor, QStringLiteral("Perimeter"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QCOMPARE(w.design().findSegment("seg-dmz")->name, std::string("DMZ"));
        QCOMPARE(w.steps(), 0);

        QTest::keyClick(w.view(), Qt::Key_F2);
        editor = w.view()->renameEditor();
        QVERIFY(editor != nullptr);
        QTest::keyClicks(editor, QStringLiteral("Perimeter"));
        QTest::keyClick(editor, Qt::Key_Enter);
        QCOMPARE(w.design().findSegment("seg-dmz")->name, std::string("Perimeter"));
    }
};

QTEST_MAIN(TstCanvasGestures)
#include "tst_canvas_gestures.moc"
