#pragma once
// Internal to core/analysis: what the design-level DNS rules share — the design's zones of
// the external view (which zone holds a name, where a record sits in the document, how a
// record is written into it), a resolver that keeps to those zones, and the senders whose
// SPF the rules judge: the design's own egress identities and the internet senders of its
// flows, each evaluated once.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/check_context.h"
#include "core/analysis/dns_catalog.h"
#include "core/analysis/dns_checks.h"
#include "core/analysis/simulation_checks.h"
#include "core/dns/resolver.h"
#include "core/dns/spf_evaluator.h"
#include "core/dns/zone_data_resolver.h"

namespace mailtopo::analysis::detail {

// TTL the remediations give new or raised records: a day, above R38's 43200 s.
inline constexpr int kRecommendedTtl = 86400;
inline constexpr int kDuhlMinimumTtl = 43200;  // R38, S1

// The design's zones of one DNS view.
class DesignZones {
public:
    DesignZones(const model::Design& design, model::DnsView view);

    // The zone whose origin is `name` or its closest parent, or nullptr.
    const model::DnsZone* zoneFor(std::string_view name) const;
    bool covers(std::string_view name) const { return zoneFor(name) != nullptr; }
    // "/dnsZones/2".
    std::string zonePointer(const model::DnsZone& zone) const;
    // The first record of `name` and `type` (and, when given, whose data `match` accepts):
    // its pointer, else the pointer of the zone holding `name`, else "".
    std::string recordPointer(std::string_view name, std::string_view type,
                              const std::function<bool(const model::DnsRecord&)>& match = {}) const;
    // The record as a line of the zone that holds `name`, with that zone named:
    // "mail 86400 IN A 198.51.100.25 (zone example.com.)".
    std::string recordLine(std::string_view name, int ttl, std::string_view type,
                           std::string_view data) const;
    // The zone id holding `name`, or "".
    std::string zoneId(std::string_view name) const;
    // Owner name of `record` in `zone`, absolute, lower case, without the final dot.
    static std::string ownerName(const model::DnsZone& zone, const model::DnsRecord& record);

private:
    const model::Design& design_;
    std::vector<std::pair<std::string, size_t>> origins_;  // normalised origin, zone index
};

// Answers from the design's zones of one view. A name no zone holds answers SERVFAIL
// ("outside the design's DNS zones") rather than NXDOMAIN: DNS the design does not model
// (a provider's include:, a hosted MX) must never look like a missing record.
class ScopedZoneResolver : public dns::Resolver {
public:
    ScopedZoneResolver(const model::Design& design, const DesignZones& zones, model::DnsView view);

protected:
    dns::DnsAnswer resolve(std::string_view name, dns::RRType type) override;

private:
    const DesignZones& zones_;
    std::unique_ptr<dns::ZoneDataResolver> data_;
};

using analysis::SpfSender;

struct DnsContext {
    const model::Design& design;
    const DesignIndex& index;
    const DesignZones& zones;
    dns::Resolver& resolver;  // external view, kept to the design's zones
    const std::vector<SpfSender>& senders;
};

// "flow 'A'" or "flow 'A' (and 2 more flows)".
std::string flowsText(const std::vector<std::string>& flows);
// "198.51.100.1 via FW (interface PAT)", "198.51.100.25 via FW (outbound NAT 'EX16 egress')".
std::string egressText(const model::Design& design, const sim::EgressIdentity& identity);
// egressText of a sender, naming the smart host it is (R29): "192.0.2.10 (smart host ISP-RELAY)".
std::string egressText(const model::Design& design, const SpfSender& sender);
std::string ip4or6(const net::Address& address);  // "ip4:198.51.100.1" / "ip6:2001:db8::1"
// TXT data in zone-file form: quoted, split into strings of at most 255 bytes.
std::string txtData(std::string_view text);
std::string lower(std::string_view text);
// The v=spf1 TXT records published at `domain` (strings joined); `ttl` receives the first
// one's TTL.
std::vector<std::string> spfRecordsAt(dns::Resolver& resolver, std::string_view domain,
                                      int* ttl = nullptr);
// The design record is a TXT record whose text starts with v=spf1.
bool isSpfRecordData(const model::DnsRecord& record);
// "fail: '-all' matched, so the result is its qualifier's: fail".
std::string spfResultText(const dns::SpfOutcome& outcome);

// Corrections of SPF record text (dns_spf_fixes.cpp), each keeping every other term as
// written. `records` are the v=spf1 records a domain publishes (joined text).
// One record for the domain: the records merged (terms of all, the first record's all= and
// modifiers), a term that does not parse dropped, and `add` inserted after the last
// ip4/ip6 term (else after "v=spf1"). No record: "v=spf1 <add> -all".
std::string correctedSpfRecord(const std::vector<std::string>& records,
                               const std::vector<net::Address>& add);
// `record` without the terms listed in `drop` (as written).
std::string withoutTerms(std::string_view record, const std::vector<std::string>& drop);
// `record` with every include: whose target publishes only ip4/ip6 terms and an all
// (per `resolver`) replaced by those ip4/ip6 terms; `flattened` receives the includes replaced.
std::string flattenIncludes(std::string_view record, dns::Resolver& resolver,
                            std::vector<std::string>& flattened);

// checkDns over an index the caller already has: validation builds one for every pass.
std::vector<Finding> checkDns(const DesignIndex& index, const SimulationResult& simulation);

void checkSpfEgress(const DnsContext& context, FindingSink& sink);       // R33, R34
void checkSpfRecords(const DnsContext& context, FindingSink& sink);      // R33–R35
void checkReverseDns(const DnsContext& context, FindingSink& sink);      // R37, R38
void checkMxReachability(const DnsContext& context, FindingSink& sink);  // R28, R15

}  // namespace mailtopo::analysis::detail
