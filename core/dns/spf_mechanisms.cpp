// The mechanisms of RFC 7208 §5 that need DNS, and the address comparisons.

#include <algorithm>

#include "core/dns/dns_name.h"
#include "core/dns/spf_evaluation.h"

namespace mailtopo::dns::detail {
namespace {

Match dnsError(const DnsAnswer& answer, std::string_view name, RRType type, LevelVerdict& out) {
    out.result = SpfResult::TempError;
    out.section = std::string("5");  // move-assign: GCC 12 -O2 -Wrestrict false positive
    // Appended piecewise into a reserved string: GCC 12 -O2 warns falsely (-Wrestrict) on
    // the equivalent operator+ chain.
    std::string reason;
    reason.reserve(64 + name.size() + answer.detail.size());
    reason.append("DNS error looking up ").append(rrTypeName(type)).append(" of ").append(name);
    reason.append(" (").append(rcodeName(answer.rcode));
    if (!answer.detail.empty())
        reason.append(": ").append(answer.detail);
    reason.append(")");
    out.reason = std::move(reason);
    return Match::Error;
}

bool hasAnswer(const DnsAnswer& answer, RRType type) {
    return answer.rcode == Rcode::NoError && answer.hasType(type);
}

void note(SpfTermTrace* tt, std::string text) {
    if (tt != nullptr)
        tt->note = std::move(text);
}

}  // namespace

bool Evaluation::addressMatches(const net::Address& address, int cidr4, int cidr6) const {
    if (address.family() != ip_.family())
        return false;
    return net::Prefix(address, ip_.isV4() ? cidr4 : cidr6).contains(ip_);
}

// ip4/ip6 (§5.6): only a client of the same family can match.
bool Evaluation::matchesNetwork(const SpfTerm& term) const {
    return term.network.family() == ip_.family() && term.network.contains(ip_);
}

bool Evaluation::validates(const std::string& name, const char* purpose) {
    if (!isQueryableName(name))
        return false;
    const RRType type = addressType();
    const LookupAnswer looked = lookup(name, type, purpose);
    const DnsAnswer& answer = *looked;
    // §5.5: a DNS error while validating skips that name.
    if (answer.rcode != Rcode::NoError)
        return false;
    for (const auto& r : answer.records) {
        if (r.type == type && r.address && *r.address == ip_)
            return true;
    }
    return false;
}

// a (§5.3): A or AAAA records of the target, as the client's family asks, within the CIDR.
Match Evaluation::matchA(const std::string& target, const SpfTerm& term, SpfTermTrace* tt,
                         LevelVerdict& out) {
    if (!isQueryableName(target)) {
        note(tt, "'" + target + "' is not a valid DNS name: no match");
        return Match::No;
    }
    const RRType type = addressType();
    const LookupAnswer looked = lookup(target, type, "a");
    const DnsAnswer& answer = *looked;
    if (!answer.ok())
        return dnsError(answer, target, type, out);
    if (!hasAnswer(answer, type)) {
        return countVoid(tt, rrTypeName(type) + " of " + target, out) ? Match::No : Match::Error;
    }
    for (const auto& r : answer.records) {
        if (r.type == type && r.address && addressMatches(*r.address, term.cidr4, term.cidr6)) {
            return Match::Yes;
        }
    }
    return Match::No;
}

// mx (§5.4): the addresses of each MX host. One lookup term however many hosts, but more
// than 10 MX records is a permerror (§4.6.4).
Match Evaluation::matchMx(const std::string& target, const SpfTerm& term, SpfTermTrace* tt,
                          LevelVerdict& out) {
    if (!isQueryableName(target)) {
        note(tt, "'" + target + "' is not a valid DNS name: no match");
        return Match::No;
    }
    const LookupAnswer looked = lookup(target, RRType::MX, "mx");
    const DnsAnswer& answer = *looked;
    if (!answer.ok())
        return dnsError(answer, target, RRType::MX, out);
    std::vector<const DnsRecord*> hosts = answer.rcode == Rcode::NoError
                                              ? answer.ofType(RRType::MX)
                                              : std::vector<const DnsRecord*>{};
    if (hosts.empty()) {
        return countVoid(tt, "MX of " + target, out) ? Match::No : Match::Error;
    }
    if (static_cast<int>(hosts.size()) > options_.mxLimit) {
        out.result = SpfResult::PermError;
        out.section = "4.6.4";
        out.reason = target + " has " + std::to_string(hosts.size()) +
                     " MX records; an mx term may look up at most " +
                     std::to_string(options_.mxLimit);
        return Match::Error;
    }
    std::stable_sort(hosts.begin(), hosts.end(), [](const DnsRecord* a, const DnsRecord* b) {
        return a->preference < b->preference;
    });
    const RRType type = addressType();
    for (const DnsRecord* mx : hosts) {
        // A null MX (RFC 7505, exchange ".") names no host.
        if (mx->target.empty() || !isQueryableName(mx->target))
            continue;
        const LookupAnswer lookedUp = lookup(mx->target, type, "mx-host");
        const DnsAnswer& addresses = *lookedUp;
        if (!addresses.ok())
            return dnsError(addresses, mx->target, type, out);
        if (!hasAnswer(addresses, type)) {
            if (!countVoid(tt, rrTypeName(type) + " of MX host " + mx->target, out)) {
                return Match::Error;
            }
            continue;
        }
        for (const auto& r : addresses.records) {
            if (r.type == type && r.address && addressMatches(*r.address, term.cidr4, term.cidr6)) {
                return Match::Yes;
            }
        }
    }
    return Match::No;
}

// ptr (§5.5): a validated name of the client equal to the target or below it. Only names
// ending in the target are validated: the others could never match.
Match Evaluation::matchPtr(const std::string& target, SpfTermTrace* tt, LevelVerdict& out) {
    const LookupAnswer looked = lookup(reverseName(ip_), RRType::PTR, "ptr");
    const DnsAnswer& answer = *looked;
    if (!answer.ok()) {
        note(tt, "DNS error on the PTR lookup: no match (RFC 7208 5.5)");
        return Match::No;
    }
    const auto names = answer.rcode == Rcode::NoError ? answer.ofType(RRType::PTR)
                                                      : std::vector<const DnsRecord*>{};
    if (names.empty()) {
        return countVoid(tt, "PTR of " + ipText_, out) ? Match::No : Match::Error;
    }
    int considered = 0;
    for (const DnsRecord* ptr : names) {
        if (++considered > options_.ptrLimit) {
            note(tt, std::to_string(names.size()) + " PTR names; only the first " +
                         std::to_string(options_.ptrLimit) + " are considered");
            break;
        }
        if (!isSameOrSubdomain(ptr->target, target))
            continue;
        if (validates(ptr->target, "ptr-validate"))
            return Match::Yes;
    }
    return Match::No;
}

// exists (§5.7): any A record, whatever the client's family.
Match Evaluation::matchExists(const std::string& target, SpfTermTrace* tt, LevelVerdict& out) {
    if (!isQueryableName(target)) {
        note(tt, "'" + target + "' is not a valid DNS name: no match");
        return Match::No;
    }
    const LookupAnswer looked = lookup(target, RRType::A, "exists");
    const DnsAnswer& answer = *looked;
    if (!answer.ok())
        return dnsError(answer, target, RRType::A, out);
    if (!hasAnswer(answer, RRType::A)) {
        return countVoid(tt, "A of " + target, out) ? Match::No : Match::Error;
    }
    return Match::Yes;
}

// include (§5.2, R36): inner pass matches; fail, softfail and neutral do not; temperror
// stays temperror; permerror and none become permerror.
Match Evaluation::matchInclude(const std::string& target, SpfTermTrace* tt, int depth,
                               LevelVerdict& out) {
    SpfRecordTrace* child = tt != nullptr ? &tt->nested.emplace_back() : nullptr;
    LevelVerdict inner = checkHost(target, child, depth + 1, false);
    switch (inner.result) {
        case SpfResult::Pass:
            out.path = std::move(inner.path);
            return Match::Yes;
        case SpfResult::Fail:
        case SpfResult::SoftFail:
        case SpfResult::Neutral:
            // No note: the nested record's result already shows in the trace.
            return Match::No;
        case SpfResult::TempError:
        case SpfResult::PermError:
            out = std::move(inner);
            return Match::Error;
        case SpfResult::None:
            out.result = SpfResult::PermError;
            out.section = "5.2";
            out.reason = "include:" + target + " has no SPF record (" + inner.reason +
                         "), which is a permerror";
            out.path = std::move(inner.path);
            return Match::Error;
    }
    return Match::No;
}

}  // namespace mailtopo::dns::detail
