// Commands whose engine is not part of this build yet. They say so plainly and fail with
// the usage exit code, so a CI pipeline never mistakes "not implemented" for "clean".

#include "app/cli/command.h"
#include "app/cli/command_line.h"

namespace mailtopo::cli {

int runNotYetAvailable(const QStringList& args) {
    const QString name = args.value(0).section(QLatin1Char(' '), 1);
    CommandLine line(name, QStringLiteral("This command is not available yet in MailTopo %1.")
                               .arg(QStringLiteral(MAILTOPO_VERSION)));
    line.parser().setOptionsAfterPositionalArgumentsMode(
        QCommandLineParser::ParseAsPositionalArguments);
    line.parser().addPositionalArgument(QStringLiteral("args"), QStringLiteral("Ignored."),
                                        QStringLiteral("[args...]"));
    // Accept anything: only --help/--version are interpreted.
    QStringList filtered{args.value(0)};
    for (const auto& a : args.mid(1)) {
        if (a == QLatin1String("--help") || a == QLatin1String("-h") ||
            a == QLatin1String("--version"))
            filtered << a;
    }
    if (auto exit = line.parse(filtered, 0, -1))
        return *exit;
    writeErr(
        "mailtopo-cli " + name.toStdString() +
        ": not available yet in MailTopo " MAILTOPO_VERSION
        ". This build can validate, format and generate designs; see 'mailtopo-cli --help'.\n");
    return kExitInput;
}

}  // namespace mailtopo::cli
