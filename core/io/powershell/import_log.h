#pragma once
// What an import did, for the user: which files were recognised as which cmdlet export, which
// objects were created, updated or left alone (with the fields that changed), and which fields
// could not be read, why, and how to export them so they can. Rendered as text (the CLI's
// stdout) and as JSON (--log); both renderings are deterministic.

#include <string>
#include <string_view>
#include <vector>

namespace mailtopo::io::powershell {

enum class FileStatus : uint8_t {
    Imported,       // recognised; its records were read
    Empty,          // valid, but holds no objects (ConvertTo-Json of nothing writes an empty file)
    NotRecognised,  // valid JSON, but not an export of a cmdlet the importer reads
    Error,          // unreadable: the whole import is refused
};

// Something about one file worth telling, e.g. a WARNING line that was skipped.
struct FileNote {
    int line = 0;  // 0 when it concerns the whole file
    std::string message;
};

struct FileReport {
    std::string file;  // as the user named it
    FileStatus status = FileStatus::Imported;
    std::string cmdlet;    // "Get-ReceiveConnector"; several joined by ", " for a mixed file
    std::string variant;   // "Exchange Management Shell object form", "CIM, enums as integers" …
    std::string layout;    // "Windows PowerShell 5.1", "PowerShell 7" or "compressed"
    std::string shape;     // "array of 13", "single object", "empty"
    std::string encoding;  // "UTF-8", "UTF-16LE with BOM" …
    int records = 0;       // objects in the file
    int recordsUsed = 0;   // objects that contributed to the design
    std::string reason;    // NotRecognised / Error: why
    int line = 0;          // Error: where (1-based; 0 when unknown)
    int column = 0;
    std::vector<FileNote> notes;
};

// A value that could not be read, or was read from a degraded form.
struct FieldIssue {
    std::string file;
    int line = 0;
    int column = 0;
    std::string object;      // "EX2019-01\Anonymous Relay EX2019-01", "EX2019-01 Ethernet" …
    std::string field;       // the PowerShell member: "MaxMessageSize", "RemoteIPRanges" …
    std::string problem;     // why it could not be read
    std::string fix;         // how to export it so it can ("re-export with -Depth 4")
    bool recovered = false;  // the value was still imported (e.g. split from a truncated list)
};

enum class ObjectAction : uint8_t { Created, Updated, Unchanged };

struct FieldChange {
    std::string field;   // the .mailtopo key path: "exchange.version", "addresses"
    std::string before;  // compact JSON of the old value
    std::string after;
};

struct ObjectReport {
    ObjectAction action = ObjectAction::Created;
    std::string kind;  // "host", "NIC", "receive connector" … (model::elementKindName)
    std::string id;
    std::string label;                 // "EX2019-01", "EX2019-01\Default Frontend EX2019-01"
    std::vector<std::string> sources;  // files that contributed, sorted
    std::vector<FieldChange> changes;  // Updated only
};

// An element of the design the import did not touch (drawn by the user, or not in the exports).
struct LeftAlone {
    std::string kind;
    std::string id;
    std::string label;
};

struct ImportLog {
    bool ok = false;      // false: nothing was imported and the design is unchanged
    bool merged = false;  // imported into an existing design
    std::vector<FileReport> files;
    std::vector<ObjectReport> objects;  // in the order they were applied
    std::vector<LeftAlone> leftAlone;
    std::vector<FieldIssue> fields;
    std::vector<std::string> notes;  // about the import as a whole (layout, stub servers …)

    int count(ObjectAction action) const;

    // Human-readable; lines of at most a few hundred characters, ending with a newline.
    std::string toText() const;
    // Canonical JSON (fixed key order, 2-space indent, trailing newline).
    std::string toJson() const;
};

std::string_view fileStatusName(FileStatus status);      // "imported", "empty" …
std::string_view objectActionName(ObjectAction action);  // "created", "updated", "unchanged"

}  // namespace mailtopo::io::powershell
