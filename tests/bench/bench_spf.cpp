// SPF evaluator benchmarks (Google Benchmark). Built with the tests, not run as a test
// except for a short smoke run (bench_spf_smoke). Targets (issue 5): one evaluation of a
// 10-include record against in-memory zone data <= 20 us; the whole RFC 7208 conformance
// suite in-process <= 50 ms; >= 20x faster than python3-spf on the same data
// (bench_pyspf.py). Reproduce with a Release build:
//   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-rel --target bench_spf
//   build-rel/tests/bench/bench_spf --benchmark_repetitions=5 --benchmark_min_time=0.5
//   /usr/bin/python3 tests/bench/bench_pyspf.py --bench build-rel/tests/bench/bench_spf

#include <benchmark/benchmark.h>

#include <string>

#include "core/dns/spf_evaluator.h"
#include "core/dns/spf_record.h"
#include "core/dns/zone_data_resolver.h"
#include "tests/core/dns/spf_suite.h"

using namespace mailtopo::dns;

namespace {

// example.org: include:s1 ... include:s10 -all; sN: ip4:192.0.2.N/32 -all. The client
// 192.0.2.10 passes at the 10th include: the most work the lookup limit allows.
ZoneDataResolver& tenIncludes() {
    static ZoneDataResolver* zone = [] {
        auto* z = new ZoneDataResolver;
        std::string record = "v=spf1";
        for (int n = 1; n <= 10; ++n) {
            const std::string name =
                std::string("s").append(std::to_string(n)).append(".example.org");
            record += " include:" + name;
            z->add(makeTxtRecord(name, {"v=spf1 ip4:192.0.2." + std::to_string(n) + "/32 -all"}));
        }
        z->add(makeTxtRecord("example.org", {record + " -all"}));
        return z;
    }();
    return *zone;
}

void BM_TenIncludes(benchmark::State& state) {
    SpfOptions options;
    options.trace = state.range(0) != 0;
    options.timestamp = 0;
    const SpfEvaluator evaluator(tenIncludes(), options);
    const SpfRequest request = SpfRequest::forMailFrom(*mailtopo::net::Address::parse("192.0.2.10"),
                                                       "user@example.org", "mail.example.org");
    for (auto _ : state) {
        SpfOutcome outcome = evaluator.checkHost(request);
        if (outcome.result != SpfResult::Pass || outcome.trace.lookups != 10) {
            state.SkipWithError("unexpected result");
            break;
        }
        benchmark::DoNotOptimize(outcome);
    }
}
BENCHMARK(BM_TenIncludes)->ArgName("trace")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

const mailtopo::testing::SpfSuite& suite() {
    static const mailtopo::testing::SpfSuite* s = new mailtopo::testing::SpfSuite(
        mailtopo::testing::loadSpfSuite(MAILTOPO_SHARED_DIR "/conformance/spf/rfc7208-tests.yml"));
    return *s;
}

// All 203 tests of the RFC 7208 suite, zone data already loaded (YAML parsing excluded, as
// for pyspf in bench_pyspf.py).
void BM_ConformanceSuite(benchmark::State& state) {
    const auto& s = suite();
    const SpfOptions options = mailtopo::testing::spfSuiteOptions(state.range(0) != 0);
    for (auto _ : state) {
        int passed = 0;
        for (const auto& test : s.tests)
            passed += mailtopo::testing::runSpfSuiteTest(s, test, options).passed ? 1 : 0;
        if (passed != static_cast<int>(s.tests.size())) {
            state.SkipWithError("a conformance test failed");
            break;
        }
        benchmark::DoNotOptimize(passed);
    }
    state.counters["tests"] = static_cast<double>(s.tests.size());
}
BENCHMARK(BM_ConformanceSuite)->ArgName("trace")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ParseRecord(benchmark::State& state) {
    const std::string record =
        "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a:mail.example.org/28//64 mx "
        "include:_spf.example.net "
        "exists:%{ir}.%{l1r-}.lp._spf.%{d2} ptr:example.org -all exp=explain._spf.%{d}";
    for (auto _ : state) {
        auto parsed = parseSpfRecord(record);
        benchmark::DoNotOptimize(parsed);
    }
}
BENCHMARK(BM_ParseRecord)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
