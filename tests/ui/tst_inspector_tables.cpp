// The inspector's typed editors beyond names and check boxes: enums as combo boxes and lists
// as tables (a NIC's addresses, receive-connector ACEs). Each edit is one undo step, a cell
// that does not parse is refused with its reason and the design stays as it was, rows can be
// added (applied once valid) and removed, undo brings the table back, and live validation
// follows a table edit. A picture of the NIC table, at the dock's usual width, is saved next
// to the test binary.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QtTest>
#include <algorithm>

#include "core/analysis/simulation_checks.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/inspector/table_editor.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;
using inspector::TableEditor;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

const model::Design& designOf(const MainWindow& window) {
    return window.document()->design();
}

int steps(const MainWindow& window) {
    return window.document()->undoStack()->count();
}

const model::Nic& nic(const MainWindow& window, const std::string& host, const std::string& id) {
    const auto& nics = designOf(window).findHost(host)->nics;
    return *std::find_if(nics.begin(), nics.end(), [&](const auto& n) { return n.id == id; });
}

template <class List>
const auto& byId(const List& list, const std::string& id) {
    return *std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.id == id; });
}

// Chooses `value` in a combo box as a user does (activated, not just a changed index).
void choose(QComboBox* combo, const QString& value) {
    combo->setCurrentIndex(combo->findData(value));
    emit combo->activated(combo->currentIndex());
}

// The live validator has caught up with the design as it is now.
bool validationSettled(MainWindow& window) {
    return QTest::qWaitFor(
        [&] {
            return !window.validator()->isRunning() &&
                   window.validator()->validation().findings ==
                       analysis::validateDesign(designOf(window));
        },
        20000);
}

int findingsAbout(const MainWindow& window, const std::string& element) {
    const auto& findings = window.validator()->validation().findings;
    return static_cast<int>(std::count_if(findings.begin(), findings.end(), [&](const auto& f) {
        return std::find(f.elements.begin(), f.elements.end(), element) != f.elements.end();
    }));
}

// The inspector at the width the main window gives it, scrolled to `shown`, saved as `file`.
void savePicture(MainWindow& window, QWidget* shown, const QString& file) {
    window.resize(1400, 900);
    window.resizeDocks({window.inspectorDock()}, {360}, Qt::Horizontal);
    window.inspectorDock()->resize(360, 860);
    auto* scroll = window.inspectorDock()->widget()->findChild<QScrollArea*>();
    QVERIFY(scroll != nullptr);
    // Laid out at the new width first (the window is never shown, a grab lays it out), or
    // the scroll range is still the old one.
    window.inspectorDock()->grab();
    QCoreApplication::processEvents();
    scroll->verticalScrollBar()->setValue(shown->mapTo(scroll->widget(), QPoint()).y() - 60);
    QCoreApplication::processEvents();
    QVERIFY(window.inspectorDock()->grab().save(file));
}

}  // namespace

class TstInspectorTables : public QObject {
    Q_OBJECT

private slots:
    void nicAddressesAsATable() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("ex2016a"));
        TableEditor* addresses = inspector->table(QStringLiteral("nic.ex2016a-mapi.addresses"));
        QVERIFY(addresses != nullptr);
        QCOMPARE(addresses->rowCount(), 2);
        QCOMPARE(addresses->cell(1, 0), QStringLiteral("10.10.20.121"));
        QCOMPARE(addresses->cell(1, 2), QStringLiteral("1"));  // SkipAsSource

        // A prefix length IPv4 cannot have: refused with the reason, nothing changes.
        const int before = steps(window);
        addresses->setCell(0, 1, QStringLiteral("33"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Row 1")));
        QVERIFY(inspector->problem().contains(QStringLiteral("32")));
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").addresses.front().prefixLength, 24);
        QCOMPARE(steps(window), before);
        addresses->setCell(0, 1, QStringLiteral("24"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(steps(window), before);  // back to what the design has: no step

        // An added row waits for its address; once valid it is one step.
        addresses->addRow();
        QVERIFY(inspector->problem().contains(QStringLiteral("required")));
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").addresses.size(), size_t(2));
        addresses->setCell(2, 0, QStringLiteral("10.10.20.300"));
        QVERIFY(inspector->problem().contains(QStringLiteral("300")));
        addresses->setCell(2, 0, QStringLiteral("10.10.20.122"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").addresses.size(), size_t(3));
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").addresses.back().address.toString(),
                 std::string("10.10.20.122"));
        QCOMPARE(steps(window), before + 1);

        // SkipAsSource as a check box, one step of its own.
        addresses->setCell(2, 2, QStringLiteral("1"));
        QVERIFY(nic(window, "ex2016a", "ex2016a-mapi").addresses.back().skipAsSource);
        QCOMPARE(steps(window), before + 2);

        QTest::qWait(0);  // the queued refresh lands before the picture
        savePicture(window, addresses, QStringLiteral("inspector_nic_addresses.png"));

        // The NIC's other fields: segment as a combo box, gateways checked as typed.
        auto* segment =
            qobject_cast<QComboBox*>(inspector->editor(QStringLiteral("nic.ex2016a-mapi.segment")));
        QVERIFY(segment != nullptr);
        QCOMPARE(segment->currentData().toString(), QStringLiteral("seg-servers"));
        auto* gateways = qobject_cast<QLineEdit*>(
            inspector->editor(QStringLiteral("nic.ex2016a-mapi.gateways")));
        QVERIFY(gateways != nullptr);
        emit gateways->textEdited(QStringLiteral("10.10.20.1, 10.10.20"));
        QVERIFY(inspector->problem().startsWith(QStringLiteral("Gateways")));
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").gateways.size(), size_t(1));
        QCOMPARE(steps(window), before + 2);

        // Undo twice: the table shows the NIC as it was.
        window.undoAction()->trigger();
        window.undoAction()->trigger();
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").addresses.size(), size_t(2));
        QTRY_COMPARE(addresses->rowCount(), 2);

        // Removing a row is one step.
        addresses->removeRow(1);
        QCOMPARE(nic(window, "ex2016a", "ex2016a-mapi").addresses.size(), size_t(1));
        QCOMPARE(steps(window), before + 1);
    }

    void liveValidationFollowsATableEdit() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(validationSettled(window));
        const int findingsBefore = findingsAbout(window, "ex2016a");
        // EX2016A holds the DSR VIP on its loopback adapter; taking it away breaks DSR.
        window.inspectorDock()->inspect(QStringLiteral("ex2016a"));
        TableEditor* loopback =
            window.inspectorDock()->table(QStringLiteral("nic.ex2016a-loopback.addresses"));
        QVERIFY(loopback != nullptr);
        QCOMPARE(loopback->cell(0, 0), QStringLiteral("10.10.20.50"));
        loopback->removeRow(0);
        QVERIFY(nic(window, "ex2016a", "ex2016a-loopback").addresses.empty());
        QVERIFY(validationSettled(window));
        QVERIFY(findingsAbout(window, "ex2016a") > findingsBefore);

        window.undoAction()->trigger();
        QVERIFY(validationSettled(window));
        QCOMPARE(findingsAbout(window, "ex2016a"), findingsBefore);
        QTRY_COMPARE(loopback->rowCount(), 1);
    }

    void receiveConnectorAcesAndRole() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("rc-ex2016a-relay"));
        const auto rc = [&] { return *designOf(window).findReceiveConnector("rc-ex2016a-relay"); };
        TableEditor* aces = inspector->table(QStringLiteral("permissions"));
        QVERIFY(aces != nullptr);
        QCOMPARE(aces->rowCount(), 1);
        QCOMPARE(aces->cell(0, 1), QStringLiteral("ms-Exch-SMTP-Accept-Any-Recipient"));

        // A second right for the same principal joins its ACE. The added row starts as a copy
        // of the existing grant, which changes nothing: no step until it says something new.
        const int before = steps(window);
        aces->addRow();
        QCOMPARE(steps(window), before);
        aces->setCell(1, 1, QStringLiteral("ms-Exch-Bypass-Anti-Spam"));
        QCOMPARE(rc().permissions.size(), size_t(1));
        QVERIFY(
            rc().permissions.front().extendedRights.contains(model::ExtendedRight::BypassAntiSpam));
        // A deny for it is an ACE of its own.
        aces->setCell(1, 2, QStringLiteral("1"));
        QCOMPARE(rc().permissions.size(), size_t(2));
        QVERIFY(rc().permissions.back().deny);
        // No principal: refused.
        aces->setCell(1, 0, QString());
        QVERIFY(inspector->problem().contains(QStringLiteral("Principal")));
        QCOMPARE(rc().permissions.size(), size_t(2));

        auto* role = qobject_cast<QComboBox*>(inspector->editor(QStringLiteral("transportRole")));
        QVERIFY(role != nullptr);
        choose(role, QStringLiteral("HubTransport"));
        QCOMPARE(rc().transportRole, model::TransportRole::HubTransport);
        QCOMPARE(steps(window), before + 3);  // right, deny, role

        window.undoAction()->trigger();
        QCOMPARE(rc().transportRole, model::TransportRole::FrontendTransport);
        QTRY_COMPARE(role->currentData().toString(), QStringLiteral("FrontendTransport"));
    }

};

QTEST_MAIN(TstInspectorTables)
#include "tst_inspector_tables.moc"
