// The inspector beyond one element's identity and NICs: with nothing chosen (the tree's
// first row, a click on the empty canvas), the design and
// its Exchange organisation (accepted domains as a table, InternalSMTPServers, whose gap is
// R30's finding); an SMTP host's mail settings (where it forwards and submits, the domains it
// accepts, its sender address), an Exchange server's anti-spam settings (R31/R32) and a
// host's persistent routes. Each edit is one undo step, input core's parsers refuse is
// refused with the reason, and the design is left as it was. A picture of a gateway's form
// is saved next to the test binary.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTreeWidget>
#include <QtTest>
#include <algorithm>

#include "tests/ui/inspector_test_support.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/inspector/table_editor.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;
using inspector::TableEditor;
using namespace mailtopo::ui::testing;

namespace {

QLineEdit* lineEdit(InspectorDock* inspector, const QString& property) {
    return qobject_cast<QLineEdit*>(inspector->editor(property));
}

// Types `text` into `line` as a user does: the text changes, then textEdited.
void type(QLineEdit* line, const QString& text) {
    line->setText(text);
    emit line->textEdited(text);
}

// Findings of `rule` naming `element`.
int findings(const MainWindow& window, const std::string& rule, const std::string& element) {
    const auto& all = window.validator()->validation().findings;
    return static_cast<int>(std::count_if(all.begin(), all.end(), [&](const auto& f) {
        return f.id == rule &&
               std::find(f.elements.begin(), f.elements.end(), element) != f.elements.end();
    }));
}

}  // namespace

class TstInspectorDesign : public QObject {
    Q_OBJECT

private slots:
    void designFieldsWithNothingChosen() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QString());
        QLineEdit* name = lineEdit(inspector, QStringLiteral("designName"));
        QVERIFY(name != nullptr);
        QCOMPARE(name->text(), QStringLiteral("Contoso mail topology"));
        auto* description =
            qobject_cast<QPlainTextEdit*>(inspector->editor(QStringLiteral("designDescription")));
        QVERIFY(description != nullptr);
        QVERIFY(description->toPlainText().startsWith(QStringLiteral("Contoso's Exchange")));
        QCOMPARE(lineEdit(inspector, QStringLiteral("organizationName"))->text(),
                 QStringLiteral("Contoso Ltd"));

        // Typing the author is one step however many keys it takes, and undo clears it.
        const int before = steps(window);
        QLineEdit* author = lineEdit(inspector, QStringLiteral("author"));
        type(author, QStringLiteral("A. Archi"));
        type(author, QStringLiteral("A. Architect"));
        QCOMPARE(designOf(window).info.author, std::string("A. Architect"));
        QCOMPARE(steps(window), before + 1);
        QVERIFY(window.document()->undoStack()->text(before).contains(QStringLiteral("design")));
        window.undoAction()->trigger();
        QVERIFY(designOf(window).info.author.empty());
        QTRY_COMPARE(author->text(), QString());
    }

    // The design's properties are one click away: the tree's first row, or the empty canvas.
    void designFromTheTreeOrTheEmptyCanvas() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        DesignTreeDock* tree = window.designDock();
        QTreeWidgetItem* design = tree->category(QStringLiteral("Design"));
        QVERIFY(design != nullptr);
        QCOMPARE(design->text(1), QStringLiteral("Contoso Ltd · 2 accepted domains"));

        tree->tree()->setCurrentItem(tree->itemForElement(QStringLiteral("ex2016a")));
        QVERIFY(inspector->editor(QStringLiteral("fqdn")) != nullptr);
        tree->tree()->setCurrentItem(design);
        QVERIFY(inspector->editor(QStringLiteral("designName")) != nullptr);
        QVERIFY(inspector->editor(QStringLiteral("fqdn")) == nullptr);

        window.scene()->selectElement(QStringLiteral("lb-smtp"));
        QVERIFY(inspector->table(QStringLiteral("vips")) != nullptr);
        window.scene()->clearSelection();  // a click on the empty canvas
        QVERIFY(inspector->table(QStringLiteral("acceptedDomains")) != nullptr);
    }

    // Accepted domains decide which recipients are the organisation's own (R20, R39).
    void acceptedDomainsAsATable() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QString());
        TableEditor* domains = inspector->table(QStringLiteral("acceptedDomains"));
        QVERIFY(domains != nullptr);
        QCOMPARE(domains->rowCount(), 2);
        QCOMPARE(domains->cell(0, 1), QStringLiteral("contoso.example"));
        QCOMPARE(domains->cell(0, 3), QStringLiteral("1"));
        QCOMPARE(domains->cell(1, 4), QStringLiteral("Fabrikam (shared namespace)"));
        QCOMPARE(domains->cell(1, 2), QStringLiteral("InternalRelay"));
        const auto& org = [&]() -> const model::Organization& {
            return designOf(window).organization;
        };

        // A second default is refused: Exchange keeps exactly one.
        const int before = steps(window);
        domains->setCell(1, 3, QStringLiteral("1"));
        QVERIFY(inspector->problem().contains(QStringLiteral("Only one")));
        QVERIFY(!org().acceptedDomains[1].isDefault);
        QCOMPARE(steps(window), before);
        domains->setCell(1, 3, QStringLiteral("0"));
        QVERIFY(inspector->problem().isEmpty());

        // The type is a choice; one step.
        domains->setCell(1, 2, QStringLiteral("ExternalRelay"));
        QCOMPARE(org().acceptedDomains[1].type, model::AcceptedDomainType::ExternalRelay);
        QCOMPARE(steps(window), before + 1);

        // A new domain waits for a valid domain name, then gets an id of its own.
        domains->addRow();
        QVERIFY(inspector->problem().contains(QStringLiteral("required")));
        domains->setCell(2, 1, QStringLiteral("tailspin..example"));
        QVERIFY(inspector->problem().contains(QStringLiteral("tailspin..example")));
        QCOMPARE(org().acceptedDomains.size(), size_t(2));
        domains->setCell(2, 1, QStringLiteral("Tailspin.Example"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(org().acceptedDomains.size(), size_t(3));
        QCOMPARE(org().acceptedDomains[2].domainName, std::string("tailspin.example"));
        QCOMPARE(org().acceptedDomains[2].id, std::string("ad-1"));
        QCOMPARE(org().acceptedDomains[2].name, std::string("tailspin.example"));  // unnamed
        QCOMPARE(steps(window), before + 2);

        window.undoAction()->trigger();
        QCOMPARE(org().acceptedDomains.size(), size_t(2));
        QTRY_COMPARE(domains->rowCount(), 2);
    }

    // R30 (E13): the filtering gateway taken out of InternalSMTPServers is a finding about it;
    // put back by undo, the finding goes.
    void internalSmtpServersDriveR30() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(validationSettled(window));
        const std::string rule = "internal-smtp-servers-missing";
        QCOMPARE(findings(window, rule, "mailgw"), 0);
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QString());
        QLineEdit* internal = lineEdit(inspector, QStringLiteral("internalSmtpServers"));
        QVERIFY(internal != nullptr);
        QCOMPARE(internal->text(),
                 QStringLiteral("172.16.10.25, 10.10.20.10, 10.10.20.21, 10.10.20.22"));

        type(internal, QStringLiteral("10.10.20.10, 10.10.20.21, 10.10.20.0/33"));
        QVERIFY(inspector->problem().contains(QStringLiteral("10.10.20.0/33")));
        QCOMPARE(designOf(window).organization.internalSmtpServers.size(), size_t(4));

        type(internal, QStringLiteral("10.10.20.10, 10.10.20.21, 10.10.20.22"));
        QCOMPARE(designOf(window).organization.internalSmtpServers.size(), size_t(3));
        QVERIFY(validationSettled(window));
        QVERIFY(findings(window, rule, "mailgw") > 0);

        window.undoAction()->trigger();
        QVERIFY(validationSettled(window));
        QCOMPARE(findings(window, rule, "mailgw"), 0);
        QTRY_COMPARE(internal->text(),
                     QStringLiteral("172.16.10.25, 10.10.20.10, 10.10.20.21, 10.10.20.22"));
    }

    void smtpHostMailSettings() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        const auto smtp = [&](const char* id) { return *designOf(window).findHost(id)->smtp; };

        // An application's configured server: address and port, or a host and port.
        inspector->inspect(QStringLiteral("erp01"));
        QLineEdit* submitTo = lineEdit(inspector, QStringLiteral("submitTo"));
        QVERIFY(submitTo != nullptr);
        QCOMPARE(submitTo->text(), QStringLiteral("10.10.20.60:25"));
        type(submitTo, QStringLiteral("10.10.20.60:99999"));
        QVERIFY(inspector->problem().contains(QStringLiteral("65535")));
        QCOMPARE(smtp("erp01").submitTo, std::string("10.10.20.60:25"));
        type(submitTo, QStringLiteral("[2001:db8::60:25"));
        QVERIFY(!inspector->problem().isEmpty());
        type(submitTo, QStringLiteral("ex2010:587"));
        QVERIFY(inspector->problem().isEmpty());
        QCOMPARE(smtp("erp01").submitTo, std::string("ex2010:587"));

        QLineEdit* mailFrom = lineEdit(inspector, QStringLiteral("mailFrom"));
        type(mailFrom, QStringLiteral("erp.contoso.example"));
        QVERIFY(inspector->problem().contains(QStringLiteral("name@domain")));
        type(mailFrom, QStringLiteral("erp@fabrikam.example"));
        QCOMPARE(smtp("erp01").mailFrom, std::string("erp@fabrikam.example"));

        // A gateway: the domains it accepts and where it forwards them.
        inspector->inspect(QStringLiteral("mailgw"));
        QLineEdit* domains = lineEdit(inspector, QStringLiteral("localDomains"));
        QCOMPARE(domains->text(), QStringLiteral("contoso.example, fabrikam.example"));
        type(domains, QStringLiteral("contoso.example, *.fabrikam.example"));
        QVERIFY(inspector->problem().contains(QStringLiteral("*.fabrikam.example")));
        QCOMPARE(smtp("mailgw").localDomains.size(), size_t(2));
        QLineEdit* nextHops = lineEdit(inspector, QStringLiteral("nextHops"));
        QCOMPARE(nextHops->text(), QStringLiteral("10.10.20.50:25"));
        type(nextHops, QStringLiteral("10.10.20.50:25, ex2016b"));
        QCOMPARE(smtp("mailgw").nextHops, (std::vector<std::string>{"10.10.20.50:25", "ex2016b"}));
        auto* received =
            qobject_cast<QCheckBox*>(inspector->editor(QStringLiteral("addsReceivedHeader")));
        QVERIFY(received != nullptr && received->isChecked());
        received->click();
        QVERIFY(!smtp("mailgw").addsReceivedHeader);

        // The gateway's form at the dock's usual width, saved next to the test binary.
        window.resize(1400, 900);
        window.resizeDocks({inspector}, {360}, Qt::Horizontal);
        inspector->resize(360, 860);
        QVERIFY(inspector->grab().save(QStringLiteral("inspector_smtp_host.png")));
    }

    void exchangeAntiSpam() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("ex2016a"));
        const auto antiSpam = [&] {
            return designOf(window).findHost("ex2016a")->exchange->antiSpam;
        };
        auto* agents =
            qobject_cast<QCheckBox*>(inspector->editor(QStringLiteral("antiSpamAgents")));
        QVERIFY(agents != nullptr && agents->isChecked());
        auto* spoofed =
            qobject_cast<QComboBox*>(inspector->editor(QStringLiteral("senderIdSpoofedAction")));
        QVERIFY(spoofed != nullptr);
        QCOMPARE(spoofed->currentData().toString(), QStringLiteral("StampStatus"));
        const int before = steps(window);
        choose(spoofed, QStringLiteral("Reject"));
        QCOMPARE(antiSpam().senderIdSpoofedAction, model::SenderIdAction::Reject);
        QCOMPARE(steps(window), before + 1);

        QLineEdit* blocked = lineEdit(inspector, QStringLiteral("ipBlockList"));
        type(blocked, QStringLiteral("203.0.113.0/24, 203.0.113.300"));
        QVERIFY(inspector->problem().contains(QStringLiteral("203.0.113.300")));
        QVERIFY(antiSpam().ipBlockList.empty());
        type(blocked, QStringLiteral("203.0.113.0/24, 198.51.100.7"));
        QCOMPARE(antiSpam().ipBlockList.size(), size_t(2));
        QLineEdit* providers = lineEdit(inspector, QStringLiteral("blockListProviders"));
        type(providers, QStringLiteral("zen.spamhaus.org, bl spamcop"));
        QVERIFY(inspector->problem().contains(QStringLiteral("bl spamcop")));
        type(providers, QStringLiteral("zen.spamhaus.org"));
        QCOMPARE(antiSpam().blockListProviders, std::vector<std::string>{"zen.spamhaus.org"});
        QCOMPARE(steps(window), before + 3);
    }

    // A host's persistent routes leave through one of its NICs; the choices are its NICs.
    void hostRoutes() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        InspectorDock* inspector = window.inspectorDock();
        inspector->inspect(QStringLiteral("ex2016a"));
        TableEditor* routes = inspector->table(QStringLiteral("routes"));
        QVERIFY(routes != nullptr);
        QCOMPARE(routes->rowCount(), 1);
        QCOMPARE(routes->cell(0, 0), QStringLiteral("10.20.0.0/16"));
        QCOMPARE(routes->cell(0, 2), QStringLiteral("ex2016a-mapi"));
        const auto hostRoutes = [&] { return designOf(window).findHost("ex2016a")->routes; };

        // Not one of the host's NICs: refused.
        routes->setCell(0, 2, QStringLiteral("ex2016b-mapi"));
        QVERIFY(inspector->problem().contains(QStringLiteral("ex2016b-mapi")));
        QCOMPARE(hostRoutes().front().interfaceId, std::string("ex2016a-mapi"));
        routes->setCell(0, 2, QStringLiteral("ex2016a-mapi"));

        const int before = steps(window);
        routes->addRow();
        routes->setCell(1, 0, QStringLiteral("192.168.50.0/24"));
        routes->setCell(1, 1, QStringLiteral("10.10.20.253"));
        routes->setCell(1, 2, QStringLiteral("ex2016a-loopback"));
        QCOMPARE(hostRoutes().size(), size_t(2));
        QCOMPARE(hostRoutes().back().destination.toString(), std::string("192.168.50.0/24"));
        QCOMPARE(hostRoutes().back().interfaceId, std::string("ex2016a-loopback"));
        QVERIFY(steps(window) > before);
        QUndoStack* undo = window.document()->undoStack();
        while (undo->index() > before)
            undo->undo();
        QCOMPARE(hostRoutes().size(), size_t(1));
        QTRY_COMPARE(routes->rowCount(), 1);
    }
};

QTEST_MAIN(TstInspectorDesign)
#include "tst_inspector_design.moc"
