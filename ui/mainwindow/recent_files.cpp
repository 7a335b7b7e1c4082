#include "ui/mainwindow/recent_files.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace mailtopo::ui {
namespace {

QString normalised(const QString& path) {
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

}  // namespace

RecentFiles::RecentFiles(QString settingsKey) : key_(std::move(settingsKey)) {}

QStringList RecentFiles::files() const {
    QStringList stored = QSettings().value(key_).toStringList();
    stored.removeAll(QString());
    stored.removeDuplicates();
    // Settings edited by hand (or by an older version) may hold more than the cap.
    if (stored.size() > kMaximum)
        stored = stored.mid(0, kMaximum);
    return stored;
}

QString RecentFiles::mostRecent() const {
    const QStringList list = files();
    return list.isEmpty() ? QString() : list.first();
}

void RecentFiles::add(const QString& path) {
    const QString entry = normalised(path);
    QStringList list = files();
    list.removeAll(entry);
    list.prepend(entry);
    store(list.mid(0, kMaximum));
}

void RecentFiles::remove(const QString& path) {
    QStringList list = files();
    if (list.removeAll(path) == 0)
        list.removeAll(normalised(path));
    store(list);
}

void RecentFiles::clear() {
    store({});
}

void RecentFiles::store(const QStringList& files) const {
    QSettings settings;
    settings.setValue(key_, files);
}

}  // namespace mailtopo::ui
