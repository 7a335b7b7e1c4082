// The main window's file actions on the open design: importing PowerShell exports and DNS
// zone files as one undoable step (and refusing a broken file without touching the design),
// saving, the unsaved-changes state, Export Report's preview dialog and Export Diagram.
// Screenshots of the preview are saved beside the test binary for review.

#include <QAction>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/design_file.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/main_window.h"
#include "ui/report/report_preview_dialog.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kSmall = QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo");
const QString kSamples = QStringLiteral(MAILTOPO_SHARED_DIR "/formats/samples/");
const QString kZones = QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/core/dns/zones/");

}  // namespace

class TstDocumentActions : public QObject {
    Q_OBJECT

private slots:
    void importIsOneUndoableStep() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kSmall));
        const model::Design before = window.document()->design();
        const auto outcome = window.importPaths(
            {kSamples + QStringLiteral("get-exchangeserver.ems.depth2.ps51.json"),
             kSamples + QStringLiteral("get-receiveconnector.ems.depth3.ps51.json")});
        QVERIFY2(outcome.ok, qPrintable(outcome.errors.join(QLatin1Char('\n'))));
        QVERIFY(outcome.summary.startsWith(QStringLiteral("Imported 2 file(s)")));
        QVERIFY(outcome.log.contains(QStringLiteral("Get-ReceiveConnector")));
        const model::Design after = window.document()->design();
        QVERIFY(after.receiveConnectors.size() > before.receiveConnectors.size());
        QVERIFY(after.hosts.size() > before.hosts.size());
        // What the user drew stays: the load balancer and firewall of the small design.
        QCOMPARE(after.loadBalancers, before.loadBalancers);
        QCOMPARE(after.firewalls, before.firewalls);
        QVERIFY(window.isWindowModified());
        QCOMPARE(window.document()->undoStack()->count(), 1);
        QVERIFY(window.undoAction()->isEnabled());
        QVERIFY(window.undoAction()->text().contains(QStringLiteral("Import 2 files")));
        // The new servers are on the canvas.
        for (const auto& host : after.hosts)
            QVERIFY2(window.scene()->card(QString::fromStdString(host.id)) != nullptr,
                     host.id.c_str());

        window.undoAction()->trigger();
        QCOMPARE(window.document()->design(), before);
        QVERIFY(!window.isWindowModified());
        window.redoAction()->trigger();
        QCOMPARE(window.document()->design(), after);
        QVERIFY(window.isWindowModified());
    }

    // Exports and a zone file in one import: one step, the zone in the view asked for; a
    // zone file ldns cannot read leaves the design alone and is named with its line.
    void zoneFilesImportWithExports() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kSmall));
        const model::Design before = window.document()->design();
        const auto outcome = window.importPaths(
            {kSamples + QStringLiteral("get-exchangeserver.ems.depth2.ps51.json"),
             kZones + QStringLiteral("example.org.zone")},
            model::DnsView::Internal);
        QVERIFY2(outcome.ok, qPrintable(outcome.errors.join(QLatin1Char('\n'))));
        QVERIFY2(outcome.summary.endsWith(QStringLiteral("1 DNS zone(s) added, 0 replaced")),
                 qPrintable(outcome.summary));
        QVERIFY(outcome.log.contains(QStringLiteral("example.org. (internal): ")));
        const model::Design& after = window.document()->design();
        QCOMPARE(after.dnsZones.size(), before.dnsZones.size() + 1);
        const model::DnsZone& zone = after.dnsZones.back();
        QCOMPARE(zone.origin, std::string("example.org."));
        QCOMPARE(zone.view, model::DnsView::Internal);
        QVERIFY(zone.records.size() > 10);
        QVERIFY(after.hosts.size() > before.hosts.size());
        QCOMPARE(window.document()->undoStack()->count(), 1);
        window.undoAction()->trigger();
        QCOMPARE(window.document()->design(), before);

        // File › Import DNS Zone Files… takes a file whatever its name (BIND's named.conf
        // often names a zone file after the zone alone).
        QTemporaryDir dir;
        const QString bare = dir.filePath(QStringLiteral("example.org"));
        QVERIFY(QFile::copy(kZones + QStringLiteral("example.org.zone"), bare));
        const auto named =
            window.importPaths({bare}, model::DnsView::External, ImportAs::ZoneFiles);
        QVERIFY2(named.ok, qPrintable(named.errors.join(QLatin1Char('\n'))));
        QCOMPARE(window.document()->design().dnsZones.size(), before.dnsZones.size() + 1);
        QCOMPARE(window.document()->design().dnsZones.back().view, model::DnsView::External);
        window.undoAction()->trigger();

        const auto broken =
            window.importPaths({kZones + QStringLiteral("broken.zone")}, model::DnsView::External);
        QVERIFY(!broken.ok);
        QVERIFY2(broken.errors.first().contains(QStringLiteral("broken.zone:")),
                 qPrintable(broken.errors.join(QLatin1Char('\n'))));
        QCOMPARE(window.document()->design(), before);
    }

    void brokenExportLeavesTheDesignAlone() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kSmall));
        const model::Design before = window.document()->design();
        const auto outcome = window.importPaths(
            {kSamples + QStringLiteral("get-exchangeserver.ems.depth2.ps51.json"),
             kSamples + QStringLiteral("malformed.truncated-get-sendconnector.json")});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.errors.size(), 1);
        // The file as the user chose it, with line and column.
        QVERIFY2(outcome.errors.first().startsWith(
                     kSamples + QStringLiteral("malformed.truncated-get-sendconnector.json:241:36: "
                                               "the file ends inside a string")),
                 qPrintable(outcome.errors.first()));
        QCOMPARE(window.document()->design(), before);
        QCOMPARE(window.document()->undoStack()->count(), 0);
        QVERIFY(!window.isWindowModified());
    }

    void importWithoutADesignStartsOne() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(!window.document()->hasDesign());
        const auto outcome = window.importPaths({kSamples});  // the whole folder
        QVERIFY(!outcome.ok);  // the folder holds the malformed samples too: all or nothing
        QVERIFY(!window.document()->hasDesign());
        const auto good = window.importPaths(
            {kSamples + QStringLiteral("get-exchangeserver.ems.depth2.ps51.json"),
             kSamples + QStringLiteral("get-netipaddress.ps51.json")});
        QVERIFY(good.ok);
        QVERIFY(window.document()->hasDesign());
        QVERIFY(!window.document()->design().hosts.empty());
        QVERIFY(!window.scene()->cards().isEmpty());
        QVERIFY(window.document()->filePath().isEmpty());  // unsaved until Save As
    }

    void saveWritesTheDesignAndCleansTheDocument() {
        QTemporaryDir dir;
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kSmall));
        QVERIFY(window
                    .importPaths(
                        {kSamples + QStringLiteral("get-receiveconnector.ems.depth3.ps51.json")})
                    .ok);
        const QString path = dir.filePath(QStringLiteral("saved.mailtopo"));
        QVERIFY(window.saveTo(path));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(window.document()->filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(window.windowTitle().contains(QStringLiteral("saved.mailtopo")));
        const io::ParsedDesign reread = io::loadDesignFile(path.toStdString());
        QVERIFY(reread.ok());
        QCOMPARE(*reread.design, window.document()->design());
        // Undo after saving makes the document differ from the file again.
        window.undoAction()->trigger();
        QVERIFY(window.isWindowModified());
        // A failed save changes nothing.
        QVERIFY(!window.saveTo(QStringLiteral("/nonexistent-dir/x.mailtopo")));
        QCOMPARE(window.document()->filePath(), QFileInfo(path).absoluteFilePath());
    }

    void reportPreviewShowsAndSavesThePdf() {
        const io::ParsedDesign parsed = io::loadDesignFile(
            MAILTOPO_SOURCE_DIR "/tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo");
        QVERIFY(parsed.ok());
        report::ReportPreviewDialog dialog(*parsed.design, QStringLiteral("e08.mailtopo"));
        dialog.resize(900, 1000);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.pageCount() >= 6);
        QCOMPARE(dialog.layout().pageSize().toSize(), QSize(595, 842));
        dialog.grab().save(QStringLiteral("report_preview_a4.png"));
        dialog.setPaper(report::Paper::Letter);
        QCOMPARE(dialog.layout().pageSize().toSize(), QSize(612, 792));

        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("e08.pdf"));
        QSignalSpy saved(&dialog, &report::ReportPreviewDialog::saved);
        QString error;
        QVERIFY2(dialog.savePdf(pdf, &error), qPrintable(error));
        QCOMPARE(saved.count(), 1);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
    }

    void exportDiagramWritesSvgAndPng() {
        QTemporaryDir dir;
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kSmall));
        QVERIFY(window.exportDiagram(dir.filePath(QStringLiteral("d.svg"))));
        QVERIFY(window.exportDiagram(dir.filePath(QStringLiteral("d.png"))));
        QVERIFY(!window.exportDiagram(dir.filePath(QStringLiteral("d.gif"))));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("d.svg"))).size() > 1000);
        QVERIFY(!QImage(dir.filePath(QStringLiteral("d.png"))).isNull());
    }
};

QTEST_MAIN(TstDocumentActions)
#include "tst_document_actions.moc"
