#pragma once
// Internal to the PowerShell importer: reading one exported object's members in every shape
// PowerShell writes them (powershell-exports.md §6): case-insensitive names, enums as integers,
// names or comma-separated flag lists, collections as arrays or (below the depth limit) as one
// space-joined string, Exchange value types as objects or as their ToString text.
//
// A member that cannot be read is reported once, at its position, with why and how to export
// it so it can be; the caller simply gets no value and leaves the design's value alone.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/powershell/cmdlet.h"
#include "core/io/powershell/export_text.h"
#include "core/io/powershell/import_log.h"
#include "core/io/powershell/json_document.h"
#include "core/io/powershell/observations.h"

namespace mailtopo::io::powershell::detail {

// Line starts of a text, built on first use, so that locating many values costs log(n) each.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {}
    LineColumn at(size_t offset);

private:
    std::string_view text_;
    std::vector<size_t> starts_;
};

// One file being read.
struct FileContext {
    std::string name;
    const JsonDocument& doc;
    LineIndex lines;
    FileReport& report;
    std::vector<FieldIssue>& issues;
    ImportSet& set;
    // Objects skipped for an ordinary reason, counted per reason for one note per file:
    // plural phrase → (singular phrase, count).
    std::map<std::string, std::pair<std::string, int>> tallies;

    void skipped(std::string_view one, std::string_view many) {
        auto& entry = tallies[std::string(many)];
        entry.first = std::string(one);
        ++entry.second;
    }

    FileContext(std::string fileName, const JsonDocument& document, FileReport& fileReport,
                std::vector<FieldIssue>& fieldIssues, ImportSet& importSet)
        : name(std::move(fileName)),
          doc(document),
          lines(document.text()),
          report(fileReport),
          issues(fieldIssues),
          set(importSet) {}
};

// One item of an exported collection: a JSON value, or a piece of a collection that
// ConvertTo-Json flattened into one string (then `value` is invalid and `text` holds it).
struct ListItem {
    JsonValue value;
    std::string_view text;

    // The item's text: the piece, or the value when it is a string.
    std::string_view asText() const { return value.valid() ? value.text() : text; }
    bool isText() const { return !value.valid() || value.isString(); }
};

struct EnumEntry {
    std::string_view name;
    uint64_t value;
};

// One exported object being read.
class Record {
public:
    // `depth`: how deep ConvertTo-Json found the object (0 for a bare object, 1 for an item of
    // the top-level array). A member cut short is one level deeper than that, so the export's
    // -Depth was `depth`, which the messages quote.
    Record(FileContext& file, JsonValue value, Cmdlet cmdlet, int depth = 1)
        : file_(file), value_(value), cmdlet_(cmdlet), depth_(depth) {}

    FileContext& file() { return file_; }
    JsonValue value() const { return value_; }
    Cmdlet cmdlet() const { return cmdlet_; }
    JsonValue get(std::string_view member) const { return value_.member(member); }

    // The label field issues name the object by ("EX2019-01\Relay"); set once known.
    void setLabel(std::string label) { label_ = std::move(label); }
    const std::string& label() const { return label_; }

    // A member that could not be read (or, with `recovered`, was read from a degraded form).
    void issue(JsonValue at, std::string_view field, std::string problem, std::string fix,
               bool recovered = false);
    // A remark about the file (e.g. a value that contradicts another file).
    void note(JsonValue at, std::string message);

    // Stores an observed value; when another file said something else, notes the conflict.
    // The value read last wins (files are read in name order, so the result is stable).
    template <class T>
    void set(Seen<T>& slot, T value, std::string_view field) {
        if (slot.value && !(*slot.value == value) && slot.file != file_.name) {
            note(get(field), label_ + ": " + std::string(field) + " differs from the value in " +
                                 slot.file + "; the value in this file is used");
        }
        slot.value = std::move(value);
        slot.file = file_.name;
    }

    // ---- typed readers; each reports its own problems under `field` --------------------

    // A string member (a number is given as its text); nullopt when absent or null.
    std::optional<std::string> string(std::string_view field);
    // true/false, {"IsPresent": b} (SwitchParameter), "True"/"False", 0/1.
    std::optional<bool> boolean(std::string_view field);
    std::optional<int64_t> integer(std::string_view field);
    // An enum: an integer, a name, a comma-separated list of names (flags) or an array of
    // either. Unknown names or bits are reported and ignored.
    std::optional<uint64_t> enumeration(std::string_view field, std::span<const EnumEntry> table,
                                        bool flags);
    // A collection member. Detects ConvertTo-Json's depth truncation: a list written as one
    // space-joined string is split back (reported as recovered); a list written as its .NET
    // type name is reported as lost (nullopt). A null member is an empty list.
    std::optional<std::vector<ListItem>> list(std::string_view field);
    // An Exchange object reference (ADObjectId): its Name, or the string form.
    std::optional<std::string> objectName(std::string_view field);

    // The fix for any value cut short by ConvertTo-Json's depth limit.
    std::string depthFix() const;
    // "truncated by ConvertTo-Json -Depth 1" for a member of this object.
    std::string truncatedBy() const;

private:
    FileContext& file_;
    JsonValue value_;
    Cmdlet cmdlet_;
    int depth_;
    std::string label_;
};

// ---- helpers shared by the readers ----------------------------------------------------------

// A .NET type name, which is what ConvertTo-Json writes below its depth limit for an object
// whose ToString() says nothing better ("System.Object[]", "Microsoft.Management.Infra…").
bool isTypeName(std::string_view text);

std::string_view trim(std::string_view text);
// 'text' for messages. (Built by appending: g++ 12 -O2 misreports "literal" + std::string with
// a bogus -Wrestrict, GCC bug 105329.)
std::string inQuotes(std::string_view text);
bool equalsIgnoreCase(std::string_view a, std::string_view b);
bool startsWithIgnoreCase(std::string_view text, std::string_view prefix);

// The string form of a JSON value: a string itself, a number's text, True/False.
std::optional<std::string> scalarText(JsonValue v);

// ADObjectId: the Name member of the object form, or the text of the string form.
std::optional<std::string> referenceName(JsonValue v);

// The server and connector names in a receive connector's distinguished name
// "CN=Relay,CN=SMTP Receive Connectors,CN=Protocols,CN=EX01,CN=Servers,…".
std::optional<std::pair<std::string, std::string>> receiveConnectorFromDn(std::string_view dn);

// "36 MB (37,748,736 bytes)" → 37748736; "Unlimited" → nullopt inside the optional.
// The outer nullopt means "not a size".
std::optional<std::optional<long long>> parseByteSize(std::string_view text);

}  // namespace mailtopo::io::powershell::detail
