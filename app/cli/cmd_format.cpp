// mailtopo-cli format FILE [-o OUT] [--check]: canonical form, so hand-edited or
// generated designs diff cleanly in git.

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/io/design_file.h"

namespace mailtopo::cli {

int runFormat(const QStringList& args) {
    CommandLine line(
        QStringLiteral("format"),
        QStringLiteral("Rewrite a design in canonical form (stable key order, 2-space indent, "
                       "defaults omitted). Rewrites FILE in place unless -o or --check is given."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .mailtopo design."));
    const QCommandLineOption output(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write to this file instead ('-' for standard output)."),
        QStringLiteral("OUT"));
    const QCommandLineOption check(
        QStringLiteral("check"),
        QStringLiteral("Only check: exit 1 if the file is not in canonical form."));
    p.addOption(output);
    p.addOption(check);
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const std::string path = p.positionalArguments().at(0).toStdString();
    std::string current;
    std::string error;
    if (!io::readDesignText(path, &current, &error)) {
        writeErr(io::shownPath(path) + ": " + error + "\n");
        return kExitInput;
    }
    const io::ParsedDesign parsed = io::parseDesign(current, path);
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return kExitInput;
    }
    const std::string canonical = io::serializeDesign(*parsed.design);
    if (p.isSet(check)) {
        if (current == canonical)
            return kExitClean;
        writeErr(path + ": not in canonical form (run 'mailtopo-cli format " + path + "')\n");
        return kExitFindings;
    }
    const std::string target = p.isSet(output) ? p.value(output).toStdString() : path;
    if (target == "-") {
        writeOut(canonical);
        return kExitClean;
    }
    const io::SaveResult saved = io::writeFileAtomically(target, canonical);
    if (!saved.ok) {
        writeErr(saved.error + "\n");
        return kExitInput;
    }
    return kExitClean;
}

}  // namespace mailtopo::cli
