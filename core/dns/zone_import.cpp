#include "core/dns/zone_import.h"

#include "core/dns/dns_name.h"
#include "core/dns/ldns_util.h"

namespace mailtopo::dns {
namespace {

// Owner names are kept unescaped in DnsRecord; a zone file / design needs the characters
// that are special in presentation format escaped again (RFC 1035 §5.1).
std::string escapeName(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f) {
            out += '\\';
            out += static_cast<char>('0' + c / 100);
            out += static_cast<char>('0' + c / 10 % 10);
            out += static_cast<char>('0' + c % 10);
        } else if (ch == '"' || ch == '(' || ch == ')' || ch == ';' || ch == '\\' || ch == '$') {
            out += '\\';
            out += ch;
        } else {
            out += ch;
        }
    }
    return out;
}

}  // namespace

std::optional<DnsRecord> parseModelRecord(const model::DnsRecord& record, std::string_view origin,
                                          std::string* error) {
    const std::string originText = stripTrailingDot(origin) + ".";
    detail::RdfPtr originRdf(ldns_dname_new_frm_str(originText.c_str()));
    if (!originRdf) {
        if (error != nullptr)
            *error = "invalid zone origin '" + std::string(origin) + "'";
        return std::nullopt;
    }
    const std::string name = record.name.empty() ? std::string("@") : record.name;
    const std::string line = name + " " + std::to_string(record.ttl < 0 ? 0 : record.ttl) + " IN " +
                             record.type + " " + record.data;
    ldns_rr* raw = nullptr;
    ldns_rdf* previous = nullptr;
    const ldns_status status =
        ldns_rr_new_frm_str(&raw, line.c_str(), 3600, originRdf.get(), &previous);
    detail::RdfPtr previousOwner(previous);
    detail::RrPtr rr(raw);
    if (status != LDNS_STATUS_OK || !rr) {
        if (error != nullptr) {
            *error = std::string(ldns_get_errorstr_by_id(status)) + ": '" + line + "'";
        }
        return std::nullopt;
    }
    auto parsed = detail::toDnsRecord(rr.get());
    if (!parsed && error != nullptr)
        *error = "unusable record: '" + line + "'";
    return parsed;
}

model::DnsRecord toModelRecord(const DnsRecord& record, std::string_view origin) {
    model::DnsRecord out;
    const std::string relative = relativeName(record.name, origin);
    out.name = relative == "@" ? relative : escapeName(relative);
    out.type = rrTypeName(record.type);
    out.ttl = static_cast<int>(record.ttl > 0x7fffffffU ? 0x7fffffffU : record.ttl);
    out.data = record.rdata;
    return out;
}

model::DnsZone toModelZone(const std::vector<DnsRecord>& records, std::string_view origin,
                           std::string id, model::DnsView view) {
    model::DnsZone zone;
    zone.id = std::move(id);
    zone.origin = stripTrailingDot(origin) + ".";
    zone.view = view;
    zone.records.reserve(records.size());
    for (const auto& r : records)
        zone.records.push_back(toModelRecord(r, origin));
    return zone;
}

}  // namespace mailtopo::dns
