#include "core/io/powershell/json_document.h"

#include <charconv>
#include <cstdlib>
#include <deque>
#include <limits>
#include <vector>

#include "core/io/powershell/export_text.h"

namespace mailtopo::io::powershell {
namespace detail {

struct JsonStorage {
    struct Node {
        JsonKind kind = JsonKind::Null;
        bool flag = false;   // the boolean value
        uint32_t count = 0;  // items or members
        uint32_t first = 0;  // index into items or members
        uint32_t offset = 0;
        std::string_view str;  // string value, or the literal text of a number
    };
    struct Member {
        std::string_view key;
        uint32_t value = 0;
    };

    std::string text;
    std::vector<Node> nodes;
    std::vector<uint32_t> items;
    std::vector<Member> members;
    std::deque<std::string> decoded;  // strings that contained escapes, decoded (stable addresses)
    std::optional<JsonSyntaxError> error;
    bool hasRoot = false;
};

}  // namespace detail

namespace {

using detail::JsonStorage;

// PowerShell's -Depth stops at 100; anything far deeper is hostile input, and the recursive
// parser must not run out of stack on it.
constexpr int kMaxNesting = 512;

struct ParseFailure {
    size_t offset;
    std::string message;
};

char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i] && lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}

std::string describe(std::string_view text, size_t at) {
    if (at >= text.size())
        return "the end of the file";
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x7F)
        return std::string("'") + static_cast<char>(c) + "'";
    if (c == '\n' || c == '\r')
        return "the end of the line";
    if (c >= 0x80) {
        size_t end = at + 1;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            ++end;
        std::string out = "'";  // appended, not "'" + …: see inQuotes() in record_reading.h
        out.append(text.substr(at, end - at));
        out += '\'';
        return out;
    }
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out = "control character 0x";
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

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

class Parser {
public:
    explicit Parser(JsonStorage& s) : s_(s), t_(s.text) {}

    void run() {
        skipSpace();
        if (pos_ >= t_.size()) {
            return;  // an empty export: ConvertTo-Json of no objects writes nothing
        }
        const char c = t_[pos_];
        if (c != '{' && c != '[' && c != '"' && c != '-' && !(c >= '0' && c <= '9') && c != 't' &&
            c != 'f' && c != 'n') {
            fail(pos_, "expected a JSON value ('[' or '{' as ConvertTo-Json writes), found " +
                           describe(t_, pos_) + notJsonHint());
        }
        const size_t start = pos_;
        const uint32_t root = value(0);
        skipSpace();
        if (pos_ < t_.size()) {
            const LineColumn end = lineColumnOf(t_, s_.nodes[root].offset);
            std::string hint = "; a file holds one ConvertTo-Json output";
            const JsonKind kind = s_.nodes[root].kind;
            if (kind != JsonKind::Array && kind != JsonKind::Object) {
                const size_t at = pos_;
                pos_ = start;
                hint = notJsonHint();
                pos_ = at;
            }
            fail(pos_, "unexpected " + describe(t_, pos_) +
                           " after the JSON value that starts at line " + std::to_string(end.line) +
                           ", column " + std::to_string(end.column) + hint);
        }
        s_.hasRoot = true;
    }

private:
    [[noreturn]] void fail(size_t at, std::string message) {
        throw ParseFailure{at, std::move(message)};
    }

    // What the first characters look like when the file is not JSON at all.
    std::string notJsonHint() const {
        const std::string_view head = t_.substr(pos_, 200);
        if (head.substr(0, 5) == "<Objs" || head.substr(0, 5) == "<?xml")
            return " (this is XML, as Export-Clixml writes; export with ConvertTo-Json instead)";
        const size_t eol = head.find('\n');
        const std::string_view line = head.substr(0, eol);
        if (line.find(" : ") != std::string_view::npos)
            return " (this looks like Format-List output; pipe to ConvertTo-Json instead)";
        if (line.find("\",\"") != std::string_view::npos ||
            line.find(',') != std::string_view::npos)
            return " (this looks like CSV, as Export-Csv writes; export with ConvertTo-Json "
                   "instead)";
        return " (this is not ConvertTo-Json output)";
    }

    std::string where(uint32_t node) const {
        const LineColumn at = lineColumnOf(t_, s_.nodes[node].offset);
        return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
    }

    void skipSpace() {
        while (pos_ < t_.size()) {
            const char c = t_[pos_];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                break;
            ++pos_;
        }
    }

    uint32_t newNode(JsonKind kind, size_t offset) {
        JsonStorage::Node node;
        node.kind = kind;
        node.offset = static_cast<uint32_t>(offset);
        s_.nodes.push_back(node);
        return static_cast<uint32_t>(s_.nodes.size() - 1);
    }

    uint32_t value(int depth) {
        if (pos_ >= t_.size())
            fail(pos_, "the file ends where a value was expected: the export looks cut off");
        const char c = t_[pos_];
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"': {
                const uint32_t n = newNode(JsonKind::String, pos_);
                const std::string_view str = string();
                s_.nodes[n].str = str;
                return n;
            }
            case 't':
                return literal("true", JsonKind::Boolean, true);
            case 'f':
                return literal("false", JsonKind::Boolean, false);
            case 'n':
                return literal("null", JsonKind::Null, false);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                    return numberValue();
                fail(pos_, "expected a value, found " + describe(t_, pos_));
        }
    }

    uint32_t literal(std::string_view word, JsonKind kind, bool flag) {
        if (t_.substr(pos_, word.size()) != word)
            fail(pos_, "expected a value, found " + describe(t_, pos_));
        const uint32_t n = newNode(kind, pos_);
        s_.nodes[n].flag = flag;
        pos_ += word.size();
        return n;
    }

    uint32_t numberValue() {
        const size_t start = pos_;
        auto digit = [&](size_t i) { return i < t_.size() && t_[i] >= '0' && t_[i] <= '9'; };
        bool integral = true;
        if (t_[pos_] == '-')
            ++pos_;
        if (!digit(pos_))
            fail(pos_, "expected a digit after '-', found " + describe(t_, pos_));
        if (t_[pos_] == '0') {
            ++pos_;
            if (digit(pos_))
                fail(pos_, "a number cannot have a leading zero");
        } else {
            while (digit(pos_))
                ++pos_;
        }
        if (pos_ < t_.size() && t_[pos_] == '.') {
            integral = false;
            ++pos_;
            if (!digit(pos_))
                fail(pos_, "expected a digit after the decimal point, found " + describe(t_, pos_));
            while (digit(pos_))
                ++pos_;
        }
        if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
            integral = false;
            ++pos_;
            if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-'))
                ++pos_;
            if (!digit(pos_))
                fail(pos_, "expected a digit in the exponent, found " + describe(t_, pos_));
            while (digit(pos_))
                ++pos_;
        }
        const std::string_view literalText = t_.substr(start, pos_ - start);
        JsonKind kind = JsonKind::Number;
        if (integral) {
            int64_t i = 0;
            const auto r =
                std::from_chars(literalText.data(), literalText.data() + literalText.size(), i);
            if (r.ec == std::errc()) {
                kind = JsonKind::Integer;
            } else if (literalText[0] != '-') {
                uint64_t u = 0;
                const auto ru =
                    std::from_chars(literalText.data(), literalText.data() + literalText.size(), u);
                if (ru.ec == std::errc())
                    kind = JsonKind::Unsigned;
            }
        }
        const uint32_t n = newNode(kind, start);
        s_.nodes[n].str = literalText;
        return n;
    }

    // Reads a string starting at the opening quote; returns its decoded value.
    std::string_view string() {
        const size_t open = pos_;
        ++pos_;
        const size_t start = pos_;
        // Fast path: no escapes.
        while (pos_ < t_.size()) {
            const unsigned char c = static_cast<unsigned char>(t_[pos_]);
            if (c == '"') {
                const std::string_view out = t_.substr(start, pos_ - start);
                ++pos_;
                return out;
            }
            if (c == '\\')
                break;
            if (c < 0x20)
                badControl(open);
            ++pos_;
        }
        if (pos_ >= t_.size())
            unterminated(open);
        std::string decoded(t_.substr(start, pos_ - start));
        while (pos_ < t_.size()) {
            const unsigned char c = static_cast<unsigned char>(t_[pos_]);
            if (c == '"') {
                ++pos_;
                s_.decoded.push_back(std::move(decoded));
                return s_.decoded.back();
            }
            if (c < 0x20)
                badControl(open);
            if (c != '\\') {
                decoded += static_cast<char>(c);
                ++pos_;
                continue;
            }
            if (pos_ + 1 >= t_.size())
                unterminated(open);
            const char e = t_[pos_ + 1];
            switch (e) {
                case '"':
                    decoded += '"';
                    break;
                case '\\':
                    decoded += '\\';
                    break;
                case '/':
                    decoded += '/';
                    break;
                case 'b':
                    decoded += '\b';
                    break;
                case 'f':
                    decoded += '\f';
                    break;
                case 'n':
                    decoded += '\n';
                    break;
                case 'r':
                    decoded += '\r';
                    break;
                case 't':
                    decoded += '\t';
                    break;
                case 'u': {
                    uint32_t cp = hex4(pos_ + 2);
                    size_t used = 6;
                    if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 7 < t_.size() &&
                        t_[pos_ + 6] == '\\' && t_[pos_ + 7] == 'u') {
                        const uint32_t low = hex4(pos_ + 8);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            used = 12;
                        }
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF)
                        cp = 0xFFFD;  // an unpaired surrogate: keep the text readable
                    appendUtf8(decoded, cp);
                    pos_ += used;
                    continue;
                }
                default:
                    fail(
                        pos_,
                        "invalid escape '\\" + std::string(1, e) +
                            "' in a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
            pos_ += 2;
        }
        unterminated(open);
    }

    uint32_t hex4(size_t at) {
        uint32_t v = 0;
        for (size_t k = 0; k < 4; ++k) {
            const int d = at + k < t_.size() ? hexDigit(t_[at + k]) : -1;
            if (d < 0)
                fail(at + k, "expected four hex digits after \\u, found " + describe(t_, at + k));
            v = (v << 4) | static_cast<uint32_t>(d);
        }
        return v;
    }

    [[noreturn]] void unterminated(size_t open) {
        const LineColumn at = lineColumnOf(t_, open);
        fail(t_.size(), "the file ends inside a string that starts at line " +
                            std::to_string(at.line) + ", column " + std::to_string(at.column) +
                            ": the export looks cut off");
    }

    [[noreturn]] void badControl(size_t open) {
        const LineColumn at = lineColumnOf(t_, open);
        if (t_[pos_] == '\n' || t_[pos_] == '\r') {
            fail(pos_, "the line ends inside a string that starts at line " +
                           std::to_string(at.line) + ", column " + std::to_string(at.column) +
                           " (a line break inside a value: was the file wrapped or cut?)");
        }
        fail(pos_, describe(t_, pos_) + " inside a string; JSON requires it to be escaped");
    }

    uint32_t array(int depth) {
        if (depth >= kMaxNesting)
            fail(pos_,
                 "values are nested more than " + std::to_string(kMaxNesting) + " levels deep");
        const uint32_t n = newNode(JsonKind::Array, pos_);
        ++pos_;
        const size_t mark = scratchItems_.size();
        skipSpace();
        if (pos_ < t_.size() && t_[pos_] == ']') {
            ++pos_;
            return n;
        }
        while (true) {
            skipSpace();
            if (pos_ >= t_.size())
                endsInside(n, "']'");
            if (t_[pos_] == ']')
                fail(pos_, "a ']' follows a ',' in the array that starts at " + where(n) +
                               " (trailing commas are not JSON)");
            const uint32_t item = value(depth + 1);
            scratchItems_.push_back(item);
            skipSpace();
            if (pos_ >= t_.size())
                endsInside(n, "']'");
            if (t_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (t_[pos_] == ']') {
                ++pos_;
                break;
            }
            fail(pos_, "expected ',' or ']' in the array that starts at " + where(n) + ", found " +
                           describe(t_, pos_));
        }
        auto& node = s_.nodes[n];
        node.first = static_cast<uint32_t>(s_.items.size());
        node.count = static_cast<uint32_t>(scratchItems_.size() - mark);
        s_.items.insert(s_.items.end(), scratchItems_.begin() + static_cast<std::ptrdiff_t>(mark),
                        scratchItems_.end());
        scratchItems_.resize(mark);
        return n;
    }

    uint32_t object(int depth) {
        if (depth >= kMaxNesting)
            fail(pos_,
                 "values are nested more than " + std::to_string(kMaxNesting) + " levels deep");
        const uint32_t n = newNode(JsonKind::Object, pos_);
        ++pos_;
        const size_t mark = scratchMembers_.size();
        skipSpace();
        if (pos_ < t_.size() && t_[pos_] == '}') {
            ++pos_;
            return n;
        }
        while (true) {
            skipSpace();
            if (pos_ >= t_.size())
                endsInside(n, "'}'");
            if (t_[pos_] != '"') {
                if (t_[pos_] == '}')
                    fail(pos_, "a '}' follows a ',' in the object that starts at " + where(n) +
                                   " (trailing commas are not JSON)");
                fail(pos_, "expected a member name in quotes in the object that starts at " +
                               where(n) + ", found " + describe(t_, pos_));
            }
            const std::string_view key = string();
            skipSpace();
            if (pos_ >= t_.size())
                endsInside(n, "'}'");
            if (t_[pos_] != ':')
                fail(pos_, "expected ':' after the member name \"" +
                               std::string(key.substr(0, 60)) + "\", found " + describe(t_, pos_));
            ++pos_;
            skipSpace();
            const uint32_t member = value(depth + 1);
            scratchMembers_.push_back({key, member});
            skipSpace();
            if (pos_ >= t_.size())
                endsInside(n, "'}'");
            if (t_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (t_[pos_] == '}') {
                ++pos_;
                break;
            }
            fail(pos_, "expected ',' or '}' after the member \"" + std::string(key.substr(0, 60)) +
                           "\" of the object that starts at " + where(n) + ", found " +
                           describe(t_, pos_));
        }
        auto& node = s_.nodes[n];
        node.first = static_cast<uint32_t>(s_.members.size());
        node.count = static_cast<uint32_t>(scratchMembers_.size() - mark);
        s_.members.insert(s_.members.end(),
                          scratchMembers_.begin() + static_cast<std::ptrdiff_t>(mark),
                          scratchMembers_.end());
        scratchMembers_.resize(mark);
        return n;
    }

    [[noreturn]] void endsInside(uint32_t n, const char* closer) {
        fail(t_.size(), std::string("the file ends before the closing ") + closer + " of the " +
                            (s_.nodes[n].kind == JsonKind::Array ? "array" : "object") +
                            " that starts at " + where(n) + ": the export looks cut off");
    }

    JsonStorage& s_;
    std::string_view t_;
    size_t pos_ = 0;
    std::vector<uint32_t> scratchItems_;
    std::vector<JsonStorage::Member> scratchMembers_;
};

}  // namespace

// ---- JsonDocument -------------------------------------------------------------------------

JsonDocument::JsonDocument() : storage_(std::make_unique<JsonStorage>()) {}
JsonDocument::~JsonDocument() = default;
JsonDocument::JsonDocument(JsonDocument&&) noexcept = default;
JsonDocument& JsonDocument::operator=(JsonDocument&&) noexcept = default;

JsonDocument JsonDocument::parse(std::string text) {
    JsonDocument doc;
    JsonStorage& s = *doc.storage_;
    s.text = std::move(text);
    if (s.text.size() >= std::numeric_limits<uint32_t>::max()) {
        s.error = JsonSyntaxError{0, "the file is larger than 4 GiB"};
        return doc;
    }
    // A rough guess that avoids most regrowth: PowerShell's layout spends ~12 bytes per value.
    s.nodes.reserve(s.text.size() / 24 + 16);
    try {
        Parser(s).run();
    } catch (const ParseFailure& failure) {
        s.error = JsonSyntaxError{failure.offset, failure.message};
        s.hasRoot = false;
        s.nodes.clear();
        s.items.clear();
        s.members.clear();
        s.decoded.clear();
    }
    return doc;
}

JsonValue JsonDocument::root() const {
    if (!storage_->hasRoot || storage_->nodes.empty())
        return {};
    return JsonValue(storage_.get(), 0);
}

const std::optional<JsonSyntaxError>& JsonDocument::error() const {
    return storage_->error;
}
const std::string& JsonDocument::text() const {
    return storage_->text;
}

// ---- JsonValue ----------------------------------------------------------------------------

JsonKind JsonValue::kind() const {
    return doc_ ? doc_->nodes[index_].kind : JsonKind::Null;
}

bool JsonValue::isNumber() const {
    if (!doc_)
        return false;
    const JsonKind k = kind();
    return k == JsonKind::Integer || k == JsonKind::Unsigned || k == JsonKind::Number;
}

bool JsonValue::boolean() const {
    return isBool() && doc_->nodes[index_].flag;
}

std::string_view JsonValue::text() const {
    if (!doc_)
        return {};
    const auto& node = doc_->nodes[index_];
    if (node.kind == JsonKind::String || node.kind == JsonKind::Integer ||
        node.kind == JsonKind::Unsigned || node.kind == JsonKind::Number)
        return node.str;
    return {};
}

std::optional<int64_t> JsonValue::int64() const {
    if (!doc_ || kind() != JsonKind::Integer)
        return std::nullopt;
    const std::string_view t = doc_->nodes[index_].str;
    int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

std::optional<uint64_t> JsonValue::uint64() const {
    if (!doc_)
        return std::nullopt;
    const JsonKind k = kind();
    if (k != JsonKind::Integer && k != JsonKind::Unsigned)
        return std::nullopt;
    const std::string_view t = doc_->nodes[index_].str;
    if (!t.empty() && t[0] == '-')
        return std::nullopt;
    uint64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

std::optional<double> JsonValue::number() const {
    if (!isNumber())
        return std::nullopt;
    // strtod needs a terminated string; number literals are short.
    const std::string copy(doc_->nodes[index_].str);
    return std::strtod(copy.c_str(), nullptr);
}

size_t JsonValue::size() const {
    if (!doc_)
        return 0;
    const auto& node = doc_->nodes[index_];
    return (node.kind == JsonKind::Array || node.kind == JsonKind::Object) ? node.count : 0;
}

JsonValue JsonValue::at(size_t index) const {
    if (!isArray() || index >= size())
        return {};
    return JsonValue(doc_, doc_->items[doc_->nodes[index_].first + index]);
}

std::string_view JsonValue::keyAt(size_t index) const {
    if (!isObject() || index >= size())
        return {};
    return doc_->members[doc_->nodes[index_].first + index].key;
}

JsonValue JsonValue::valueAt(size_t index) const {
    if (!isObject() || index >= size())
        return {};
    return JsonValue(doc_, doc_->members[doc_->nodes[index_].first + index].value);
}

JsonValue JsonValue::member(std::string_view name) const {
    if (!isObject())
        return {};
    const auto& node = doc_->nodes[index_];
    for (uint32_t i = 0; i < node.count; ++i) {
        const auto& m = doc_->members[node.first + i];
        if (equalsIgnoreCase(m.key, name))
            return JsonValue(doc_, m.value);
    }
    return {};
}

size_t JsonValue::offset() const {
    return doc_ ? doc_->nodes[index_].offset : 0;
}

}  // namespace mailtopo::io::powershell
