#pragma once
// The open design as the GUI sees it: the semantic model, the file it came from and
// whether it has unsaved changes. Scenes and docks observe it and never keep a copy of the
// model. The QUndoStack lives here, next to the data it changes, not in a scene: edits made
// without a scene (an import, a bulk change) are undoable too, and "modified" is simply
// "the stack is not at its clean index".

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>
#include <functional>

#include "core/edit/change_set.h"
#include "core/model/design.h"

namespace mailtopo::ui {

// Outcome of DesignDocument::load(). On failure the document is left exactly as it was.
struct LoadOutcome {
    bool ok = false;
    QStringList diagnostics;  // "file:line:column: pointer: message", one per problem
};

class DesignDocument : public QObject {
    Q_OBJECT

public:
    explicit DesignDocument(QObject* parent = nullptr);
    ~DesignDocument() override;

    // Reads `path` through io::loadDesignFile. Only a design that parsed without a single
    // diagnostic replaces the current one, so a bad file never costs the user the design
    // they already had open.
    LoadOutcome load(const QString& path);

    // Replaces the design wholesale (a successful load, a new design, a test fixture). The
    // undo history starts afresh and the document is unmodified.
    void reset(model::Design design, const QString& filePath);

    // One undoable step that makes the design `after` (an edit, an import, a paste); the
    // file stays. The step keeps only what differs (edit::DesignPatch), and observers hear
    // what changed (designChanged), never a reset. A change that changes nothing is no
    // step. Consecutive changes with the same non-empty `mergeKey` (typing in one field)
    // merge into one step.
    void applyChange(const QString& description, model::Design after,
                     const QString& mergeKey = QString());
    QUndoStack* undoStack() const { return undoStack_; }

    // Writes the design to `path` atomically. On success the document takes that path and
    // is unmodified; on failure nothing changes and `error` names the file and the cause.
    bool save(const QString& path, QString* error);

    bool hasDesign() const { return hasDesign_; }
    const model::Design& design() const { return design_; }
    QString filePath() const { return filePath_; }
    QString fileName() const;    // "contoso.mailtopo"; empty when the design has no file
    QString designName() const;  // the design's own name, else the file's base name

    bool isModified() const { return modified_; }

signals:
    // The whole design was replaced (open, new, a test fixture): observers rebuild
    // everything they show.
    void designReset();
    // Part of the design changed (an edit, undo, redo): observers update what `changes`
    // names. Elements are named at the top level (a host whose NIC changed is "changed"),
    // moved ids are placements changed in any view, kDesignId / kOrganizationId the
    // design's own properties and the Exchange organisation.
    void designChanged(const mailtopo::edit::ChangeSet& changes);
    void filePathChanged(const QString& filePath);
    void modifiedChanged(bool modified);

private:
    friend class PatchCommand;
    void setModified(bool modified);
    // What undo and redo do: change the design and tell the observers.
    void changeDesign(const std::function<void(model::Design&)>& change,
                      const edit::ChangeSet& changes);

    QUndoStack* undoStack_;
    model::Design design_;
    QString filePath_;
    bool hasDesign_ = false;
    bool modified_ = false;
};

}  // namespace mailtopo::ui
