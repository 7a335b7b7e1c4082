#include "core/io/input_file.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <system_error>

#include "core/util/file_ptr.h"

namespace mailtopo::io {
namespace {

constexpr std::uintmax_t kDefaultLimit = 256u * 1024u * 1024u;
std::uintmax_t configuredLimit = 0;  // 0: not set by setInputSizeLimit

std::uintmax_t limitFromEnvironment() {
    const char* value = std::getenv("MAILTOPO_MAX_INPUT_BYTES");
    if (value == nullptr || *value == '\0')
        return 0;
    char* end = nullptr;
    const unsigned long long bytes = std::strtoull(value, &end, 10);
    return *end == '\0' ? bytes : 0;
}

// Reads at most limit + 1 bytes, so an endless source (/dev/zero, a file still growing, a
// /proc file reporting size 0) is refused once it passes the limit instead of filling memory.
bool readBounded(std::FILE* file, std::uintmax_t limit, std::string* text, std::string* error) {
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const size_t got = std::fread(buffer, 1, sizeof buffer, file);
        out.append(buffer, got);
        if (out.size() > limit) {
            *error = "more than " + describeSize(limit) + "; larger inputs are refused";
            return false;
        }
        if (got < sizeof buffer) {
            if (std::ferror(file)) {
                *error = std::string("read error: ") + std::strerror(errno);
                return false;
            }
            break;
        }
    }
    *text = std::move(out);
    return true;
}

}  // namespace

InputKind inputKind(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
        return InputKind::Missing;
    if (std::filesystem::is_directory(status))
        return InputKind::Directory;
    return std::filesystem::is_regular_file(status) ? InputKind::Regular : InputKind::Special;
}

std::uintmax_t inputSizeLimit() {
    if (configuredLimit != 0)
        return configuredLimit;
    static const std::uintmax_t fromEnvironment = limitFromEnvironment();
    return fromEnvironment != 0 ? fromEnvironment : kDefaultLimit;
}

void setInputSizeLimit(std::uintmax_t bytes) {
    configuredLimit = bytes;
}

std::string describeSize(std::uintmax_t bytes) {
    if (bytes < 1024)
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024.0;
    size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(units)) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    const bool whole = value == static_cast<double>(static_cast<std::uintmax_t>(value));
    std::snprintf(text, sizeof text, whole ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

std::string shownPath(const std::filesystem::path& path) {
    return path.empty() ? std::string("''") : path.string();
}

bool readInputFile(const std::filesystem::path& path, std::string_view what, std::string* text,
                   std::string* error) {
    const auto fail = [&](std::string message) {
        *error = std::move(message);
        return false;
    };
    const std::uintmax_t limit = inputSizeLimit();
    if (path.empty())
        return fail("no file named (the path is empty)");
    if (path == "-")
        return readBounded(stdin, limit, text, error);
    switch (inputKind(path)) {
        case InputKind::Missing: {
            std::error_code ec;
            if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) {
                (void)std::filesystem::status(path, ec);
                return fail("is a symbolic link that leads nowhere (" +
                            (ec ? ec.message() : std::string("its target is missing")) + ")");
            }
            return fail("no such file");
        }
        case InputKind::Directory:
            return fail("is a folder, not a " + std::string(what));
        case InputKind::Special:
            return fail("is not a regular file (a pipe or a device), so it is not read as a " +
                        std::string(what));
        case InputKind::Regular:
            break;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return fail("cannot read the file size: " + ec.message());
    if (size > limit) {
        return fail("the file is " + describeSize(size) + "; inputs larger than " +
                    describeSize(limit) + " are refused");
    }
    const FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file)
        return fail(std::string("cannot open: ") + std::strerror(errno));
    return readBounded(file.get(), limit, text, error);
}

}  // namespace mailtopo::io
