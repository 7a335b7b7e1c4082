// mailtopo-cli import FILES|DIR... -o OUT.mailtopo [--merge IN.mailtopo] [--log LOG.json]

#include <algorithm>
#include <filesystem>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/io/design_file.h"
#include "core/io/powershell/import_inputs.h"
#include "core/io/powershell/powershell_import.h"

namespace mailtopo::cli {

int runImport(const QStringList& args) {
    CommandLine line(
        QStringLiteral("import"),
        QStringLiteral("Import PowerShell JSON exports of Exchange (Get-ExchangeServer, "
                       "Get-ReceiveConnector, Get-SendConnector, Get-TransportConfig, "
                       "Get-AcceptedDomain, Get-ADPermission) and Windows networking "
                       "(Get-NetIPAddress, Get-NetIPInterface, Get-NetAdapter, Get-NetRoute, "
                       "Get-DnsClientServerAddress) into a design. Each file's cmdlet is "
                       "recognised from its content; a folder stands for its *.json and *.txt "
                       "files. The import log is printed; if any file is unreadable nothing "
                       "is written."));
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
    p.addOption(output);
    p.addOption(merge);
    p.addOption(logFile);
    if (auto exit = line.parse(args, 1, -1))
        return *exit;
    if (!p.isSet(output) || p.value(output).isEmpty()) {
        writeErr(
            "mailtopo-cli import: -o OUT.mailtopo is required\nTry 'mailtopo-cli import "
            "--help'.\n");
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
    if (gathered.inputs.empty()) {
        writeErr(
            "mailtopo-cli import: no export files (*.json, *.txt) found in the given folders\n");
        return kExitInput;
    }

    const io::powershell::ImportResult result =
        io::powershell::importExports(std::move(gathered.inputs), base ? &*base : nullptr);
    std::string text = result.log.toText();
    if (!gathered.skipped.empty()) {
        text += "\nNot read (folder entries that are not .json or .txt files)\n";
        for (const auto& skipped : gathered.skipped)
            text += "  " + skipped + "\n";
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
    if (!result.ok()) {
        writeErr(
            "mailtopo-cli import: nothing written, because an export file is unreadable (see "
            "above)\n");
        return kExitInput;
    }
    const bool anything =
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
