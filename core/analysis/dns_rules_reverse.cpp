// R37 and R38 for the addresses the design's mail leaves as: forward-confirmed reverse DNS
// (the PTR names a host whose address records give the address back), and the SORBS-DUHL
// static-sender policy of S1 (MX, A and PTR consistent, TTLs of at least 43200 s).
// Hops to a smart host are not egress for these rules (see dns_checks.cpp): the final
// receiver sees the smart host, whose own address is judged instead (R29).

#include <algorithm>
#include <set>

#include "core/analysis/dns_rules.h"
#include "core/dns/dns_name.h"

namespace mailtopo::analysis::detail {
namespace {

constexpr size_t kMaxPtrNames = 10;  // R37, A21

dns::RRType addressType(const net::Address& address) {
    return address.isV4() ? dns::RRType::A : dns::RRType::AAAA;
}

bool isDnsError(dns::Rcode rcode) {
    return rcode == dns::Rcode::ServFail || rcode == dns::Rcode::Timeout;
}

std::string absolute(std::string_view name) {
    std::string out = dns::stripTrailingDot(name);
    out += '.';
    return out;
}

// What the address records of `name` say about `address`.
struct Forward {
    bool known = false;    // the design's zones answered
    bool matches = false;  // one record is `address`
    std::vector<const dns::DnsRecord*> records;
    dns::DnsAnswer answer;
};

Forward forward(dns::Resolver& resolver, std::string_view name, const net::Address& address) {
    Forward f;
    f.answer = resolver.query(name, addressType(address));
    f.known = !isDnsError(f.answer.rcode);
    f.records = f.answer.ofType(addressType(address));
    f.matches = std::any_of(f.records.begin(), f.records.end(),
                            [&](const dns::DnsRecord* r) { return r->address == address; });
    return f;
}

std::string answerText(const Forward& f, const net::Address& address) {
    std::string out(dns::rrTypeName(addressType(address)));
    out += ' ';
    if (f.answer.rcode == dns::Rcode::NxDomain)
        return out += "NXDOMAIN";
    if (f.records.empty())
        return out += "no records";
    for (size_t i = 0; i < f.records.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += f.records[i]->rdata;
    }
    return out;
}

// The MX hosts of `domain` whose address records include `address`.
std::vector<std::string> mxHostsAt(dns::Resolver& resolver, const std::string& domain,
                                   const net::Address& address) {
    std::vector<std::string> out;
    // The answer must outlive the loop: ofType() points into it.
    const auto answer = resolver.query(domain, dns::RRType::MX);
    for (const auto* mx : answer.ofType(dns::RRType::MX))
        if (!mx->target.empty() && forward(resolver, mx->target, address).matches)
            out.push_back(mx->target);
    return out;
}

std::vector<std::string> egressElements(const DnsContext& context, std::string_view zoneName,
                                        const SpfSender& sender) {
    std::vector<std::string> out;
    for (const auto& e : {context.zones.zoneId(zoneName), sender.identity.natDevice, sender.client})
        if (!e.empty())
            out.push_back(e);
    return out;
}

void fcrdns(const DnsContext& context, const SpfSender& sender, FindingSink& sink) {
    const net::Address& address = sender.address;
    const std::string reverse = dns::reverseName(address);
    if (!context.zones.covers(reverse))
        return;  // the reverse zone is not in the design (often the ISP's)
    const auto answer = context.resolver.query(reverse, dns::RRType::PTR);
    if (isDnsError(answer.rcode))
        return;
    const auto mapped = mxHostsAt(context.resolver, sender.domain, address);
    const std::string wanted = mapped.empty() ? sender.helo : mapped.front();

    std::string message = flowsText(sender.flows);
    message += ": mail leaves as ";
    message += egressText(context.design, sender);
    message += "; ";
    std::string fix;
    const auto ptrs = answer.ofType(dns::RRType::PTR);
    if (ptrs.empty()) {
        message += "its reverse name ";
        message += reverse;
        message += answer.rcode == dns::Rcode::NxDomain ? " does not exist" : " has no PTR record";
        message += ", so iprev is permerror";
        fix = "Publish ";
        fix += context.zones.recordLine(reverse, kRecommendedTtl, "PTR", absolute(wanted));
    } else {
        bool unknown = false;
        std::string evidence;
        for (size_t i = 0; i < ptrs.size() && i < kMaxPtrNames; ++i) {
            const Forward f = forward(context.resolver, ptrs[i]->target, address);
            if (f.matches)
                return;  // pass
            unknown = unknown || !f.known;
            if (!evidence.empty())
                evidence += "; ";
            evidence += ptrs[i]->target;
            evidence += " (";
            evidence += f.known ? answerText(f, address) : std::string("outside the design");
            evidence += ')';
        }
        if (unknown)
            return;  // a name the design does not hold might resolve back
        message += "the PTR of ";
        message += address.toString();
        message += " names ";
        message += evidence;
        message += "; no name gives ";
        message += address.toString();
        message += " back, so iprev fails";
        const std::string named = ptrs.front()->target;
        fix = "Publish ";
        fix += context.zones.recordLine(named, kRecommendedTtl,
                                        dns::rrTypeName(addressType(address)), address.toString());
        if (!equalsIgnoreCase(named, wanted)) {
            fix += "\nor point the PTR at ";
            fix += wanted;
            fix += ": ";
            fix += context.zones.recordLine(reverse, kRecommendedTtl, "PTR", absolute(wanted));
        }
    }
    // The PTR the fix names must itself resolve back.
    const bool namesWanted = ptrs.empty() || !equalsIgnoreCase(ptrs.front()->target, wanted);
    if (namesWanted && !forward(context.resolver, wanted, address).matches) {
        fix += "\nwith ";
        fix += context.zones.recordLine(wanted, kRecommendedTtl,
                                        dns::rrTypeName(addressType(address)), address.toString());
    }
    sink.report(dnsrules::kFcrdnsFail,
                {.message = std::move(message),
                 .elements = egressElements(context, reverse, sender),
                 .pointer = context.zones.recordPointer(reverse, "PTR"),
                 .remediation = std::move(fix),
                 .flow = sender.flows.empty() ? std::string() : sender.flows.front()});
}

void duhl(const DnsContext& context, const SpfSender& sender, FindingSink& sink) {
    const net::Address& address = sender.address;
    const std::string& domain = sender.domain;
    const auto mxAnswer = context.resolver.query(domain, dns::RRType::MX);
    if (isDnsError(mxAnswer.rcode))
        return;
    std::vector<std::string> misses;
    std::vector<std::string> fixes;
    auto ttlText = [](uint32_t ttl) {
        std::string out = "TTL ";
        out += std::to_string(ttl);
        return out;
    };
    std::vector<std::string> hosts;      // MX hosts
    std::vector<std::string> atAddress;  // MX hosts whose address is the egress address
    bool someOutside = false;            // an MX host the design's zones do not hold
    for (const auto* mx : mxAnswer.ofType(dns::RRType::MX)) {
        if (mx->target.empty())
            continue;  // null MX
        hosts.push_back(mx->target);
        if (mx->ttl < kDuhlMinimumTtl) {
            misses.push_back("MX " + mx->target + " has " + ttlText(mx->ttl));
            fixes.push_back(context.zones.recordLine(
                domain, kRecommendedTtl, "MX",
                std::to_string(mx->preference) + " " + absolute(mx->target)));
        }
        const Forward f = forward(context.resolver, mx->target, address);
        if (!f.known) {
            someOutside = true;  // its records are not the design's to judge
            continue;
        }
        if (f.records.empty())
            misses.push_back("MX host " + mx->target + " has no " +
                             dns::rrTypeName(addressType(address)) + " record");
        for (const auto* r : f.records)
            if (r->ttl < kDuhlMinimumTtl) {
                misses.push_back(mx->target + " " + dns::rrTypeName(r->type) + " " + r->rdata +
                                 " has " + ttlText(r->ttl));
                fixes.push_back(context.zones.recordLine(mx->target, kRecommendedTtl,
                                                         dns::rrTypeName(r->type), r->rdata));
            }
        if (f.matches)
            atAddress.push_back(mx->target);
    }
    if (hosts.empty())
        misses.push_back(domain + " has no MX record");
    // Whether the egress address must become an MX host; unknown when a host is outside.
    const bool needsMxHost = atAddress.empty() && !someOutside;
    if (needsMxHost && !hosts.empty()) {
        std::string miss = "no MX host of " + domain + " has the address ";
        miss += address.toString();
        miss += " (";
        for (size_t i = 0; i < hosts.size(); ++i) {
            if (i > 0)
                miss += ", ";
            miss += hosts[i];
            miss += " = ";
            miss += answerText(forward(context.resolver, hosts[i], address), address);
        }
        miss += ')';
        misses.push_back(std::move(miss));
    }
    const std::string reverse = dns::reverseName(address);
    if (context.zones.covers(reverse)) {
        const auto ptrAnswer = context.resolver.query(reverse, dns::RRType::PTR);
        const auto ptrs = ptrAnswer.ofType(dns::RRType::PTR);
        const dns::DnsRecord* naming = nullptr;
        for (const auto* ptr : ptrs)
            for (const auto& host : hosts)
                if (naming == nullptr && equalsIgnoreCase(ptr->target, host))
                    naming = ptr;
        if (naming == nullptr) {
            std::string miss = "the PTR of ";
            miss += address.toString();
            if (ptrs.empty()) {
                miss += " is missing";
            } else {
                miss += " names ";
                miss += ptrs.front()->target;
                miss += ", not an MX host";
            }
            misses.push_back(std::move(miss));
        } else if (naming->ttl < kDuhlMinimumTtl) {
            std::string miss = "the PTR of ";  // appended: GCC 12 -Wrestrict false positive
            miss += address.toString();
            miss += " has ";
            miss += ttlText(naming->ttl);
            misses.push_back(std::move(miss));
        }
        if ((naming == nullptr || naming->ttl < kDuhlMinimumTtl) && !atAddress.empty())
            fixes.push_back(context.zones.recordLine(reverse, kRecommendedTtl, "PTR",
                                                     absolute(atAddress.front())));
    }
    if (misses.empty())
        return;
    std::string message = flowsText(sender.flows);
    message += ": mail from ";
    message += domain;
    message += " leaves as ";
    message += egressText(context.design, sender);
    message +=
        "; the static-sender policy (TTL >= 43200 s, PTR naming an MX host of that "
        "address) misses: ";
    for (size_t i = 0; i < misses.size(); ++i) {
        if (i > 0)
            message += "; ";
        message += misses[i];
    }
    std::string fix;
    if (needsMxHost) {
        const std::string name = sender.helo;
        fix = "Send as the address of an MX host";
        if (!hosts.empty()) {
            fix += " (";
            fix += hosts.front();
            fix += ')';
        }
        fix += ", or make ";
        fix += address.toString();
        fix += " an MX host of ";
        fix += domain;
        fix += ": ";
        fix += context.zones.recordLine(
            domain, kRecommendedTtl, "MX",
            std::to_string(hosts.empty() ? 10 : 20) + " " + absolute(name));
        fix += ", ";
        fix += context.zones.recordLine(name, kRecommendedTtl,
                                        dns::rrTypeName(addressType(address)), address.toString());
        fix += ", ";
        fix += context.zones.recordLine(reverse, kRecommendedTtl, "PTR", absolute(name));
    }
    for (const auto& line : fixes) {
        fix += fix.empty() ? "Publish " : "\nand ";
        fix += line;
    }
    sink.report(dnsrules::kDuhlPolicy,
                {.message = std::move(message),
                 .elements = egressElements(context, domain, sender),
                 .pointer = context.zones.recordPointer(domain, "MX"),
                 .remediation = std::move(fix),
                 .flow = sender.flows.empty() ? std::string() : sender.flows.front()});
}

}  // namespace

void checkReverseDns(const DnsContext& context, FindingSink& sink) {
    std::set<net::Address> addresses;
    std::set<std::pair<std::string, net::Address>> domains;
    for (const auto& sender : context.senders) {
        if (!sender.egress)
            continue;
        if (addresses.insert(sender.address).second)
            fcrdns(context, sender, sink);
        if (domains.emplace(sender.domain, sender.address).second)
            duhl(context, sender, sink);
    }
}

}  // namespace mailtopo::analysis::detail
