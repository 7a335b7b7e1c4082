#include "core/io/powershell/export_text.h"

#include <cstdint>
#include <cstring>

namespace mailtopo::io::powershell {
namespace {

constexpr size_t kMaxStrayLineLength = 160;

std::string hexByte(unsigned char c) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out = "0x";
    out += digits[c >> 4];
    out += digits[c & 0xF];
    return out;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not valid (overlong forms,
// surrogates and code points above U+10FFFF included, as RFC 3629 requires).
size_t utf8SequenceLength(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80)
        return 1;
    size_t length = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

std::optional<size_t> firstInvalidUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        // Fast path: eight ASCII bytes at a time.
        if (i + 8 <= text.size()) {
            uint64_t chunk;
            std::memcpy(&chunk, text.data() + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const size_t length = utf8SequenceLength(text, i);
        if (length == 0)
            return i;
        i += length;
    }
    return std::nullopt;
}

// Whether the first bytes look like BOM-less UTF-16: every second byte is NUL (ASCII text).
bool looksLikeUtf16(std::string_view bytes, bool littleEndian) {
    const size_t n = std::min<size_t>(bytes.size() & ~size_t{1}, 4096);
    if (n < 2)
        return false;
    for (size_t i = 0; i < n; i += 2) {
        const char low = littleEndian ? bytes[i] : bytes[i + 1];
        const char high = littleEndian ? bytes[i + 1] : bytes[i];
        if (high != 0 || low == 0)
            return false;
    }
    return true;
}

// Converts UTF-16 code units to UTF-8. On an unpaired surrogate or an odd byte count the
// problem is located by the line and column reached so far.
void convertUtf16(std::string_view bytes, bool littleEndian, DecodedText& out) {
    out.text.reserve(bytes.size() / 2 + 16);
    const auto unit = [&](size_t i) -> uint32_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return littleEndian ? (a | (b << 8)) : ((a << 8) | b);
    };
    size_t i = 0;
    while (i + 1 < bytes.size()) {
        uint32_t cp = unit(i);
        i += 2;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            const uint32_t low = i + 1 < bytes.size() ? unit(i) : 0;
            if (low < 0xDC00 || low > 0xDFFF) {
                const LineColumn at = lineColumnOf(out.text, out.text.size());
                out.problem = TextProblem{at.line, at.column,
                                          "unpaired UTF-16 high surrogate; the file is not valid "
                                          "UTF-16 text"};
                return;
            }
            i += 2;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            const LineColumn at = lineColumnOf(out.text, out.text.size());
            out.problem =
                TextProblem{at.line, at.column,
                            "unpaired UTF-16 low surrogate; the file is not valid UTF-16 text"};
            return;
        }
        appendUtf8(out.text, cp);
    }
    if (i < bytes.size()) {
        const LineColumn at = lineColumnOf(out.text, out.text.size());
        out.problem =
            TextProblem{at.line, at.column,
                        "the file is UTF-16 but has an odd number of bytes: it was cut off "
                        "in the middle of a character"};
    }
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view encodingName(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::Utf8:
            return "UTF-8";
        case TextEncoding::Utf8Bom:
            return "UTF-8 with BOM";
        case TextEncoding::Utf16LeBom:
            return "UTF-16LE with BOM";
        case TextEncoding::Utf16LeNoBom:
            return "UTF-16LE without BOM";
        case TextEncoding::Utf16BeBom:
            return "UTF-16BE with BOM";
        case TextEncoding::Utf16BeNoBom:
            return "UTF-16BE without BOM";
    }
    return "?";
}

namespace {

struct Detected {
    std::optional<TextEncoding> encoding;  // empty: UTF-32
    size_t bomBytes = 0;
};

// The encoding by the BOM first, then by the NUL pattern of BOM-less UTF-16.
Detected detectEncoding(std::string_view bytes) {
    if (startsWith(bytes, std::string_view("\xFF\xFE\x00\x00", 4)) ||
        startsWith(bytes, std::string_view("\x00\x00\xFE\xFF", 4)))
        return {std::nullopt, 4};
    if (startsWith(bytes, "\xEF\xBB\xBF"))
        return {TextEncoding::Utf8Bom, 3};
    if (startsWith(bytes, "\xFF\xFE"))
        return {TextEncoding::Utf16LeBom, 2};
    if (startsWith(bytes, "\xFE\xFF"))
        return {TextEncoding::Utf16BeBom, 2};
    if (looksLikeUtf16(bytes, true))
        return {TextEncoding::Utf16LeNoBom, 0};
    if (looksLikeUtf16(bytes, false))
        return {TextEncoding::Utf16BeNoBom, 0};
    return {TextEncoding::Utf8, 0};
}

}  // namespace

std::optional<std::string> wideEncodingName(std::string_view bytes) {
    const Detected detected = detectEncoding(bytes);
    if (!detected.encoding)
        return "UTF-32";
    if (*detected.encoding == TextEncoding::Utf8 || *detected.encoding == TextEncoding::Utf8Bom)
        return std::nullopt;
    return std::string(encodingName(*detected.encoding));
}

DecodedText decodeExportBytes(std::string_view bytes) {
    DecodedText out;
    const Detected detected = detectEncoding(bytes);
    if (!detected.encoding) {
        out.problem = TextProblem{1, 1,
                                  "the file is UTF-32, which PowerShell only writes when asked to; "
                                  "re-export with Out-File -Encoding utf8"};
        return out;
    }
    out.encoding = *detected.encoding;
    bytes.remove_prefix(detected.bomBytes);
    switch (out.encoding) {
        case TextEncoding::Utf16LeBom:
        case TextEncoding::Utf16LeNoBom:
            convertUtf16(bytes, true, out);
            return out;
        case TextEncoding::Utf16BeBom:
        case TextEncoding::Utf16BeNoBom:
            convertUtf16(bytes, false, out);
            return out;
        case TextEncoding::Utf8:
        case TextEncoding::Utf8Bom:
            break;
    }
    if (const auto bad = firstInvalidUtf8(bytes)) {
        const LineColumn at = lineColumnOf(bytes, *bad);
        out.problem = TextProblem{
            at.line, at.column,
            "byte " + hexByte(static_cast<unsigned char>(bytes[*bad])) +
                " is not valid UTF-8; the file was probably written in an ANSI code page "
                "(Windows PowerShell Set-Content without -Encoding). Re-export with "
                "Out-File -Encoding utf8"};
        return out;
    }
    out.text.assign(bytes.data(), bytes.size());
    return out;
}

std::vector<StrayLine> blankStreamLines(std::string& text) {
    static constexpr std::string_view kPrefixes[] = {"WARNING:", "VERBOSE:", "DEBUG:"};
    std::vector<StrayLine> out;
    size_t start = 0;
    int line = 1;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        size_t first = start;
        while (first < end && (text[first] == ' ' || text[first] == '\t'))
            ++first;
        const std::string_view rest(text.data() + first, end - first);
        for (std::string_view prefix : kPrefixes) {
            if (!startsWith(rest, prefix))
                continue;
            std::string shown(rest);
            while (!shown.empty() && (shown.back() == '\r' || shown.back() == ' '))
                shown.pop_back();
            if (shown.size() > kMaxStrayLineLength) {
                shown.resize(kMaxStrayLineLength);
                // Do not leave half a UTF-8 sequence at the cut.
                while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80)
                    shown.pop_back();
                if (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0x80) != 0)
                    shown.pop_back();
                shown += "…";
            }
            out.push_back({line, std::move(shown)});
            for (size_t k = start; k < end; ++k) {
                if (text[k] != '\r')
                    text[k] = ' ';
            }
            break;
        }
        start = end + 1;
        ++line;
    }
    return out;
}

LineColumn lineColumnOf(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    LineColumn at;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            lineStart = i + 1;
        }
    }
    // Count characters, not bytes: continuation bytes do not start a character.
    for (size_t i = lineStart; i < offset; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++at.column;
    }
    return at;
}

}  // namespace mailtopo::io::powershell
