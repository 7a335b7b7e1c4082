#pragma once
// Byte offsets for nlohmann_json's SAX parser, which reports values but not where they are.
// Parse through a CountingIterator and the counter says how many bytes the lexer has pulled
// when a callback fires; the token just read ends at or just before that count (a number's
// lexer reads one byte past it), so its start is found by scanning back over it. Used by
// JsonLocator (design files) and the PowerShell JsonDocument.

#include <cstddef>
#include <iterator>
#include <string_view>

namespace mailtopo::io::json_scan {

// An input iterator over the text that counts how many bytes the lexer has pulled.
class CountingIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    CountingIterator() = default;
    CountingIterator(const char* p, size_t* counter) : p_(p), counter_(counter) {}
    reference operator*() const { return *p_; }
    CountingIterator& operator++() {
        ++p_;
        if (counter_ != nullptr)
            ++*counter_;
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const CountingIterator& other) const { return p_ == other.p_; }
    bool operator!=(const CountingIterator& other) const { return p_ != other.p_; }

private:
    const char* p_ = nullptr;
    size_t* counter_ = nullptr;
};

// Index of the last byte pulled (0 when none was).
inline size_t lastIndex(std::string_view text, size_t consumed) {
    if (consumed == 0 || text.empty())
        return 0;
    return (consumed < text.size() ? consumed : text.size()) - 1;
}

// The last quote before `index` that no odd number of backslashes escapes: the opening
// quote of a string whose content runs up to `index`.
inline size_t openingQuoteBefore(std::string_view text, size_t index) {
    size_t i = index;
    while (i > 0) {
        --i;
        if (text[i] == '"') {
            size_t slashes = 0;
            for (size_t j = i; j > 0 && text[j - 1] == '\\'; --j)
                ++slashes;
            if (slashes % 2 == 0)
                return i;
        }
    }
    return 0;
}

// Start of the string just read: back to its closing quote, then to the opening quote.
inline size_t stringStart(std::string_view text, size_t consumed) {
    size_t i = lastIndex(text, consumed);
    while (i > 0 && text[i] != '"')
        --i;
    return openingQuoteBefore(text, i);
}

// A character of a number or of true/false/null.
inline bool isScalarTokenChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '+' || c == '-';
}

// Start of the number or literal just read.
inline size_t tokenStart(std::string_view text, size_t consumed) {
    size_t i = lastIndex(text, consumed);
    while (i > 0 && !isScalarTokenChar(text[i]))
        --i;  // the lexer may have read one byte ahead
    while (i > 0 && isScalarTokenChar(text[i - 1]))
        --i;
    return i;
}

}  // namespace mailtopo::io::json_scan
