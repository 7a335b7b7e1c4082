#include "ui/document/autosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>
#include <optional>

#include "core/io/design_file.h"
#include "ui/document/design_document.h"

namespace mailtopo::ui {
namespace {

const QString kEntryPrefix = QStringLiteral("autosave-");
const QString kDesignSuffix = QStringLiteral(".mailtopo");
const QString kInfoSuffix = QStringLiteral(".recovery.json");
const QString kLockSuffix = QStringLiteral(".lock");

// One of an entry's files, from the path of its design.
QString entryFile(const QString& designPath, const QString& suffix) {
    return designPath.chopped(kDesignSuffix.size()) + suffix;
}

// The entry's lock, taken unless a running process holds it. Stale time 0: a lock is never
// stale for its age, only for its owner being gone. QLockFile tells that by the owner's process
// ID and program name, which miss an owner whose ID went to another MailTopo; the lock file
// can still be removed then, as removeStaleLockFile() fails only while a process keeps the
// system's lock on the file, which goes with its holder (a dead one, or a zombie, holds none).
std::shared_ptr<QLockFile> takeLock(const QString& path) {
    auto lock = std::make_shared<QLockFile>(path);
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return lock;
    if (lock->error() != QLockFile::LockFailedError)
        return nullptr;
    // As QLockFile does for its own stale locks: two processes must not remove it at once,
    // or one could delete the lock the other has just made.
    QLockFile removing(path + QStringLiteral(".rmlock"));
    if (!removing.tryLock(0) || !lock->removeStaleLockFile())
        return nullptr;
    return lock->tryLock(0) ? lock : nullptr;
}

QString atPosition(int line, int column, const QString& message) {
    return Autosaver::tr("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

QString atOffset(const QByteArray& text, qsizetype offset, const QString& message) {
    const QByteArray before = text.left(offset);
    return atPosition(static_cast<int>(before.count('\n')) + 1,
                      static_cast<int>(offset - before.lastIndexOf('\n')), message);
}

QString describe(const io::Diagnostic& diagnostic) {
    QString message = QString::fromStdString(diagnostic.message);
    if (!diagnostic.pointer.empty())
        message.prepend(QString::fromStdString(diagnostic.pointer) + QStringLiteral(": "));
    return diagnostic.line > 0 ? atPosition(diagnostic.line, diagnostic.column, message) : message;
}

// The record of an entry, or why it cannot be read.
std::optional<QJsonObject> readRecord(const QString& path, QString* problem) {
    QFile file(path);
    if (!file.exists()) {
        *problem = Autosaver::tr("its record is missing");
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = Autosaver::tr("its record cannot be opened (%1)").arg(file.errorString());
        return std::nullopt;
    }
    const QByteArray text = file.readAll();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem = Autosaver::tr("its record is not valid JSON (%1)")
                       .arg(atOffset(text, error.offset, error.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        *problem = Autosaver::tr("its record is not a JSON object");
        return std::nullopt;
    }
    return document.object();
}

// Reads a locked entry whole, so that what can be restored is known before it is offered.
Recovery readEntry(const QString& base, std::shared_ptr<QLockFile> lock) {
    Recovery entry;
    entry.designPath = base + kDesignSuffix;
    entry.lock = std::move(lock);
    const QString infoPath = base + kInfoSuffix;
    const std::optional<QJsonObject> info = readRecord(infoPath, &entry.problem);
    if (info) {
        entry.originalPath = info->value(QStringLiteral("original")).toString();
        entry.designName = info->value(QStringLiteral("name")).toString();
        entry.savedAt = QDateTime::fromString(info->value(QStringLiteral("savedAt")).toString(),
                                              Qt::ISODateWithMs);
    }
    if (!entry.savedAt.isValid()) {
        const QFileInfo written(QFileInfo::exists(infoPath) ? infoPath : entry.designPath);
        entry.savedAt = written.lastModified().toUTC();
    }
    if (!entry.problem.isEmpty())
        return entry;
    if (!QFileInfo::exists(entry.designPath)) {
        entry.problem = Autosaver::tr("its design is missing");
        return entry;
    }
    io::ParsedDesign parsed = io::loadDesignFile(QFile::encodeName(entry.designPath).toStdString());
    if (parsed.ok()) {
        entry.design = std::make_shared<const model::Design>(std::move(*parsed.design));
    } else {
        entry.problem = Autosaver::tr("its design is damaged (%1)")
                            .arg(parsed.diagnostics.empty() ? Autosaver::tr("unknown reason")
                                                            : describe(parsed.diagnostics.front()));
    }
    return entry;
}

}  // namespace

Autosaver::Autosaver(DesignDocument* document, QString folder, int intervalMs, QObject* parent)
    : QObject(parent),
      document_(document),
      folder_(std::move(folder)),
      designPath_(QDir(folder_).filePath(
          kEntryPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces) + kDesignSuffix)),
      infoPath_(entryFile(designPath_, kInfoSuffix)),
      lock_(entryFile(designPath_, kLockSuffix)) {
    lock_.setStaleLockTime(0);
    timer_.setInterval(intervalMs);
    connect(&timer_, &QTimer::timeout, this, &Autosaver::saveNow);
    timer_.start();
    // Saved or undone back to the file: nothing left to recover.
    connect(document_, &DesignDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard();
    });
}

Autosaver::~Autosaver() {
    discard();
}

void Autosaver::saveNow() {
    if (!document_->hasDesign() || !document_->isModified()) {
        discard();
        return;
    }
    QDir().mkpath(folder_);
    // Locked before the first file appears, or a MailTopo starting now would take the entry
    // for a leftover. Not locked (another process is looking at the entry): the next tick.
    if (!lock_.isLocked() && !lock_.tryLock(0))
        return;
    if (!io::saveDesignFile(document_->design(), QFile::encodeName(designPath_).toStdString()).ok)
        return;  // a full disk must not disturb the user's work; the next tick tries again
    QJsonObject info{
        {QStringLiteral("original"), document_->filePath()},
        {QStringLiteral("name"), document_->designName()},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    // Atomic like the design: a crash while writing must not leave a record that names no
    // file (the next start would offer an untitled design instead of the user's).
    QSaveFile file(infoPath_);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(info).toJson());
        file.commit();
    }
}

void Autosaver::discard() {
    if (!lock_.isLocked())
        return;  // nothing written, or already gone
    QFile::remove(infoPath_);
    QFile::remove(designPath_);
    lock_.unlock();  // last: until the files are gone, the entry is still this window's
}

QString Autosaver::defaultFolder() {
    const QString overridden = qEnvironmentVariable("MAILTOPO_RECOVERY_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

std::vector<Recovery> Autosaver::pending(const QString& folder) {
    const QDir dir(folder);
    // Any of its files names an entry: a crash can leave a record without its design, or
    // only the lock.
    QSet<QString> bases;
    for (const QString& name : dir.entryList({kEntryPrefix + QStringLiteral("*")}, QDir::Files)) {
        for (const QString& suffix : {kDesignSuffix, kInfoSuffix, kLockSuffix}) {
            if (name.endsWith(suffix)) {
                bases.insert(dir.filePath(name.chopped(suffix.size())));
                break;
            }
        }
    }
    std::vector<Recovery> found;
    for (const QString& base : bases) {
        std::shared_ptr<QLockFile> lock = takeLock(base + kLockSuffix);
        if (!lock)
            continue;  // its MailTopo still runs, or another one is offering it
        if (!QFileInfo::exists(base + kDesignSuffix) && !QFileInfo::exists(base + kInfoSuffix))
            continue;  // a lone lock: released (and so removed) here
        found.push_back(readEntry(base, std::move(lock)));
    }
    std::sort(found.begin(), found.end(),
              [](const Recovery& a, const Recovery& b) { return a.savedAt > b.savedAt; });
    return found;
}

void Autosaver::remove(const Recovery& recovery) {
    QFile::remove(recovery.designPath);
    QFile::remove(entryFile(recovery.designPath, kInfoSuffix));
    if (recovery.lock)
        recovery.lock->unlock();
}

}  // namespace mailtopo::ui
