#pragma once
// The longest text one value of a design may hold: a name, a description, a record's data.
// No real value comes near it (a TXT record's presentation, the longest, is under 70 KB),
// but without a limit a 50 MB name is copied into every trace and finding that mentions it
// and validation grows to gigabytes. Every way a text enters a design refuses longer ones:
// the design reader, the PowerShell importer and property edits (CLI and inspector).

#include <cstddef>
#include <string>

#include "core/util/text_join.h"

namespace mailtopo::model {

inline constexpr std::size_t kMaxTextBytes = 1024 * 1024;

// "a text of 52,428,800 bytes; one value holds at most 1 MiB"
inline std::string textTooLong(std::size_t bytes) {
    const std::string plain = std::to_string(bytes);
    std::string digits;  // with thousands separators, built forwards
    for (std::size_t i = 0; i < plain.size(); ++i) {
        if (i > 0 && (plain.size() - i) % 3 == 0)
            digits += ',';
        digits += plain[i];
    }
    return cat("a text of ", digits, " bytes; one value holds at most 1 MiB");
}

}  // namespace mailtopo::model
