// mailtopo-cli report FILE -o OUT.pdf [--paper a4|letter]
// mailtopo-cli export FILE -o OUT.svg|OUT.png
// Both draw with Qt's painters, headless: main() gives them a QApplication on the offscreen
// platform, so they run on a build server without a display.

#include <QDateTime>
#include <QFileInfo>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/analysis/simulation_checks.h"
#include "core/io/design_file.h"
#include "ui/report/diagram_picture.h"
#include "ui/report/report_writer.h"

namespace mailtopo::cli {
namespace {

QCommandLineOption outputOption(const QString& what) {
    return QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                              QStringLiteral("Write %1 to <file>.").arg(what),
                              QStringLiteral("file"));
}

// The design, or nullopt after printing its problems (file:line:column).
std::optional<model::Design> loadDesign(const QString& path) {
    io::ParsedDesign parsed = io::loadDesignFile(path.toStdString());
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return std::nullopt;
    }
    return std::move(*parsed.design);
}

}  // namespace

int runReport(const QStringList& args) {
    CommandLine line(QStringLiteral("report"),
                     QStringLiteral("Write the PDF report of a design: verdict, findings by "
                                    "severity with evidence, remediation and the trace that "
                                    "proves each, the diagram, DNS/SPF evaluations and an "
                                    "inventory. Runs headless."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .mailtopo design."));
    const QCommandLineOption output = outputOption(QStringLiteral("the PDF"));
    const QCommandLineOption paper(QStringLiteral("paper"),
                                   QStringLiteral("Paper size: a4 (default) or letter."),
                                   QStringLiteral("size"), QStringLiteral("a4"));
    p.addOption(output);
    p.addOption(paper);
    if (auto exit = line.parse(args, 1, 1))
        return *exit;
    if (!p.isSet(output)) {
        writeErr("mailtopo-cli report: give the PDF to write with -o OUT.pdf\n");
        return kExitInput;
    }
    const QString size = p.value(paper).toLower();
    if (size != QLatin1String("a4") && size != QLatin1String("letter")) {
        writeErr("mailtopo-cli report: --paper must be a4 or letter, not '" +
                 p.value(paper).toStdString() + "'\n");
        return kExitInput;
    }
    const QString path = p.positionalArguments().at(0);
    const auto design = loadDesign(path);
    if (!design)
        return kExitInput;

    ui::report::ReportInput input;
    input.design = &*design;
    input.fileName = QFileInfo(path).fileName();
    input.generated = QDateTime::currentDateTime();
    input.paper =
        size == QLatin1String("letter") ? ui::report::Paper::Letter : ui::report::Paper::A4;
    QString error;
    int pages = 0;
    if (!ui::report::writeDesignReport(input, p.value(output), &error, &pages)) {
        writeErr(error.toStdString() + "\n");
        return kExitInput;
    }
    writeOut(QStringLiteral("%1: %2 pages\n").arg(p.value(output)).arg(pages).toStdString());
    return kExitClean;
}

int runExport(const QStringList& args) {
    CommandLine line(QStringLiteral("export"),
                     QStringLiteral("Export the design's diagram as SVG (vector) or PNG; the "
                                    "format follows the output's suffix. Elements named by a "
                                    "finding are outlined in its severity's colour."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The .mailtopo design."));
    const QCommandLineOption output = outputOption(QStringLiteral("the image (.svg or .png)"));
    const QCommandLineOption plain(QStringLiteral("no-findings"),
                                   QStringLiteral("Draw the diagram without finding marks."));
    p.addOption(output);
    p.addOption(plain);
    if (auto exit = line.parse(args, 1, 1))
        return *exit;
    if (!p.isSet(output)) {
        writeErr("mailtopo-cli export: give the image to write with -o OUT.svg or -o OUT.png\n");
        return kExitInput;
    }
    const QString target = p.value(output);
    if (target.isEmpty()) {
        writeErr("mailtopo-cli export: no output file named (the path is empty)\n");
        return kExitInput;
    }
    const QString suffix = QFileInfo(target).suffix().toLower();
    if (suffix != QLatin1String("svg") && suffix != QLatin1String("png")) {
        writeErr("mailtopo-cli export: " + target.toStdString() +
                 ": the output must end in .svg or .png\n");
        return kExitInput;
    }
    const QString path = p.positionalArguments().at(0);
    const auto design = loadDesign(path);
    if (!design)
        return kExitInput;
    const auto findings =
        p.isSet(plain) ? std::vector<analysis::Finding>{} : analysis::validateDesign(*design);
    const ui::report::DiagramPicture picture(*design, findings);
    QString error;
    if (!picture.save(target, &error)) {
        writeErr(error.toStdString() + "\n");
        return kExitInput;
    }
    return kExitClean;
}

}  // namespace mailtopo::cli
