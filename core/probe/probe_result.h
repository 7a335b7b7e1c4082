#pragma once
// What a live probe saw: every step with its exact reply and timings, what the server
// advertised, the TLS session, and the outcome of each test (relay, spoof, local recipient).
// Data only; probe_output renders it and probe_findings judges it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/probe/ehlo_capabilities.h"
#include "core/probe/smtp_reply.h"
#include "core/util/enum_text.h"

namespace mailtopo::probe {

enum class StepKind : uint8_t {
    Resolve,  // name → address
    Connect,  // TCP handshake
    Banner,   // the server's greeting
    Ehlo,
    Helo,  // after a 5xx to EHLO
    StartTls,
    TlsHandshake,
    MailFrom,
    RcptTo,
    Rset,
    Quit,
    Wait,  // the pause before another connection
};

struct ProbeStep {
    StepKind kind = StepKind::Connect;
    int connection = 1;   // 1 for the first connection, 2 after a retry …
    std::string command;  // as sent, without CRLF; empty for connect/banner/TLS
    std::optional<SmtpReply> reply;
    std::string note;       // what happened instead of, or beside, a reply
    bool failed = false;    // timeout, close, refused connect, TLS failure
    long long startMs = 0;  // since the probe started
    long long elapsedMs = 0;

    bool operator==(const ProbeStep&) const = default;
};

struct TlsInfo {
    bool requested = false;  // --starttls
    bool offered = false;    // STARTTLS in the EHLO reply
    bool established = false;
    std::string protocol;  // "TLSv1.3"
    std::string cipher;
    std::string subject;  // the server certificate's subject, "CN=mx.example.net, O=…"
    std::string issuer;
    std::string notAfter;  // ISO 8601, UTC
    bool selfSigned = false;
    // Why the certificate would not be trusted (empty: it verified). The probe goes on
    // anyway: it tests relaying, not the certificate.
    std::vector<std::string> verificationErrors;
    std::string error;  // why TLS failed

    bool operator==(const TlsInfo&) const = default;
};

enum class TestKind : uint8_t {
    LocalRecipient,  // an outside sender to a recipient of an accepted domain: should pass
    Relay,           // an outside sender to a domain the server does not accept
    Spoof,           // an outside client claiming a sender of an accepted domain
};

enum class TestOutcome : uint8_t {
    NotRun,    // the session ended before the test
    Accepted,  // 2xx to MAIL FROM and to RCPT TO
    Refused,   // 5xx to MAIL FROM or RCPT TO
    Deferred,  // 4xx: the server may accept later (greylisting, rate limits)
};

struct ProbeTest {
    TestKind kind = TestKind::Relay;
    std::string mailFrom;
    std::string rcptTo;

    bool operator==(const ProbeTest&) const = default;
};

struct TestResult {
    ProbeTest test;
    TestOutcome outcome = TestOutcome::NotRun;
    std::optional<SmtpReply> mailReply;
    std::optional<SmtpReply> rcptReply;  // absent when MAIL FROM was refused
    int connection = 0;

    // The reply that decided: RCPT's, or MAIL's when that refused.
    const SmtpReply* decisive() const;

    bool operator==(const TestResult&) const = default;
};

enum class ProbeStatus : uint8_t {
    Completed,         // every test ran and the session ended with QUIT
    Refused,           // the server refused the session (banner 4xx/5xx, EHLO and HELO refused)
    Unreachable,       // no connection: name not resolved, refused, unreachable, connect timeout
    Timeout,           // a reply did not come in time
    Closed,            // the server closed the connection before the tests were done
    ProtocolError,     // the server did not speak SMTP
    DeadlineExceeded,  // the whole probe ran out of time
    TlsFailed,         // STARTTLS was accepted but the TLS handshake failed
    Cancelled,
    Busy,     // another probe of the same target is running
    Invalid,  // the target or the envelope was refused before anything was sent
};

enum class RelayVerdict : uint8_t { NotTested, OpenRelay, RelayRefused, Inconclusive };
enum class SpoofVerdict : uint8_t { NotTested, SpoofingAccepted, SpoofingRefused, Inconclusive };

struct ProbeResult {
    std::string target;   // as displayed: "192.0.2.7:25"
    std::string address;  // the address connected to (after name resolution)
    uint16_t port = 25;
    std::string helo;
    ProbeStatus status = ProbeStatus::Unreachable;
    std::string statusDetail;  // one sentence: what ended the probe
    int connections = 0;
    long long totalMs = 0;

    std::optional<SmtpReply> banner;
    std::optional<EhloCapabilities> ehlo;     // before STARTTLS
    std::optional<EhloCapabilities> ehloTls;  // after STARTTLS
    bool usedHelo = false;                    // EHLO was refused
    TlsInfo tls;
    std::vector<ProbeStep> steps;
    std::vector<TestResult> tests;
    RelayVerdict relay = RelayVerdict::NotTested;
    SpoofVerdict spoof = SpoofVerdict::NotTested;

    // The capabilities the tests ran under: after STARTTLS when TLS was established.
    const EhloCapabilities* capabilities() const {
        return ehloTls ? &*ehloTls : ehlo ? &*ehlo : nullptr;
    }
};

}  // namespace mailtopo::probe

namespace mailtopo {
template <>
struct EnumTraits<probe::StepKind> {
    static constexpr std::pair<probe::StepKind, std::string_view> list[] = {
        {probe::StepKind::Resolve, "resolve"},  {probe::StepKind::Connect, "connect"},
        {probe::StepKind::Banner, "banner"},    {probe::StepKind::Ehlo, "ehlo"},
        {probe::StepKind::Helo, "helo"},        {probe::StepKind::StartTls, "starttls"},
        {probe::StepKind::TlsHandshake, "tls"}, {probe::StepKind::MailFrom, "mail-from"},
        {probe::StepKind::RcptTo, "rcpt-to"},   {probe::StepKind::Rset, "rset"},
        {probe::StepKind::Quit, "quit"},        {probe::StepKind::Wait, "wait"}};
    static constexpr auto items = std::to_array(list);
};
template <>
struct EnumTraits<probe::TestKind> {
    static constexpr std::pair<probe::TestKind, std::string_view> list[] = {
        {probe::TestKind::LocalRecipient, "local-recipient"},
        {probe::TestKind::Relay, "relay"},
        {probe::TestKind::Spoof, "spoof"}};
    static constexpr auto items = std::to_array(list);
};
template <>
struct EnumTraits<probe::TestOutcome> {
    static constexpr std::pair<probe::TestOutcome, std::string_view> list[] = {
        {probe::TestOutcome::NotRun, "not-run"},
        {probe::TestOutcome::Accepted, "accepted"},
        {probe::TestOutcome::Refused, "refused"},
        {probe::TestOutcome::Deferred, "deferred"}};
    static constexpr auto items = std::to_array(list);
};
template <>
struct EnumTraits<probe::ProbeStatus> {
    static constexpr std::pair<probe::ProbeStatus, std::string_view> list[] = {
        {probe::ProbeStatus::Completed, "completed"},
        {probe::ProbeStatus::Refused, "refused"},
        {probe::ProbeStatus::Unreachable, "unreachable"},
        {probe::ProbeStatus::Timeout, "timeout"},
        {probe::ProbeStatus::Closed, "closed"},
        {probe::ProbeStatus::ProtocolError, "protocol-error"},
        {probe::ProbeStatus::DeadlineExceeded, "deadline-exceeded"},
        {probe::ProbeStatus::TlsFailed, "tls-failed"},
        {probe::ProbeStatus::Cancelled, "cancelled"},
        {probe::ProbeStatus::Busy, "busy"},
        {probe::ProbeStatus::Invalid, "invalid"}};
    static constexpr auto items = std::to_array(list);
};
template <>
struct EnumTraits<probe::RelayVerdict> {
    static constexpr std::pair<probe::RelayVerdict, std::string_view> list[] = {
        {probe::RelayVerdict::NotTested, "not-tested"},
        {probe::RelayVerdict::OpenRelay, "open-relay"},
        {probe::RelayVerdict::RelayRefused, "relay-refused"},
        {probe::RelayVerdict::Inconclusive, "inconclusive"}};
    static constexpr auto items = std::to_array(list);
};
template <>
struct EnumTraits<probe::SpoofVerdict> {
    static constexpr std::pair<probe::SpoofVerdict, std::string_view> list[] = {
        {probe::SpoofVerdict::NotTested, "not-tested"},
        {probe::SpoofVerdict::SpoofingAccepted, "spoofing-accepted"},
        {probe::SpoofVerdict::SpoofingRefused, "spoofing-refused"},
        {probe::SpoofVerdict::Inconclusive, "inconclusive"}};
    static constexpr auto items = std::to_array(list);
};
}  // namespace mailtopo
