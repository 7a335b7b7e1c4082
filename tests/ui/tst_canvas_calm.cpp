// The canvas stays where the user put it, and a played trace follows the topology:
// after an edit, an undo or a drop the view keeps its zoom and looks at the same place
// (Fit brings the extent back to the drawing); a trace is drawn along the links and
// buses between its hops and never across a card that is not one of them.

#include <QtTest>

#include <QPainterPath>
#include <QScrollBar>
#include <QSignalSpy>
#include <QUndoStack>

#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/segment_item.h"
#include "ui/diagram/trace_route.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/traces_dock.h"

using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

QPointF lookingAt(DiagramView* view) {
    return view->mapToScene(view->viewport()->rect().center());
}

// Whether the segment p→q passes through the inside of `rect` (its border excluded).
bool crosses(const QPointF& p, const QPointF& q, const QRectF& rect) {
    const QRectF inside = rect.adjusted(2, 2, -2, -2);
    const int steps = 200;
    for (int i = 0; i <= steps; ++i) {
        const QPointF at = p + (q - p) * (static_cast<qreal>(i) / steps);
        if (inside.contains(at))
            return true;
    }
    return false;
}

// The bundled example in a shown 1400×900 window.
bool showContoso(MainWindow& window) {
    window.resize(1400, 900);
    window.show();
    return QTest::qWaitForWindowExposed(&window) && window.openFile(kContoso);
}

}  // namespace

class TstCanvasCalm : public QObject {
    Q_OBJECT

private slots:
    void editsAndUndoKeepTheView() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(showContoso(window));
        DiagramView* view = window.view();
        view->zoomBy(2.5);  // the user zooms in on a part of the drawing …
        view->centerOn(window.scene()->card(QStringLiteral("ex2016a")));
        QCoreApplication::processEvents();
        const qreal zoom = view->zoom();
        const QPointF before = lookingAt(view);

        // … moves a card far to the top-left, which grows the drawing there …
        CardItem* card = window.scene()->card(QStringLiteral("erp01"));
        QVERIFY(card != nullptr);
        const QPointF far = card->scenePos() - QPointF(3000, 2000);
        QVERIFY(window.editActions()->editor()->moveElements({{QStringLiteral("erp01"), far}}));
        QCoreApplication::processEvents();
        QCOMPARE(view->zoom(), zoom);
        QVERIFY2(
            (lookingAt(view) - before).manhattanLength() < 2,
            qPrintable(
                QStringLiteral("moved by %1").arg((lookingAt(view) - before).manhattanLength())));
        // … undoes it: still looking at the same place.
        window.document()->undoStack()->undo();
        QCoreApplication::processEvents();
        QCOMPARE(view->zoom(), zoom);
        QVERIFY2((lookingAt(view) - before).manhattanLength() < 2,
                 qPrintable(QStringLiteral("(%1,%2) then (%3,%4)")
                                .arg(before.x())
                                .arg(before.y())
                                .arg(lookingAt(view).x())
                                .arg(lookingAt(view).y())));
        // The extent kept room for where the card was; Fit brings it back to the drawing.
        const QRectF grown = window.scene()->sceneRect();
        QVERIFY(grown.contains(far));
        view->fitToContents();
        QVERIFY(!window.scene()->sceneRect().contains(far));
        QVERIFY(window.scene()->sceneRect().width() < grown.width());
    }

    // Fitted, the whole drawing is smaller than the window in one direction; an element
    // added beyond it grows the canvas, and the cards already drawn stay where they are on
    // screen (Qt centres a scene smaller than its view: growing it used to shift them).
    void aDropBesideTheFittedDrawingMovesNothing() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(showContoso(window));
        DiagramView* view = window.view();
        view->fitToContents();
        view->zoomBy(0.8);  // a little room around the drawing on every side
        QCoreApplication::processEvents();
        const qreal zoom = view->zoom();
        CardItem* card = window.scene()->card(QStringLiteral("ex2016a"));
        const QPoint onScreen = view->mapFromScene(card->scenePos());
        // Below the drawing, inside the window: where a user drops a palette entry.
        const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
        const QRectF drawing = window.scene()->itemsBoundingRect();
        const QPointF drop(drawing.center().x(), (drawing.bottom() + visible.bottom()) / 2);
        QVERIFY(visible.contains(drop));
        QVERIFY(!window.editActions()
                     ->editor()
                     ->addElement(QStringLiteral("application-client"), drop)
                     .isEmpty());
        QCoreApplication::processEvents();
        QCOMPARE(view->zoom(), zoom);
        const QPoint after =
            view->mapFromScene(window.scene()->card(QStringLiteral("ex2016a"))->scenePos());
        QVERIFY2((after - onScreen).manhattanLength() <= 1,
                 qPrintable(QStringLiteral("moved from (%1,%2) to (%3,%4)")
                                .arg(onScreen.x())
                                .arg(onScreen.y())
                                .arg(after.x())
                                .arg(after.y())));
    }

    // Two hops with nothing drawn between them (cards on no common segment): the traced line
    // breaks off rather than cutting straight across whatever lies between.
    void aTraceBreaksWhereNoLinkJoinsTheHops() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(showContoso(window));
        DiagramScene* scene = window.scene();
        // MAILGW (DMZ) and ERP01 (server LAN) share no segment.
        QGraphicsItem* gateway = scene->card(QStringLiteral("mailgw"));
        QGraphicsItem* client = scene->card(QStringLiteral("erp01"));
        QVERIFY(gateway != nullptr && client != nullptr);
        const QList<QPointF> points = traceRoute({gateway, client}, scene->links());
        QCOMPARE(points.size(), 3);
        QVERIFY(isTraceBreak(points[1]));
        QCOMPARE(points.first(), gateway->sceneBoundingRect().center());
        QCOMPARE(points.last(), client->sceneBoundingRect().center());
    }

    void traceFollowsTheLinks() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(QTest::qWaitFor([&] { return window.validator()->publishedCount() >= 1; }, 20000));
        TracesDock* dock = window.tracesDock();
        QVERIFY(dock->chooseFlow(QStringLiteral("flow 'EX2010 to EX2016A (migrated mailbox)'")));
        DiagramScene* scene = window.scene();
        const QList<QPointF> path = scene->tracePathPoints(false);
        QVERIFY(path.size() > 3);  // not one straight line from card to card
        // Every leg runs horizontally or vertically once it has left a card's centre, as
        // the links do …
        const QStringList hops{QStringLiteral("ex2010"), QStringLiteral("ex2016a")};
        QList<QRectF> hopCards;
        for (const QString& id : hops)
            hopCards << scene->card(id)->sceneBoundingRect();
        // … and no leg passes through a card that is not a hop (EX2016B sits between them).
        for (CardItem* card : scene->cards()) {
            if (hops.contains(card->elementId()))
                continue;
            for (int i = 1; i < path.size(); ++i)
                QVERIFY2(
                    !crosses(path[i - 1], path[i], card->sceneBoundingRect()),
                    qPrintable(QStringLiteral("leg %1 crosses %2").arg(i).arg(card->elementId())));
        }
        // It starts and ends at the hops' cards.
        QVERIFY(hopCards.first().contains(path.first()));
        QVERIFY(hopCards.last().contains(path.last()));
    }

    // Each connection of a relayed flow replies on its own way back. The traces dock ends
    // one connection's reply with an empty id (the internet sender → MAILGW, then MAILGW →
    // EX2016A), and the scene never joins the end of one to the start of the next, even
    // where a band would join them (ERP01 and EX2016B are both on the server LAN).
    void eachConnectionRepliesApart() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(QTest::qWaitFor([&] { return window.validator()->publishedCount() >= 1; }, 20000));
        TracesDock* dock = window.tracesDock();
        QSignalSpy shown(dock, &TracesDock::stepShown);
        QVERIFY(dock->chooseFlow(QStringLiteral("flow 'Internet sender to MX'")));
        QVERIFY(!shown.isEmpty());
        const QStringList reply = shown.last().at(1).toStringList();
        const qsizetype end = reply.indexOf(QString());
        QVERIFY2(end > 0 && end < reply.size() - 1, qPrintable(reply.join(QLatin1Char(','))));
        QCOMPARE(reply[end - 1], QStringLiteral("inet-fourthcoffee"));

        DiagramScene* scene = window.scene();
        const QStringList joined{QStringLiteral("ex2016a"), QStringLiteral("erp01"),
                                 QStringLiteral("ex2016b")};
        scene->showTracePath({}, joined, QString());
        const QList<QPointF> along = scene->tracePathPoints(true);
        QVERIFY(std::none_of(along.begin(), along.end(), isTraceBreak));  // the band joins them
        scene->showTracePath({}, {joined[0], joined[1], QString(), joined[2]}, QString());
        const QList<QPointF> apart = scene->tracePathPoints(true);
        const qsizetype cut =
            std::find_if(apart.begin(), apart.end(), isTraceBreak) - apart.begin();
        QVERIFY(cut > 0 && cut == apart.size() - 2);  // ERP01's reply, a break, EX2016B alone
        QVERIFY(scene->card(QStringLiteral("ex2016b"))
                    ->sceneBoundingRect()
                    .adjusted(-20, -20, 20, 20)
                    .contains(apart.last()));
    }
};

QTEST_MAIN(TstCanvasCalm)
#include "tst_canvas_calm.moc"
