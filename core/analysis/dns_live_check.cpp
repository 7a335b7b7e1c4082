// Design vs world: one query per record set of the design's external zones, compared record
// by record. Both sides go through ldns's presentation form (zone_import.h, the live
// resolver), so "10 mail.example.com." written in the design and received from the server
// compare equal; names compare without case, TXT strings exactly.

#include "core/analysis/dns_live_check.h"

#include <algorithm>
#include <map>

#include "core/analysis/check_context.h"
#include "core/analysis/dns_catalog.h"
#include "core/dns/dns_name.h"
#include "core/dns/zone_import.h"

namespace mailtopo::analysis {
namespace {

struct RecordSet {
    const model::DnsZone* zone = nullptr;
    std::string pointer;  // the set's first record in the document
    std::string name;     // owner, absolute, as the design writes it
    dns::RRType type = dns::RRType::A;
    std::vector<dns::DnsRecord> records;
};

bool sameData(const dns::DnsRecord& a, const dns::DnsRecord& b) {
    if (a.type == dns::RRType::TXT || a.type == dns::RRType::SPF)
        return a.strings == b.strings;
    return dns::equalsIgnoreCase(a.rdata, b.rdata);
}

std::string dataList(const std::vector<const dns::DnsRecord*>& records) {
    std::string out;
    for (const auto* r : records) {
        if (!out.empty())
            out += ", ";
        out += r->rdata;
    }
    return out;
}

std::string line(const RecordSet& set, const dns::DnsRecord& record) {
    std::string out = dns::relativeName(set.name, set.zone->origin);
    out += ' ';
    out += std::to_string(record.ttl);
    out += " IN ";
    out += dns::rrTypeName(record.type);
    out += ' ';
    out += record.rdata;
    return out;
}

std::string lines(const RecordSet& set, const std::vector<const dns::DnsRecord*>& records) {
    std::string out;
    for (const auto* r : records) {
        if (!out.empty())
            out += ", ";
        out += line(set, *r);
    }
    return out;
}

// The record sets of every external zone, in document order.
std::vector<RecordSet> recordSets(const model::Design& design) {
    std::vector<RecordSet> sets;
    std::map<std::pair<std::string, uint16_t>, size_t> byKey;
    for (size_t z = 0; z < design.dnsZones.size(); ++z) {
        const auto& zone = design.dnsZones[z];
        if (zone.view != model::DnsView::External)
            continue;
        for (size_t r = 0; r < zone.records.size(); ++r) {
            auto parsed = dns::parseModelRecord(zone.records[r], zone.origin);
            if (!parsed)
                continue;  // the structure checks and dns-check's stderr name it
            const auto key = std::make_pair(dns::normalizeName(parsed->name),
                                            static_cast<uint16_t>(parsed->type));
            auto [it, inserted] = byKey.emplace(key, sets.size());
            if (inserted) {
                RecordSet set;
                set.zone = &zone;
                set.pointer = detail::indexed(detail::indexed("", "dnsZones", z), "records", r);
                set.name = parsed->name;
                set.type = parsed->type;
                sets.push_back(std::move(set));
            }
            sets[it->second].records.push_back(std::move(*parsed));
        }
    }
    return sets;
}

}  // namespace

LiveDnsComparison compareWithServer(const model::Design& design, dns::Resolver& server,
                                    const std::string& serverName) {
    LiveDnsComparison out;
    detail::FindingSink sink;
    for (const auto& set : recordSets(design)) {
        ++out.queries;
        const dns::DnsAnswer answer = server.query(set.name, set.type);
        std::string where = "zone ";
        where += set.zone->origin;
        where += ": ";
        where += set.name;
        where += ' ';
        where += dns::rrTypeName(set.type);
        where += " on ";
        where += serverName;
        const auto report = [&](std::string message, std::string fix) {
            sink.report(dnsrules::kDnsLiveMismatch, {.message = std::move(message),
                                                     .elements = {set.zone->id},
                                                     .pointer = set.pointer,
                                                     .remediation = std::move(fix)});
        };
        if (answer.rcode == dns::Rcode::Timeout || answer.rcode == dns::Rcode::ServFail) {
            ++out.unanswered;
            std::string message = where;
            message += ": no answer (";
            message += dns::rcodeName(answer.rcode);
            if (!answer.detail.empty()) {
                message += ", ";
                message += answer.detail;
            }
            message += "), so it cannot be compared";
            report(std::move(message), "Check that the server is authoritative for " +
                                           set.zone->origin +
                                           " and reachable, then run dns-check again.");
            continue;
        }
        const auto live = answer.ofType(set.type);
        std::vector<const dns::DnsRecord*> designOnly, liveOnly;
        std::vector<std::pair<const dns::DnsRecord*, const dns::DnsRecord*>> ttlPairs;
        for (const auto& d : set.records) {
            const auto it = std::find_if(live.begin(), live.end(),
                                         [&](const dns::DnsRecord* l) { return sameData(d, *l); });
            if (it == live.end())
                designOnly.push_back(&d);
            else if ((*it)->ttl != d.ttl)
                ttlPairs.emplace_back(&d, *it);
        }
        for (const auto* l : live)
            if (std::none_of(set.records.begin(), set.records.end(),
                             [&](const dns::DnsRecord& d) { return sameData(d, *l); }))
                liveOnly.push_back(l);
        std::vector<const dns::DnsRecord*> designSet;
        for (const auto& d : set.records)
            designSet.push_back(&d);

        if (live.empty()) {
            std::string message = where;
            message += answer.rcode == dns::Rcode::NxDomain ? ": the name does not exist (NXDOMAIN)"
                                                            : ": no records of this type";
            message += "; the design has ";
            message += dataList(designSet);
            std::string fix = "Publish ";
            fix += lines(set, designSet);
            fix += " in zone ";
            fix += set.zone->origin;
            fix += ", or remove it from the design";
            report(std::move(message), std::move(fix));
        } else if (!designOnly.empty() && !liveOnly.empty()) {
            std::string message = where;
            message += ": different data: the design has ";
            message += dataList(designOnly);
            message += ", the server ";
            message += dataList(liveOnly);
            std::string fix = "Make the server publish ";
            fix += lines(set, designOnly);
            fix += " instead of ";
            fix += lines(set, liveOnly);
            fix += ", or update the design to what the server publishes";
            report(std::move(message), std::move(fix));
        } else if (!designOnly.empty()) {
            std::string message = where;
            message += ": missing on the server: ";
            message += dataList(designOnly);
            message += " (the server has ";
            message += dataList(live);
            message += ')';
            std::string fix = "Publish ";
            fix += lines(set, designOnly);
            fix += " in zone ";
            fix += set.zone->origin;
            fix += ", or remove it from the design";
            report(std::move(message), std::move(fix));
        } else if (!liveOnly.empty()) {
            std::string message = where;
            message += ": extra on the server, not in the design: ";
            message += dataList(liveOnly);
            std::string fix = "Add ";
            fix += lines(set, liveOnly);
            fix += " to the design's zone ";
            fix += set.zone->id;
            fix += ", or remove it from the server";
            report(std::move(message), std::move(fix));
        }
        if (!ttlPairs.empty()) {
            std::string message = where;
            message += ": TTL differs: ";
            std::string fix = "Set ";
            for (size_t i = 0; i < ttlPairs.size(); ++i) {
                const auto& [d, l] = ttlPairs[i];
                if (i > 0) {
                    message += ", ";
                    fix += ", ";
                }
                message += d->rdata;
                message += " has TTL ";
                message += std::to_string(d->ttl);
                message += " in the design, ";
                message += std::to_string(l->ttl);
                message += " on the server";
                fix += line(set, *d);
            }
            fix += " on the server, or update the TTL in the design";
            report(std::move(message), std::move(fix));
        }
    }
    out.findings = sink.take();
    sortFindings(out.findings);
    return out;
}

}  // namespace mailtopo::analysis
