#include "core/io/powershell/record_reading.h"

#include <algorithm>
#include <charconv>

namespace mailtopo::io::powershell::detail {
namespace {

char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string shorten(std::string_view text, size_t max = 60) {
    if (text.size() <= max)
        return std::string(text);
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return std::string(text.substr(0, cut)) + "…";
}

std::optional<uint64_t> parseUnsigned(std::string_view text) {
    uint64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || text.empty())
        return std::nullopt;
    return v;
}

}  // namespace

// ---- LineIndex --------------------------------------------------------------------------

LineColumn LineIndex::at(size_t offset) {
    if (starts_.empty()) {
        starts_.push_back(0);
        for (size_t i = 0; i < text_.size(); ++i) {
            if (text_[i] == '\n')
                starts_.push_back(i + 1);
        }
    }
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
    const size_t start = starts_[line - 1];
    LineColumn out;
    out.line = static_cast<int>(line);
    out.column = 1;
    for (size_t i = start; i < offset; ++i) {
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
            ++out.column;
    }
    return out;
}

// ---- text helpers -------------------------------------------------------------------------

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                             text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

std::string inQuotes(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    out.append(text);
    out += '\'';
    return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = lowerAscii(c);
    return out;
}

std::string serverKey(std::string_view name) {
    name = trim(name);
    // An IPv4 literal keeps its dots; anything else is cut at the first dot (FQDN → host).
    const bool dottedQuad = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.';
    });
    if (!dottedQuad && name.find(':') == std::string_view::npos) {
        const size_t dot = name.find('.');
        if (dot != std::string_view::npos && dot > 0)
            name = name.substr(0, dot);
    }
    return lowercase(name);
}

bool isTypeName(std::string_view text) {
    text = trim(text);
    const size_t bracket = text.find('[');
    const std::string_view head = text.substr(0, bracket);
    if (!(startsWithIgnoreCase(head, "System.") || startsWithIgnoreCase(head, "Microsoft.") ||
          startsWithIgnoreCase(head, "Deserialized.")))
        return false;
    return std::all_of(head.begin(), head.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '`' || c == '+';
    });
}

std::optional<std::string> scalarText(JsonValue v) {
    if (v.isString() || v.isNumber())
        return std::string(v.text());
    if (v.isBool())
        return v.boolean() ? "True" : "False";
    return std::nullopt;
}

std::optional<std::string> referenceName(JsonValue v) {
    if (v.isString())
        return std::string(trim(v.text()));
    if (v.isObject()) {
        const JsonValue name = v.member("Name");
        if (name.isString() && !trim(name.text()).empty())
            return std::string(trim(name.text()));
        // An Rdn object {"Prefix": "CN", "EscapedName": …, "UnescapedName": …}, or "CN=x".
        const JsonValue rdn = v.member("Rdn");
        if (rdn.isObject() && rdn.member("UnescapedName").isString())
            return std::string(rdn.member("UnescapedName").text());
        if (rdn.isString() && rdn.text().find('=') != std::string_view::npos)
            return std::string(rdn.text().substr(rdn.text().find('=') + 1));
    }
    return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> receiveConnectorFromDn(std::string_view dn) {
    // Split into RDN values, honouring "\," escapes.
    std::vector<std::string> values;
    std::string current;
    bool inValue = false;
    for (size_t i = 0; i < dn.size(); ++i) {
        const char c = dn[i];
        if (c == '\\' && i + 1 < dn.size()) {
            current += dn[++i];
            continue;
        }
        if (c == ',') {
            values.push_back(current);
            current.clear();
            inValue = false;
            continue;
        }
        if (!inValue) {
            if (c == '=') {
                inValue = true;
                current.clear();
            } else {
                current += c;
            }
            continue;
        }
        current += c;
    }
    if (inValue)
        values.push_back(current);
    for (size_t i = 0; i + 3 < values.size(); ++i) {
        if (equalsIgnoreCase(values[i + 1], "SMTP Receive Connectors") &&
            equalsIgnoreCase(values[i + 2], "Protocols")) {
            return std::make_pair(values[i + 3], values[i]);
        }
    }
    return std::nullopt;
}

std::optional<std::optional<long long>> parseByteSize(std::string_view text) {
    text = trim(text);
    if (equalsIgnoreCase(text, "Unlimited"))
        return std::optional<long long>{};
    // "36 MB (37,748,736 bytes)": the exact count is in the parentheses.
    const size_t open = text.rfind('(');
    if (open != std::string_view::npos) {
        const size_t close = text.find(')', open);
        std::string digits;
        for (size_t i = open + 1; i < close && i < text.size(); ++i) {
            const char c = text[i];
            if (c >= '0' && c <= '9')
                digits += c;
            else if (c == ',' || c == '.' || c == ' ' || c == '\xC2' || c == '\xA0')
                continue;  // grouping separators of any culture
            else
                break;
        }
        if (const auto v = parseUnsigned(digits); v && *v <= static_cast<uint64_t>(INT64_MAX))
            return std::optional<long long>(static_cast<long long>(*v));
        return std::nullopt;
    }
    if (const auto v = parseUnsigned(text); v && *v <= static_cast<uint64_t>(INT64_MAX))
        return std::optional<long long>(static_cast<long long>(*v));
    return std::nullopt;
}

// ---- Record ---------------------------------------------------------------------------------

void Record::issue(JsonValue at, std::string_view field, std::string problem, std::string fix,
                   bool recovered) {
    const JsonValue where = at.valid() ? at : value_;
    const LineColumn pos = file_.lines.at(where.offset());
    file_.issues.push_back({file_.name, pos.line, pos.column, label_, std::string(field),
                            std::move(problem), std::move(fix), recovered});
}

void Record::note(JsonValue at, std::string message) {
    const JsonValue where = at.valid() ? at : value_;
    file_.report.notes.push_back({file_.lines.at(where.offset()).line, std::move(message)});
}

std::string Record::truncatedBy() const {
    return "truncated by ConvertTo-Json -Depth " + std::to_string(depth_);
}

std::string Record::depthFix() const {
    return "re-export with -Depth 4: " + std::string(cmdletName(cmdlet_)) +
           " | ConvertTo-Json -Depth 4";
}

std::optional<std::string> Record::string(std::string_view field) {
    const JsonValue v = get(field);
    if (v.isNull())
        return std::nullopt;
    if (const auto text = scalarText(v))
        return text;
    issue(v, field, "expected text, found " + std::string(v.isArray() ? "a list" : "an object"),
          {});
    return std::nullopt;
}

std::optional<bool> Record::boolean(std::string_view field) {
    const JsonValue v = get(field);
    if (v.isNull())
        return std::nullopt;
    if (v.isBool())
        return v.boolean();
    if (v.isObject()) {
        const JsonValue present = v.member("IsPresent");  // SwitchParameter
        if (present.isBool())
            return present.boolean();
    }
    if (v.isString()) {
        const std::string_view t = trim(v.text());
        if (equalsIgnoreCase(t, "true") || equalsIgnoreCase(t, "enabled") || t == "1")
            return true;
        if (equalsIgnoreCase(t, "false") || equalsIgnoreCase(t, "disabled") || t == "0")
            return false;
    }
    if (const auto i = v.int64(); i && (*i == 0 || *i == 1))
        return *i == 1;
    issue(v, field, "expected true or false, found " + shorten(scalarText(v).value_or("an object")),
          {});
    return std::nullopt;
}

std::optional<int64_t> Record::integer(std::string_view field) {
    const JsonValue v = get(field);
    if (v.isNull())
        return std::nullopt;
    if (const auto i = v.int64())
        return i;
    if (v.isString()) {
        const std::string_view t = trim(v.text());
        int64_t i = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), i);
        if (r.ec == std::errc() && r.ptr == t.data() + t.size() && !t.empty())
            return i;
    }
    issue(v, field,
          "expected a whole number, found " + shorten(scalarText(v).value_or("an object")), {});
    return std::nullopt;
}

std::optional<uint64_t> Record::enumeration(std::string_view field,
                                            std::span<const EnumEntry> table, bool flags) {
    const JsonValue v = get(field);
    if (v.isNull())
        return std::nullopt;
    uint64_t known = 0;
    for (const auto& e : table)
        known |= e.value;
    std::vector<std::string> unknown;
    uint64_t bits = 0;
    bool any = false;

    auto fromNumber = [&](uint64_t n) {
        any = true;
        if (flags) {
            if ((n & ~known) != 0)
                unknown.push_back("value " + std::to_string(n & ~known));
            bits |= n & known;
            return;
        }
        for (const auto& e : table) {
            if (e.value == n) {
                bits = n;
                return;
            }
        }
        unknown.push_back("value " + std::to_string(n));
    };
    auto fromName = [&](std::string_view name) {
        name = trim(name);
        if (name.empty())
            return;
        if (const auto n = parseUnsigned(name)) {
            fromNumber(*n);
            return;
        }
        for (const auto& e : table) {
            if (equalsIgnoreCase(e.name, name)) {
                any = true;
                bits = flags ? (bits | e.value) : e.value;
                return;
            }
        }
        unknown.push_back(inQuotes(shorten(name)));
    };
    auto fromText = [&](std::string_view text) {
        while (true) {
            const size_t comma = text.find(',');
            fromName(text.substr(0, comma));
            if (comma == std::string_view::npos)
                break;
            text.remove_prefix(comma + 1);
        }
    };
    auto fromValue = [&](JsonValue item) {
        if (const auto n = item.uint64())
            fromNumber(*n);
        else if (item.isString())
            fromText(item.text());
        else if (const auto i = item.int64())
            unknown.push_back("value " + std::to_string(*i));
    };

    if (v.isArray()) {
        for (size_t i = 0; i < v.size(); ++i)
            fromValue(v.at(i));
    } else if (v.isObject()) {
        issue(v, field, "expected an enumeration value, found an object", {});
        return std::nullopt;
    } else {
        fromValue(v);
    }
    if (!unknown.empty()) {
        std::string names;
        for (size_t i = 0; i < unknown.size(); ++i)
            names += (i ? ", " : "") + unknown[i];
        std::string choices;
        for (size_t i = 0; i < table.size(); ++i)
            choices += (i ? ", " : "") + std::string(table[i].name);
        issue(v, field, "unknown " + names + " ignored (known: " + choices + ")", {}, any);
    }
    if (!any)
        return std::nullopt;
    return bits;
}

std::optional<std::vector<ListItem>> Record::list(std::string_view field) {
    const JsonValue v = get(field);
    std::vector<ListItem> out;
    if (v.isNull())
        return out;
    if (v.isArray()) {
        out.reserve(v.size());
        for (size_t i = 0; i < v.size(); ++i)
            out.push_back({v.at(i), {}});
        return out;
    }
    if (v.isObject()) {
        // Windows PowerShell wraps some arrays as {"value": [...], "Count": n}.
        const JsonValue inner = v.member("value");
        if (inner.isArray() && v.member("Count").valid()) {
            for (size_t i = 0; i < inner.size(); ++i)
                out.push_back({inner.at(i), {}});
            return out;
        }
        out.push_back({v, {}});  // one object where a list was expected: take it as the only item
        return out;
    }
    if (v.isString()) {
        const std::string_view text = trim(v.text());
        if (text.empty())
            return out;
        if (isTypeName(text)) {
            issue(v, field,
                  truncatedBy() + " to the type name '" + shorten(text) + "'; the values are lost",
                  depthFix());
            return std::nullopt;
        }
        std::string_view rest = text;
        while (!rest.empty()) {
            const size_t space = rest.find(' ');
            const std::string_view piece = rest.substr(0, space);
            if (!piece.empty()) {
                if (isTypeName(piece)) {
                    issue(v, field,
                          truncatedBy() +
                              ": its items were written as the "
                              "type name '" +
                              shorten(piece) + "'; the values are lost",
                          depthFix());
                    return std::nullopt;
                }
                out.push_back({{}, piece});
            }
            if (space == std::string_view::npos)
                break;
            rest.remove_prefix(space + 1);
        }
        issue(v, field,
              truncatedBy() + ": the list was written as one string (\"" + shorten(text) +
                  "\"); its " + std::to_string(out.size()) +
                  (out.size() == 1 ? " entry was" : " entries were") + " read back from it",
              depthFix(), true);
        return out;
    }
    out.push_back({v, {}});  // a number or boolean: a one-item list
    return out;
}

std::optional<std::string> Record::objectName(std::string_view field) {
    const JsonValue v = get(field);
    if (v.isNull())
        return std::nullopt;
    if (v.isString() && isTypeName(v.text())) {
        issue(v, field, truncatedBy() + " to the type name '" + shorten(v.text()) + "'",
              depthFix());
        return std::nullopt;
    }
    if (auto name = referenceName(v))
        return name;
    issue(v, field, "no Name in this object reference", {});
    return std::nullopt;
}

}  // namespace mailtopo::io::powershell::detail
