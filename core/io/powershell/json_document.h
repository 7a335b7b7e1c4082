#pragma once
// A compact, read-only JSON document for PowerShell exports.
//
// nlohmann_json's SAX parser reads the text (strict RFC 8259: no comments, no trailing commas,
// no raw control characters in strings); this layer keeps what the importers need and
// nlohmann::json does not give: PowerShell member names looked up case-insensitively, integers
// such as TimeSpan.MaxValue.Ticks kept as exact 64-bit values with their literal text, the byte
// offset where every value starts (for the import log), and storage compact enough for 100 MB
// of exports (under two seconds): 16-byte nodes, strings without escapes left in the text.
// Syntax errors carry the byte offset and say what was expected and where the enclosing value
// began.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mailtopo::io::powershell {

enum class JsonKind : uint8_t { Null, Boolean, Integer, Unsigned, Number, String, Array, Object };

namespace detail {
struct JsonStorage;
}

// A handle on one value of a document; a default-constructed (or missing) value is invalid
// and answers every question with "absent". Handles stay valid while their document lives,
// also when the document is moved.
class JsonValue {
public:
    JsonValue() = default;

    bool valid() const { return doc_ != nullptr; }
    explicit operator bool() const { return valid(); }

    JsonKind kind() const;
    bool isNull() const { return !valid() || kind() == JsonKind::Null; }
    bool isBool() const { return valid() && kind() == JsonKind::Boolean; }
    bool isString() const { return valid() && kind() == JsonKind::String; }
    bool isArray() const { return valid() && kind() == JsonKind::Array; }
    bool isObject() const { return valid() && kind() == JsonKind::Object; }
    // Integer, Unsigned or Number.
    bool isNumber() const;

    bool boolean() const;           // false unless a boolean true
    std::string_view text() const;  // a string's value, or a number's literal text; else empty
    // The value when it is an integer that fits (a fraction or an overflow gives nullopt).
    std::optional<int64_t> int64() const;
    std::optional<uint64_t> uint64() const;
    std::optional<double> number() const;

    // Arrays and objects: number of items / members; 0 otherwise.
    size_t size() const;
    JsonValue at(size_t index) const;            // array item
    std::string_view keyAt(size_t index) const;  // object member name
    JsonValue valueAt(size_t index) const;       // object member value
    // Member by name, ASCII case-insensitively (PowerShell's rule); the first match wins.
    JsonValue member(std::string_view name) const;

    size_t offset() const;  // byte offset of the value's first character in the parsed text

private:
    friend class JsonDocument;
    JsonValue(const detail::JsonStorage* doc, uint32_t index) : doc_(doc), index_(index) {}
    const detail::JsonStorage* doc_ = nullptr;
    uint32_t index_ = 0;
};

struct JsonSyntaxError {
    size_t offset = 0;  // where the problem is, in bytes
    std::string message;
};

class JsonDocument {
public:
    // Parses `text` (UTF-8, already validated; at most 4 GiB). The document keeps the text.
    // On failure root() is invalid and error() says what went wrong.
    static JsonDocument parse(std::string text);

    JsonDocument();
    ~JsonDocument();
    JsonDocument(JsonDocument&&) noexcept;
    JsonDocument& operator=(JsonDocument&&) noexcept;

    JsonValue root() const;
    const std::optional<JsonSyntaxError>& error() const;
    const std::string& text() const;

private:
    std::unique_ptr<detail::JsonStorage> storage_;
};

}  // namespace mailtopo::io::powershell
