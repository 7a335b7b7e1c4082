// mailtopo-cli probe HOST[:PORT] [--from ADDR] [--rcpt ADDR ...] [--domain DOMAIN]
//                    [--helo NAME] [--starttls] [--timeout SECONDS] [--retries N]
//                    [--design FILE --server ELEMENT [--source NODE]]
//                    [--format text|json] [--fail-on error|warning|never]
//
// Probes a live SMTP server the way seed 004's telnet test does (EHLO, optional STARTTLS,
// MAIL FROM / RCPT TO for a local recipient, a relay recipient and a spoofed sender, RSET,
// QUIT; never DATA) and reports each step with its reply and timing. With --design it also
// traces the same tests through the design and reports where the design and the server
// disagree. Exit 0 when no finding reaches --fail-on, 1 when one does (an open relay, a
// mismatch …), 2 on usage or input errors.

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "core/io/design_file.h"
#include "core/net/text_util.h"
#include "core/probe/design_comparison.h"
#include "core/probe/probe_findings.h"
#include "core/probe/probe_output.h"
#include "core/probe/smtp_probe.h"
#include "core/util/text_join.h"

namespace mailtopo::cli {
namespace {

// Messages quote what the user typed and, for a refused probe, its status detail: escaped so
// that neither can put control characters on the terminal.
int usageError(std::string_view message) {
    writeErr(cat("mailtopo-cli probe: ", net::printable(message),
                 "\nTry 'mailtopo-cli probe --help'.\n"));
    return kExitInput;
}

std::optional<int> boundedInteger(const QString& text, int low, int high) {
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < low || value > high)
        return std::nullopt;
    return value;
}

}  // namespace

int runProbe(const QStringList& args) {
    CommandLine line(
        QStringLiteral("probe"),
        QStringLiteral(
            "Probe a live SMTP server without sending mail: connect, read the banner, EHLO "
            "(HELO if refused), optionally STARTTLS, then MAIL FROM an outside sender with RCPT "
            "TO a recipient of an accepted domain and one of a domain the server should not "
            "relay to (the relay test), and MAIL FROM an accepted-domain sender (the spoof "
            "test); RSET and QUIT. DATA is never sent, so nothing is delivered. Each step is "
            "reported with its exact reply and timing.\n"
            "A recipient outside the accepted domains (--domain, or the design's) is a relay "
            "test. With --design and --server the same tests are traced through the design "
            "and every difference between prediction and reality is a model-reality-mismatch "
            "finding.\n"
            "Only probe servers you are responsible for. Exit code 0 when no finding reaches "
            "--fail-on, 1 when one does, 2 on usage or input errors."));
    auto& p = line.parser();
    p.addPositionalArgument(QStringLiteral("HOST[:PORT]"),
                            QStringLiteral("The server: IP, IP:PORT, [IPv6]:PORT or a name; port "
                                           "25 by default."));
    const QCommandLineOption from(
        QStringLiteral("from"),
        QStringLiteral("The outside sender of the relay test (default %1).")
            .arg(QLatin1String(probe::kDefaultProbeSender)),
        QStringLiteral("ADDR"));
    const QCommandLineOption rcpt(
        QStringLiteral("rcpt"),
        QStringLiteral("A RCPT TO address (repeatable). Default: postmaster@DOMAIN and %1.")
            .arg(QLatin1String(probe::kDefaultRelayRecipient)),
        QStringLiteral("ADDR"));
    const QCommandLineOption domain(
        QStringLiteral("domain"),
        QStringLiteral("An accepted domain of the server (repeatable; default: the design's). "
                       "The first is used for the spoof test."),
        QStringLiteral("DOMAIN"));
    const QCommandLineOption helo(QStringLiteral("helo"),
                                  QStringLiteral("The EHLO name; default this machine's name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption startTls(
        QStringLiteral("starttls"),
        QStringLiteral("Upgrade with STARTTLS before the tests; a self-signed certificate is "
                       "accepted and reported."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Limit for connecting and for each reply (default 10); the whole probe "
                       "stops after 5 times this."),
        QStringLiteral("SECONDS"), QStringLiteral("10"));
    const QCommandLineOption retries(
        QStringLiteral("retries"),
        QStringLiteral("Further connections after one that fails or breaks off: 0-3 "
                       "(default 1)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption design(
        QStringLiteral("design"),
        QStringLiteral("Also trace the tests through this .mailtopo design and compare."),
        QStringLiteral("FILE"));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("With --design: the probed server in the design (host or VIP, id or "
                       "name)."),
        QStringLiteral("ELEMENT"));
    const QCommandLineOption source(
        QStringLiteral("source"),
        QStringLiteral("With --design: the simulated client (default: the design's first "
                       "internet sender)."),
        QStringLiteral("NODE"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output format: text (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption failOn(
        QStringLiteral("fail-on"),
        QStringLiteral("Exit with 1 when a finding of this severity or worse exists: error, "
                       "warning (default) or never."),
        QStringLiteral("severity"), QStringLiteral("warning"));
    for (const auto* o : {&from, &rcpt, &domain, &helo, &startTls, &timeout, &retries, &design,
                          &server, &source, &format, &failOn}) {
        p.addOption(*o);
    }
    if (auto exit = line.parse(args, 1, 1))
        return *exit;

    const QString fmt = p.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json"))
        return usageError(cat("--format must be text or json, not '", fmt.toStdString(), "'"));
    const QString threshold = p.value(failOn);
    if (threshold != QLatin1String("error") && threshold != QLatin1String("warning") &&
        threshold != QLatin1String("never")) {
        return usageError(
            cat("--fail-on must be error, warning or never, not '", threshold.toStdString(), "'"));
    }
    const auto seconds = boundedInteger(p.value(timeout), 1, 3600);
    if (!seconds)
        return usageError("--timeout must be a whole number of seconds, 1-3600");
    const auto retryCount = boundedInteger(p.value(retries), 0, 3);
    if (!retryCount)
        return usageError("--retries must be 0-3");
    if (!p.isSet(design)) {
        for (const auto* o : {&server, &source}) {
            if (p.isSet(*o))
                return usageError(
                    cat("--", o->names().constFirst().toStdString(), " only goes with --design"));
        }
    } else if (!p.isSet(server)) {
        return usageError("--design needs --server: which element of the design is probed");
    }

    std::string problem;
    const auto target =
        probe::parseProbeTarget(p.positionalArguments().at(0).toStdString(), &problem);
    if (!target)
        return usageError(problem);

    std::optional<io::ParsedDesign> parsed;
    std::optional<probe::DesignTarget> designTarget;
    const std::string designFile = p.value(design).toStdString();
    if (p.isSet(design)) {
        parsed = io::loadDesignFile(designFile);
        if (!parsed->ok()) {
            for (const auto& d : parsed->diagnostics)
                writeErr(d.toString() + "\n");
            return kExitInput;
        }
        designTarget = probe::resolveDesignTarget(*parsed->design, p.value(server).toStdString(),
                                                  p.value(source).toStdString(), *target, &problem);
        if (!designTarget) {
            writeErr(cat(designFile, ": ", problem, "\n"));
            return kExitInput;
        }
    }

    // Accepted domains: --domain first, then the design's. Each --domain is checked here:
    // later it is only seen inside postmaster@DOMAIN, and a refusal would name --rcpt.
    std::vector<std::string> domains;
    for (const QString& d : p.values(domain)) {
        if (const std::string why = probe::domainProblem(d.toStdString()); !why.empty())
            return usageError(cat("--domain: ", why));
        domains.push_back(d.toLower().toStdString());
    }
    if (parsed) {
        const std::string preferred = probe::defaultAcceptedDomain(*parsed->design);
        if (!preferred.empty())
            domains.push_back(preferred);
        for (const auto& d : probe::acceptedDomainNames(*parsed->design))
            domains.push_back(d);
    }
    std::string spoofDomain;
    for (const auto& d : domains) {
        if (spoofDomain.empty() && !d.starts_with("*"))
            spoofDomain = d;
    }
    probe::ProbeOptions options = probe::standardProbeOptions(*target, spoofDomain);
    options.acceptedDomains = domains;
    if (p.isSet(from))
        options.mailFrom = p.value(from).toStdString();
    if (p.isSet(rcpt)) {
        options.recipients.clear();
        for (const QString& r : p.values(rcpt))
            options.recipients.push_back(r.toStdString());
    }
    options.helo = p.value(helo).toStdString();
    options.startTls = p.isSet(startTls);
    options.limits = probe::ProbeLimits::fromSeconds(*seconds);
    options.limits.retries = *retryCount;
    for (const auto& address : options.recipients) {
        if (const std::string why = probe::mailboxProblem(address); !why.empty())
            return usageError(cat("--rcpt: ", why));
    }
    if (const std::string why = probe::mailboxProblem(options.mailFrom); !why.empty())
        return usageError(cat("--from: ", why));
    if (!options.helo.empty()) {
        if (const std::string why = probe::heloProblem(options.helo); !why.empty())
            return usageError(cat("--helo: ", why));
    }

    const probe::ProbeResult result = probe::runProbe(options);
    if (result.status == probe::ProbeStatus::Invalid || result.status == probe::ProbeStatus::Busy)
        return usageError(result.statusDetail);

    std::optional<probe::DesignComparison> comparison;
    std::vector<analysis::Finding> findings =
        probe::probeFindings(result, designTarget ? designTarget->element : std::string());
    if (designTarget) {
        const auto predictions = probe::predictTests(*parsed->design, *designTarget,
                                                     probe::planTests(options), result.helo);
        comparison = probe::compareWithDesign(*parsed->design, *designTarget, predictions, result);
        findings.insert(findings.end(), comparison->findings.begin(), comparison->findings.end());
        analysis::sortFindings(findings);
    }

    probe::ProbeReport report;
    report.result = &result;
    report.comparison = comparison ? &*comparison : nullptr;
    report.designFile = designFile;
    report.findings = findings;
    writeOut(fmt == QLatin1String("json") ? probe::probeReportToJsonText(report)
                                          : probe::probeReportToText(report));

    if (threshold == QLatin1String("never"))
        return kExitClean;
    const auto minimum = threshold == QLatin1String("error") ? analysis::Severity::Error
                                                             : analysis::Severity::Warning;
    for (const auto& f : findings) {
        if (f.severity >= minimum)
            return kExitFindings;
    }
    return kExitClean;
}

}  // namespace mailtopo::cli
