#include "core/dns/zone_file.h"

#include <cstdio>
#include <memory>

#include "core/dns/dns_name.h"
#include "core/dns/ldns_util.h"
#include "core/util/input_file.h"

namespace mailtopo::dns {
namespace {

struct FileClose {
    void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileClose>;

// One pass over the file with ldns's per-record reader. ldns_zone_new_frm_fp_l is not used:
// in ldns 1.8.3 it frees a second SOA record but keeps comparing later owners with it, a
// use-after-free that tests/fuzz/fuzz_zone_file found twice (a pre-scan for a second SOA
// did not catch every input that reaches it). Reading record by record also lets a second
// SOA be an error naming its line, since a zone has exactly one.
ZoneFileResult parseStream(FILE* stream, std::string_view displayName, std::string_view origin,
                           uint32_t defaultTtl) {
    ZoneFileResult result;
    const auto fail = [&](int line, const std::string& what) {
        result.errorLine = line;
        result.error = std::string(displayName) + ":" + std::to_string(line) + ": " + what;
        return result;
    };
    // ldns owns and replaces these two as $ORIGIN lines and owner-less records go by.
    detail::RdfPtr currentOrigin;
    detail::RdfPtr previousOwner;
    if (!origin.empty()) {
        const std::string text = stripTrailingDot(origin) + ".";
        currentOrigin.reset(ldns_dname_new_frm_str(text.c_str()));
        if (!currentOrigin) {
            result.error =
                std::string(displayName) + ": invalid origin '" + std::string(origin) + "'";
            return result;
        }
        previousOwner.reset(ldns_rdf_clone(currentOrigin.get()));
    }
    uint32_t ttl = defaultTtl;
    int line = 0;
    bool soaSeen = false;
    while (!std::feof(stream)) {
        ldns_rr* raw = nullptr;
        ldns_rdf* originRaw = currentOrigin.release();
        ldns_rdf* previousRaw = previousOwner.release();
        const ldns_status status =
            ldns_rr_new_frm_fp_l(&raw, stream, &ttl, &originRaw, &previousRaw, &line);
        currentOrigin.reset(originRaw);
        previousOwner.reset(previousRaw);
        const detail::RrPtr rr(raw);
        // A read error is not the end of the file: stop rather than ask again for ever.
        if (std::ferror(stream))
            return fail(line, "the file cannot be read");
        switch (status) {
            case LDNS_STATUS_OK:
                break;
            case LDNS_STATUS_SYNTAX_EMPTY:
            case LDNS_STATUS_SYNTAX_TTL:
            case LDNS_STATUS_SYNTAX_ORIGIN:
                continue;
            case LDNS_STATUS_SYNTAX_INCLUDE:
                return fail(line, "$INCLUDE is not supported; paste the included records instead");
            default:
                return fail(line, ldns_get_errorstr_by_id(status));
        }
        if (!rr)
            continue;
        const bool soa = ldns_rr_get_type(rr.get()) == LDNS_RR_TYPE_SOA;
        if (soa) {
            if (soaSeen)
                return fail(line, "a second SOA record (a zone has exactly one)");
            soaSeen = true;
            // Without a given origin, the SOA's owner is the origin of the names after it.
            if (!currentOrigin)
                currentOrigin.reset(ldns_rdf_clone(ldns_rr_owner(rr.get())));
        }
        if (auto record = detail::toDnsRecord(rr.get())) {
            if (soa) {
                if (origin.empty())
                    result.origin = record->name;
                // The SOA leads the records, as a zone file is usually written.
                result.records.insert(result.records.begin(), std::move(*record));
            } else {
                result.records.push_back(std::move(*record));
            }
        }
    }
    if (!origin.empty())
        result.origin = stripTrailingDot(origin);
    result.ok = true;
    return result;
}

}  // namespace

ZoneFileResult parseZoneFile(const std::filesystem::path& path, std::string_view origin,
                             uint32_t defaultTtl) {
    const std::string name = path.string();
    if (const InputKind kind = inputKind(path);
        kind == InputKind::Directory || kind == InputKind::Special) {
        ZoneFileResult result;
        result.error = name + (kind == InputKind::Directory
                                   ? ": is a directory, not a zone file"
                                   : ": is not a regular file, so it is not read as a zone file");
        return result;
    }
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
