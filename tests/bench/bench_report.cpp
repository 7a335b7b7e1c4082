// The PDF report on a generated estate (issue target: 200 servers in at most 3 s).
//
//   build/release/tests/bench/bench_report --benchmark_repetitions=3
//
// ReportPipeline/N: validate + simulate, lay out, paint and write the PDF (with bookmarks)
// of the seed-1 estate of N servers — what `mailtopo-cli report` does after reading the
// file. The stages are also timed alone (Validate/N, Layout/N, Write/N) to show where the
// time goes. Pages and PDF size are reported as counters. Runs headless (offscreen).

#include <benchmark/benchmark.h>
#include <QDateTime>
#include <QFileInfo>
#include <QTemporaryDir>

#include "core/analysis/simulation_checks.h"
#include "core/model/synthetic_estate.h"
#include "ui/report/report_builder.h"
#include "ui/report/report_writer.h"

using namespace mailtopo;

namespace {

model::Design estate(int servers) {
    model::EstateParameters p;
    p.servers = servers;
    p.seed = 1;
    return model::generateEstate(p);
}

ui::report::ReportInput inputFor(const model::Design& design) {
    ui::report::ReportInput input;
    input.design = &design;
    input.fileName = QStringLiteral("estate.mailtopo");
    input.generated = QDateTime(QDate(2026, 12, 6), QTime(12, 0));
    return input;
}

void ReportPipeline(benchmark::State& state) {
    const model::Design design = estate(static_cast<int>(state.range(0)));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    int pages = 0;
    for (auto _ : state) {
        QString error;
        if (!ui::report::writeDesignReport(inputFor(design), path, &error, &pages))
            state.SkipWithError(qPrintable(error));
    }
    state.counters["pages"] = pages;
    state.counters["pdf_kB"] = static_cast<double>(QFileInfo(path).size()) / 1024.0;
}

void Validate(benchmark::State& state) {
    const model::Design design = estate(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(analysis::validateDesignWithTraces(design));
}

void Layout(benchmark::State& state) {
    const model::Design design = estate(static_cast<int>(state.range(0)));
    const auto validation = analysis::validateDesignWithTraces(design);
    for (auto _ : state)
        benchmark::DoNotOptimize(ui::report::buildReport(inputFor(design), validation));
}

void Write(benchmark::State& state) {
    const model::Design design = estate(static_cast<int>(state.range(0)));
    const auto validation = analysis::validateDesignWithTraces(design);
    const auto layout = ui::report::buildReport(inputFor(design), validation);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    for (auto _ : state) {
        QString error;
        if (!ui::report::writePdf(*layout, QStringLiteral("estate"), path, &error))
            state.SkipWithError(qPrintable(error));
    }
    state.counters["pages"] = layout->pageCount();
}

}  // namespace

BENCHMARK(ReportPipeline)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Validate)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Layout)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Write)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

// main() is in bench_qt_main.cpp.
