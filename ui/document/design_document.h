#pragma once
// The open design as the GUI sees it: the semantic model, the file it came from and
// whether it has unsaved changes. Scenes and docks observe it and never keep a copy of the
// model. The editor will add the QUndoStack here, next to the data it changes, so edits
// made without a scene (imports, bulk changes) are undoable as well.

#include <QObject>
#include <QString>
#include <QStringList>

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

    // Reads `path` through io::loadDesignFile. Only a design that parsed without a single
    // diagnostic replaces the current one, so a bad file never costs the user the design
    // they already had open.
    LoadOutcome load(const QString& path);

    // Replaces the design wholesale (a successful load, a new design, a test fixture).
    void reset(model::Design design, const QString& filePath);

    bool hasDesign() const { return hasDesign_; }
    const model::Design& design() const { return design_; }
    QString filePath() const { return filePath_; }
    QString fileName() const;    // "contoso.mailtopo"; empty when the design has no file
    QString designName() const;  // the design's own name, else the file's base name

    bool isModified() const { return modified_; }
    void setModified(bool modified);

signals:
    // The whole design was replaced: observers rebuild everything they show.
    void designReset();
    void filePathChanged(const QString& filePath);
    void modifiedChanged(bool modified);

private:
    model::Design design_;
    QString filePath_;
    bool hasDesign_ = false;
    bool modified_ = false;
};

}  // namespace mailtopo::ui
