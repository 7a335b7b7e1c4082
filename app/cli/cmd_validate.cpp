// mailtopo-cli validate FILE [--format text|json|sarif] [--fail-on error|warning|never]

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/analysis/dns_checks.h"
#include "core/analysis/finding_output.h"
#include "core/analysis/simulation_checks.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
#include "core/io/json_locator.h"

namespace mailtopo::cli {

int runValidate(const QStringList& args) {
    CommandLine line(
        QStringLiteral("validate"),
        QStringLiteral("Check a design: its structure (duplicate ids, dangling references, "
                       "addresses outside their subnets, connector bindings and ranges, R19) "
                       "and what the simulator finds when it traces the design's flows and "
                       "the standard flows (open relays, asymmetric paths, coexistence "
                       "breakage, R39-R46), and the design's DNS zones against its egress "
                       "(SPF, FCrDNS, MX, R33-R38)."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QStringLiteral("The .mailtopo design to check."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output format: text (default), json or sarif."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption failOn(
        QStringLiteral("fail-on"),
        QStringLiteral("Exit with 1 when a finding of this severity or worse "
                       "exists: error (default), warning or never."),
        QStringLiteral("severity"), QStringLiteral("error"));
    const QCommandLineOption listRules(
        QStringLiteral("list-rules"),
        QStringLiteral("List every rule validate can report (id, severity, domain rule, "
                       "title) and exit."));
    p.addOption(format);
    p.addOption(failOn);
    p.addOption(listRules);
    if (auto exit = line.parse(args, 0, 1))
        return *exit;
    if (p.isSet(listRules)) {
        std::string out;
        auto list = [&out](const std::vector<analysis::CheckInfo>& rules) {
            for (const auto& rule : rules) {
                out += rule.id;
                out += '\t';
                out += enumName(rule.severity);
                out += '\t';
                out += rule.rule.empty() ? std::string_view("-") : rule.rule;
                out += '\t';
                out += rule.title;
                out += '\n';
            }
        };
        list(analysis::structureCheckCatalog());
        list(analysis::simulationRuleCatalog());
        list(analysis::dnsRuleCatalog());
        writeOut(out);
        return kExitClean;
    }
    if (p.positionalArguments().size() != 1) {
        writeErr("mailtopo-cli validate: give the design FILE to check\n");
        return kExitInput;
    }

    const QString fmt = p.value(format);
    const QString threshold = p.value(failOn);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json") &&
        fmt != QLatin1String("sarif")) {
        writeErr("mailtopo-cli validate: --format must be text, json or sarif, not '" +
                 fmt.toStdString() + "'\n");
        return kExitInput;
    }
    if (threshold != QLatin1String("error") && threshold != QLatin1String("warning") &&
        threshold != QLatin1String("never")) {
        writeErr("mailtopo-cli validate: --fail-on must be error, warning or never, not '" +
                 threshold.toStdString() + "'\n");
        return kExitInput;
    }

    const QString path = p.positionalArguments().at(0);
    const std::string file = path.toStdString();
    std::string text, error;
    if (!io::readDesignText(std::filesystem::path(file), &text, &error)) {
        writeErr(io::shownPath(file) + ": " + error + "\n");
        return kExitInput;
    }
    const io::ParsedDesign parsed = io::parseDesign(text, file);
    if (!parsed.ok()) {
        for (const auto& d : parsed.diagnostics)
            writeErr(d.toString() + "\n");
        return kExitInput;
    }

    const std::vector<analysis::Finding> findings = analysis::validateDesign(*parsed.design);
    std::vector<std::string> pointers;
    for (const auto& finding : findings)
        pointers.push_back(finding.pointer);
    const io::JsonLocator locator(text, pointers);
    analysis::FindingSource source;
    source.file = file;
    source.designName = parsed.design->info.name;
    source.locate = [&locator](const std::string& pointer) {
        const io::TextPosition pos = locator.valuePosition(pointer);
        return std::make_pair(pos.line, pos.column);
    };
    if (fmt == QLatin1String("json")) {
        writeOut(analysis::findingsToJson(findings, source));
    } else if (fmt == QLatin1String("sarif")) {
        writeOut(analysis::findingsToSarif(findings, source, MAILTOPO_VERSION));
    } else {
        writeOut(analysis::findingsToText(findings, source));
    }

    if (threshold == QLatin1String("never"))
        return kExitClean;
    const auto counts = analysis::countBySeverity(findings);
    const bool fail =
        counts.errors > 0 || (threshold == QLatin1String("warning") && counts.warnings > 0);
    return fail ? kExitFindings : kExitClean;
}

}  // namespace mailtopo::cli
