// What the DNS rules share: the design's zones of one view, the resolver kept to them, and
// the wording of flows, egress identities and records.

#include <algorithm>

#include "core/analysis/dns_rules.h"
#include "core/dns/dns_name.h"
#include "core/dns/spf_record.h"

namespace mailtopo::analysis::detail {

std::string lower(std::string_view text) {
    return dns::toLowerAscii(text);
}

// ---------------------------------------------------------------------------- zones

DesignZones::DesignZones(const model::Design& design, model::DnsView view) : design_(design) {
    for (size_t z = 0; z < design.dnsZones.size(); ++z)
        if (design.dnsZones[z].view == view)
            origins_.emplace_back(dns::normalizeName(design.dnsZones[z].origin), z);
}

const model::DnsZone* DesignZones::zoneFor(std::string_view name) const {
    const model::DnsZone* best = nullptr;
    size_t bestLength = 0;
    for (const auto& [origin, z] : origins_) {
        if (!dns::isSameOrSubdomain(name, origin))
            continue;
        if (best == nullptr || origin.size() > bestLength) {
            best = &design_.dnsZones[z];
            bestLength = origin.size();
        }
    }
    return best;
}

std::string DesignZones::zonePointer(const model::DnsZone& zone) const {
    const size_t z = static_cast<size_t>(&zone - design_.dnsZones.data());
    return indexed("", "dnsZones", z);
}

std::string DesignZones::ownerName(const model::DnsZone& zone, const model::DnsRecord& record) {
    if (record.name.empty() || record.name == "@")
        return dns::normalizeName(zone.origin);
    if (record.name.back() == '.')
        return dns::normalizeName(record.name);
    std::string absolute = record.name;
    absolute += '.';
    absolute += zone.origin;
    return dns::normalizeName(absolute);
}

std::string DesignZones::recordPointer(
    std::string_view name, std::string_view type,
    const std::function<bool(const model::DnsRecord&)>& match) const {
    const auto* zone = zoneFor(name);
    if (zone == nullptr)
        return "";
    const std::string key = dns::normalizeName(name);
    for (size_t r = 0; r < zone->records.size(); ++r) {
        const auto& record = zone->records[r];
        if (equalsIgnoreCase(record.type, type) && ownerName(*zone, record) == key &&
            (!match || match(record)))
            return indexed(zonePointer(*zone), "records", r);
    }
    return zonePointer(*zone);
}

std::string DesignZones::recordLine(std::string_view name, int ttl, std::string_view type,
                                    std::string_view data) const {
    const auto* zone = zoneFor(name);
    std::string out =
        zone != nullptr ? dns::relativeName(name, zone->origin) : dns::stripTrailingDot(name) + ".";
    out += ' ';
    out += std::to_string(ttl);
    out += " IN ";
    out += type;
    out += ' ';
    out += data;
    if (zone != nullptr) {
        out += " (zone ";
        out += zone->origin;
        out += ')';
    }
    return out;
}

std::string DesignZones::zoneId(std::string_view name) const {
    const auto* zone = zoneFor(name);
    return zone != nullptr ? zone->id : std::string();
}

// ---------------------------------------------------------------------------- resolver

ScopedZoneResolver::ScopedZoneResolver(const model::Design& design, const DesignZones& zones,
                                       model::DnsView view)
    : zones_(zones), data_(dns::ZoneDataResolver::fromZones(design.dnsZones, view)) {}

dns::DnsAnswer ScopedZoneResolver::resolve(std::string_view name, dns::RRType type) {
    if (!zones_.covers(name)) {
        dns::DnsAnswer answer;
        answer.rcode = dns::Rcode::ServFail;
        answer.detail = dns::stripTrailingDot(name);
        answer.detail += " is outside the design's DNS zones";
        return answer;
    }
    return data_->query(name, type);
}

// ---------------------------------------------------------------------------- wording

std::string flowsText(const std::vector<std::string>& flows) {
    if (flows.empty())
        return "";
    std::string out = flows.front();
    if (flows.size() > 1) {
        out += " (and ";
        out += std::to_string(flows.size() - 1);
        out += flows.size() == 2 ? " more flow)" : " more flows)";
    }
    return out;
}

std::string egressText(const model::Design& design, const sim::EgressIdentity& identity) {
    std::string out = identity.publicAddress.toString();
    if (identity.natDevice.empty())
        return out;
    std::string device = identity.natDevice;
    std::string rule = identity.natRule;
    for (const auto& fw : design.firewalls) {
        if (fw.id != identity.natDevice)
            continue;
        if (!fw.name.empty())
            device = fw.name;
        for (const auto& nat : fw.outboundNat)
            if (nat.id == identity.natRule) {
                rule = "outbound NAT ";  // appended: GCC 12 warns falsely on "lit" + string&&
                rule += quoted(nat.name.empty() ? nat.id : nat.name);
            }
    }
    if (identity.natRule == "interface-pat")
        rule = "interface PAT: no outbound NAT rule covers the source";
    out += " via ";
    out += device;
    if (!rule.empty()) {
        out += " (";
        out += rule;
        out += ')';
    }
    return out;
}

std::string egressText(const model::Design& design, const SpfSender& sender) {
    std::string out = egressText(design, sender.identity);
    if (!sender.smartHost.empty()) {
        out += " (smart host ";
        out += sender.smartHost;
        out += ')';
    }
    return out;
}

std::string ip4or6(const net::Address& address) {
    std::string out(address.isV4() ? "ip4:" : "ip6:");
    out += address.toString();
    return out;
}

std::string txtData(std::string_view text) {
    std::string out;
    for (size_t pos = 0; pos < text.size() || pos == 0; pos += 255) {
        if (!out.empty())
            out += ' ';
        out += dns::quoteCharacterString(text.substr(pos, 255));
        if (text.empty())
            break;
    }
    return out;
}

std::vector<std::string> spfRecordsAt(dns::Resolver& resolver, std::string_view domain, int* ttl) {
    std::vector<std::string> out;
    const auto answer = resolver.query(domain, dns::RRType::TXT);
    for (const auto* record : answer.ofType(dns::RRType::TXT)) {
        std::string text = record->joinedText();
        if (!dns::isSpfVersion1(text))
            continue;
        if (out.empty() && ttl != nullptr)
            *ttl = static_cast<int>(record->ttl);
        out.push_back(std::move(text));
    }
    return out;
}

bool isSpfRecordData(const model::DnsRecord& record) {
    if (!equalsIgnoreCase(record.type, "TXT"))
        return false;
    // The first character-string, unquoted: enough to tell v=spf1 from other TXT data.
    std::string_view data = record.data;
    const size_t open = data.find('"');
    if (open == std::string_view::npos)
        return dns::isSpfVersion1(data);
    const size_t close = data.find('"', open + 1);
    return dns::isSpfVersion1(data.substr(
        open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1));
}

std::string spfResultText(const dns::SpfOutcome& outcome) {
    std::string out(dns::spfResultName(outcome.result));
    if (!outcome.trace.decision.reason.empty()) {
        out += ": ";
        out += outcome.trace.decision.reason;
    }
    return out;
}

}  // namespace mailtopo::analysis::detail
