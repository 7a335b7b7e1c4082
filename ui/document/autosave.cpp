#include "ui/document/autosave.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>
#include <csignal>

#include "core/io/design_file.h"
#include "ui/document/design_document.h"

#ifdef Q_OS_UNIX
#include <sys/types.h>
#include <unistd.h>
#endif

namespace mailtopo::ui {
namespace {

const QString kInfoSuffix = QStringLiteral(".recovery.json");

// Whether the process that wrote a recovery file still runs (then it is not a leftover: a
// second MailTopo window is working on it).
bool processRunning(qint64 pid) {
    if (pid == QCoreApplication::applicationPid())
        return true;  // this process's own window
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    return ::kill(static_cast<pid_t>(pid), 0) == 0;  // signal 0: only "does it exist"
#else
    return false;  // elsewhere a leftover is offered even if its writer still runs
#endif
}

}  // namespace

Autosaver::Autosaver(DesignDocument* document, QString folder, int intervalMs, QObject* parent)
    : QObject(parent), document_(document), folder_(std::move(folder)) {
    const QString base = QDir(folder_).filePath(
        QStringLiteral("autosave-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    designPath_ = base + QStringLiteral(".mailtopo");
    infoPath_ = base + kInfoSuffix;
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
    if (!io::saveDesignFile(document_->design(), QFile::encodeName(designPath_).toStdString()).ok)
        return;  // a full disk must not disturb the user's work; the next tick tries again
    QJsonObject info{
        {QStringLiteral("original"), document_->filePath()},
        {QStringLiteral("name"), document_->designName()},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()}};
    // Atomic like the design: a crash while writing must not leave a record that names no
    // file (the next start would offer an untitled design instead of the user's).
    QSaveFile file(infoPath_);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(info).toJson());
        file.commit();
    }
}

void Autosaver::discard() {
    QFile::remove(infoPath_);
    QFile::remove(designPath_);
}

QString Autosaver::defaultFolder() {
    const QString overridden = qEnvironmentVariable("MAILTOPO_RECOVERY_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

std::vector<Recovery> Autosaver::pending(const QString& folder) {
    std::vector<Recovery> found;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*") + kInfoSuffix}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject info = QJsonDocument::fromJson(file.readAll()).object();
        const QString design =
            dir.filePath(name.left(name.size() - kInfoSuffix.size()) + QStringLiteral(".mailtopo"));
        if (!QFileInfo::exists(design) ||
            processRunning(info.value(QStringLiteral("pid")).toInteger()))
            continue;
        found.push_back({design, info.value(QStringLiteral("original")).toString(),
                         info.value(QStringLiteral("name")).toString(),
                         QDateTime::fromString(info.value(QStringLiteral("savedAt")).toString(),
                                               Qt::ISODateWithMs)});
    }
    std::sort(found.begin(), found.end(),
              [](const Recovery& a, const Recovery& b) { return a.savedAt > b.savedAt; });
    return found;
}

void Autosaver::remove(const Recovery& recovery) {
    QFile::remove(recovery.designPath);
    QString info = recovery.designPath;
    info.chop(QStringLiteral(".mailtopo").size());
    QFile::remove(info + kInfoSuffix);
}

}  // namespace mailtopo::ui
