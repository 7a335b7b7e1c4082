#pragma once

// Small text helpers shared by the parsers of this folder and by the editors' field
// checks (the inspector reads numbers the way core does, with the same messages).

#include <optional>
#include <string>
#include <string_view>

namespace mailtopo::net {

// Only ASCII space and tab: the inputs are configuration values, not prose.
inline bool isSpace(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trimSpaces(std::string_view text);

// The input wrapped in single quotes for an error message. Control and non-ASCII bytes are
// shown as \xNN, and very long inputs are cut short, so a message always stays one readable
// line whatever was fed in.
std::string quoted(std::string_view text);

// "'x'" for a printable character, "byte 0x0a" otherwise.
std::string describeChar(char c);

// A decimal number 0..max written without sign, spaces or leading zeros. `what` names the
// field in the message stored in `problem` on failure ("port is greater than 65535").
std::optional<unsigned> parseDecimal(std::string_view text, unsigned max, std::string_view what,
                                     std::string& problem);

}  // namespace mailtopo::net
