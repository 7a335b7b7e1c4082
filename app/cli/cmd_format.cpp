// mailtopo-cli format FILE [-o OUT] [--check] [--explicit-defaults]: canonical form, so
// hand-edited or generated designs diff cleanly in git; optionally with Exchange's default
// receive connectors written out (core/edit/default_connectors.h).

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/edit/default_connectors.h"
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
    const QCommandLineOption explicitDefaults(
        QStringLiteral("explicit-defaults"),
        QStringLiteral("Also write every Exchange server's implicit default receive connectors "
                       "(R18) as declared connectors, with the ids traces and findings already "
                       "use, and set implicitDefaultConnectors to false."));
    p.addOption(output);
    p.addOption(check);
    p.addOption(explicitDefaults);
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const std::string path = p.positionalArguments().at(0).toStdString();
    std::string current;
    std::string error;
    if (!io::readDesignText(path, &current, &error)) {
        writeErr(io::shownPath(path) + ": " + error + "\n");
        return kExitInput;
    }
    io::ParsedDesign parsed = io::parseDesign(current, path);
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return kExitInput;
    }
    if (p.isSet(explicitDefaults)) {
        const auto made = edit::makeDefaultConnectorsExplicit(*parsed.design);
        if (!made.refused.empty()) {
            writeErr(io::shownPath(path) + ": " + made.refused + "\n");
            return kExitInput;
        }
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
