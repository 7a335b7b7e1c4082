// Validation benchmark (Google Benchmark). Built with the tests, not run as a test except for
// a short smoke run (bench_validate_smoke).
//  - BM_ValidateNics/N: analysis::validateDesign (structure checks, every design and standard
//    flow traced, the simulation and DNS rules) on generated estates of about N NICs, what
//    `mailtopo-cli validate` does after reading the file. One server in eight per NIC and
//    the rest application hosts, so servers, sites and clients all grow with N. Validation
//    must stay O(n log n): each doubling of N should cost at most about 2.2 times the time.
//    Counters: the estate's NICs, the findings, and the time per NIC.
// Reproduce with a Release build:
//   cmake --preset release -B build/helper && cmake --build build/helper --target bench_validate
//   build/helper/tests/bench/bench_validate --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true   (one line)

#include <benchmark/benchmark.h>

#include <vector>

#include "core/analysis/simulation_checks.h"
#include "core/model/synthetic_estate.h"

using namespace mailtopo;

namespace {

// The estate `mailtopo-cli generate --servers N/8 --application-hosts 0.84 N` writes: about
// N NICs, as a third of the sites are DSR and give their servers a loopback adapter.
model::Design estateWithNics(long long nics) {
    model::EstateParameters p;
    p.servers = static_cast<int>(nics / 8);
    p.applicationHosts = static_cast<int>(nics * 21 / 25);
    return model::generateEstate(p);
}

size_t nicCount(const model::Design& design) {
    size_t nics = 0;
    for (const auto& host : design.hosts)
        nics += host.nics.size();
    return nics;
}

void BM_ValidateNics(benchmark::State& state) {
    const model::Design design = estateWithNics(state.range(0));
    size_t findings = 0;
    for (auto _ : state) {
        const std::vector<analysis::Finding> result = analysis::validateDesign(design);
        findings = result.size();
        benchmark::DoNotOptimize(result.data());
    }
    const auto nics = static_cast<double>(nicCount(design));
    state.counters["nics"] = nics;
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["time/nic"] = benchmark::Counter(
        nics, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
// Traces run on several threads: real time is the user's wait, process CPU time the work.
BENCHMARK(BM_ValidateNics)
    ->Arg(10000)
    ->Arg(20000)
    ->Arg(40000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
