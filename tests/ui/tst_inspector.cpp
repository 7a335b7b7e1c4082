// The inspector: the chosen element's properties in typed editors; each edit is an undoable
// change (typing in one field is one step), input that does not parse is refused with its
// reason, and live validation follows the edit (contoso's EX2016A\Relay: narrowing its
// RemoteIPRanges to the one application host clears its R40/R42 findings).

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

#include "core/analysis/simulation_checks.h"
#include "core/edit/property_edit.h"
#include "tests/ui/inspector_test_support.h"
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

    // `mailtopo-cli edit --set` (core's setProperty) and the inspector refuse a value with
    // the same reason; only the name in front differs (the file's key, the field's label).
    void bothFacesRefuseInTheSameWords_data() {
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        auto row = [](const char* element, const char* field, const char* key, const char* value) {
            QTest::newRow((QByteArray(element) + ' ' + field).constData())
                << QString::fromLatin1(element) << QString::fromLatin1(field)
                << QString::fromLatin1(key) << QString::fromLatin1(value);
        };
        row("ex2016a", "fqdn", "fqdn", "mail..contoso.example");
        row("ex2016a", "site", "exchange.site", "");
        row("rc-ex2016a-relay", "name", "name", " ");
        row("rc-ex2016a-relay", "bindings", "bindings", "0.0.0.0:25, 10.10.20.21:99999");
        row("rc-ex2016a-relay", "bindings", "bindings", ",");
        row("rc-ex2016a-relay", "maxMessageSize", "maxMessageSizeBytes", "35MB");
        row("sc-internet", "port", "port", "99999");
        row("sc-internet", "smartHosts", "smartHosts", "relay_.isp.example");
        row("mailgw", "nextHops", "smtp.nextHops", "10.10.20.21, mailgw:0");
        row("erp01", "mailFrom", "smtp.mailFrom", "erp at contoso");
        row("erp01", "submitTo", "smtp.submitTo", "[2001:db8::1]");
        row("ex2016a", "nic.ex2016a-mapi.gateways", "gateways", "10.10.20.300");
        row("seg-dmz", "subnets", "subnets", "192.0.2.0/33");
        row("flow-erp-relay", "destination", "destination", "10.10.20.300");
        row("flow-erp-relay", "helo", "helo", "erp_01.contoso.example");
        row("flow-erp-relay", "rcptTo", "rcptTo", "a@contoso.example, nobody");
    }

    // Format version 2's flow fields: the pool member and the expected outcome, as choices.
    void flowPoolMemberAndExpectedOutcome() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("flow-erp-relay"));
        auto* member = qobject_cast<QComboBox*>(inspector->editor(QStringLiteral("poolMember")));
        auto* expected =
            qobject_cast<QComboBox*>(inspector->editor(QStringLiteral("expectedDisposition")));
        QVERIFY(member != nullptr && expected != nullptr);
        QVERIFY(member->findData(QStringLiteral("ex2016b")) >= 0);
        QVERIFY(member->findData(QStringLiteral("erp01")) < 0);  // in no pool
        ui::testing::choose(member, QStringLiteral("ex2016b"));
        ui::testing::choose(expected, QStringLiteral("relayed"));
        const auto flow = [&] {
            for (const auto& f : window.document()->design().flows)
                if (f.id == "flow-erp-relay")
                    return f;
            return model::Flow();
        };
        QCOMPARE(flow().poolMemberHostId, std::string("ex2016b"));
        QCOMPARE(flow().expectedDisposition, std::optional(model::DispositionKind::Relayed));
        ui::testing::choose(expected, QString());
        QVERIFY(!flow().expectedDisposition);
    }

    // R18: an Exchange server's inspector makes its default connectors explicit, with the ids
    // traces name them by, in one undoable step.
    void R18_makeDefaultConnectorsExplicit() {
        MainWindow window(MainWindowOptions::unattended());
        // A fixture whose two Exchange servers leave their defaults implicit (contoso lists its).
        QVERIFY(
            window.openFile(QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo")));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("h-ex01"));
        auto* button = qobject_cast<QPushButton*>(
            inspector->editor(QStringLiteral("makeDefaultConnectorsExplicit")));
        QVERIFY(button != nullptr);
        const int steps = window.document()->undoStack()->count();
        button->click();
        const auto& design = window.document()->design();
        QVERIFY(design.findReceiveConnector("h-ex01-client-frontend") != nullptr);
        QVERIFY(!design.findHost("h-ex01")->exchange->implicitDefaultConnectors);
        QVERIFY(design.findHost("h-ex02")->exchange->implicitDefaultConnectors);
        QCOMPARE(window.document()->undoStack()->count(), steps + 1);
        // The form follows: nothing is left to make explicit, so the button goes (the dock
        // rebuilds on the queued designChanged) and comes back with undo.
        QTRY_VERIFY(inspector->editor(QStringLiteral("makeDefaultConnectorsExplicit")) == nullptr);
        window.undoAction()->trigger();
        QVERIFY(window.document()->design().findReceiveConnector("h-ex01-client-frontend") ==
                nullptr);
        QVERIFY(
            window.document()->design().findHost("h-ex01")->exchange->implicitDefaultConnectors);
        QTRY_VERIFY(inspector->editor(QStringLiteral("makeDefaultConnectorsExplicit")) != nullptr);
    }

    // R27: a flow's To may be emptied; its source's routing then chooses by the recipient.
    void R27_flowDestinationMayBeEmpty() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("flow-outbound-a"));
        auto* to = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("destination")));
        QVERIFY(to != nullptr);
        to->setText(QString());
        emit to->textEdited(QString());
        QVERIFY2(inspector->problem().isEmpty(), qPrintable(inspector->problem()));
        for (const auto& f : window.document()->design().flows)
            if (f.id == "flow-outbound-a")
                QVERIFY(f.destination.empty());
    }

    // RemoteIPRanges takes every form Exchange does, the whole of each family included.
    void remoteIpRangesInEveryExchangeForm() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("rc-ex2016a-relay"));
        auto* ranges =
            qobject_cast<QPlainTextEdit*>(inspector->editor(QStringLiteral("remoteIpRanges")));
        QVERIFY(ranges != nullptr);
        const QString every = QStringLiteral(
            "192.0.2.7\n192.0.2.10-192.0.2.20\n10.0.0.0/8\n0.0.0.0/0\n"
            "198.51.100.0(255.255.255.0)\n2001:db8::cd3\n2001:db8::cd3-2001:db8::cd4\n"
            "2001:db8::/60\n::/0");
        ranges->setPlainText(every);
        QVERIFY2(inspector->problem().isEmpty(), qPrintable(inspector->problem()));
        QCOMPARE(relay(window).remoteIpRanges.size(), size_t(9));
        QCOMPARE(relay(window).remoteIpRanges.back().toString(), std::string("::/0"));
        ranges->setPlainText(QStringLiteral("2001:db8::(ffff::)"));
        QVERIFY(inspector->problem().contains(QStringLiteral("line 1")));
        QCOMPARE(relay(window).remoteIpRanges.size(), size_t(9));
    }

    void bothFacesRefuseInTheSameWords() {
        QFETCH(QString, element);
        QFETCH(QString, field);
        QFETCH(QString, key);
        QFETCH(QString, value);
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(element);
        auto* edit = qobject_cast<QLineEdit*>(inspector->editor(field));
        QVERIFY(edit != nullptr);
        emit edit->textEdited(value);
        const QString shown = inspector->problem();
        QVERIFY(!shown.isEmpty());

        // The CLI names the NIC by its own id; the inspector shows it in its host's editor.
        const std::string id = field.startsWith(QStringLiteral("nic."))
                                   ? field.section(QLatin1Char('.'), 1, 1).toStdString()
                                   : element.toStdString();
        model::Design design = window.document()->design();
        const auto outcome = edit::setProperty(design, id, key.toStdString(), value.toStdString());
        QVERIFY(!outcome.ok);
        const QString said = QString::fromStdString(outcome.error);
        QCOMPARE(said.section(QStringLiteral(": "), 0, 0), key);
        QCOMPARE(said.section(QStringLiteral(": "), 1), shown.section(QStringLiteral(": "), 1));
    }
};

QTEST_MAIN(TstInspector)
#include "tst_inspector.moc"
