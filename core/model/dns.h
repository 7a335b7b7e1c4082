#pragma once
// DNS zone data carried in a design (R33–R38): what the design says DNS should answer.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/enums.h"
#include "core/model/network.h"

namespace mailtopo::model {

// The record types a design holds, as zone files spell them; the DNS checks read these.
inline constexpr std::array<std::string_view, 10> kDnsRecordTypes{
    "A", "AAAA", "MX", "TXT", "PTR", "CNAME", "NS", "SOA", "SRV", "SPF"};

// One resource record in presentation format: `data` is the RDATA as it would appear in a
// zone file (e.g. "10 mail.contoso.example." for MX, "\"v=spf1 -all\"" for TXT).
struct DnsRecord {
    std::string name;  // relative to the zone origin, "@" for the apex, or absolute with a dot
    std::string type;  // A, AAAA, MX, TXT, PTR, CNAME, NS, SOA, SRV, SPF
    int ttl = 3600;
    std::string data;

    bool operator==(const DnsRecord&) const = default;
};

struct DnsZone {
    Id id;
    std::string origin;                // "contoso.example." or "100.51.198.in-addr.arpa."
    DnsView view = DnsView::External;  // split DNS: internal and external copies differ (S3)
    std::vector<DnsRecord> records;

    bool operator==(const DnsZone&) const = default;
};

}  // namespace mailtopo::model
