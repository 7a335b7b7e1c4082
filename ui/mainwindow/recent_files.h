#pragma once
// The File → Open Recent list, kept in QSettings (the application's organisation and name
// decide where): most recent first, no duplicates, at most kMaximum entries.

#include <QString>
#include <QStringList>

namespace mailtopo::ui {

class RecentFiles {
public:
    static constexpr int kMaximum = 10;

    explicit RecentFiles(QString settingsKey = QStringLiteral("recentFiles"));

    QStringList files() const;
    QString mostRecent() const;  // empty when the list is empty

    // Moves `path` (made absolute) to the front, dropping the oldest beyond kMaximum.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

private:
    void store(const QStringList& files) const;

    QString key_;
};

}  // namespace mailtopo::ui
