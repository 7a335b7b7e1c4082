// The view's cache (ui/diagram/viewport_cache.h) never shows anything but what the scene
// holds: after each kind of change a user makes — select, hover, rename, undo, redo, drag,
// delete, add, zoom, scroll, play a trace, switch the theme — the cached view is compared,
// pixel by pixel, with the same view drawn without the cache. A change the cache missed
// leaves the old picture where it happened, and fails here.

#include <QtTest>

#include <QScrollBar>
#include <QUndoStack>

#include "core/edit/property_edit.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_editor.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/appearance.h"
#include "ui/mainwindow/edit_actions.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;
using namespace mailtopo::ui;

namespace {

const QString kContoso = QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");

// The cache renders with the view's own transform, so the two pictures are the same but for
// antialiasing rounding; a stale card or link differs in hundreds of pixels, by far more.
constexpr int kChannelTolerance = 16;
constexpr int kMaxDifferentPixels = 8;

int channelDistance(QRgb a, QRgb b) {
    return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                     std::abs(qBlue(a) - qBlue(b))});
}

// Pixels of `a` and `b` (same size) that differ by more than the tolerance, and where.
int differences(const QImage& a, const QImage& b, QRect* where) {
    int count = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto* lineA = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* lineB = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            if (channelDistance(lineA[x], lineB[x]) > kChannelTolerance) {
                ++count;
                *where |= QRect(x, y, 1, 1);
            }
        }
    }
    return count;
}

QImage shown(DiagramView* view) {
    return view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace

class TstViewportCache : public QObject {
    Q_OBJECT

    MainWindow* window_ = nullptr;
    DiagramView* view_ = nullptr;
    DiagramScene* scene_ = nullptr;

    // What the cached view shows equals what the view draws without it. The scene reports
    // changes from the event loop, as it does for every user action.
    void expectUncachedPicture(const char* after) {
        settle();
        const QImage cached = shown(view_);
        view_->setRetainedPainting(false);
        const QImage drawn = shown(view_);
        // The cache filled again at once, so that the next check sees only what the next
        // change marked stale.
        view_->setRetainedPainting(true);
        shown(view_);
        QCOMPARE(cached.size(), drawn.size());
        QRect where;
        const int different = differences(cached, drawn, &where);
        if (different > kMaxDifferentPixels) {
            cached.save(QDir::temp().filePath(QStringLiteral("viewport-cache-kept.png")));
            drawn.save(QDir::temp().filePath(QStringLiteral("viewport-cache-drawn.png")));
        }
        QVERIFY2(different <= kMaxDifferentPixels,
                 qPrintable(QStringLiteral("after %1: %2 pixels differ, within (%3,%4 %5×%6)")
                                .arg(QLatin1String(after))
                                .arg(different)
                                .arg(where.x())
                                .arg(where.y())
                                .arg(where.width())
                                .arg(where.height())));
    }

    // What the change set off has run its course: live validation (on a worker thread) has
    // published and marked the cards, and the scene has reported every change that made
    // (each step is queued behind the one before). A picture taken midway would compare the
    // view between the scene's change and its report of it, which no user ever sees.
    void settle() {
        QTRY_VERIFY(!window_->validator()->isRunning());
        for (int i = 0; i < 4; ++i)
            QCoreApplication::processEvents();
    }

    QPoint viewPointOf(const QString& elementId) const {
        const auto* card = dynamic_cast<const CardItem*>(scene_->itemForElement(elementId));
        return view_->mapFromScene(card->sceneCardRect().center());
    }

    void mouse(QEvent::Type type, const QPoint& at, Qt::MouseButtons buttons) {
        QWidget* viewport = view_->viewport();
        QMouseEvent event(type, at, viewport->mapToGlobal(at),
                          type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                          Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &event);
    }

    void rename(const std::string& id, const std::string& name) {
        model::Design after = window_->document()->design();
        QVERIFY(edit::renameElement(after, id, name).error.empty());
        window_->document()->applyChange(QStringLiteral("Rename"), std::move(after));
    }

private slots:
    void init() {
        applyTheme(ThemeChoice::Light);
        window_ = new MainWindow(MainWindowOptions::unattended());
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_));
        QVERIFY(window_->openFile(kContoso));
        view_ = window_->view();
        scene_ = window_->scene();
        view_->fitToContents();
        // The findings' marks, painted once validation has run; then the cache is filled.
        QTRY_VERIFY(window_->validator()->publishedCount() >= 1);
        settle();
        shown(view_);
    }
    void cleanup() {
        delete window_;
        window_ = nullptr;
    }

    void selectHoverAndEdit() {
        expectUncachedPicture("opening");
        scene_->selectElement(QStringLiteral("ex2016a"));
        expectUncachedPicture("selecting a card");
        mouse(QEvent::MouseMove, viewPointOf(QStringLiteral("ex2016b")), Qt::NoButton);
        expectUncachedPicture("hovering a card");
        rename("ex2016a", "EX2016A-RENAMED-WIDER");
        expectUncachedPicture("a rename that widens the card");
        window_->document()->undoStack()->undo();
        expectUncachedPicture("undo");
        window_->document()->undoStack()->redo();
        expectUncachedPicture("redo");
    }

    void dragDeleteAndAdd() {
        view_->zoomIn();
        expectUncachedPicture("a zoom step");
        const QPoint from = viewPointOf(QStringLiteral("fax01"));
        mouse(QEvent::MouseButtonPress, from, Qt::LeftButton);
        mouse(QEvent::MouseMove, from + QPoint(30, 10), Qt::LeftButton);
        expectUncachedPicture("dragging a card");
        mouse(QEvent::MouseMove, from + QPoint(90, 40), Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, from + QPoint(90, 40), Qt::NoButton);
        expectUncachedPicture("dropping the card");
        QVERIFY(window_->editActions()->editor()->removeElements({QStringLiteral("erp01")}) >= 1);
        expectUncachedPicture("deleting a card");
        QVERIFY(
            !window_->editActions()->editor()->addElement(QStringLiteral("firewall")).isEmpty());
        expectUncachedPicture("adding a card");
    }

    void scrollTraceAndTheme() {
        view_->zoomIn();
        view_->zoomIn();
        expectUncachedPicture("zooming in");
        view_->zoomBy(1.0 / view_->zoom());
        expectUncachedPicture("zooming to 100 % (the dot grid shows)");
        view_->horizontalScrollBar()->setValue(view_->horizontalScrollBar()->value() + 37);
        view_->verticalScrollBar()->setValue(view_->verticalScrollBar()->value() - 23);
        expectUncachedPicture("scrolling");
        scene_->showTracePath(
            {QStringLiteral("scanner01"), QStringLiteral("fw-edge"), QStringLiteral("ex2016a")},
            {QStringLiteral("ex2016a"), QStringLiteral("scanner01")}, QStringLiteral("fw-edge"));
        expectUncachedPicture("showing a trace");
        scene_->showTracePath({}, {}, QString());
        expectUncachedPicture("clearing the trace");
        window_->setTheme(ThemeChoice::Dark);
        expectUncachedPicture("switching to the dark theme");
        window_->setTheme(ThemeChoice::Light);
    }
};

QTEST_MAIN(TstViewportCache)
#include "tst_viewport_cache.moc"
