#include "core/probe/probe_output.h"

#include <algorithm>
#include <cstdio>

#include "core/analysis/finding_output.h"
#include "core/net/text_util.h"
#include "core/util/text_join.h"

// The text output is read on a terminal, and most of what it shows came from the server (its
// replies, certificate, the errors its behaviour caused) or from a design file: every such
// string goes through net::printable, so a hostile server cannot clear the screen or forge a
// line such as a verdict. Only our own words and numbers go in as they are. JSON escapes by
// itself.

namespace mailtopo::probe {
namespace {

using net::printable;
using nlohmann::ordered_json;

std::string padRight(std::string text, size_t width) {
    if (text.size() < width)
        text.resize(width, ' ');
    return text;
}

std::string padLeft(const std::string& text, size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

// The lines of text that has line breaks of our own (wireText joins reply lines with '\n'),
// each escaped.
std::vector<std::string> printableLines(std::string_view text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(printable(text.substr(start, end - start)));
        start = end + 1;
    }
    return lines;
}

std::string secondsText(long long ms) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f s", static_cast<double>(ms) / 1000.0);
    return buffer;
}

std::string extensionText(const EhloExtension& e) {
    std::string out = e.keyword;
    for (const auto& p : e.params) {
        out += ' ';
        out += p;
    }
    return out;
}

std::string extensionsText(const EhloCapabilities& caps) {
    std::string out;
    for (const auto& e : caps.extensions) {
        if (!out.empty())
            out += ", ";
        out += extensionText(e);
    }
    return out.empty() ? std::string("none") : out;
}

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += ", ";
        out += item;
    }
    return out;
}

std::string testName(TestKind kind) {
    switch (kind) {
        case TestKind::LocalRecipient:
            return "local recipient";
        case TestKind::Relay:
            return "relay";
        case TestKind::Spoof:
            return "spoof";
    }
    return "test";
}

void appendStep(std::string& out, const ProbeStep& step, bool showConnection) {
    std::string head = cat(padLeft(std::to_string(step.startMs), 7), " ms ",
                           padLeft(cat("+", std::to_string(step.elapsedMs)), 6), " ms  ");
    if (showConnection)
        head += cat("#", std::to_string(step.connection), " ");
    const std::string indent(head.size(), ' ');
    std::vector<std::string> lines;
    if (!step.command.empty())
        lines.push_back(cat("C: ", printable(step.command)));
    if (step.reply) {
        for (const auto& line : printableLines(step.reply->wireText()))
            lines.push_back(cat("S: ", line));
    }
    if (!step.note.empty() || lines.empty()) {
        std::string note = step.command.empty() && !step.reply
                               ? cat(enumName(step.kind), ": ", printable(step.note))
                               : cat("(", printable(step.note), ")");
        if (step.failed)
            note += " [failed]";
        lines.push_back(std::move(note));
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        out += i == 0 ? head : indent;
        out += lines[i];
        out += '\n';
    }
}

std::string tlsText(const TlsInfo& tls) {
    if (!tls.requested)
        return "not requested (--starttls)";
    if (!tls.established)
        return cat("not established: ",
                   tls.error.empty() ? std::string("unknown") : printable(tls.error));
    return cat("established, ", printable(tls.protocol), " ", printable(tls.cipher));
}

std::string expectationWithReply(Expectation e, const std::string& reply) {
    return cat(padRight(std::string(enumName(e)), 11), reply);
}

ordered_json replyToJson(const SmtpReply& reply) {
    ordered_json j = ordered_json::object();
    j["code"] = reply.code;
    if (!reply.enhancedStatus.empty())
        j["enhancedStatus"] = reply.enhancedStatus;
    j["lines"] = reply.lines;
    return j;
}

ordered_json capabilitiesToJson(const EhloCapabilities& caps) {
    ordered_json j = ordered_json::object();
    j["greeting"] = caps.greeting;
    ordered_json list = ordered_json::array();
    for (const auto& e : caps.extensions)
        list.push_back({{"keyword", e.keyword}, {"params", e.params}});
    j["extensions"] = std::move(list);
    j["auth"] = caps.authMechanisms();
    if (const auto size = caps.sizeLimit())
        j["sizeLimit"] = *size;
    return j;
}

ordered_json findingToJson(const analysis::Finding& f) {
    ordered_json item = ordered_json::object();
    item["rule"] = f.id;
    item["severity"] = std::string(enumName(f.severity));
    item["domainRule"] = f.rule;
    item["title"] = f.title;
    item["message"] = f.message;
    item["elements"] = f.elements;
    item["remediation"] = f.remediation;
    return item;
}

}  // namespace

std::string verdictText(const ProbeResult& result) {
    std::string out;
    auto firstOf = [&](TestKind kind, TestOutcome outcome) -> const TestResult* {
        for (const auto& t : result.tests) {
            if (t.test.kind == kind && t.outcome == outcome)
                return &t;
        }
        return nullptr;
    };
    auto reply = [](const TestResult* t) {
        const SmtpReply* r = t ? t->decisive() : nullptr;
        return r ? printable(r->firstLine()) : std::string();
    };
    switch (result.relay) {
        case RelayVerdict::OpenRelay:
            out += cat("Relay:    OPEN RELAY, the server accepted RCPT TO:<",
                       printable(firstOf(TestKind::Relay, TestOutcome::Accepted)->test.rcptTo),
                       "> (", reply(firstOf(TestKind::Relay, TestOutcome::Accepted)), ")\n");
            break;
        case RelayVerdict::RelayRefused:
            out += cat("Relay:    refused (", reply(firstOf(TestKind::Relay, TestOutcome::Refused)),
                       ")\n");
            break;
        case RelayVerdict::Inconclusive:
            out += cat("Relay:    inconclusive, only deferred (",
                       reply(firstOf(TestKind::Relay, TestOutcome::Deferred)), ")\n");
            break;
        case RelayVerdict::NotTested:
            out += "Relay:    not tested\n";
            break;
    }
    switch (result.spoof) {
        case SpoofVerdict::SpoofingAccepted:
            out += cat("Spoofing: ACCEPTED, an outside client may send as MAIL FROM:<",
                       printable(firstOf(TestKind::Spoof, TestOutcome::Accepted)->test.mailFrom),
                       "> (", reply(firstOf(TestKind::Spoof, TestOutcome::Accepted)), ")\n");
            break;
        case SpoofVerdict::SpoofingRefused:
            out += cat("Spoofing: refused (", reply(firstOf(TestKind::Spoof, TestOutcome::Refused)),
                       ")\n");
            break;
        case SpoofVerdict::Inconclusive:
            out += cat("Spoofing: inconclusive, only deferred (",
                       reply(firstOf(TestKind::Spoof, TestOutcome::Deferred)), ")\n");
            break;
        case SpoofVerdict::NotTested:
            out += "Spoofing: not tested (no accepted domain known: --domain or --design)\n";
            break;
    }
    return out;
}

std::string probeReportToText(const ProbeReport& report) {
    const ProbeResult& r = *report.result;
    std::string out = cat("Live SMTP probe of ", printable(r.target));
    if (!r.address.empty() && r.target.find(r.address) == std::string::npos)
        out += cat(" (", printable(r.address), ")");
    out += '\n';
    out += cat("  EHLO name: ", printable(r.helo), "\n");
    out += cat("  Result:    ", enumName(r.status), ", ", printable(r.statusDetail), "; ",
               secondsText(r.totalMs), ", ", std::to_string(r.connections),
               r.connections == 1 ? " connection\n" : " connections\n");

    out += "\nDialogue (start, duration)\n";
    for (const auto& step : r.steps)
        appendStep(out, step, r.connections > 1);

    out += "\nServer\n";
    out += cat("  Banner:      ", r.banner ? printable(r.banner->firstLine()) : std::string("none"),
               "\n");
    if (r.ehlo) {
        out += cat("  Greeting:    ", r.usedHelo ? "HELO " : "EHLO ", printable(r.ehlo->greeting),
                   "\n");
        out += cat("  Extensions:  ", printable(extensionsText(*r.ehlo)), "\n");
    }
    if (r.ehloTls)
        out += cat("  After TLS:   ", printable(extensionsText(*r.ehloTls)), "\n");
    if (const EhloCapabilities* caps = r.capabilities()) {
        const auto auth = caps->authMechanisms();
        out += cat("  AUTH:        ",
                   auth.empty() ? std::string("none advertised") : printable(joinList(auth)), "\n");
        if (const auto size = caps->sizeLimit())
            out += cat("  Size limit:  ", std::to_string(*size), " bytes\n");
    }
    out += cat("  TLS:         ", tlsText(r.tls), "\n");
    if (r.tls.established) {
        out += cat("  Certificate: ",
                   r.tls.subject.empty() ? std::string("(no subject)") : printable(r.tls.subject));
        out += cat(", issuer ", printable(r.tls.issuer), ", expires ", printable(r.tls.notAfter),
                   r.tls.selfSigned ? ", self-signed\n" : "\n");
        out += cat("  Verified:    ",
                   r.tls.verificationErrors.empty()
                       ? std::string("yes")
                       : cat("no: ", printable(joinList(r.tls.verificationErrors))),
                   "\n");
    }

    out += "\nTests\n";
    for (const auto& t : r.tests) {
        out += cat("  ", padRight(testName(t.test.kind), 16), "MAIL FROM:<",
                   printable(t.test.mailFrom), "> RCPT TO:<", printable(t.test.rcptTo), ">\n");
        const SmtpReply* decisive = t.decisive();
        out += cat("  ", std::string(16, ' '), padRight(std::string(enumName(t.outcome)), 9),
                   decisive ? printable(decisive->firstLine()) : std::string(), "\n");
    }

    out += "\nVerdict\n";
    const std::string verdict = verdictText(r);
    size_t start = 0;
    while (start < verdict.size()) {
        const size_t end = verdict.find('\n', start);
        out += cat("  ", verdict.substr(start, end - start), "\n");
        start = end + 1;
    }
    out += "  Nothing was delivered: the probe never sends DATA.\n";

    if (report.comparison) {
        const DesignComparison& c = *report.comparison;
        out += cat("\nDesign prediction (", printable(report.designFile), ": ",
                   printable(c.target.label), ", simulated from ", printable(c.target.sourceLabel),
                   ")\n");
        out += cat("  ", printable(c.target.how), "\n");
        for (const auto& t : c.tests) {
            out +=
                cat("  ", testName(t.prediction.test.kind), " RCPT TO:<",
                    printable(t.prediction.test.rcptTo), ">", t.mismatch ? "  MISMATCH\n" : "\n");
            out +=
                cat("    design: ",
                    expectationWithReply(t.prediction.expectation, printable(t.prediction.reply)),
                    "\n");
            out += cat("    server: ", expectationWithReply(t.observed, printable(t.observedReply)),
                       "\n");
            if (!t.note.empty())
                out += cat("    note:   ", printable(t.note), "\n");
        }
    }

    out += "\nFindings\n";
    if (report.findings.empty()) {
        out += "  none\n";
    } else {
        // Messages quote replies and the status detail. Remediations are our advice with
        // design names in it, over several lines that findingsToText indents: escaped line by
        // line, so those line breaks stay.
        std::vector<analysis::Finding> shown = report.findings;
        for (auto& f : shown) {
            f.message = printable(f.message);
            const std::vector<std::string> lines = printableLines(f.remediation);
            f.remediation = lines.front();
            for (size_t i = 1; i < lines.size(); ++i)
                f.remediation += cat("\n", lines[i]);
        }
        analysis::FindingSource source;
        source.file = printable(r.target);
        out += analysis::findingsToText(shown, source);
    }
    return out;
}

ordered_json probeReportToJson(const ProbeReport& report) {
    const ProbeResult& r = *report.result;
    ordered_json j = ordered_json::object();
    j["target"] = r.target;
    j["address"] = r.address;
    j["port"] = r.port;
    j["helo"] = r.helo;
    j["status"] = std::string(enumName(r.status));
    j["statusDetail"] = r.statusDetail;
    j["connections"] = r.connections;
    j["totalMs"] = r.totalMs;
    if (r.banner)
        j["banner"] = replyToJson(*r.banner);
    j["usedHelo"] = r.usedHelo;
    if (r.ehlo)
        j["ehlo"] = capabilitiesToJson(*r.ehlo);
    if (r.ehloTls)
        j["ehloAfterTls"] = capabilitiesToJson(*r.ehloTls);
    ordered_json tls = ordered_json::object();
    tls["requested"] = r.tls.requested;
    tls["offered"] = r.tls.offered;
    tls["established"] = r.tls.established;
    if (r.tls.established) {
        tls["protocol"] = r.tls.protocol;
        tls["cipher"] = r.tls.cipher;
        tls["subject"] = r.tls.subject;
        tls["issuer"] = r.tls.issuer;
        tls["notAfter"] = r.tls.notAfter;
        tls["selfSigned"] = r.tls.selfSigned;
        tls["verificationErrors"] = r.tls.verificationErrors;
    }
    if (!r.tls.error.empty())
        tls["error"] = r.tls.error;
    j["tls"] = std::move(tls);

    ordered_json steps = ordered_json::array();
    for (const auto& s : r.steps) {
        ordered_json step = ordered_json::object();
        step["kind"] = std::string(enumName(s.kind));
        step["connection"] = s.connection;
        if (!s.command.empty())
            step["command"] = s.command;
        if (s.reply)
            step["reply"] = replyToJson(*s.reply);
        if (!s.note.empty())
            step["note"] = s.note;
        step["failed"] = s.failed;
        step["startMs"] = s.startMs;
        step["elapsedMs"] = s.elapsedMs;
        steps.push_back(std::move(step));
    }
    j["steps"] = std::move(steps);

    ordered_json tests = ordered_json::array();
    for (const auto& t : r.tests) {
        ordered_json test = ordered_json::object();
        test["kind"] = std::string(enumName(t.test.kind));
        test["mailFrom"] = t.test.mailFrom;
        test["rcptTo"] = t.test.rcptTo;
        test["outcome"] = std::string(enumName(t.outcome));
        if (t.mailReply)
            test["mailReply"] = replyToJson(*t.mailReply);
        if (t.rcptReply)
            test["rcptReply"] = replyToJson(*t.rcptReply);
        tests.push_back(std::move(test));
    }
    j["tests"] = std::move(tests);
    j["relay"] = std::string(enumName(r.relay));
    j["spoof"] = std::string(enumName(r.spoof));

    if (report.comparison) {
        const DesignComparison& c = *report.comparison;
        ordered_json design = ordered_json::object();
        design["file"] = report.designFile;
        design["element"] = c.target.element;
        design["source"] = c.target.sourceHost;
        design["destination"] = c.target.destination;
        design["how"] = c.target.how;
        ordered_json list = ordered_json::array();
        for (const auto& t : c.tests) {
            ordered_json item = ordered_json::object();
            item["kind"] = std::string(enumName(t.prediction.test.kind));
            item["rcptTo"] = t.prediction.test.rcptTo;
            item["predicted"] = std::string(enumName(t.prediction.expectation));
            item["predictedReply"] = t.prediction.reply;
            item["disposition"] = std::string(enumName(t.prediction.trace.disposition.kind));
            item["observed"] = std::string(enumName(t.observed));
            item["observedReply"] = t.observedReply;
            item["mismatch"] = t.mismatch;
            if (!t.note.empty())
                item["note"] = t.note;
            list.push_back(std::move(item));
        }
        design["tests"] = std::move(list);
        j["design"] = std::move(design);
    }
    ordered_json findings = ordered_json::array();
    for (const auto& f : report.findings)
        findings.push_back(findingToJson(f));
    j["findings"] = std::move(findings);
    return j;
}

std::string probeReportToJsonText(const ProbeReport& report) {
    std::string text =
        probeReportToJson(report).dump(2, ' ', false, ordered_json::error_handler_t::replace);
    text += '\n';
    return text;
}

}  // namespace mailtopo::probe
