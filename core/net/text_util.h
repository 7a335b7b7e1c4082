#pragma once

// Small text helpers shared by the parsers of this folder and by the editors' field
// checks (the inspector reads numbers the way core does, with the same messages), and the
// escaping of outside text for the text outputs.

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

// Text from outside (an SMTP server's replies, a certificate, a resolver's error) made safe
// to print on a terminal as part of one line: a control byte could otherwise clear the screen,
// move the cursor or forge a line of our own output (ESC [2J, CR, a line feed followed by a
// fake verdict). C0 controls and DEL are written as C escapes, \t \n \r and \e (ESC) by
// name and every other one as \xNN; so are bytes that are not valid UTF-8 (a lone 0x9b is CSI
// to some terminals) and the C1 controls U+0080-U+009F, byte by byte. Valid UTF-8 otherwise
// stays, and so does '\' itself: the result is for reading, not for decoding back, and
// printable text passes unchanged, so escaping twice does no harm.
std::string printable(std::string_view text);

// "'x'" for a printable character, "byte 0x0a" otherwise.
std::string describeChar(char c);

// A decimal number 0..max written without sign, spaces or leading zeros. `what` names the
// field in the message stored in `problem` on failure ("port is greater than 65535").
std::optional<unsigned> parseDecimal(std::string_view text, unsigned max, std::string_view what,
                                     std::string& problem);

}  // namespace mailtopo::net
