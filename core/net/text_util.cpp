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

}  // namespace

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
