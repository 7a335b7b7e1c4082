// The editor's performance targets (issue: open a 5,000-item design in at most 1 s, repaint
// the full view in at most 10 ms median, edit → findings updated on the default example in
// at most 100 ms end to end).
//
//   build/release/tests/bench/bench_editor --benchmark_repetitions=3
//
// OpenDesign/N: MainWindow::openFile of a generated estate of N servers (parse, scene build,
// fit), items counted as cards + segment bands + links. Repaint/N: the fitted view
// repainted whole (viewport()->repaint()) once live validation has marked the findings;
// the view keeps what it painted (ui/diagram/viewport_cache.h), so this is a copy.
// RepaintUncached/N: the same without that cache, every item in sight drawn.
// ZoomStep/N: one zoom step on the fitted view, painted: rendered whole at the new scale.
// EditToFindings: an undoable edit on contoso until live validation has published the
// findings for it (worker thread included).
// EditLarge/N: one property edit (a host renamed, as the inspector commits it: the design
// copied, edited, compared, applied) with that host shown in the inspector → scene, design
// tree and inspector updated, the view painted (viewport()->repaint() at 1600×1000).
// UndoLarge/N: undo of such an edit, painted. DragLarge/N: one mouse-move step of dragging
// a card, painted. UndoMemory/N: resident memory grown by 100 such edits (counter "MB"),
// against the design's own size (counter "designMB": opening it).
// Runs headless (offscreen).

#include <benchmark/benchmark.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <malloc.h>
#include <unistd.h>
#include <QMouseEvent>
#include <QUndoStack>
#include <fstream>

#include "core/edit/property_edit.h"
#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"
#include "ui/diagram/card_item.h"
#include "ui/diagram/diagram_scene.h"
#include "ui/diagram/diagram_view.h"
#include "ui/document/design_document.h"
#include "ui/document/live_validator.h"
#include "ui/mainwindow/main_window.h"

using namespace mailtopo;

namespace {

QString estateFile(QTemporaryDir& dir, int servers) {
    model::EstateParameters p;
    p.servers = servers;
    const QString path = dir.filePath(QStringLiteral("estate-%1.mailtopo").arg(servers));
    io::saveDesignFile(model::generateEstate(p), path.toStdString());
    return path;
}

double itemCount(const ui::MainWindow& window) {
    return static_cast<double>(window.scene()->cards().size() + window.scene()->segments().size() +
                               window.scene()->links().size());
}

void OpenDesign(benchmark::State& state) {
    QTemporaryDir dir;
    const QString path = estateFile(dir, static_cast<int>(state.range(0)));
    double items = 0;
    for (auto _ : state) {
        ui::MainWindow window(ui::MainWindowOptions::unattended());
        window.resize(1600, 1000);
        QElapsedTimer timer;  // opening only: closing the window is not part of it
        timer.start();
        if (!window.openFile(path))
            state.SkipWithError("open failed");
        state.SetIterationTime(static_cast<double>(timer.nsecsElapsed()) / 1e9);
        items = itemCount(window);
    }
    state.counters["items"] = items;
}

// A window 1600×1000 showing estate N fitted, with the findings' marks on.
struct FittedWindow {
    QTemporaryDir dir;
    ui::MainWindow window{ui::MainWindowOptions::unattended()};

    explicit FittedWindow(int servers) {
        window.resize(1600, 1000);
        window.show();
        window.openFile(estateFile(dir, servers));
        // Validation runs on a worker thread after opening: wait for it, so the repaints
        // are timed with the findings' marks on and without a validation competing.
        while (window.validator()->publishedCount() < 1)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        window.view()->fitToContents();
        QCoreApplication::processEvents();
    }
};

// What the user waits for: the viewport repainted into the window's backing store, as
// EditLarge and DragLarge measure it. Nothing changed, so with the view's cache (`retained`)
// it is copied; without, every item in sight is drawn again (what a repaint cost before the
// cache, and what rendering the whole view still costs).
void repaintFitted(benchmark::State& state, bool retained) {
    FittedWindow w(static_cast<int>(state.range(0)));
    ui::DiagramView* view = w.window.view();
    view->setRetainedPainting(retained);
    for (auto _ : state)
        view->viewport()->repaint();
    state.counters["items"] = itemCount(w.window);
}

void Repaint(benchmark::State& state) {
    repaintFitted(state, true);
}

void RepaintUncached(benchmark::State& state) {
    repaintFitted(state, false);
}

// One zoom step in and back out (Ctrl+wheel's factor) on the fitted view, each painted: the
// cache cannot help, the view is rendered whole at the new scale. Time per step.
void ZoomStep(benchmark::State& state) {
    FittedWindow w(static_cast<int>(state.range(0)));
    ui::DiagramView* view = w.window.view();
    bool in = true;
    for (auto _ : state) {
        in ? view->zoomIn() : view->zoomOut();
        in = !in;
        view->viewport()->repaint();
    }
    state.counters["items"] = itemCount(w.window);
}

void EditToFindings(benchmark::State& state) {
    ui::MainWindow window(ui::MainWindowOptions::unattended());
    window.openFile(QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo"));
    ui::LiveValidator* validator = window.validator();
    while (validator->publishedCount() < 1)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    model::Design design = window.document()->design();
    int edit = 0;
    for (auto _ : state) {
        design.info.description = "edit " + std::to_string(++edit);
        const int before = validator->publishedCount();
        window.document()->applyChange(QStringLiteral("edit"), design);
        while (validator->publishedCount() == before)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    state.counters["findings"] = static_cast<double>(validator->validation().findings.size());
}

// A window 1600×1000 showing estate N, validated, with one Exchange server selected (its
// card in view and its form in the inspector).
struct LargeWindow {
    QTemporaryDir dir;
    ui::MainWindow window{ui::MainWindowOptions::unattended()};
    std::string hostId;

    explicit LargeWindow(int servers) {
        window.resize(1600, 1000);
        window.show();
        window.openFile(estateFile(dir, servers));
        settle(1);
        const model::Design& design = window.document()->design();
        hostId = design.hosts[design.hosts.size() / 2].id;
        QGraphicsItem* card = window.scene()->selectElement(QString::fromStdString(hostId));
        window.view()->centerOn(card);
        QCoreApplication::processEvents();
    }
    // Waits for live validation to have published `runs` results in all.
    void settle(int runs) {
        while (window.validator()->publishedCount() < runs)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    // What the inspector does on a commit, then what the screen does.
    void rename(const std::string& name) {
        model::Design after = window.document()->design();
        edit::renameElement(after, hostId, name);
        if (after == window.document()->design())
            return;
        window.document()->applyChange(QStringLiteral("Edit name"), std::move(after));
        paint();
    }
    void paint() {
        QCoreApplication::processEvents();  // the inspector refreshes queued
        window.view()->viewport()->repaint();
    }
};

void EditLarge(benchmark::State& state) {
    LargeWindow w(static_cast<int>(state.range(0)));
    int edit = 0;
    for (auto _ : state)
        w.rename("EX-edited-" + std::to_string(++edit));
    state.counters["rebuilds"] = w.window.scene()->fullRebuildCount();
}

void UndoLarge(benchmark::State& state) {
    LargeWindow w(static_cast<int>(state.range(0)));
    QUndoStack* undo = w.window.document()->undoStack();
    int edit = 0;
    for (auto _ : state) {
        state.PauseTiming();
        w.rename("EX-undone-" + std::to_string(++edit));
        state.ResumeTiming();
        undo->undo();
        w.paint();
    }
    state.counters["rebuilds"] = w.window.scene()->fullRebuildCount();
}

void DragLarge(benchmark::State& state) {
    LargeWindow w(static_cast<int>(state.range(0)));
    ui::DiagramView* view = w.window.view();
    QWidget* viewport = view->viewport();
    const ui::CardItem* card = w.window.scene()->card(QString::fromStdString(w.hostId));
    QPoint at = view->mapFromScene(card->sceneCardRect().center());
    const auto send = [&](QEvent::Type type, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, viewport->mapToGlobal(at), Qt::LeftButton, buttons,
                          Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &event);
    };
    send(QEvent::MouseButtonPress, Qt::LeftButton);
    int step = 0;
    for (auto _ : state) {
        // Back and forth across a grid step, so the card keeps moving and stays in view.
        at += QPoint((++step % 2) != 0 ? 24 : -24, 0);
        send(QEvent::MouseMove, Qt::LeftButton);
        // The scene reports what moved from the event loop, as after any real mouse move;
        // then the view paints (its cache renders the card's old and new places again).
        QCoreApplication::processEvents();
        viewport->repaint();
    }
    send(QEvent::MouseButtonRelease, Qt::NoButton);
}

// Resident memory, in MB (Linux: /proc/self/statm), once freed memory is given back (what
// validation allocated and freed meanwhile is not the undo history's).
double residentMb() {
    malloc_trim(0);
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

void UndoMemory(benchmark::State& state) {
    const double empty = residentMb();
    LargeWindow w(static_cast<int>(state.range(0)));
    const double opened = residentMb();
    double grown = 0;
    for (auto _ : state) {
        const double before = residentMb();
        for (int edit = 0; edit < 100; ++edit)
            w.rename("EX-memory-" + std::to_string(edit));
        // Let the last validation finish, so its working memory is not counted.
        while (w.window.validator()->isRunning())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        QCoreApplication::processEvents();
        grown = residentMb() - before;
    }
    state.counters["MB"] = grown;
    state.counters["designMB"] = opened - empty;
    state.counters["steps"] = w.window.document()->undoStack()->count();
}

}  // namespace

// Servers, not items: 500, 1500 and 3000 servers are about 1,700, 5,100 (the issue's
// 5,000-item target) and 10,200 items.
BENCHMARK(OpenDesign)
    ->Arg(500)
    ->Arg(1500)
    ->Arg(3000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK(Repaint)->Arg(500)->Arg(1500)->Arg(3000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(RepaintUncached)->Arg(3000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(ZoomStep)->Arg(3000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(EditToFindings)->Unit(benchmark::kMillisecond)->UseRealTime();
// 1500 servers: the 5,109-item estate.
BENCHMARK(EditLarge)->Arg(1500)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(UndoLarge)->Arg(1500)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(DragLarge)->Arg(1500)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(UndoMemory)->Arg(1500)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// main() is in bench_qt_main.cpp.
