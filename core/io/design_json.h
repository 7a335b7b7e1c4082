#pragma once
// The .mailtopo document: text ⇄ model. Canonical output (fixed key order, 2-space
// indentation, defaults left out, trailing newline) so designs diff well in git and the
// same design always gives the same bytes.

#include <optional>
#include <string>
#include <string_view>

#include "core/io/diagnostic.h"
#include "core/model/design.h"

namespace mailtopo::io {

inline constexpr std::string_view kFormatName = "mailtopo";
inline constexpr int kFormatVersion = 1;

struct ParsedDesign {
    std::optional<model::Design> design;  // set only when diagnostics is empty
    Diagnostics diagnostics;

    bool ok() const { return design.has_value(); }
};

// Parses a whole document. `fileName` is only used to label diagnostics. Every problem
// found is reported (up to a limit), each with line:column and the JSON pointer.
ParsedDesign parseDesign(std::string_view text, const std::string& fileName = {});

std::string serializeDesign(const model::Design& design);

}  // namespace mailtopo::io
