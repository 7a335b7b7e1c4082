// mailtopo-cli: the headless face of MailTopo. Everything the GUI can do to a design is
// reachable here, for scripts and CI pipelines.

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <cstdio>
#include <cstring>
#include <memory>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include "app/cli/command.h"

namespace {

std::string overview() {
    std::string text =
        "Usage: mailtopo-cli <command> [options] [arguments]\n"
        "\n"
        "Design and validate mail network topologies headlessly.\n"
        "\n"
        "Commands:\n";
    for (const auto& c : mailtopo::cli::commands()) {
        std::string name = c.name;
        name.resize(10, ' ');
        text += "  " + name + c.synopsis + std::string("\n");
    }
    text +=
        "\n"
        "Run 'mailtopo-cli <command> --help' for the options of one command.\n"
        "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 unreadable input or usage "
        "error.\n";
    return text;
}

// `report` and `export` draw the diagram with Qt Widgets, which needs a QApplication and a
// platform plugin. They always use the offscreen one: a CI runner has no display, and a
// desktop session must not see a window flash.
bool needsPainting(int argc, char** argv) {
    return argc > 1 && (std::strcmp(argv[1], "report") == 0 || std::strcmp(argv[1], "export") == 0);
}

// Qt's platform code warns on stderr when XDG_RUNTIME_DIR is unset (containers, CI, cron)
// and then uses /tmp/runtime-<user> anyway. A pipeline's log should only hold what the
// command says, so that directory is provided up front, private as the spec asks.
void quietRuntimeDirectory() {
#ifdef Q_OS_UNIX
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/mailtopo-runtime-" +
                           QByteArray::number(static_cast<qulonglong>(getuid()));
    QDir().mkpath(QString::fromLocal8Bit(dir));
    QFile::setPermissions(QString::fromLocal8Bit(dir),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", dir);
#endif
}

}  // namespace

int main(int argc, char** argv) {
    std::unique_ptr<QCoreApplication> application;
    if (needsPainting(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        quietRuntimeDirectory();
        application = std::make_unique<QApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("mailtopo-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAILTOPO_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("MailTopo"));

    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        mailtopo::cli::writeErr(overview());
        return mailtopo::cli::kExitInput;
    }
    const QString first = args.at(1);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("help")) {
        if (first == QLatin1String("help") && args.size() > 2) {
            for (const auto& c : mailtopo::cli::commands()) {
                if (args.at(2) == QLatin1String(c.name)) {
                    return c.run({QStringLiteral("mailtopo-cli ") + QLatin1String(c.name),
                                  QStringLiteral("--help")});
                }
            }
        }
        mailtopo::cli::writeOut(overview());
        return mailtopo::cli::kExitClean;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        mailtopo::cli::writeOut("mailtopo-cli " MAILTOPO_VERSION "\n");
        return mailtopo::cli::kExitClean;
    }
    for (const auto& c : mailtopo::cli::commands()) {
        if (first == QLatin1String(c.name)) {
            QStringList rest = args.mid(2);
            rest.prepend(QStringLiteral("mailtopo-cli ") + QLatin1String(c.name));
            return c.run(rest);
        }
    }
    mailtopo::cli::writeErr("mailtopo-cli: unknown command '" + first.toStdString() + "'\n\n" +
                            overview());
    return mailtopo::cli::kExitInput;
}
