// Differential-test driver: evaluates SPF cases given as JSON with our evaluator, so that
// spf_differential.py can compare the results with python3-spf's on the same zone data.
//
// Input (file named on the command line):
//   [{"id": 0, "ip": "192.0.2.1", "mailfrom": "u@d0.example.com", "helo": "h.example.com",
//     "records": [["d0.example.com", "TXT", ["v=spf1 ...", ...]], ["h1.example.com", "A",
//     "192.0.2.1"], ["d0.example.com", "MX", [10, "h1.example.com"]], ...],
//     "timeouts": ["slow.example.com"]}, ...]
// Output (stdout): [{"id": 0, "result": "pass", "explanation": "..."}, ...]

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/dns/spf_evaluator.h"
#include "core/dns/zone_data_resolver.h"

using namespace mailtopo::dns;
using Json = nlohmann::json;

namespace {

void addRecord(ZoneDataResolver& zone, const Json& r) {
    const std::string name = r.at(0).get<std::string>();
    const std::string type = r.at(1).get<std::string>();
    const Json& value = r.at(2);
    if (type == "A" || type == "AAAA") {
        const auto address = mailtopo::net::Address::parse(value.get<std::string>());
        if (!address)
            throw std::runtime_error("bad address " + value.dump());
        zone.add(makeAddressRecord(name, *address));
    } else if (type == "MX") {
        zone.add(makeMxRecord(name, value.at(0).get<uint16_t>(), value.at(1).get<std::string>()));
    } else if (type == "PTR" || type == "CNAME") {
        zone.add(makeNameRecord(name, type == "PTR" ? RRType::PTR : RRType::CNAME,
                                value.get<std::string>()));
    } else if (type == "TXT") {
        zone.add(makeTxtRecord(name, value.get<std::vector<std::string>>()));
    } else {
        throw std::runtime_error("unsupported type " + type);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CASES.json\n", argv[0]);
        return 2;
    }
    try {
        std::ifstream in(argv[1]);
        if (!in)
            throw std::runtime_error(std::string("cannot read ") + argv[1]);
        const Json cases = Json::parse(in);
        Json results = Json::array();
        SpfOptions options;
        options.defaultExplanation = "DEFAULT";
        options.trace = false;
        for (const auto& c : cases) {
            ZoneDataResolver zone;
            for (const auto& r : c.at("records"))
                addRecord(zone, r);
            for (const auto& t : c.at("timeouts"))
                zone.addTimeout(t.get<std::string>());
            const auto ip = mailtopo::net::Address::parse(c.at("ip").get<std::string>());
            if (!ip)
                throw std::runtime_error("bad client address in case " + c.at("id").dump());
            const auto request = SpfRequest::forMailFrom(*ip, c.at("mailfrom").get<std::string>(),
                                                         c.at("helo").get<std::string>());
            const SpfOutcome outcome = SpfEvaluator(zone, options).checkHost(request);
            results.push_back({{"id", c.at("id")},
                               {"result", std::string(spfResultName(outcome.result))},
                               {"explanation", outcome.explanation},
                               {"lookups", outcome.trace.lookups},
                               {"voids", outcome.trace.voidLookups},
                               {"reason", outcome.trace.decision.reason}});
        }
        std::cout << results.dump(1) << "\n";
    } catch (const std::exception& e) {
        std::fprintf(stderr, "spf_differential_driver: %s\n", e.what());
        return 2;
    }
    return 0;
}
