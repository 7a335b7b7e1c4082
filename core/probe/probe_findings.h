#pragma once
// What a live probe's result means as findings, in the same Finding form as the design's
// checks, so the CLI's exit code, JSON and the GUI treat them alike.

#include <vector>

#include "core/analysis/finding.h"
#include "core/analysis/structure_checks.h"
#include "core/probe/probe_result.h"

namespace mailtopo::probe {

inline constexpr analysis::CheckInfo kOpenRelay{
    "open-relay", analysis::Severity::Error, "The live server relays for an outside client", "R39",
    "The probe, an unauthenticated client, got 2xx to RCPT TO for a domain the server does not "
    "accept. Anyone who can reach this address can send spam through it."};
inline constexpr analysis::CheckInfo kSpoofingAccepted{
    "spoofing-accepted", analysis::Severity::Warning,
    "The live server accepts an accepted-domain sender from an outside client", "R23",
    "The probe claimed a sender of an accepted domain without authenticating, and the server "
    "accepted it. Exchange refuses this for Anonymous (no "
    "ms-Exch-SMTP-Accept-Authoritative-Domain-Sender) unless a connector or ACE grants it."};
inline constexpr analysis::CheckInfo kProbeIncomplete{
    "probe-incomplete", analysis::Severity::Warning, "The live probe could not run every test", "",
    "The connection failed, timed out or was refused before the relay and spoof tests were done, "
    "so nothing is known about them."};
inline constexpr analysis::CheckInfo kModelRealityMismatch{
    "model-reality-mismatch", analysis::Severity::Warning,
    "The live server does not behave as the design predicts", "",
    "The simulator traced the probe's tests through the design and predicted another outcome "
    "than the server gave. Some assumption of the design (connector ranges, permission ACEs, "
    "NAT, accepted domains, firewall rules) is not what is deployed."};

// Every rule a probe can report, for --list-rules style listings and the docs.
const std::vector<analysis::CheckInfo>& probeRuleCatalog();

analysis::Finding makeFinding(const analysis::CheckInfo& rule, std::string message,
                              std::vector<std::string> elements = {}, std::string remediation = {});

// open-relay, spoofing-accepted and probe-incomplete as the result shows them. `element`
// (the design's id of the probed server, may be empty) is named in each finding.
std::vector<analysis::Finding> probeFindings(const ProbeResult& result,
                                             const std::string& element = {});

}  // namespace mailtopo::probe
