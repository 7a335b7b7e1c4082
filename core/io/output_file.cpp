#include "core/io/output_file.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <system_error>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

#include "core/util/file_ptr.h"
#include "core/util/text_join.h"

namespace mailtopo::io {
namespace fs = std::filesystem;
namespace {

// A temporary file older than this was left by a save that was killed: no save of one file
// runs that long between creating its temporary file and renaming it.
constexpr auto kStaleAfter = std::chrono::minutes(1);
constexpr int kMaxLinkHops = 40;  // as Linux's own limit on symlinks in one lookup

SaveResult failure(const fs::path& path, const std::string& what) {
    return {false, path.string() + ": " + what};
}

std::string lastError() {
    return std::strerror(errno);
}

// Where writing `path` really lands: symlinks followed, so the link keeps pointing at the
// file it named. A dangling link is followed too (the file is created where it points).
bool followLinks(fs::path path, fs::path* target, std::string* error) {
    for (int hop = 0; hop < kMaxLinkHops; ++hop) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(path, ec))) {
            *target = fs::absolute(path, ec);
            if (ec)
                *error = "cannot resolve the path: " + ec.message();
            return !ec;
        }
        const fs::path next = fs::read_symlink(path, ec);
        if (ec) {
            *error = "cannot read the symbolic link: " + ec.message();
            return false;
        }
        path = next.is_absolute() ? next : path.parent_path() / next;
    }
    *error = "too many levels of symbolic links";
    return false;
}

void removeStaleTemporaries(const fs::path& target) {
    const std::string prefix = temporaryPrefix(target);
    const auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end;
         it.increment(ec)) {
        if (!it->path().filename().string().starts_with(prefix))
            continue;
        std::error_code entryError;
        const auto modified = it->last_write_time(entryError);
        if (!entryError && now - modified > kStaleAfter)
            fs::remove(it->path(), entryError);
    }
}

bool flushToDisk(std::FILE* file) {
    if (std::fflush(file) != 0)
        return false;
#ifndef _WIN32
    return ::fsync(::fileno(file)) == 0 || errno == EINVAL;  // EINVAL: a pipe or terminal
#else
    return true;
#endif
}

// After the rename, the folder's entry is made durable too, so a power cut does not bring
// back the old file. Best effort: not every file system lets a folder be synced.
void syncFolder(const fs::path& folder) {
#ifndef _WIN32
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    (void)folder;
#endif
}

SaveResult writeDirectly(const fs::path& path, const fs::path& target, std::string_view bytes) {
    const FilePtr file(std::fopen(target.c_str(), "wb"));
    if (!file)
        return failure(path, "cannot open: " + lastError());
    if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size() ||
        std::fflush(file.get()) != 0)
        return failure(path, "cannot write: " + lastError());
    return {true, {}};
}

}  // namespace

std::string temporaryPrefix(const fs::path& target) {
    return cat(".", target.filename().string(), ".tmp-");
}

SaveResult writeFileAtomically(const fs::path& path, std::string_view bytes) {
    if (path.empty())
        return {false, "no output file named (the path is empty)"};
    fs::path target;
    std::string error;
    if (!followLinks(path, &target, &error))
        return failure(path, error);
    std::error_code ec;
    const fs::file_status existing = fs::status(target, ec);
    if (fs::is_directory(existing))
        return failure(path, "is a folder");
    if (fs::exists(existing) && !fs::is_regular_file(existing))
        return writeDirectly(path, target, bytes);

    if (std::error_code folderError; !fs::is_directory(target.parent_path(), folderError))
        return failure(path, "the folder " + target.parent_path().string() + " does not exist");
    removeStaleTemporaries(target);
    std::random_device random;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", random(), random());
    const fs::path temp = target.parent_path() / (temporaryPrefix(target) + suffix);
    // "x": never open a file someone else made under our chosen name.
    FilePtr file(std::fopen(temp.c_str(), "wbx"));
    if (!file)
        return failure(path, "cannot create a temporary file beside it: " + lastError());
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file.get()) == bytes.size() &&
                         flushToDisk(file.get());
    const std::string why = written ? std::string() : lastError();
    const bool closed = std::fclose(file.release()) == 0;
    const auto discard = [&](const std::string& message) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        return failure(path, message);
    };
    if (!written)
        return discard("cannot write: " + why);
    if (!closed)
        return discard("cannot write: " + lastError());
    if (fs::exists(existing)) {
        // Best effort: a file the user made private stays private.
        std::error_code ignored;
        fs::permissions(temp, existing.permissions(), fs::perm_options::replace, ignored);
    }
    fs::rename(temp, target, ec);
    if (ec)
        return discard("cannot replace the file: " + ec.message());
    syncFolder(target.parent_path());
    return {true, {}};
}

}  // namespace mailtopo::io
