#include "core/io/json_locator.h"

#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace mailtopo::io {
namespace {

// An input iterator over the text that counts how many bytes the lexer has pulled, so
// SAX callbacks know where in the text they are.
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

std::string escapePointerToken(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

// Records the start offset of every value and key. `consumed` is the number of bytes the
// lexer has read when a callback fires; the token just read ends at or before it, so the
// start is found by scanning back over that token.
class LocatingSax : public nlohmann::json_sax<nlohmann::json> {
public:
    LocatingSax(std::string_view text, const size_t* consumed,
                std::unordered_map<std::string, size_t>* values,
                std::unordered_map<std::string, size_t>* keys, std::string* duplicateKey,
                std::optional<size_t>* errorOffset)
        : text_(text),
          consumed_(consumed),
          values_(values),
          keys_(keys),
          duplicateKey_(duplicateKey),
          errorOffset_(errorOffset) {}

    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t) override { return scalar(); }
    bool number_unsigned(number_unsigned_t) override { return scalar(); }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool string(string_t&) override { return record(stringStart()); }
    bool binary(binary_t&) override { return scalar(); }
    bool start_object(std::size_t) override {
        open(true);
        return true;
    }
    bool key(string_t& key) override {
        Frame& f = frames_.back();
        f.key = key;
        const auto [it, inserted] =
            keys_->insert_or_assign(f.base + "/" + escapePointerToken(key), stringStart());
        if (!inserted && duplicateKey_->empty())
            *duplicateKey_ = it->first;
        return true;
    }
    bool end_object() override {
        pop();
        return true;
    }
    bool start_array(std::size_t) override {
        open(false);
        return true;
    }
    bool end_array() override {
        pop();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception&) override {
        *errorOffset_ = position;
        return false;
    }

private:
    struct Frame {
        std::string base;
        bool isObject;
        size_t index;
        std::string key;
    };

    std::string currentPointer() const {
        if (frames_.empty())
            return "";
        const Frame& f = frames_.back();
        return f.base + "/" + (f.isObject ? escapePointerToken(f.key) : std::to_string(f.index));
    }
    bool scalar() { return record(tokenStart()); }
    bool record(size_t start) {
        (*values_)[currentPointer()] = start;
        if (!frames_.empty() && !frames_.back().isObject)
            ++frames_.back().index;
        return true;
    }
    // A container's pointer is taken before it is entered; the parent array's index moves
    // on only when the container closes (pop), not here, or its children would be filed
    // under the next element's index.
    void open(bool isObject) {
        std::string pointer = currentPointer();
        (*values_)[pointer] = bracketStart();
        frames_.push_back({std::move(pointer), isObject, 0, {}});
    }
    void pop() {
        frames_.pop_back();
        if (!frames_.empty() && !frames_.back().isObject)
            ++frames_.back().index;
    }
    size_t lastIndex() const {
        return *consumed_ == 0 ? 0 : std::min(*consumed_, text_.size()) - 1;
    }
    size_t bracketStart() const { return lastIndex(); }
    size_t stringStart() const {
        size_t i = lastIndex();
        while (i > 0 && text_[i] != '"')
            --i;         // the closing quote
        while (i > 0) {  // back to the opening quote, skipping \"
            --i;
            if (text_[i] == '"') {
                size_t slashes = 0;
                for (size_t j = i; j > 0 && text_[j - 1] == '\\'; --j)
                    ++slashes;
                if (slashes % 2 == 0)
                    return i;
            }
        }
        return i;
    }
    size_t tokenStart() const {
        size_t i = lastIndex();
        auto inToken = [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   c == '.' || c == '+' || c == '-';
        };
        while (i > 0 && !inToken(text_[i]))
            --i;  // the lexer may have read one byte ahead
        while (i > 0 && inToken(text_[i - 1]))
            --i;
        return i;
    }

    std::string_view text_;
    const size_t* consumed_;
    std::unordered_map<std::string, size_t>* values_;
    std::unordered_map<std::string, size_t>* keys_;
    std::string* duplicateKey_;
    std::optional<size_t>* errorOffset_;
    std::vector<Frame> frames_;
};

}  // namespace

TextPosition positionOfOffset(std::string_view text, size_t offset) {
    TextPosition pos{1, 1};
    const size_t end = std::min(offset, text.size());
    for (size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

JsonLocator::JsonLocator(std::string_view text) : text_(text) {
    size_t consumed = 0;
    LocatingSax sax(text, &consumed, &values_, &keys_, &duplicateKey_, &errorOffset_);
    CountingIterator first(text.data(), &consumed);
    CountingIterator last(text.data() + text.size(), nullptr);
    nlohmann::json::sax_parse(first, last, &sax);
}

TextPosition JsonLocator::valuePosition(const std::string& pointer) const {
    std::string p = pointer;
    while (true) {
        if (auto it = values_.find(p); it != values_.end())
            return positionOfOffset(text_, it->second);
        if (p.empty())
            return {};
        p.erase(p.rfind('/'));
    }
}

TextPosition JsonLocator::keyPosition(const std::string& pointer) const {
    if (auto it = keys_.find(pointer); it != keys_.end())
        return positionOfOffset(text_, it->second);
    return valuePosition(pointer);
}

}  // namespace mailtopo::io
