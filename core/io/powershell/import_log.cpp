#include "core/io/powershell/import_log.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

namespace mailtopo::io::powershell {
namespace {

using nlohmann::ordered_json;

std::string position(const std::string& file, int line, int column) {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0)
            out += ':' + std::to_string(column);
    }
    return out;
}

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

std::string describeFile(const FileReport& f) {
    std::string details;
    auto add = [&](const std::string& part) {
        if (part.empty())
            return;
        if (!details.empty())
            details += ", ";
        details += part;
    };
    add(f.variant);
    add(f.layout);
    add(f.shape);
    add(f.encoding);
    return details;
}

void renderFiles(const ImportLog& log, std::string& out) {
    out += "\nFiles\n";
    for (const FileReport& f : log.files) {
        switch (f.status) {
            case FileStatus::Imported:
                out +=
                    "  " + f.file + ": " + f.cmdlet + ", " + plural(f.records, "object", "objects");
                if (f.recordsUsed != f.records)
                    out += " (" + std::to_string(f.recordsUsed) + " used)";
                out += " [" + describeFile(f) + "]\n";
                break;
            case FileStatus::Empty:
                out +=
                    "  " + f.file + ": empty export, nothing to import [" + describeFile(f) + "]\n";
                break;
            case FileStatus::NotRecognised:
                out += "  " + f.file + ": not recognised, skipped: " + f.reason + "\n";
                break;
            case FileStatus::Error:
                out += "  " + position(f.file, f.line, f.column) + ": error: " + f.reason + "\n";
                break;
        }
        for (const FileNote& note : f.notes) {
            out += "    " +
                   (note.line > 0 ? "line " + std::to_string(note.line) + ": " : std::string()) +
                   note.message + "\n";
        }
    }
}

void renderObjects(const ImportLog& log, ObjectAction action, const char* title, std::string& out) {
    bool any = false;
    for (const ObjectReport& o : log.objects) {
        if (o.action != action)
            continue;
        if (!any)
            out += std::string("\n") + title + "\n";
        any = true;
        out += "  " + o.kind + " " + o.id + (o.label.empty() ? "" : " (" + o.label + ")") + "\n";
        for (const FieldChange& c : o.changes)
            out += "    " + c.field + ": " + c.before + " -> " + c.after + "\n";
    }
}

// Fields with the same file, field, problem and fix are one line listing the objects, so a
// file of 13 connectors that all lack a readable MaxMessageSize does not print 13 lines.
void renderFields(const ImportLog& log, std::string& out) {
    if (log.fields.empty())
        return;
    out += "\nFields not read as exported\n";
    using Key = std::tuple<std::string, std::string, std::string, std::string, bool>;
    std::vector<Key> order;
    std::map<Key, std::vector<const FieldIssue*>> groups;
    for (const FieldIssue& f : log.fields) {
        const Key key{f.file, f.field, f.problem, f.fix, f.recovered};
        auto [it, inserted] = groups.try_emplace(key);
        if (inserted)
            order.push_back(key);
        it->second.push_back(&f);
    }
    for (const Key& key : order) {
        const auto& list = groups[key];
        const FieldIssue& first = *list.front();
        std::string objects;
        for (size_t i = 0; i < list.size() && i < 4; ++i)
            objects += (i ? ", " : "") + list[i]->object;
        if (list.size() > 4)
            objects += " and " + std::to_string(list.size() - 4) + " more";
        out += "  " + position(first.file, first.line, first.column) + ": " + first.field + " of " +
               objects + ": " + first.problem + (first.recovered ? " (value imported)" : "") + ".";
        if (!first.fix.empty())
            out += " Fix: " + first.fix;
        if (out.back() != '.')
            out += '.';
        out += "\n";
    }
}

}  // namespace

std::string_view fileStatusName(FileStatus status) {
    switch (status) {
        case FileStatus::Imported:
            return "imported";
        case FileStatus::Empty:
            return "empty";
        case FileStatus::NotRecognised:
            return "not-recognised";
        case FileStatus::Error:
            return "error";
    }
    return "?";
}

std::string_view objectActionName(ObjectAction action) {
    switch (action) {
        case ObjectAction::Created:
            return "created";
        case ObjectAction::Updated:
            return "updated";
        case ObjectAction::Unchanged:
            return "unchanged";
    }
    return "?";
}

int ImportLog::count(ObjectAction action) const {
    return static_cast<int>(std::count_if(
        objects.begin(), objects.end(), [&](const ObjectReport& o) { return o.action == action; }));
}

std::string ImportLog::toText() const {
    std::string out;
    int errors = 0;
    for (const FileReport& f : files)
        errors += f.status == FileStatus::Error ? 1 : 0;
    if (ok) {
        out += std::string(merged ? "Merged " : "Imported ") +
               plural(static_cast<int>(files.size()), "file", "files") + ": " +
               std::to_string(count(ObjectAction::Created)) + " created, " +
               std::to_string(count(ObjectAction::Updated)) + " updated, " +
               std::to_string(count(ObjectAction::Unchanged)) + " unchanged, " +
               std::to_string(leftAlone.size()) + " left alone; " +
               plural(static_cast<int>(fields.size()), "field", "fields") +
               " not read as exported.\n";
    } else {
        out += "Import failed: " + plural(errors, "file is", "files are") +
               " unreadable. Nothing was imported; the design is unchanged.\n";
    }
    renderFiles(*this, out);
    if (!ok)
        return out;
    renderObjects(*this, ObjectAction::Created, "Created", out);
    renderObjects(*this, ObjectAction::Updated, "Updated", out);
    renderObjects(*this, ObjectAction::Unchanged, "Unchanged", out);
    if (!leftAlone.empty()) {
        out += "\nLeft alone\n";
        for (const LeftAlone& l : leftAlone)
            out +=
                "  " + l.kind + " " + l.id + (l.label.empty() ? "" : " (" + l.label + ")") + "\n";
    }
    renderFields(*this, out);
    if (!notes.empty()) {
        out += "\nNotes\n";
        for (const std::string& n : notes)
            out += "  " + n + "\n";
    }
    return out;
}

std::string ImportLog::toJson() const {
    ordered_json j;
    j["ok"] = ok;
    j["merged"] = merged;
    ordered_json summary;
    summary["files"] = files.size();
    summary["created"] = count(ObjectAction::Created);
    summary["updated"] = count(ObjectAction::Updated);
    summary["unchanged"] = count(ObjectAction::Unchanged);
    summary["leftAlone"] = leftAlone.size();
    summary["fieldIssues"] = fields.size();
    j["summary"] = summary;

    ordered_json fileList = ordered_json::array();
    for (const FileReport& f : files) {
        ordered_json o;
        o["file"] = f.file;
        o["status"] = fileStatusName(f.status);
        o["cmdlet"] = f.cmdlet;
        o["variant"] = f.variant;
        o["layout"] = f.layout;
        o["shape"] = f.shape;
        o["encoding"] = f.encoding;
        o["records"] = f.records;
        o["recordsUsed"] = f.recordsUsed;
        if (!f.reason.empty())
            o["reason"] = f.reason;
        if (f.line > 0) {
            o["line"] = f.line;
            o["column"] = f.column;
        }
        ordered_json notesJson = ordered_json::array();
        for (const FileNote& n : f.notes) {
            ordered_json nj;
            nj["line"] = n.line;
            nj["message"] = n.message;
            notesJson.push_back(nj);
        }
        o["notes"] = notesJson;
        fileList.push_back(o);
    }
    j["files"] = fileList;

    ordered_json objectList = ordered_json::array();
    for (const ObjectReport& r : objects) {
        ordered_json o;
        o["action"] = objectActionName(r.action);
        o["kind"] = r.kind;
        o["id"] = r.id;
        o["label"] = r.label;
        o["sources"] = r.sources;
        ordered_json changes = ordered_json::array();
        for (const FieldChange& c : r.changes) {
            ordered_json cj;
            cj["field"] = c.field;
            cj["before"] = c.before;
            cj["after"] = c.after;
            changes.push_back(cj);
        }
        o["changes"] = changes;
        objectList.push_back(o);
    }
    j["objects"] = objectList;

    ordered_json alone = ordered_json::array();
    for (const LeftAlone& l : leftAlone) {
        ordered_json o;
        o["kind"] = l.kind;
        o["id"] = l.id;
        o["label"] = l.label;
        alone.push_back(o);
    }
    j["leftAlone"] = alone;

    ordered_json fieldList = ordered_json::array();
    for (const FieldIssue& f : fields) {
        ordered_json o;
        o["file"] = f.file;
        o["line"] = f.line;
        o["column"] = f.column;
        o["object"] = f.object;
        o["field"] = f.field;
        o["problem"] = f.problem;
        o["fix"] = f.fix;
        o["recovered"] = f.recovered;
        fieldList.push_back(o);
    }
    j["fields"] = fieldList;
    j["notes"] = notes;
    // Invalid UTF-8 cannot reach here (inputs are validated), but never throw on output.
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace mailtopo::io::powershell
