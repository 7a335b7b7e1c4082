#include "ui/mainwindow/startup_file.h"

#include <QDir>
#include <QFileInfo>

namespace mailtopo::ui {

QStringList exampleDirectories(const QString& executableDir, const QString& sourceDir) {
    QStringList dirs;
    const QString fromEnvironment = qEnvironmentVariable("MAILTOPO_EXAMPLES_DIR");
    if (!fromEnvironment.isEmpty())
        dirs << fromEnvironment;
    if (!executableDir.isEmpty()) {
        dirs << QDir::cleanPath(executableDir + QStringLiteral("/../share/mailtopo/examples"));
    }
    if (!sourceDir.isEmpty())
        dirs << QDir::cleanPath(sourceDir + QStringLiteral("/resources/examples"));
    return dirs;
}

QString findExample(const QString& fileName, const QStringList& dirs) {
    for (const QString& dir : dirs) {
        const QFileInfo candidate(QDir(dir), fileName);
        if (candidate.isFile())
            return candidate.absoluteFilePath();
    }
    return {};
}

QString startupFile(const QString& lastFile, const QStringList& exampleDirs) {
    if (!lastFile.isEmpty() && QFileInfo(lastFile).isFile())
        return lastFile;
    return findExample(QString::fromLatin1(kDefaultExample), exampleDirs);
}

}  // namespace mailtopo::ui
