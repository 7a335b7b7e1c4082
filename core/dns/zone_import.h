#pragma once
// Between the design's DNS zone data (model::DnsRecord: presentation format, names relative
// to the zone origin) and parsed records. ldns does the presentation parsing, so the design,
// zone files and live answers all agree on what a record means.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dns/dns_types.h"
#include "core/model/dns.h"

namespace mailtopo::dns {

// Parses one design record ("@"/relative/absolute name, type, ttl, rdata) against the zone
// origin. On failure returns nullopt and, if `error` is given, ldns's message with the
// record as written ("Syntax error, could not parse the RR's rdata: 'mail A 999.1.1.1'").
std::optional<DnsRecord> parseModelRecord(const model::DnsRecord& record, std::string_view origin,
                                          std::string* error = nullptr);

// The other way: a record for the design, named relative to `origin`.
model::DnsRecord toModelRecord(const DnsRecord& record, std::string_view origin);

// A design zone holding `records` (e.g. a parsed zone file). The SOA and the apex NS records
// are kept: the design's zone is meant to mirror the published one.
model::DnsZone toModelZone(const std::vector<DnsRecord>& records, std::string_view origin,
                           std::string id, model::DnsView view = model::DnsView::External);

}  // namespace mailtopo::dns
