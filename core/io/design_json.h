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
// The version the writer puts in every file. Version 2 added a flow's "poolMember" and
// "expectedDisposition"; a version 1 file is a version 2 file without them, so it loads as
// it is and is saved as version 2 (docs/file-format.md, "Versions").
inline constexpr int kFormatVersion = 2;

struct ParsedDesign {
    std::optional<model::Design> design;  // set only when diagnostics is empty
    Diagnostics diagnostics;
    int fileVersion = 0;  // the "version" the file gave, once read; saving writes kFormatVersion

    bool ok() const { return design.has_value(); }
};

// Parses a whole document. `fileName` is only used to label diagnostics. Every problem
// found is reported (up to a limit), each with line:column and the JSON pointer.
ParsedDesign parseDesign(std::string_view text, const std::string& fileName = {});

std::string serializeDesign(const model::Design& design);

// Reads one value of the document's schema from its JSON text with the reader parseDesign
// uses, so a structured list given to `mailtopo-cli edit --set` (a VIP's pool, a zone's
// records …) is checked exactly as the same list in a file. Returns why it cannot be read
// ("/0/port: integer 99999 is out of range (0 to 65535)"), or nothing once `out` is set.
// Instantiated in design_json.cpp for the lists of elements without an id of their own.
template <class T>
std::optional<std::string> readJsonValue(std::string_view text, T& out);
// The same value as the writer puts it in a file, on one line.
template <class T>
std::string writeJsonValue(const T& value);

}  // namespace mailtopo::io
