#pragma once
// Maps JSON pointers back to line:column in the original text. nlohmann_json forgets
// positions once a document is parsed, so when a value turns out to be wrong (a bad IP
// address, an unknown enum) we re-read the text once with a SAX pass that records where
// every value and key starts. Only done on the error path, so it costs nothing on
// successful loads.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/io/line_index.h"

namespace mailtopo::io {

// 1-based line and column of a byte offset in text.
TextPosition positionOfOffset(std::string_view text, size_t offset);

class JsonLocator {
public:
    explicit JsonLocator(std::string_view text);
    // Locates only `pointers` and the ancestors valuePosition() falls back to: validate
    // places a few hundred findings in a design of millions of values, and recording every
    // one of them cost more than the validation. keyPosition() and firstDuplicateKey() know
    // nothing outside those pointers.
    JsonLocator(std::string_view text, const std::vector<std::string>& pointers);

    // Where the value at `pointer` starts; falls back to the nearest located ancestor.
    TextPosition valuePosition(const std::string& pointer) const;
    // Where the key naming `pointer`'s last segment starts (for "unknown key" errors).
    TextPosition keyPosition(const std::string& pointer) const;
    // The pointer of the first key that occurs twice in one object (keyPosition() gives
    // the second occurrence), or empty when every object's keys are distinct.
    const std::string& firstDuplicateKey() const { return duplicateKey_; }
    // When the text is not valid JSON: nlohmann's byte count where it stopped (just past
    // the offending token), for errors whose exception carries no position.
    std::optional<size_t> syntaxErrorOffset() const { return errorOffset_; }

private:
    // `wanted` null: every value and key.
    void locate(const std::unordered_set<std::string>* wanted);

    std::string_view text_;
    // Validate locates every finding; counting the lines from the top each time made a
    // large design's report quadratic.
    LineIndex lines_;
    std::unordered_map<std::string, size_t> values_;
    std::unordered_map<std::string, size_t> keys_;
    std::string duplicateKey_;
    std::optional<size_t> errorOffset_;
};

}  // namespace mailtopo::io
