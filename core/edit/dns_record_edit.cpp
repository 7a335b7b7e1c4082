// A record in one of the design's DNS zones, written as a zone file line: "NAME [TTL] TYPE
// DATA" ("@ TXT \"v=spf1 mx -all\"", "mail 300 A 198.51.100.25"). ldns reads the data, so
// a record accepted here is one the zone checks and the SPF evaluator read the same way.

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/dns/zone_import.h"
#include "core/edit/sub_element_parts.h"

namespace mailtopo::edit::detail {
namespace {

bool isSpf(const model::DnsRecord& record) {
    std::string data = asciiLower(record.data);
    data.erase(std::remove(data.begin(), data.end(), '"'), data.end());
    return (asciiLower(record.type) == "txt" || asciiLower(record.type) == "spf") &&
           data.starts_with("v=spf1");
}

bool isDigits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The default record: a deny-all SPF record at the apex when the zone has none (a domain
// that publishes no SPF can be spoofed freely; the user widens it to the design's egress),
// else a numbered A record with a documentation address (TEST-NET-1) to edit.
model::DnsRecord defaultRecord(const model::DnsZone& zone) {
    const bool apexSpf = std::any_of(zone.records.begin(), zone.records.end(), [&](const auto& r) {
        return (r.name == "@" || asciiLower(r.name) == asciiLower(zone.origin)) && isSpf(r);
    });
    if (!apexSpf)
        return {"@", "TXT", 3600, "\"v=spf1 -all\""};
    for (int n = 1;; ++n) {
        const std::string name = "host" + std::to_string(n);
        const bool taken = std::any_of(zone.records.begin(), zone.records.end(),
                                       [&](const auto& r) { return asciiLower(r.name) == name; });
        if (!taken)
            return {name, "A", 3600, "192.0.2." + std::to_string(9 + std::min(n, 245))};
    }
}

std::optional<model::DnsRecord> parseLine(const std::string& line, std::string& error) {
    std::istringstream in(line);
    model::DnsRecord record;
    std::string token;
    in >> record.name >> token;
    if (isDigits(token)) {
        if (token.size() > 10 || std::stoll(token) > 2147483647) {
            error = "TTL " + token + " is out of range (0 to 2147483647)";
            return std::nullopt;
        }
        record.ttl = static_cast<int>(std::stoll(token));
        in >> token;
    }
    record.type = token;
    std::getline(in, record.data);
    const auto start = record.data.find_first_not_of(" \t");
    record.data = start == std::string::npos ? std::string() : record.data.substr(start);
    while (!record.data.empty() && std::isspace(static_cast<unsigned char>(record.data.back())))
        record.data.pop_back();
    if (record.name.empty() || record.type.empty() || record.data.empty()) {
        error = "'" + line + "' is not NAME [TTL] TYPE DATA (e.g. '@ TXT \"v=spf1 mx -all\"')";
        return std::nullopt;
    }
    return record;
}

}  // namespace

AddOutcome addDnsRecord(model::Design&, const Located& parent, const SubElementRequest& request) {
    model::DnsZone& zone = *parent.zone;
    model::DnsRecord record;
    if (request.name.empty()) {
        record = defaultRecord(zone);
    } else {
        std::string error;
        auto parsed = parseLine(request.name, error);
        if (!parsed)
            return refused("name: " + error);
        record = *parsed;
    }
    // Only the types the design supports (dns-record-unknown-type), spelled as zone files do.
    const auto known = std::find_if(
        model::kDnsRecordTypes.begin(), model::kDnsRecordTypes.end(), [&](std::string_view type) {
            return asciiLower(std::string(type)) == asciiLower(record.type);
        });
    if (known == model::kDnsRecordTypes.end()) {
        std::string list;
        for (const auto type : model::kDnsRecordTypes)
            list += (list.empty() ? "" : ", ") + std::string(type);
        return refused("name: record type '" + record.type + "' is not one of " + list);
    }
    record.type = std::string(*known);
    std::string why;
    if (!dns::parseModelRecord(record, zone.origin, &why))
        return refused("name: " + why);
    if (std::find(zone.records.begin(), zone.records.end(), record) != zone.records.end())
        return refused("name: zone " + zone.origin + " already has '" + record.name + " " +
                       record.type + " " + record.data + "'");
    zone.records.push_back(record);
    ChangeSet changes;
    changes.change(zone.id);
    return added(zone.id, record.name + " " + record.type + " " + record.data, changes);
}

}  // namespace mailtopo::edit::detail
