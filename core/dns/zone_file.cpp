#include "core/dns/zone_file.h"

#include <cstdio>
#include <memory>

#include "core/dns/dns_name.h"
#include "core/dns/ldns_util.h"

namespace mailtopo::dns {
namespace {

struct FileClose {
    void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileClose>;

ZoneFileResult parseStream(FILE* stream, std::string_view displayName, std::string_view origin,
                           uint32_t defaultTtl) {
    ZoneFileResult result;
    detail::RdfPtr originRdf;
    if (!origin.empty()) {
        const std::string text = stripTrailingDot(origin) + ".";
        originRdf.reset(ldns_dname_new_frm_str(text.c_str()));
        if (!originRdf) {
            result.error =
                std::string(displayName) + ": invalid origin '" + std::string(origin) + "'";
            return result;
        }
    }
    ldns_zone* raw = nullptr;
    int line = 0;
    const ldns_status status =
        ldns_zone_new_frm_fp_l(&raw, stream, originRdf.get(), defaultTtl, LDNS_RR_CLASS_IN, &line);
    detail::ZonePtr zone(raw);
    if (status != LDNS_STATUS_OK || !zone) {
        result.errorLine = line;
        result.error = std::string(displayName) + ":" + std::to_string(line) + ": " +
                       ldns_get_errorstr_by_id(status);
        return result;
    }
    if (const ldns_rr* soa = ldns_zone_soa(zone.get())) {
        if (auto record = detail::toDnsRecord(soa)) {
            if (origin.empty())
                result.origin = record->name;
            result.records.push_back(std::move(*record));
        }
    }
    if (!origin.empty())
        result.origin = stripTrailingDot(origin);
    const ldns_rr_list* list = ldns_zone_rrs(zone.get());
    const size_t count = list != nullptr ? ldns_rr_list_rr_count(list) : 0;
    result.records.reserve(result.records.size() + count);
    for (size_t i = 0; i < count; ++i) {
        if (auto record = detail::toDnsRecord(ldns_rr_list_rr(list, i))) {
            result.records.push_back(std::move(*record));
        }
    }
    result.ok = true;
    return result;
}

}  // namespace

ZoneFileResult parseZoneFile(const std::filesystem::path& path, std::string_view origin,
                             uint32_t defaultTtl) {
    const std::string name = path.string();
    FilePtr file(std::fopen(name.c_str(), "r"));
    if (!file) {
        ZoneFileResult result;
        result.error = name + ": cannot open the file";
        return result;
    }
    return parseStream(file.get(), name, origin, defaultTtl);
}

ZoneFileResult parseZoneText(std::string_view text, std::string_view displayName,
                             std::string_view origin, uint32_t defaultTtl) {
    // fmemopen needs a writable buffer it does not own; keep a copy alive meanwhile. An
    // empty buffer is refused by some libcs, so feed a lone newline instead.
    std::string buffer = text.empty() ? std::string("\n") : std::string(text);
    FilePtr stream(fmemopen(buffer.data(), buffer.size(), "r"));
    if (!stream) {
        ZoneFileResult result;
        result.error = std::string(displayName) + ": cannot read the text";
        return result;
    }
    return parseStream(stream.get(), displayName, origin, defaultTtl);
}

}  // namespace mailtopo::dns
