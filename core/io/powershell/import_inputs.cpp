#include "core/io/powershell/import_inputs.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "core/dns/zone_file.h"

namespace mailtopo::io::powershell {
namespace {

bool readFile(const std::filesystem::path& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot be opened";
        return false;
    }
    // Chunked reads rather than istreambuf_iterator, which g++ 12 -O2 flags with a bogus
    // -Wnull-dereference.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec)
        out.reserve(static_cast<size_t>(size));
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        out.append(buffer, static_cast<size_t>(in.gcount()));
    if (in.bad()) {
        error = "could not be read";
        return false;
    }
    return true;
}

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
        if (!readFile(path, input.bytes, error)) {
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
        for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
            if (entry.is_regular_file(ec))
                entries.push_back(entry.path());
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
                out.skipped.push_back(entry.generic_string());
        }
    }
    return out;
}

}  // namespace mailtopo::io::powershell
