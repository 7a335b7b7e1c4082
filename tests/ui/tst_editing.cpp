// Drawing and editing on the canvas: every palette element can be added (by activation and
// by drag-and-drop), cards move by dragging (snapped to the grid, Alt to bypass) as one
// undoable step with their links routed again, rubber-band selection, delete, duplicate,
// cut/copy/paste between windows as JSON, align/distribute, group into an AD site,
// auto-layout, the minimap, File › New, and a long undo/redo sequence that gives back
// exactly every design on the way.

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "core/edit/element_palette.h"
#include "core/io/design_file.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_style.h"
#include "ui/diagram/diagram_view.h"
#include "ui/diagram/link_item.h"
#include "ui/diagram/minimap_view.h"
#include "ui/diagram/segment_item.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/design_tree_dock.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/palette_dock.h"
#include "ui/report/diagram_picture.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

const model::Placement& placementOf(const model::Design& design, const std::string& id) {
    return design.views.front().placements.at(id);
}

void sendMouse(QWidget* viewport, QEvent::Type type, const QPoint& at, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, at, viewport->mapToGlobal(at), button, buttons, modifiers);
    QApplication::sendEvent(viewport, &event);
}

// A left-button drag from `from` to `to` in steps, as a user's hand would.
void drag(DiagramView* view, const QPoint& from, const QPoint& to,
          Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWidget* viewport = view->viewport();
    sendMouse(viewport, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, modifiers);
    for (int i = 1; i <= 5; ++i) {
        const QPoint at = from + (to - from) * i / 5;
        sendMouse(viewport, QEvent::MouseMove, at, Qt::NoButton, Qt::LeftButton, modifiers);
    }
    sendMouse(viewport, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, modifiers);
}

QPoint viewPointOf(DiagramView* view, const QPointF& scenePoint) {
    return view->mapFromScene(scenePoint);
}

QAction* editAction(MainWindow& window, const char* name) {
    return window.editActions()->action(QLatin1String(name));
}

struct Window {
    MainWindow window{MainWindowOptions::unattended()};
    Window() {
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
    }
};

}  // namespace

class TstEditing : public QObject {
    Q_OBJECT

private slots:
    // Every palette entry adds its element, each as one undo step; undo takes them all back.
    void everyPaletteEntryAddsItsElement() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        const model::Design original = w.window.document()->design();
        PaletteDock* palette = w.window.paletteDock();
        int steps = 0;
        for (const auto& entry : edit::paletteEntries()) {
            QTreeWidgetItem* item = palette->entryItem(QString::fromStdString(entry.key));
            QVERIFY2(item != nullptr, entry.key.c_str());
            QVERIFY(!item->icon(0).isNull());
            emit palette->tree()->itemActivated(item, 0);
            ++steps;
            QCOMPARE(w.window.document()->undoStack()->count(), steps);
            const model::Design& now = w.window.document()->design();
            if (entry.key == "dns-zone") {
                QCOMPARE(now.dnsZones.size(), original.dnsZones.size() + 1);
            } else {
                // The new element is drawn and selected.
                const QStringList selected = w.window.scene()->selectedElementIds();
                QCOMPARE(selected.size(), 1);
                QVERIFY(w.window.scene()->itemForElement(selected.first()) != nullptr);
            }
        }
        QCOMPARE(w.window.document()->design().hosts.size(), original.hosts.size() + 13);
        while (w.window.document()->undoStack()->canUndo())
            w.window.document()->undoStack()->undo();
        QCOMPARE(w.window.document()->design(), original);
    }

    // A palette entry dropped on the canvas lands where it was dropped, on the grid.
    void paletteDropPlacesTheElementThere() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramView* view = w.window.view();
        const QPoint at = view->viewport()->rect().center() + QPoint(37, 11);
        const QPointF scenePoint = view->mapToScene(at);
        QMimeData data;
        data.setData(DiagramView::paletteMimeType(), QByteArray("exchange-2019-mailbox"));
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        const QStringList selected = w.window.scene()->selectedElementIds();
        QCOMPARE(selected.size(), 1);
        const model::Placement p =
            placementOf(w.window.document()->design(), selected.first().toStdString());
        const qreal grid = DiagramEditor::gridStep();
        QCOMPARE(p.x, std::round(scenePoint.x() / grid) * grid);
        QCOMPARE(p.y, std::round(scenePoint.y() / grid) * grid);
        QCOMPARE(w.window.scene()->card(selected.first())->pos(), QPointF(p.x, p.y));
    }

    // Dropped on a segment's band, a palette entry lands just below it, connected to it with
    // the next free address: one undo step; once named, the address waits in the inspector.
    void paletteDropOnABandConnectsTheElement() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramView* view = w.window.view();
        SegmentItem* band = w.window.scene()->segment(QStringLiteral("seg-clients"));
        QVERIFY(band != nullptr);
        view->centerOn(band);
        QCoreApplication::processEvents();
        const QPoint at = view->mapFromScene(band->sceneBandRect().center());
        QVERIFY(band->sceneBandRect().contains(view->mapToScene(at)));
        const model::Design before = w.window.document()->design();
        const int steps = w.window.document()->undoStack()->count();
        QMimeData data;
        data.setData(DiagramView::paletteMimeType(), QByteArray("application-client"));
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        QCOMPARE(w.window.document()->undoStack()->count(), steps + 1);
        const QStringList selected = w.window.scene()->selectedElementIds();
        QCOMPARE(selected.size(), 1);
        const model::Host* host =
            w.window.document()->design().findHost(selected.first().toStdString());
        QVERIFY(host != nullptr);
        QCOMPARE(host->nics.front().segmentId, std::string("seg-clients"));
        QCOMPARE(host->nics.front().addresses.size(), size_t(1));
        QVERIFY(w.window.scene()->card(selected.first())->sceneCardRect().top() >
                band->sceneBandRect().bottom());
        w.window.document()->undoStack()->undo();
        QCOMPARE(w.window.document()->design(), before);
    }

    // Dragging a card moves it by the mouse's distance, snapped to the grid: one undo step,
    // and its links are routed again from where it now is. Alt places it freely.
    void draggingACardMovesItAsOneStep() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramView* view = w.window.view();
        view->resetTransform();  // 1:1, so view pixels are scene units
        CardItem* card = w.window.scene()->card(QStringLiteral("erp01"));
        view->centerOn(card);
        const QPointF start = card->pos();
        const QPolygonF routeBefore = [&] {
            for (LinkItem* link : w.window.scene()->links())
                if (link->cardId() == QLatin1String("erp01"))
                    return link->route();
            return QPolygonF();
        }();
        const QPoint from = viewPointOf(view, card->sceneCardRect().center());
        drag(view, from, from + QPoint(130, 55));
        QCOMPARE(w.window.document()->undoStack()->count(), 1);
        const model::Design& moved = w.window.document()->design();
        const qreal grid = DiagramEditor::gridStep();
        const model::Placement p = placementOf(moved, "erp01");
        QCOMPARE(p.x, std::round((start.x() + 130) / grid) * grid);
        QCOMPARE(p.y, std::round((start.y() + 55) / grid) * grid);
        QCOMPARE(w.window.document()->undoStack()->count(), 1);
        QCOMPARE(w.window.scene()->selectedElementIds(), QStringList{QStringLiteral("erp01")});
        CardItem* after = w.window.scene()->card(QStringLiteral("erp01"));
        QCOMPARE(after->pos(), QPointF(p.x, p.y));
        for (LinkItem* link : w.window.scene()->links()) {
            if (link->cardId() == QLatin1String("erp01")) {
                QVERIFY(link->route() != routeBefore);
                QVERIFY(after->sceneBoundingRect()
                            .adjusted(-2, -2, 2, 2)
                            .contains(link->route().first()));
            }
        }
        // Alt: no snapping.
        const QPointF altStart = after->pos();
        const QPoint from2 = viewPointOf(view, after->sceneCardRect().center());
        drag(view, from2, from2 + QPoint(7, 3), Qt::AltModifier);
        const model::Placement free = placementOf(w.window.document()->design(), "erp01");
        QCOMPARE(free.x, altStart.x() + 7);
        QCOMPARE(free.y, altStart.y() + 3);
        w.window.document()->undoStack()->undo();
        w.window.document()->undoStack()->undo();
        QCOMPARE(w.window.scene()->card(QStringLiteral("erp01"))->pos(), start);
    }

    // A rubber band on the empty canvas selects the cards it touches; arrow keys nudge them.
    void rubberBandSelectsAndArrowsNudge() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramView* view = w.window.view();
        CardItem* scanner = w.window.scene()->card(QStringLiteral("scanner01"));
        CardItem* fax = w.window.scene()->card(QStringLiteral("fax01"));
        const QRectF both =
            scanner->sceneCardRect().united(fax->sceneCardRect()).adjusted(-12, -12, 12, 12);
        drag(view, viewPointOf(view, both.topLeft()), viewPointOf(view, both.bottomRight()));
        QStringList selected = w.window.scene()->selectedElementIds();
        QVERIFY(selected.contains(QStringLiteral("scanner01")));
        QVERIFY(selected.contains(QStringLiteral("fax01")));
        QCOMPARE(w.window.document()->undoStack()->count(), 0);  // selecting changes nothing
        // Drawn where the file places it, or pushed clear of its neighbours: the drawn spot counts.
        const double y = fax->pos().y();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(placementOf(w.window.document()->design(), "fax01").y,
                 y + DiagramEditor::gridStep());
        QCOMPARE(w.window.document()->undoStack()->count(), 1);
    }

    // Delete removes the selection with what depends on it; undo brings all of it back.
    void deleteRemovesWithDependants() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        const model::Design original = w.window.document()->design();
        w.window.scene()->selectElement(QStringLiteral("ex2016b"));
        editAction(w.window, "actionDelete")->trigger();
        const model::Design& now = w.window.document()->design();
        QVERIFY(now.findHost("ex2016b") == nullptr);
        QVERIFY(now.receiveConnectorsOf("ex2016b").empty());
        QVERIFY(w.window.scene()->card(QStringLiteral("ex2016b")) == nullptr);
        QCOMPARE(w.window.document()->undoStack()->undoText(), QStringLiteral("Delete EX2016B"));
        w.window.document()->undoStack()->undo();
        QCOMPARE(w.window.document()->design(), original);
        // A non-drawn element chosen in the tree (a receive connector) is deleted too.
        w.window.designDock()->tree()->setCurrentItem(
            w.window.designDock()->itemForElement(QStringLiteral("rc-ex2016a-relay")));
        w.window.scene()->clearSelection();
        QVERIFY(editAction(w.window, "actionDelete")->isEnabled());
        editAction(w.window, "actionDelete")->trigger();
        QVERIFY(w.window.document()->design().findReceiveConnector("rc-ex2016a-relay") == nullptr);
        QVERIFY(w.window.document()->design().findHost("ex2016a") != nullptr);
    }

    // Duplicate: a new server beside the original, on the same LAN, at the next free
    // addresses, with copies of its connectors; validation finds no duplicate address.
    void duplicateMakesAWorkingCopy() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        w.window.scene()->selectElement(QStringLiteral("ex2016b"));
        editAction(w.window, "actionDuplicate")->trigger();
        const model::Design& now = w.window.document()->design();
        const model::Host* copy = now.findHost("ex2016b-2");
        QVERIFY(copy != nullptr);
        QCOMPARE(copy->nics[0].segmentId, std::string("seg-servers"));
        QCOMPARE(now.receiveConnectorsOf("ex2016b-2").size(),
                 now.receiveConnectorsOf("ex2016b").size());
        QVERIFY(w.window.scene()->selectedElementIds().contains(QStringLiteral("ex2016b-2")));
        QTRY_VERIFY(w.window.validator()->current() != nullptr);
        for (const auto& f : w.window.validator()->current()->findings)
            QVERIFY2(f.id != "duplicate-address", f.message.c_str());
    }

    // Copy in one window, paste in another: the server arrives with its connectors, as one
    // step; the clipboard also holds the fragment as readable text.
    void copyPasteBetweenWindows() {
        Window a;
        QVERIFY(a.window.openFile(kContoso));
        Window b;
        QVERIFY(b.window.newDesign());
        a.window.scene()->selectElements({QStringLiteral("mailgw"), QStringLiteral("seg-dmz")});
        editAction(a.window, "actionCopy")->trigger();
        const QMimeData* clip = QApplication::clipboard()->mimeData();
        QVERIFY(clip->text().contains(QLatin1String("\"MAILGW\"")));
        QTRY_VERIFY(editAction(b.window, "actionPaste")->isEnabled());
        editAction(b.window, "actionPaste")->trigger();
        const model::Design& pasted = b.window.document()->design();
        QVERIFY(pasted.findHost("mailgw") != nullptr);
        QVERIFY(pasted.findSegment("seg-dmz") != nullptr);
        QCOMPARE(pasted.findHost("mailgw")->nics[0].segmentId, std::string("seg-dmz"));
        QCOMPARE(b.window.document()->undoStack()->count(), 1);
        QVERIFY(b.window.scene()->card(QStringLiteral("mailgw")) != nullptr);
        // Pasting again gives a second copy with fresh ids, a step further on.
        editAction(b.window, "actionPaste")->trigger();
        QVERIFY(b.window.document()->design().findHost("mailgw-2") != nullptr);
        QCOMPARE(b.window.document()->design().findHost("mailgw-2")->name, std::string("MAILGW-2"));
        // Cut removes from the source.
        a.window.scene()->selectElement(QStringLiteral("fax01"));
        editAction(a.window, "actionCut")->trigger();
        QVERIFY(a.window.document()->design().findHost("fax01") == nullptr);
        // Text that is not a design is refused with its place; nothing changes.
        QApplication::clipboard()->setText(QStringLiteral("{ \"format\": \"mailtopo\", oops }"));
        const int steps = b.window.document()->undoStack()->count();
        editAction(b.window, "actionPaste")->trigger();
        QCOMPARE(b.window.document()->undoStack()->count(), steps);
    }

    // Align and distribute the selection; group servers into an AD site; auto-layout.
    void arrangeCommands() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramScene* scene = w.window.scene();
        scene->selectElements(
            {QStringLiteral("scanner01"), QStringLiteral("fax01"), QStringLiteral("erp01")});
        editAction(w.window, "actionAlignLeft")->trigger();
        const model::Design& aligned = w.window.document()->design();
        QCOMPARE(placementOf(aligned, "fax01").x, placementOf(aligned, "scanner01").x);
        QCOMPARE(placementOf(aligned, "erp01").x, placementOf(aligned, "scanner01").x);
        QCOMPARE(scene->selectedElementIds().size(), 3);  // the selection survives the change
        QVERIFY(editAction(w.window, "actionDistributeVertically")->isEnabled());
        editAction(w.window, "actionDistributeVertically")->trigger();
        QCOMPARE(w.window.document()->undoStack()->count(), 2);

        // Only a selection with an Exchange server is offered an AD site.
        QVERIFY(!editAction(w.window, "actionGroupIntoSite")->isEnabled());
        scene->selectElements({QStringLiteral("ex2016a"), QStringLiteral("ex2016b")});
        QVERIFY(editAction(w.window, "actionGroupIntoSite")->isEnabled());
        QCOMPARE(w.window.editActions()->editor()->groupIntoSite(scene->selectedElementIds(),
                                                                 QStringLiteral("Dublin")),
                 2);
        QCOMPARE(w.window.document()->design().findHost("ex2016a")->exchange->site,
                 std::string("Dublin"));

        editAction(w.window, "actionAutoLayoutAll")->trigger();
        QCOMPARE(w.window.document()->undoStack()->count(), 4);
        // No two cards overlap after an auto-layout.
        const QList<CardItem*> cards = scene->cards();
        for (int i = 0; i < cards.size(); ++i)
            for (int j = i + 1; j < cards.size(); ++j)
                QVERIFY2(
                    !cards[i]->sceneCardRect().intersects(cards[j]->sceneCardRect()),
                    qPrintable(cards[i]->elementId() + QLatin1Char('/') + cards[j]->elementId()));
    }

    // The minimap shows the main view's area; a click there moves the main view.
    void minimapMovesTheView() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramView* view = w.window.view();
        view->resetTransform();
        view->centerOn(0, 0);
        MinimapView* minimap = w.window.minimap();
        minimap->refit();
        const QPointF target =
            w.window.scene()->card(QStringLiteral("fab-mail01"))->sceneCardRect().center();
        QTest::mouseClick(minimap->viewport(), Qt::LeftButton, {}, minimap->mapFromScene(target));
        QVERIFY(minimap->visibleArea().contains(target));
        QVERIFY(view->mapToScene(view->viewport()->rect()).boundingRect().contains(target));
    }

    // File › New, drawn from the palette, saved and read back.
    void newDesignDrawnAndSaved() {
        Window w;
        QVERIFY(w.window.newDesign());
        DiagramEditor* editor = w.window.editActions()->editor();
        QVERIFY(!editor->addElement(QStringLiteral("internet"), QPointF(0, 0)).isEmpty());
        QVERIFY(!editor->addElement(QStringLiteral("firewall"), QPointF(0, 200)).isEmpty());
        QVERIFY(!editor->addElement(QStringLiteral("segment-lan"), QPointF(0, 400)).isEmpty());
        QVERIFY(!editor->addElement(QStringLiteral("exchange-2019-mailbox"), QPointF(300, 400))
                     .isEmpty());
        QCOMPARE(w.window.scene()->cards().size(), 2);
        QCOMPARE(w.window.scene()->segments().size(), 2);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drawn.mailtopo"));
        QVERIFY(w.window.saveTo(path));
        const auto reread = io::loadDesignFile(path.toStdString());
        QVERIFY(reread.ok());
        QCOMPARE(*reread.design, w.window.document()->design());
        // 300 is not on the 24-unit grid: the server was snapped to 312.
        QCOMPARE(placementOf(*reread.design, "ex01").x, 312.0);
    }

    // View › Theme › Dark darkens the widgets and the canvas; the printed diagram stays
    // light; Light brings the light canvas back.
    void darkThemeAndLightPrint() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        w.window.setTheme(ThemeChoice::Dark);
        QVERIFY(DiagramStyle::standard().isDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        QVERIFY(w.window.scene()->backgroundBrush().color().lightness() < 64);
        QCoreApplication::processEvents();
        QVERIFY(w.window.designDock()->tree()->palette().color(QPalette::Base).lightness() < 128);
        w.window.grab().save(QStringLiteral("editing_dark_theme.png"));
        // A card's middle, painted on screen: dark.
        CardItem* card = w.window.scene()->card(QStringLiteral("erp01"));
        w.window.view()->resetTransform();
        w.window.view()->centerOn(card);
        const QImage screen = w.window.view()->viewport()->grab().toImage();
        const QPoint middle =
            w.window.view()->mapFromScene(card->sceneCardRect().center() + QPointF(0, 30));
        QVERIFY(screen.pixelColor(middle).lightness() < 100);
        // The same card in the exported picture: light.
        report::DiagramPicture picture(w.window.document()->design(), {});
        const QRectF source = card->sceneCardRect().adjusted(20, 40, -20, -10);
        QImage printed(source.size().toSize(), QImage::Format_ARGB32);
        printed.fill(Qt::black);
        QPainter painter(&printed);
        picture.paint(painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        QVERIFY(printed.pixelColor(printed.width() / 2, printed.height() / 2).lightness() > 200);
        QVERIFY(DiagramStyle::standard().isDark());  // the screen's theme is put back
        w.window.setTheme(ThemeChoice::Light);
        QVERIFY(!DiagramStyle::standard().isDark());
        QVERIFY(w.window.scene()->backgroundBrush().color().lightness() > 200);
    }

    // A long random sequence of edits; undoing all of it gives back the original exactly and
    // redoing gives back every intermediate design in order.
    void longUndoRedoSequence() {
        Window w;
        QVERIFY(w.window.openFile(kContoso));
        DiagramEditor* editor = w.window.editActions()->editor();
        DiagramScene* scene = w.window.scene();
        QList<model::Design> states{w.window.document()->design()};
        QRandomGenerator random(42);
        const auto& entries = edit::paletteEntries();
        for (int step = 0; step < 40; ++step) {
            const QList<CardItem*> cards = scene->cards();
            CardItem* card = cards[static_cast<int>(random.bounded(cards.size()))];
            const QString id = card->elementId();
            switch (random.bounded(5)) {
                case 0:
                    editor->addElement(
                        QString::fromStdString(
                            entries[random.bounded(static_cast<int>(entries.size()))].key),
                        QPointF(random.bounded(2000), random.bounded(1500)));
                    break;
                case 1:
                    editor->moveElements({{id, card->pos() + QPointF(48, -24)}});
                    break;
                case 2:
                    editor->duplicate({id});
                    break;
                case 3:
                    if (cards.size() > 4)
                        editor->removeElements({id});
                    break;
                default:
                    editor->align({id, cards.first()->elementId()}, edit::Alignment::Top);
                    break;
            }
            if (!(w.window.document()->design() == states.last()))
                states << w.window.document()->design();
        }
        QUndoStack* stack = w.window.document()->undoStack();
        QCOMPARE(stack->count(), states.size() - 1);
        for (int i = static_cast<int>(states.size()) - 2; i >= 0; --i) {
            stack->undo();
            QVERIFY2(w.window.document()->design() == states[i], qPrintable(QString::number(i)));
        }
        for (int i = 1; i < states.size(); ++i) {
            stack->redo();
            QVERIFY2(w.window.document()->design() == states[i], qPrintable(QString::number(i)));
        }
        w.window.grab().save(QStringLiteral("editing_after_sequence.png"));
    }
};

QTEST_MAIN(TstEditing)
#include "tst_editing.moc"
