#include "ui/document/design_document.h"

#include <QFile>
#include <QFileInfo>
#include <filesystem>
#include <optional>

#include "core/edit/design_patch.h"
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

// One step of history: what the change touched, before and after (edit::DesignPatch). The
// design it makes is moved in on the first redo, which QUndoStack::push runs, so applying
// a change copies nothing.
class PatchCommand : public QUndoCommand {
public:
    PatchCommand(DesignDocument* document, edit::DesignPatch patch, model::Design after,
                 const QString& description, QString mergeKey)
        : QUndoCommand(description),
          document_(document),
          patch_(std::move(patch)),
          firstAfter_(std::move(after)),
          mergeKey_(std::move(mergeKey)) {}
    void undo() override {
        document_->changeDesign([this](model::Design& design) { patch_.undo(design); },
                                patch_.undoChanges());
    }
    void redo() override {
        document_->changeDesign(
            [this](model::Design& design) {
                if (!firstAfter_) {
                    patch_.redo(design);
                    return;
                }
                design = std::move(*firstAfter_);
                firstAfter_.reset();
            },
            patch_.redoChanges());
    }
    // Only commands that carry a merge key take part in merging (QUndoStack asks id()).
    int id() const override { return mergeKey_.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const PatchCommand*>(other);
        if (next->mergeKey_ != mergeKey_ || !patch_.absorb(next->patch_, document_->design()))
            return false;
        // Typed back to what it was: the step is dropped.
        setObsolete(patch_.empty());
        return true;
    }

private:
    DesignDocument* document_;
    edit::DesignPatch patch_;
    std::optional<model::Design> firstAfter_;
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
    edit::DesignPatch patch = edit::DesignPatch::between(design_, after);
    if (patch.empty())
        return;
    undoStack_->push(
        new PatchCommand(this, std::move(patch), std::move(after), description, mergeKey));
}

void DesignDocument::changeDesign(const std::function<void(model::Design&)>& change,
                                  const edit::ChangeSet& changes) {
    change(design_);
    hasDesign_ = true;
    emit designChanged(changes);
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
