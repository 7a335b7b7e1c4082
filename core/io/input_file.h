#pragma once
// The one way any input reaches MailTopo: a design, an export, a zone file, an edit
// fragment or standard input ("-"). Every command and the GUI read through it, so every
// input gets the same refusals: only a regular file (or standard input, where a command
// takes "-") is read, never a folder, FIFO or device that could block or never end; and
// nothing larger than one size limit is kept in memory, however the file reports its size.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mailtopo::io {

enum class InputKind { Missing, Directory, Special, Regular };

// What `path` is, asked before reading it; a symlink is judged by what it points to.
InputKind inputKind(const std::filesystem::path& path);

// The most bytes one input may hold: 256 MiB, or MAILTOPO_MAX_INPUT_BYTES from the
// environment (so tests can prove the refusal without writing 256 MiB), or what
// setInputSizeLimit set last.
std::uintmax_t inputSizeLimit();
void setInputSizeLimit(std::uintmax_t bytes);  // 0 restores the default

// "256 MiB", "1.5 KiB", "900 bytes": sizes as the refusals word them.
std::string describeSize(std::uintmax_t bytes);

// How a path is named in messages: an empty one as '' so no message starts with ": ".
std::string shownPath(const std::filesystem::path& path);

// Reads `path` whole ("-" is standard input). `what` names the content expected, for the
// refusal ("design file", "zone file"): "is a folder, not a zone file". False with the
// reason in *error, which does not repeat the path.
bool readInputFile(const std::filesystem::path& path, std::string_view what, std::string* text,
                   std::string* error);

}  // namespace mailtopo::io
