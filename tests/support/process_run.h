#pragma once
// Runs a program as a user or a CI job does and keeps what it said, bounded in time. The CLI
// suites run mailtopo-cli, and poppler's pdfinfo/pdftotext/pdftoppm, through this.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace mailtopo::testing {

struct ProcessRun {
    int exitCode = -1;  // -1: did not start or did not end in time; -2: crashed
    QByteArray out;
    QByteArray err;
};

inline ProcessRun runProcess(const QString& program, const QStringList& args,
                             const QString& workDir, int timeoutMs = 120000) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

}  // namespace mailtopo::testing
