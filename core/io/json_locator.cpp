#include "core/io/json_locator.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/io/json_counting_iterator.h"

namespace mailtopo::io {
namespace {

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
                const std::unordered_set<std::string>* wanted,
                std::unordered_map<std::string, size_t>* values,
                std::unordered_map<std::string, size_t>* keys, std::string* duplicateKey,
                std::optional<size_t>* errorOffset)
        : text_(text),
          consumed_(consumed),
          wanted_(wanted),
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
        if (!f.located)
            return true;
        f.key = key;
        std::string pointer = f.base + "/" + escapePointerToken(key);
        if (!isWanted(pointer))
            return true;
        const auto [it, inserted] = keys_->insert_or_assign(std::move(pointer), stringStart());
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
        // The container's pointer is wanted, so its children's may be; when it is not, none
        // of theirs is and they are not even spelled out.
        bool located;
    };

    std::string currentPointer() const {
        if (frames_.empty())
            return "";
        const Frame& f = frames_.back();
        return f.base + "/" + (f.isObject ? escapePointerToken(f.key) : std::to_string(f.index));
    }
    bool scalar() { return record(tokenStart()); }
    bool record(size_t start) {
        if (parentLocated()) {
            std::string pointer = currentPointer();
            if (isWanted(pointer))
                (*values_)[std::move(pointer)] = start;
        }
        if (!frames_.empty() && !frames_.back().isObject)
            ++frames_.back().index;
        return true;
    }
    // A container's pointer is taken before it is entered; the parent array's index moves
    // on only when the container closes (pop), not here, or its children would be filed
    // under the next element's index.
    void open(bool isObject) {
        std::string pointer;
        bool located = parentLocated();
        if (located) {
            pointer = currentPointer();
            located = isWanted(pointer);
            if (located)
                (*values_)[pointer] = bracketStart();
        }
        frames_.push_back({std::move(pointer), isObject, 0, {}, located});
    }
    bool parentLocated() const { return frames_.empty() || frames_.back().located; }
    bool isWanted(const std::string& pointer) const {
        return wanted_ == nullptr || wanted_->contains(pointer);
    }
    void pop() {
        frames_.pop_back();
        if (!frames_.empty() && !frames_.back().isObject)
            ++frames_.back().index;
    }
    size_t bracketStart() const { return json_scan::lastIndex(text_, *consumed_); }
    size_t stringStart() const { return json_scan::stringStart(text_, *consumed_); }
    size_t tokenStart() const { return json_scan::tokenStart(text_, *consumed_); }

    std::string_view text_;
    const size_t* consumed_;
    const std::unordered_set<std::string>* wanted_;
    std::unordered_map<std::string, size_t>* values_;
    std::unordered_map<std::string, size_t>* keys_;
    std::string* duplicateKey_;
    std::optional<size_t>* errorOffset_;
    std::vector<Frame> frames_;
};

// The pointers and every ancestor valuePosition() may fall back to.
std::unordered_set<std::string> withAncestors(const std::vector<std::string>& pointers) {
    std::unordered_set<std::string> out;
    for (std::string p : pointers) {
        while (out.insert(p).second && !p.empty()) {
            const size_t slash = p.rfind('/');
            p.erase(slash == std::string::npos ? 0 : slash);
        }
    }
    return out;
}

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

JsonLocator::JsonLocator(std::string_view text) : text_(text), lines_(text) {
    locate(nullptr);
}

JsonLocator::JsonLocator(std::string_view text, const std::vector<std::string>& pointers)
    : text_(text), lines_(text) {
    const auto wanted = withAncestors(pointers);
    locate(&wanted);
}

void JsonLocator::locate(const std::unordered_set<std::string>* wanted) {
    size_t consumed = 0;
    LocatingSax sax(text_, &consumed, wanted, &values_, &keys_, &duplicateKey_, &errorOffset_);
    json_scan::CountingIterator first(text_.data(), &consumed);
    json_scan::CountingIterator last(text_.data() + text_.size(), nullptr);
    nlohmann::json::sax_parse(first, last, &sax);
}

TextPosition JsonLocator::valuePosition(const std::string& pointer) const {
    std::string p = pointer;
    while (true) {
        if (auto it = values_.find(p); it != values_.end())
            return lines_.position(it->second);
        if (p.empty())
            return {};
        p.erase(p.rfind('/'));
    }
}

TextPosition JsonLocator::keyPosition(const std::string& pointer) const {
    if (auto it = keys_.find(pointer); it != keys_.end())
        return lines_.position(it->second);
    return valuePosition(pointer);
}

}  // namespace mailtopo::io
