#include "core/dns/spf_macro.h"

#include <algorithm>
#include <vector>

namespace mailtopo::dns {
namespace {

bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isDelimiter(char c) {
    return c == '.' || c == '-' || c == '+' || c == ',' || c == '/' || c == '_' || c == '=';
}

bool setError(std::string* error, std::string message) {
    if (error != nullptr)
        *error = std::move(message);
    return false;
}

std::string describeByte(unsigned char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    if (c > 0x20 && c < 0x7f)
        return std::string("'") + static_cast<char>(c) + "'";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0x0f];
}

// One parsed "%{...}" expression.
struct Macro {
    char letter = 0;  // lower case
    bool upper = false;
    unsigned keep = 0;  // 0 = all parts
    bool reverse = false;
    std::string_view delimiters;
};

// Parses the inside of "%{...}".
bool parseMacroBody(std::string_view body, MacroMode mode, Macro& macro, std::string* error) {
    if (body.empty())
        return setError(error, "empty macro '%{}'");
    const char letter = body[0];
    const char lower = static_cast<char>(isAlpha(letter) ? (letter | 0x20) : letter);
    static constexpr std::string_view kDomainLetters = "slodipvh";
    static constexpr std::string_view kExpLetters = "crt";
    if (kDomainLetters.find(lower) == std::string_view::npos) {
        if (kExpLetters.find(lower) != std::string_view::npos) {
            if (mode != MacroMode::Explanation) {
                return setError(error, std::string("macro letter '") + letter +
                                           "' is only allowed in exp= explanation text");
            }
        } else {
            return setError(error, "unknown macro letter " +
                                       describeByte(static_cast<unsigned char>(letter)) +
                                       " in '%{" + std::string(body) + "}'");
        }
    }
    macro.letter = lower;
    macro.upper = letter != lower;
    size_t pos = 1;
    bool digits = false;
    unsigned value = 0;
    while (pos < body.size() && isDigit(body[pos])) {
        digits = true;
        value = std::min(value * 10 + static_cast<unsigned>(body[pos] - '0'), 100000U);
        ++pos;
    }
    if (digits && value == 0) {
        return setError(error, "macro '%{" + std::string(body) + "}' keeps zero parts");
    }
    macro.keep = value;
    if (pos < body.size() && (body[pos] == 'r' || body[pos] == 'R')) {
        macro.reverse = true;
        ++pos;
    }
    const size_t delimiterStart = pos;
    while (pos < body.size() && isDelimiter(body[pos]))
        ++pos;
    if (pos != body.size()) {
        return setError(error, "invalid character " +
                                   describeByte(static_cast<unsigned char>(body[pos])) +
                                   " in macro '%{" + std::string(body) + "}'");
    }
    macro.delimiters = body.substr(delimiterStart);
    return true;
}

bool isAllowedLiteral(unsigned char c, MacroMode mode) {
    if (c == ' ')
        return mode == MacroMode::Explanation;
    return c >= 0x21 && c <= 0x7e;
}

// Walks `text`, calling onLiteral(view) and onMacro(macro) in order. Returns false with
// `error` on the first syntax error. Also reports where the last macro-expand ended, for
// the domain-end check.
template <typename OnLiteral, typename OnMacro>
bool walk(std::string_view text, MacroMode mode, std::string* error, OnLiteral&& onLiteral,
          OnMacro&& onMacro, size_t* lastMacroEnd = nullptr) {
    size_t literalStart = 0;
    size_t pos = 0;
    if (lastMacroEnd != nullptr)
        *lastMacroEnd = 0;
    while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c != '%') {
            if (!isAllowedLiteral(c, mode)) {
                return setError(error, "invalid character " + describeByte(c) + " at offset " +
                                           std::to_string(pos));
            }
            ++pos;
            continue;
        }
        if (pos > literalStart)
            onLiteral(text.substr(literalStart, pos - literalStart));
        if (pos + 1 >= text.size())
            return setError(error, "'%' at the end of the text");
        const char next = text[pos + 1];
        if (next == '%') {
            onLiteral(std::string_view("%"));
            pos += 2;
        } else if (next == '_') {
            onLiteral(std::string_view(" "));
            pos += 2;
        } else if (next == '-') {
            onLiteral(std::string_view("%20"));
            pos += 2;
        } else if (next == '{') {
            const size_t close = text.find('}', pos + 2);
            if (close == std::string_view::npos)
                return setError(error, "unterminated macro '%{'");
            Macro macro;
            if (!parseMacroBody(text.substr(pos + 2, close - pos - 2), mode, macro, error)) {
                return false;
            }
            onMacro(macro);
            pos = close + 1;
        } else {
            return setError(error, "'%' followed by " +
                                       describeByte(static_cast<unsigned char>(next)) +
                                       " (only '%{', '%%', '%_' and '%-' are macros)");
        }
        literalStart = pos;
        if (lastMacroEnd != nullptr)
            *lastMacroEnd = pos;
    }
    if (pos > literalStart)
        onLiteral(text.substr(literalStart, pos - literalStart));
    return true;
}

bool isAlnum(char c) {
    return isAlpha(c) || isDigit(c);
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
bool isTopLabel(std::string_view label) {
    if (label.empty())
        return false;
    bool alpha = false;
    bool dash = false;
    for (const char c : label) {
        if (c == '-') {
            dash = true;
        } else if (isAlpha(c)) {
            alpha = true;
        } else if (!isDigit(c)) {
            return false;
        }
    }
    if (!dash)
        return alpha;
    return isAlnum(label.front()) && isAlnum(label.back());
}

void urlEscapeInto(std::string_view value, std::string& out) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        // unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 3986; RFC 7208 §7.3)
        if (isAlnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0f];
        }
    }
}

std::string_view valueOf(char letter, const MacroContext& context, std::string& storage) {
    switch (letter) {
        case 's':
            return context.sender;
        case 'l':
            return context.localPart;
        case 'o':
            return context.senderDomain;
        case 'd':
            return context.domain;
        case 'i':
            return context.ipDotted;
        case 'c':
            return context.ipText;
        case 'v':
            return context.ipVersion;
        case 'h':
            return context.helo;
        case 'r':
            return context.receiver;
        case 't':
            return context.timestamp;
        case 'p':
            storage = context.validatedName ? context.validatedName() : std::string("unknown");
            return storage;
        default:
            return {};
    }
}

// §7.3: split on the delimiters (default "."), optionally reverse, keep the rightmost N
// parts, and join with "." whatever the delimiters were.
void transformInto(std::string_view value, const Macro& macro, std::string& out) {
    if (macro.keep == 0 && !macro.reverse && macro.delimiters.empty()) {
        out += value;
        return;
    }
    const std::string_view delimiters = macro.delimiters.empty() ? "." : macro.delimiters;
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= value.size(); ++i) {
        if (i == value.size() || delimiters.find(value[i]) != std::string_view::npos) {
            parts.push_back(value.substr(start, i - start));
            start = i + 1;
        }
    }
    if (macro.reverse)
        std::reverse(parts.begin(), parts.end());
    size_t first = 0;
    if (macro.keep != 0 && macro.keep < parts.size())
        first = parts.size() - macro.keep;
    for (size_t i = first; i < parts.size(); ++i) {
        if (i > first)
            out += '.';
        out += parts[i];
    }
}

}  // namespace

bool checkMacroString(std::string_view text, MacroMode mode, std::string* error) {
    return walk(
        text, mode, error, [](std::string_view) {}, [](const Macro&) {});
}

bool checkDomainSpec(std::string_view text, std::string* error) {
    if (text.empty())
        return setError(error, "empty domain-spec");
    size_t lastMacroEnd = 0;
    // Most domain-specs are plain names: without '%' the walk below only checks that every
    // byte is visible ASCII, which this loop does faster (records are parsed per evaluation).
    const bool plain = std::all_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x21 && c <= 0x7e && c != '%';
    });
    if (!plain && !walk(
                      text, MacroMode::Domain, error, [](std::string_view) {}, [](const Macro&) {},
                      &lastMacroEnd)) {
        return false;
    }
    // "%%", "%_" and "%-" are macro-expands too, and may end a domain-spec.
    if (lastMacroEnd == text.size())
        return true;
    std::string_view tail = text.substr(lastMacroEnd);
    if (tail.back() == '.')
        tail.remove_suffix(1);
    const size_t dot = tail.rfind('.');
    if (dot == std::string_view::npos) {
        return setError(error, "domain-spec '" + std::string(text) +
                                   "' does not end in '.' and a top-level label or a macro");
    }
    if (!isTopLabel(tail.substr(dot + 1))) {
        return setError(error, "domain-spec '" + std::string(text) + "' ends in '" +
                                   std::string(tail.substr(dot + 1)) +
                                   "', which is not a valid top-level label");
    }
    return true;
}

std::optional<std::string> expandMacroString(std::string_view text, MacroMode mode,
                                             const MacroContext& context, std::string* error) {
    std::string out;
    out.reserve(text.size() + 16);
    std::string storage;
    std::string transformed;
    const bool ok = walk(
        text, mode, error, [&](std::string_view literal) { out += literal; },
        [&](const Macro& macro) {
            const std::string_view value = valueOf(macro.letter, context, storage);
            if (!macro.upper) {
                transformInto(value, macro, out);
                return;
            }
            transformed.clear();
            transformInto(value, macro, transformed);
            urlEscapeInto(transformed, out);
        });
    if (!ok)
        return std::nullopt;
    return out;
}

std::string toQueryName(std::string expanded) {
    if (!expanded.empty() && expanded.back() == '.')
        expanded.pop_back();
    while (expanded.size() > 253) {
        const size_t dot = expanded.find('.');
        if (dot == std::string::npos)
            break;
        expanded.erase(0, dot + 1);
    }
    return expanded;
}

std::string ipv6Nibbles(const std::array<uint8_t, 16>& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(63);
    for (size_t i = 0; i < 16; ++i) {
        if (i > 0)
            out += '.';
        out += kHex[bytes[i] >> 4];
        out += '.';
        out += kHex[bytes[i] & 0x0f];
    }
    return out;
}

}  // namespace mailtopo::dns
