#include "core/io/powershell/import_inputs.h"

#include <algorithm>
#include <system_error>

#include "core/dns/zone_file.h"
#include "core/io/input_file.h"

namespace mailtopo::io::powershell {
namespace {

bool isExportFile(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".json" || ext == ".txt";
}

}  // namespace

GatheredInputs gatherInputs(const std::vector<std::filesystem::path>& paths) {
    GatheredInputs out;
    auto add = [&](const std::filesystem::path& path) {
        ImportInput input;
        input.name = path.generic_string();
        std::string error;
        if (!readInputFile(path, "PowerShell export", &input.bytes, &error)) {
            out.errors.push_back(input.name + ": " + error);
            return;
        }
        out.inputs.push_back(std::move(input));
    };
    for (const auto& path : paths) {
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (ec || !std::filesystem::exists(status)) {
            out.errors.push_back(path.generic_string() + ": no such file or folder");
            continue;
        }
        if (!std::filesystem::is_directory(status)) {
            if (dns::isZoneFileName(path))
                out.zoneFiles.push_back(path);
            else
                add(path);
            continue;
        }
        std::vector<std::filesystem::path> entries;
        std::filesystem::directory_iterator it(path, ec);
        for (const std::filesystem::directory_iterator end; !ec && it != end; it.increment(ec)) {
            // One entry that cannot be followed (a link to nothing, a link loop) is skipped
            // and named; it must not fail the other files of the folder.
            std::error_code entryError;
            const auto entryStatus = it->status(entryError);
            if (entryError || !std::filesystem::exists(entryStatus)) {
                out.skipped.push_back(
                    it->path().generic_string() + ": a symbolic link that leads nowhere (" +
                    (entryError ? entryError.message() : std::string("its target is missing")) +
                    ")");
            } else if (std::filesystem::is_regular_file(entryStatus)) {
                entries.push_back(it->path());
            }
        }
        if (ec) {
            out.errors.push_back(path.generic_string() + ": the folder cannot be listed (" +
                                 ec.message() + ")");
            continue;
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) {
            if (isExportFile(entry))
                add(entry);
            else if (dns::isZoneFileName(entry))
                out.zoneFiles.push_back(entry);
            else
                out.skipped.push_back(entry.generic_string() + ": not a .json or .txt file");
        }
    }
    return out;
}

}  // namespace mailtopo::io::powershell
