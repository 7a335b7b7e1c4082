#include "core/dns/zone_file.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

#include "core/dns/dns_name.h"
#include "core/dns/ldns_util.h"
#include "core/io/input_file.h"
#include "core/io/line_index.h"
#include "core/util/file_ptr.h"

namespace mailtopo::dns {
namespace {

// ldns cuts a record whose text runs past 65,535 characters without a word (found with a
// 75,000-character TXT record), and the cut record would be evaluated as if whole; a DNS
// record holds at most 65,535 bytes of data anyway (RDLENGTH is 16 bits, RFC 1035 §3.2.1).
constexpr size_t kMaxRecordText = 65535;
constexpr size_t kMaxQuotedValue = 60;

struct Place {
    int column = 0;     // 1-based; 0 when the line is not known
    std::string value;  // what is quoted back, cut to a readable length
};

// Where on its line a record ldns refused goes wrong, as near as the line tells: ldns
// names the line only. A record's data follows its type, and most refusals are of the data
// ("could not parse the RR's rdata"), so the place is the first token after the type; a
// line without a known type is quoted from its first token.
Place placeOnLine(std::string_view line, ldns_status status) {
    std::vector<std::pair<size_t, size_t>> tokens;  // offset, length
    for (size_t i = 0; i < line.size();) {
        const char c = line[i];
        if (c == ';')
            break;
        if (c == ' ' || c == '\t' || c == '\r' || c == '(' || c == ')') {
            ++i;
            continue;
        }
        size_t end = i + 1;
        if (c == '"') {
            while (end < line.size() && line[end] != '"')
                end += line[end] == '\\' ? 2 : 1;
            end = std::min(end + 1, line.size());
        } else {
            while (end < line.size() &&
                   std::string_view(" \t\r();").find(line[end]) == std::string_view::npos)
                ++end;
        }
        tokens.emplace_back(i, end - i);
        i = end;
    }
    if (tokens.empty())
        return {};
    size_t from = 0;
    const bool aboutData =
        status != LDNS_STATUS_SYNTAX_TTL && status != LDNS_STATUS_SYNTAX_TYPE_ERR &&
        status != LDNS_STATUS_SYNTAX_CLASS_ERR && status != LDNS_STATUS_SYNTAX_DNAME_ERR;
    for (size_t t = 0; aboutData && t + 1 < tokens.size(); ++t) {
        const std::string token(line.substr(tokens[t].first, tokens[t].second));
        if (ldns_get_rr_type_by_name(token.c_str()) != 0) {
            from = t + 1;
            break;
        }
    }
    Place place;
    place.column = static_cast<int>(tokens[from].first) + 1;
    std::string_view value = line.substr(tokens[from].first);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
        value.remove_suffix(1);
    place.value = std::string(value.substr(0, kMaxQuotedValue));
    if (value.size() > kMaxQuotedValue)
        place.value += "…";
    return place;
}

// One pass over the file with ldns's per-record reader. ldns_zone_new_frm_fp_l is not used:
// in ldns 1.8.3 it frees a second SOA record but keeps comparing later owners with it, a
// use-after-free that tests/fuzz/fuzz_zone_file found twice (a pre-scan for a second SOA
// did not catch every input that reaches it). Reading record by record also lets a second
// SOA be an error naming its line, since a zone has exactly one.
ZoneFileResult parseStream(FILE* stream, const io::LineIndex& lines, std::string_view displayName,
                           std::string_view origin, uint32_t defaultTtl) {
    ZoneFileResult result;
    const auto fail = [&](int line, const std::string& what) {
        result.errorLine = line;
        result.error = std::string(displayName) + ":" + std::to_string(line) + ": " + what;
        return result;
    };
    const auto failAt = [&](int line, ldns_status status, const std::string& what) {
        const Place place = placeOnLine(lines.line(line), status);
        if (place.column == 0)
            return fail(line, what);
        result.errorLine = line;
        result.errorColumn = place.column;
        result.error = std::string(displayName) + ":" + std::to_string(line) + ":" +
                       std::to_string(place.column) + ": " + what + ": \"" + place.value + "\"";
        return result;
    };
    // ldns owns and replaces these two as $ORIGIN lines and owner-less records go by.
    detail::RdfPtr currentOrigin;
    detail::RdfPtr previousOwner;
    if (!origin.empty()) {
        const std::string absolute = stripTrailingDot(origin) + ".";
        currentOrigin.reset(ldns_dname_new_frm_str(absolute.c_str()));
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
        const int lineBefore = line;
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
                return failAt(line, status, ldns_get_errorstr_by_id(status));
        }
        if (!rr)
            continue;
        if (lines.span(lineBefore + 1, line) > kMaxRecordText) {
            return fail(line,
                        "a record written in more than 65,535 characters, more than one DNS "
                        "record holds; split its text over several records or names");
        }
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

namespace {

// The text is owned here because fmemopen needs a writable buffer it does not own: a file's
// text is moved in, text from a caller copied once.
ZoneFileResult parseOwnedText(std::string text, std::string_view displayName,
                              std::string_view origin, uint32_t defaultTtl) {
    // An empty buffer is refused by some libcs' fmemopen: a lone newline reads the same.
    if (text.empty())
        text.push_back('\n');
    const io::LineIndex lines(text);
    // A zone file is text: a NUL byte means a binary file (or UTF-16), which ldns would only
    // report as a syntax error somewhere.
    if (const size_t nul = text.find('\0'); nul != std::string::npos) {
        ZoneFileResult result;
        result.errorLine = lines.position(nul).line;
        result.error = std::string(displayName) + ":" + std::to_string(result.errorLine) +
                       ": is not a zone file: it holds binary data (a NUL byte), where a zone "
                       "file is text";
        return result;
    }
    FilePtr stream(fmemopen(text.data(), text.size(), "r"));
    if (!stream) {
        ZoneFileResult result;
        result.error = std::string(displayName) + ": cannot read the text";
        return result;
    }
    return parseStream(stream.get(), lines, displayName, origin, defaultTtl);
}

}  // namespace

ZoneFileResult parseZoneFile(const std::filesystem::path& path, std::string_view origin,
                             uint32_t defaultTtl) {
    std::string text;
    std::string error;
    if (!io::readInputFile(path, "zone file", &text, &error)) {
        ZoneFileResult result;
        result.error = io::shownPath(path) + ": " + error;
        return result;
    }
    return parseOwnedText(std::move(text), path.string(), origin, defaultTtl);
}

ZoneFileResult parseZoneText(std::string_view text, std::string_view displayName,
                             std::string_view origin, uint32_t defaultTtl) {
    return parseOwnedText(std::string(text), displayName, origin, defaultTtl);
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
