#pragma once
// The open-spf.org RFC 7208 conformance suite (../shared/conformance/spf) loaded for our
// evaluator, following the harness rules of that folder's README: zonedata served through
// ZoneDataResolver (SPF entries copied to TXT unless the name has any TXT entry, bare
// TIMEOUT, TXT: NONE), the identity chosen from mailfrom/helo, default explanation
// "DEFAULT", a list of acceptable results. Shared by the conformance test and the benchmark.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dns/spf_evaluator.h"
#include "core/dns/zone_data_resolver.h"

namespace mailtopo::testing {

struct SpfSuiteTest {
    std::string name;
    std::string scenario;
    std::string spec;
    std::string helo;
    std::string host;
    std::string mailfrom;
    std::vector<std::string> results;        // acceptable results, preferred first
    std::optional<std::string> explanation;  // expected exp text on fail ("DEFAULT" = default)
    size_t zone = 0;                         // index into SpfSuite::zones
};

struct SpfSuite {
    std::vector<std::shared_ptr<dns::ZoneDataResolver>> zones;  // one per scenario
    std::vector<std::string> scenarios;
    std::vector<SpfSuiteTest> tests;
};

// Throws std::runtime_error with the reason when the file cannot be read or is malformed.
SpfSuite loadSpfSuite(const std::string& path);

struct SpfSuiteRun {
    dns::SpfOutcome outcome;
    bool resultAccepted = false;
    bool resultPreferred = false;  // the first listed result
    bool explanationMatches = true;
    bool passed = false;
    std::string why;  // on failure: what differed
};

// Options every run uses: default explanation "DEFAULT" and a fixed %{t}.
dns::SpfOptions spfSuiteOptions(bool trace = true);

SpfSuiteRun runSpfSuiteTest(const SpfSuite& suite, const SpfSuiteTest& test,
                            const dns::SpfOptions& options);

}  // namespace mailtopo::testing
