// mailtopo-cli new -o FILE [--name NAME] [--force]: an empty design to build on with `edit`,
// so a script can make a whole design from nothing without a template file.

#include <QFileInfo>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"

namespace mailtopo::cli {

int runNew(const QStringList& args) {
    CommandLine line(QStringLiteral("new"),
                     QStringLiteral("Write an empty design (valid as it is) to build on with "
                                    "'mailtopo-cli edit'. An existing file is not overwritten "
                                    "unless --force is given."));
    auto& p = line.parser();
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The file to write ('-' for standard output)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The design's name (default: the file's name)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Overwrite FILE if it exists."));
    p.addOption(output);
    p.addOption(name);
    p.addOption(force);
    if (auto exit = line.parse(args, 0, 0))
        return *exit;
    if (!p.isSet(output)) {
        writeErr(
            "mailtopo-cli new: give the file to write with -o FILE\n"
            "Try 'mailtopo-cli new --help'.\n");
        return kExitInput;
    }
    const QString target = p.value(output);
    if (target != QLatin1String("-") && QFileInfo::exists(target) && !p.isSet(force)) {
        writeErr(target.toStdString() +
                 ": already exists; not overwritten (use --force to replace it)\n");
        return kExitInput;
    }

    model::Design design;
    design.info.name = p.isSet(name) ? p.value(name).toStdString()
                       : target == QLatin1String("-")
                           ? std::string("New design")
                           : QFileInfo(target).completeBaseName().toStdString();
    const std::string text = io::serializeDesign(design);
    if (target == QLatin1String("-")) {
        writeOut(text);
        return kExitClean;
    }
    const io::SaveResult saved = io::writeFileAtomically(target.toStdString(), text);
    if (!saved.ok) {
        writeErr(saved.error + "\n");
        return kExitInput;
    }
    writeErr("created " + target.toStdString() + " (design '" + design.info.name + "')\n");
    return kExitClean;
}

}  // namespace mailtopo::cli
