// libFuzzer target for the one atomic writer every save, export, report and log goes
// through (core/io/output_file). The input picks a situation on disk (the target there or
// not and with which permissions, reached through a symlink or not, leftovers of killed saves
// beside it) and the bytes to write. Invariants: the write succeeds; the target then holds
// exactly those bytes; a link stays a link; an existing file keeps its permissions; of the
// temporary files, only the fresh one another save could still be using is left.

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include "core/io/output_file.h"

namespace fs = std::filesystem;
using mailtopo::io::temporaryPrefix;
using mailtopo::io::writeFileAtomically;

namespace {

void check(bool condition) {
    if (!condition)
        std::abort();
}

std::string contentsOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writePlain(const fs::path& path, std::string_view text) {
    std::ofstream(path, std::ios::binary) << text;
}

const fs::path& scratch() {
    static const fs::path dir = [] {
        fs::path made =
            fs::temp_directory_path() / ("mailtopo-fuzz-output-" + std::to_string(::getpid()));
        fs::create_directories(made);
        return made;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2 || size > 64 * 1024)
        return 0;
    const uint8_t situation = data[0];
    const auto mode = static_cast<fs::perms>(0400 | ((data[1] & 0x3f) << 3) | (data[1] >> 6));
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
    const bool exists = situation & 1;
    const bool throughLink = situation & 2;
    const bool leftovers = situation & 4;

    const fs::path dir = scratch();
    fs::remove_all(dir);
    fs::create_directories(dir / "real");
    const fs::path target = dir / "real" / "design.mailtopo";
    const fs::path named = throughLink ? dir / "link.mailtopo" : target;
    if (throughLink)
        fs::create_symlink("real/design.mailtopo", named);
    if (exists) {
        writePlain(target, "the old text");
        fs::permissions(target, mode | fs::perms::owner_write);
    }
    const std::string prefix = temporaryPrefix(target);
    if (leftovers) {
        writePlain(dir / "real" / (prefix + "killed"), "half");
        fs::last_write_time(dir / "real" / (prefix + "killed"),
                            fs::file_time_type::clock::now() - std::chrono::hours(2));
        writePlain(dir / "real" / (prefix + "running"), "half");
    }

    const auto saved = writeFileAtomically(named, bytes);
    check(saved.ok);
    check(contentsOf(target) == bytes);
    check(!throughLink || fs::is_symlink(fs::symlink_status(named)));
    if (exists)
        check((fs::status(target).permissions() & fs::perms::mask) ==
              (mode | fs::perms::owner_write));
    size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(dir / "real")) {
        const std::string name = entry.path().filename().string();
        check(name == "design.mailtopo" || (leftovers && name == prefix + "running"));
        ++entries;
    }
    check(entries == (leftovers ? 2u : 1u));
    return 0;
}
