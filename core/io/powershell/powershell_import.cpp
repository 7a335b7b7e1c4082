#include "core/io/powershell/powershell_import.h"

#include <algorithm>

#include "core/io/powershell/cmdlet.h"
#include "core/io/powershell/design_apply.h"
#include "core/io/powershell/export_text.h"
#include "core/io/powershell/json_document.h"
#include "core/io/powershell/record_readers.h"
#include "core/layout/auto_layout.h"

namespace mailtopo::io::powershell {
namespace {

using detail::FileContext;
using detail::ImportSet;
using detail::Record;

// Windows PowerShell 5.1 puts two spaces after a colon; PowerShell 7 one; -Compress none.
std::string layoutOf(std::string_view text) {
    const std::string_view head = text.substr(0, 1 << 16);
    if (head.find("\":  ") != std::string_view::npos ||
        head.find("\\/Date(") != std::string_view::npos)
        return "Windows PowerShell 5.1";
    if (head.find("\": ") != std::string_view::npos)
        return "PowerShell 7";
    return "compressed";
}

std::string quotedPreview(std::string_view text) {
    std::string out(text.substr(0, 40));
    if (text.size() > 40)
        out += "…";
    return "\"" + out + "\"";
}

// Why a file with no record of a known cmdlet is not recognised.
// One exported object and how deep ConvertTo-Json found it (0 = the whole file).
struct ExportedObject {
    JsonValue value;
    int depth = 0;
};

std::string unrecognisedReason(const std::vector<ExportedObject>& records) {
    const JsonValue first = records.front().value;
    if (first.isString()) {
        return "its " + std::to_string(records.size()) + " values are plain strings (" +
               quotedPreview(first.text()) +
               " …), which is what ConvertTo-Json writes for whole objects at -Depth 0; re-export "
               "with -Depth 4";
    }
    if (!first.isObject())
        return "it holds values, not exported objects";
    const JsonValue cim = first.member("CimSystemProperties");
    if (cim.isObject() && cim.member("ClassName").isString()) {
        return "CIM class " + std::string(cim.member("ClassName").text()) +
               " is not one the importer reads (MSFT_NetIPAddress, MSFT_NetIPInterface, "
               "MSFT_NetAdapter, MSFT_NetRoute, MSFT_DNSClientServerAddress)";
    }
    std::string members;
    for (size_t i = 0; i < first.size() && i < 8; ++i)
        members += (i ? ", " : "") + std::string(first.keyAt(i));
    if (first.size() > 8)
        members += ", …";
    return "none of its " + std::to_string(records.size()) +
           (records.size() == 1 ? " object" : " objects") +
           " has the members of an export the importer reads (Get-ExchangeServer, "
           "Get-ReceiveConnector, Get-SendConnector, Get-TransportConfig, Get-AcceptedDomain, "
           "Get-ADPermission, Get-NetIPAddress, Get-NetIPInterface, Get-NetAdapter, Get-NetRoute, "
           "Get-DnsClientServerAddress); the first has: " +
           members;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? separator : "") + parts[i];
    return out;
}

void readOneFile(ImportInput& input, ImportSet& set, ImportLog& log) {
    FileReport report;
    report.file = input.name;
    std::string text;
    {
        DecodedText d = decodeExportBytes(input.bytes);
        std::string().swap(input.bytes);  // the bytes are no longer needed: keep the peak low
        report.encoding = std::string(encodingName(d.encoding));
        if (d.problem) {
            report.status = FileStatus::Error;
            report.line = d.problem->line;
            report.column = d.problem->column;
            report.reason = d.problem->message;
            log.files.push_back(std::move(report));
            return;
        }
        text = std::move(d.text);
    }
    for (const StrayLine& stray : blankStreamLines(text)) {
        std::string message = "skipped a line PowerShell's output streams wrote into the file: \"" +
                              stray.text + "\"";
        if (stray.text.find("truncated") != std::string::npos)
            message +=
                "; the export was cut at its depth limit, so re-export with -Depth 4 "
                "(and redirect only the output stream, > rather than *>)";
        report.notes.push_back({stray.line, std::move(message)});
    }
    report.layout = layoutOf(text);
    const JsonDocument doc = JsonDocument::parse(std::move(text));
    if (const auto& error = doc.error()) {
        const LineColumn at = lineColumnOf(doc.text(), error->offset);
        report.status = FileStatus::Error;
        report.line = at.line;
        report.column = at.column;
        report.reason = error->message;
        log.files.push_back(std::move(report));
        return;
    }
    const JsonValue root = doc.root();
    std::vector<ExportedObject> records;
    if (!root.valid() || root.isNull()) {
        report.status = FileStatus::Empty;
        report.shape = "empty";
        log.files.push_back(std::move(report));
        return;
    }
    JsonValue list = root;
    int itemDepth = 1;
    if (root.isObject() && root.member("value").isArray() && root.member("Count").valid() &&
        root.size() == 2) {
        list = root.member("value");  // Windows PowerShell's {"value": [...], "Count": n} wrapper
        itemDepth = 2;
    }
    if (list.isArray()) {
        for (size_t i = 0; i < list.size(); ++i) {
            const JsonValue item = list.at(i);
            if (item.isArray()) {  // several exports concatenated into one array
                for (size_t k = 0; k < item.size(); ++k)
                    records.push_back({item.at(k), itemDepth + 1});
            } else {
                records.push_back({item, itemDepth});
            }
        }
        report.shape = "array of " + std::to_string(records.size());
    } else {
        records.push_back({root, 0});
        report.shape = root.isObject() ? "single object" : "single value";
    }
    report.records = static_cast<int>(records.size());
    if (records.empty()) {
        report.status = FileStatus::Empty;
        log.files.push_back(std::move(report));
        return;
    }

    FileContext context(input.name, doc, report, log.fields, set);
    std::vector<std::string> cmdlets;
    std::vector<std::string> variants;
    int unknown = 0;
    for (const ExportedObject& object : records) {
        const JsonValue value = object.value;
        const Cmdlet cmdlet = recogniseRecord(value);
        if (cmdlet == Cmdlet::Unknown) {
            ++unknown;
            continue;
        }
        const std::string name(cmdletName(cmdlet));
        if (std::find(cmdlets.begin(), cmdlets.end(), name) == cmdlets.end())
            cmdlets.push_back(name);
        const std::string variant =
            isExchangeCmdlet(cmdlet) ? detail::exchangeForm(value) : detail::cimForm(value);
        if (std::find(variants.begin(), variants.end(), variant) == variants.end())
            variants.push_back(variant);
        Record record(context, value, cmdlet, object.depth);
        if (detail::readRecord(record))
            ++report.recordsUsed;
    }
    if (cmdlets.empty()) {
        report.status = FileStatus::NotRecognised;
        report.reason = unrecognisedReason(records);
        log.files.push_back(std::move(report));
        return;
    }
    report.status = FileStatus::Imported;
    report.cmdlet = joined(cmdlets, ", ");
    report.variant = joined(variants, "; ");
    if (unknown > 0) {
        report.notes.push_back({0, "skipped " + std::to_string(unknown) + " of the " +
                                       std::to_string(records.size()) +
                                       " objects: not from a cmdlet the importer reads"});
    }
    for (const auto& [many, entry] : context.tallies) {
        const auto& [one, count] = entry;
        report.notes.push_back(
            {0, "skipped " + std::to_string(count) + " " + (count == 1 ? one : many)});
    }
    log.files.push_back(std::move(report));
}

}  // namespace

ImportResult importExports(std::vector<ImportInput> inputs, const model::Design* base,
                           const ImportOptions& options) {
    ImportResult result;
    result.log.merged = base != nullptr;
    std::stable_sort(inputs.begin(), inputs.end(),
                     [](const ImportInput& a, const ImportInput& b) { return a.name < b.name; });

    ImportSet set;
    for (ImportInput& input : inputs)
        readOneFile(input, set, result.log);

    const bool broken =
        std::any_of(result.log.files.begin(), result.log.files.end(),
                    [](const FileReport& f) { return f.status == FileStatus::Error; });
    if (broken) {
        result.log.ok = false;
        result.log.fields.clear();  // about files that were not imported after all
        return result;
    }

    model::Design design = base ? *base : model::Design{};
    const detail::ApplyResult applied =
        detail::applyImport(set, design, result.log, base != nullptr, inputs.size());
    if (options.autoLayout && !applied.created.empty()) {
        const layout::PlacementResult placed = layout::placeNewElements(design, applied.created);
        if (placed.placed > 0) {
            result.log.notes.push_back("placed " + std::to_string(placed.placed) + " new element" +
                                       (placed.placed == 1 ? "" : "s") + " on view '" +
                                       placed.viewId + "'" +
                                       (placed.usedGraphviz ? " (Graphviz dot)" : " (grid)"));
        }
        if (!placed.error.empty())
            result.log.notes.push_back("automatic layout: " + placed.error +
                                       "; a grid was used instead");
    }
    result.log.ok = true;
    result.design = std::move(design);
    return result;
}

}  // namespace mailtopo::io::powershell
