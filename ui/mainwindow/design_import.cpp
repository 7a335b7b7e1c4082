#include "ui/mainwindow/design_import.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <filesystem>

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

ImportOutcome importIntoDocument(DesignDocument& document, const QStringList& paths) {
    ImportOutcome outcome;
    std::vector<std::filesystem::path> files;
    for (const QString& path : paths)
        files.emplace_back(QFile::encodeName(path).toStdString());
    auto gathered = io::powershell::gatherInputs(files);
    for (const auto& error : gathered.errors)
        outcome.errors << fromStd(error);
    if (!outcome.errors.isEmpty()) {
        outcome.summary = tr("Nothing was imported: a file or folder could not be read.");
        return outcome;
    }
    if (gathered.inputs.empty()) {
        outcome.summary = tr("Nothing was imported: no export files were found.");
        outcome.errors << tr("The chosen folders hold no .json export files.");
        return outcome;
    }
    const model::Design* base = document.hasDesign() ? &document.design() : nullptr;
    auto result = io::powershell::importExports(std::move(gathered.inputs), base);
    outcome.log = fromStd(result.log.toText());
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
    const auto& log = result.log;
    outcome.ok = true;
    outcome.summary = tr("Imported %1 file(s): %2 created, %3 updated, %4 unchanged, %5 left alone")
                          .arg(log.files.size())
                          .arg(log.count(io::powershell::ObjectAction::Created))
                          .arg(log.count(io::powershell::ObjectAction::Updated))
                          .arg(log.count(io::powershell::ObjectAction::Unchanged))
                          .arg(log.leftAlone.size());
    const QString step = paths.size() == 1
                             ? tr("Import %1").arg(QFileInfo(paths.first()).fileName())
                             : tr("Import %1 exports").arg(paths.size());
    document.applyChange(step, std::move(*result.design));
    return outcome;
}

}  // namespace mailtopo::ui
