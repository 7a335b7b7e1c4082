#pragma once
// Internal to core/dns: the state of one check_host() evaluation (counters, macro values,
// the %{p} cache) and the recursive algorithm. SpfEvaluator is the public face.

#include <optional>
#include <string>
#include <vector>

#include "core/dns/resolver.h"
#include "core/dns/spf_evaluator.h"
#include "core/dns/spf_macro.h"
#include "core/dns/spf_record.h"

namespace mailtopo::dns::detail {

enum class Match : uint8_t { Yes, No, Error };

// How one check_host() level ended, and why.
struct LevelVerdict {
    SpfResult result = SpfResult::None;
    std::vector<std::string> path;  // "domain: term" from this level down
    std::string section;
    std::string reason;
    // exp= of the record whose result this is (a redirect passes the target's on, §6.2).
    bool hasExplanation = false;
    std::string explanationSpec;
    std::string explanationDomain;
};

// Where lookups are recorded in the trace: a record's discovery list, a term's list or the
// explanation's; nothing when the trace is off.
class LookupSink {
public:
    LookupSink() = default;
    explicit LookupSink(SmallVector<SpfLookupTrace, 1>* record) : record_(record) {}
    explicit LookupSink(std::vector<SpfLookupTrace>* list) : list_(list) {}
    explicit operator bool() const { return record_ != nullptr || list_ != nullptr; }
    SpfLookupTrace& add() {
        return record_ != nullptr ? record_->emplace_back() : list_->emplace_back();
    }
    // The lookup recorded last, or nullptr.
    SpfLookupTrace* last() {
        if (record_ != nullptr)
            return record_->empty() ? nullptr : &record_->back();
        if (list_ != nullptr)
            return list_->empty() ? nullptr : &list_->back();
        return nullptr;
    }

private:
    SmallVector<SpfLookupTrace, 1>* record_ = nullptr;
    std::vector<SpfLookupTrace>* list_ = nullptr;
};

// The answer to one lookup: lent by the resolver (zone data, no copy) or built for it.
class LookupAnswer {
public:
    explicit LookupAnswer(const DnsAnswer* lent) : lent_(lent) {}
    explicit LookupAnswer(DnsAnswer owned) : owned_(std::move(owned)) {}
    const DnsAnswer& operator*() const { return lent_ != nullptr ? *lent_ : owned_; }
    const DnsAnswer* operator->() const { return &**this; }

private:
    const DnsAnswer* lent_ = nullptr;
    DnsAnswer owned_;
};

class Evaluation {
public:
    Evaluation(Resolver& resolver, const SpfOptions& options, const SpfRequest& request);

    LevelVerdict run(SpfRecordTrace* root);
    // The §6.2 explanation for a fail verdict; records the exp= lookup in `trace`.
    std::string explanation(const LevelVerdict& verdict, SpfTrace& trace);

    int lookups() const { return lookups_; }
    int voidLookups() const { return voids_; }
    int queries() const { return queries_; }

private:
    // `decisive`: this level's verdict can become the final one (the top level and the
    // redirect targets of decisive levels); only those need the sentence explaining a match.
    LevelVerdict checkHost(const std::string& domain, SpfRecordTrace* rt, int depth, bool decisive);
    Match evaluateMechanism(const SpfRecord& record, const SpfTerm& term, const std::string& domain,
                            SpfTermTrace* tt, int depth, LevelVerdict& out);
    Match evaluateRedirect(const SpfRecord& record, const SpfTerm& term, const std::string& domain,
                           SpfTermTrace* tt, int depth, bool decisive, LevelVerdict& out);

    // Mechanisms that query DNS (spf_mechanisms.cpp).
    Match matchA(const std::string& target, const SpfTerm& term, SpfTermTrace* tt,
                 LevelVerdict& out);
    Match matchMx(const std::string& target, const SpfTerm& term, SpfTermTrace* tt,
                  LevelVerdict& out);
    Match matchPtr(const std::string& target, SpfTermTrace* tt, LevelVerdict& out);
    Match matchExists(const std::string& target, SpfTermTrace* tt, LevelVerdict& out);
    Match matchInclude(const std::string& target, SpfTermTrace* tt, int depth, LevelVerdict& out);
    bool matchesNetwork(const SpfTerm& term) const;
    bool addressMatches(const net::Address& address, int cidr4, int cidr6) const;
    // Validates `name` for the client (§5.5): one of its addresses is the client's.
    bool validates(const std::string& name, const char* purpose);

    LookupAnswer lookup(std::string_view name, RRType type, const char* purpose);
    bool countLookup(SpfTermTrace* tt, LevelVerdict& out);
    bool countVoid(SpfTermTrace* tt, std::string_view what, LevelVerdict& out);
    bool target(const SpfRecord& record, const SpfTerm& term, const std::string& domain,
                std::string& out, LevelVerdict& error);
    std::string validatedName();
    RRType addressType() const { return ip_.isV4() ? RRType::A : RRType::AAAA; }

    Resolver& resolver_;
    const SpfOptions& options_;
    bool trace_;
    net::Address ip_;
    std::string ipDotted_, ipText_, sender_, localPart_, senderDomain_, helo_, timestamp_;
    std::string domain_;  // the request's <domain>
    MacroContext context_;
    LookupSink sink_;                                         // where lookups are recorded
    std::optional<std::vector<std::string>> validatedNames_;  // %{p} cache
    int lookups_ = 0;
    int voids_ = 0;
    int queries_ = 0;
};

// "example.org: include:s3.example.org"
std::string pathElement(std::string_view domain, std::string_view term);

}  // namespace mailtopo::dns::detail
