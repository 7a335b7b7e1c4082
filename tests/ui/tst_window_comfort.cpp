// The window's comfort pieces: the legend explains the canvas in the current style; the
// import log opens in a resizable window with the whole log; the report preview zooms,
// fits and pages; the wheel passing over an inspector combo box scrolls the form instead
// of changing the design; long tooltips wrap; finding details name places in words; the
// window layout is saved when it changes.

#include <QtTest>

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QToolButton>
#include <QWheelEvent>

#include "core/io/design_file.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/minimap_view.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/design_import.h"
#include "ui/mainwindow/findings_dock.h"
#include "ui/mainwindow/import_log_dialog.h"
#include "ui/mainwindow/inspector/wheel_passes_by.h"
#include "ui/mainwindow/inspector_dock.h"
#include "ui/mainwindow/legend_dock.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/tooltip_wrapping.h"
#include "ui/report/report_preview_dialog.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

}  // namespace

class TestWindowComfort : public QObject {
    Q_OBJECT

private slots:
    // Without a saved arrangement the inspector, edited all the time, takes the right column
    // but for the minimap's strip, whatever size the window opens at.
    void inspectorTakesTheRightColumn() {
        MainWindow window(MainWindowOptions::unattended());
        window.resize(1600, 1100);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* inspector = window.findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
        auto* minimap = window.findChild<QDockWidget*>(QStringLiteral("minimapDock"));
        QVERIFY(inspector != nullptr && minimap != nullptr);
        QVERIFY2(
            inspector->height() > 3 * minimap->height(),
            qPrintable(QStringLiteral("%1 / %2").arg(inspector->height()).arg(minimap->height())));
    }

    void legendExplainsTheCanvas() {
        MainWindow window(MainWindowOptions::unattended());
        auto* legend = window.findChild<LegendDock*>();
        QVERIFY(legend != nullptr);
        const QStringList texts = legend->entryTexts();
        for (const QString& expected :
             {QStringLiteral("Findings"), QStringLiteral("Named by an error finding"),
              QStringLiteral("Reply path (dashed), when it differs"),
              QStringLiteral("SkipAsSource: never picked as a source address (R3)")})
            QVERIFY2(texts.contains(expected), qPrintable(expected));
        // The dock's labels are the entries, and a theme switch rebuilds them all.
        const int before = legend->findChildren<QLabel*>(QStringLiteral("legendText")).size();
        QVERIFY(before > 20);
        window.setTheme(ThemeChoice::Dark);
        QCOMPARE(legend->findChildren<QLabel*>(QStringLiteral("legendText")).size(), before);
        window.setTheme(ThemeChoice::Light);
        // View menu toggles it.
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionLegendPanel")) != nullptr);
    }

    void importLogIsResizableAndWhole() {
        ImportOutcome outcome;
        outcome.ok = true;
        outcome.summary = QStringLiteral("Imported 3 files");
        QStringList lines;
        for (int i = 0; i < 400; ++i)
            lines << QStringLiteral("rc.json:%1: field 'X' could not be read: fix it").arg(i + 1);
        outcome.log = lines.join(QLatin1Char('\n'));
        ImportLogDialog dialog(outcome);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.logText(), outcome.log);
        QVERIFY(dialog.isSizeGripEnabled());
        dialog.resize(1000, 700);
        QCoreApplication::processEvents();
        QCOMPARE(dialog.size(), QSize(1000, 700));
        auto* log = dialog.findChild<QPlainTextEdit*>(QStringLiteral("importLog"));
        QVERIFY(log != nullptr && log->height() > 450);  // the log takes the room
    }

    void reportPreviewZoomsFitsAndPages() {
        auto parsed = io::loadDesignFile(kContoso.toStdString());
        QVERIFY(parsed.ok());
        report::ReportPreviewDialog dialog(*parsed.design, kContoso);
        dialog.resize(900, 800);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.pageCount() > 2);
        // Fit width first: the page takes the viewport's width.
        auto* scroll = dialog.findChild<QScrollArea*>();
        QVERIFY(scroll != nullptr);
        const int pagesWidth = scroll->widget()->width();
        const int room = scroll->viewport()->width();
        QVERIFY2(pagesWidth <= room + 1 && pagesWidth > room - 80,
                 qPrintable(QStringLiteral("%1 in %2").arg(pagesWidth).arg(room)));
        // Zoom in and out by steps.
        auto* zoomIn = dialog.findChild<QToolButton*>(QStringLiteral("zoomInButton"));
        auto* zoomOut = dialog.findChild<QToolButton*>(QStringLiteral("zoomOutButton"));
        const qreal fitted = dialog.zoom();
        zoomIn->click();
        QVERIFY(dialog.zoom() > fitted);
        zoomOut->click();
        zoomOut->click();
        QVERIFY(dialog.zoom() < fitted);
        dialog.setZoom(1.0);
        QVERIFY(qAbs(dialog.zoom() - 1.0) < 0.01);
        // Page navigation: the page box and Page Down follow each other.
        auto* pageBox = dialog.findChild<QSpinBox*>(QStringLiteral("pageBox"));
        QCOMPARE(pageBox->maximum(), dialog.pageCount());
        dialog.showPage(2);
        QCoreApplication::processEvents();
        QCOMPARE(dialog.currentPage(), 2);
        QCOMPARE(pageBox->value(), 3);
        dialog.findChild<QToolButton*>(QStringLiteral("previousPageButton"))->click();
        QCOMPARE(dialog.currentPage(), 1);
        pageBox->setValue(1);
        QCOMPARE(dialog.currentPage(), 0);
    }

    void wheelOverComboScrollsTheForm() {
        QScrollArea scroll;
        auto* body = new QWidget;
        body->setMinimumHeight(3000);
        auto* combo = new QComboBox(body);
        combo->addItems({QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")});
        combo->move(10, 200);
        inspector::letWheelPassBy(combo);
        scroll.setWidget(body);
        scroll.resize(300, 400);
        scroll.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scroll));
        scroll.setFocus();  // the user is somewhere else in the form
        QVERIFY(!combo->hasFocus());
        const QPoint at = combo->rect().center();
        QWheelEvent wheel(at, combo->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(combo, &wheel);
        QCOMPARE(combo->currentIndex(), 0);                // the value did not change …
        QVERIFY(scroll.verticalScrollBar()->value() > 0);  // … the form scrolled
        // Once focused by the user, the wheel is the combo box's again.
        combo->setFocus();
        QWheelEvent again(at, combo->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(combo, &again);
        QCOMPARE(combo->currentIndex(), 1);
    }

    void longToolTipsWrap() {
        MainWindow window(MainWindowOptions::unattended());  // installs the wrapping
        QLabel label;
        const QString longText(120, QLatin1Char('x'));
        label.setToolTip(QStringLiteral("a < b ") + longText);
        QVERIFY(label.toolTip().startsWith(QStringLiteral("<qt>")));
        QVERIFY(label.toolTip().contains(QStringLiteral("a &lt; b")));
        label.setToolTip(QStringLiteral("short"));
        QCOMPARE(label.toolTip(), QStringLiteral("short"));
        QCOMPARE(wrappingToolTip(QStringLiteral("<b>rich</b> ") + longText),
                 QStringLiteral("<b>rich</b> ") + longText);
    }

    void findingDetailsNamePlacesInWords() {
        MainWindow window(MainWindowOptions::unattended());
        QVERIFY(window.openFile(kContoso));
        QTRY_VERIFY_WITH_TIMEOUT(window.findingsDock()->visibleCount() > 0, 20000);
        FindingsDock* dock = window.findingsDock();
        bool sawPointer = false;
        for (int row = 0; row < dock->visibleCount(); ++row) {
            dock->chooseRow(row);
            const QString details = dock->detailsText();
            QVERIFY2(!details.contains(QStringLiteral("/receiveConnectors/")) &&
                         !details.contains(QStringLiteral("/hosts/")),
                     qPrintable(details));
            sawPointer = sawPointer || details.contains(QStringLiteral("In the design"));
        }
        QVERIFY(sawPointer);
    }

    void narrowWindowKeepsTheCanvas() {
        for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
            MainWindow window(MainWindowOptions::unattended());
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openFile(kContoso));
            QCoreApplication::processEvents();
            // The canvas keeps most of the width, whatever the window.
            const int canvas = window.view()->width();
            qInfo() << size << "canvas width" << canvas;
            QVERIFY2(canvas >= window.width() * 0.55,
                     qPrintable(QStringLiteral("%1 of %2").arg(canvas).arg(window.width())));
            if (size.width() < 1200) {
                // The inspector is a tab beside the tree, and a chosen card brings it forward.
                QVERIFY(!window.tabifiedDockWidgets(window.inspectorDock()).isEmpty());
                window.scene()->clearSelection();
                window.scene()->card(QStringLiteral("ex2016a"))->setSelected(true);
                QCoreApplication::processEvents();
                QVERIFY(!window.inspectorDock()->visibleRegion().isEmpty());
            }
        }
    }

    void layoutSavedWhenItChanges() {
        QSettings settings;
        settings.clear();
        MainWindow window;  // persisting settings
        window.resize(1100, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        settings.clear();
        window.resize(1050, 720);
        // No quit needed: the new geometry is written within a second of the change.
        QTRY_VERIFY_WITH_TIMEOUT(QSettings().contains(QStringLiteral("mainWindow/geometry")), 3000);
        QVERIFY(QSettings().contains(QStringLiteral("mainWindow/state")));
    }

    // Without a saved layout the docks are sized to the window when it is first shown: on a
    // small screen the canvas keeps about half the width, and the inspector, not the minimap, gets
    // the right column's height; in either theme the same (the dark one restyles the window).
    void firstShowSizesTheDocksToTheWindow() {
        for (const char* theme : {"light", "dark"}) {
            qputenv("MAILTOPO_THEME", theme);
            for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
                MainWindow window(MainWindowOptions::unattended());
                window.resize(size);
                window.show();
                QVERIFY(QTest::qWaitForWindowExposed(&window));
                QTRY_COMPARE(window.size(), size);
                const QString at = QStringLiteral("%1 %2x%3")
                                       .arg(QLatin1String(theme))
                                       .arg(size.width())
                                       .arg(size.height());
                QVERIFY2(window.view()->width() >= size.width() * 45 / 100, qPrintable(at));
                QVERIFY2(window.view()->height() >= size.height() / 2, qPrintable(at));
                const QWidget* inspector = window.inspectorDock();
                QVERIFY2(inspector->height() > 2 * window.minimap()->height(), qPrintable(at));
                QVERIFY2(inspector->width() >= 260, qPrintable(at));
            }
        }
        qunsetenv("MAILTOPO_THEME");
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // never the user's own settings
    QCoreApplication::setOrganizationName(QStringLiteral("MailTopoTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_window_comfort"));
    TestWindowComfort test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_window_comfort.moc"
