#pragma once
// Autosave and crash recovery. While the document has unsaved changes, its design is written
// every 30 s (atomically) to a recovery file in the recovery folder, with a small record of
// which file it belongs to. Saving, discarding or a clean exit removes the recovery file, so
// one that is still there at the next start means MailTopo did not end cleanly (a crash, a
// killed process, a power cut): the GUI then offers it back.
//
// Each entry has a lock file, held by the window that writes the entry for as long as the
// entry exists. Whether an entry is left over is whether its lock can be taken: a process ID
// in a record says nothing once that process is a zombie or the ID went to another program.

#include <QDateTime>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "core/model/design.h"

namespace mailtopo::ui {

class DesignDocument;

// An entry left behind by a MailTopo that did not end cleanly: one that can be restored
// (`design` set), or a corrupt one (`problem` set) that can only be discarded.
struct Recovery {
    QString designPath;    // the autosaved design (in the recovery folder)
    QString originalPath;  // the file it was opened from; empty for an unsaved design
    QString designName;    // empty when the record cannot be read
    QDateTime savedAt;     // from the record, else when the entry's files were last written
    std::shared_ptr<const model::Design> design;
    // Why the entry cannot be restored ("its record is not valid JSON (line 1, column 2:
    // …)", the design's first parse error …); empty when `design` is set.
    QString problem;
    // The entry's lock, held from pending() until the entry is restored or discarded (or the
    // last copy of this Recovery goes): a MailTopo started at the same time skips the entry.
    std::shared_ptr<QLockFile> lock;
};

class Autosaver : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 30000;

    // `folder` is created when needed. One Autosaver per window; each writes its own file.
    Autosaver(DesignDocument* document, QString folder, int intervalMs = kDefaultIntervalMs,
              QObject* parent = nullptr);
    ~Autosaver() override;  // a clean end: the recovery file goes

    // Writes now if there are unsaved changes; removes the recovery file if there are none.
    void saveNow();
    // The recovery file goes (the user saved, or chose to discard the changes).
    void discard();
    QString recoveryPath() const { return designPath_; }

    // The default folder: <app data>/recovery. MAILTOPO_RECOVERY_DIR overrides it (tests).
    static QString defaultFolder();
    // The entries in `folder` that no running MailTopo holds, newest first, each locked by
    // this process until it is removed or dropped. Lone lock files (a crash just before an
    // entry's first file was written or just after its last was removed) go on the way.
    static std::vector<Recovery> pending(const QString& folder);
    // Deletes an entry and releases its lock (after it was restored or refused).
    static void remove(const Recovery& recovery);

private:
    DesignDocument* document_;
    QString folder_;
    QString designPath_;
    QString infoPath_;
    QLockFile lock_;  // held while the entry's files exist
    QTimer timer_;
};

}  // namespace mailtopo::ui
