// libFuzzer target for the zone-file parser (ldns, through parseZoneText/fmemopen) and the
// conversion to the design's DnsZone records. Invariants: no crash; a failure names the
// input and a line; every parsed record can be asked for and found again through
// ZoneDataResolver; design records written from a parsed zone parse back through ldns.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/dns/zone_data_resolver.h"
#include "core/dns/zone_file.h"
#include "core/dns/zone_import.h"

using namespace mailtopo::dns;

namespace {

void check(bool condition) {
    if (!condition)
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 64 * 1024)
        return 0;  // ldns reads line by line; long inputs only slow the search
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ZoneFileResult zone = parseZoneText(text, "fuzz.zone", "fuzz.example.", 300);
    if (!zone.ok) {
        check(zone.error.rfind("fuzz.zone:", 0) == 0);
        return 0;
    }
    ZoneDataResolver resolver;
    resolver.add(zone.records);
    for (const auto& record : zone.records) {
        const DnsAnswer answer = resolver.query(record.name, record.type);
        // A CNAME loop among the parsed records is the only way not to get the record back.
        check(answer.hasType(record.type) || answer.rcode == Rcode::ServFail);
    }
    const mailtopo::model::DnsZone model =
        toModelZone(zone.records, zone.origin.empty() ? "fuzz.example." : zone.origin, "fuzz");
    check(model.records.size() == zone.records.size());
    for (size_t i = 0; i < model.records.size(); ++i) {
        std::string error;
        const auto back = parseModelRecord(model.records[i], model.origin, &error);
        if (!back)
            continue;  // presentation forms ldns writes but will not read again
        check(back->type == zone.records[i].type);
    }
    return 0;
}
