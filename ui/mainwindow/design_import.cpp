#include "ui/mainwindow/design_import.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <filesystem>

#include "core/dns/zone_file.h"
#include "core/edit/import_files.h"
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
    const bool withZones = !gathered.zoneFiles.empty();
    const std::vector<std::string> skipped = gathered.skipped;
    edit::FilesImport imported = edit::importFiles(std::move(gathered), base, zoneView);
    const auto& log = imported.exports.log;
    if (imported.hadExports)
        outcome.log = fromStd(log.toText());
    if (!skipped.empty()) {
        outcome.log += tr("\nNot read (folder entries)\n");
        for (const auto& entry : skipped)
            outcome.log += QStringLiteral("  %1\n").arg(fromStd(entry));
    }
    if (!imported.exports.ok()) {
        for (const auto& file : log.files) {
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
    const auto& zones = imported.zones;
    if (!imported.ok()) {
        for (const auto& error : zones.errors)
            outcome.errors << fromStd(error);
        outcome.summary = tr("Nothing was imported: the design is unchanged.");
        return outcome;
    }
    outcome.ok = true;
    QStringList parts;
    if (!log.files.empty())
        parts << tr("Imported %1 file(s): %2 created, %3 updated, %4 unchanged, %5 left alone")
                     .arg(log.files.size())
                     .arg(log.count(io::powershell::ObjectAction::Created))
                     .arg(log.count(io::powershell::ObjectAction::Updated))
                     .arg(log.count(io::powershell::ObjectAction::Unchanged))
                     .arg(log.leftAlone.size());
    if (withZones) {
        parts << tr("%1 DNS zone(s) added, %2 replaced").arg(zones.created).arg(zones.replaced);
        outcome.log +=
            (outcome.log.isEmpty() ? QString() : QStringLiteral("\n")) + fromStd(zones.logText());
    }
    outcome.summary = parts.join(QStringLiteral("; "));
    const QString step = paths.size() == 1
                             ? tr("Import %1").arg(QFileInfo(paths.first()).fileName())
                             : tr("Import %1 files").arg(paths.size());
    document.applyChange(step, std::move(*imported.exports.design));
    return outcome;
}

}  // namespace mailtopo::ui
