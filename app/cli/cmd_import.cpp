// mailtopo-cli import FILES|DIR... -o OUT.mailtopo [--merge IN.mailtopo] [--log LOG.json]
//                    [--zone-view external|internal]

#include <algorithm>
#include <filesystem>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/edit/import_files.h"
#include "core/io/design_file.h"
#include "core/io/powershell/import_inputs.h"
#include "core/io/powershell/powershell_import.h"
#include "core/util/enum_text.h"
#include "core/util/text_join.h"

namespace mailtopo::cli {

int runImport(const QStringList& args) {
    CommandLine line(
        QStringLiteral("import"),
        QStringLiteral("Import PowerShell JSON exports of Exchange (Get-ExchangeServer, "
                       "Get-ReceiveConnector, Get-SendConnector, Get-TransportConfig, "
                       "Get-AcceptedDomain, Get-ADPermission) and Windows networking "
                       "(Get-NetIPAddress, Get-NetIPInterface, Get-NetAdapter, Get-NetRoute, "
                       "Get-DnsClientServerAddress) and DNS zone files (*.zone, *.dns, *.db, "
                       "db.*) into a design. Each file's cmdlet is recognised from its "
                       "content; a folder stands for its *.json and *.txt files and its zone "
                       "files. A zone replaces the design's zone of the same origin and view. "
                       "The import log is printed; if any file is unreadable nothing is "
                       "written."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILES"),
                            QStringLiteral("Export files or folders of them."),
                            QStringLiteral("FILES|DIR..."));
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The design to write (required)."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption merge(
        QStringLiteral("merge"),
        QStringLiteral("Merge into this existing design instead of starting a new "
                       "one: imported objects are updated, everything else is "
                       "kept."),
        QStringLiteral("IN"));
    const QCommandLineOption logFile(
        QStringLiteral("log"), QStringLiteral("Also write the import log as JSON to this file."),
        QStringLiteral("LOG"));
    const QCommandLineOption zoneView(
        QStringLiteral("zone-view"),
        QStringLiteral("Which DNS view the zone files describe: external (what the internet "
                       "sees, the default) or internal (split DNS)."),
        QStringLiteral("VIEW"), QStringLiteral("external"));
    p.addOption(output);
    p.addOption(merge);
    p.addOption(logFile);
    p.addOption(zoneView);
    if (auto exit = line.parse(args, 1, -1))
        return *exit;
    if (!p.isSet(output) || p.value(output).isEmpty()) {
        writeErr(
            "mailtopo-cli import: -o OUT.mailtopo is required\nTry 'mailtopo-cli import "
            "--help'.\n");
        return kExitInput;
    }
    const auto view = parseEnum<model::DnsView>(p.value(zoneView).toStdString());
    if (!view) {
        writeErr("mailtopo-cli import: --zone-view must be external or internal, not '" +
                 p.value(zoneView).toStdString() + "'\n");
        return kExitInput;
    }

    std::optional<model::Design> base;
    if (p.isSet(merge)) {
        const std::string mergePath = p.value(merge).toStdString();
        io::ParsedDesign parsed = io::loadDesignFile(std::filesystem::u8path(mergePath));
        if (!parsed.ok()) {
            for (const auto& d : parsed.diagnostics) {
                io::Diagnostic shown = d;
                if (shown.file.empty())
                    shown.file = mergePath;
                writeErr(shown.toString() + "\n");
            }
            return kExitInput;
        }
        base = std::move(parsed.design);
    }

    std::vector<std::filesystem::path> paths;
    for (const QString& arg : p.positionalArguments())
        paths.push_back(std::filesystem::u8path(arg.toStdString()));
    io::powershell::GatheredInputs gathered = io::powershell::gatherInputs(paths);
    if (!gathered.errors.empty()) {
        for (const auto& e : gathered.errors)
            writeErr(e + "\n");
        return kExitInput;
    }
    if (gathered.inputs.empty() && gathered.zoneFiles.empty()) {
        std::string named;
        for (const auto& path : paths)
            named += cat(named.empty() ? "" : ", ", path.generic_string());
        writeErr("mailtopo-cli import: no export files (*.json, *.txt) or zone files found in " +
                 named + "\n");
        return kExitInput;
    }

    const std::vector<std::string> skipped = gathered.skipped;
    const edit::FilesImport imported =
        edit::importFiles(std::move(gathered), base ? &*base : nullptr, *view);
    const io::powershell::ImportResult& result = imported.exports;
    std::string text = imported.hadExports ? result.log.toText() : std::string();
    if (const std::string zoneLog = imported.zones.logText(); !zoneLog.empty()) {
        if (!text.empty())
            text += '\n';
        text += zoneLog;
    }
    for (const auto& error : imported.zones.errors)
        writeErr(error + "\n");
    if (!skipped.empty()) {
        text += "\nNot read (folder entries)\n";
        for (const auto& entry : skipped)
            text += "  " + entry + "\n";
    }
    writeOut(text);

    int exitCode = kExitClean;
    if (p.isSet(logFile)) {
        const auto saved = io::writeFileAtomically(
            std::filesystem::u8path(p.value(logFile).toStdString()), result.log.toJson());
        if (!saved.ok) {
            writeErr(saved.error + "\n");
            exitCode = kExitInput;
        }
    }
    if (!imported.ok()) {
        writeErr(
            "mailtopo-cli import: nothing written, because an export or zone file is "
            "unreadable (see above)\n");
        return kExitInput;
    }
    const bool anything =
        imported.zones.created + imported.zones.replaced > 0 ||
        std::any_of(result.log.files.begin(), result.log.files.end(), [](const auto& f) {
            return f.status == io::powershell::FileStatus::Imported && f.recordsUsed > 0;
        });
    if (!anything) {
        writeErr(
            "mailtopo-cli import: nothing written, because no file holds an export the importer "
            "reads\n");
        return kExitInput;
    }
    const auto saved =
        io::saveDesignFile(*result.design, std::filesystem::u8path(p.value(output).toStdString()));
    if (!saved.ok) {
        writeErr(saved.error + "\n");
        return kExitInput;
    }
    return exitCode;
}

}  // namespace mailtopo::cli
