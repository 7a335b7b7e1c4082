#pragma once
// One import of files into a design, as `mailtopo-cli import` and the GUI both make it: the
// PowerShell exports first (they may create the design), then the DNS zone files on top.
// All or nothing: an unreadable export stops it before any zone is read, an unreadable zone
// file leaves no design.

#include <string>

#include "core/edit/zone_files.h"
#include "core/io/powershell/import_inputs.h"
#include "core/io/powershell/powershell_import.h"

namespace mailtopo::edit {

struct FilesImport {
    bool hadExports = false;
    io::powershell::ImportResult exports;  // its log; its design is the result when ok()
    ZoneFileImport zones;                  // empty when there were none or an export failed
    bool ok() const { return exports.ok() && zones.errors.empty(); }
};

// `base`: the design to import into, or null for a new one.
FilesImport importFiles(io::powershell::GatheredInputs gathered, const model::Design* base,
                        model::DnsView zoneView);

}  // namespace mailtopo::edit
