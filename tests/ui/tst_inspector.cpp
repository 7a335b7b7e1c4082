// The inspector: the chosen element's properties in typed editors; each edit is an undoable
// change (typing in one field is one step), input that does not parse is refused with its
// reason, and live validation follows the edit (contoso's EX2016A\Relay: narrowing its
// RemoteIPRanges to the one application host clears its R40/R42 findings).

#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QtTest>

#include "core/analysis/simulation_checks.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

const model::ReceiveConnector& relay(const MainWindow& window) {
    return *window.document()->design().findReceiveConnector("rc-ex2016a-relay");
}

bool flagged(const MainWindow& window, const std::string& rule) {
    for (const auto& f : window.validator()->validation().findings)
        if (f.id == rule && !f.elements.empty() && f.elements.front() == "rc-ex2016a-relay")
            return true;
    return false;
}

}  // namespace

class TstInspector : public QObject {
    Q_OBJECT

private slots:
    // A DSR member's KM-TEST loopback adapter is said so in its NIC's fields, with its
    // interface metric; a metric that is not a number is refused.
    void loopbackAdapterAndMetricAreEdited() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        window.designDock()->elementChosen(QStringLiteral("ex2016a"));
        InspectorDock* inspector = window.inspectorDock();
        auto* loopback = qobject_cast<QCheckBox*>(
            inspector->editor(QStringLiteral("nic.ex2016a-loopback.loopbackAdapter")));
        auto* metric = qobject_cast<QLineEdit*>(
            inspector->editor(QStringLiteral("nic.ex2016a-loopback.interfaceMetric")));
        QVERIFY(loopback != nullptr && metric != nullptr);
        QVERIFY(loopback->isChecked());
        QCOMPARE(metric->text(), QStringLiteral("254"));
        const auto nic = [&window] {
            return window.document()->design().findHost("ex2016a")->nics.back();
        };
        QCOMPARE(nic().id, std::string("ex2016a-loopback"));
        emit metric->textEdited(QStringLiteral("25x"));
        QVERIFY(inspector->problem().contains(QStringLiteral("metric")));
        QCOMPARE(nic().interfaceMetric, 254);
        emit metric->textEdited(QString());
        QCOMPARE(nic().interfaceMetric, 0);  // automatic
        loopback->click();
        QVERIFY(!nic().loopbackAdapter);
    }

    void editsAConnectorAsUndoableSteps() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(QTest::qWaitFor([&] { return window.validator()->publishedCount() >= 1; }, 20000));
        QVERIFY(flagged(window, "relay-via-lb-snat"));
        // Chosen in the Design panel, as a user does.
        window.designDock()->elementChosen(QStringLiteral("rc-ex2016a-relay"));
        InspectorDock* inspector = window.inspectorDock();
        QCOMPARE(inspector->elementId(), QStringLiteral("rc-ex2016a-relay"));
        auto* ranges =
            qobject_cast<QPlainTextEdit*>(inspector->editor(QStringLiteral("remoteIpRanges")));
        QVERIFY(ranges != nullptr);
        QCOMPARE(ranges->toPlainText(), QStringLiteral("10.10.20.0/24"));

        // Not an address: refused with the reason, the design keeps its ranges.
        ranges->setPlainText(QStringLiteral("10.10.20.300"));
        QVERIFY(inspector->problem().contains(QStringLiteral("line 1")));
        QVERIFY(inspector->problem().contains(QStringLiteral("300")));
        QCOMPARE(relay(window).remoteIpRanges.size(), size_t(1));
        QCOMPARE(relay(window).remoteIpRanges.front().toString(), std::string("10.10.20.0/24"));

        // Typed in three goes: one undo step.
        const int steps = window.document()->undoStack()->count();
        ranges->setPlainText(QStringLiteral("10.10.20."));  // incomplete: refused
        ranges->setPlainText(QStringLiteral("10.10.20.8"));
        ranges->setPlainText(QStringLiteral("10.10.20.80"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(relay(window).remoteIpRanges.front().toString(), std::string("10.10.20.80"));
        QCOMPARE(window.document()->undoStack()->count(), steps + 1);
        QVERIFY(window.isWindowModified());

        // Live validation follows: the relay no longer trusts the SNAT address.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !window.validator()->isRunning() &&
                       window.validator()->validation().findings ==
                           analysis::validateDesign(window.document()->design());
            },
            20000));
        QVERIFY(!flagged(window, "relay-via-lb-snat"));

        // A flag as a check box.
        auto* exchangeServers = qobject_cast<QCheckBox*>(
            inspector->editor(QStringLiteral("permissionGroups.ExchangeServers")));
        QVERIFY(exchangeServers != nullptr);
        QVERIFY(!exchangeServers->isChecked());
        exchangeServers->setChecked(true);
        QVERIFY(relay(window).permissionGroups.contains(model::PermissionGroup::ExchangeServers));

        // Undo twice: the ranges come back, and the editor shows them again.
        window.undoAction()->trigger();
        window.undoAction()->trigger();
        QCOMPARE(relay(window).remoteIpRanges.front().toString(), std::string("10.10.20.0/24"));
        QTRY_COMPARE(ranges->toPlainText(), QStringLiteral("10.10.20.0/24"));
        QTRY_VERIFY(!exchangeServers->isChecked());
        QVERIFY(!window.isWindowModified());
    }

    void requiredFieldsAndBindings() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        window.inspectorDock()->inspect(QStringLiteral("rc-ex2016a-relay"));
        InspectorDock* inspector = window.inspectorDock();
        auto* name = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("name")));
        QVERIFY(name != nullptr);
        name->setText(QString());
        emit name->textEdited(QString());
        QVERIFY(inspector->problem().contains(QStringLiteral("required")));
        QCOMPARE(relay(window).name, std::string("Relay"));

        auto* bindings = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("bindings")));
        emit bindings->textEdited(QStringLiteral("0.0.0.0:25, 10.10.20.21:99999"));
        QVERIFY(inspector->problem().contains(QStringLiteral("10.10.20.21:99999")));
        QCOMPARE(relay(window).bindings.size(), size_t(1));
        emit bindings->textEdited(QStringLiteral("10.10.20.21:25"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(relay(window).bindings.front().toString(), std::string("10.10.20.21:25"));

        // A host: name and FQDN.
        inspector->inspect(QStringLiteral("ex2016a"));
        auto* fqdn = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("fqdn")));
        QVERIFY(fqdn != nullptr);
        emit fqdn->textEdited(QStringLiteral("mail1.contoso.example"));
        QCOMPARE(window.document()->design().findHost("ex2016a")->fqdn,
                 std::string("mail1.contoso.example"));
    }
};

QTEST_MAIN(TstInspector)
#include "tst_inspector.moc"
