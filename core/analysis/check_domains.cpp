// Accepted domains and the design's DNS zone data: valid, unique domain names with one
// default; absolute zone origins, one zone per origin and view, known record types and
// non-negative TTLs.

#include <array>
#include <map>
#include <utility>

#include "core/analysis/check_catalog.h"
#include "core/analysis/check_context.h"

namespace mailtopo::analysis::detail {
namespace {

constexpr std::array<std::string_view, 10> kRecordTypes = {"A",     "AAAA", "MX",  "TXT", "PTR",
                                                           "CNAME", "NS",   "SOA", "SRV", "SPF"};

std::string domainIdentity(const model::AcceptedDomain& domain) {
    return psString(domain.name.empty() ? domain.domainName : domain.name);
}

void checkAcceptedDomains(const DesignIndex& index, FindingSink& sink) {
    const auto& domains = index.design().organization.acceptedDomains;
    std::map<std::string, size_t> firstByName;
    std::optional<size_t> firstDefault;
    for (size_t k = 0; k < domains.size(); ++k) {
        const auto& domain = domains[k];
        const std::string base = indexed("/organization", "acceptedDomains", k);
        std::string why;
        if (!isValidDomainName(domain.domainName, true, false, why)) {
            sink.report(checks::kInvalidDomainName,
                        {.message = "accepted domain " + quoted(domain.domainName) +
                                    " is not a valid domain: " + why,
                         .elements = {domain.id},
                         .pointer = base + "/domainName",
                         .remediation = "Write the domain as \"contoso.com\" or \"*.contoso.com\": "
                                        "Set-AcceptedDomain " +
                                        domainIdentity(domain) + " -DomainName <domain>"});
        }
        auto [it, inserted] = firstByName.emplace(toLower(domain.domainName), k);
        if (!inserted) {
            const auto& earlier = domains[it->second];
            sink.report(
                checks::kDuplicateAcceptedDomain,
                {.message = "accepted domain " + quoted(domain.domainName) + " (" + domain.id +
                            ") duplicates " + quoted(earlier.domainName) + " (" + earlier.id + ")",
                 .elements = {domain.id, earlier.id},
                 .pointer = base + "/domainName",
                 .remediation = "Keep one entry per domain: Remove-AcceptedDomain " +
                                domainIdentity(domain) + " -Confirm:$false"});
        }
        if (!domain.isDefault)
            continue;
        if (!firstDefault) {
            firstDefault = k;
            continue;
        }
        const auto& earlier = domains[*firstDefault];
        sink.report(
            checks::kMultipleDefaultDomains,
            {.message = "accepted domains " + quoted(earlier.domainName) + " and " +
                        quoted(domain.domainName) + " are both marked default",
             .elements = {domain.id, earlier.id},
             .pointer = base + "/default",
             .remediation = "Mark one domain as the default; Exchange clears the flag on the "
                            "others: Set-AcceptedDomain " +
                            domainIdentity(earlier) + " -MakeDefault $true"});
    }
}

bool isKnownRecordType(std::string_view type) {
    for (auto known : kRecordTypes) {
        if (equalsIgnoreCase(type, known))
            return true;
    }
    return false;
}

void checkZones(const DesignIndex& index, FindingSink& sink) {
    const auto& zones = index.design().dnsZones;
    std::map<std::pair<std::string, model::DnsView>, size_t> firstByOrigin;
    for (size_t z = 0; z < zones.size(); ++z) {
        const auto& zone = zones[z];
        const std::string base = indexed("", "dnsZones", z);
        if (zone.origin.empty() || zone.origin.back() != '.') {
            sink.report(
                checks::kZoneOriginNotAbsolute,
                {.message = "DNS zone " + quoted(zone.id) + ": origin " + quoted(zone.origin) +
                            " is not an absolute name (it must end with a dot)",
                 .elements = {zone.id},
                 .pointer = base + "/origin",
                 .remediation =
                     "Write the origin with its final dot, e.g. " +
                     quoted(zone.origin.empty() ? "contoso.example." : zone.origin + ".") + "."});
        }
        std::string key = toLower(zone.origin);
        if (!key.empty() && key.back() != '.')
            key += '.';  // "a.example" and "a.example." are one zone
        auto [it, inserted] = firstByOrigin.emplace(std::make_pair(key, zone.view), z);
        if (!inserted) {
            const auto& earlier = zones[it->second];
            sink.report(checks::kDuplicateDnsZone,
                        {.message = "DNS zones " + quoted(earlier.id) + " and " + quoted(zone.id) +
                                    " both hold " + std::string(enumName(zone.view)) + " zone " +
                                    quoted(zone.origin),
                         .elements = {zone.id, earlier.id},
                         .pointer = base + "/origin",
                         .remediation = "Merge the records into " + quoted(earlier.id) +
                                        " and delete " + quoted(zone.id) +
                                        ", or set one zone's view to the other "
                                        "side of the split DNS."});
        }
        for (size_t r = 0; r < zone.records.size(); ++r) {
            const auto& record = zone.records[r];
            const std::string recordPointer = indexed(base, "records", r);
            const std::string label =
                "DNS zone " + quoted(zone.origin) + ": record " + quoted(record.name);
            if (!isKnownRecordType(record.type)) {
                sink.report(
                    checks::kDnsRecordUnknownType,
                    {.message = label + " has type " + quoted(record.type) +
                                ", which is not A, AAAA, MX, TXT, PTR, CNAME, NS, SOA, SRV or SPF",
                     .elements = {zone.id},
                     .pointer = recordPointer + "/type",
                     .remediation = "Use one of the supported record types, or leave the record "
                                    "out of the design (it does not affect mail flow analysis)."});
            }
            if (record.ttl < 0) {
                sink.report(checks::kDnsRecordNegativeTtl,
                            {.message = label + " " + record.type + " has TTL " +
                                        std::to_string(record.ttl),
                             .elements = {zone.id},
                             .pointer = recordPointer + "/ttl",
                             .remediation = "Use a TTL in seconds from 0 up, e.g. 3600."});
            }
        }
    }
}

}  // namespace

void checkDomainsAndDns(const DesignIndex& index, FindingSink& sink) {
    checkAcceptedDomains(index, sink);
    checkZones(index, sink);
}

}  // namespace mailtopo::analysis::detail
