#pragma once
// Shared helpers of the PowerShell importer suites: where the fixtures are, reading them, and
// finding elements of an imported design by their readable ids.

#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/io/powershell/powershell_import.h"
#include "core/model/design.h"

namespace pstest {

using namespace mailtopo;
using io::powershell::ImportInput;
using io::powershell::ImportResult;

// The shared fixtures (read-only, ../shared/formats/samples) and this suite's own.
inline std::filesystem::path samples() {
    return std::filesystem::path(MAILTOPO_SHARED_DIR) / "formats/samples";
}
inline std::filesystem::path ownData() {
    return std::filesystem::path(MAILTOPO_SOURCE_DIR) / "tests/core/io/powershell/data";
}

// Chunked reads: g++ 12 -O2 flags istreambuf_iterator with a bogus -Wnull-dereference.
inline std::string readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string out;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        out.append(buffer, static_cast<size_t>(in.gcount()));
    return out;
}

// The input as the importer names it: the file name only, so logs do not depend on where the
// repository lives.
inline ImportInput input(const std::filesystem::path& path) {
    return {path.filename().string(), readBytes(path)};
}

inline std::vector<ImportInput> inputs(const std::filesystem::path& dir,
                                       std::initializer_list<const char*> names) {
    std::vector<ImportInput> out;
    for (const char* name : names)
        out.push_back(input(dir / name));
    return out;
}

// Every sample that is a valid export: get-*.json (the malformed.* files are error cases).
inline std::vector<ImportInput> validSamples() {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(samples())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("get-", 0) == 0 && entry.path().extension() == ".json")
            paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<ImportInput> out;
    for (const auto& p : paths)
        out.push_back(input(p));
    return out;
}

inline ImportResult importSamples(std::initializer_list<const char*> names,
                                  const model::Design* base = nullptr) {
    return io::powershell::importExports(inputs(samples(), names), base);
}

template <class T>
const T* byId(const std::vector<T>& list, const std::string& id) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& t) { return t.id == id; });
    return it == list.end() ? nullptr : &*it;
}

inline const model::Nic* nicById(const model::Host& host, const std::string& id) {
    return byId(host.nics, id);
}

inline std::vector<std::string> texts(const auto& values) {
    std::vector<std::string> out;
    for (const auto& v : values)
        out.push_back(v.toString());
    return out;
}

inline const io::powershell::FileReport* fileReport(const io::powershell::ImportLog& log,
                                                    const std::string& file) {
    for (const auto& f : log.files) {
        if (f.file == file)
            return &f;
    }
    return nullptr;
}

inline bool anyNoteContains(const std::vector<io::powershell::FileNote>& notes,
                            const std::string& text) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const auto& n) { return n.message.find(text) != std::string::npos; });
}

inline bool anyContains(const std::vector<std::string>& lines, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const auto& l) { return l.find(text) != std::string::npos; });
}

}  // namespace pstest

// QCOMPARE for std::vector<std::string> with a readable failure message.
namespace QTest {
template <>
inline char* toString(const std::vector<std::string>& v) {
    QByteArray out = "[";
    for (size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + QByteArray::fromStdString(v[i]);
    out += "]";
    return qstrdup(out.constData());
}
template <>
inline char* toString(const std::string& s) {
    return qstrdup(s.c_str());
}
}  // namespace QTest
