#pragma once
// What a live probe does: the target, the envelope it tries, and its bounds in time. The
// probe only ever sends EHLO/HELO, STARTTLS, MAIL FROM, RCPT TO, RSET and QUIT — never DATA,
// so a probe cannot deliver a message whatever the server answers.

#include <string>
#include <vector>

#include "core/probe/probe_target.h"

namespace mailtopo::probe {

// Addresses a probe uses when the user names none. RFC 2606 reserves .invalid, so the relay
// test never names a real domain and nothing could be delivered even by a broken relay.
inline constexpr const char* kDefaultProbeSender = "relay-probe@mailtopo-probe.invalid";
inline constexpr const char* kDefaultRelayRecipient = "victim@mailtopo-relay-test.invalid";
inline constexpr const char* kSpoofLocalPart = "mailtopo-spoof-test";

struct ProbeLimits {
    int connectMs = 10000;  // TCP connect (and name resolution)
    int replyMs = 10000;    // each reply, the banner and the TLS handshake included
    int totalMs = 50000;    // the whole probe, retries included
    int retries = 1;        // further connections after one that failed or broke off
    int retryDelayMs = 1000;

    // --timeout SECONDS: connect and reply limits of SECONDS, the whole probe 5 × SECONDS.
    static ProbeLimits fromSeconds(int seconds);
};

struct ProbeOptions {
    ProbeTarget target;
    std::string helo;  // the EHLO name; empty: this machine's host name
    // The outside sender of the relay test (MAIL FROM), tried with every recipient.
    std::string mailFrom = kDefaultProbeSender;
    // RCPT TO of the relay transaction. One whose domain is in acceptedDomains is a local
    // recipient (should be accepted), any other is the relay test (should be refused).
    std::vector<std::string> recipients;
    std::vector<std::string> acceptedDomains;
    // The spoof test: MAIL FROM an address of an accepted domain, as an outside client, to
    // spoofRecipient. Empty: no spoof test.
    std::string spoofFrom;
    std::string spoofRecipient;
    bool startTls = false;
    ProbeLimits limits;
};

// The usual probe of a server that accepts `domain` (may be empty): recipients
// postmaster@domain (RFC 5321 makes every domain have one) and the .invalid relay victim,
// and, with a domain, the spoof test mailtopo-spoof-test@domain → postmaster@domain.
ProbeOptions standardProbeOptions(const ProbeTarget& target, const std::string& domain);

// Why `address` cannot go into MAIL FROM or RCPT TO (empty when it can): it must be
// local@domain of printable ASCII without spaces, angle brackets or line breaks, at most 254
// bytes, so nothing a user types can inject a command.
std::string mailboxProblem(const std::string& address);
// The same for the EHLO name: a host name or an address literal such as [192.0.2.7].
std::string heloProblem(const std::string& name);
// The same for an accepted domain ("contoso.example", "*.contoso.example"): it becomes
// postmaster@DOMAIN and the spoofed sender, so it is checked as a domain, not only as
// something that fits into an address.
std::string domainProblem(const std::string& domain);

// The domain of an address, lower case ("" without '@').
std::string domainOfAddress(const std::string& address);
bool isInDomains(const std::string& address, const std::vector<std::string>& domains);

}  // namespace mailtopo::probe
