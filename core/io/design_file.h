#pragma once
// Reading and writing .mailtopo files on disk. Saving is atomic: the new text goes to a
// temporary file beside the target, which then replaces it by rename, so a crash or a
// full disk never leaves a half-written design behind.

#include <filesystem>
#include <string>

#include "core/io/design_json.h"

namespace mailtopo::io {

ParsedDesign loadDesignFile(const std::filesystem::path& path);

struct SaveResult {
    bool ok = false;
    std::string error;  // names the file and the cause when !ok
};

SaveResult saveDesignFile(const model::Design& design, const std::filesystem::path& path);

// Writes `text` to `path` atomically (temporary sibling + rename).
SaveResult writeFileAtomically(const std::filesystem::path& path, const std::string& text);

}  // namespace mailtopo::io
