#pragma once
// What a path given as an input file is, asked before reading it: only a regular file is
// read. A directory fails every read; a FIFO or a device could block or never end. Each
// reader words the refusal for what it expected (a design, a zone file).

#include <filesystem>
#include <system_error>

namespace mailtopo {

enum class InputKind { Missing, Directory, Special, Regular };

inline InputKind inputKind(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
        return InputKind::Missing;
    if (std::filesystem::is_directory(status))
        return InputKind::Directory;
    return std::filesystem::is_regular_file(status) ? InputKind::Regular : InputKind::Special;
}

}  // namespace mailtopo
