#pragma once
// One interface for every source of DNS answers: the design's own zone data, zone files,
// the conformance suite's scenarios and live DNS. The SPF evaluator and the design checks
// only ever see this interface, so they behave the same whatever answers them.

#include <atomic>
#include <cstdint>
#include <string_view>

#include "core/dns/dns_types.h"

namespace mailtopo::dns {

class Resolver {
public:
    Resolver() = default;
    Resolver(const Resolver&) = delete;
    Resolver& operator=(const Resolver&) = delete;
    virtual ~Resolver() = default;

    // Asks for `type` records of `name` (trailing dot optional, any case). Aliases are
    // followed as a recursive resolver would: the answer holds the CNAME chain, then the
    // records of the target. A CNAME loop or an over-long chain is SERVFAIL. Thread-safe
    // for the implementations in this folder.
    DnsAnswer query(std::string_view name, RRType type) {
        queries_.fetch_add(1, std::memory_order_relaxed);
        return resolve(name, type);
    }

    // The same answer as query(), lent without a copy by resolvers that hold it in memory:
    // valid until the resolver changes. nullptr when this resolver cannot lend that answer
    // (then ask query()); a lent answer counts as a query. The SPF evaluator's hot path.
    const DnsAnswer* lend(std::string_view name, RRType type) {
        const DnsAnswer* answer = lendAnswer(name, type);
        if (answer != nullptr)
            queries_.fetch_add(1, std::memory_order_relaxed);
        return answer;
    }

    // How many queries were asked through query() and lend() since construction or the last
    // reset; the SPF trace reports it and the tests use it to prove limits stop the lookups.
    uint64_t queryCount() const { return queries_.load(std::memory_order_relaxed); }
    void resetQueryCount() { queries_.store(0, std::memory_order_relaxed); }

    // The longest CNAME chain followed before giving up with SERVFAIL.
    static constexpr int kMaxCnameChain = 16;

protected:
    virtual DnsAnswer resolve(std::string_view name, RRType type) = 0;
    virtual const DnsAnswer* lendAnswer(std::string_view /*name*/, RRType /*type*/) {
        return nullptr;
    }

private:
    std::atomic<uint64_t> queries_{0};
};

}  // namespace mailtopo::dns
