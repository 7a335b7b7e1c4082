#include "core/io/design_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "core/util/input_file.h"

namespace mailtopo::io {
namespace {

constexpr std::uintmax_t kMaxDesignBytes = 256u * 1024u * 1024u;

std::string describeErrno() {
    return std::strerror(errno);
}

}  // namespace

bool readDesignText(const std::filesystem::path& path, std::string* text, std::string* error) {
    const auto fail = [&](std::string message) {
        *error = std::move(message);
        return false;
    };
    switch (inputKind(path)) {
        case InputKind::Missing:
            return fail("no such file");
        case InputKind::Directory:
            return fail("is a folder, not a design file");
        case InputKind::Special:
            return fail(
                "is not a regular file (a pipe or a device), so it is not read as a design");
        case InputKind::Regular:
            break;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return fail("cannot read the file size: " + ec.message());
    if (size > kMaxDesignBytes) {
        return fail("the file is " + std::to_string(size / (1024 * 1024)) +
                    " MiB; designs larger than 256 MiB are refused");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail("cannot open: " + describeErrno());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        return fail("read error: " + describeErrno());
    *text = std::move(buffer).str();
    return true;
}

ParsedDesign loadDesignFile(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::string text;
    std::string error;
    if (!readDesignText(path, &text, &error)) {
        ParsedDesign result;
        result.diagnostics.push_back({name, 0, 0, {}, std::move(error)});
        return result;
    }
    return parseDesign(text, name);
}

SaveResult writeFileAtomically(const std::filesystem::path& path, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path target = fs::absolute(path);
    std::random_device random;
    std::string tempName = ".";
    tempName += target.filename().string();
    tempName += ".tmp-";
    tempName += std::to_string(random());
    const fs::path temp = target.parent_path() / tempName;
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            return {false, path.string() + ": cannot create a temporary file: " + describeErrno()};
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            const std::string why = describeErrno();
            out.close();
            std::error_code ignored;
            fs::remove(temp, ignored);
            return {false, path.string() + ": write failed: " + why};
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        return {false, path.string() + ": cannot replace the file: " + ec.message()};
    }
    return {true, {}};
}

SaveResult saveDesignFile(const model::Design& design, const std::filesystem::path& path) {
    return writeFileAtomically(path, serializeDesign(design));
}

}  // namespace mailtopo::io
