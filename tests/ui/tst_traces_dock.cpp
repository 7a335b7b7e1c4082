// Trace playback: a flow's trace played step by step in the Traces dock, each step naming
// the rule that decided it, the canvas drawing the forward and the reply paths apart (E11:
// the reply bypasses the firewall the SYN crossed, R14), stepping, playing at a speed, and a
// chosen finding bringing up the flow that proves it.

#include <QGraphicsItem>
#include <QtTest>

#include "ui/diagram/diagram_scene.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/findings_dock.h"
#include "ui/mainwindow/findings_model.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/traces_dock.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kE11 =
    QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/scenarios/e11-dsr-reply-bypasses-firewall.mailtopo");
const QString kFlow = QStringLiteral("flow 'CLIENT77 to VIP via FW'");

bool ready(MainWindow& window) {
    return QTest::qWaitFor([&] { return window.validator()->publishedCount() >= 1; }, 20000);
}

}  // namespace

class TstTracesDock : public QObject {
    Q_OBJECT

private slots:
    // E11 / R14: the SYN goes through FW, the SYN-ACK comes back around it.
    void replyPathIsDrawnApart() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kE11));
        QVERIFY(ready(window));
        TracesDock* dock = window.tracesDock();
        QVERIFY(dock->chooseFlow(kFlow));
        QCOMPARE(dock->currentFlow(), kFlow);
        QVERIFY(dock->stepCount() > 5);
        QCOMPARE(dock->trace().disposition.kind, sim::DispositionKind::Timeout);

        const QPointF firewall =
            window.scene()->itemForElement(QStringLiteral("fw"))->sceneBoundingRect().center();
        QVERIFY(window.scene()->tracePathPoints(false).contains(firewall));
        const auto reply = window.scene()->tracePathPoints(true);
        QVERIFY(!reply.isEmpty());
        for (const QPointF& p : reply)  // the reply path is offset; compare positions loosely
            QVERIFY((p - firewall).manhattanLength() > 30);
    }

    void stepsNameTheirRulesAndPlay() {
        MainWindow window(MainWindowOptions::unattended());
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kE11));
        QVERIFY(ready(window));
        TracesDock* dock = window.tracesDock();
        dock->raise();
        QVERIFY(dock->chooseFlow(kFlow));
        QCOMPARE(dock->currentStep(), 0);
        QCOMPARE(dock->currentRule(), QStringLiteral("R2"));  // source selection comes first
        dock->stepForward();
        QCOMPARE(dock->currentStep(), 1);
        dock->stepBack();
        dock->stepBack();  // stays on the first step
        QCOMPARE(dock->currentStep(), 0);
        // Every step but the outcome names the rule that decided it.
        int withRule = 0;
        for (int i = 0; i < dock->stepCount(); ++i) {
            dock->setStep(i);
            withRule += dock->currentRule().startsWith(QLatin1Char('R')) ? 1 : 0;
        }
        QVERIFY(withRule >= dock->stepCount() - 1);
        // Playing at 4× moves on by itself and stops at the end.
        dock->setStep(0);
        dock->setSpeed(4);
        dock->setPlaying(true);
        QTRY_VERIFY_WITH_TIMEOUT(dock->currentStep() >= 3, 5000);
        window.grab().save(QStringLiteral("trace_playback.png"));
        QTRY_VERIFY_WITH_TIMEOUT(!dock->isPlaying(), 20000);
        QCOMPARE(dock->currentStep(), dock->stepCount() - 1);
    }

    void choosingAFindingCuesItsProof() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kE11));
        QVERIFY(ready(window));
        FindingsDock* findings = window.findingsDock();
        int row = -1;
        for (int i = 0; i < findings->visibleCount(); ++i) {
            findings->chooseRow(i);
            if (findings->chosenFinding()->id == "asymmetric-path")
                row = i;
        }
        QVERIFY(row >= 0);
        window.tracesDock()->chooseFlow(QString());  // no effect on an unknown label
        findings->chooseRow(row);
        QCOMPARE(window.tracesDock()->currentFlow(), kFlow);
    }
};

QTEST_MAIN(TstTracesDock)
#include "tst_traces_dock.moc"
