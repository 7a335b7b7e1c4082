#include "core/edit/import_files.h"

namespace mailtopo::edit {

FilesImport importFiles(io::powershell::GatheredInputs gathered, const model::Design* base,
                        model::DnsView zoneView) {
    FilesImport out;
    out.hadExports = !gathered.inputs.empty();
    if (out.hadExports)
        out.exports = io::powershell::importExports(std::move(gathered.inputs), base);
    else
        out.exports.design = base != nullptr ? *base : model::Design{};
    // importZoneFiles changes the design only when every zone file was read.
    if (out.exports.ok() && !gathered.zoneFiles.empty())
        out.zones = importZoneFiles(*out.exports.design, gathered.zoneFiles, zoneView);
    return out;
}

}  // namespace mailtopo::edit
