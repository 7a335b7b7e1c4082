#include "core/net/text_util.h"

#include <cstdint>

namespace mailtopo::net {

namespace {

constexpr size_t kMaxQuotedLength = 80;

bool isPrintable(char c) {
    return c >= 0x20 && c < 0x7F;
}

std::string hexByte(char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(c);
    return {kHex[byte >> 4], kHex[byte & 0xFu]};
}

// The length of the valid UTF-8 sequence at text[at] (2-4), or 0: a stray continuation
// byte, an overlong form, a surrogate, a code point above U+10FFFF or a cut-off sequence.
size_t utf8SequenceLength(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) -> unsigned {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u;
    };
    const unsigned lead = byte(at);
    size_t length = 0;
    unsigned low = 0x80;  // the range of the second byte (RFC 3629 section 4)
    unsigned high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        low = lead == 0xe0 ? 0xa0 : low;
        high = lead == 0xed ? 0x9f : high;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        low = lead == 0xf0 ? 0x90 : low;
        high = lead == 0xf4 ? 0x8f : high;
    } else {
        return 0;
    }
    if (byte(at + 1) < low || byte(at + 1) > high)
        return 0;
    for (size_t i = 2; i < length; ++i) {
        if ((byte(at + i) & 0xc0u) != 0x80)
            return 0;
    }
    return length;
}

void appendEscaped(std::string& out, char c) {
    switch (c) {
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\x1b':
            out += "\\e";
            break;
        default:
            out += "\\x" + hexByte(c);
    }
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (isPrintable(text[i])) {
            out += text[i++];
            continue;
        }
        const size_t length = byte < 0x80 ? 0 : utf8SequenceLength(text, i);
        // U+0080-U+009F are C2 80-C2 9F: valid UTF-8, but terminals may act on them.
        const bool c1 =
            length == 2 && byte == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
        if (length == 0 || c1) {
            appendEscaped(out, text[i++]);
            continue;
        }
        out.append(text, i, length);
        i += length;
    }
    return out;
}

std::string_view trimSpaces(std::string_view text) {
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    const bool cut = text.size() > kMaxQuotedLength;
    for (char c : cut ? text.substr(0, kMaxQuotedLength) : text) {
        if (isPrintable(c)) {
            out += c;
        } else {
            out += "\\x" + hexByte(c);
        }
    }
    if (cut)
        out += "...";
    out += '\'';
    return out;
}

std::string describeChar(char c) {
    if (isPrintable(c))
        return std::string("'") + c + "'";
    return "byte 0x" + hexByte(c);
}

std::optional<unsigned> parseDecimal(std::string_view text, unsigned max, std::string_view what,
                                     std::string& problem) {
    const std::string name(what);
    if (text.empty()) {
        problem = name + " is missing";
        return std::nullopt;
    }
    // 64 bits: a value up to `max` times ten plus a digit always fits, whatever `max` is.
    uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            problem = name + " contains " + describeChar(c) + ", expected decimal digits";
            return std::nullopt;
        }
        // Stop accumulating once out of range so long digit strings cannot overflow.
        if (value <= max)
            value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (text.size() > 1 && text[0] == '0') {
        problem = name + " has a leading zero";
        return std::nullopt;
    }
    if (value > max) {
        problem = name + " is greater than " + std::to_string(max);
        return std::nullopt;
    }
    return static_cast<unsigned>(value);
}

}  // namespace mailtopo::net
