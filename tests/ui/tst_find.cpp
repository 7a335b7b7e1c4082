// Find by name or IP: an address finds what holds it (a NIC, a VIP or SNAT address, a NAT
// address) before the segment around it; text finds names, ids and FQDNs; the window
// selects each match in turn, shows it in the inspector, and says when nothing matches.

#include <QtTest>

#include "core/io/design_file.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/document/design_document.h"
#include "ui/document/element_search.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

model::Design contoso() {
    return *io::loadDesignFile(kContoso.toStdString()).design;
}

}  // namespace

class TstFind : public QObject {
    Q_OBJECT

private slots:
    void addressesFindWhatHoldsThem() {
        const model::Design design = contoso();
        // 10.10.20.5 is LB-SMTP's SNAT address (and its interface), inside the Server LAN.
        const QStringList snat = findElements(design, QStringLiteral("10.10.20.5"));
        QVERIFY(!snat.isEmpty());
        QVERIFY(snat.contains(QStringLiteral("lb-smtp")));
        QCOMPARE(snat.last(), QStringLiteral("seg-servers"));  // the segment comes last
        // A NIC address finds its host first.
        QCOMPARE(findElements(design, QStringLiteral(" 10.10.20.21 ")).first(),
                 QStringLiteral("ex2016a"));
        // An address no element holds: only the segment whose subnet contains it.
        QCOMPARE(findElements(design, QStringLiteral("192.0.2.200")),
                 QStringList{QStringLiteral("seg-internet")});
        // Outside every subnet: nothing.
        QVERIFY(findElements(design, QStringLiteral("172.31.255.1")).isEmpty());
    }

    void textFindsNamesCaseInsensitively() {
        const model::Design design = contoso();
        const QStringList found = findElements(design, QStringLiteral("ex2016"));
        QVERIFY(found.contains(QStringLiteral("ex2016a")));
        QVERIFY(found.contains(QStringLiteral("ex2016b")));
        QVERIFY(!found.contains(QStringLiteral("ex2010")));
        QVERIFY(findElements(design, QStringLiteral("RELAY"))
                    .contains(QStringLiteral("rc-ex2016a-relay")));
        QVERIFY(findElements(design, QStringLiteral("no such thing")).isEmpty());
        QVERIFY(findElements(design, QStringLiteral("   ")).isEmpty());
    }

    void theWindowStepsThroughMatches() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        const QStringList all = findElements(window.document()->design(), QStringLiteral("ex2016"));
        QVERIFY(all.size() >= 2);  // the two servers, then their connectors
        const QString first = window.findNext(QStringLiteral("ex2016"));
        QCOMPARE(first, QStringLiteral("ex2016a"));
        QCOMPARE(window.scene()->selectedElementIds(), QStringList{first});
        QCOMPARE(window.inspectorDock()->elementId(), first);
        QCOMPARE(window.findNext(QStringLiteral("ex2016")), QStringLiteral("ex2016b"));
        for (int i = 2; i < all.size(); ++i)
            QCOMPARE(window.findNext(QStringLiteral("ex2016")), all.at(i));
        QCOMPARE(window.findNext(QStringLiteral("ex2016")), first);  // wraps around
        QVERIFY(window.findNext(QStringLiteral("nothing like this")).isEmpty());
    }
};

QTEST_MAIN(TstFind)
#include "tst_find.moc"
