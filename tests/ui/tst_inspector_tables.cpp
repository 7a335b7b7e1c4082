// The inspector's typed editors beyond names and check boxes: enums as combo boxes and lists
// as tables (a NIC's addresses, a load balancer's VIPs and pool, firewall rules and NAT,
// receive-connector ACEs, send-connector address spaces, router interfaces, DNS records).
// Each edit is one undo step, a cell that does not parse is refused with its reason and the
// design stays as it was, rows can be added (applied once valid) and removed, undo brings
// the table back, and live validation follows a table edit. Pictures of the NIC table and
// the load balancer, at the dock's usual width, are saved next to the test binary.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QtTest>
#include <algorithm>

#include "tests/ui/inspector_test_support.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/inspector/table_editor.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;
using inspector::TableEditor;
using namespace mailtopo::ui::testing;

namespace {

const model::Nic& nic(const MainWindow& window, const std::string& host, const std::string& id) {
    const auto& nics = designOf(window).findHost(host)->nics;
    return *std::find_if(nics.begin(), nics.end(), [&](const auto& n) { return n.id == id; });
}

template <class List>
const auto& byId(const List& list, const std::string& id) {
    return *std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.id == id; });
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
    // A new server's NIC is plugged into a segment from the inspector; NICs are added and
    // removed there, each one step, and the form grows and shrinks with them (undo too).
    void addAndRemoveNics() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("erp01"));
        const size_t before = window.document()->design().findHost("erp01")->nics.size();
        auto* add = qobject_cast<QPushButton*>(inspector->editor(QStringLiteral("addNic")));
        QVERIFY(add != nullptr);
        const int stepsBefore = steps(window);
        add->click();
        QCOMPARE(steps(window), stepsBefore + 1);
        const model::Host* host = window.document()->design().findHost("erp01");
        QCOMPARE(host->nics.size(), before + 1);
        const QString nicId = QString::fromStdString(host->nics.back().id);
        // The form is built again (queued) with the new NIC's editors.
        QTRY_VERIFY(inspector->editor(QStringLiteral("nic.%1.segment").arg(nicId)) != nullptr);
        auto* segment = qobject_cast<QComboBox*>(
            inspector->editor(QStringLiteral("nic.%1.segment").arg(nicId)));
        choose(segment, QStringLiteral("seg-clients"));
        QCOMPARE(window.document()->design().findHost("erp01")->nics.back().segmentId,
                 std::string("seg-clients"));
        auto* remove = qobject_cast<QPushButton*>(
            inspector->editor(QStringLiteral("nic.%1.remove").arg(nicId)));
        QVERIFY(remove != nullptr);
        remove->click();
        QCOMPARE(window.document()->design().findHost("erp01")->nics.size(), before);
        QTRY_VERIFY(inspector->editor(QStringLiteral("nic.%1.segment").arg(nicId)) == nullptr);
        window.document()->undoStack()->undo();
        QTRY_VERIFY(inspector->editor(QStringLiteral("nic.%1.segment").arg(nicId)) != nullptr);
    }

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

    void loadBalancerVipsAndPool() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("lb-smtp"));
        TableEditor* vips = inspector->table(QStringLiteral("vips"));
        TableEditor* pool = inspector->table(QStringLiteral("pool"));
        QVERIFY(vips != nullptr && pool != nullptr);
        QCOMPARE(vips->rowCount(), 2);
        QCOMPARE(pool->rowCount(), 4);
        const auto lb = [&] { return byId(designOf(window).loadBalancers, "lb-smtp"); };

        // The relay VIP from SNAT to DSR: the mode is a choice column, one step.
        const int before = steps(window);
        QCOMPARE(vips->cell(1, 4), QStringLiteral("snat"));
        vips->setCell(1, 4, QStringLiteral("dsr"));
        QCOMPARE(byId(lb().vips, "vip-relay").mode, model::LoadBalancerMode::Dsr);
        QCOMPARE(steps(window), before + 1);
        // Not one of the modes, a port out of range, a bad ACL entry: refused.
        vips->setCell(1, 4, QStringLiteral("round-robin"));
        QVERIFY(inspector->problem().contains(QStringLiteral("round-robin")));
        vips->setCell(1, 4, QStringLiteral("dsr"));
        vips->setCell(1, 3, QStringLiteral("70000"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Port")));
        QVERIFY(inspector->problem().contains(QStringLiteral("65535")));
        QCOMPARE(byId(lb().vips, "vip-relay").port, uint16_t(25));
        vips->setCell(1, 3, QStringLiteral("25"));
        vips->setCell(1, 6, QStringLiteral("10.10.20.80, 10.10.20.0/33"));
        QVERIFY(inspector->problem().contains(QStringLiteral("10.10.20.0/33")));
        QCOMPARE(byId(lb().vips, "vip-relay").sourceAcl.size(), size_t(1));
        vips->setCell(1, 6, QStringLiteral("10.10.20.80, 10.10.20.81"));
        QCOMPARE(byId(lb().vips, "vip-relay").sourceAcl.size(), size_t(2));
        QCOMPARE(steps(window), before + 2);

        // A new VIP gets an id of its own and keeps the others' pools.
        vips->addRow();
        QVERIFY(inspector->problem().contains(QStringLiteral("Address")));
        vips->setCell(2, 2, QStringLiteral("10.10.20.70"));
        QCOMPARE(lb().vips.size(), size_t(3));
        QCOMPARE(lb().vips.back().id, std::string("lb-smtp-vip-1"));
        vips->setCell(2, 1, QStringLiteral("SMTP test"));  // the same VIP, not another new one
        QCOMPARE(lb().vips.size(), size_t(3));
        QCOMPARE(lb().vips.back().id, std::string("lb-smtp-vip-1"));
        QCOMPARE(lb().vips.back().name, std::string("SMTP test"));
        QCOMPARE(byId(lb().vips, "vip-relay").pool.size(), size_t(2));

        // Pool members: removing one takes it from its own VIP only.
        pool->removeRow(3);  // vip-relay's second member
        QCOMPARE(byId(lb().vips, "vip-relay").pool.size(), size_t(1));
        QCOMPARE(byId(lb().vips, "vip-smtp-in").pool.size(), size_t(2));
        pool->setCell(0, 3, QStringLiteral("0"));
        QVERIFY(inspector->problem().contains(QStringLiteral("port 0")));

        pool->setCell(0, 3, QStringLiteral("25"));

        // The chosen VIP's port, SNAT address and ACL are edited under the table.
        vips->table()->setCurrentCell(1, 1);
        auto* snat = qobject_cast<QLineEdit*>(vips->detailEditor(5));
        QVERIFY(snat != nullptr && snat->isEnabled());
        QCOMPARE(snat->text(), QStringLiteral("10.10.20.5"));
        const int typed = steps(window);
        snat->setText(QStringLiteral("10.10.20.6"));
        emit snat->textEdited(snat->text());
        QCOMPARE(byId(lb().vips, "vip-relay").snatAddress->toString(), std::string("10.10.20.6"));
        snat->setText(QStringLiteral("10.10.20.66"));
        emit snat->textEdited(snat->text());
        QCOMPARE(steps(window), typed + 1);  // typing in the field: one step
        snat->setText(QStringLiteral("10.10.20.666"));
        emit snat->textEdited(snat->text());
        QVERIFY(inspector->problem().contains(QStringLiteral("SNAT address")));
        QVERIFY(!snat->styleSheet().isEmpty());  // marked in the field itself
        QCOMPARE(byId(lb().vips, "vip-relay").snatAddress->toString(), std::string("10.10.20.66"));
        snat->setText(QStringLiteral("10.10.20.5"));
        emit snat->textEdited(snat->text());

        QTest::qWait(0);
        savePicture(window, vips, QStringLiteral("inspector_load_balancer.png"));
        window.undoAction()->trigger();  // the SNAT address

        // Undo the member removal and the new VIP (its name, then itself): both tables follow.
        window.undoAction()->trigger();
        window.undoAction()->trigger();
        window.undoAction()->trigger();
        QTRY_COMPARE(pool->rowCount(), 4);
        QTRY_COMPARE(vips->rowCount(), 2);
        QCOMPARE(byId(lb().vips, "vip-relay").mode, model::LoadBalancerMode::Dsr);
    }

    void firewallRulesAndNat() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("fw-edge"));
        TableEditor* rules = inspector->table(QStringLiteral("rules"));
        TableEditor* inbound = inspector->table(QStringLiteral("inboundNat"));
        TableEditor* outbound = inspector->table(QStringLiteral("outboundNat"));
        QVERIFY(rules != nullptr && inbound != nullptr && outbound != nullptr);
        QVERIFY(inspector->table(QStringLiteral("interfaces")) != nullptr);
        const auto fw = [&] { return byId(designOf(window).firewalls, "fw-edge"); };
        QCOMPARE(rules->rowCount(), 5);

        // A port list with a word in it: refused, the rule keeps its port.
        const int before = steps(window);
        rules->setCell(0, 7, QStringLiteral("25, smtp"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Ports")));
        QCOMPARE(fw().rules.front().ports, std::vector<uint16_t>{25});
        rules->setCell(0, 7, QStringLiteral("25, 587"));
        QCOMPARE(fw().rules.front().ports, (std::vector<uint16_t>{25, 587}));
        rules->setCell(0, 3, QStringLiteral("deny"));
        QCOMPARE(fw().rules.front().action, model::FirewallAction::Deny);
        QCOMPARE(steps(window), before + 2);

        // A new rule is valid as it comes (any to any, port 25, allow): one step at once.
        rules->addRow();
        QCOMPARE(fw().rules.size(), size_t(6));
        QCOMPARE(fw().rules.back().id, std::string("fw-edge-rule-1"));
        QCOMPARE(steps(window), before + 3);

        // A zone added in the zones table is at once a zone a rule can name.
        TableEditor* zones = inspector->table(QStringLiteral("zones"));
        QVERIFY(zones != nullptr);
        rules->setCell(0, 1, QStringLiteral("lab"));
        QVERIFY(inspector->problem().contains(QStringLiteral("'lab' is not one of")));
        zones->addRow();
        zones->setCell(zones->rowCount() - 1, 0, QStringLiteral("lab"));
        QCOMPARE(fw().zones.back().name, std::string("lab"));
        rules->setCell(0, 1, QStringLiteral("lab"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(fw().rules.front().fromZone, std::string("lab"));

        // Inbound NAT: the public address must be an address.
        inbound->setCell(0, 2, QStringLiteral("198.51.100"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Public")));
        QCOMPARE(fw().inboundNat.front().publicAddress.toString(), std::string("198.51.100.25"));
        inbound->setCell(0, 2, QStringLiteral("198.51.100.26"));
        QCOMPARE(fw().inboundNat.front().publicAddress.toString(), std::string("198.51.100.26"));

        rules->table()->setCurrentCell(0, 1);
        savePicture(window, rules, QStringLiteral("inspector_firewall.png"));
        // Outbound NAT: removing the only rule, then undo.
        QCOMPARE(outbound->rowCount(), 1);
        outbound->removeRow(0);
        QVERIFY(fw().outboundNat.empty());
        window.undoAction()->trigger();
        QCOMPARE(fw().outboundNat.size(), size_t(1));
        QTRY_COMPARE(outbound->rowCount(), 1);
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

    void sendConnectorFields() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("sc-internet"));
        const auto sc = [&] { return byId(designOf(window).sendConnectors, "sc-internet"); };

        auto* smartHosts =
            qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("smartHosts")));
        QVERIFY(smartHosts != nullptr);
        emit smartHosts->textEdited(QStringLiteral("192.0.2.10, relay two.example"));
        QVERIFY(inspector->problem().contains(QStringLiteral("relay two.example")));
        QCOMPARE(sc().smartHosts, std::vector<std::string>{"192.0.2.10"});
        emit smartHosts->textEdited(QStringLiteral("192.0.2.10, relay2.litware.example"));
        QCOMPARE(sc().smartHosts.size(), size_t(2));

        auto* port = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("port")));
        emit port->textEdited(QStringLiteral("0"));
        QVERIFY(inspector->problem().contains(QStringLiteral("port 0")));
        QCOMPARE(sc().port, 25);
        emit port->textEdited(QStringLiteral("587"));
        QCOMPARE(sc().port, 587);

        auto* sourceIp =
            qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("sourceIpAddress")));
        emit sourceIp->textEdited(QStringLiteral("2001:db8::g"));
        QVERIFY(!inspector->problem().isEmpty());
        QVERIFY(!sc().sourceIpAddress.has_value());

        // Address spaces in a table; "*" is a domain here, "contoso" with a space is not.
        TableEditor* spaces = inspector->table(QStringLiteral("addressSpaces"));
        QVERIFY(spaces != nullptr);
        QCOMPARE(spaces->cell(0, 1), QStringLiteral("*"));
        spaces->setCell(0, 1, QStringLiteral("conto so.example"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Domain")));
        QCOMPARE(sc().addressSpaces.front().domain, std::string("*"));
        spaces->setCell(0, 2, QStringLiteral("101"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Row 1")));
        spaces->setCell(0, 1, QStringLiteral("*.fabrikam.example"));
        spaces->setCell(0, 2, QStringLiteral("5"));
        QCOMPARE(sc().addressSpaces.front().domain, std::string("*.fabrikam.example"));
        QCOMPARE(sc().addressSpaces.front().cost, 5);

        // Source servers as check boxes.
        auto* ex2016b =
            qobject_cast<QCheckBox*>(inspector->editor(QStringLiteral("sourceServers.ex2016b")));
        QVERIFY(ex2016b != nullptr);
        QVERIFY(ex2016b->isChecked());
        ex2016b->setChecked(false);
        QCOMPARE(sc().sourceServerIds, std::vector<std::string>{"ex2016a"});
        window.undoAction()->trigger();
        QCOMPARE(sc().sourceServerIds.size(), size_t(2));
        QTRY_VERIFY(ex2016b->isChecked());
    }

    void routersSegmentsAndZones() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();

        // Router: an interface added in the table gets a fresh id once it has a name.
        inspector->inspect(QStringLiteral("rtr-wan"));
        TableEditor* interfaces = inspector->table(QStringLiteral("interfaces"));
        QVERIFY(interfaces != nullptr);
        QCOMPARE(interfaces->rowCount(), 2);
        const int before = steps(window);
        interfaces->addRow();
        QVERIFY(inspector->problem().contains(QStringLiteral("Name")));
        QCOMPARE(steps(window), before);
        interfaces->setCell(2, 3, QStringLiteral("10.99.0.1/24"));
        interfaces->setCell(2, 1, QStringLiteral("lab"));
        const auto& router = byId(designOf(window).routers, "rtr-wan");
        QCOMPARE(router.interfaces.size(), size_t(3));
        QCOMPARE(router.interfaces.back().id, std::string("rtr-wan-if-1"));
        QCOMPARE(router.interfaces.back().addresses.front().prefixLength, 24);
        QCOMPARE(steps(window), before + 1);

        // Segment: subnets checked as CIDR, kind as a combo box.
        inspector->inspect(QStringLiteral("seg-dmz"));
        auto* subnets = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("subnets")));
        QVERIFY(subnets != nullptr);
        emit subnets->textEdited(QStringLiteral("172.16.10.0/24, 172.16.11.0/"));
        QVERIFY(inspector->problem().contains(QStringLiteral("172.16.11.0/")));
        emit subnets->textEdited(QStringLiteral("172.16.10.0/24, 172.16.11.0/24"));
        QCOMPARE(byId(designOf(window).segments, "seg-dmz").subnets.size(), size_t(2));
        choose(qobject_cast<QComboBox*>(inspector->editor(QStringLiteral("kind"))),
               QStringLiteral("lan"));
        QCOMPARE(byId(designOf(window).segments, "seg-dmz").kind, model::SegmentKind::Lan);

        // DNS zone: a record's TTL must be a number.
        inspector->inspect(QStringLiteral("zone-contoso-external"));
        TableEditor* records = inspector->table(QStringLiteral("records"));
        QVERIFY(records != nullptr && records->rowCount() > 0);
        records->setCell(0, 2, QStringLiteral("1h"));
        QVERIFY(inspector->problem().contains(QStringLiteral("TTL")));
        records->setCell(0, 2, QStringLiteral("300"));
        QCOMPARE(byId(designOf(window).dnsZones, "zone-contoso-external").records.front().ttl, 300);
    }
};

QTEST_MAIN(TstInspectorTables)
#include "tst_inspector_tables.moc"
