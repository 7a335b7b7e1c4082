#include "core/probe/design_comparison.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/probe/probe_findings.h"
#include "core/probe/probe_options.h"
#include "core/sim/simulator.h"
#include "core/util/text_join.h"

namespace mailtopo::probe {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out.append(separator);
        out += item;
    }
    return out;
}

std::string testLabel(const ProbeTest& test) {
    switch (test.kind) {
        case TestKind::LocalRecipient:
            return cat("local recipient test (MAIL FROM:<", test.mailFrom, "> RCPT TO:<",
                       test.rcptTo, ">)");
        case TestKind::Relay:
            return cat("relay test (MAIL FROM:<", test.mailFrom, "> RCPT TO:<", test.rcptTo, ">)");
        case TestKind::Spoof:
            return cat("spoof test (MAIL FROM:<", test.mailFrom, "> RCPT TO:<", test.rcptTo, ">)");
    }
    return "test";
}

// The server's reply in a trace's SMTP dialogue to the command that starts with `command`
// ("C: RCPT TO:<x>  S: 550 5.7.54 …" gives "550 5.7.54 …").
std::string tracedReply(const sim::Trace& trace, const std::string& command) {
    for (const auto& hop : trace.hops) {
        for (const auto& step : hop.smtp) {
            if (!step.summary.starts_with(command))
                continue;
            const size_t server = step.summary.find("S: ");
            if (server != std::string::npos)
                return step.summary.substr(server + 3);
        }
    }
    return {};
}

bool mailFromRefusedInTrace(const sim::Trace& trace, const std::string& mailFrom) {
    const std::string reply = tracedReply(trace, cat("C: MAIL FROM:<", mailFrom, ">"));
    return !reply.empty() && reply.front() != '2';
}

Expectation expectationOf(const sim::Disposition& d) {
    switch (d.kind) {
        case sim::DispositionKind::Delivered:
        case sim::DispositionKind::Relayed:
            return Expectation::Accepted;
        case sim::DispositionKind::Rejected:
            return d.smtpCode >= 400 && d.smtpCode < 500 ? Expectation::Deferred
                                                         : Expectation::Refused;
        case sim::DispositionKind::QueuedRetry:
            return Expectation::Deferred;
        case sim::DispositionKind::Dropped:
        case sim::DispositionKind::Reset:
        case sim::DispositionKind::Timeout:
            return Expectation::NoSession;
        case sim::DispositionKind::InsufficientInfo:
            return Expectation::Unknown;
    }
    return Expectation::Unknown;
}

std::string dispositionText(const model::Design& design, const sim::Disposition& d) {
    std::string out(enumName(d.kind));
    if (!d.element.empty()) {
        out += " at ";
        out += elementLabel(design, d.element);
    }
    if (!d.text.empty()) {
        out += ": ";
        out += d.text;
    }
    if (!d.rule.empty()) {
        out += " (";
        out += d.rule;
        out += ')';
    }
    return out;
}

// Accepted, not accepted (refused or deferred), or no session: the classes whose difference
// says something about the design. Reply codes inside a class differ between products
// (Postfix's 554 5.7.1 and Exchange's 550 5.7.54 both refuse a relay) and are not compared.
int coarse(Expectation e) {
    switch (e) {
        case Expectation::Accepted:
            return 0;
        case Expectation::Refused:
        case Expectation::Deferred:
            return 1;
        case Expectation::NoSession:
            return 2;
        case Expectation::Unknown:
            return -1;
    }
    return -1;
}

// What the server said to a test, and the class of it.
std::pair<Expectation, std::string> observedOf(const ProbeResult& result, const TestResult& t) {
    if (const SmtpReply* reply = t.decisive(); reply && t.outcome != TestOutcome::NotRun) {
        const Expectation e = t.outcome == TestOutcome::Accepted   ? Expectation::Accepted
                              : t.outcome == TestOutcome::Deferred ? Expectation::Deferred
                                                                   : Expectation::Refused;
        return {e, reply->firstLine()};
    }
    // No session at all: never connected, or the server refused it at the banner or EHLO.
    const bool noSession = !result.banner || !result.banner->isPositive() ||
                           (result.status == ProbeStatus::Refused && !result.capabilities());
    if (noSession && result.status != ProbeStatus::Cancelled &&
        result.status != ProbeStatus::DeadlineExceeded && result.status != ProbeStatus::Invalid &&
        result.status != ProbeStatus::Busy) {
        return {Expectation::NoSession,
                result.banner ? cat("banner ", result.banner->firstLine()) : result.statusDetail};
    }
    return {Expectation::Unknown, cat("not run: ", result.statusDetail)};
}

// The facts of a trace the assumptions are about: connector, seen source, principal and
// rights, the devices that translated the SYN.
struct TraceFacts {
    std::string connector;
    std::string seenSource;
    std::string principal;
    std::string rights;
    std::vector<std::string> translators;
    std::vector<model::Id> elements;
};

TraceFacts factsOf(const model::Design& design, const sim::Trace& trace) {
    TraceFacts facts;
    const sim::Hop* hop = trace.hops.empty() ? nullptr : &trace.hops.front();
    if (!hop)
        return facts;
    if (!hop->receiveConnector.empty()) {
        facts.connector = elementLabel(design, hop->receiveConnector);
        facts.elements.push_back(hop->receiveConnector);
    }
    if (hop->seenSource)
        facts.seenSource = hop->seenSource->toString();
    facts.principal = hop->principal;
    facts.rights = hop->rights.empty() ? "no rights" : join(hop->rights, ", ");
    std::set<model::Id> seen;
    for (const auto& leg : hop->legs) {
        if (leg.name != "SYN")
            continue;
        for (const auto& step : leg.steps) {
            if (step.kind == sim::StepKind::Translate && !step.element.empty() &&
                seen.insert(step.element).second) {
                facts.translators.push_back(elementLabel(design, step.element));
                facts.elements.push_back(step.element);
            }
        }
    }
    return facts;
}

std::string landing(const TraceFacts& f) {
    if (f.connector.empty())
        return {};
    std::string out = cat("in the design the client lands on ", f.connector);
    if (!f.seenSource.empty())
        out += cat(" as ", f.seenSource);
    if (!f.translators.empty())
        out += cat(" (after the translation by ", join(f.translators, ", "), ")");
    if (!f.principal.empty())
        out += cat(", principal ", f.principal, " with ", f.rights);
    return out;
}

std::string natClause(const TraceFacts& f) {
    return f.translators.empty()
               ? std::string("a NAT or SNAT in front of the server that the design lacks")
               : cat("the translation by ", join(f.translators, ", "),
                     " that makes the client "
                     "arrive as ",
                     f.seenSource.empty() ? std::string("it does") : f.seenSource);
}

// Which assumption of the design is most likely wrong, for one mismatching test.
std::string likelyWrong(const model::Design& design, const ProbeTest& test, const Prediction& p,
                        Expectation observed, const TraceFacts& f) {
    const std::string connector =
        f.connector.empty() ? std::string("the receive connector") : f.connector;
    const bool predictedAccepted = p.expectation == Expectation::Accepted;
    const std::string domain = domainOfAddress(test.rcptTo);
    const std::string senderDomain = domainOfAddress(test.mailFrom);
    switch (test.kind) {
        case TestKind::Relay:
            if (predictedAccepted) {
                return cat("the RemoteIPRanges of ", connector,
                           " (do they really contain the address the server sees?), its "
                           "permission ACEs (ms-Exch-SMTP-Accept-Any-Recipient for ",
                           f.principal.empty() ? std::string("the client") : f.principal, "), or ",
                           natClause(f));
            }
            return cat(
                "a receive connector the design lacks or whose RemoteIPRanges are "
                "narrower in the design than on the server, an ACE granting Anonymous "
                "ms-Exch-SMTP-Accept-Any-Recipient (or ExternalAuthoritative) that the "
                "design does not list on ",
                connector, ", or ", natClause(f));
        case TestKind::LocalRecipient:
            if (!predictedAccepted && mailFromRefusedInTrace(p.trace, test.mailFrom)) {
                return cat("the rights of ", connector,
                           ": the design refuses the sender, the server accepts it (permission "
                           "groups and ACEs such as ms-Exch-SMTP-Submit for ",
                           f.principal.empty() ? std::string("the client") : f.principal, ")");
            }
            return predictedAccepted
                       ? cat("the accepted domains: the design accepts ", domain,
                             ", the server does not (or refuses this client on ", connector, ")")
                       : cat("the accepted domains: the server accepts ", domain,
                             ", the design's accepted domains (",
                             join(acceptedDomainNames(design), ", "),
                             ") or its connector "
                             "rights do not");
        case TestKind::Spoof:
            if (predictedAccepted) {
                return cat("the permission ACEs of ", connector,
                           " (the design grants ms-Exch-SMTP-Accept-Authoritative-Domain-Sender "
                           "to ",
                           f.principal.empty() ? std::string("the client") : f.principal,
                           ", or the connector is ExternalAuthoritative) or the type of the "
                           "accepted domain ",
                           senderDomain, " (authoritative in reality?)");
            }
            if (observed == Expectation::Accepted) {
                return cat("the permission ACEs of ", connector,
                           " (the server lets an outside client send as ", senderDomain,
                           ": an ACE for Anonymous with "
                           "ms-Exch-SMTP-Accept-Authoritative-Domain-Sender, or an "
                           "ExternalAuthoritative connector, the design lacks), the accepted "
                           "domain type of ",
                           senderDomain,
                           ", or which connector the client lands on "
                           "(RemoteIPRanges, NAT)");
            }
            return cat("the rights of ", connector);
    }
    return {};
}

}  // namespace

std::vector<Prediction> predictTests(const model::Design& design, const DesignTarget& target,
                                     const std::vector<ProbeTest>& tests, const std::string& helo) {
    const sim::Simulator simulator(design);
    std::vector<Prediction> out;
    for (const auto& test : tests) {
        sim::TraceRequest request;
        request.name = cat("Probe ", enumName(test.kind), " test from ", target.sourceLabel, " to ",
                           target.label);
        request.sourceHost = target.sourceHost;
        request.destination = target.destination;
        request.helo = helo;
        request.mailFrom = test.mailFrom;
        request.rcptTo = {test.rcptTo};
        // The probe talks to the first server only; what it would forward to is not seen.
        request.followOnward = false;
        Prediction p;
        p.test = test;
        p.trace = simulator.trace(request);
        p.expectation = expectationOf(p.trace.disposition);
        if (p.expectation == Expectation::Accepted || p.expectation == Expectation::Refused ||
            p.expectation == Expectation::Deferred) {
            p.reply = mailFromRefusedInTrace(p.trace, test.mailFrom)
                          ? tracedReply(p.trace, cat("C: MAIL FROM:<", test.mailFrom, ">"))
                          : tracedReply(p.trace, cat("C: RCPT TO:<", test.rcptTo, ">"));
        }
        if (p.reply.empty())
            p.reply = dispositionText(design, p.trace.disposition);
        // A connection that leaves the design for the internet never meets the probed server
        // there: the design says nothing about what that server answers this client.
        const sim::Hop* hop = p.trace.hops.empty() ? nullptr : &p.trace.hops.front();
        if (hop && hop->server.empty() && p.expectation != Expectation::NoSession) {
            p.expectation = Expectation::Unknown;
            p.reply = cat("the simulated connection from ", target.sourceLabel, " never reaches ",
                          target.label, " (", p.reply,
                          "); choose the client the probe stands for with --source");
        }
        out.push_back(std::move(p));
    }
    return out;
}

DesignComparison compareWithDesign(const model::Design& design, const DesignTarget& target,
                                   const std::vector<Prediction>& predictions,
                                   const ProbeResult& result) {
    DesignComparison out;
    out.target = target;
    bool sessionMismatchReported = false;
    for (const auto& p : predictions) {
        TestComparison c;
        c.prediction = p;
        const auto found = std::find_if(result.tests.begin(), result.tests.end(),
                                        [&](const TestResult& t) { return t.test == p.test; });
        if (found != result.tests.end())
            std::tie(c.observed, c.observedReply) = observedOf(result, *found);
        const int predicted = coarse(p.expectation);
        const int observed = coarse(c.observed);
        if (predicted < 0 || observed < 0) {
            c.note = predicted < 0
                         ? std::string("not compared: the design cannot predict this test")
                         : std::string("not compared: the server did not answer this test");
            out.tests.push_back(std::move(c));
            continue;
        }
        const TraceFacts facts = factsOf(design, p.trace);
        // An unknown mailbox (5.1.x) says nothing about domains, relaying or connectors.
        if (p.test.kind == TestKind::LocalRecipient && predicted == 0 && observed == 1 &&
            found->rcptReply && found->rcptReply->enhancedStatus.starts_with("5.1.")) {
            c.note = cat("the server does not know the mailbox ", p.test.rcptTo,
                         "; name an existing one with --rcpt to compare this test");
            out.tests.push_back(std::move(c));
            continue;
        }
        c.mismatch = predicted != observed;
        if (!c.mismatch) {
            if (p.expectation != c.observed)
                c.note = cat("both refuse: the design with ", enumName(p.expectation),
                             ", the server with ", enumName(c.observed));
            out.tests.push_back(std::move(c));
            continue;
        }
        std::vector<std::string> elements = {target.element};
        for (const auto& e : facts.elements)
            elements.push_back(e);
        if (predicted == 2 || observed == 2) {
            // Reachability differs: every test shows it; say it once.
            c.note = "the design and the server disagree on whether a session is possible";
            if (!sessionMismatchReported) {
                sessionMismatchReported = true;
                const std::string predictedText = predicted == 2
                                                      ? cat("no SMTP session (", p.reply, ")")
                                                      : cat("an SMTP session (", p.reply, ")");
                const std::string observedText = observed == 2
                                                     ? cat("no session: ", c.observedReply)
                                                     : cat("it answered ", c.observedReply);
                const std::string wrong =
                    predicted == 2
                        ? cat("the design's path from ", target.sourceLabel,
                              " is wrong: the firewall rules, inbound NAT or routes on the way, or "
                              "the listener bindings of ",
                              target.label,
                              "'s connectors; or the probe did not run from where the design "
                              "puts ",
                              target.sourceLabel)
                        : cat("the server is not reachable as the design says: firewall rules or "
                              "NAT the design lacks, the connector bindings (address, port), a "
                              "stopped service; or the probe did not run from where the design "
                              "puts ",
                              target.sourceLabel);
                out.findings.push_back(makeFinding(
                    kModelRealityMismatch,
                    cat(target.label, " (", result.target, "): the design predicts ", predictedText,
                        " for ", target.sourceLabel, "; the server gave ", observedText),
                    elements, cat("Likely wrong: ", wrong, ".")));
            }
            out.tests.push_back(std::move(c));
            continue;
        }
        const std::string place = landing(facts);
        std::string message = cat(target.label, " (", result.target, "), ", testLabel(p.test),
                                  ": the design predicts ", enumName(p.expectation), " (", p.reply,
                                  "), the server answered ", c.observedReply);
        if (!place.empty())
            message += cat("; ", place);
        out.findings.push_back(makeFinding(
            kModelRealityMismatch, std::move(message), elements,
            cat("Likely wrong in the design: ", likelyWrong(design, p.test, p, c.observed, facts),
                ". Compare with the server (Get-ReceiveConnector | fl "
                "Name,Bindings,RemoteIPRanges,PermissionGroups,AuthMechanism; Get-ADPermission; "
                "Get-AcceptedDomain) and re-import.")));
        out.tests.push_back(std::move(c));
    }
    analysis::sortFindings(out.findings);
    return out;
}

}  // namespace mailtopo::probe
