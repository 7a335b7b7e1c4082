#include "core/probe/probe_plan.h"

#include <algorithm>

namespace mailtopo::probe {

const SmtpReply* TestResult::decisive() const {
    if (rcptReply)
        return &*rcptReply;
    return mailReply ? &*mailReply : nullptr;
}

std::vector<ProbeTest> planTests(const ProbeOptions& options) {
    std::vector<ProbeTest> tests;
    // Local recipients first: a server that answers them 250 and the relay victim 550 shows
    // the refusal is about relaying, not about the sender.
    for (const bool local : {true, false}) {
        for (const auto& rcpt : options.recipients) {
            if (isInDomains(rcpt, options.acceptedDomains) == local)
                tests.push_back(
                    {local ? TestKind::LocalRecipient : TestKind::Relay, options.mailFrom, rcpt});
        }
    }
    if (!options.spoofFrom.empty() && !options.spoofRecipient.empty())
        tests.push_back({TestKind::Spoof, options.spoofFrom, options.spoofRecipient});
    return tests;
}

std::vector<Transaction> groupTransactions(const std::vector<ProbeTest>& tests) {
    std::vector<Transaction> transactions;
    for (size_t i = 0; i < tests.size(); ++i) {
        // The spoof test always gets a transaction of its own, even when its sender happens to
        // equal the relay test's.
        const bool startNew = transactions.empty() ||
                              transactions.back().mailFrom != tests[i].mailFrom ||
                              tests[i].kind == TestKind::Spoof;
        if (startNew)
            transactions.push_back({tests[i].mailFrom, {}});
        transactions.back().tests.push_back(i);
    }
    return transactions;
}

TestOutcome outcomeOf(const SmtpReply* mailReply, const SmtpReply* rcptReply) {
    const SmtpReply* decisive = nullptr;
    if (!mailReply)
        return TestOutcome::NotRun;
    if (!mailReply->isPositive())
        decisive = mailReply;
    else if (!rcptReply)
        return TestOutcome::NotRun;
    else
        decisive = rcptReply;
    if (decisive->isPositive())
        return TestOutcome::Accepted;
    return decisive->isTransientFailure() ? TestOutcome::Deferred : TestOutcome::Refused;
}

void concludeVerdicts(ProbeResult& result) {
    auto judge = [&](TestKind kind, auto accepted, auto refused, auto inconclusive, auto none) {
        bool any = false, anyAccepted = false, allRefused = true;
        for (const auto& t : result.tests) {
            if (t.test.kind != kind)
                continue;
            any = true;
            anyAccepted = anyAccepted || t.outcome == TestOutcome::Accepted;
            allRefused = allRefused && t.outcome == TestOutcome::Refused;
        }
        const bool anyRun = std::any_of(
            result.tests.begin(), result.tests.end(),
            [&](const auto& t) { return t.test.kind == kind && t.outcome != TestOutcome::NotRun; });
        if (!any || !anyRun)
            return none;
        if (anyAccepted)
            return accepted;
        return allRefused ? refused : inconclusive;
    };
    result.relay = judge(TestKind::Relay, RelayVerdict::OpenRelay, RelayVerdict::RelayRefused,
                         RelayVerdict::Inconclusive, RelayVerdict::NotTested);
    result.spoof =
        judge(TestKind::Spoof, SpoofVerdict::SpoofingAccepted, SpoofVerdict::SpoofingRefused,
              SpoofVerdict::Inconclusive, SpoofVerdict::NotTested);
}

}  // namespace mailtopo::probe
