// Simulator benchmarks (Google Benchmark). Built with the tests, not run as a test except for
// a short smoke run (bench_sim_smoke).
//  - BM_ChooseConnector: R20 on one server whose custom connectors on 0.0.0.0:25 hold 10,000
//    RemoteIPRanges entries (disjoint or strictly nested), through Simulator::chooseConnector
//    (range index) and through a naive scan of every connector's every entry. Both answer the
//    same queries; the setup checks that they agree.
//  - BM_SimulateDesign/N: analysis::simulateDesign (every design and standard flow traced,
//    every simulation rule applied) on generated estates of N servers; N = 500 uses the
//    benchmark estate (10 connectors x 20 ranges per server, 2,000 application hosts). The
//    "flows/s" counter is traces per second.
// Reproduce with a Release build:
//   cmake --preset release -B build/helper && cmake --build build/helper --target bench_sim
//   build/helper/tests/bench/bench_sim --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true   (one line)

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/analysis/simulation_checks.h"
#include "core/model/synthetic_estate.h"
#include "core/sim/simulator.h"

using namespace mailtopo;

namespace {

// The same splitmix64 the generator uses: queries are reproducible everywhere.
uint64_t splitmix(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

bool lessIgnoringCase(const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) <
               std::tolower(static_cast<unsigned char>(y));
    });
}

// R20 the obvious way: every enabled connector binding (local, port), every entry containing
// the source; the smallest entry wins, then a specific binding over the wildcard, then the
// lowest name. FrontendTransport wins a port both roles bind (R19b), as the simulator does.
const model::ReceiveConnector* naiveChoice(const std::vector<model::ReceiveConnector>& connectors,
                                           const net::Address& local, uint16_t port,
                                           const net::Address& source) {
    bool frontend = false;
    for (const auto& c : connectors) {
        for (const auto& b : c.bindings) {
            if (c.enabled && b.covers(local, port) &&
                c.transportRole == model::TransportRole::FrontendTransport)
                frontend = true;
        }
    }
    const model::ReceiveConnector* best = nullptr;
    net::U128 bestSize;
    bool bestSpecific = false;
    for (const auto& c : connectors) {
        if (!c.enabled || (frontend && c.transportRole != model::TransportRole::FrontendTransport))
            continue;
        bool bound = false, specific = false;
        for (const auto& b : c.bindings) {
            if (b.covers(local, port)) {
                bound = true;
                specific = specific || !b.isWildcard();
            }
        }
        if (!bound)
            continue;
        bool found = false;
        net::U128 size;
        for (const auto& r : c.remoteIpRanges) {
            if (r.contains(source) && (!found || r.size() < size)) {
                size = r.size();
                found = true;
            }
        }
        if (!found)
            continue;
        const bool better =
            best == nullptr || size < bestSize || (size == bestSize && specific && !bestSpecific) ||
            (size == bestSize && specific == bestSpecific && lessIgnoringCase(c.name, best->name));
        if (better) {
            best = &c;
            bestSize = size;
            bestSpecific = specific;
        }
    }
    return best;
}

struct ConnectorFixture {
    model::Design design;
    std::unique_ptr<sim::Simulator> simulator;
    model::Id server;
    net::Address local;
    std::vector<net::Address> queries;
    size_t entries = 0;
};

// One server, 50 custom connectors of 200 entries on 0.0.0.0:25: 10,000 entries. Queries:
// three in four inside some entry (first, last or a random address of it), the rest random
// addresses of the pool and the LAN, which mostly fall to Default Frontend.
const ConnectorFixture& connectorFixture() {
    static const ConnectorFixture* fixture = [] {
        auto* f = new ConnectorFixture;
        model::EstateParameters p;
        p.servers = 1;
        p.connectorsPerServer = 50;
        p.rangesPerConnector = 200;
        p.applicationHosts = 0;
        f->design = model::generateEstate(p);
        f->simulator = std::make_unique<sim::Simulator>(f->design);
        f->server = "host-EX0101";
        f->local = f->design.findHost(f->server)->nics.front().addresses.front().address;
        std::vector<net::IpRange> all;
        for (const auto& c : f->design.receiveConnectors)
            all.insert(all.end(), c.remoteIpRanges.begin(), c.remoteIpRanges.end());
        f->entries = all.size();
        uint64_t state = 42;
        for (int i = 0; i < 4096; ++i) {
            const uint64_t r = splitmix(state);
            if (r % 4 != 0) {
                const net::IpRange& range = all[(r >> 8) % all.size()];
                const uint32_t width = range.last().v4Value() - range.first().v4Value();
                const uint32_t offset = (r >> 40) % (width + 1);
                f->queries.push_back(net::Address::v4(range.first().v4Value() + offset));
            } else {
                const uint32_t base = (r >> 8) % 2 == 0 ? (100u << 24) | (64u << 16) : (10u << 24);
                f->queries.push_back(
                    net::Address::v4(base + static_cast<uint32_t>(r >> 40) % 65536));
            }
        }
        return f;
    }();
    return *fixture;
}

// Both ways give the same connector for every query, or the comparison means nothing.
bool agree(const ConnectorFixture& f) {
    const auto& connectors = f.simulator->receiveConnectorsOf(f.server);
    for (const auto& q : f.queries) {
        const sim::ConnectorChoice indexed = f.simulator->chooseConnector(f.server, f.local, 25, q);
        const model::ReceiveConnector* naive = naiveChoice(connectors, f.local, 25, q);
        if ((indexed.connector == nullptr) != (naive == nullptr) ||
            (naive != nullptr && indexed.connector->id != naive->id))
            return false;
    }
    return true;
}

void BM_ChooseConnector(benchmark::State& state) {
    const ConnectorFixture& f = connectorFixture();
    if (!agree(f)) {
        state.SkipWithError("chooseConnector and the naive scan disagree");
        return;
    }
    size_t i = 0;
    for (auto _ : state) {
        const sim::ConnectorChoice choice =
            f.simulator->chooseConnector(f.server, f.local, 25, f.queries[i++ % f.queries.size()]);
        benchmark::DoNotOptimize(choice.connector);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["entries"] = static_cast<double>(f.entries);
}
BENCHMARK(BM_ChooseConnector)->Unit(benchmark::kNanosecond);

void BM_ChooseConnectorNaive(benchmark::State& state) {
    const ConnectorFixture& f = connectorFixture();
    const auto& connectors = f.simulator->receiveConnectorsOf(f.server);
    size_t i = 0;
    for (auto _ : state) {
        const model::ReceiveConnector* choice =
            naiveChoice(connectors, f.local, 25, f.queries[i++ % f.queries.size()]);
        benchmark::DoNotOptimize(choice);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["entries"] = static_cast<double>(f.entries);
}
BENCHMARK(BM_ChooseConnectorNaive)->Unit(benchmark::kNanosecond);

model::EstateParameters estate(int servers) {
    model::EstateParameters p;
    p.servers = servers;
    if (servers >= 500) {
        p.connectorsPerServer = 10;
        p.rangesPerConnector = 20;
        p.applicationHosts = 2000;
    }
    return p;
}

void BM_SimulateDesign(benchmark::State& state) {
    const model::Design design = model::generateEstate(estate(static_cast<int>(state.range(0))));
    size_t flows = 0, findings = 0;
    for (auto _ : state) {
        const analysis::SimulationResult result = analysis::simulateDesign(design);
        flows = result.traces.size();
        findings = result.findings.size();
        benchmark::DoNotOptimize(result.findings.data());
    }
    state.counters["flows"] = static_cast<double>(flows);
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["flows/s"] =
        benchmark::Counter(static_cast<double>(flows) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
    size_t ranges = 0;
    for (const auto& c : design.receiveConnectors)
        ranges += c.remoteIpRanges.size();
    state.counters["connectors"] = static_cast<double>(design.receiveConnectors.size());
    state.counters["ranges"] = static_cast<double>(ranges);
}
BENCHMARK(BM_SimulateDesign)
    ->Arg(10)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Arg(500)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
