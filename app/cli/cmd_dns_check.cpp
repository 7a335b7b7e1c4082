// mailtopo-cli dns-check FILE [--server IP[:PORT]] [--timeout MS] [--retries N]
//                           [--format text|json] [--fail-on error|warning|never]
//
// The design-level DNS checks (R33–R38) of `validate` on their own; with --server also the
// design against the world: every record set of the design's external zones asked of that
// server, and each difference listed (dns-live-mismatch).

#include <algorithm>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/analysis/dns_checks.h"
#include "core/analysis/dns_live_check.h"
#include "core/analysis/finding_output.h"
#include "core/analysis/simulation_checks.h"
#include "core/analysis/structure_checks.h"
#include "core/dns/live_resolver.h"
#include "core/dns/zone_import.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
#include "core/io/json_locator.h"

namespace mailtopo::cli {
namespace {

int usageError(const std::string& message) {
    writeErr("mailtopo-cli dns-check: " + message + "\nTry 'mailtopo-cli dns-check --help'.\n");
    return kExitInput;
}

// The egress identities come from the simulation, which validate also skips when ids are
// duplicated or dangling: every trace would be meaningless.
bool structureBroken(const model::Design& design) {
    const auto findings = analysis::checkStructure(design);
    return std::any_of(findings.begin(), findings.end(), [](const analysis::Finding& f) {
        return f.severity == analysis::Severity::Error &&
               (f.id == "duplicate-id" || f.id == "empty-id" || f.id == "dangling-reference");
    });
}

}  // namespace

int runDnsCheck(const QStringList& args) {
    CommandLine line(
        QStringLiteral("dns-check"),
        QStringLiteral("Check a design's DNS (R33-R38): SPF for every address its mail leaves as "
                       "(after NAT), the SPF records of its domains (duplicates, syntax, lookup "
                       "and void-lookup limits), forward-confirmed reverse DNS and the DUHL TTL "
                       "policy of the egress addresses, and MX hosts that must lead to an "
                       "internet entry of the design. Only the design's external zones are "
                       "judged.\nWith --server, also asks that DNS server for every record set "
                       "of those zones and lists what differs from the design "
                       "(dns-live-mismatch)."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QStringLiteral("The .mailtopo design to check."));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Compare the design's external zones with this DNS server (IP, IP:PORT "
                       "or [IPv6]:PORT)."),
        QStringLiteral("IP[:PORT]"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Live DNS: milliseconds per attempt (default 2000)."), QStringLiteral("ms"),
        QStringLiteral("2000"));
    const QCommandLineOption retries(
        QStringLiteral("retries"),
        QStringLiteral("Live DNS: attempts after the first (default 1)."), QStringLiteral("n"),
        QStringLiteral("1"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output format: text (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption failOn(
        QStringLiteral("fail-on"),
        QStringLiteral("Exit with 1 when a finding of this severity or worse "
                       "exists: error (default), warning or never."),
        QStringLiteral("severity"), QStringLiteral("error"));
    for (const auto* o : {&server, &timeout, &retries, &format, &failOn})
        p.addOption(*o);
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const QString fmt = p.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json"))
        return usageError("--format must be text or json, not '" + fmt.toStdString() + "'");
    const QString threshold = p.value(failOn);
    if (threshold != QLatin1String("error") && threshold != QLatin1String("warning") &&
        threshold != QLatin1String("never"))
        return usageError("--fail-on must be error, warning or never, not '" +
                          threshold.toStdString() + "'");
    dns::LiveResolverOptions options;
    if (p.isSet(server)) {
        std::string problem;
        options.server = dns::parseServerAddress(p.value(server).toStdString(), &problem);
        if (!options.server)
            return usageError("--server " + problem);
        bool ok = false;
        const int ms = p.value(timeout).toInt(&ok);
        if (!ok || ms <= 0 || ms > 600000)
            return usageError("--timeout must be 1..600000 ms");
        options.timeout = std::chrono::milliseconds(ms);
        const int tries = p.value(retries).toInt(&ok);
        if (!ok || tries < 0 || tries > 10)
            return usageError("--retries must be 0..10");
        options.retries = tries;
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
    const model::Design& design = *parsed.design;
    // A record the checks cannot read is skipped by them; say which, so nothing is silent.
    for (const auto& zone : design.dnsZones)
        for (size_t r = 0; r < zone.records.size(); ++r) {
            std::string problem;
            if (!dns::parseModelRecord(zone.records[r], zone.origin, &problem))
                writeErr(file + ": zone '" + zone.id + "' record " + std::to_string(r + 1) +
                         " is skipped: " + problem + "\n");
        }

    analysis::SimulationResult simulation;
    if (structureBroken(design)) {
        writeErr(file +
                 ": the design has duplicate or dangling ids (see 'mailtopo-cli validate'); "
                 "its egress is not simulated, so only the DNS records themselves are checked\n");
    } else {
        simulation = analysis::simulateDesign(design);
    }
    std::vector<analysis::Finding> findings = analysis::checkDns(design, simulation);
    if (options.server) {
        dns::LiveResolver live(options);
        auto compared = analysis::compareWithServer(design, live, options.server->toString());
        if (compared.queries > 0 && compared.unanswered == compared.queries) {
            writeErr("mailtopo-cli dns-check: no answer from " + options.server->toString() +
                     " for any of the design's " + std::to_string(compared.queries) +
                     " record sets\n");
            return kExitInput;
        }
        findings.insert(findings.end(), std::make_move_iterator(compared.findings.begin()),
                        std::make_move_iterator(compared.findings.end()));
        analysis::sortFindings(findings);
    }

    const io::JsonLocator locator(text);
    analysis::FindingSource source;
    source.file = file;
    source.designName = design.info.name;
    source.locate = [&locator](const std::string& pointer) {
        const io::TextPosition pos = locator.valuePosition(pointer);
        return std::make_pair(pos.line, pos.column);
    };
    writeOut(fmt == QLatin1String("json") ? analysis::findingsToJson(findings, source)
                                          : analysis::findingsToText(findings, source));
    if (threshold == QLatin1String("never"))
        return kExitClean;
    const auto counts = analysis::countBySeverity(findings);
    const bool fail =
        counts.errors > 0 || (threshold == QLatin1String("warning") && counts.warnings > 0);
    return fail ? kExitFindings : kExitClean;
}

}  // namespace mailtopo::cli
