#include "core/edit/zone_files.h"

#include <algorithm>

#include "core/dns/dns_name.h"
#include "core/dns/zone_file.h"
#include "core/dns/zone_import.h"
#include "core/edit/unique_ids.h"
#include "core/util/enum_text.h"

namespace mailtopo::edit {
namespace {

// Zone files rarely say their origin ($ORIGIN comes from named.conf or the DNS server's
// zone list), yet write names relative to it. A first reading finds the SOA owner; the
// file is then read against it, or against the origin its name gives when the SOA owner is
// relative too ("@") and so unknown.
dns::ZoneFileResult readZone(const std::filesystem::path& file) {
    const dns::ZoneFileResult first = dns::parseZoneFile(file);
    const std::string origin =
        first.ok && !first.origin.empty() ? first.origin : dns::zoneOriginFromFileName(file);
    return dns::parseZoneFile(file, origin);
}

}  // namespace

std::string ZoneFileImport::logText() const {
    if (lines.empty() && errors.empty())
        return {};
    std::string text = "DNS zone files\n";
    for (const auto& line : lines) {
        text += "  ";
        text += line;
        text += '\n';
    }
    return text;
}

ZoneFileImport importZoneFiles(model::Design& design,
                               const std::vector<std::filesystem::path>& files,
                               model::DnsView view) {
    ZoneFileImport out;
    model::Design after = design;
    UniqueIds ids(after);
    for (const auto& file : files) {
        dns::ZoneFileResult zone = readZone(file);
        if (!zone.ok) {
            out.errors.push_back(zone.error);
            continue;
        }
        const std::string origin = dns::toLowerAscii(dns::stripTrailingDot(zone.origin));
        auto existing =
            std::find_if(after.dnsZones.begin(), after.dnsZones.end(), [&](const auto& z) {
                return z.view == view &&
                       dns::toLowerAscii(dns::stripTrailingDot(z.origin)) == origin;
            });
        const bool replacing = existing != after.dnsZones.end();
        std::string id = replacing ? existing->id : ids.id("zone-" + origin);
        model::DnsZone imported = dns::toModelZone(zone.records, origin, std::move(id), view);
        if (replacing)
            *existing = std::move(imported);
        else
            after.dnsZones.push_back(std::move(imported));
        (replacing ? out.replaced : out.created) += 1;
        out.lines.push_back(origin + ". (" + std::string(enumName(view)) +
                            "): " + std::to_string(zone.records.size()) + " records from " +
                            file.filename().string() + (replacing ? ", replaced" : ", added"));
    }
    out.ok = out.errors.empty();
    if (out.ok)
        design = std::move(after);
    return out;
}

}  // namespace mailtopo::edit
