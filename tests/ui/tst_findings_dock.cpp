// Live validation and the findings dock: the findings of the open design arrive off the GUI
// thread and fill the dock; their elements are ringed on the canvas in their severity's
// colour; choosing a finding selects its elements and shows the explanation and fix; the
// filters narrow the table; an edit (and its undo) brings fresh findings, never stale ones.

#include <QClipboard>
#include <QTableView>
#include <QtTest>

#include "core/analysis/simulation_checks.h"
#include "core/net/ip_range.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/findings_dock.h"
#include "ui/mainwindow/findings_model.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

bool waitForResults(MainWindow& window, int count) {
    return QTest::qWaitFor([&] { return window.validator()->publishedCount() >= count; }, 20000);
}

int countOf(const std::vector<analysis::Finding>& findings, const std::string& id) {
    return static_cast<int>(
        std::count_if(findings.begin(), findings.end(), [&](const auto& f) { return f.id == id; }));
}

}  // namespace

class TstFindingsDock : public QObject {
    Q_OBJECT

private slots:
    // "Validating…" only while there is a design to validate.
    void withoutADesignTheDockSaysHowToGetOne() {
        MainWindow window(MainWindowOptions::unattended());
        FindingsDock* dock = window.findingsDock();
        QVERIFY2(!dock->detailsText().contains(QStringLiteral("Validating")),
                 qPrintable(dock->detailsText()));
        QVERIFY(dock->detailsText().contains(QStringLiteral("Open or create a design")));
        QVERIFY(window.openFile(kContoso));
        QVERIFY(waitForResults(window, 1));
        QVERIFY(!dock->detailsText().contains(QStringLiteral("Open or create a design")));
    }

    void liveValidationFillsTheDockAndRingsTheElements() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(waitForResults(window, 1));
        const auto expected = analysis::validateDesign(window.document()->design());
        QVERIFY(!expected.empty());
        QCOMPARE(window.findingsDock()->model()->rowCount(), static_cast<int>(expected.size()));
        QCOMPARE(window.validator()->validation().findings, expected);
        // Each error's first element is ringed in the error colour.
        for (const auto& f : expected) {
            if (f.severity != analysis::Severity::Error)
                continue;
            QCOMPARE(window.scene()->markOf(QString::fromStdString(f.elements.front())),
                     DiagramStyle::severityColor(analysis::Severity::Error));
        }
        QVERIFY(window.findingsDock()->windowTitle().contains(QString::number(expected.size())));
    }

    void choosingAFindingShowsItAndItsElements() {
        MainWindow window(MainWindowOptions::unattended());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kContoso));
        QVERIFY(waitForResults(window, 1));
        FindingsDock* dock = window.findingsDock();
        dock->chooseRow(0);
        const analysis::Finding* chosen = dock->chosenFinding();
        QVERIFY(chosen != nullptr);
        QCOMPARE(chosen->severity, analysis::Severity::Error);  // errors sort first
        const QStringList selected = window.scene()->selectedElementIds();
        QVERIFY(!selected.isEmpty());
        QVERIFY(dock->detailsText().contains(QString::fromStdString(chosen->title)));
        QVERIFY(dock->detailsText().contains(QString::fromStdString(chosen->remediation)));
        dock->copyRemediation();
        QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(chosen->remediation));
        window.grab().save(QStringLiteral("findings_dock.png"));
    }

    void filtersNarrowTheTable() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(waitForResults(window, 1));
        const auto& findings = window.validator()->validation().findings;
        FindingsDock* dock = window.findingsDock();
        const int all = dock->visibleCount();
        dock->setSeverityFilter(FindingsDock::SeverityFilter::Errors);
        QCOMPARE(dock->visibleCount(), static_cast<int>(std::count_if(
                                           findings.begin(), findings.end(), [](const auto& f) {
                                               return f.severity == analysis::Severity::Error;
                                           })));
        dock->setSeverityFilter(FindingsDock::SeverityFilter::All);
        QCOMPARE(dock->visibleCount(), all);
        dock->setTextFilter(QStringLiteral("snat"));
        QVERIFY(dock->visibleCount() > 0 && dock->visibleCount() < all);
        dock->setTextFilter(QStringLiteral("no finding says this"));
        QCOMPARE(dock->visibleCount(), 0);
    }

    // E3 of contoso: the relay connectors trust the load balancer's SNAT address (R40). The
    // remediation applied as an edit clears the finding; undo brings it back.
    void anEditBringsFreshFindings() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(waitForResults(window, 1));
        const auto before = window.validator()->validation().findings;
        QVERIFY(countOf(before, "relay-via-lb-snat") > 0);

        model::Design fixed = window.document()->design();
        for (const auto& f : before) {
            if (f.id != "relay-via-lb-snat")
                continue;
            for (auto& rc : fixed.receiveConnectors)
                if (rc.id == f.elements.front())
                    rc.remoteIpRanges = {*net::IpRange::parse("10.10.20.80")};
        }
        const int published = window.validator()->publishedCount();
        window.document()->applyChange(QStringLiteral("Narrow the relay ranges"), fixed);
        QVERIFY(waitForResults(window, published + 1));
        QCOMPARE(countOf(window.validator()->validation().findings, "relay-via-lb-snat"), 0);
        QCOMPARE(window.validator()->validation().findings,
                 analysis::validateDesign(window.document()->design()));
        qInfo("edit -> findings: %lld ms", window.validator()->lastDurationMs());

        window.undoAction()->trigger();
        QVERIFY(waitForResults(window, published + 2));
        QCOMPARE(window.validator()->validation().findings, before);
    }

    // Changes faster than validation: only the result for the last design is published.
    void burstsOfEditsNeverShowStaleFindings() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QVERIFY(waitForResults(window, 1));
        model::Design design = window.document()->design();
        for (int i = 0; i < 5; ++i) {
            design.info.name = "edit " + std::to_string(i);
            if (i == 4)
                design.receiveConnectors.clear();
            window.document()->applyChange(QStringLiteral("edit"), design);
        }
        QVERIFY(QTest::qWaitFor([&] { return !window.validator()->isRunning(); }, 20000));
        QCOMPARE(window.validator()->validation().findings,
                 analysis::validateDesign(window.document()->design()));
        QCOMPARE(window.findingsDock()->model()->rowCount(),
                 static_cast<int>(window.validator()->validation().findings.size()));
    }
};

QTEST_MAIN(TstFindingsDock)
#include "tst_findings_dock.moc"
