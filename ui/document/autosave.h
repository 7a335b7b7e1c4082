#pragma once
// Autosave and crash recovery. While the document has unsaved changes, its design is written
// every 30 s (atomically) to a recovery file in the recovery folder, with a small record of
// which file it belongs to and which process wrote it. Saving, discarding or a clean exit
// removes the recovery file, so one that is still there at the next start means MailTopo
// did not end cleanly (a crash, a killed process, a power cut): the GUI then offers it back.

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <vector>

namespace mailtopo::ui {

class DesignDocument;

// A recovery file left behind by a MailTopo that did not end cleanly.
struct Recovery {
    QString designPath;    // the autosaved design (in the recovery folder)
    QString originalPath;  // the file it was opened from; empty for an unsaved design
    QString designName;
    QDateTime savedAt;
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
    // The recovery files in `folder` whose writer is no longer running, newest first.
    static std::vector<Recovery> pending(const QString& folder);
    // Deletes a recovery (after it was restored or refused).
    static void remove(const Recovery& recovery);

private:
    DesignDocument* document_;
    QString folder_;
    QString designPath_;
    QString infoPath_;
    QTimer timer_;
};

}  // namespace mailtopo::ui
