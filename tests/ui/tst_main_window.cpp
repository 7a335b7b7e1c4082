// The main window end to end: opening a design builds one card per host, load balancer,
// firewall and router and one band per segment; the title, tree and status bar follow;
// a bad file never replaces the open design; the recent list is kept and capped; and
// the window really draws something.

#include <QtTest>

#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTreeWidget>
#include <QUndoStack>

#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/host_item.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/recent_files.h"

using namespace mailtopo::ui;

namespace {

const QString kFixture = QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo");
// The same design with a view placing most elements (on a grid too tight for the cards).
const QString kPlacedFixture =
    QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/data/ui/small-placed.mailtopo");

int countCards(QGraphicsScene* scene) {
    int cards = 0;
    for (QGraphicsItem* item : scene->items())
        cards += cardCast(item) != nullptr ? 1 : 0;
    return cards;
}

int countItemsOfType(QGraphicsScene* scene, int type) {
    int n = 0;
    for (QGraphicsItem* item : scene->items())
        n += item->type() == type ? 1 : 0;
    return n;
}

QMessageBox* visibleBox(QWidget* window, const QString& name) {
    for (QMessageBox* box : window->findChildren<QMessageBox*>(name)) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

void closeBoxes(QWidget* window) {
    for (QMessageBox* box : window->findChildren<QMessageBox*>())
        box->close();
    QCoreApplication::processEvents();
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir temp_;

    QString writeFile(const QString& name, const QByteArray& content) {
        const QString path = temp_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return path;
    }

private slots:
    void initTestCase() {
        // Keep the user's real settings out of reach: test-mode paths and our own names.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MailTopoTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
        QSettings().clear();
        QVERIFY(temp_.isValid());
    }

    void cleanup() { QSettings().clear(); }

    void opensDesignWithOneCardPerElement_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("hubs");
        QTest::newRow("automatic layout") << kFixture << false;
        QTest::newRow("placed view") << kPlacedFixture << true;
    }

    void opensDesignWithOneCardPerElement() {
        QFETCH(QString, path);
        QFETCH(bool, hubs);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(path));
        DiagramScene* scene = window.scene();
        // 4 hosts + 1 load balancer + 1 firewall + 1 router; 3 segments.
        QCOMPARE(countCards(scene), 7);
        QCOMPARE(countItemsOfType(scene, CardItem::HostType), 4);
        QCOMPARE(countItemsOfType(scene, CardItem::LoadBalancerType), 1);
        QCOMPARE(countItemsOfType(scene, CardItem::FirewallType), 1);
        QCOMPARE(countItemsOfType(scene, CardItem::RouterType), 1);
        QCOMPARE(countItemsOfType(scene, SegmentItem::Type), 3);
        // Every NIC/interface with a segment is linked; EX01's loopback adapter is not.
        QCOMPARE(countItemsOfType(scene, LinkItem::Type), 10);
        QVERIFY(qgraphicsitem_cast<HostItem*>(scene->card(QStringLiteral("h-ex01"))) != nullptr);
        QVERIFY(scene->segment(QStringLiteral("seg-dmz")) != nullptr);

        // Automatic (buses) or placed (hubs): no card on top of another or of a segment.
        for (SegmentItem* segment : scene->segments()) {
            QCOMPARE(segment->drawnAs(), hubs ? SegmentItem::Shape::Hub : SegmentItem::Shape::Bus);
        }
        const QList<CardItem*> cards = scene->cards();
        for (int i = 0; i < cards.size(); ++i) {
            for (int j = i + 1; j < cards.size(); ++j) {
                QVERIFY(!cards[i]->sceneCardRect().intersects(cards[j]->sceneCardRect()));
            }
            for (SegmentItem* segment : scene->segments()) {
                QVERIFY(!cards[i]->sceneCardRect().intersects(segment->sceneBandRect()));
            }
        }
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text(),
                 window.statusSummary());
        QVERIFY(window.statusSummary().startsWith(QStringLiteral("4 hosts · 3 segments")));
    }

    // The placed view keeps the author's arrangement: EX01 left of EX02 on one row, below
    // the Server LAN hub, which is below the load balancer.
    void placedViewKeepsArrangement() {
        MainWindow window;
        QVERIFY(window.openFile(kPlacedFixture));
        DiagramScene* scene = window.scene();
        const QRectF ex01 = scene->card(QStringLiteral("h-ex01"))->sceneCardRect();
        const QRectF ex02 = scene->card(QStringLiteral("h-ex02"))->sceneCardRect();
        const QRectF lan = scene->segment(QStringLiteral("seg-lan"))->sceneBandRect();
        const QRectF lb = scene->card(QStringLiteral("lb-1"))->sceneCardRect();
        QCOMPARE(ex01.top(), ex02.top());
        QVERIFY(ex01.right() < ex02.left());
        QVERIFY(lan.bottom() < ex01.top());
        QVERIFY(lb.bottom() < lan.top());
        QCOMPARE(scene->card(QStringLiteral("h-sender"))->scenePos(),
                 QPointF(0, 0));  // room enough
        // View → Diagram lists the design's views with the one drawn checked.
        const QList<QAction*> views =
            window.findChild<QMenu*>(QStringLiteral("diagramMenu"))->actions();
        QCOMPARE(views.size(), 1);
        QCOMPARE(views.first()->text(), QStringLiteral("Main"));
        QVERIFY(views.first()->isChecked());
        // Unplaced elements come below everything placed.
        QVERIFY(scene->card(QStringLiteral("h-scanner"))->sceneCardRect().top() > ex01.bottom());
        QVERIFY(scene->segment(QStringLiteral("seg-dmz"))->sceneBandRect().top() > ex01.bottom());
    }

    void titleNamesDesignAndFile() {
        MainWindow window;
        QVERIFY(window.openFile(kFixture));
        QCOMPARE(window.windowTitle(),
                 QStringLiteral("Small test site — small.mailtopo[*] — MailTopo"));
        QCOMPARE(window.windowFilePath(), QFileInfo(kFixture).absoluteFilePath());
        QVERIFY(!window.isWindowModified());
        // A change makes the window modified; undoing it makes it clean again.
        mailtopo::model::Design renamed = window.document()->design();
        renamed.info.name = "Renamed";
        window.document()->applyChange(QStringLiteral("Rename"), renamed);
        QVERIFY(window.isWindowModified());
        QCOMPARE(window.windowTitle(), QStringLiteral("Renamed — small.mailtopo[*] — MailTopo"));
        window.document()->undoStack()->undo();
        QVERIFY(!window.isWindowModified());
        QCOMPARE(window.document()->designName(), QStringLiteral("Small test site"));
    }

    void treeListsElementsAndSelectsCards() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kFixture));
        DesignTreeDock* dock = window.designDock();
        const QStringList categories = {"Hosts",           "Load balancers", "Firewalls",
                                        "Routers",         "Segments",       "Receive connectors",
                                        "Send connectors", "DNS zones",      "Flows"};
        const QList<int> counts = {4, 1, 1, 1, 3, 3, 1, 1, 1};
        QCOMPARE(dock->tree()->topLevelItemCount(), categories.size() + 1);  // + the design
        for (int i = 0; i < categories.size(); ++i) {
            QTreeWidgetItem* category = dock->category(categories[i]);
            QVERIFY2(category != nullptr, qPrintable(categories[i]));
            QCOMPARE(category->childCount(), counts[i]);
        }
        QCOMPARE(dock->itemForElement(QStringLiteral("h-ex02"))->text(0), QStringLiteral("EX02"));
        // A flow's ends by name, a host destination too (the file holds its id).
        QCOMPARE(dock->itemForElement(QStringLiteral("f-inbound"))->text(1),
                 QStringLiteral("SENDER → 203.0.113.25"));
        {
            mailtopo::model::Design toHost = window.document()->design();
            toHost.flows.front().destination = "h-ex02";
            window.document()->applyChange(QStringLiteral("Flow to EX02"), toHost);
            QCOMPARE(dock->itemForElement(QStringLiteral("f-inbound"))->text(1),
                     QStringLiteral("SENDER → EX02"));
            window.document()->undoStack()->undo();
        }

        // Choosing a host selects and centres its card.
        window.view()->zoomBy(2.0);
        dock->tree()->setCurrentItem(dock->itemForElement(QStringLiteral("h-ex02")));
        QCOMPARE(window.scene()->selectedElementIds(), QStringList{QStringLiteral("h-ex02")});
        const QRectF visible =
            window.view()->mapToScene(window.view()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(
            window.scene()->card(QStringLiteral("h-ex02"))->sceneCardRect().center()));

        // A receive connector selects its server's card and keeps its own row selected.
        QTreeWidgetItem* relay = dock->itemForElement(QStringLiteral("rc-ex01-relay"));
        dock->tree()->setCurrentItem(relay);
        QCOMPARE(window.scene()->selectedElementIds(), QStringList{QStringLiteral("h-ex01")});
        QVERIFY(relay->isSelected());

        // And the other way: selecting a card on the diagram highlights its row.
        window.scene()->clearSelection();
        window.scene()->card(QStringLiteral("lb-1"))->setSelected(true);
        QVERIFY(dock->itemForElement(QStringLiteral("lb-1"))->isSelected());
    }

    void malformedFileKeepsOpenDesign_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");  // must appear in the message
        QTest::newRow("broken JSON")
            << "broken.mailtopo"
            << QByteArray("{\n  \"format\": \"mailtopo\",\n  \"version\": 1,,\n}\n")
            << "broken.mailtopo:3:";
        QTest::newRow("unknown key") << "unknown-key.mailtopo"
                                     << QByteArray(
                                            "{\"format\":\"mailtopo\",\"version\":1,\n"
                                            "\"design\":{\"name\":\"x\"},\n\"hostz\":[]}\n")
                                     << "unknown-key.mailtopo:3:";
        QTest::newRow("not a design") << "empty.mailtopo" << QByteArray() << "empty.mailtopo";
    }

    void malformedFileKeepsOpenDesign() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString bad = writeFile(name, content);
        QVERIFY(!bad.isEmpty());

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kFixture));
        const QString title = window.windowTitle();
        QSignalSpy failures(&window, &MainWindow::openFailed);

        QVERIFY(!window.openFile(bad));
        QCOMPARE(failures.count(), 1);
        const QStringList diagnostics = failures.first().at(1).toStringList();
        QVERIFY(!diagnostics.isEmpty());
        QVERIFY2(diagnostics.join('\n').contains(expected), qPrintable(diagnostics.join('\n')));

        // The open design is untouched.
        QCOMPARE(window.document()->designName(), QStringLiteral("Small test site"));
        QCOMPARE(window.document()->filePath(), QFileInfo(kFixture).absoluteFilePath());
        QCOMPARE(window.windowTitle(), title);
        QCOMPARE(countCards(window.scene()), 7);
        QCOMPARE(window.designDock()->category("Hosts")->childCount(), 4);

        // The user is told where the problem is.
        QMessageBox* box = visibleBox(&window, QStringLiteral("openErrorBox"));
        QVERIFY(box != nullptr);
        QVERIFY(box->text().contains(name));
        QVERIFY(box->informativeText().contains(expected));
        QVERIFY(box->informativeText().contains(
            QStringLiteral("Small test site")));  // "… is still open"
        closeBoxes(&window);
    }

    void missingFileOnEmptyWindow() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.openFile(temp_.filePath(QStringLiteral("does-not-exist.mailtopo"))));
        QVERIFY(!window.document()->hasDesign());
        QCOMPARE(window.windowTitle(), QStringLiteral("MailTopo"));
        QCOMPARE(countCards(window.scene()), 0);
        QMessageBox* box = visibleBox(&window, QStringLiteral("openErrorBox"));
        QVERIFY(box != nullptr);
        QVERIFY(box->informativeText().contains(QStringLiteral("no such file")));
        closeBoxes(&window);
    }

    void zoomAndFit() {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kFixture));
        DiagramView* view = window.view();
        view->fitToContents();
        const qreal fitted = view->zoom();
        QVERIFY(fitted > 0 && fitted <= DiagramView::kMaxFitZoom);
        const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
        QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(window.scene()->itemsBoundingRect()));

        view->zoomIn();
        QVERIFY(view->zoom() > fitted);
        QTest::keyClick(view, Qt::Key_Minus);
        QTest::keyClick(view, Qt::Key_Minus);
        QVERIFY(view->zoom() < fitted);
        for (int i = 0; i < 40; ++i)
            view->zoomOut();
        QCOMPARE(view->zoom(), DiagramView::kMinZoom);
    }

    // The window draws a real picture: many colours and a canvas that is mostly not empty.
    void grabbedWindowIsNotBlank() {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kFixture));
        QCoreApplication::processEvents();

        const QImage whole = window.grab().toImage();
        QVERIFY(!whole.isNull());
        QVERIFY(whole.save(temp_.filePath(QStringLiteral("window.png"))));
        QSet<QRgb> colours;
        for (int y = 0; y < whole.height(); y += 2) {
            for (int x = 0; x < whole.width(); x += 2)
                colours.insert(whole.pixel(x, y));
        }
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));

        const QImage canvas = window.view()->viewport()->grab().toImage();
        const QRgb background = canvas.pixel(2, 2);
        qint64 drawn = 0;
        qint64 total = 0;
        for (int y = 0; y < canvas.height(); y += 2) {
            for (int x = 0; x < canvas.width(); x += 2) {
                ++total;
                const QRgb p = canvas.pixel(x, y);
                const int diff = std::abs(qRed(p) - qRed(background)) +
                                 std::abs(qGreen(p) - qGreen(background)) +
                                 std::abs(qBlue(p) - qBlue(background));
                drawn += diff > 24 ? 1 : 0;
            }
        }
        // A tenth: the canvas is wide and short since the findings dock took the bottom, so
        // the fitted diagram leaves more background either side than it used to.
        QVERIFY2(drawn * 100 / total >= 10,
                 qPrintable(QStringLiteral("%1 of %2 pixels drawn").arg(drawn).arg(total)));
    }

    // Zoomed far out the cards paint only outline and name; rendering there must work too.
    void rendersAtLowLevelOfDetail() {
        DesignDocument document;
        DiagramScene scene(&document);
        QVERIFY(document.load(kFixture).ok);
        QImage image(300, 200, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        scene.render(&painter, QRectF(image.rect()), scene.itemsBoundingRect());
        painter.end();
        int nonWhite = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                nonWhite += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        }
        QVERIFY(nonWhite > 1000);
    }

    void recentFilesAreDeduplicatedAndCapped() {
        RecentFiles recent;
        recent.clear();
        for (int i = 0; i < 12; ++i)
            recent.add(temp_.filePath(QStringLiteral("d%1.mailtopo").arg(i)));
        QStringList files = recent.files();
        QCOMPARE(files.size(), RecentFiles::kMaximum);
        QCOMPARE(files.first(), temp_.filePath(QStringLiteral("d11.mailtopo")));
        QVERIFY(!files.contains(
            temp_.filePath(QStringLiteral("d0.mailtopo"))));  // the oldest went first
        QVERIFY(!files.contains(temp_.filePath(QStringLiteral("d1.mailtopo"))));

        recent.add(temp_.filePath(QStringLiteral("d5.mailtopo")));  // again: moves to the front
        files = recent.files();
        QCOMPARE(files.size(), RecentFiles::kMaximum);
        QCOMPARE(files.first(), temp_.filePath(QStringLiteral("d5.mailtopo")));
        QCOMPARE(files.count(temp_.filePath(QStringLiteral("d5.mailtopo"))), 1);
        // Stored in the application's settings, so the next start sees it.
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), files);
    }

    void openingUpdatesRecentFilesAndMissingEntriesAreRemoved() {
        const QString gone = writeFile(QStringLiteral("gone.mailtopo"), QByteArray("{}"));
        RecentFiles recent;
        recent.add(gone);
        QFile::remove(gone);

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kFixture));
        QCOMPARE(recent.mostRecent(), QFileInfo(kFixture).absoluteFilePath());
        QVERIFY(recent.files().contains(gone));

        QVERIFY(!window.openRecentFile(gone));
        QVERIFY(!recent.files().contains(gone));
        QMessageBox* notice = visibleBox(&window, QStringLiteral("noticeBox"));
        QVERIFY(notice != nullptr);
        QVERIFY(notice->text().contains(QStringLiteral("gone.mailtopo")));
        closeBoxes(&window);
        QCOMPARE(window.document()->designName(), QStringLiteral("Small test site"));  // still open
    }

    void unattendedWindowLeavesSettingsAlone() {
        const MainWindowOptions options = MainWindowOptions::unattended();
        {
            MainWindow window(options);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openFile(kFixture));
            QVERIFY(!window.openFile(temp_.filePath(QStringLiteral("missing.mailtopo"))));
            QVERIFY(visibleBox(&window, QStringLiteral("openErrorBox")) == nullptr);
            window.close();
        }
        QVERIFY(RecentFiles().files().isEmpty());
        QVERIFY(!QSettings().contains(QStringLiteral("mainWindow/geometry")));

        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
