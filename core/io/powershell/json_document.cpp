#include "core/io/powershell/json_document.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/io/json_counting_iterator.h"
#include "core/io/powershell/export_text.h"
#include "core/model/text_limit.h"

namespace mailtopo::io::powershell {
namespace detail {

struct JsonStorage {
    struct Node {
        JsonKind kind = JsonKind::Null;
        bool flag = false;  // Boolean: the value; String: the value is in `decoded`, not `text`
        uint32_t offset = 0;
        // Arrays and objects: the first entry in `items` / `members` and how many there are.
        // Strings and numbers: where the value's bytes start and how many (a number's literal
        // is always in `text`).
        uint32_t start = 0;
        uint32_t length = 0;
    };
    struct Member {
        uint32_t keyStart = 0;
        uint32_t keyLength = 0;
        uint32_t value = 0;
        bool keyDecoded = false;  // the name is in `decoded`
    };

    std::string_view str(uint32_t start, uint32_t length, bool inDecoded) const {
        return std::string_view(inDecoded ? decoded : text).substr(start, length);
    }

    std::string text;
    std::string decoded;  // strings that contained escapes, decoded, one after the other
    std::vector<Node> nodes;
    std::vector<uint32_t> items;
    std::vector<Member> members;
    std::optional<JsonSyntaxError> error;
    bool hasRoot = false;
};

static_assert(sizeof(JsonStorage::Node) == 16 && sizeof(JsonStorage::Member) == 16);

}  // namespace detail

namespace {

using detail::JsonStorage;

// PowerShell's -Depth stops at 100; anything far deeper is hostile input.
constexpr int kMaxNesting = 512;

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

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isNumberChar(char c) {
    return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

// Messages are built by appending (GCC 12 warns falsely about "literal" + std::string).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view part : parts)
        out.append(part);
    return out;
}

std::string describe(std::string_view text, size_t at) {
    if (at >= text.size())
        return "the end of the file";
    const unsigned char c = static_cast<unsigned char>(text[at]);
    std::string out;
    if (c >= 0x20 && c < 0x7F) {
        out += '\'';
        out += static_cast<char>(c);
        out += '\'';
        return out;
    }
    if (c == '\n' || c == '\r')
        return "the end of the line";
    if (c >= 0x80) {
        size_t end = at + 1;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            ++end;
        out += '\'';
        out.append(text.substr(at, end - at));
        out += '\'';
        return out;
    }
    static constexpr char digits[] = "0123456789ABCDEF";
    out = "control character 0x";
    out += digits[c >> 4];
    out += digits[c & 0xF];
    return out;
}

// What the first characters look like when the file is not JSON at all.
std::string notJsonHint(std::string_view text, size_t at) {
    const std::string_view head = text.substr(std::min(at, text.size()), 200);
    if (head.substr(0, 5) == "<Objs" || head.substr(0, 5) == "<?xml")
        return " (this is XML, as Export-Clixml writes; export with ConvertTo-Json instead)";
    const size_t eol = head.find('\n');
    const std::string_view line = head.substr(0, eol);
    if (line.find(" : ") != std::string_view::npos)
        return " (this looks like Format-List output; pipe to ConvertTo-Json instead)";
    if (line.find("\",\"") != std::string_view::npos || line.find(',') != std::string_view::npos)
        return " (this looks like CSV, as Export-Csv writes; export with ConvertTo-Json instead)";
    return " (this is not ConvertTo-Json output)";
}

// Builds the compact storage from nlohmann's SAX events. `consumed` is the number of bytes
// the lexer has pulled (json_scan::CountingIterator), from which each value's offset is
// found. On a syntax error it works out from the events so far what was expected there
// and where the enclosing value began, and says so (nlohmann's own message names tokens, not
// what went wrong in the export).
class DocumentBuilder final : public nlohmann::json_sax<nlohmann::json> {
public:
    DocumentBuilder(JsonStorage& s, const size_t* consumed)
        : s_(s), t_(s.text), consumed_(consumed) {}

    bool null() override { return literal(JsonKind::Null, false); }
    bool boolean(bool value) override { return literal(JsonKind::Boolean, value); }
    bool number_integer(number_integer_t) override { return integer(JsonKind::Integer); }
    bool number_unsigned(number_unsigned_t value) override {
        // nlohmann reports every non-negative integer as unsigned; ours are Integer while
        // they fit int64.
        return integer(value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                           ? JsonKind::Integer
                           : JsonKind::Unsigned);
    }
    bool number_float(number_float_t, const string_t& literalText) override {
        // Also integers beyond uint64: the literal is kept, int64()/uint64() say nullopt.
        const size_t start = json_scan::tokenStart(t_, *consumed_);
        return number(JsonKind::Number, start, literalText.size());
    }
    bool string(string_t& value) override {
        const StringRef ref = stringRef(value);
        if (value.size() > model::kMaxTextBytes) {
            s_.error = JsonSyntaxError{ref.open, model::textTooLong(value.size())};
            return false;
        }
        const uint32_t n = newNode(JsonKind::String, ref.open);
        s_.nodes[n].flag = ref.decoded;
        s_.nodes[n].start = ref.start;
        s_.nodes[n].length = ref.length;
        return valueDone(ref.close + 1);
    }
    bool binary(binary_t&) override { return true; }  // only binary formats produce these
    bool start_object(std::size_t) override { return open(JsonKind::Object); }
    bool key(string_t& name) override {
        pendingKey_ = stringRef(name);
        last_ = Event::Key;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(JsonKind::Array); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string& lastRead,
                     const nlohmann::detail::exception& ex) override {
        s_.error = diagnose(position, lastRead, ex);
        return false;
    }

    // After a successful parse: false (with the error set) when bytes follow the value.
    bool finish() {
        size_t at = rootEnd_;
        while (at < t_.size() && isSpace(t_[at]))
            ++at;
        if (at == t_.size())
            return true;
        s_.error = afterRoot();
        return false;
    }

private:
    enum class Event : uint8_t { None, OpenArray, OpenObject, Key, Value };
    enum class Expect : uint8_t { Value, Member, Colon, CommaOrClose };
    struct Frame {
        uint32_t node;
        uint32_t mark;  // where this container's entries start in the scratch vector
    };
    struct StringRef {
        size_t open = 0;   // the opening quote
        size_t close = 0;  // the closing quote
        uint32_t start = 0;
        uint32_t length = 0;
        bool decoded = false;
    };

    // Where the string the lexer has just read is, and where its value is kept: in the text
    // when it has no escapes (then the decoded value is exactly the bytes before the closing
    // quote), else appended to `decoded`.
    StringRef stringRef(const std::string& value) {
        StringRef ref;
        ref.close = json_scan::lastIndex(t_, *consumed_);
        const size_t n = value.size();
        if (ref.close >= n + 1 && t_[ref.close - n - 1] == '"' &&
            std::memchr(t_.data() + ref.close - n, '\\', n) == nullptr) {
            ref.open = ref.close - n - 1;
            ref.start = static_cast<uint32_t>(ref.open + 1);
        } else {
            ref.open = json_scan::stringStart(t_, *consumed_);
            ref.start = static_cast<uint32_t>(s_.decoded.size());
            ref.decoded = true;
            s_.decoded.append(value);
        }
        ref.length = static_cast<uint32_t>(n);
        return ref;
    }

    uint32_t newNode(JsonKind kind, size_t offset) {
        JsonStorage::Node node;
        node.kind = kind;
        node.offset = static_cast<uint32_t>(offset);
        s_.nodes.push_back(node);
        const auto n = static_cast<uint32_t>(s_.nodes.size() - 1);
        if (!frames_.empty()) {
            if (s_.nodes[frames_.back().node].kind == JsonKind::Array)
                scratchItems_.push_back(n);
            else
                scratchMembers_.push_back(
                    {pendingKey_.start, pendingKey_.length, n, pendingKey_.decoded});
        }
        return n;
    }

    bool valueDone(size_t end) {
        last_ = Event::Value;
        if (frames_.empty()) {
            rootDone_ = true;
            rootEnd_ = end;
        }
        return true;
    }

    bool literal(JsonKind kind, bool flag) {
        const uint32_t n = newNode(kind, json_scan::tokenStart(t_, *consumed_));
        s_.nodes[n].flag = flag;
        return valueDone(json_scan::lastIndex(t_, *consumed_) + 1);
    }

    bool integer(JsonKind kind) {
        const size_t start = json_scan::tokenStart(t_, *consumed_);
        size_t end = start < t_.size() && t_[start] == '-' ? start + 1 : start;
        if (end < t_.size() && t_[end] == '0') {
            ++end;  // "01" lexes as 0 and 1
        } else {
            while (end < t_.size() && isDigit(t_[end]))
                ++end;
        }
        return number(kind, start, end - start);
    }

    bool number(JsonKind kind, size_t start, size_t length) {
        const uint32_t n = newNode(kind, start);
        s_.nodes[n].start = static_cast<uint32_t>(start);
        s_.nodes[n].length = static_cast<uint32_t>(length);
        return valueDone(start + length);
    }

    bool open(JsonKind kind) {
        const size_t at = json_scan::lastIndex(t_, *consumed_);
        if (frames_.size() >= static_cast<size_t>(kMaxNesting)) {
            s_.error = JsonSyntaxError{at, cat({"values are nested more than ",
                                                std::to_string(kMaxNesting), " levels deep"})};
            return false;
        }
        const uint32_t n = newNode(kind, at);
        const size_t mark = kind == JsonKind::Array ? scratchItems_.size() : scratchMembers_.size();
        frames_.push_back({n, static_cast<uint32_t>(mark)});
        last_ = kind == JsonKind::Array ? Event::OpenArray : Event::OpenObject;
        return true;
    }

    bool close() {
        const Frame frame = frames_.back();
        frames_.pop_back();
        auto& node = s_.nodes[frame.node];
        if (node.kind == JsonKind::Array) {
            node.start = static_cast<uint32_t>(s_.items.size());
            node.length = static_cast<uint32_t>(scratchItems_.size() - frame.mark);
            s_.items.insert(s_.items.end(),
                            scratchItems_.begin() + static_cast<std::ptrdiff_t>(frame.mark),
                            scratchItems_.end());
            scratchItems_.resize(frame.mark);
        } else {
            node.start = static_cast<uint32_t>(s_.members.size());
            node.length = static_cast<uint32_t>(scratchMembers_.size() - frame.mark);
            s_.members.insert(s_.members.end(),
                              scratchMembers_.begin() + static_cast<std::ptrdiff_t>(frame.mark),
                              scratchMembers_.end());
            scratchMembers_.resize(frame.mark);
        }
        return valueDone(json_scan::lastIndex(t_, *consumed_) + 1);
    }

    // ---- syntax errors ----

    std::string where(size_t offset) const {
        const LineColumn at = lineColumnOf(t_, offset);
        return cat({"line ", std::to_string(at.line), ", column ", std::to_string(at.column)});
    }

    char previousNonSpace(size_t at) const {
        while (at > 0 && isSpace(t_[at - 1]))
            --at;
        return at > 0 ? t_[at - 1] : '\0';
    }

    bool topIsArray() const { return s_.nodes[frames_.back().node].kind == JsonKind::Array; }

    // What the grammar wanted where the token at `at` starts (inside a container).
    Expect expected(size_t at) const {
        switch (last_) {
            case Event::OpenArray:
                return Expect::Value;
            case Event::OpenObject:
                return Expect::Member;
            case Event::Key:
                return previousNonSpace(at) == ':' ? Expect::Value : Expect::Colon;
            case Event::None:
            case Event::Value:
                break;
        }
        if (previousNonSpace(at) == ',')
            return topIsArray() ? Expect::Value : Expect::Member;
        return Expect::CommaOrClose;
    }

    // The last member name of the innermost object, at most 60 bytes of it.
    std::string lastMemberName() const {
        std::string_view name;
        if (last_ == Event::Key) {
            name = s_.str(pendingKey_.start, pendingKey_.length, pendingKey_.decoded);
        } else if (scratchMembers_.size() > frames_.back().mark) {
            const auto& m = scratchMembers_.back();
            name = s_.str(m.keyStart, m.keyLength, m.keyDecoded);
        }
        return std::string(name.substr(0, 60));
    }

    JsonSyntaxError endsInside() const {
        const auto& node = s_.nodes[frames_.back().node];
        const bool array = node.kind == JsonKind::Array;
        return {t_.size(), cat({"the file ends before the closing ", array ? "']'" : "'}'",
                                " of the ", array ? "array" : "object", " that starts at ",
                                where(node.offset), ": the export looks cut off"})};
    }

    JsonSyntaxError afterRoot() const {
        size_t at = rootEnd_;
        while (at < t_.size() && isSpace(t_[at]))
            ++at;
        if (at < t_.size() && at > 0 && isDigit(t_[at]) && isDigit(t_[at - 1]))
            return {at, "a number cannot have a leading zero"};
        const auto& root = s_.nodes[0];
        std::string hint = "; a file holds one ConvertTo-Json output";
        if (root.kind != JsonKind::Array && root.kind != JsonKind::Object)
            hint = notJsonHint(t_, root.offset);
        return {at, cat({"unexpected ", describe(t_, at), " after the JSON value that starts at ",
                         where(root.offset), hint})};
    }

    // The token starting at `at` (t_.size(): the end of the file) is not what the grammar
    // allows there.
    JsonSyntaxError unexpectedAt(size_t at) const {
        const size_t n = t_.size();
        if (at < n && at > 0 && isDigit(t_[at]) && isDigit(t_[at - 1]))
            return {at, "a number cannot have a leading zero"};  // "01" lexes as 0, then 1
        const std::string found = describe(t_, at);
        if (frames_.empty()) {
            const char c = at < n ? t_[at] : '\0';
            if (c == '{' || c == '[' || c == '"' || c == '-' || isDigit(c) || c == 't' ||
                c == 'f' || c == 'n')
                return {at, cat({"expected a value, found ", found})};
            return {at, cat({"expected a JSON value ('[' or '{' as ConvertTo-Json writes), found ",
                             found, notJsonHint(t_, at)})};
        }
        if (at >= n) {
            if (last_ == Event::Key && previousNonSpace(at) == ':')
                return {n, "the file ends where a value was expected: the export looks cut off"};
            return endsInside();
        }
        const size_t open = s_.nodes[frames_.back().node].offset;
        switch (expected(at)) {
            case Expect::Value:
                if (t_[at] == ']' && topIsArray() && last_ == Event::Value)
                    return {at, cat({"a ']' follows a ',' in the array that starts at ",
                                     where(open), " (trailing commas are not JSON)"})};
                return {at, cat({"expected a value, found ", found})};
            case Expect::Member:
                if (t_[at] == '}' && last_ == Event::Value)
                    return {at, cat({"a '}' follows a ',' in the object that starts at ",
                                     where(open), " (trailing commas are not JSON)"})};
                return {at, cat({"expected a member name in quotes in the object that starts at ",
                                 where(open), ", found ", found})};
            case Expect::Colon:
                return {at, cat({"expected ':' after the member name \"", lastMemberName(),
                                 "\", found ", found})};
            case Expect::CommaOrClose:
                break;
        }
        if (topIsArray())
            return {at, cat({"expected ',' or ']' in the array that starts at ", where(open),
                             ", found ", found})};
        return {at, cat({"expected ',' or '}' after the member \"", lastMemberName(),
                         "\" of the object that starts at ", where(open), ", found ", found})};
    }

    // The opening quote of the string the lexer is inside when it stops at `at`: the nearest
    // quote before it that no backslash escapes.
    size_t openingQuote(size_t at) const {
        return json_scan::openingQuoteBefore(t_, std::min(at, t_.size()));
    }

    JsonSyntaxError stringProblem(std::string_view problem, size_t at) const {
        const size_t n = t_.size();
        const size_t open = openingQuote(at);
        if (!frames_.empty()) {
            const Expect e = expected(open);
            if (e == Expect::Colon || e == Expect::CommaOrClose)
                return unexpectedAt(open);  // no string may start there
        }
        if (at >= n)
            return {n, cat({"the file ends inside a string that starts at ", where(open),
                            ": the export looks cut off"})};
        const unsigned char c = static_cast<unsigned char>(t_[at]);
        if (c == '\n' || c == '\r')
            return {at, cat({"the line ends inside a string that starts at ", where(open),
                             " (a line break inside a value: was the file wrapped or cut?)"})};
        if (problem.find("after backslash") != std::string_view::npos) {
            std::string escape = describe(t_, at);  // 'x'
            if (c >= 0x20)
                escape.insert(1, "\\");
            else
                escape = cat({"'\\' followed by ", escape});
            return {at - 1, cat({"invalid escape ", escape,
                                 " in a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                                 "\\uXXXX)"})};
        }
        if (c < 0x20)
            return {at,
                    cat({describe(t_, at), " inside a string; JSON requires it to be escaped"})};
        if (problem.find("4 hex digits") != std::string_view::npos)
            return {at, cat({"expected four hex digits after \\u, found ", describe(t_, at)})};
        if (problem.find("surrogate") != std::string_view::npos) {
            // A low half alone fails right after its four digits; a high half without its
            // low half fails up to eleven bytes after its backslash.
            size_t escape = at >= 5 ? at - 5 : 0;
            if (problem.find("followed by") != std::string_view::npos) {
                for (size_t i = at >= 11 ? at - 11 : 0; i + 5 < at; ++i) {
                    if (t_[i] == '\\' && t_[i + 1] == 'u' &&
                        (t_[i + 2] == 'd' || t_[i + 2] == 'D')) {
                        escape = i;
                        break;
                    }
                }
            }
            return {escape, cat({"the escape ", t_.substr(escape, 6),
                                 " is half of a UTF-16 surrogate pair without the other half "
                                 "(JSON text must encode whole characters)"})};
        }
        if (problem.find("UTF-8") != std::string_view::npos)
            return {at, "a byte that is not UTF-8 inside a string"};
        return {at, std::string(problem.substr(0, problem.find("; last read")))};
    }

    JsonSyntaxError numberProblem(std::string_view problem, size_t at,
                                  std::string_view lastRead) const {
        // nlohmann's "last read" is the number so far and the byte it stopped at, which it
        // writes as <U+000A> when it is a control character.
        size_t stopped = 0;
        if (at < t_.size())
            stopped = static_cast<unsigned char>(t_[at]) < 0x20 ? 8 : 1;
        size_t start = numberStart(at);
        if (lastRead.size() >= stopped && lastRead.size() - stopped <= at) {
            const size_t length = lastRead.size() - stopped;
            if (t_.substr(at - length, length) == lastRead.substr(0, length))
                start = at - length;
        }
        if (!frames_.empty() && expected(start) != Expect::Value)
            return unexpectedAt(start);
        const char* what = "in the exponent";
        if (problem.find("after '-'") != std::string_view::npos)
            what = "after '-'";
        else if (problem.find("after '.'") != std::string_view::npos)
            what = "after the decimal point";
        return {at, cat({"expected a digit ", what, ", found ", describe(t_, at)})};
    }

    // Start of the well-formed token whose last byte is at `at` (t_.size(): the end).
    // `lastRead` is nlohmann's text of it when it is a number.
    size_t tokenEndingAt(size_t at, std::string_view lastRead) const {
        const size_t n = t_.size();
        if (at >= n)
            return n;
        if (t_[at] == '"')
            return json_scan::stringStart(t_, at + 1);
        for (const std::string_view word : {"true", "false", "null"}) {
            if (at + 1 >= word.size() && t_.substr(at + 1 - word.size(), word.size()) == word)
                return at + 1 - word.size();
        }
        if (!isNumberChar(t_[at]))
            return at;
        if (lastRead.size() <= at + 1 &&
            t_.substr(at + 1 - lastRead.size(), lastRead.size()) == lastRead)
            return at + 1 - lastRead.size();
        return numberStart(at);
    }

    // Start of the number the lexer is reading at `at` ("01" goes back to the '0').
    size_t numberStart(size_t at) const {
        size_t start = std::min(at, t_.size());
        while (start > 0 && isNumberChar(t_[start - 1]))
            --start;
        while (start < at && t_[start] != '-' && !isDigit(t_[start]))
            ++start;  // the 'e' of a "true" right before it
        return start;
    }

    // Where a misspelt true/false/null starts when the lexer stops at `at`; `at` itself when
    // the character there starts no token.
    size_t literalStart(size_t at) const {
        static constexpr std::string_view words[] = {"true", "false", "null"};
        for (size_t k = 4; k >= 1; --k) {
            if (at < k)
                continue;
            const std::string_view seen = t_.substr(at - k, k);
            for (const std::string_view word : words) {
                if (k < word.size() && word.substr(0, k) == seen)
                    return at - k;
            }
        }
        return at;
    }

    JsonSyntaxError diagnose(size_t position, std::string_view lastRead,
                             const nlohmann::detail::exception& ex) const {
        const size_t n = t_.size();
        // The byte the lexer stopped at (it counts the end of the text as one more byte).
        const size_t at = std::min(position > 0 ? position - 1 : 0, n);
        if (frames_.empty() && rootDone_)
            return afterRoot();
        if (ex.id == 406) {  // out_of_range: a number beyond double
            const size_t start = tokenEndingAt(at, lastRead);
            return {start, cat({"the number ", t_.substr(start, at + 1 - start),
                                " is too large (beyond the range of a double)"})};
        }
        // "[json.exception.parse_error.101] parse error at …: syntax error while parsing
        // <context> - <problem>; last read: '…'; expected …"
        const std::string_view what = ex.what();
        const size_t dash = what.find(" - ");
        const std::string_view problem =
            dash == std::string_view::npos ? what : what.substr(dash + 3);
        if (problem.substr(0, 11) == "unexpected ") {
            // A well-formed token in the wrong place; the lexer stopped at its last byte.
            return unexpectedAt(tokenEndingAt(at, lastRead));
        }
        if (problem.substr(0, 14) == "invalid string")
            return stringProblem(problem, at);
        if (problem.substr(0, 14) == "invalid number")
            return numberProblem(problem, at, lastRead);
        if (problem.substr(0, 11) == "invalid BOM")
            return unexpectedAt(0);
        return unexpectedAt(literalStart(at));  // "invalid literal"
    }

    JsonStorage& s_;
    std::string_view t_;
    const size_t* consumed_;
    std::vector<Frame> frames_;
    std::vector<uint32_t> scratchItems_;
    std::vector<JsonStorage::Member> scratchMembers_;
    StringRef pendingKey_;
    Event last_ = Event::None;
    bool rootDone_ = false;
    size_t rootEnd_ = 0;
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
    size_t first = 0;
    while (first < s.text.size() && isSpace(s.text[first]))
        ++first;
    if (first == s.text.size())
        return doc;  // an empty export: ConvertTo-Json of no objects writes nothing
    // A rough guess that avoids most regrowth: PowerShell's layout spends ~12 bytes per value.
    s.nodes.reserve(s.text.size() / 24 + 16);
    size_t consumed = 0;
    DocumentBuilder builder(s, &consumed);
    const json_scan::CountingIterator begin(s.text.data(), &consumed);
    const json_scan::CountingIterator end(s.text.data() + s.text.size(), nullptr);
    bool ok = nlohmann::json::sax_parse(begin, end, &builder);
    if (ok && !s.error)
        ok = builder.finish();  // nlohmann stops at a NUL byte as at the end of the text
    if (ok && !s.error) {
        s.hasRoot = !s.nodes.empty();
        return doc;
    }
    if (!s.error)
        s.error = JsonSyntaxError{consumed, "the file is not valid JSON"};
    s.nodes = {};
    s.items = {};
    s.members = {};
    s.decoded = {};
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
    if (node.kind == JsonKind::String)
        return doc_->str(node.start, node.length, node.flag);
    if (node.kind == JsonKind::Integer || node.kind == JsonKind::Unsigned ||
        node.kind == JsonKind::Number)
        return doc_->str(node.start, node.length, false);
    return {};
}

std::optional<int64_t> JsonValue::int64() const {
    if (!doc_ || kind() != JsonKind::Integer)
        return std::nullopt;
    const std::string_view t = text();
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
    const std::string_view t = text();
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
    const std::string copy(text());
    return std::strtod(copy.c_str(), nullptr);
}

size_t JsonValue::size() const {
    if (!doc_)
        return 0;
    const auto& node = doc_->nodes[index_];
    return (node.kind == JsonKind::Array || node.kind == JsonKind::Object) ? node.length : 0;
}

JsonValue JsonValue::at(size_t index) const {
    if (!isArray() || index >= size())
        return {};
    return JsonValue(doc_, doc_->items[doc_->nodes[index_].start + index]);
}

std::string_view JsonValue::keyAt(size_t index) const {
    if (!isObject() || index >= size())
        return {};
    const auto& m = doc_->members[doc_->nodes[index_].start + index];
    return doc_->str(m.keyStart, m.keyLength, m.keyDecoded);
}

JsonValue JsonValue::valueAt(size_t index) const {
    if (!isObject() || index >= size())
        return {};
    return JsonValue(doc_, doc_->members[doc_->nodes[index_].start + index].value);
}

JsonValue JsonValue::member(std::string_view name) const {
    if (!isObject())
        return {};
    const auto& node = doc_->nodes[index_];
    for (uint32_t i = 0; i < node.length; ++i) {
        const auto& m = doc_->members[node.start + i];
        if (m.keyLength == name.size() &&
            equalsIgnoreCase(doc_->str(m.keyStart, m.keyLength, m.keyDecoded), name))
            return JsonValue(doc_, m.value);
    }
    return {};
}

size_t JsonValue::offset() const {
    return doc_ ? doc_->nodes[index_].offset : 0;
}

}  // namespace mailtopo::io::powershell
