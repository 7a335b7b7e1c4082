#include "ui/document/design_document.h"

#include <QFile>
#include <QFileInfo>
#include <filesystem>

#include "core/io/design_file.h"

namespace mailtopo::ui {
namespace {

std::filesystem::path toFsPath(const QString& path) {
#ifdef _WIN32
    return std::filesystem::path(path.toStdWString());
#else
    // The bytes the file system uses for this name (UTF-8 on every current Linux/macOS).
    return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
}

}  // namespace

DesignDocument::DesignDocument(QObject* parent) : QObject(parent) {}

LoadOutcome DesignDocument::load(const QString& path) {
    LoadOutcome outcome;
    io::ParsedDesign parsed = io::loadDesignFile(toFsPath(path));
    if (!parsed.ok()) {
        for (const io::Diagnostic& diagnostic : parsed.diagnostics) {
            outcome.diagnostics << QString::fromStdString(diagnostic.toString());
        }
        if (outcome.diagnostics.isEmpty()) {
            // Defensive: the reader always explains a failure, but never show a blank error.
            outcome.diagnostics << QStringLiteral("%1: the design could not be read").arg(path);
        }
        return outcome;
    }
    reset(std::move(*parsed.design), QFileInfo(path).absoluteFilePath());
    outcome.ok = true;
    return outcome;
}

void DesignDocument::reset(model::Design design, const QString& filePath) {
    design_ = std::move(design);
    hasDesign_ = true;
    const bool pathChanged = filePath != filePath_;
    filePath_ = filePath;
    setModified(false);
    if (pathChanged)
        emit filePathChanged(filePath_);
    emit designReset();
}

QString DesignDocument::fileName() const {
    return filePath_.isEmpty() ? QString() : QFileInfo(filePath_).fileName();
}

QString DesignDocument::designName() const {
    const QString name = QString::fromStdString(design_.info.name).trimmed();
    if (!name.isEmpty())
        return name;
    return filePath_.isEmpty() ? tr("Untitled design") : QFileInfo(filePath_).completeBaseName();
}

void DesignDocument::setModified(bool modified) {
    if (modified == modified_)
        return;
    modified_ = modified;
    emit modifiedChanged(modified_);
}

}  // namespace mailtopo::ui
