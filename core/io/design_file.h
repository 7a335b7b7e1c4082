#pragma once
// Reading and writing .mailtopo files on disk, through the one input reader (its refusals
// and size limit) and the one atomic writer.

#include <filesystem>
#include <string>

#include "core/io/design_json.h"
#include "core/io/input_file.h"
#include "core/io/output_file.h"

namespace mailtopo::io {

// The design at `path` ("-": standard input), read through readInputFile; a refusal is
// one diagnostic naming the file.
ParsedDesign loadDesignFile(const std::filesystem::path& path);

// Commands that keep the design's text (validate and dns-check point into it) read it so.
inline bool readDesignText(const std::filesystem::path& path, std::string* text,
                           std::string* error) {
    return readInputFile(path, "design file", text, error);
}

SaveResult saveDesignFile(const model::Design& design, const std::filesystem::path& path);

}  // namespace mailtopo::io
