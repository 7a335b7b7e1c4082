#pragma once
// Reading and writing .mailtopo files on disk. Saving is atomic: the new text goes to a
// temporary file beside the target, which then replaces it by rename, so a crash or a
// full disk never leaves a half-written design behind.

#include <filesystem>
#include <string>

#include "core/io/design_json.h"

namespace mailtopo::io {

// The text of the design file at `path`, read whole; false with the reason in *error
// ("no such file", "is a folder, not a design file", a file over 256 MiB, anything that is
// not a regular file, which could block or never end). loadDesignFile reads through it;
// commands that keep the text (validate, dns-check) call it themselves.
bool readDesignText(const std::filesystem::path& path, std::string* text, std::string* error);

ParsedDesign loadDesignFile(const std::filesystem::path& path);

struct SaveResult {
    bool ok = false;
    std::string error;  // names the file and the cause when !ok
};

SaveResult saveDesignFile(const model::Design& design, const std::filesystem::path& path);

// Writes `text` to `path` atomically (temporary sibling + rename).
SaveResult writeFileAtomically(const std::filesystem::path& path, const std::string& text);

}  // namespace mailtopo::io
