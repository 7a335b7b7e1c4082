#include "core/io/design_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <type_traits>

#include "core/io/design_fields.h"
#include "core/io/field_traits.h"
#include "core/io/json_locator.h"
#include "core/io/json_without_duplicates.h"
#include "core/io/powershell/export_text.h"
#include "core/model/text_limit.h"
#include "core/util/text_join.h"

namespace mailtopo::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr size_t kMaxDiagnostics = 50;

std::string typeName(const json& j) {
    switch (j.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "an array";
        case json::value_t::string:
            return "a string";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "an integer";
        case json::value_t::number_float:
            return "a number";
        default:
            return "a value";
    }
}

// A whole number written beyond what 64 bits hold: the JSON parser keeps it as a floating
// point number, which must be called too large rather than "not an integer".
bool isOversizeInteger(const json& j) {
    if (!j.is_number_float())
        return false;
    const double v = j.get<double>();
    return std::isfinite(v) && std::trunc(v) == v && std::fabs(v) >= 9223372036854775808.0;
}

std::string escapeToken(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

// The first string value longer than model::kMaxTextBytes, in document order, and in
// *pointer its JSON pointer. Every load walks every value, so the pointer is spelled out
// only for the one found, on the way back up.
const std::string* firstTooLongText(const json& node, std::string* pointer) {
    if (node.is_string()) {
        const std::string& text = node.get_ref<const std::string&>();
        return text.size() > model::kMaxTextBytes ? &text : nullptr;
    }
    if (node.is_array()) {
        for (size_t i = 0; i < node.size(); ++i) {
            if (const std::string* found = firstTooLongText(node[i], pointer)) {
                pointer->insert(0, cat("/", std::to_string(i)));
                return found;
            }
        }
    } else if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (const std::string* found = firstTooLongText(value, pointer)) {
                pointer->insert(0, cat("/", escapeToken(key)));
                return found;
            }
        }
    }
    return nullptr;
}

// Coordinates are kept to one decimal. The reader applies the same rounding as the
// writer, so a loaded design is exactly what saving it again writes (load → save → load
// gives an equal design). Beyond 1e12 the value is left alone: there k/10 is no longer
// exact enough for the rounding to be idempotent, and v * 10 could overflow to infinity,
// which JSON cannot hold.
double canonicalCoordinate(double value) {
    if (!(std::abs(value) < 1e12))
        return value;
    return std::round(value * 10.0) / 10.0;
}

// ---------------------------------------------------------------------------- writing

template <class T>
ordered_json toJson(const T& value);

template <class T>
struct ObjectWriter {
    const T& object;
    ordered_json& out;
    const T defaults{};

    template <class M>
    void required(std::string_view key, M T::*member) {
        out[std::string(key)] = toJson(object.*member);
    }
    template <class M>
    void optional(std::string_view key, M T::*member) {
        if (object.*member == defaults.*member)
            return;
        out[std::string(key)] = toJson(object.*member);
    }
};

template <class T>
ordered_json toJson(const T& value) {
    if constexpr (Described<T>) {
        ordered_json out = ordered_json::object();
        ObjectWriter<T> writer{value, out};
        Fields<T>::visit(writer);
        return out;
    } else if constexpr (IsOptional<T>::value) {
        return value ? toJson(*value) : ordered_json();
    } else if constexpr (IsVector<T>::value) {
        ordered_json out = ordered_json::array();
        for (const auto& item : value)
            out.push_back(toJson(item));
        return out;
    } else if constexpr (IsFlagSet<T>::value) {
        ordered_json out = ordered_json::array();
        for (auto flag : value.values())
            out.push_back(std::string(enumName(flag)));
        return out;
    } else if constexpr (HasEnumText<T>) {
        return std::string(enumName(value));
    } else if constexpr (std::is_same_v<T, std::map<model::Id, model::Placement>>) {
        ordered_json out = ordered_json::object();
        for (const auto& [id, placement] : value)
            out[id] = toJson(placement);
        return out;
    } else if constexpr (std::is_same_v<T, net::Address> || std::is_same_v<T, net::Prefix> ||
                         std::is_same_v<T, net::IpRange> || std::is_same_v<T, net::Binding>) {
        return value.toString();
    } else if constexpr (std::is_same_v<T, double>) {
        // Coordinates: keep one decimal so layout jitter does not churn diffs.
        const double rounded = canonicalCoordinate(value);
        if (rounded == std::floor(rounded) && std::abs(rounded) < 1e15) {
            return static_cast<long long>(rounded);
        }
        return rounded;
    } else {
        return value;  // strings, booleans, integers
    }
}

// ---------------------------------------------------------------------------- reading

class Reader {
public:
    Diagnostics& diagnostics;
    std::vector<std::pair<bool, size_t>> keyErrors;  // (is key position, index into diagnostics)
    int version = kFormatVersion;                    // the file's format version

    void error(const std::string& pointer, std::string message, bool atKey = false) {
        if (diagnostics.size() >= kMaxDiagnostics)
            return;
        keyErrors.emplace_back(atKey, diagnostics.size());
        diagnostics.push_back({{}, 0, 0, pointer, std::move(message)});
    }

    template <class T>
    void read(const json& j, const std::string& ptr, T& out);
};

template <class T>
struct ObjectReader {
    Reader& reader;
    const json& object;
    const std::string& ptr;
    T& out;
    std::set<std::string, std::less<>> known;

    template <class M>
    void required(std::string_view key, M T::*member) {
        known.emplace(key);
        auto it = object.find(std::string(key));
        if (it == object.end()) {
            reader.error(ptr, "the " + std::string(Fields<T>::kName) + " has no '" +
                                  std::string(key) + "' (required)");
            return;
        }
        reader.read(*it, ptr + "/" + escapeToken(key), out.*member);
    }
    template <class M>
    void optional(std::string_view key, M T::*member) {
        known.emplace(key);
        auto it = object.find(std::string(key));
        if (it == object.end() || it->is_null()) {
            if (const int since = keyOptionalSince<T>(key); since > reader.version)
                reader.error(ptr,
                             cat("the ", Fields<T>::kName, " has no '", key,
                                 "' (required in format version ", std::to_string(reader.version),
                                 "; version ", std::to_string(since), " makes it optional)"));
            return;
        }
        if (!newEnough(key))
            return;
        reader.read(*it, ptr + "/" + escapeToken(key), out.*member);
    }
    // A key the file's version did not have yet is refused, as that version's reader would.
    bool newEnough(std::string_view key) {
        const int since = keySince<T>(key);
        if (since <= reader.version)
            return true;
        reader.error(ptr + "/" + escapeToken(key),
                     cat("'", key, "' needs format version ", std::to_string(since),
                         "; this file says \"version\": ", std::to_string(reader.version),
                         " (write ", std::to_string(since), " there to use it)"),
                     true);
        return false;
    }
};

template <class Parsed>
void readText(Reader& r, const json& j, const std::string& ptr, Parsed& out, const char* what,
              const auto& parse) {
    if (!j.is_string()) {
        r.error(ptr, std::string("expected ") + what + " as a string, found " + typeName(j));
        return;
    }
    std::string why;
    const std::string& text = j.get_ref<const std::string&>();
    if (auto parsed = parse(text, &why)) {
        out = *parsed;
    } else {
        // The net parsers quote the input themselves ("'10.0.0.300': octet 4 is …"); say it once.
        if (const std::string quoted = "'" + text + "': "; why.starts_with(quoted))
            why.erase(0, quoted.size());
        r.error(ptr, "'" + text + "' is not " + what + (why.empty() ? "" : ": " + why));
    }
}

template <class T>
void Reader::read(const json& j, const std::string& ptr, T& out) {
    if constexpr (Described<T>) {
        if (!j.is_object()) {
            error(ptr, "expected the " + std::string(Fields<T>::kName) + " as an object, found " +
                           typeName(j));
            return;
        }
        ObjectReader<T> reader{*this, j, ptr, out, {}};
        Fields<T>::visit(reader);
        for (const auto& [key, value] : j.items()) {
            if (!reader.known.contains(key)) {
                error(ptr + "/" + escapeToken(key),
                      "unknown key '" + key + "' in the " + std::string(Fields<T>::kName), true);
            }
        }
    } else if constexpr (IsOptional<T>::value) {
        typename T::value_type value{};
        const size_t before = diagnostics.size();
        read(j, ptr, value);
        if (diagnostics.size() == before)
            out = std::move(value);
    } else if constexpr (IsVector<T>::value) {
        if (!j.is_array()) {
            error(ptr, "expected an array, found " + typeName(j));
            return;
        }
        out.clear();
        out.reserve(j.size());
        for (size_t i = 0; i < j.size(); ++i) {
            typename T::value_type item{};
            read(j[i], ptr + "/" + std::to_string(i), item);
            out.push_back(std::move(item));
        }
    } else if constexpr (IsFlagSet<T>::value) {
        using E = std::decay_t<decltype(out.values().front())>;
        if (!j.is_array()) {
            error(ptr, "expected an array of names, found " + typeName(j));
            return;
        }
        out = {};
        for (size_t i = 0; i < j.size(); ++i) {
            E flag{};
            read(j[i], ptr + "/" + std::to_string(i), flag);
            out.insert(flag);
        }
    } else if constexpr (HasEnumText<T>) {
        if (!j.is_string()) {
            error(ptr, "expected one of " + enumChoices<T>() + ", found " + typeName(j));
            return;
        }
        const auto& text = j.get_ref<const std::string&>();
        if (auto value = parseEnum<T>(text)) {
            out = *value;
        } else {
            error(ptr, "'" + text + "' is not one of " + enumChoices<T>());
        }
    } else if constexpr (std::is_same_v<T, std::map<model::Id, model::Placement>>) {
        if (!j.is_object()) {
            error(ptr, "expected an object keyed by element id, found " + typeName(j));
            return;
        }
        for (const auto& [id, value] : j.items())
            read(value, ptr + "/" + escapeToken(id), out[id]);
    } else if constexpr (std::is_same_v<T, net::Address>) {
        readText(*this, j, ptr, out, "an IP address",
                 [](const std::string& t, std::string* e) { return net::Address::parse(t, e); });
    } else if constexpr (std::is_same_v<T, net::Prefix>) {
        readText(*this, j, ptr, out, "an IP prefix (address/length)",
                 [](const std::string& t, std::string* e) { return net::Prefix::parse(t, e); });
    } else if constexpr (std::is_same_v<T, net::IpRange>) {
        readText(*this, j, ptr, out, "an IP range",
                 [](const std::string& t, std::string* e) { return net::IpRange::parse(t, e); });
    } else if constexpr (std::is_same_v<T, net::Binding>) {
        readText(*this, j, ptr, out, "a binding (address:port)",
                 [](const std::string& t, std::string* e) { return net::Binding::parse(t, e); });
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!j.is_string()) {
            error(ptr, "expected a string, found " + typeName(j));
            return;
        }
        out = j.get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!j.is_boolean()) {
            error(ptr, "expected true or false, found " + typeName(j));
            return;
        }
        out = j.get<bool>();
    } else if constexpr (std::is_same_v<T, double>) {
        if (!j.is_number() || !std::isfinite(j.get<double>())) {
            error(ptr, "expected a number, found " + typeName(j));
            return;
        }
        out = canonicalCoordinate(j.get<double>());  // as the writer would store it
    } else if constexpr (std::is_integral_v<T>) {
        if (isOversizeInteger(j)) {
            error(ptr, "integer too large (at most " +
                           std::to_string(std::numeric_limits<T>::max()) + ")");
            return;
        }
        if (!j.is_number_integer()) {
            error(ptr, "expected an integer, found " + typeName(j));
            return;
        }
        // Compare in the signed or unsigned domain the JSON value lives in, so huge
        // values are refused rather than wrapped.
        constexpr auto lo = std::numeric_limits<T>::min();
        constexpr auto hi = std::numeric_limits<T>::max();
        bool inRange;
        if (j.is_number_unsigned()) {
            inRange = j.get<unsigned long long>() <= static_cast<unsigned long long>(hi);
        } else {
            const long long v = j.get<long long>();
            inRange = v >= static_cast<long long>(lo) &&
                      (v < 0 ||
                       static_cast<unsigned long long>(v) <= static_cast<unsigned long long>(hi));
        }
        if (!inRange) {
            error(ptr, "integer " + j.dump() + " is out of range (" + std::to_string(lo) + " to " +
                           std::to_string(hi) + ")");
            return;
        }
        out = j.get<T>();
    } else {
        static_assert(!sizeof(T), "no JSON reader for this type");
    }
}

void locate(std::string_view text, const std::string& fileName, Reader& reader) {
    const JsonLocator locator(text);
    for (const auto& [atKey, index] : reader.keyErrors) {
        Diagnostic& d = reader.diagnostics[index];
        const TextPosition pos =
            atKey ? locator.keyPosition(d.pointer) : locator.valuePosition(d.pointer);
        d.file = fileName;
        d.line = pos.line;
        d.column = pos.column;
    }
}

// nlohmann parses without recursion, but copying, comparing and destroying parts of a
// json value recurse once per level, so a hostile file of 100000 '[' would overflow the
// stack later on. A design nests about seven levels deep; refuse far deeper input before
// parsing. Returns the offset of the first bracket past the limit. (On text that is not
// JSON the count may be off, but then the parser stops at the first error anyway.)
constexpr int kMaxNesting = 64;

std::optional<size_t> firstTooDeepBracket(std::string_view text) {
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxNesting)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

// Where a token ending at `last` (its final byte) starts: a string goes back to its
// unescaped opening quote, a number or literal back over its characters.
size_t tokenStart(std::string_view text, size_t last) {
    if (last >= text.size())
        return last;
    size_t i = last;
    if (text[i] == '"') {
        while (i > 0) {
            --i;
            if (text[i] != '"')
                continue;
            size_t slashes = 0;
            for (size_t j = i; j > 0 && text[j - 1] == '\\'; --j)
                ++slashes;
            if (slashes % 2 == 0)
                return i;
        }
        return i;
    }
    auto inToken = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '.' || c == '+' || c == '-';
    };
    while (i > 0 && inToken(text[i]) && inToken(text[i - 1]))
        --i;
    return i;
}

// Turns nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 41:
// syntax error while parsing object - unexpected string literal; expected '}'" into
// "unexpected string literal; expected ',' or '}'", and moves *offset to the start of an
// unexpected token (a missing comma is reported at the token after it, not at its end).
// "; last read: '…'" is dropped: it repeats raw input bytes, possibly the very invalid
// UTF-8 that caused the error, and the position already says where.
std::string describeSyntaxError(std::string what, std::string_view text, size_t* offset) {
    if (auto colon = what.find(": "); colon != std::string::npos)
        what.erase(0, colon + 2);
    const bool afterMember = what.starts_with("syntax error while parsing object - unexpected ");
    const bool afterElement = what.starts_with("syntax error while parsing array - unexpected ");
    if (auto dash = what.find(" - ");
        what.starts_with("syntax error") && dash != std::string::npos) {
        what.erase(0, dash + 3);
    }
    if (auto read = what.find("; last read: '"); read != std::string::npos) {
        const auto close = what.rfind("'; expected ");
        what.erase(read, close == std::string::npos || close < read ? std::string::npos
                                                                    : close + 1 - read);
    }
    // After an object member or array element a ',' is as valid as the closing bracket.
    if (afterMember && what.ends_with("; expected '}'"))
        what.insert(what.size() - 3, "',' or ");
    if (afterElement && what.ends_with("; expected ']'"))
        what.insert(what.size() - 3, "',' or ");
    if (what.starts_with("unexpected ") && !what.starts_with("unexpected end of input")) {
        *offset = tokenStart(text, *offset);
    }
    // nlohmann stops at the byte where a multi-byte sequence broke ("\xE9t": at the 't');
    // report the sequence's lead byte, where the bad character starts.
    if (what.find("ill-formed UTF-8") != std::string::npos) {
        for (size_t back = 1; back <= 3 && back <= *offset; ++back) {
            const auto byte = static_cast<unsigned char>(text[*offset - back]);
            if (byte < 0x80)
                break;
            if (byte >= 0xC0) {
                const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
                if (back < length)
                    *offset -= back;
                break;
            }
        }
    }
    return what;
}

}  // namespace

ParsedDesign parseDesign(std::string_view text, const std::string& fileName) {
    ParsedDesign result;
    auto fail = [&](size_t offset, std::string pointer, std::string message) {
        const TextPosition pos = positionOfOffset(text, offset);
        result.diagnostics.push_back(
            {fileName, pos.line, pos.column, std::move(pointer), std::move(message)});
        return result;
    };
    // For problems found after parsing: positions come from a locating pass over the text.
    auto failAt = [&](const std::string& pointer, bool atKey, std::string message) {
        const JsonLocator locator(text);
        const TextPosition pos =
            atKey ? locator.keyPosition(pointer) : locator.valuePosition(pointer);
        result.diagnostics.push_back({fileName, pos.line, pos.column, pointer, std::move(message)});
        return result;
    };

    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);  // tolerate a UTF-8 BOM
    if (const auto encoding = powershell::wideEncodingName(text)) {
        return fail(0, {},
                    "the file is in " + *encoding +
                        "; a MailTopo design is UTF-8 text (save it again as UTF-8)");
    }
    // nlohmann's parser stops at a NUL byte as at the end of the text, so a design padded
    // with NULs, or a binary file, would otherwise pass or fail with a misleading message.
    if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
        return fail(nul, {},
                    nul == 0 ? "the file starts with a NUL byte: it is binary, not a MailTopo "
                               "design (a JSON text)"
                             : "a NUL byte: a MailTopo design is text, and nothing may follow "
                               "or interrupt it (the file was padded or damaged)");
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return fail(0, {}, "the file is empty: expected a MailTopo design (a JSON object)");
    }
    if (auto deep = firstTooDeepBracket(text)) {
        return fail(*deep, {},
                    "nested more than " + std::to_string(kMaxNesting) +
                        " levels deep; no MailTopo design needs that many");
    }
    json document;
    std::string duplicateKey;
    try {
        document = parseJsonNoticingDuplicates(text, &duplicateKey);
    } catch (const json::parse_error& e) {
        size_t offset = e.byte == 0 ? 0 : e.byte - 1;  // e.byte is 1-based: the last byte read
        std::string message = describeSyntaxError(e.what(), text, &offset);
        return fail(offset, {}, "not valid JSON: " + message);
    } catch (const json::exception& e) {
        // Not a parse_error but e.g. out_of_range 406 ("number overflow parsing '1e999'"),
        // which carries no position: the locating pass stops at the same byte.
        const JsonLocator locator(text);
        const size_t end = locator.syntaxErrorOffset().value_or(1);
        std::string what = e.what();
        if (auto id = what.find("] ");
            what.starts_with("[json.exception.") && id != std::string::npos) {
            what.erase(0, id + 2);
        }
        return fail(tokenStart(text, end == 0 ? 0 : end - 1), {}, "not valid JSON: " + what);
    }
    std::string tooLongAt;
    if (const std::string* tooLong = firstTooLongText(document, &tooLongAt))
        return failAt(tooLongAt, false, model::textTooLong(tooLong->size()));
    if (!duplicateKey.empty()) {
        // nlohmann keeps the last of two equal keys without a word; refuse instead, since
        // the value the author sees first would silently be lost.
        const JsonLocator locator(text);
        const std::string& pointer = locator.firstDuplicateKey();
        const TextPosition pos = locator.keyPosition(pointer);
        result.diagnostics.push_back(
            {fileName, pos.line, pos.column, pointer,
             "duplicate key '" + duplicateKey + "': a key may appear only once in an object"});
        return result;
    }

    if (!document.is_object()) {
        return failAt("", false,
                      "expected a MailTopo design (a JSON object), found " + typeName(document));
    }
    auto format = document.find("format");
    if (format == document.end()) {
        return failAt(
            "", false,
            "not a MailTopo design: there is no 'format' field (it must be \"mailtopo\")");
    }
    if (!format->is_string() || *format != kFormatName) {
        return failAt(
            "/format", false,
            "not a MailTopo design: 'format' is " + format->dump() + ", expected \"mailtopo\"");
    }
    auto version = document.find("version");
    if (version == document.end()) {
        return failAt("", false,
                      "the 'version' field is missing (the format version, e.g. " +
                          std::to_string(kFormatVersion) + ")");
    }
    if (isOversizeInteger(*version)) {
        return failAt("/version", false,
                      "the 'version' field is too large (the format version is " +
                          std::to_string(kFormatVersion) + ")");
    }
    if (!version->is_number_integer()) {
        return failAt("/version", false,
                      "the 'version' field must be an integer, found " + typeName(*version));
    }
    if ((version->is_number_unsigned() && version->get<unsigned long long>() > kFormatVersion) ||
        (!version->is_number_unsigned() && version->get<long long>() > kFormatVersion)) {
        return failAt("/version", false,
                      "this design was saved by a newer MailTopo (format version " +
                          version->dump() + "); this build reads up to version " +
                          std::to_string(kFormatVersion) + ": upgrade MailTopo to open it");
    }
    const long long v = version->get<long long>();
    if (v < 1)
        return failAt("/version", false, "format version " + std::to_string(v) + " does not exist");

    // Older versions are subsets of this one: their documents read as they are, with the
    // keys a later version added refused (Reader::version), and save as kFormatVersion.
    Reader reader{result.diagnostics, {}, static_cast<int>(v)};
    result.fileVersion = static_cast<int>(v);
    model::Design design;
    document.erase("format");
    document.erase("version");
    reader.read(document, "", design);
    if (!result.diagnostics.empty()) {
        locate(text, fileName, reader);
        return result;
    }
    result.design = std::move(design);
    return result;
}

std::string serializeDesign(const model::Design& design) {
    ordered_json document = ordered_json::object();
    document["format"] = std::string(kFormatName);
    document["version"] = kFormatVersion;
    // Bind the body first: range-for over toJson(design).items() would iterate a temporary
    // that is already destroyed (only the items() proxy gets its lifetime extended).
    const ordered_json body = toJson(design);
    for (const auto& [key, value] : body.items())
        document[key] = value;
    return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

template <class T>
std::optional<std::string> readJsonValue(std::string_view text, T& out) {
    if (auto deep = firstTooDeepBracket(text)) {
        return cat("nested more than ", std::to_string(kMaxNesting), " levels deep (at column ",
                   std::to_string(*deep + 1), ")");
    }
    json value;
    try {
        value = json::parse(text);
    } catch (const json::parse_error& e) {
        size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        const std::string why = describeSyntaxError(e.what(), text, &offset);
        return cat("not valid JSON at column ", std::to_string(offset + 1), ": ", why);
    } catch (const json::exception& e) {
        std::string what = e.what();  // e.g. a number beyond a double, without a position
        if (auto id = what.find("] "); id != std::string::npos)
            what.erase(0, id + 2);
        return cat("not valid JSON: ", what);
    }
    Diagnostics diagnostics;
    Reader reader{diagnostics, {}};
    T parsed{};
    reader.read(value, "", parsed);
    if (!diagnostics.empty()) {
        const Diagnostic& first = diagnostics.front();
        return first.pointer.empty() ? first.message : cat(first.pointer, ": ", first.message);
    }
    out = std::move(parsed);
    return std::nullopt;
}

template <class T>
std::string writeJsonValue(const T& value) {
    return toJson(value).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// The lists of elements without an id of their own: `edit --set` takes them as JSON.
#define MAILTOPO_JSON_VALUE(T)                                               \
    template std::optional<std::string> readJsonValue(std::string_view, T&); \
    template std::string writeJsonValue(const T&);
MAILTOPO_JSON_VALUE(std::vector<model::PoolMember>)
MAILTOPO_JSON_VALUE(std::vector<model::AddressSpace>)
MAILTOPO_JSON_VALUE(std::vector<model::FirewallZone>)
MAILTOPO_JSON_VALUE(std::vector<model::DnsRecord>)
MAILTOPO_JSON_VALUE(std::vector<model::AdPermission>)
MAILTOPO_JSON_VALUE(std::vector<model::Route>)
MAILTOPO_JSON_VALUE(std::vector<model::IpAssignment>)
#undef MAILTOPO_JSON_VALUE

}  // namespace mailtopo::io
