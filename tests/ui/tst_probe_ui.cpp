// "Probe Live…" in the GUI: the action follows the selection (mail servers and VIPs only),
// the canvas menu offers it, the setup dialog names the address it will contact and
// refuses bad input, and a confirmed probe runs on the event loop (the GUI keeps turning)
// against an SMTP server in this process, then shows the server's replies beside the
// design's prediction. The only traffic is to 127.0.0.1.

#include <QtTest>

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>

#include "tests/core/probe/fake_smtp_server.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/mainwindow/main_window.h"
#include "ui/probe/probe_controller.h"

using namespace mailtopo::ui;
using mailtopo::testing::FakeSmtpServer;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");
const QString kE08 = QStringLiteral(
    MAILTOPO_SOURCE_DIR "/tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo");

}  // namespace

class TestProbeUi : public QObject {
    Q_OBJECT

private slots:
    void probeActionFollowsTheSelection() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QAction* action = window.probeAction();
        QVERIFY(action);
        QVERIFY(!action->isEnabled());  // nothing selected
        struct Case {
            const char* element;
            bool probeable;
        };
        for (const Case& c : {Case{"ex2016a", true}, Case{"fw-edge", false}, Case{"lb-smtp", true},
                              Case{"scanner01", false}, Case{"mailgw", true}}) {
            window.scene()->selectElement(QLatin1String(c.element));
            QVERIFY2(action->isEnabled() == c.probeable, c.element);
        }
        QCOMPARE(window.probeController()->candidatesFor(QStringLiteral("lb-smtp")),
                 (std::vector<std::string>{"vip-smtp-in", "vip-relay"}));
        window.scene()->clearSelection();
        QVERIFY(!action->isEnabled());
    }

    void canvasMenuSelectsTheCardAndOffersProbe() {
        MainWindow window(MainWindowOptions::unattended());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kContoso));
        CardItem* card = window.scene()->card(QStringLiteral("ex2016b"));
        QVERIFY(card);
        window.view()->centerOn(card);
        const QPoint pos = window.view()->mapFromScene(card->sceneCardRect().center());
        std::unique_ptr<QMenu> menu(window.createCanvasMenu(pos));
        QCOMPARE(window.scene()->selectedElementIds(), QStringList{QStringLiteral("ex2016b")});
        QVERIFY(menu->actions().contains(window.probeAction()));
        QVERIFY(window.probeAction()->isEnabled());
    }

    void setupDialogNamesTheTargetAndRefusesBadInput() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        ProbeController* controller = window.probeController();
        ProbeSetupDialog* dialog =
            controller->ask(controller->candidatesFor(QStringLiteral("lb-smtp")), "vip-relay");
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("probeElement"))->currentData(),
                 QVariant(QStringLiteral("vip-relay")));
        QCOMPARE(dialog->targetEdit()->text(), QStringLiteral("10.10.20.60:25"));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Connect to 10.10.20.60:25"));
        QVERIFY(dialog->confirmButton()->isEnabled());
        QVERIFY(!dialog->confirmButton()->isDefault());  // Enter must not connect
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("probeWarning"))
                    ->text()
                    .contains(QStringLiteral("<b>10.10.20.60:25</b>")));
        const auto request = dialog->request();
        QVERIFY(request);
        QCOMPARE(request->element, std::string("vip-relay"));
        QCOMPARE(request->options.spoofFrom, std::string("mailtopo-spoof-test@contoso.example"));

        for (const char* bad : {"224.0.0.25", "10.0.0.1:0", "255.255.255.255", "not a host"}) {
            dialog->targetEdit()->setText(QLatin1String(bad));
            QVERIFY2(!dialog->confirmButton()->isEnabled(), bad);
            QVERIFY2(!dialog->request(), bad);
            QVERIFY2(
                dialog->findChild<QLabel*>(QStringLiteral("probeProblem"))->isVisibleTo(dialog),
                bad);
        }
        dialog->targetEdit()->setText(QStringLiteral("192.0.2.7:587"));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Connect to 192.0.2.7:587"));
        dialog->reject();
    }

    void confirmedProbeRunsAsynchronouslyAndShowsBothSides() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Exchange);
        QVERIFY(server.isListening());
        MainWindow window(MainWindowOptions::unattended());
        window.show();
        QVERIFY(window.openFile(kE08));
        ProbeController* controller = window.probeController();
        ProbeSetupDialog* dialog = controller->ask({"ex16"}, "ex16");
        QVERIFY(dialog);
        dialog->targetEdit()->setText(QStringLiteral("127.0.0.1:%1").arg(server.port()));
        dialog->findChild<QLineEdit*>(QStringLiteral("probeDomain"))
            ->setText(QStringLiteral("contoso.example"));
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        // The probe runs on the event loop: the call returned and the progress is showing.
        QVERIFY(controller->isRunning());
        QVERIFY(controller->progressDialog());
        QTRY_VERIFY_WITH_TIMEOUT(controller->resultDialog() != nullptr, 20000);
        QVERIFY(!controller->isRunning());
        ProbeResultDialog* result = controller->resultDialog();
        const auto& outcome = result->outcome();
        QCOMPARE(outcome.result.status, mailtopo::probe::ProbeStatus::Completed);
        QVERIFY(outcome.comparison);
        QTableWidget* table = result->testTable();
        QCOMPARE(table->rowCount(), 3);
        // E8 predicts an open relay; the server answers 550 5.7.54.
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Relay"));
        QVERIFY(table->item(1, 2)->text().contains(QStringLiteral("550 5.7.54")));
        QVERIFY(table->item(1, 3)->text().startsWith(QStringLiteral("accepted")));
        QCOMPARE(table->item(1, 4)->text(), QStringLiteral("MISMATCH"));
        QVERIFY(result->findingView()->toPlainText().contains(
            QStringLiteral("model-reality-mismatch")));
        QVERIFY(result->reportText().contains(QStringLiteral("S: 250-X-ANONYMOUSTLS")));
        for (const QByteArray& line : server.commands())
            QVERIFY2(!line.toUpper().startsWith("DATA"), line.constData());
        result->close();
    }

    void cancellingStopsTheProbe() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Silent);
        MainWindow window(MainWindowOptions::unattended());
        window.show();
        QVERIFY(window.openFile(kE08));
        ProbeController* controller = window.probeController();
        ProbeSetupDialog* dialog = controller->ask({"ex16"}, "ex16");
        dialog->targetEdit()->setText(QStringLiteral("127.0.0.1:%1").arg(server.port()));
        const auto request = dialog->request();
        QVERIFY(request);
        dialog->reject();
        controller->run(*request);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionsSeen(), 1, 5000);
        QVERIFY(controller->progressDialog());
        // What the Cancel button does (QProgressDialog::cancel() alone does not signal).
        QPushButton* cancel = controller->progressDialog()->findChild<QPushButton*>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(controller->resultDialog() != nullptr, 5000);
        QCOMPARE(controller->resultDialog()->outcome().result.status,
                 mailtopo::probe::ProbeStatus::Cancelled);
        controller->resultDialog()->close();
    }
};

QTEST_MAIN(TestProbeUi)
#include "tst_probe_ui.moc"
