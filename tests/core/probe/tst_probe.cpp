// The live SMTP probe: the reply parser, EHLO extensions, target checks and verdicts on their
// own; the state machine against servers in this process that misbehave on purpose (close
// after the banner, never answer, refuse EHLO) and an Exchange-like script; then against two
// real Postfix instances on 127.0.0.1 (one relaying, one closed) with exact reply codes, over
// STARTTLS, and compared with a design. Every wait has a limit; every server is stopped.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>
#include <memory>

#include "core/io/design_file.h"
#include "core/net/text_util.h"
#include "core/probe/design_comparison.h"
#include "core/probe/probe_findings.h"
#include "core/probe/probe_output.h"
#include "core/probe/smtp_probe.h"
#include "tests/core/probe/fake_smtp_server.h"
#include "tests/core/probe/postfix_instance.h"

using namespace mailtopo;
using namespace mailtopo::probe;
using mailtopo::testing::FakeSmtpServer;
using mailtopo::testing::PostfixInstance;

namespace {

constexpr int kProbeWaitMs = 30000;  // the most any single probe here may take

ProbeTarget loopback(quint16 port) {
    std::string error;
    auto target = parseProbeTarget("127.0.0.1:" + std::to_string(port), &error);
    return target ? *target : ProbeTarget{};
}

ProbeOptions optionsFor(quint16 port, const std::string& domain) {
    ProbeOptions options = standardProbeOptions(loopback(port), domain);
    options.helo = "probe.test.invalid";
    options.limits.connectMs = 3000;
    options.limits.replyMs = 3000;
    options.limits.totalMs = 20000;
    options.limits.retries = 0;
    options.limits.retryDelayMs = 100;
    return options;
}

// Runs a probe to its end; false when it did not finish within `limitMs` (it is cancelled).
bool runBounded(SmtpProbe& probe, int limitMs = kProbeWaitMs) {
    QSignalSpy finished(&probe, &SmtpProbe::finished);
    probe.start();
    if (finished.wait(limitMs))
        return true;
    probe.cancel();
    finished.wait(2000);
    return false;
}

const TestResult* testOf(const ProbeResult& r, TestKind kind) {
    for (const auto& t : r.tests) {
        if (t.test.kind == kind)
            return &t;
    }
    return nullptr;
}

SmtpReply replyOf(int code, std::string line) {
    ReplyReader reader;
    reader.feed(std::to_string(code) + " " + line + "\r\n");
    return reader.takeReply();
}

bool sawCommand(const FakeSmtpServer& server, const char* verb) {
    for (const QByteArray& line : server.commands()) {
        if (line.toUpper().startsWith(verb))
            return true;
    }
    return false;
}

}  // namespace

class TestProbe : public QObject {
    Q_OBJECT

private slots:
    // ---- parsing -----------------------------------------------------------------------

    void replyReaderAssemblesMultiLineReplies() {
        ReplyReader reader;
        // Split mid-line and mid-CRLF, with a bare LF line, as TCP may deliver it.
        QVERIFY(reader.feed("220-mail.contoso.example Microsoft ESMTP\r"));
        QVERIFY(!reader.hasReply());
        QVERIFY(reader.feed("\n220 ready\n250 2.1.5 Recipient OK\r\n550 5.7.54 SMTP; Unable"));
        QVERIFY(reader.hasReply());
        const SmtpReply banner = reader.takeReply();
        QCOMPARE(banner.code, 220);
        QCOMPARE(banner.lines.size(), size_t(2));
        QCOMPARE(banner.lines[1], std::string("ready"));
        QCOMPARE(banner.enhancedStatus, std::string());
        QCOMPARE(banner.wireText(),
                 std::string("220-mail.contoso.example Microsoft ESMTP\n220 ready"));
        const SmtpReply ok = reader.takeReply();
        QCOMPARE(ok.code, 250);
        QCOMPARE(ok.enhancedStatus, std::string("2.1.5"));
        QVERIFY(!reader.hasReply());
        QVERIFY(reader.hasPartialInput());
        QVERIFY(reader.feed(" to relay\r\n"));
        const SmtpReply refused = reader.takeReply();
        QCOMPARE(refused.firstLine(), std::string("550 5.7.54 SMTP; Unable to relay"));
        QCOMPARE(refused.enhancedStatus, std::string("5.7.54"));
        QVERIFY(refused.isPermanentFailure());
        QVERIFY(!reader.hasPartialInput());
    }

    void replyReaderRefusesWhatIsNotSmtp() {
        ReplyReader http;
        QVERIFY(!http.feed("HTTP/1.1 400 Bad Request\r\n"));
        QVERIFY(http.error().find("not an SMTP reply line") != std::string::npos);
        QVERIFY(!http.feed("220 ok\r\n"));  // stays failed

        ReplyReader changing;
        QVERIFY(!changing.feed("250-a\r\n550 b\r\n"));
        QVERIFY(changing.error().find("changed from 250 to 550") != std::string::npos);

        ReplyReader endless;
        QVERIFY(!endless.feed(std::string(ReplyReader::kMaxLineBytes + 10, 'x')));

        ReplyReader tooMany;
        std::string lines;
        for (size_t i = 0; i <= ReplyReader::kMaxLinesPerReply; ++i)
            lines += "250-x\r\n";
        QVERIFY(!tooMany.feed(lines));
    }

    void ehloExtensionsAreRecorded() {
        ReplyReader reader;
        reader.feed(
            "250-mail.contoso.example Hello [192.0.2.7]\r\n250-SIZE 37748736\r\n"
            "250-STARTTLS\r\n250-X-ANONYMOUSTLS\r\n250-AUTH NTLM login\r\n"
            "250-AUTH=LOGIN PLAIN\r\n250-X-EXPS GSSAPI NTLM\r\n250 XRDST\r\n");
        const EhloCapabilities caps = parseEhlo(reader.takeReply());
        QCOMPARE(caps.greeting, std::string("mail.contoso.example Hello [192.0.2.7]"));
        QCOMPARE(caps.extensions.size(), size_t(7));
        QVERIFY(caps.has("starttls"));
        QVERIFY(caps.has("X-ANONYMOUSTLS"));
        QCOMPARE(caps.find("X-EXPS")->params, (std::vector<std::string>{"GSSAPI", "NTLM"}));
        QCOMPARE(caps.authMechanisms(), (std::vector<std::string>{"NTLM", "LOGIN", "PLAIN"}));
        QCOMPARE(caps.sizeLimit(), std::optional<long long>(37748736));
        QVERIFY(!caps.has("CHUNKING"));
    }

    void targetsAreParsedAndUnusableOnesRefused_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("display");  // empty: refused
        QTest::addColumn<QString>("problem");  // part of the message when refused
        QTest::newRow("ipv4") << "192.0.2.7"
                              << "192.0.2.7:25"
                              << "";
        QTest::newRow("ipv4 port") << "192.0.2.7:587"
                                   << "192.0.2.7:587"
                                   << "";
        QTest::newRow("ipv6 port") << "[2001:db8::7]:2525"
                                   << "[2001:db8::7]:2525"
                                   << "";
        QTest::newRow("bare ipv6") << "2001:db8::7"
                                   << "[2001:db8::7]:25"
                                   << "";
        QTest::newRow("name") << "mail.contoso.example"
                              << "mail.contoso.example:25"
                              << "";
        QTest::newRow("name port") << "localhost:2525"
                                   << "localhost:2525"
                                   << "";
        QTest::newRow("port 0") << "192.0.2.7:0"
                                << ""
                                << "port 0 is not a port";
        QTest::newRow("port high") << "192.0.2.7:70000"
                                   << ""
                                   << "out of range";
        QTest::newRow("port text") << "192.0.2.7:smtp"
                                   << ""
                                   << "must be a number";
        QTest::newRow("bad octet") << "10.0.0.300"
                                   << ""
                                   << "greater than 255";
        QTest::newRow("garbage") << "mail server!"
                                 << ""
                                 << "neither an IP address";
        QTest::newRow("empty") << ""
                               << ""
                               << "empty";
        QTest::newRow("multicast") << "224.0.0.25:25"
                                   << ""
                                   << "multicast";
        QTest::newRow("broadcast") << "255.255.255.255"
                                   << ""
                                   << "broadcast";
        QTest::newRow("unspecified") << "0.0.0.0"
                                     << ""
                                     << "unspecified";
        QTest::newRow("this network") << "0.1.2.3"
                                      << ""
                                      << "unspecified";
        QTest::newRow("v6 unspecified") << "[::]:25"
                                        << ""
                                        << "unspecified";
        QTest::newRow("v6 multicast") << "ff02::1"
                                      << ""
                                      << "multicast";
        QTest::newRow("mapped multicast") << "[::ffff:239.1.1.1]:25"
                                          << ""
                                          << "multicast";
        QTest::newRow("unclosed bracket") << "[2001:db8::7:25"
                                          << ""
                                          << "closing";
    }

    void targetsAreParsedAndUnusableOnesRefused() {
        QFETCH(QString, text);
        QFETCH(QString, display);
        QFETCH(QString, problem);
        std::string error;
        const auto target = parseProbeTarget(text.toStdString(), &error);
        if (display.isEmpty()) {
            QVERIFY2(!target, qPrintable(text));
            QVERIFY2(QString::fromStdString(error).contains(problem), error.c_str());
        } else {
            QVERIFY2(target, error.c_str());
            QCOMPARE(QString::fromStdString(target->display()), display);
        }
    }

    void planPutsLocalRecipientsFirstAndSpoofApart() {
        ProbeOptions options = standardProbeOptions(loopback(25), "Contoso.Example");
        options.recipients.insert(options.recipients.begin(), "someone@fabrikam.example");
        const auto tests = planTests(options);
        QCOMPARE(tests.size(), size_t(4));
        QCOMPARE(tests[0].kind, TestKind::LocalRecipient);
        QCOMPARE(tests[0].rcptTo, std::string("postmaster@contoso.example"));
        QCOMPARE(tests[1].kind, TestKind::Relay);
        QCOMPARE(tests[2].kind, TestKind::Relay);
        QCOMPARE(tests[3].kind, TestKind::Spoof);
        QCOMPARE(tests[3].mailFrom, std::string("mailtopo-spoof-test@contoso.example"));
        const auto transactions = groupTransactions(tests);
        QCOMPARE(transactions.size(), size_t(2));
        QCOMPARE(transactions[0].tests.size(), size_t(3));

        // Without a domain there is nothing to spoof and every recipient is a relay test.
        const auto bare = planTests(standardProbeOptions(loopback(25), ""));
        QCOMPARE(bare.size(), size_t(1));
        QCOMPARE(bare[0].kind, TestKind::Relay);
    }

    void verdictsFollowTheReplies() {
        const SmtpReply ok = replyOf(250, "2.1.5 Ok");
        const SmtpReply no = replyOf(554, "5.7.1 Relay access denied");
        const SmtpReply later = replyOf(450, "4.7.1 Try again later");
        QCOMPARE(outcomeOf(&ok, &ok), TestOutcome::Accepted);
        QCOMPARE(outcomeOf(&ok, &no), TestOutcome::Refused);
        QCOMPARE(outcomeOf(&no, nullptr), TestOutcome::Refused);
        QCOMPARE(outcomeOf(&ok, &later), TestOutcome::Deferred);
        QCOMPARE(outcomeOf(&ok, nullptr), TestOutcome::NotRun);

        ProbeResult r;
        r.tests = {
            {{TestKind::Relay, "a@x.invalid", "b@y.invalid"}, TestOutcome::Refused, ok, no, 1},
            {{TestKind::Relay, "a@x.invalid", "c@y.invalid"}, TestOutcome::Accepted, ok, ok, 1},
            {{TestKind::Spoof, "a@c.example", "p@c.example"}, TestOutcome::Deferred, ok, later, 1}};
        concludeVerdicts(r);
        QCOMPARE(r.relay, RelayVerdict::OpenRelay);
        QCOMPARE(r.spoof, SpoofVerdict::Inconclusive);
        r.tests[1].outcome = TestOutcome::Refused;
        r.tests[2].outcome = TestOutcome::NotRun;
        concludeVerdicts(r);
        QCOMPARE(r.relay, RelayVerdict::RelayRefused);
        QCOMPARE(r.spoof, SpoofVerdict::NotTested);
    }

    void onlyHarmlessCommandsReachTheWire() {
        for (const char* ok : {"EHLO a.example", "HELO a.example", "STARTTLS", "MAIL FROM:<a@b.c>",
                               "RCPT TO:<a@b.c>", "RSET", "QUIT"})
            QVERIFY2(SmtpProbe::isAllowedCommand(ok), ok);
        for (const char* bad : {"DATA", "data", "BDAT 10 LAST", "VRFY a", "EXPN x", "AUTH LOGIN",
                                "RCPT TO:<a@b.c>\r\nDATA", "MAIL FROM:<a@b.c>\nDATA", ""})
            QVERIFY2(!SmtpProbe::isAllowedCommand(bad), bad);
        QVERIFY(!mailboxProblem("a@b.c>\r\nDATA").empty());
        QVERIFY(!mailboxProblem("a b@c.d").empty());
        QVERIFY(!mailboxProblem("nodomain").empty());
        QVERIFY(mailboxProblem("postmaster@contoso.example").empty());
        QVERIFY(!heloProblem("evil\r\nDATA").empty());
        QVERIFY(domainProblem("contoso.example").empty());
        QVERIFY(domainProblem("*.contoso.example").empty());
        QVERIFY(!domainProblem("contoso example").empty());
        QVERIFY(!domainProblem("*").empty());
        QVERIFY(!domainProblem("evil.example>\r\nDATA").empty());
    }

    // ---- what the text output shows ----------------------------------------------------

    void serverTextIsEscapedForTheTerminal() {
        using net::printable;
        QCOMPARE(printable(std::string("a\tb\nc\rd\x1b[2J\x07") + '\0' + "\x7f"),
                 std::string("a\\tb\\nc\\rd\\e[2J\\x07\\x00\\x7f"));
        // Valid UTF-8 stays; a backslash is not doubled.
        const std::string utf8 = "Gr\xc3\xbc\xc3\x9f\x65 \xe2\x9c\x93 \xf0\x9f\x98\x80 C:\\x";
        QCOMPARE(printable(utf8), utf8);
        // C1 controls (CSI as U+009B), a lone C1 byte, an overlong '/', a surrogate, a code
        // point above U+10FFFF and a cut-off sequence: byte by byte.
        QCOMPARE(printable("\xc2\x9b"
                           "2J"),
                 std::string("\\xc2\\x9b"
                             "2J"));
        QCOMPARE(printable("\x9b"
                           "2J"),
                 std::string("\\x9b"
                             "2J"));
        QCOMPARE(printable("\xc0\xaf"), std::string("\\xc0\\xaf"));
        QCOMPARE(printable("\xed\xa0\x80"), std::string("\\xed\\xa0\\x80"));
        QCOMPARE(printable("\xf4\x90\x80\x80"), std::string("\\xf4\\x90\\x80\\x80"));
        QCOMPARE(printable("a\xe2\x9c"), std::string("a\\xe2\\x9c"));
        QCOMPARE(printable(printable(utf8 + "\x1b\xff")), printable(utf8 + "\x1b\xff"));
    }

    // Line feeds can reach a result where the wire cannot carry them (a certificate subject,
    // an error string): a forged line must not appear in the text, and only our own line
    // feeds may.
    void probeTextShowsNoControlByteOfTheServer() {
        const std::string forged = "\n  Relay:    refused (not an open relay)";
        ProbeResult r;
        r.target = "127.0.0.1:2525";
        r.status = ProbeStatus::Completed;
        r.statusDetail = "every test ran" + forged;
        r.connections = 1;
        r.banner = replyOf(220, "mx.test.invalid ESMTP\x1b[2J\x07\r" + forged.substr(1));
        ProbeStep connect;
        connect.note = "connected" + forged;
        r.steps.push_back(connect);
        r.tls.requested = true;
        r.tls.established = true;
        r.tls.protocol = "TLSv1.3";
        r.tls.subject = "CN=mx.test.invalid\n  Verified:    yes";
        r.tls.issuer = "CN=x\x1b[8m";  // ESC [8m hides the text after it
        r.tls.verificationErrors = {"The certificate is self-signed" + forged};
        const ProbeTest relay{TestKind::Relay, kDefaultProbeSender, kDefaultRelayRecipient};
        r.tests = {{relay, TestOutcome::Accepted, replyOf(250, "2.1.0 Ok"),
                    replyOf(250, "2.1.5 Ok\x1b[1A\x1b[2K\r" + forged.substr(1)), 1}};
        r.relay = RelayVerdict::OpenRelay;
        ProbeReport report;
        report.result = &r;
        report.findings = probeFindings(r);
        QCOMPARE(report.findings.size(), size_t(1));

        const std::string text = probeReportToText(report);
        for (const char c : text)
            QVERIFY2(static_cast<unsigned char>(c) >= 0x20 || c == '\n', text.c_str());
        QVERIFY2(text.find(forged) == std::string::npos, text.c_str());
        QVERIFY2(text.find("\n  Verified:    yes") == std::string::npos, text.c_str());
        QVERIFY2(text.find("every test ran\\n  Relay:    refused") != std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("CN=mx.test.invalid\\n  Verified:    yes, issuer CN=x\\e[8m") !=
                     std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("\n  Relay:    OPEN RELAY") != std::string::npos, text.c_str());
        QVERIFY2(text.find("2.1.5 Ok\\e[1A\\e[2K\\r  Relay:") != std::string::npos, text.c_str());
    }

    // ---- against servers in this process ---------------------------------------------------

    void exchangeLikeServerRefusesRelayAndSpoofing() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Exchange);
        QVERIFY(server.isListening());
        SmtpProbe probe(optionsFor(server.port(), "contoso.example"));
        QVERIFY(runBounded(probe));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Completed);
        QCOMPARE(r.connections, 1);
        QCOMPARE(r.banner->lines.size(), size_t(2));  // the multi-line banner, whole
        QVERIFY(r.ehlo->has("X-ANONYMOUSTLS"));
        QCOMPARE(r.ehlo->find("X-EXPS")->params, (std::vector<std::string>{"GSSAPI", "NTLM"}));
        QCOMPARE(r.ehlo->authMechanisms(), std::vector<std::string>{"NTLM"});
        QCOMPARE(testOf(r, TestKind::LocalRecipient)->outcome, TestOutcome::Accepted);
        const TestResult* relay = testOf(r, TestKind::Relay);
        QCOMPARE(relay->outcome, TestOutcome::Refused);
        QCOMPARE(relay->rcptReply->code, 550);
        QCOMPARE(relay->rcptReply->enhancedStatus, std::string("5.7.54"));
        const TestResult* spoof = testOf(r, TestKind::Spoof);
        QCOMPARE(spoof->outcome, TestOutcome::Refused);
        QCOMPARE(spoof->mailReply->firstLine(),
                 std::string("550 5.7.1 Client does not have permissions to send as this sender"));
        QVERIFY(!spoof->rcptReply);  // no RCPT after a refused MAIL FROM
        QCOMPARE(r.relay, RelayVerdict::RelayRefused);
        QCOMPARE(r.spoof, SpoofVerdict::SpoofingRefused);
        QVERIFY(probeFindings(r).empty());
        // Every step has its timing, and the session was closed politely, without DATA.
        for (const auto& step : r.steps)
            QVERIFY(step.elapsedMs >= 0 && step.startMs >= 0 && step.startMs <= r.totalMs);
        const QList<QByteArray> expected = {"EHLO probe.test.invalid",
                                            "MAIL FROM:<relay-probe@mailtopo-probe.invalid>",
                                            "RCPT TO:<postmaster@contoso.example>",
                                            "RCPT TO:<victim@mailtopo-relay-test.invalid>",
                                            "RSET",
                                            "MAIL FROM:<mailtopo-spoof-test@contoso.example>",
                                            "RSET",
                                            "QUIT"};
        QCOMPARE(server.commands(), expected);
        QVERIFY(!sawCommand(server, "DATA"));
    }

    void refusedEhloFallsBackToHelo() {
        FakeSmtpServer server(FakeSmtpServer::Mode::EhloRefused);
        SmtpProbe probe(optionsFor(server.port(), "contoso.example"));
        QVERIFY(runBounded(probe));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Completed);
        QVERIFY(r.usedHelo);
        QVERIFY(r.ehlo && r.ehlo->extensions.empty());
        QCOMPARE(server.commands().value(0), QByteArray("EHLO probe.test.invalid"));
        QCOMPARE(server.commands().value(1), QByteArray("HELO probe.test.invalid"));
        QCOMPARE(r.relay, RelayVerdict::RelayRefused);
    }

    void serverClosingAfterTheBannerIsRetriedThenReported() {
        FakeSmtpServer server(FakeSmtpServer::Mode::CloseAfterBanner);
        ProbeOptions options = optionsFor(server.port(), "contoso.example");
        options.limits.retries = 1;
        SmtpProbe probe(options);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runBounded(probe, 10000));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Closed);
        QCOMPARE(r.connections, 2);
        QCOMPARE(server.connectionsSeen(), 2);  // one at a time, one retry, no more
        QCOMPARE(r.banner->firstLine(), std::string("220 closing.test.invalid ESMTP"));
        QVERIFY(r.statusDetail.find("closed the connection") != std::string::npos);
        QCOMPARE(r.relay, RelayVerdict::NotTested);
        QVERIFY(clock.elapsed() < 8000);
        const auto findings = probeFindings(r);
        QCOMPARE(findings.size(), size_t(1));
        QCOMPARE(findings[0].id, std::string("probe-incomplete"));
    }

    void silentServerTimesOut() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Silent);
        ProbeOptions options = optionsFor(server.port(), "contoso.example");
        options.limits.replyMs = 400;
        SmtpProbe probe(options);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runBounded(probe, 10000));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Timeout);
        QVERIFY(r.statusDetail.find("no banner within 0.4 s") != std::string::npos);
        QVERIFY(!r.banner);
        QVERIFY(clock.elapsed() >= 350 && clock.elapsed() < 5000);
        QCOMPARE(server.connectionsSeen(), 1);
        QVERIFY(r.steps.back().failed);
    }

    void theWholeProbeHasADeadline() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Silent);
        ProbeOptions options = optionsFor(server.port(), "contoso.example");
        options.limits.replyMs = 20000;
        options.limits.totalMs = 600;
        SmtpProbe probe(options);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runBounded(probe, 10000));
        QCOMPARE(probe.result().status, ProbeStatus::DeadlineExceeded);
        QVERIFY(clock.elapsed() >= 550 && clock.elapsed() < 5000);
    }

    void refusedConnectionIsUnreachable() {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            port = closed.serverPort();
        }
        ProbeOptions options = optionsFor(port, "contoso.example");
        options.limits.retries = 1;
        SmtpProbe probe(options);
        QVERIFY(runBounded(probe, 10000));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Unreachable);
        QCOMPARE(r.connections, 2);
        QVERIFY(r.statusDetail.find("could not connect to 127.0.0.1:") != std::string::npos);
    }

    void oneConnectionAtATimePerTarget() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Silent);
        SmtpProbe first(optionsFor(server.port(), "contoso.example"));
        QSignalSpy firstDone(&first, &SmtpProbe::finished);
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionsSeen(), 1, 5000);
        SmtpProbe second(optionsFor(server.port(), "contoso.example"));
        QVERIFY(runBounded(second, 5000));
        QCOMPARE(second.result().status, ProbeStatus::Busy);
        QCOMPARE(server.connectionsSeen(), 1);
        first.cancel();
        QVERIFY(firstDone.wait(2000));
        QCOMPARE(first.result().status, ProbeStatus::Cancelled);
        // The target is free again once the first probe ended.
        SmtpProbe third(optionsFor(server.port(), "contoso.example"));
        QSignalSpy thirdDone(&third, &SmtpProbe::finished);
        third.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionsSeen(), 2, 5000);
        third.cancel();
        QVERIFY(thirdDone.wait(2000));
    }

    void invalidOptionsNeverConnect() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Exchange);
        ProbeOptions injected = optionsFor(server.port(), "contoso.example");
        injected.recipients.push_back("x@y.example>\r\nDATA");
        SmtpProbe probe(injected);
        QVERIFY(runBounded(probe, 5000));
        QCOMPARE(probe.result().status, ProbeStatus::Invalid);

        ProbeOptions portZero = optionsFor(server.port(), "contoso.example");
        portZero.target.port = 0;
        SmtpProbe zero(portZero);
        QVERIFY(runBounded(zero, 5000));
        QCOMPARE(zero.result().status, ProbeStatus::Invalid);

        QTest::qWait(50);
        QCOMPARE(server.connectionsSeen(), 0);
    }

    // ---- prediction beside reality -------------------------------------------------------

    void designMismatchesAreFoundBothWays() {
        // E8: the design's internet host relays through EX16 (inbound NAT onto a relay
        // connector). A server that refuses the relay contradicts it.
        const auto e08 = io::loadDesignFile(
            MAILTOPO_SOURCE_DIR "/tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo");
        QVERIFY(e08.ok());
        std::string error;
        const auto target = resolveDesignTarget(*e08.design, "EX16", "", loopback(2525), &error);
        QVERIFY2(target, error.c_str());
        QCOMPARE(target->destination, std::string("198.51.100.25:25"));
        QVERIFY(target->how.find("127.0.0.1 is not an address of EX16") != std::string::npos);
        const std::vector<ProbeTest> tests = {
            {TestKind::Relay, kDefaultProbeSender, kDefaultRelayRecipient}};
        const auto predictions = predictTests(*e08.design, *target, tests, "probe.test.invalid");
        QCOMPARE(predictions.size(), size_t(1));
        QCOMPARE(predictions[0].expectation, Expectation::Accepted);

        ProbeResult refused;
        refused.target = "127.0.0.1:2525";
        refused.status = ProbeStatus::Completed;
        refused.banner = replyOf(220, "x ESMTP");
        refused.tests = {
            {tests[0], TestOutcome::Refused, replyOf(250, "2.1.0 Ok"),
             replyOf(554, "5.7.1 <victim@mailtopo-relay-test.invalid>: Relay access denied"), 1}};
        const auto mismatch = compareWithDesign(*e08.design, *target, predictions, refused);
        QCOMPARE(mismatch.findings.size(), size_t(1));
        const analysis::Finding& f = mismatch.findings[0];
        QCOMPARE(f.id, std::string("model-reality-mismatch"));
        QCOMPARE(f.severity, analysis::Severity::Warning);
        QVERIFY2(f.message.find("the design predicts accepted") != std::string::npos,
                 f.message.c_str());
        QVERIFY2(f.message.find("554 5.7.1") != std::string::npos, f.message.c_str());
        QVERIFY2(f.remediation.find("RemoteIPRanges of EX16\\Relay") != std::string::npos,
                 f.remediation.c_str());
        QVERIFY2(f.remediation.find("translation by FW inbound NAT MX") != std::string::npos,
                 f.remediation.c_str());
        QVERIFY(mismatch.tests[0].mismatch);

        ProbeResult relayed = refused;
        relayed.tests[0].outcome = TestOutcome::Accepted;
        relayed.tests[0].rcptReply = replyOf(250, "2.1.5 Ok");
        const auto agree = compareWithDesign(*e08.design, *target, predictions, relayed);
        QVERIFY(agree.findings.empty());
        QVERIFY(!agree.tests[0].mismatch);

        // The reverse: single-server's front end refuses relaying; a server that relays
        // contradicts the design.
        const auto single =
            io::loadDesignFile(MAILTOPO_SOURCE_DIR "/resources/examples/single-server.mailtopo");
        QVERIFY(single.ok());
        const auto mail01 =
            resolveDesignTarget(*single.design, "MAIL01", "", loopback(2525), &error);
        QVERIFY2(mail01, error.c_str());
        const auto closedPrediction =
            predictTests(*single.design, *mail01, tests, "probe.test.invalid");
        QCOMPARE(closedPrediction[0].expectation, Expectation::Refused);
        const auto reverse = compareWithDesign(*single.design, *mail01, closedPrediction, relayed);
        QCOMPARE(reverse.findings.size(), size_t(1));
        QVERIFY2(reverse.findings[0].remediation.find("Accept-Any-Recipient") != std::string::npos,
                 reverse.findings[0].remediation.c_str());

        // A server nobody could reach, where the design predicts a session.
        ProbeResult unreachable;
        unreachable.target = "127.0.0.1:2525";
        unreachable.status = ProbeStatus::Unreachable;
        unreachable.statusDetail = "could not connect to 127.0.0.1:2525: Connection refused";
        unreachable.tests = {{tests[0], TestOutcome::NotRun, std::nullopt, std::nullopt, 0}};
        const auto down = compareWithDesign(*e08.design, *target, predictions, unreachable);
        QCOMPARE(down.findings.size(), size_t(1));
        QVERIFY(down.findings[0].message.find("no session") != std::string::npos);

        // A probed address the design holds is traced as probed.
        const auto inside = resolveDesignTarget(*e08.design, "ex16", "",
                                                *parseProbeTarget("10.0.0.20:587"), &error);
        QVERIFY2(inside, error.c_str());
        QCOMPARE(inside->destination, std::string("10.0.0.20:587"));
        QVERIFY(inside->how.find("is EX16's address in the design") != std::string::npos);
        const auto published = resolveDesignTarget(*e08.design, "ex16", "",
                                                   *parseProbeTarget("198.51.100.25"), &error);
        QVERIFY2(published, error.c_str());
        QCOMPARE(published->destination, std::string("198.51.100.25:25"));
        QVERIFY(published->how.find("inbound NAT MX of FW") != std::string::npos);

        QVERIFY(!resolveDesignTarget(*e08.design, "nosuch", "", loopback(25), &error));
        QVERIFY(error.find("no host or VIP") != std::string::npos);
        QVERIFY(!resolveDesignTarget(*e08.design, "inet66", "", loopback(25), &error));
    }

    // ---- against real Postfix instances ---------------------------------------------------

    void initTestCase() {
        postfixProblem_ = PostfixInstance::unavailableReason();
        // CI installs postfix and runs as root: a skip there would hide a broken recipe.
        if (!postfixProblem_.isEmpty() && qEnvironmentVariableIsSet("CI"))
            QFAIL(qPrintable(QStringLiteral("CI must run the Postfix tests: ") + postfixProblem_));
    }

    void postfixRelayingInstanceIsAnOpenRelay() {
        PostfixInstance* postfix = instance(PostfixInstance::Mode::Relay);
        if (!postfix)
            return;
        SmtpProbe probe(optionsFor(postfix->port(), "local.test"));
        QVERIFY(runBounded(probe));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Completed);
        QCOMPARE(r.banner->firstLine(), std::string("220 smtp-probe.test.invalid ESMTP test"));
        QVERIFY(r.ehlo->has("STARTTLS"));
        QCOMPARE(testOf(r, TestKind::LocalRecipient)->rcptReply->firstLine(),
                 std::string("250 2.1.5 Ok"));
        QCOMPARE(testOf(r, TestKind::Relay)->rcptReply->firstLine(), std::string("250 2.1.5 Ok"));
        QCOMPARE(testOf(r, TestKind::Spoof)->rcptReply->code, 250);
        QCOMPARE(r.relay, RelayVerdict::OpenRelay);
        QCOMPARE(r.spoof, SpoofVerdict::SpoofingAccepted);
        const auto findings = probeFindings(r);
        QCOMPARE(findings.size(), size_t(2));
        QCOMPARE(findings[0].id, std::string("open-relay"));
        QCOMPARE(findings[1].id, std::string("spoofing-accepted"));
        QVERIFY(r.totalMs < 10000);
        assertNothingDelivered(*postfix);
    }

    void postfixClosedInstanceRefusesRelayAndSpoofing() {
        PostfixInstance* postfix = instance(PostfixInstance::Mode::Closed);
        if (!postfix)
            return;
        SmtpProbe probe(optionsFor(postfix->port(), "local.test"));
        QVERIFY(runBounded(probe));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Completed);
        QCOMPARE(testOf(r, TestKind::LocalRecipient)->outcome, TestOutcome::Accepted);
        const TestResult* relay = testOf(r, TestKind::Relay);
        QCOMPARE(
            relay->rcptReply->firstLine(),
            std::string("554 5.7.1 <victim@mailtopo-relay-test.invalid>: Relay access denied"));
        const TestResult* spoof = testOf(r, TestKind::Spoof);
        QCOMPARE(spoof->mailReply->code, 250);  // Postfix decides senders at RCPT time
        QCOMPARE(spoof->rcptReply->code, 554);
        QCOMPARE(spoof->rcptReply->enhancedStatus, std::string("5.7.1"));
        QVERIFY(spoof->rcptReply->firstLine().find("Spoofed sender") != std::string::npos);
        QCOMPARE(r.relay, RelayVerdict::RelayRefused);
        QCOMPARE(r.spoof, SpoofVerdict::SpoofingRefused);
        QVERIFY(probeFindings(r).empty());
        assertNothingDelivered(*postfix);
    }

    void postfixStartTlsWithASelfSignedCertificate() {
        PostfixInstance* postfix = instance(PostfixInstance::Mode::Closed);
        if (!postfix)
            return;
        ProbeOptions options = optionsFor(postfix->port(), "local.test");
        options.startTls = true;
        SmtpProbe probe(options);
        QVERIFY(runBounded(probe));
        const ProbeResult& r = probe.result();
        QCOMPARE(r.status, ProbeStatus::Completed);
        QVERIFY2(r.tls.established, r.tls.error.c_str());
        QVERIFY(r.tls.offered);
        QVERIFY(r.tls.protocol.starts_with("TLSv1."));
        QVERIFY(r.tls.selfSigned);
        QVERIFY2(r.tls.subject.find("CN=smtp-probe.test.invalid") != std::string::npos,
                 r.tls.subject.c_str());
        QVERIFY(!r.tls.verificationErrors.empty());  // self-signed, and 127.0.0.1 is not its name
        QVERIFY(r.ehloTls);                          // greeted again inside TLS
        QVERIFY(!r.ehloTls->has("STARTTLS"));
        QCOMPARE(testOf(r, TestKind::Relay)->rcptReply->code, 554);
    }

    void postfixComparedWithADesign() {
        PostfixInstance* relaying = instance(PostfixInstance::Mode::Relay);
        PostfixInstance* closed = relaying ? instance(PostfixInstance::Mode::Closed) : nullptr;
        if (!closed)
            return;
        // E8 predicts an open relay for its internet host: the relaying Postfix agrees, the
        // closed one contradicts the relay and the spoof test.
        const auto e08 = io::loadDesignFile(
            MAILTOPO_SOURCE_DIR "/tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo");
        QVERIFY(e08.ok());
        for (PostfixInstance* postfix : {relaying, closed}) {
            const ProbeOptions options = optionsFor(postfix->port(), "example.com");
            std::string error;
            const auto target =
                resolveDesignTarget(*e08.design, "ex16", "", options.target, &error);
            QVERIFY2(target, error.c_str());
            SmtpProbe probe(options);
            QVERIFY(runBounded(probe));
            const auto predictions =
                predictTests(*e08.design, *target, probe.plannedTests(), probe.result().helo);
            const auto comparison =
                compareWithDesign(*e08.design, *target, predictions, probe.result());
            QCOMPARE(comparison.tests.size(), size_t(3));
            if (postfix == relaying) {
                QVERIFY(comparison.findings.empty());
                continue;
            }
            QCOMPARE(comparison.findings.size(), size_t(2));  // relay and spoof, not local
            for (const auto& f : comparison.findings) {
                QCOMPARE(f.id, std::string("model-reality-mismatch"));
                QVERIFY2(f.message.find("554 5.7.1") != std::string::npos, f.message.c_str());
            }
            QVERIFY(!comparison.tests[0].mismatch);
        }
    }

    void cleanupTestCase() {
        // Stopped here and by the destructors: even a failed QVERIFY above ends up here.
        for (auto& postfix : postfix_)
            postfix->stop();
        postfix_.clear();
    }

private:
    // The running instance of `mode`, started on first use; nullptr after QSKIP/QFAIL.
    PostfixInstance* instance(PostfixInstance::Mode mode) {
        if (!postfixProblem_.isEmpty()) {
            QTest::qSkip(qPrintable(postfixProblem_), __FILE__, __LINE__);
            return nullptr;
        }
        for (auto& postfix : postfix_) {
            if (postfix->mode() == mode)
                return postfix.get();
        }
        auto postfix = std::make_unique<PostfixInstance>(mode);
        QElapsedTimer clock;
        clock.start();
        if (!postfix->start()) {
            QTest::qFail(qPrintable(QStringLiteral("Postfix did not start: ") + postfix->error()),
                         __FILE__, __LINE__);
            return nullptr;
        }
        qInfo("Postfix (%s) on 127.0.0.1:%u started in %lld ms",
              mode == PostfixInstance::Mode::Relay ? "relay" : "closed", postfix->port(),
              static_cast<long long>(clock.elapsed()));
        postfix_.push_back(std::move(postfix));
        return postfix_.back().get();
    }

    static void assertNothingDelivered(const PostfixInstance& postfix) {
        // Postfix logs "status=" for every delivery attempt; the probe never got that far.
        const QByteArray log = postfix.log();
        QVERIFY2(!log.contains("status="), log.constData());
    }

    QString postfixProblem_;
    std::vector<std::unique_ptr<PostfixInstance>> postfix_;
};

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
