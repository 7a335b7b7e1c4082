#include "tests/core/dns/spf_suite.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <stdexcept>

#include "core/dns/dns_name.h"
#include "core/dns/spf_result.h"

namespace mailtopo::testing {
namespace {

std::vector<std::string> characterStrings(const YAML::Node& value) {
    std::vector<std::string> strings;
    if (value.IsSequence()) {
        for (const auto& s : value)
            strings.push_back(s.as<std::string>());
    } else {
        strings.push_back(value.as<std::string>());
    }
    return strings;
}

net::Address address(const std::string& text, const std::string& where) {
    const auto a = net::Address::parse(text);
    if (!a)
        throw std::runtime_error(where + ": '" + text + "' is not an address");
    return *a;
}

std::shared_ptr<dns::ZoneDataResolver> buildZone(const YAML::Node& zonedata,
                                                 const std::string& scenario) {
    auto zone = std::make_shared<dns::ZoneDataResolver>();
    std::map<std::string, std::vector<std::vector<std::string>>> spfEntries;
    std::set<std::string> hasTxtEntry;
    for (const auto& entry : zonedata) {
        const std::string name = entry.first.as<std::string>();
        const std::string key = dns::normalizeName(name);
        const std::string where = scenario + " / " + name;
        zone->addName(name);
        for (const auto& item : entry.second) {
            if (item.IsScalar()) {
                if (item.as<std::string>() != "TIMEOUT") {
                    throw std::runtime_error(where + ": unknown token " + item.as<std::string>());
                }
                zone->addTimeout(name);
                continue;
            }
            if (!item.IsMap() || item.size() != 1)
                throw std::runtime_error(where + ": bad entry");
            const std::string type = item.begin()->first.as<std::string>();
            const YAML::Node value = item.begin()->second;
            if (value.IsScalar() && value.as<std::string>() == "TIMEOUT") {
                const auto rrType = dns::parseRRType(type);
                if (!rrType)
                    throw std::runtime_error(where + ": unknown type " + type);
                zone->addTimeout(name, *rrType);
            } else if (type == "SPF") {
                auto strings = characterStrings(value);
                spfEntries[key].push_back(strings);
                zone->add(dns::makeTxtRecord(name, std::move(strings), 3600, dns::RRType::SPF));
            } else if (type == "TXT") {
                hasTxtEntry.insert(key);
                // TXT: NONE marks "no TXT record here" and turns off the SPF-to-TXT copies.
                if (value.IsScalar() && value.as<std::string>() == "NONE")
                    continue;
                zone->add(dns::makeTxtRecord(name, characterStrings(value)));
            } else if (type == "A" || type == "AAAA") {
                zone->add(dns::makeAddressRecord(name, address(value.as<std::string>(), where)));
            } else if (type == "MX") {
                if (!value.IsSequence() || value.size() != 2) {
                    throw std::runtime_error(where + ": MX needs [preference, exchange]");
                }
                zone->add(dns::makeMxRecord(name, static_cast<uint16_t>(value[0].as<int>()),
                                            value[1].as<std::string>()));
            } else if (type == "PTR") {
                zone->add(dns::makeNameRecord(name, dns::RRType::PTR, value.as<std::string>()));
            } else if (type == "CNAME") {
                zone->add(dns::makeNameRecord(name, dns::RRType::CNAME, value.as<std::string>()));
            } else {
                throw std::runtime_error(where + ": unsupported type " + type);
            }
        }
    }
    // RFC 7208 evaluators query TXT only; the suite writes most policies as type SPF and
    // expects the runner to serve them as TXT too, unless the name has any TXT entry.
    for (const auto& [key, entries] : spfEntries) {
        if (hasTxtEntry.count(key) != 0)
            continue;
        for (const auto& strings : entries)
            zone->add(dns::makeTxtRecord(key, strings));
    }
    return zone;
}

}  // namespace

SpfSuite loadSpfSuite(const std::string& path) {
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAllFromFile(path);
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    SpfSuite suite;
    for (const auto& doc : documents) {
        const std::string scenario = doc["description"].as<std::string>();
        suite.scenarios.push_back(scenario);
        suite.zones.push_back(buildZone(doc["zonedata"], scenario));
        for (const auto& t : doc["tests"]) {
            SpfSuiteTest test;
            test.name = t.first.as<std::string>();
            test.scenario = scenario;
            const YAML::Node body = t.second;
            test.spec = body["spec"] ? body["spec"].as<std::string>() : std::string();
            test.helo = body["helo"].as<std::string>();
            test.host = body["host"].as<std::string>();
            test.mailfrom = body["mailfrom"].as<std::string>();
            const YAML::Node result = body["result"];
            if (result.IsSequence()) {
                for (const auto& r : result)
                    test.results.push_back(r.as<std::string>());
            } else {
                test.results.push_back(result.as<std::string>());
            }
            if (body["explanation"])
                test.explanation = body["explanation"].as<std::string>();
            test.zone = suite.zones.size() - 1;
            suite.tests.push_back(std::move(test));
        }
    }
    return suite;
}

dns::SpfOptions spfSuiteOptions(bool trace) {
    dns::SpfOptions options;
    options.defaultExplanation = "DEFAULT";
    options.timestamp = 1400000000;
    options.trace = trace;
    return options;
}

SpfSuiteRun runSpfSuiteTest(const SpfSuite& suite, const SpfSuiteTest& test,
                            const dns::SpfOptions& options) {
    SpfSuiteRun run;
    const auto ip = net::Address::parse(test.host);
    if (!ip) {
        run.why = "host '" + test.host + "' does not parse";
        return run;
    }
    // Identity: MAIL FROM when given, else HELO (README "Identity to check").
    const dns::SpfRequest request = dns::SpfRequest::forMailFrom(*ip, test.mailfrom, test.helo);
    dns::SpfEvaluator evaluator(*suite.zones[test.zone], options);
    run.outcome = evaluator.checkHost(request);
    const std::string got(dns::spfResultName(run.outcome.result));
    for (size_t i = 0; i < test.results.size(); ++i) {
        if (test.results[i] == got) {
            run.resultAccepted = true;
            run.resultPreferred = i == 0;
        }
    }
    // Compared ignoring ASCII case, as Mail::SPF's runner does: the suite's v-macro-ip6
    // expects upper-case %{i} nibbles (pyspf's output) while RFC 7208 §7.4 writes them in
    // lower case, which we follow.
    if (test.explanation && run.outcome.result == dns::SpfResult::Fail) {
        run.explanationMatches = dns::equalsIgnoreCase(run.outcome.explanation, *test.explanation);
    }
    run.passed = run.resultAccepted && run.explanationMatches;
    if (!run.resultAccepted) {
        std::string expected;
        for (const auto& r : test.results)
            expected += (expected.empty() ? "" : "|") + r;
        run.why = "result " + got + ", expected " + expected + " (" +
                  run.outcome.trace.decision.reason + ")";
    } else if (!run.explanationMatches) {
        run.why =
            "explanation '" + run.outcome.explanation + "', expected '" + *test.explanation + "'";
    }
    return run;
}

}  // namespace mailtopo::testing
