// The editor's performance targets (issue: open a 5,000-item design in at most 1 s, repaint
// the full view in at most 10 ms median, edit → findings updated on the default example in
// at most 100 ms end to end).
//
//   build/release/tests/bench/bench_editor --benchmark_repetitions=3
//
// OpenDesign/N: MainWindow::openFile of a generated estate of N servers (parse, scene build,
// fit), items counted as cards + segment bands + links. Repaint/N: the fitted view painted
// whole into an image the viewport's size (what a full repaint costs, without the screen),
// once live validation has marked the findings.
// EditToFindings: an undoable edit on contoso until live validation has published the
// findings for it (worker thread included). Runs headless (offscreen).

#include <benchmark/benchmark.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"
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

void Repaint(benchmark::State& state) {
    QTemporaryDir dir;
    ui::MainWindow window(ui::MainWindowOptions::unattended());
    window.resize(1600, 1000);
    window.show();
    window.openFile(estateFile(dir, static_cast<int>(state.range(0))));
    // Validation runs on a worker thread after opening: wait for it, so the repaints are
    // timed with the findings' marks on and without a validation competing for the CPU.
    while (window.validator()->publishedCount() < 1)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    ui::DiagramView* view = window.view();
    view->fitToContents();
    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QPainter painter(&image);
        view->render(&painter);
    }
    state.counters["items"] = itemCount(window);
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
BENCHMARK(EditToFindings)->Unit(benchmark::kMillisecond)->UseRealTime();

// main() is in bench_qt_main.cpp.
