#pragma once
// Zone files in RFC 1035 master format, parsed with ldns: import into a design, or serve
// them to the SPF evaluator (mailtopo-cli spf --zone).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/dns/dns_types.h"

namespace mailtopo::dns {

struct ZoneFileResult {
    bool ok = false;
    // The zone's origin without trailing dot: the `origin` argument if given, else the SOA
    // owner, else empty.
    std::string origin;
    std::vector<DnsRecord> records;  // SOA first when present, then in file order
    // On failure: "<file>:<line>[:<column>]: <what> [: \"<value>\"]", e.g.
    // "example.zone:3:17: Syntax error, could not parse the RR's rdata: \"999.1.1.1\"".
    std::string error;
    int errorLine = 0;
    int errorColumn = 0;  // where on errorLine, when known: the value quoted in `error`
};

// `origin` applies to relative names until a $ORIGIN line; `defaultTtl` until a $TTL line.
ZoneFileResult parseZoneFile(const std::filesystem::path& path, std::string_view origin = {},
                             uint32_t defaultTtl = 3600);

// The same over text in memory; `displayName` stands in for the file name in messages.
ZoneFileResult parseZoneText(std::string_view text, std::string_view displayName,
                             std::string_view origin = {}, uint32_t defaultTtl = 3600);

// Whether a file is a zone file by its name: *.zone, *.dns (the Windows DNS server's
// %SystemRoot%\System32\dns), *.db or db.* (BIND's conventions). Case-insensitive.
bool isZoneFileName(const std::filesystem::path& path);
// The zone a file is named after: contoso.com.dns, contoso.com.zone, db.contoso.com →
// "contoso.com"; any other name as it is.
std::string zoneOriginFromFileName(const std::filesystem::path& path);

}  // namespace mailtopo::dns
