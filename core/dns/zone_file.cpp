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

// ldns 1.8.3's ldns_zone_new_frm_fp_l frees a second SOA record but keeps it as the
// "previous record" it compares the next one with: a use-after-free (found by
// tests/fuzz/fuzz_zone_file). A zone has exactly one SOA anyway, so a first pass with the
// per-record reader looks for a second one; the zone parser never sees such a file. Returns
// the line of the second SOA, or 0 (also when a syntax error comes first: the zone parser
// then stops at that error before reaching any second SOA).
int secondSoaLine(FILE* stream, const ldns_rdf* origin, uint32_t defaultTtl) {
    ldns_rdf* currentOrigin = origin != nullptr ? ldns_rdf_clone(origin) : nullptr;
    ldns_rdf* previousOwner = origin != nullptr ? ldns_rdf_clone(origin) : nullptr;
    uint32_t ttl = defaultTtl;
    int line = 0;
    int soas = 0;
    int found = 0;
    while (found == 0 && !std::feof(stream)) {
        ldns_rr* raw = nullptr;
        const ldns_status status =
            ldns_rr_new_frm_fp_l(&raw, stream, &ttl, &currentOrigin, &previousOwner, &line);
        detail::RrPtr rr(raw);
        if (status == LDNS_STATUS_OK) {
            if (rr && ldns_rr_get_type(rr.get()) == LDNS_RR_TYPE_SOA && ++soas == 2)
                found = line;
        } else if (status != LDNS_STATUS_SYNTAX_EMPTY && status != LDNS_STATUS_SYNTAX_TTL &&
                   status != LDNS_STATUS_SYNTAX_ORIGIN) {
            break;
        }
    }
    if (currentOrigin != nullptr)
        ldns_rdf_deep_free(currentOrigin);
    if (previousOwner != nullptr)
        ldns_rdf_deep_free(previousOwner);
    std::rewind(stream);
    return found;
}

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
    if (const int soaLine = secondSoaLine(stream, originRdf.get(), defaultTtl)) {
        result.errorLine = soaLine;
        result.error = std::string(displayName) + ":" + std::to_string(soaLine) +
                       ": a second SOA record (a zone has exactly one)";
        return result;
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

namespace {

constexpr std::string_view kZoneSuffixes[] = {".zone", ".dns", ".db"};

// How many characters of `name` (lower case) are a zone file's suffix; 0 for none.
size_t zoneSuffixLength(const std::string& lower) {
    for (const std::string_view suffix : kZoneSuffixes)
        if (lower.size() > suffix.size() && lower.ends_with(suffix))
            return suffix.size();
    return 0;
}

}  // namespace

bool isZoneFileName(const std::filesystem::path& path) {
    const std::string lower = toLowerAscii(path.filename().string());
    return (lower.starts_with("db.") && lower.size() > 3) || zoneSuffixLength(lower) > 0;
}

std::string zoneOriginFromFileName(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    const std::string lower = toLowerAscii(name);
    if (lower.starts_with("db.") && lower.size() > 3)
        return name.substr(3);
    return name.substr(0, name.size() - zoneSuffixLength(lower));
}

}  // namespace mailtopo::dns
