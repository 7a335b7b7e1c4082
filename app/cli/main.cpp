// mailtopo-cli: the headless face of MailTopo. Everything the GUI can do to a design is
// reachable here, for scripts and CI pipelines.

#include <QCoreApplication>
#include <cstdio>

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

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
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
