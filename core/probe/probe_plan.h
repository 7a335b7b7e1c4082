#pragma once
// The tests a probe runs, in the order of seed 004's telnet session: one transaction from
// the outside sender to every recipient (local ones first, then the relay test), then the
// spoof transaction; RSET between them. And how replies become outcomes and verdicts.

#include <vector>

#include "core/probe/probe_options.h"
#include "core/probe/probe_result.h"

namespace mailtopo::probe {

// One MAIL FROM and the RCPT TOs that follow it.
struct Transaction {
    std::string mailFrom;
    std::vector<size_t> tests;  // indexes into the planned tests
};

std::vector<ProbeTest> planTests(const ProbeOptions& options);
std::vector<Transaction> groupTransactions(const std::vector<ProbeTest>& tests);

// The outcome of one test from its MAIL FROM reply and, when MAIL was accepted, its RCPT
// reply: a test is accepted only when both were.
TestOutcome outcomeOf(const SmtpReply* mailReply, const SmtpReply* rcptReply);

// Sets result.relay and result.spoof from the test results: one accepted relay test makes an
// open relay; refused only when every relay test ran and got a 5xx; 4xx only: inconclusive.
void concludeVerdicts(ProbeResult& result);

}  // namespace mailtopo::probe
