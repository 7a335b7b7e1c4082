// Benchmark of the PowerShell import (issue: 100 MB of exports in at most 2 s and 1 GiB).
//
// The setup writes about 100 MB of exports into a temporary folder by replicating the shared
// samples (../shared/formats/samples) with varied server names, addresses, domains and connector
// names, so that every replica is another set of servers rather than the same objects again;
// the UTF-16 sample stays UTF-16. The benchmark then imports the folder the way
// `mailtopo-cli import DIR` does: read the files, recognise, read, apply, lay out.
//
//   bench_import                          run the benchmark (Google Benchmark flags apply)
//   bench_import --generate DIR [MB]      only write the exports to DIR, e.g. to time the CLI:
//                                         /usr/bin/time -v mailtopo-cli import DIR -o out.mailtopo

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/io/powershell/export_text.h"
#include "core/io/powershell/import_inputs.h"
#include "core/io/powershell/powershell_import.h"

namespace {

namespace fs = std::filesystem;
using namespace mailtopo::io::powershell;

struct Sample {
    std::string name;
    std::string text;  // UTF-8
    bool utf16 = false;
};

std::vector<Sample> loadSamples() {
    std::vector<Sample> out;
    const fs::path dir = fs::path(MAILTOPO_SHARED_DIR) / "formats/samples";
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("get-", 0) != 0)
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string bytes;  // chunked: g++ 12 -O2 flags istreambuf_iterator (-Wnull-dereference)
        char buffer[1 << 16];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
            bytes.append(buffer, static_cast<size_t>(in.gcount()));
        DecodedText decoded = decodeExportBytes(bytes);
        if (decoded.problem) {
            std::fprintf(stderr, "bench_import: cannot read %s\n", name.c_str());
            std::exit(2);
        }
        out.push_back(
            {name, std::move(decoded.text), decoded.encoding == TextEncoding::Utf16LeBom});
    }
    return out;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    size_t start = 0;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, start)) {
        out.append(text, start, at - start);
        out += to;
        start = at + from.size();
    }
    out.append(text, start, std::string::npos);
    text.swap(out);
}

std::string toUtf16le(const std::string& utf8) {
    std::string out("\xFF\xFE", 2);  // the samples are ASCII apart from the BOM
    out.reserve(utf8.size() * 2 + 2);
    for (char c : utf8) {
        out += c;
        out += '\0';
    }
    return out;
}

// Replica `i` of the organisation: servers S<i>A/B/C, network 10.<hi>.<lo>.0/24, domain
// contoso<i>.example, connectors "<name> <i>".
std::string replica(const Sample& s, int i) {
    std::string t = s.text;
    const std::string n = std::to_string(i);
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"EX2010-OLD", "S" + n + "A"},
             {"ex2010-old", "s" + n + "a"},
             {"EX2013-01", "S" + n + "B"},
             {"ex2013-01", "s" + n + "b"},
             {"EX2019-01", "S" + n + "C"},
             {"ex2019-01", "s" + n + "c"},
             {"contoso.example", "contoso" + n + ".example"},
             {"10.0.10.", "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + "."},
             {"Internet Outbound", "Internet Outbound " + n},
             {"To Partner via Smarthost", "To Partner via Smarthost " + n}}) {
        replaceAll(t, from, to);
    }
    return t;
}

// Writes replicas until `megabytes` are on disk; returns the byte count.
size_t generate(const fs::path& dir, size_t megabytes) {
    fs::create_directories(dir);
    const std::vector<Sample> samples = loadSamples();
    size_t written = 0;
    for (int i = 0; written < megabytes * 1000 * 1000; ++i) {
        for (const Sample& s : samples) {
            const std::string text = replica(s, i);
            const std::string bytes = s.utf16 ? toUtf16le(text) : text;
            std::ofstream out(dir / (std::to_string(i) + "-" + s.name), std::ios::binary);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            written += bytes.size();
        }
    }
    return written;
}

void BM_Import100MB(benchmark::State& state) {
    const fs::path dir =
        fs::temp_directory_path() /
        ("mailtopo-bench-import-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    const size_t bytes = generate(dir, 100);
    size_t objects = 0;
    for (auto _ : state) {
        GatheredInputs gathered = gatherInputs({dir});
        const ImportResult result = importExports(std::move(gathered.inputs));
        if (!result.ok()) {
            state.SkipWithError("the import failed");
            break;
        }
        objects = result.log.objects.size();
        benchmark::DoNotOptimize(result.design->hosts.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["objects"] = static_cast<double>(objects);
    std::error_code ec;
    fs::remove_all(dir, ec);
}
BENCHMARK(BM_Import100MB)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--generate") {
        const size_t megabytes = argc >= 4 ? std::strtoul(argv[3], nullptr, 10) : 100;
        const size_t bytes = generate(argv[2], megabytes);
        std::printf("wrote %.1f MB of exports to %s\n", static_cast<double>(bytes) / 1e6, argv[2]);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
