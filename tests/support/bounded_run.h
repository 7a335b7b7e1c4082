#pragma once
// Runs a program under watch: a wall-time limit it is killed at, and its peak resident memory
// as the kernel measured it (wait4's ru_maxrss). RLIMIT_AS would be no limit at all under
// AddressSanitizer, which reserves terabytes of address space, so memory is measured, not
// capped. Standard output and error go to files (no pipe can fill and stall the child).
// POSIX only, as the suites that use it.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QThread>
#include <csignal>
#include <cstdlib>
#include <utility>
#include <vector>

namespace mailtopo::testing {

struct BoundedRun {
    int exitCode = -1;  // -1 when killed or crashed
    int signal = 0;     // the signal that ended it, 0 when it exited
    bool timedOut = false;
    long peakKb = 0;
    qint64 milliseconds = 0;
    QByteArray out;
    QByteArray err;
};

struct RunLimits {
    qint64 wallMs = 20000;
    QString stdinPath;                                   // empty: /dev/null
    std::vector<std::pair<QByteArray, QByteArray>> env;  // set in the child only
    std::vector<QByteArray> unsetEnv;                    // removed in the child only
    rlim_t fileSizeLimit = RLIM_INFINITY;                // RLIMIT_FSIZE: a "full disk"
};

inline BoundedRun runBounded(const QString& program, const QStringList& args,
                             const QString& workDir, const RunLimits& limits = {}) {
    BoundedRun run;
    // Kept outside workDir, whose contents the suites check for leftovers.
    const QString stem = QDir::tempPath() + QStringLiteral("/mailtopo-run-%1-").arg(::getpid());
    const QByteArray outPath = QFile::encodeName(stem + QStringLiteral("stdout"));
    const QByteArray errPath = QFile::encodeName(stem + QStringLiteral("stderr"));
    std::vector<QByteArray> argv8{QFile::encodeName(program)};
    for (const QString& arg : args)
        argv8.push_back(arg.toUtf8());
    std::vector<char*> argv;
    for (QByteArray& arg : argv8)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    const QByteArray dir = QFile::encodeName(workDir);
    const QByteArray in =
        limits.stdinPath.isEmpty() ? QByteArray("/dev/null") : QFile::encodeName(limits.stdinPath);

    QElapsedTimer clock;
    clock.start();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The child: only async-signal-safe calls and exec from here.
        if (::chdir(dir.constData()) != 0)
            ::_exit(126);
        const int inFd = ::open(in.constData(), O_RDONLY);
        const int outFd = ::open(outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int errFd = ::open(errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (inFd < 0 || outFd < 0 || errFd < 0)
            ::_exit(126);
        ::dup2(inFd, 0);
        ::dup2(outFd, 1);
        ::dup2(errFd, 2);
        for (const auto& [name, value] : limits.env)
            ::setenv(name.constData(), value.constData(), 1);
        for (const QByteArray& name : limits.unsetEnv)
            ::unsetenv(name.constData());
        if (limits.fileSizeLimit != RLIM_INFINITY) {
            // Writing past the limit then fails with EFBIG, as a full disk fails with ENOSPC,
            // instead of killing the process with SIGXFSZ.
            const rlimit size{limits.fileSizeLimit, limits.fileSizeLimit};
            ::setrlimit(RLIMIT_FSIZE, &size);
            ::signal(SIGXFSZ, SIG_IGN);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    if (pid < 0)
        return run;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid)
            break;
        if (clock.elapsed() > limits.wallMs) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            run.timedOut = true;
            break;
        }
        QThread::msleep(5);
    }
    run.milliseconds = clock.elapsed();
    run.peakKb = usage.ru_maxrss;
    if (WIFEXITED(status) && !run.timedOut)
        run.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        run.signal = WTERMSIG(status);
    QFile out(QFile::decodeName(outPath));
    if (out.open(QIODevice::ReadOnly))
        run.out = out.readAll();
    QFile err(QFile::decodeName(errPath));
    if (err.open(QIODevice::ReadOnly))
        run.err = err.readAll();
    QFile::remove(QFile::decodeName(outPath));
    QFile::remove(QFile::decodeName(errPath));
    return run;
}

}  // namespace mailtopo::testing
