// The editor's design tools other than dragging: context menus on a card (Add ▸ a receive
// connector from a template, Connect to Segment ▸), on a segment band (Connect Here ▸ only
// what is not on it yet), on the empty canvas (a palette entry placed at the click, a send
// connector) and on the design tree's rows and categories; the palette's search field; the
// trace form (validation shown inline, the trace played in the Traces dock, Save as Flow one
// undo step); flows in the tree edited in the inspector; Help › Keyboard Shortcuts read
// from the window's actions and Help › User Guide rendered from the compiled-in Markdown.

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

#include <QScrollBar>
#include <memory>
#include <optional>

#include "core/edit/sub_elements.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/help_dialogs.h"
#include "ui/mainwindow/inspector/table_editor.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/palette_dock.h"
#include "ui/mainwindow/trace_dialog.h"
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
        if (!window.openFile(kContoso))
            qFatal("contoso did not open");
    }
    const model::Design& design() const { return window.document()->design(); }
    int steps() const { return window.document()->undoStack()->count(); }
    QPoint centreOf(const QString& cardId) {
        CardItem* card = window.scene()->card(cardId);
        window.view()->reveal(card->sceneCardRect());
        return window.view()->mapFromScene(card->sceneCardRect().center());
    }
};

// The action a menu (or one of its submenus) holds under `text` (without its mnemonic) or
// object name.
QAction* findAction(QMenu* menu, const QString& textOrName) {
    for (QAction* action : menu->actions()) {
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        if (text == textOrName || action->objectName() == textOrName)
            return action;
        if (action->menu() != nullptr) {
            if (QAction* found = findAction(action->menu(), textOrName))
                return found;
        }
    }
    return nullptr;
}

QMenu* submenu(QMenu* menu, const QString& text) {
    QAction* action = findAction(menu, text);
    return action != nullptr ? action->menu() : nullptr;
}

}  // namespace

class TstDesignTools : public QObject {
    Q_OBJECT

private slots:
    // R18: the card menu of an Exchange server whose default connectors are implicit makes
    // them explicit in one undoable step, as the inspector and `format --explicit-defaults` do;
    // then the entry is gone.
    void cardMenuMakesDefaultConnectorsExplicit() {
        Window w;
        QVERIFY(
            w.window.openFile(QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo")));
        const int before = w.steps();
        const QString entry = QStringLiteral("Make Default Connectors Explicit");
        std::unique_ptr<QMenu> menu(w.window.createCanvasMenu(w.centreOf("h-ex01")));
        QAction* make = findAction(menu.get(), entry);
        QVERIFY(make != nullptr);
        make->trigger();
        QCOMPARE(w.steps(), before + 1);
        QVERIFY(w.design().findReceiveConnector("h-ex01-client-frontend") != nullptr);
        QVERIFY(!w.design().findHost("h-ex01")->exchange->implicitDefaultConnectors);
        QVERIFY(w.design().findHost("h-ex02")->exchange->implicitDefaultConnectors);
        std::unique_ptr<QMenu> again(w.window.createCanvasMenu(w.centreOf("h-ex01")));
        QVERIFY(findAction(again.get(), entry) == nullptr);
    }

    // Right-click on an Exchange server: Add ▸ Receive connector ▸ Application relay
    // (anonymous) adds the connector in one step; undo takes it away.
    void cardMenuAddsAReceiveConnectorFromATemplate() {
        Window w;
        const size_t connectors = w.design().receiveConnectors.size();
        std::unique_ptr<QMenu> menu(w.window.createCanvasMenu(w.centreOf("ex2016b")));
        QCOMPARE(w.window.scene()->selectedElementIds(), QStringList{QStringLiteral("ex2016b")});
        QMenu* add = submenu(menu.get(), QStringLiteral("Add"));
        QVERIFY(add != nullptr);
        QMenu* templates = submenu(add, QStringLiteral("Receive connector"));
        QVERIFY(templates != nullptr);
        QVERIFY(templates->actions().size() >= 2);
        QAction* relay =
            findAction(templates, QStringLiteral("add-receive-connector-relay-anonymous"));
        QVERIFY(relay != nullptr);
        QVERIFY(relay->text().startsWith(QStringLiteral("Application relay (anonymous")));
        QVERIFY(findAction(menu.get(), QStringLiteral("Connect to Segment")) != nullptr);
        QVERIFY(findAction(menu.get(), QStringLiteral("Trace from Here…")) != nullptr);
        QVERIFY(menu->actions().contains(w.window.probeAction()));

        relay->trigger();
        QCOMPARE(w.steps(), 1);
        QCOMPARE(w.design().receiveConnectors.size(), connectors + 1);
        const model::ReceiveConnector& added = w.design().receiveConnectors.back();
        QCOMPARE(added.serverId, std::string("ex2016b"));
        // It is shown: the tree row and the inspector.
        const QString id = QString::fromStdString(added.id);
        QCOMPARE(w.window.inspectorDock()->elementId(), id);
        QVERIFY(w.window.designDock()->itemForElement(id)->isSelected());
        w.window.document()->undoStack()->undo();
        QCOMPARE(w.design().receiveConnectors.size(), connectors);

        // A NIC has no form of its own: its host's is shown, the new NIC in it.
        menu.reset(w.window.createCanvasMenu(w.centreOf("ex2016b")));
        findAction(submenu(menu.get(), QStringLiteral("Add")), QStringLiteral("Network adapter"))
            ->trigger();
        QCOMPARE(w.design().findHost("ex2016b")->nics.size(), size_t(3));
        QCOMPARE(w.window.inspectorDock()->elementId(), QStringLiteral("ex2016b"));
        const QString nic = QString::fromStdString(w.design().findHost("ex2016b")->nics.back().id);
        QTRY_VERIFY(w.window.inspectorDock()->editor(QStringLiteral("nic.%1.alias").arg(nic)) !=
                    nullptr);
    }

    // Connect to Segment ▸ a segment on a host card: a NIC on it, with an address.
    void cardMenuConnectsToASegment() {
        Window w;
        std::unique_ptr<QMenu> menu(w.window.createCanvasMenu(w.centreOf("fax01")));
        QMenu* connectTo = submenu(menu.get(), QStringLiteral("Connect to Segment"));
        QVERIFY(connectTo != nullptr);
        QAction* servers = nullptr;
        for (QAction* a : connectTo->actions()) {
            if (a->text().startsWith(QStringLiteral("Server LAN")))
                servers = a;
        }
        QVERIFY(servers != nullptr);
        servers->trigger();
        const model::Host* fax = w.design().findHost("fax01");
        QCOMPARE(fax->nics.size(), size_t(2));
        QCOMPARE(fax->nics.back().segmentId, std::string("seg-servers"));
        QCOMPARE(w.steps(), 1);
        // FAX01's form shows the new NIC's addresses, where the proposed one is checked.
        const QString nic = QString::fromStdString(fax->nics.back().id);
        QCOMPARE(w.window.inspectorDock()->elementId(), QStringLiteral("fax01"));
        QTRY_VERIFY(w.window.inspectorDock()->table(QStringLiteral("nic.%1.addresses").arg(nic)) !=
                    nullptr);
        QWidget* addresses =
            w.window.inspectorDock()->table(QStringLiteral("nic.%1.addresses").arg(nic));
        auto* area =
            qobject_cast<QScrollArea*>(addresses->parentWidget()->parentWidget()->parentWidget());
        QVERIFY(area != nullptr);
        QTRY_VERIFY(area->viewport()->rect().contains(
            QRect(addresses->mapTo(area->viewport(), QPoint(0, 0)), addresses->size())));
    }

    // Connect Here ▸ on the DMZ band offers what has no interface on the DMZ (not MAILGW),
    // and connects the chosen host.
    void bandMenuConnectsWhatIsNotThereYet() {
        Window w;
        SegmentItem* band = w.window.scene()->segment(QStringLiteral("seg-dmz"));
        w.window.view()->reveal(band->sceneBandRect());
        const QPoint at = w.window.view()->mapFromScene(
            band->sceneBandRect().topRight() + QPointF(-6, band->sceneBandRect().height() / 2));
        std::unique_ptr<QMenu> menu(w.window.createCanvasMenu(at));
        QCOMPARE(w.window.scene()->selectedElementIds(), QStringList{QStringLiteral("seg-dmz")});
        QMenu* here = submenu(menu.get(), QStringLiteral("Connect Here"));
        QVERIFY(here != nullptr);
        QStringList offered;
        for (QAction* a : here->actions())
            offered << a->text();
        QVERIFY(!offered.contains(QStringLiteral("MAILGW")));
        QVERIFY(offered.contains(QStringLiteral("EX2010")));
        findAction(here, QStringLiteral("EX2010"))->trigger();
        const model::Host* ex = w.design().findHost("ex2010");
        QCOMPARE(ex->nics.back().segmentId, std::string("seg-dmz"));
        QVERIFY(findAction(menu.get(), QStringLiteral("Rename…")) != nullptr);
    }

    // On the empty canvas: Add Element ▸ a router lands at the click; Add Send connector ▸
    // Internet adds one to the organisation.
    void canvasMenuPlacesAndAddsDesignParts() {
        Window w;
        DiagramView* view = w.window.view();
        const QPointF corner = w.window.scene()->sceneRect().topLeft() + QPointF(12, 12);
        view->centerOn(corner);
        const QPoint at = view->mapFromScene(corner);
        QVERIFY(view->items(at).isEmpty());
        std::unique_ptr<QMenu> menu(w.window.createCanvasMenu(at));
        QAction* router = findAction(menu.get(), QStringLiteral("palette-router"));
        QVERIFY(router != nullptr);
        router->trigger();
        const model::Router& added = w.design().routers.back();
        const model::Placement& p = w.design().views.front().placements.at(added.id);
        QVERIFY(std::abs(p.x - corner.x()) <= 20 && std::abs(p.y - corner.y()) <= 20);

        const size_t sendConnectors = w.design().sendConnectors.size();
        menu.reset(w.window.createCanvasMenu(at));
        QMenu* send = submenu(menu.get(), QStringLiteral("Add Send Connector"));
        QVERIFY(send != nullptr);
        findAction(send, QStringLiteral("add-send-connector-internet"))->trigger();
        QCOMPARE(w.design().sendConnectors.size(), sendConnectors + 1);
        QVERIFY(findAction(menu.get(), QStringLiteral("Add Accepted Domain…")) != nullptr);
        QVERIFY(findAction(menu.get(), QStringLiteral("New Flow / Trace…")) != nullptr);
    }

    // A menu entry that asks for a value (Add Accepted Domain…, Add › Address…): what is
    // typed is added as one step; Cancel adds nothing; an empty answer takes core's
    // default; a refused value adds nothing and the status bar says why in core's words.
    void valuePromptsAddWhatIsTyped() {
        Window w;
        DiagramView* view = w.window.view();
        const QPointF corner = w.window.scene()->sceneRect().topLeft() + QPointF(12, 12);
        view->centerOn(corner);
        const QPoint at = view->mapFromScene(corner);
        // Answers the prompt the action opens (a modal dialog) with `text`, or cancels it.
        const auto answer = [&](const QString& entry, const std::optional<QString>& text) {
            std::unique_ptr<QMenu> menu(w.window.createCanvasMenu(at));
            QAction* action = findAction(menu.get(), entry);
            QVERIFY(action != nullptr);
            bool asked = false;
            QTimer::singleShot(0, &w.window, [&] {
                auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
                QVERIFY(dialog != nullptr);
                asked = true;
                if (!text) {
                    dialog->reject();
                    return;
                }
                dialog->setTextValue(*text);
                dialog->accept();
            });
            action->trigger();
            QVERIFY(asked);
        };
        const QString entry = QStringLiteral("Add Accepted Domain…");
        const auto domains = [&] { return w.design().organization.acceptedDomains.size(); };
        const size_t before = domains();
        const int steps = w.steps();

        answer(entry, QStringLiteral("tailspin.example"));
        QCOMPARE(domains(), before + 1);
        QCOMPARE(w.design().organization.acceptedDomains.back().domainName,
                 std::string("tailspin.example"));
        QCOMPARE(w.steps(), steps + 1);

        answer(entry, std::nullopt);  // Cancel
        QCOMPARE(domains(), before + 1);
        QCOMPARE(w.steps(), steps + 1);

        answer(entry, QStringLiteral("not a domain!"));
        QCOMPARE(domains(), before + 1);
        QCOMPARE(w.steps(), steps + 1);
        const QString refusal = w.window.editActions()->editor()->lastMessage();
        QVERIFY2(refusal.startsWith(QStringLiteral("Nothing added: ")), qPrintable(refusal));
        model::Design copy = w.design();
        const auto core = edit::addSubElement(
            copy, edit::SubElementRequest{"accepted-domain", {}, "organization", "not a domain!"});
        QVERIFY(!core.ok);
        QCOMPARE(refusal, QStringLiteral("Nothing added: ") + QString::fromStdString(core.error));

        answer(entry, QString());  // empty: a name from the design
        QCOMPARE(domains(), before + 2);
        QVERIFY(!w.design().organization.acceptedDomains.back().domainName.empty());
    }

    // The tree: flows, receive and send connectors are listed; a flow chosen shows its
    // editor; the Send connectors category adds one; a flow row plays its trace.
    void treeMenusAndTheFlowEditor() {
        Window w;
        DesignTreeDock* dock = w.window.designDock();
        for (const char* id : {"flow-erp-relay", "lb-smtp"})
            QVERIFY(dock->itemForElement(QLatin1String(id)) != nullptr);
        QVERIFY(dock->itemForElement(
                    QString::fromStdString(w.design().receiveConnectors.front().id)) != nullptr);
        QVERIFY(dock->itemForElement(
                    QString::fromStdString(w.design().sendConnectors.front().id)) != nullptr);

        dock->tree()->setCurrentItem(dock->itemForElement(QStringLiteral("flow-erp-relay")));
        InspectorDock* inspector = w.window.inspectorDock();
        QCOMPARE(inspector->elementId(), QStringLiteral("flow-erp-relay"));
        auto* port = qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("port")));
        QVERIFY(port != nullptr);
        QCOMPARE(port->text(), QStringLiteral("25"));
        port->selectAll();
        QTest::keyClicks(port, QStringLiteral("587"));
        const auto erpFlow = [&w] {
            for (const model::Flow& f : w.design().flows) {
                if (f.id == "flow-erp-relay")
                    return f;
            }
            return model::Flow{};
        };
        QCOMPARE(erpFlow().port, uint16_t(587));
        auto* destination =
            qobject_cast<QLineEdit*>(inspector->editor(QStringLiteral("destination")));
        destination->selectAll();
        QTest::keyClicks(destination, QStringLiteral("nowhere-host"));
        QVERIFY(inspector->problem().contains(QStringLiteral("nowhere-host")));
        QCOMPARE(erpFlow().destination, std::string("10.10.20.60"));

        const size_t sendConnectors = w.design().sendConnectors.size();
        std::unique_ptr<QMenu> menu(
            w.window.createTreeMenu(QString(), QStringLiteral("sendConnectors")));
        QMenu* add = submenu(menu.get(), QStringLiteral("Add Send Connector"));
        QVERIFY(add != nullptr);
        findAction(add, QStringLiteral("add-send-connector-smart-host"))->trigger();
        QCOMPARE(w.design().sendConnectors.size(), sendConnectors + 1);

        menu.reset(w.window.createTreeMenu(QStringLiteral("flow-erp-relay"), QString()));
        findAction(menu.get(), QStringLiteral("Trace"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.window.tracesDock()->trace().flowId == "flow-erp-relay", 10000);

        menu.reset(w.window.createTreeMenu(QString(), QStringLiteral("flows")));
        findAction(menu.get(), QStringLiteral("New Flow…"))->trigger();
        QVERIFY(w.window.traceDialog() != nullptr && w.window.traceDialog()->isVisible());
    }

    // Add › DNS record… takes a zone snippet, one record a line: all of them one step, or
    // none when one is wrong.
    void severalRecordsAreOneStep() {
        Window w;
        const auto records = [&w] {
            for (const model::DnsZone& zone : w.design().dnsZones)
                if (zone.id == "zone-fourthcoffee")
                    return zone.records.size();
            return size_t(0);
        };
        const size_t before = records();
        DiagramEditor* editor = w.window.editActions()->editor();
        const auto record = [](const char* line) {
            return edit::SubElementRequest{"dns-record", {}, "zone-fourthcoffee", line};
        };
        QVERIFY(!editor->addSubElements({record("www A 192.0.2.80"), record("ftp A 192.0.2.81")})
                     .isEmpty());
        QCOMPARE(records(), before + 2);
        QCOMPARE(w.steps(), 1);
        QVERIFY(
            editor->addSubElements({record("mx2 A 192.0.2.82"), record("bad NOPE x")}).isEmpty());
        QCOMPARE(records(), before + 2);
        QVERIFY(editor->lastMessage().startsWith(QStringLiteral("Nothing added")));
        QCOMPARE(w.steps(), 1);
    }

    // The palette's search keeps the entries whose label or tooltip has every word.
    void paletteSearchFilters() {
        Window w;
        PaletteDock* palette = w.window.paletteDock();
        QTest::keyClicks(palette->searchField(), QStringLiteral("firewall"));
        QStringList shown;
        QTreeWidget* tree = palette->tree();
        for (int g = 0; g < tree->topLevelItemCount(); ++g) {
            for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i) {
                QTreeWidgetItem* entry = tree->topLevelItem(g)->child(i);
                if (!entry->isHidden() && !tree->topLevelItem(g)->isHidden())
                    shown << entry->data(0, PaletteDock::kKeyRole).toString();
            }
        }
        QVERIFY(shown.contains(QStringLiteral("firewall")));
        QVERIFY(!shown.contains(QStringLiteral("router")));
        // A group without a match is hidden whole.
        QVERIFY(palette->entryItem(QStringLiteral("exchange-2019-mailbox"))->parent()->isHidden());
        QVERIFY(!palette->entryItem(QStringLiteral("firewall"))->toolTip(0).isEmpty());
        // Enter adds the one entry left.
        const size_t firewalls = w.design().firewalls.size();
        palette->searchField()->clear();
        QTest::keyClicks(palette->searchField(), QStringLiteral("stateful firewall"));
        QTest::keyClick(palette->searchField(), Qt::Key_Return);
        QCOMPARE(w.design().firewalls.size(), firewalls + 1);
        palette->searchField()->clear();
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            QVERIFY(!tree->topLevelItem(g)->isHidden());
    }

    // Tools › Trace…: wrong input is marked and not traced; a VIP target enables the pool
    // member; Trace plays the ad-hoc trace in the Traces dock; Save as Flow adds it as one
    // undoable step.
    void traceFormTracesAndSavesAFlow() {
        Window w;
        TraceDialog* dialog = w.window.openTraceDialog(QStringLiteral("erp01"));
        QVERIFY(dialog != nullptr && dialog->isVisible());
        QCOMPARE(dialog->sourceBox()->currentData().toString(), QStringLiteral("erp01"));
        // It waits in To:, MAIL FROM what `edit --add flow` gives a flow from ERP01: its own
        // sender address; from a host without one, a documentation domain's. What is typed
        // survives a change of the design, not a change of source.
        QTRY_VERIFY(dialog->targetBox()->hasFocus() || dialog->targetBox()->lineEdit()->hasFocus());
        QCOMPARE(dialog->mailFromEdit()->text(), QStringLiteral("erp@contoso.example"));
        dialog->sourceBox()->setCurrentIndex(
            dialog->sourceBox()->findData(QStringLiteral("ex2016a")));
        QCOMPARE(dialog->mailFromEdit()->text(), QStringLiteral("sender@example.net"));
        dialog->mailFromEdit()->setText(QStringLiteral("typed@contoso.example"));
        emit w.window.document()->designReset();
        QCOMPARE(dialog->mailFromEdit()->text(), QStringLiteral("typed@contoso.example"));
        dialog->setSource(QStringLiteral("erp01"));
        QCOMPARE(dialog->mailFromEdit()->text(), QStringLiteral("erp@contoso.example"));
        QVERIFY(!dialog->poolMemberBox()->isEnabled());

        dialog->setTarget(QStringLiteral("10.10.20.60:99999"));
        dialog->mailFromEdit()->setText(QStringLiteral("erp at contoso.example"));
        QSignalSpy traced(dialog, &TraceDialog::traceRequested);
        dialog->traceButton()->click();
        QCOMPARE(traced.count(), 0);
        QVERIFY(dialog->problems().contains(QStringLiteral("To:")));
        QVERIFY(dialog->problems().contains(QStringLiteral("MAIL FROM:")));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("traceProblems"))->isVisible());

        // The relay VIP from the list: its port, its pool.
        const int vip = dialog->targetBox()->findData(QStringLiteral("10.10.20.60"));
        QVERIFY(vip >= 0);
        dialog->targetBox()->setCurrentIndex(vip);
        QVERIFY(dialog->poolMemberBox()->isEnabled());
        QVERIFY(dialog->poolMemberBox()->count() >= 2);
        dialog->poolMemberBox()->setCurrentIndex(1);
        dialog->mailFromEdit()->setText(QStringLiteral("erp@contoso.example"));
        dialog->rcptEdit()->setText(QStringLiteral("billing@fourthcoffee.example"));
        // Automatic, then ERP01's own addresses.
        QVERIFY(dialog->sourceAddressBox()->count() >= 2);
        dialog->sourceAddressBox()->setCurrentIndex(1);
        const QString bound = dialog->sourceAddressBox()->currentData().toString();
        dialog->traceButton()->click();
        QCOMPARE(traced.count(), 1);
        const auto request = traced.first().first().value<sim::TraceRequest>();
        QCOMPARE(request.destination, std::string("10.10.20.60"));
        QCOMPARE(request.port, uint16_t(25));
        QVERIFY(!request.poolMember.empty());
        QCOMPARE(QString::fromStdString(request.sourceAddress->toString()), bound);
        TracesDock* traces = w.window.tracesDock();
        QVERIFY(traces->currentFlow().startsWith(QStringLiteral("ad-hoc")));
        QVERIFY(traces->stepCount() > 0);
        QVERIFY(!dialog->outcome().isEmpty());

        const size_t flows = w.design().flows.size();
        dialog->nameEdit()->setText(QStringLiteral("ERP via relay VIP"));
        dialog->saveButton()->click();
        QCOMPARE(w.design().flows.size(), flows + 1);
        const model::Flow& flow = w.design().flows.back();
        QCOMPARE(flow.name, std::string("ERP via relay VIP"));
        QCOMPARE(flow.sourceHostId, std::string("erp01"));
        QCOMPARE(flow.destination, std::string("10.10.20.60"));
        QCOMPARE(flow.rcptTo, std::vector<std::string>{"billing@fourthcoffee.example"});
        QCOMPARE(w.steps(), 1);
        QCOMPARE(w.window.inspectorDock()->elementId(), QString::fromStdString(flow.id));
        w.window.document()->undoStack()->undo();
        QCOMPARE(w.design().flows.size(), flows);
    }

    // A typed target: mx:DOMAIN and an address with a port are read as the CLI reads them.
    void traceFormReadsTypedTargets() {
        Window w;
        TraceDialog* dialog = w.window.openTraceDialog(QStringLiteral("inet-fourthcoffee"));
        dialog->setTarget(QStringLiteral("mx:contoso.example"));
        auto request = dialog->request();
        QVERIFY2(request, qPrintable(dialog->problems()));
        QCOMPARE(request->destination, std::string("mx:contoso.example"));
        dialog->setTarget(QStringLiteral("198.51.100.25:587"));
        QVERIFY(!dialog->portBox()->isEnabled());  // the target says the port
        request = dialog->request();
        QVERIFY(request);
        QCOMPARE(request->port, uint16_t(587));
        dialog->setTarget(QStringLiteral("EX2016A"));
        request = dialog->request();
        QVERIFY(request);
        QCOMPARE(request->destination, std::string("ex2016a"));
        dialog->heloEdit()->setText(QStringLiteral("bad helo!"));
        QVERIFY(!dialog->request());
        QVERIFY(dialog->problems().startsWith(QStringLiteral("HELO:")));
    }

    // Help › Keyboard Shortcuts lists the window's actions with keys, Undo among them.
    void shortcutsListTheWindowsActions() {
        Window w;
        QDialog* dialog = w.window.showShortcuts();
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        QVERIFY(table != nullptr);
        bool undo = false;
        bool rename = false;
        for (int row = 0; row < table->rowCount(); ++row) {
            const QString command = table->item(row, 0)->text();
            const QString keys = table->item(row, 1)->text();
            QVERIFY(!keys.isEmpty());
            if (command == QStringLiteral("Undo") &&
                keys.contains(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)))
                undo = true;
            if (command == QStringLiteral("Rename") && keys == QStringLiteral("F2"))
                rename = true;
        }
        QVERIFY(undo);
        QVERIFY(rename);
        QCOMPARE(table->rowCount(), actionsWithShortcuts(&w.window).size());
    }

    // Help › User Guide shows the compiled-in guide, its pictures included.
    void userGuideIsRendered() {
        Window w;
        QDialog* dialog = w.window.showUserGuide();
        auto* browser = dialog->findChild<QTextBrowser*>(QStringLiteral("userGuideBrowser"));
        QVERIFY(browser != nullptr);
        QCOMPARE(browser->source(), QUrl(QString::fromLatin1(kUserGuideUrl)));
        QVERIFY(browser->toPlainText().contains(QStringLiteral("MailTopo")));
        QVERIFY(browser->document()->toHtml().contains(QStringLiteral("<img")));
        // Every picture fits the page, as a copy scaled to the width it is drawn at (a
        // picture drawn smaller than it is loses the text in it).
        dialog->resize(860, 760);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        int pictures = 0;
        for (QTextBlock block = browser->document()->begin(); block.isValid();
             block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                if (!it.fragment().charFormat().isImageFormat())
                    continue;
                const QTextImageFormat image = it.fragment().charFormat().toImageFormat();
                const QImage shown =
                    browser->document()
                        ->resource(QTextDocument::ImageResource, QUrl(image.name()))
                        .value<QImage>();
                QVERIFY2(!shown.isNull(), qPrintable(image.name()));
                QVERIFY2(image.width() <= browser->viewport()->width(), qPrintable(image.name()));
                QCOMPARE(shown.width(), qRound(image.width()));
                ++pictures;
            }
        }
        QVERIFY(pictures >= 8);
        // Nothing wider than the page: code and tables wrap, no sideways scrolling.
        QCoreApplication::processEvents();
        QCOMPARE(browser->horizontalScrollBar()->maximum(), 0);
        // A link to the file format, compiled in beside it, opens there.
        emit browser->anchorClicked(QUrl(QStringLiteral("file-format.md")));
        QCOMPARE(browser->source(), QUrl(QStringLiteral("qrc:/docs/file-format.md")));
        QVERIFY(!browser->toPlainText().isEmpty());
    }
};

QTEST_MAIN(TstDesignTools)
#include "tst_design_tools.moc"
