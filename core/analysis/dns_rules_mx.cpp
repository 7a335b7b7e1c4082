// MX reachability of the accepted domains (R28 seen from the sender, R15 and R9–R11 on the
// design's side): the addresses external DNS gives for each MX host must be internet entries
// of the design for port 25, or inbound mail has nowhere to go.

#include <algorithm>

#include "core/analysis/dns_rules.h"
#include "core/dns/dns_name.h"

namespace mailtopo::analysis::detail {
namespace {

struct Entry {
    net::Address address;
    std::string what;  // "inbound NAT 'MX' of FW", "VIP 'SMTP' of LB", "host EDGE1"
};

// Where the internet can open an SMTP connection into the design. Hosts of kind
// internet-sender stand for other organisations' servers and are not entries.
std::vector<Entry> internetEntries(const model::DesignLookup& lookup) {
    const model::Design& design = lookup.design();
    std::vector<Entry> out;
    for (const auto& fw : design.firewalls)
        for (const auto& nat : fw.inboundNat)
            if (nat.publicPort == 25) {
                std::string what = "inbound NAT ";
                what += quoted(nat.name.empty() ? nat.id : nat.name);
                what += " of ";
                what += fw.name.empty() ? fw.id : fw.name;
                out.push_back({nat.publicAddress, std::move(what)});
            }
    for (const auto& lb : design.loadBalancers) {
        const bool internet =
            std::any_of(lb.interfaces.begin(), lb.interfaces.end(),
                        [&](const auto& i) { return isInternetSegment(lookup, i.segmentId); });
        if (!internet)
            continue;
        for (const auto& vip : lb.vips)
            if (vip.port == 25) {
                std::string what = "VIP ";
                what += quoted(vip.name.empty() ? vip.id : vip.name);
                what += " of ";
                what += lb.name.empty() ? lb.id : lb.name;
                out.push_back({vip.address, std::move(what)});
            }
    }
    for (const auto& host : design.hosts) {
        if (host.kind == model::HostKind::InternetSender)
            continue;
        for (const auto& nic : host.nics)
            if (isInternetSegment(lookup, nic.segmentId))
                for (const auto& a : nic.addresses) {
                    std::string what = "host ";
                    what += hostLabel(host);
                    out.push_back({a.address, std::move(what)});
                }
    }
    return out;
}

const Entry* entryAt(const std::vector<Entry>& entries, const net::Address& address) {
    for (const auto& e : entries)
        if (e.address == address)
            return &e;
    return nullptr;
}

std::string entryList(const std::vector<Entry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        if (!out.empty())
            out += ", ";
        out += e.address.toString();
        out += " (";
        out += e.what;
        out += ')';
    }
    return out;
}

std::string addressesOf(const dns::DnsAnswer& a, const dns::DnsAnswer& aaaa) {
    std::string out;
    for (const auto* answer : {&a, &aaaa})
        for (const auto& r : answer->records)
            if (r.address) {
                if (!out.empty())
                    out += ", ";
                out += r.address->toString();
            }
    return out;
}

}  // namespace

void checkMxReachability(const DnsContext& context, FindingSink& sink) {
    const auto entries = internetEntries(context.index.lookup());
    const auto& domains = context.design.organization.acceptedDomains;
    for (const auto& accepted : domains) {
        const std::string domain = lower(dns::stripTrailingDot(accepted.domainName));
        if (domain.empty() || domain.front() == '*' || !context.zones.covers(domain))
            continue;
        const auto mx = context.resolver.query(domain, dns::RRType::MX);
        if (mx.rcode == dns::Rcode::ServFail || mx.rcode == dns::Rcode::Timeout)
            continue;
        std::vector<std::pair<std::string, std::string>> hosts;  // (host, pointer)
        for (const auto* record : mx.ofType(dns::RRType::MX))
            if (!record->target.empty())  // a null MX says the domain takes no mail
                hosts.emplace_back(
                    record->target,
                    context.zones.recordPointer(domain, "MX", [&](const model::DnsRecord& r) {
                        return lower(r.data).find(lower(record->target)) != std::string::npos;
                    }));
        const bool implicit = mx.ofType(dns::RRType::MX).empty();
        if (implicit)  // RFC 5321 §5.1: the address record is the implicit MX
            hosts.emplace_back(domain, context.zones.recordPointer(domain, "A"));
        for (const auto& [host, pointer] : hosts) {
            if (!context.zones.covers(host))
                continue;  // a hosted MX the design does not model
            const auto a = context.resolver.query(host, dns::RRType::A);
            const auto aaaa = context.resolver.query(host, dns::RRType::AAAA);
            std::vector<net::Address> unreachable;
            size_t total = 0;
            for (const auto* answer : {&a, &aaaa})
                for (const auto& r : answer->records)
                    if (r.address) {
                        ++total;
                        if (entryAt(entries, *r.address) == nullptr)
                            unreachable.push_back(*r.address);
                    }
            if (total > 0 && unreachable.empty())
                continue;
            std::string message = "accepted domain ";
            message += domain;
            if (implicit) {
                message += " has no MX record, and its address record (the implicit MX)";
            } else {
                message += ": MX host ";
                message += host;
            }
            if (total == 0) {
                message += " does not resolve in the external view";
            } else {
                message += " resolves to ";
                message += addressesOf(a, aaaa);
                message += unreachable.size() == total
                               ? ", which is not an internet entry of the design"
                               : ", of which these are not internet entries of the design: ";
                if (unreachable.size() != total)
                    for (size_t i = 0; i < unreachable.size(); ++i) {
                        if (i > 0)
                            message += ", ";
                        message += unreachable[i].toString();
                    }
            }
            if (entries.empty()) {
                message += "; the design has no internet entry for port 25";
            } else {
                message += "; entries for port 25: ";
                message += entryList(entries);
            }
            std::string fix;
            if (!entries.empty()) {
                fix = "Publish ";
                fix += context.zones.recordLine(host, kRecommendedTtl,
                                                entries.front().address.isV4() ? "A" : "AAAA",
                                                entries.front().address.toString());
                for (const auto& address : unreachable) {
                    fix += "\nand delete the record for ";
                    fix += address.toString();
                }
                fix +=
                    "\nor add an inbound NAT rule (public address:25 to the receiving "
                    "server) for the address the MX names";
            } else {
                fix =
                    "Give the internet a way in for port 25: an inbound NAT rule on the "
                    "firewall (public address:25 to the receiving server, R15), and publish "
                    "its public address for ";
                fix += host;
            }
            std::vector<std::string> elements{accepted.id};
            if (auto zone = context.zones.zoneId(domain); !zone.empty())
                elements.push_back(zone);
            sink.report(dnsrules::kMxUnreachable, {.message = std::move(message),
                                                   .elements = std::move(elements),
                                                   .pointer = pointer,
                                                   .remediation = std::move(fix)});
        }
    }
}

}  // namespace mailtopo::analysis::detail
