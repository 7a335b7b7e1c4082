#pragma once
// One subcommand of mailtopo-cli. Each lives in its own file and registers itself in
// commands(); main() only dispatches. Exit codes are shared by every command.

#include <QStringList>
#include <functional>
#include <string_view>
#include <vector>

namespace mailtopo::cli {

enum ExitCode : int {
    kExitClean = 0,     // ran, nothing at or above the failure threshold
    kExitFindings = 1,  // ran, findings at or above --fail-on
    kExitInput = 2,     // unreadable input, usage error, or a command not available yet
};

struct Command {
    const char* name;
    const char* synopsis;                             // one line for the overview
    std::function<int(const QStringList& args)> run;  // args[0] is "mailtopo-cli <name>"
};

const std::vector<Command>& commands();

// Shared helpers for commands.
void writeOut(std::string_view text);
void writeErr(std::string_view text);

}  // namespace mailtopo::cli
