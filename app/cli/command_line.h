#pragma once
// A QCommandLineParser wrapper that gives every subcommand the same --help/--version
// behaviour and maps usage errors to exit code 2 (QCommandLineParser::process would
// exit with 1, which our exit-code contract reserves for findings).

#include <QCommandLineParser>
#include <optional>

namespace mailtopo::cli {

class CommandLine {
public:
    CommandLine(const QString& command, const QString& description);
    QCommandLineParser& parser() { return parser_; }

    // Parses args; returns an exit code when the command must stop now (help, version,
    // usage error), std::nullopt when it should run.
    std::optional<int> parse(const QStringList& args, int minPositional, int maxPositional);

private:
    QString command_;
    QCommandLineParser parser_;
};

}  // namespace mailtopo::cli
