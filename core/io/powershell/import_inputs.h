#pragma once
// The files of one import, read from disk: files as named, folders expanded to the export
// files they hold (*.json and *.txt, not recursive, in name order) and their zone files.
// Which cmdlet a file holds is decided later from its content; the extension only keeps
// READMEs and the like out.

#include <filesystem>
#include <string>
#include <vector>

#include "core/io/powershell/powershell_import.h"

namespace mailtopo::io::powershell {

struct GatheredInputs {
    std::vector<ImportInput> inputs;
    // Zone files, named or found in a folder (dns::isZoneFileName): edit::importZoneFiles
    // reads them, not the PowerShell importer.
    std::vector<std::filesystem::path> zoneFiles;
    std::vector<std::string> errors;  // "path: no such file or folder" …
    // Folder entries not read, each "path: why" (not an export file, a dangling link).
    std::vector<std::string> skipped;
};

GatheredInputs gatherInputs(const std::vector<std::filesystem::path>& paths);

}  // namespace mailtopo::io::powershell
