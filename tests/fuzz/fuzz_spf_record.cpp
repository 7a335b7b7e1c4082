// libFuzzer target for the SPF record parser, the macro expander and check_host() over a
// fixed in-memory zone. The input is one or more records separated by '\n': the first is
// published at fuzz.example.org, the next ones at f1.example.org, f2.example.org, ... so
// includes and redirects between fuzzed records get explored too. The first byte picks the
// client address. Invariants: no crash, limits hold, tracing does not change the verdict,
// and both renderings of the explanation work on any bytes.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dns/dns_name.h"
#include "core/dns/spf_evaluator.h"
#include "core/dns/spf_explain.h"
#include "core/dns/spf_macro.h"
#include "core/dns/spf_record.h"
#include "core/dns/zone_data_resolver.h"

using namespace mailtopo::dns;
using mailtopo::net::Address;

namespace {

void check(bool condition) {
    if (!condition)
        std::abort();
}

Address address(const char* text) {
    return *Address::parse(text);
}

// The fixed part of the zone: hosts, MX, PTR, lists and a name that times out.
ZoneDataResolver& baseZone() {
    static ZoneDataResolver* zone = [] {
        auto* z = new ZoneDataResolver;
        z->add(makeTxtRecord("example.org", {"v=spf1 ip4:192.0.2.0/28 mx -all"}));
        z->add(makeTxtRecord("inc.example.org", {"v=spf1 a:mail.example.org ~all"}));
        z->add(makeTxtRecord("two.example.org", {"v=spf1 -all"}));
        z->add(makeTxtRecord("two.example.org", {"v=spf1 +all"}));
        z->add(makeTxtRecord("exp.example.org", {"%{i} %{c} %{r} %{t} %{L} not allowed for %{d}"}));
        z->add(makeMxRecord("example.org", 10, "mail.example.org"));
        z->add(makeMxRecord("example.org", 20, "."));
        z->add(makeAddressRecord("mail.example.org", address("192.0.2.10")));
        z->add(makeAddressRecord("mail.example.org", address("2001:db8::10")));
        z->add(makeNameRecord("10.2.0.192.in-addr.arpa", RRType::PTR, "mail.example.org"));
        z->add(makeNameRecord("10.2.0.192.in-addr.arpa", RRType::PTR, "loop.example.org"));
        z->add(makeNameRecord("loop.example.org", RRType::CNAME, "loop.example.org"));
        z->add(makeAddressRecord("10.2.0.192.list.example.org", address("127.0.0.2")));
        z->add(makeNameRecord("alias.example.org", RRType::CNAME, "inc.example.org"));
        z->addTimeout("slow.example.org");
        return z;
    }();
    return *zone;
}

// The base zone plus the fuzzed records.
class FuzzResolver : public Resolver {
public:
    explicit FuzzResolver(std::vector<std::string> records) : records_(std::move(records)) {}

protected:
    DnsAnswer resolve(std::string_view name, RRType type) override {
        const std::string key = normalizeName(name);
        for (size_t i = 0; i < records_.size(); ++i) {
            const std::string owner =
                i == 0 ? "fuzz.example.org" : "f" + std::to_string(i) + ".example.org";
            if (key != owner)
                continue;
            DnsAnswer answer;
            if (type == RRType::TXT)
                answer.records.push_back(makeTxtRecord(owner, {records_[i]}));
            return answer;
        }
        return baseZone().query(name, type);
    }

private:
    std::vector<std::string> records_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    static const char* const kClients[] = {"192.0.2.10",        "192.0.2.3",   "2001:db8::10",
                                           "::ffff:192.0.2.10", "203.0.113.9", "2001:db8:ffff::1"};
    const Address client = address(kClients[data[0] % 6]);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    std::vector<std::string> records;
    size_t start = 0;
    while (start <= text.size() && records.size() < 12) {
        const size_t end = text.find('\n', start);
        records.emplace_back(
            text.substr(start, end == std::string_view::npos ? text.npos : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }

    // The parser alone: an accepted record re-parses to the same terms.
    const SpfParseResult parsed = parseSpfRecord(records[0]);
    if (parsed.ok()) {
        const SpfParseResult again = parseSpfRecord(parsed.record->text);
        check(again.ok() && again.record->terms.size() == parsed.record->terms.size());
    } else {
        check(!parsed.error.message.empty() && !parsed.error.section.empty());
    }

    // The macro expander alone, in both modes: a string that checks also expands.
    MacroContext context;
    context.sender = "user@example.org";
    context.localPart = "user";
    context.senderDomain = "example.org";
    context.domain = "fuzz.example.org";
    context.ipDotted = "192.0.2.10";
    context.ipText = "192.0.2.10";
    context.ipVersion = "in-addr";
    context.helo = "mail.example.org";
    context.receiver = "mx.example.net";
    context.timestamp = "0";
    for (const MacroMode mode : {MacroMode::Domain, MacroMode::Explanation}) {
        const bool valid = checkMacroString(records[0], mode);
        const auto expanded = expandMacroString(records[0], mode, context);
        check(valid == expanded.has_value());
        if (expanded)
            check(toQueryName(*expanded).size() <= std::max<size_t>(253, expanded->size()));
    }
    if (checkDomainSpec(records[0]))
        check(checkMacroString(records[0], MacroMode::Domain));

    // check_host() with and without the explanation tree.
    FuzzResolver resolver(records);
    SpfOptions options;
    options.timestamp = 0;
    const SpfRequest request =
        SpfRequest::forMailFrom(client, "user@fuzz.example.org", "mail.example.org");
    const SpfOutcome traced = SpfEvaluator(resolver, options).checkHost(request);
    options.trace = false;
    const SpfOutcome plain = SpfEvaluator(resolver, options).checkHost(request);
    check(traced.result == plain.result);
    check(traced.explanation == plain.explanation);
    check(traced.trace.lookups == plain.trace.lookups);
    check(traced.trace.lookups <= options.lookupLimit + 1);
    check(traced.trace.voidLookups <= options.voidLookupLimit + 1);
    check(!traced.trace.decision.reason.empty() && !traced.trace.decision.section.empty());
    if (traced.result != SpfResult::Fail)
        check(traced.explanation.empty());
    if (!parsed.ok())
        check(traced.result == SpfResult::PermError || traced.result == SpfResult::None);
    check(nlohmann::json::accept(spfOutcomeToJsonText(traced)));
    check(!spfOutcomeToText(traced).empty());
    return 0;
}
