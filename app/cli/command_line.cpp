#include "app/cli/command_line.h"

#include <QCoreApplication>

#include "app/cli/command.h"

namespace mailtopo::cli {

CommandLine::CommandLine(const QString& command, const QString& description) : command_(command) {
    parser_.setApplicationDescription(description);
    parser_.addHelpOption();
    parser_.addVersionOption();
}

std::optional<int> CommandLine::parse(const QStringList& args, int minPositional,
                                      int maxPositional) {
    if (!parser_.parse(args)) {
        writeErr(QStringLiteral("mailtopo-cli %1: %2\nTry 'mailtopo-cli %1 --help'.\n")
                     .arg(command_, parser_.errorText())
                     .toStdString());
        return kExitInput;
    }
    if (parser_.isSet(QStringLiteral("help"))) {
        writeOut(parser_.helpText().toStdString());
        return kExitClean;
    }
    if (parser_.isSet(QStringLiteral("version"))) {
        writeOut("mailtopo-cli " + QCoreApplication::applicationVersion().toStdString() + "\n");
        return kExitClean;
    }
    const auto count = parser_.positionalArguments().size();
    if (count < minPositional || (maxPositional >= 0 && count > maxPositional)) {
        writeErr(QStringLiteral(
                     "mailtopo-cli %1: wrong number of arguments\nTry 'mailtopo-cli %1 --help'.\n")
                     .arg(command_)
                     .toStdString());
        return kExitInput;
    }
    return std::nullopt;
}

}  // namespace mailtopo::cli
