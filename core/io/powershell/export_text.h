#pragma once
// The bytes of a PowerShell export as UTF-8 text ready for the JSON parser.
//
// Windows PowerShell writes `> file` as UTF-16LE with a BOM, `Out-File -Encoding utf8` as UTF-8
// with a BOM, PowerShell 7 as UTF-8 without one (powershell-exports.md §1.6). Everything is
// converted to UTF-8 first so the parser sees one encoding. Line ends are kept as they are, so
// line numbers in the UTF-8 text are the line numbers of the original file, and columns
// counted in characters are the same in both.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailtopo::io::powershell {

enum class TextEncoding : uint8_t {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16LeNoBom,
    Utf16BeBom,
    Utf16BeNoBom,
};

// "UTF-8", "UTF-8 with BOM", "UTF-16LE with BOM" …
std::string_view encodingName(TextEncoding encoding);

// A problem located in the original file: 1-based line and column (in characters).
struct TextProblem {
    int line = 0;
    int column = 0;
    std::string message;
};

struct DecodedText {
    std::string text;  // UTF-8, without BOM
    TextEncoding encoding = TextEncoding::Utf8;
    std::optional<TextProblem> problem;  // set when the bytes are not text we can read
};

// Detects the encoding (BOM first, then the NUL pattern of BOM-less UTF-16) and converts to
// UTF-8. Invalid UTF-8, unpaired UTF-16 surrogates, an odd UTF-16 length and UTF-32 are
// reported as problems with their position; `text` is then unspecified.
DecodedText decodeExportBytes(std::string_view bytes);

// "UTF-16LE without BOM", "UTF-32" …: the name of a wide encoding the bytes are in, by the
// same detection; empty for UTF-8. The design reader names such a file rather than parse it.
std::optional<std::string> wideEncodingName(std::string_view bytes);

// A line that PowerShell's other streams wrote into the file (`*> file` merges the warning,
// verbose and debug streams into it): "WARNING: Resulting JSON is truncated …".
struct StrayLine {
    int line = 0;
    std::string text;  // as in the file, trimmed, cut to a readable length
};

// Blanks every line that starts with a PowerShell stream prefix (WARNING:, VERBOSE:, DEBUG:)
// by overwriting it with spaces, and returns those lines. Byte offsets and line numbers of
// everything else stay as they were, so parse errors still point into the original file.
// Such a line can never be part of valid JSON: JSON strings cannot span lines, so a line
// start is always outside a string, where a bare word is a syntax error.
std::vector<StrayLine> blankStreamLines(std::string& text);

// 1-based line and character column of a byte offset in UTF-8 text.
struct LineColumn {
    int line = 1;
    int column = 1;
};
LineColumn lineColumnOf(std::string_view text, size_t offset);

}  // namespace mailtopo::io::powershell
