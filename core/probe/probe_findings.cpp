#include "core/probe/probe_findings.h"

#include <algorithm>

#include "core/util/text_join.h"

namespace mailtopo::probe {

const std::vector<analysis::CheckInfo>& probeRuleCatalog() {
    static const std::vector<analysis::CheckInfo> catalog = {
        kOpenRelay, kSpoofingAccepted, kProbeIncomplete, kModelRealityMismatch};
    return catalog;
}

analysis::Finding makeFinding(const analysis::CheckInfo& rule, std::string message,
                              std::vector<std::string> elements, std::string remediation) {
    analysis::Finding f;
    f.id = std::string(rule.id);
    f.severity = rule.severity;
    f.title = std::string(rule.title);
    f.rule = std::string(rule.rule);
    f.message = std::move(message);
    f.elements = std::move(elements);
    f.remediation = std::move(remediation);
    return f;
}

std::vector<analysis::Finding> probeFindings(const ProbeResult& result,
                                             const std::string& element) {
    std::vector<analysis::Finding> findings;
    std::vector<std::string> elements;
    if (!element.empty())
        elements.push_back(element);
    for (const auto& t : result.tests) {
        if (t.outcome != TestOutcome::Accepted || !t.rcptReply)
            continue;
        if (t.test.kind == TestKind::Relay) {
            findings.push_back(makeFinding(
                kOpenRelay,
                cat(result.target, " accepted RCPT TO:<", t.test.rcptTo, "> from MAIL FROM:<",
                    t.test.mailFrom, ">: ", t.rcptReply->firstLine()),
                elements,
                "Restrict relaying to authenticated clients and to the specific hosts that need "
                "it. On Exchange: find the receive connector whose RemoteIPRanges contain the "
                "address the server sees for this client (Get-ReceiveConnector | fl "
                "Name,RemoteIPRanges,PermissionGroups) and remove the Anonymous "
                "ms-Exch-SMTP-Accept-Any-Recipient right or narrow its ranges; check that no NAT "
                "in front of the server makes outside clients arrive from a trusted address."));
        } else if (t.test.kind == TestKind::Spoof) {
            findings.push_back(makeFinding(
                kSpoofingAccepted,
                cat(result.target, " accepted MAIL FROM:<", t.test.mailFrom, "> and RCPT TO:<",
                    t.test.rcptTo, "> from an unauthenticated client: ", t.rcptReply->firstLine()),
                elements,
                "Unless this server is meant to accept such mail (a partner connector, "
                "ExternalAuthoritative for specific hosts), remove "
                "ms-Exch-SMTP-Accept-Authoritative-Domain-Sender from Anonymous on the connector "
                "the probe landed on, and publish SPF/DMARC so other receivers reject the "
                "spoofed domain too."));
        }
    }
    const bool incomplete =
        result.status != ProbeStatus::Completed ||
        std::any_of(result.tests.begin(), result.tests.end(),
                    [](const TestResult& t) { return t.outcome == TestOutcome::NotRun; });
    if (incomplete && result.status != ProbeStatus::Invalid && result.status != ProbeStatus::Busy) {
        findings.push_back(makeFinding(
            kProbeIncomplete,
            cat(result.target, ": ", enumName(result.status), ": ", result.statusDetail), elements,
            "Check that the probe runs where it can reach the server "
            "(firewall rules, the port), then probe again; --timeout "
            "gives slow servers more time."));
    }
    analysis::sortFindings(findings);
    return findings;
}

}  // namespace mailtopo::probe
