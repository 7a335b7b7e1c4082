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

// A whole-design snapshot pair. Imports and bulk edits touch many elements at once; a
// copy of the model is simpler than inverting each change and costs little next to the
// simulation every change triggers anyway.
class ReplaceDesignCommand : public QUndoCommand {
public:
    ReplaceDesignCommand(DesignDocument* document, model::Design before, model::Design after,
                         const QString& description, QString mergeKey)
        : QUndoCommand(description),
          document_(document),
          before_(std::move(before)),
          after_(std::move(after)),
          mergeKey_(std::move(mergeKey)) {}
    void undo() override { document_->replaceDesign(before_); }
    void redo() override { document_->replaceDesign(after_); }
    // Only commands that carry a merge key take part in merging (QUndoStack asks id()).
    int id() const override { return mergeKey_.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const ReplaceDesignCommand*>(other);
        if (next->mergeKey_ != mergeKey_)
            return false;
        after_ = next->after_;
        return true;
    }

private:
    DesignDocument* document_;
    model::Design before_;
    model::Design after_;
    QString mergeKey_;
};

DesignDocument::DesignDocument(QObject* parent)
    : QObject(parent), undoStack_(new QUndoStack(this)) {
    connect(undoStack_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { setModified(!clean); });
}

DesignDocument::~DesignDocument() {
    // The stack's commands point back here; drop them before the document goes.
    undoStack_->disconnect(this);
    undoStack_->clear();
}

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
    undoStack_->clear();
    setModified(false);
    if (pathChanged)
        emit filePathChanged(filePath_);
    emit designReset();
}

void DesignDocument::applyChange(const QString& description, model::Design after,
                                 const QString& mergeKey) {
    undoStack_->push(
        new ReplaceDesignCommand(this, design_, std::move(after), description, mergeKey));
}

void DesignDocument::replaceDesign(const model::Design& design) {
    design_ = design;
    hasDesign_ = true;
    emit designReset();
}

bool DesignDocument::save(const QString& path, QString* error) {
    const io::SaveResult saved = io::saveDesignFile(design_, toFsPath(path));
    if (!saved.ok) {
        *error = QString::fromStdString(saved.error);
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool pathChanged = absolute != filePath_;
    filePath_ = absolute;
    undoStack_->setClean();
    setModified(false);
    if (pathChanged)
        emit filePathChanged(filePath_);
    return true;
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
