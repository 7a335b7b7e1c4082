#pragma once
// The one way MailTopo writes a file: designs, exports, reports and logs alike. The bytes go
// to a temporary file beside the target, are flushed to disk, and then replace the target
// by rename, so a crash, a kill or a full disk leaves either the old file or the new one,
// never part of one, and nothing else behind.

#include <filesystem>
#include <string>
#include <string_view>

namespace mailtopo::io {

struct SaveResult {
    bool ok = false;
    std::string error;  // names the file and the cause when !ok
};

// Writes `bytes` to `path` atomically. A symlink is written through to its target (the link
// stays); an existing file keeps its permissions; temporary files a killed save of the same
// file left behind are removed. A target that exists and is not a regular file (a FIFO,
// /dev/stdout) is written directly, as there is nothing to replace.
SaveResult writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// The prefix of the temporary files writeFileAtomically makes for `target`
// (".NAME.tmp-"); tests look for leftovers with it.
std::string temporaryPrefix(const std::filesystem::path& target);

}  // namespace mailtopo::io
