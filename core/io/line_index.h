#pragma once
// Where each line of a text starts, found once: a line by its number, a byte offset's line
// and column, or the length of a run of lines, each without counting from the top again.
// The design's locator places every finding with it; the zone-file reader quotes the line
// ldns refused and measures each record's lines with it.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>
#include <vector>

namespace mailtopo::io {

struct TextPosition {
    int line = 0;
    int column = 0;
};

class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
            starts_.push_back(i + 1);
    }

    // 1-based line and column of a byte offset (offsets past the end: the end).
    TextPosition position(size_t offset) const {
        const size_t end = std::min(offset, text_.size());
        const auto next = std::upper_bound(starts_.begin(), starts_.end(), end);
        return {static_cast<int>(next - starts_.begin()),
                static_cast<int>(end - *std::prev(next)) + 1};
    }
    // Line `number` (1-based), without its line feed; empty past the end.
    std::string_view line(int number) const {
        if (number < 1 || static_cast<size_t>(number) > starts_.size())
            return {};
        const size_t start = startOf(number);
        const size_t end = text_.find('\n', start);
        return text_.substr(start, end == std::string_view::npos ? end : end - start);
    }
    // The bytes of lines first..last (1-based, inclusive), line feeds included.
    size_t span(int first, int last) const { return startOf(last + 1) - startOf(first); }

private:
    size_t startOf(int number) const {
        if (number < 1)
            return 0;
        if (static_cast<size_t>(number) > starts_.size())
            return text_.size();
        return starts_[static_cast<size_t>(number) - 1];
    }

    std::string_view text_;
    std::vector<size_t> starts_;
};

}  // namespace mailtopo::io
