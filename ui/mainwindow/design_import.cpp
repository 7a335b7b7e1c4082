#include "ui/mainwindow/design_import.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <filesystem>

#include "core/dns/zone_file.h"
#include "core/edit/zone_files.h"
#include "core/io/powershell/import_inputs.h"
#include "core/io/powershell/powershell_import.h"
#include "ui/document/design_document.h"
#include "ui/document/element_text.h"

namespace mailtopo::ui {
namespace {

using text::fromStd;

QString tr(const char* text) {
    return QCoreApplication::translate("DesignImport", text);
}

}  // namespace

bool isImportPath(const QString& path) {
    const QFileInfo info(path);
    return info.isDir() ||
           info.suffix().compare(QLatin1String("mailtopo"), Qt::CaseInsensitive) != 0;
}

bool holdsZoneFiles(const QStringList& paths) {
    for (const QString& path : paths) {
        const QFileInfo info(path);
        QStringList names{info.fileName()};
        if (info.isDir())
            names = QDir(path).entryList(QDir::Files);
        for (const QString& name : names)
            if (dns::isZoneFileName(QFile::encodeName(name).toStdString()))
                return true;
    }
    return false;
}

ImportOutcome importIntoDocument(DesignDocument& document, const QStringList& paths,
                                 model::DnsView zoneView, ImportAs as) {
    ImportOutcome outcome;
    std::vector<std::filesystem::path> files;
    for (const QString& path : paths)
        files.emplace_back(QFile::encodeName(path).toStdString());
    io::powershell::GatheredInputs gathered;
    if (as == ImportAs::ZoneFiles)
        gathered.zoneFiles = files;  // an unreadable one is reported by the zone reader
    else
        gathered = io::powershell::gatherInputs(files);
    for (const auto& error : gathered.errors)
        outcome.errors << fromStd(error);
    if (!outcome.errors.isEmpty()) {
        outcome.summary = tr("Nothing was imported: a file or folder could not be read.");
        return outcome;
    }
    if (gathered.inputs.empty() && gathered.zoneFiles.empty()) {
        outcome.summary = tr("Nothing was imported: no export files were found.");
        outcome.errors << tr("The chosen folders hold no .json export files or zone files.");
        return outcome;
    }
    const model::Design* base = document.hasDesign() ? &document.design() : nullptr;
    io::powershell::ImportResult result;
    if (!gathered.inputs.empty()) {
        result = io::powershell::importExports(std::move(gathered.inputs), base);
        outcome.log = fromStd(result.log.toText());
    } else {
        result.design = base != nullptr ? *base : model::Design{};
    }
    if (!result.ok()) {
        for (const auto& file : result.log.files) {
            if (file.status != io::powershell::FileStatus::Error)
                continue;
            outcome.errors << (file.line > 0 ? QStringLiteral("%1:%2:%3: %4")
                                                   .arg(fromStd(file.file))
                                                   .arg(file.line)
                                                   .arg(file.column)
                                                   .arg(fromStd(file.reason))
                                             : QStringLiteral("%1: %2").arg(fromStd(file.file),
                                                                            fromStd(file.reason)));
        }
        if (outcome.errors.isEmpty())
            outcome.errors << tr("The import was refused; see the log.");
        outcome.summary = tr("Nothing was imported: the design is unchanged.");
        return outcome;
    }
    const auto zones = edit::importZoneFiles(*result.design, gathered.zoneFiles, zoneView);
    if (!zones.ok) {
        for (const auto& error : zones.errors)
            outcome.errors << fromStd(error);
        outcome.summary = tr("Nothing was imported: the design is unchanged.");
        return outcome;
    }
    const auto& log = result.log;
    outcome.ok = true;
    QStringList parts;
    if (!log.files.empty())
        parts << tr("Imported %1 file(s): %2 created, %3 updated, %4 unchanged, %5 left alone")
                     .arg(log.files.size())
                     .arg(log.count(io::powershell::ObjectAction::Created))
                     .arg(log.count(io::powershell::ObjectAction::Updated))
                     .arg(log.count(io::powershell::ObjectAction::Unchanged))
                     .arg(log.leftAlone.size());
    if (!gathered.zoneFiles.empty()) {
        parts << tr("%1 DNS zone(s) added, %2 replaced").arg(zones.created).arg(zones.replaced);
        QString zoneLog = tr("DNS zone files") + QLatin1Char('\n');
        for (const auto& line : zones.lines)
            zoneLog += QStringLiteral("  ") + fromStd(line) + QLatin1Char('\n');
        outcome.log += (outcome.log.isEmpty() ? QString() : QStringLiteral("\n")) + zoneLog;
    }
    outcome.summary = parts.join(QStringLiteral("; "));
    const QString step = paths.size() == 1
                             ? tr("Import %1").arg(QFileInfo(paths.first()).fileName())
                             : tr("Import %1 files").arg(paths.size());
    document.applyChange(step, std::move(*result.design));
    return outcome;
}

}  // namespace mailtopo::ui
