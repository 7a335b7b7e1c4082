// The worked examples E1–E19 of domain-rules.md §11, traced through the simulator. Each test
// asserts the example's own numbers (disposition, chosen and seen source, connector, SMTP
// codes, flags, finding ids), and every scenario's full outcome is also compared with a
// golden summary in tests/scenarios/golden (MAILTOPO_UPDATE_GOLDENS=1 rewrites them; review
// the diff).

#include <QDir>
#include <QFile>
#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/analysis/simulation_checks.h"
#include "core/dns/spf_evaluator.h"
#include "core/dns/zone_data_resolver.h"
#include "core/io/design_file.h"
#include "core/sim/mail_loop.h"
#include "core/sim/simulator.h"
#include "core/sim/smtp_session.h"
#include "core/sim/trace_output.h"
#include "tests/support/scenario.h"

using namespace mailtopo;

namespace {

QString scenarioPath(const QString& name) {
    return QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/scenarios/") + name;
}

model::Design load(const QString& name) {
    return testing::loadScenario(QString(name).remove(QStringLiteral(".mailtopo")).toStdString());
}

const model::Flow& flow(const model::Design& design, std::string_view id) {
    for (const auto& f : design.flows)
        if (f.id == id)
            return f;
    qFatal("no flow %s", std::string(id).c_str());
}

sim::Trace traceFlow(const model::Design& design, std::string_view id) {
    return sim::Simulator(design).trace(sim::requestFromFlow(flow(design, id)));
}

std::string connectorName(const model::Design& design, const sim::Trace& trace) {
    const auto* hop = trace.lastHop();
    if (hop == nullptr)
        return {};
    const sim::Simulator simulator(design);
    for (const auto& c : simulator.receiveConnectorsOf(hop->server))
        if (c.id == hop->receiveConnector)
            return c.name;
    return {};
}

std::string text(const std::optional<net::Address>& a) {
    return a ? a->toString() : "";
}

std::vector<std::string> flagNames(const sim::Trace& trace) {
    std::vector<std::string> out;
    for (const auto& f : trace.flags)
        out.push_back(f.name);
    return out;
}

// check_host() for MAIL FROM sender@example.org from `client`, against the design's
// external DNS zones (the worked examples' DNS).
dns::SpfOutcome checkSpf(const model::Design& design, const char* client) {
    const auto zones = dns::ZoneDataResolver::fromZones(design.dnsZones, model::DnsView::External);
    return dns::SpfEvaluator(*zones).checkHost(dns::SpfRequest::forMailFrom(
        *net::Address::parse(client), "sender@example.org", "mail.example.org"));
}

bool hasFinding(const std::vector<analysis::Finding>& findings, std::string_view id) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const analysis::Finding& f) { return f.id == id; });
}

// The SMTP reply codes of the last hop, in order ("220", "250", "550" …).
std::vector<std::string> replies(const sim::Trace& trace) {
    std::vector<std::string> out;
    if (const auto* hop = trace.lastHop())
        for (const auto& step : hop->smtp) {
            if (step.kind != sim::StepKind::Smtp)
                continue;
            const auto s = step.summary.find("S: ");
            if (s == std::string::npos)
                continue;
            out.push_back(step.summary.substr(s + 3, 3));
        }
    return out;
}

// A compact, reviewable summary of every flow of a scenario and of validate's findings.
std::string summary(const model::Design& design) {
    nlohmann::ordered_json out;
    out["design"] = design.info.name;
    const sim::Simulator simulator(design);
    nlohmann::ordered_json flows = nlohmann::ordered_json::array();
    for (const auto& f : design.flows) {
        const auto trace = simulator.trace(sim::requestFromFlow(f));
        nlohmann::ordered_json t;
        t["flow"] = f.id;
        t["disposition"] = std::string(enumName(trace.disposition.kind));
        if (trace.disposition.smtpCode != 0)
            t["code"] =
                std::to_string(trace.disposition.smtpCode) + " " + trace.disposition.enhancedStatus;
        t["detail"] = trace.disposition.text;
        t["decidedBy"] = trace.disposition.element;
        t["rule"] = trace.disposition.rule;
        nlohmann::ordered_json hops = nlohmann::ordered_json::array();
        for (const auto& hop : trace.hops) {
            nlohmann::ordered_json h;
            h["client"] = hop.client;
            h["chosenSource"] = text(hop.chosenSource);
            h["server"] = hop.server;
            h["seenSource"] = text(hop.seenSource);
            h["connector"] = hop.receiveConnector;
            h["principal"] = hop.principal;
            h["rights"] = hop.rights;
            if (hop.originatingIp)
                h["originatingIp"] = hop.originatingIp->toString();
            if (hop.egress)
                h["egress"] = hop.egress->publicAddress.toString();
            nlohmann::ordered_json smtp = nlohmann::ordered_json::array();
            for (const auto& step : hop.smtp)
                smtp.push_back("[" + step.rule + "] " + step.summary);
            h["smtp"] = smtp;
            hops.push_back(h);
        }
        t["hops"] = hops;
        t["flags"] = flagNames(trace);
        flows.push_back(t);
    }
    out["flows"] = flows;
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : analysis::validateDesign(design)) {
        std::string elements;
        for (const auto& e : f.elements)
            elements += (elements.empty() ? "" : ",") + e;
        findings.push_back(std::string(enumName(f.severity)) + " " + f.id + " [" + elements + "]");
    }
    out["findings"] = findings;
    return out.dump(2) + "\n";
}

void compareWithGolden(const std::string& actual, const QString& name) {
    const QString path = scenarioPath(QStringLiteral("golden/") + name);
    if (qEnvironmentVariableIsSet("MAILTOPO_UPDATE_GOLDENS")) {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(actual.data(), static_cast<qint64>(actual.size()));
        return;
    }
    QFile f(path);
    QVERIFY2(
        f.open(QIODevice::ReadOnly),
        qPrintable(
            QStringLiteral("missing golden %1 (run with MAILTOPO_UPDATE_GOLDENS=1)").arg(path)));
    const QByteArray expected = f.readAll();
    if (expected != QByteArray::fromStdString(actual)) {
        QFile dump(QDir::temp().filePath(name + QStringLiteral(".actual")));
        if (dump.open(QIODevice::WriteOnly))
            dump.write(actual.data(), static_cast<qint64>(actual.size()));
        QFAIL(qPrintable(
            QStringLiteral("%1 differs; actual written to %2").arg(path, dump.fileName())));
    }
}

}  // namespace

class TestScenarios : public QObject {
    Q_OBJECT

private slots:
    void goldens_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(scenarioPath(QString()));
        for (const auto& name :
             dir.entryList({QStringLiteral("e*.mailtopo")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << name;
    }
    void goldens() {
        QFETCH(QString, file);
        const auto design = load(file);
        compareWithGolden(summary(design), QString(file).replace(QStringLiteral(".mailtopo"),
                                                                 QStringLiteral(".json")));
    }

    // R2 step 4c: CPL with the next hop decides, not the configured order.
    void e01_sourceByLongestPrefixWithGateway() {
        const auto d = load(QStringLiteral("e01-two-addresses-gateway-1.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(text(t.hops.front().chosenSource), std::string("10.0.0.100"));
    }

    // R2 step 3, R3, R7: SkipAsSource leaves automatic selection but still answers.
    void e02_skipAsSource() {
        const auto d = load(QStringLiteral("e02-skipassource.mailtopo"));
        const auto out = traceFlow(d, d.flows.at(0).id);
        QCOMPARE(text(out.hops.front().chosenSource), std::string("10.0.0.200"));
        const auto app = traceFlow(d, d.flows.at(1).id);
        QCOMPARE(connectorName(d, app), std::string("App 10.0.0.100"));
        const auto& synAck = app.hops.front().legs.at(1).steps.front();
        QVERIFY(synAck.before.has_value());
        QCOMPARE(synAck.before->source.toString(), std::string("10.0.0.100"));
        QCOMPARE(app.disposition.kind, sim::DispositionKind::Delivered);
    }

    // R2: gateway .254 makes .200 the source — not "the lowest address".
    void e03_notLowestAddress() {
        const auto d = load(QStringLiteral("e03-not-lowest-address.mailtopo"));
        QCOMPARE(text(traceFlow(d, d.flows.front().id).hops.front().chosenSource),
                 std::string("10.0.0.200"));
    }

    // R4: strong host receive drops a packet for NIC-B arriving on NIC-A; weak host receive
    // accepts it. R5 then decides the reply: from 10.0.9.20 it must leave through NIC-B,
    // which has no route to the client unless NIC-B sends weak host too (E4 corrected).
    void e04_strongHostReceive() {
        auto d = load(QStringLiteral("e04-strong-host-receive.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Dropped);
        QVERIFY(t.disposition.text.starts_with("STRONG_HOST_RECEIVE"));
        QVERIFY(t.hasFlag("STRONG_HOST_RECEIVE"));
        QVERIFY(hasFinding(analysis::validateDesign(d), "strong-host-drop"));
        for (auto& host : d.hosts)
            for (auto& nic : host.nics)
                if (nic.alias == "NIC-A")
                    nic.weakHostReceive = true;
        const auto received = traceFlow(d, d.flows.front().id);
        QVERIFY(!received.hasFlag("STRONG_HOST_RECEIVE"));
        QVERIFY(received.hasFlag("STRONG_HOST_SEND"));
        QVERIFY(received.disposition.text.starts_with("STRONG_HOST_SEND"));
        for (auto& host : d.hosts)
            for (auto& nic : host.nics)
                if (nic.alias == "NIC-B")
                    nic.weakHostSend = true;
        const auto fixed = traceFlow(d, d.flows.front().id);
        QCOMPARE(fixed.disposition.kind, sim::DispositionKind::Delivered);
        QCOMPARE(connectorName(d, fixed), std::string("Default Frontend EX16"));
        QVERIFY(!hasFinding(analysis::validateDesign(d), "strong-host-drop"));
    }

    // R20: the most specific RemoteIPRanges entry wins.
    void e05_mostSpecificConnector() {
        const auto d = load(QStringLiteral("e05-most-specific-connector.mailtopo"));
        QCOMPARE(connectorName(d, traceFlow(d, d.flows.at(0).id)), std::string("B"));
        QCOMPARE(connectorName(d, traceFlow(d, d.flows.at(1).id)), std::string("A"));
        QCOMPARE(connectorName(d, traceFlow(d, d.flows.at(2).id)),
                 std::string("Default Frontend EX16"));
    }

    // R9, R40: the LB's SNAT address inside a relay connector makes an internal open relay.
    void e06_snatInternalOpenRelay() {
        const auto d = load(QStringLiteral("e06-snat-internal-open-relay.mailtopo"));
        const auto vip = traceFlow(d, d.flows.at(0).id);
        QCOMPARE(text(vip.hops.front().seenSource), std::string("10.0.0.5"));
        QCOMPARE(connectorName(d, vip), std::string("Relay"));
        QCOMPARE(vip.disposition.kind, sim::DispositionKind::Relayed);
        QVERIFY(vip.hasFlag("RELAY_VIA_LB"));
        QCOMPARE(replies(vip), (std::vector<std::string>{"220", "250", "250", "250", "250"}));
        const auto direct = traceFlow(d, d.flows.at(1).id);
        QCOMPARE(connectorName(d, direct), std::string("Default Frontend EX16"));
        QCOMPARE(direct.disposition.kind, sim::DispositionKind::Rejected);
        QCOMPARE(direct.disposition.smtpCode, 550);
        QCOMPARE(direct.disposition.enhancedStatus, std::string("5.7.54"));
        const auto findings = analysis::validateDesign(d);
        QVERIFY(hasFinding(findings, "relay-via-lb-snat"));
        QVERIFY(hasFinding(findings, "client-ip-hidden-by-snat"));
    }

    // R26, R42: a 2010 server landing on a relay connector queues with 451 5.7.3.
    void e07_coexistenceBreak() {
        auto d = load(QStringLiteral("e07-coexistence-break.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(connectorName(d, t), std::string("Relay"));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::QueuedRetry);
        QCOMPARE(t.disposition.smtpCode, 451);
        QCOMPARE(t.disposition.enhancedStatus, std::string("5.7.3"));
        QVERIFY(hasFinding(analysis::validateDesign(d), "coexistence-auth-break"));
        // The fix of E7: list only the application hosts.
        for (auto& c : d.receiveConnectors)
            if (c.name == "Relay")
                c.remoteIpRanges = {*net::IpRange::parse("10.0.0.60")};
        const auto fixed = traceFlow(d, d.flows.front().id);
        QVERIFY(fixed.disposition.kind != sim::DispositionKind::QueuedRetry);
        QVERIFY(!hasFinding(analysis::validateDesign(d), "coexistence-auth-break"));
    }

    // R15, R39, R43: inbound SNAT to the gateway puts the internet inside the relay range.
    void e08_internetOpenRelayViaGateway() {
        const auto d = load(QStringLiteral("e08-internet-open-relay-via-gateway.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(text(t.hops.front().seenSource), std::string("10.0.0.1"));
        QCOMPARE(connectorName(d, t), std::string("Relay"));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Relayed);
        QVERIFY(t.hasFlag("INTERNET_OPEN_RELAY"));
        const auto findings = analysis::validateDesign(d);
        QVERIFY(hasFinding(findings, "internet-open-relay"));
        QVERIFY(hasFinding(findings, "gateway-in-relay-range"));
    }

    // R11: DSR without a firewall: SYN-ACK from the VIP, the real client is seen.
    void e09_dsrNoFirewall() {
        const auto d = load(QStringLiteral("e09-dsr-no-firewall.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(text(t.hops.front().seenSource), std::string("10.0.0.77"));
        QCOMPARE(t.hops.front().legs.size(), size_t(3));
        QCOMPARE(connectorName(d, t), std::string("Default Frontend EX16"));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Delivered);
    }

    // R14: DSR through a firewall that sees both directions.
    void e10_dsrThroughFirewall() {
        const auto d = load(QStringLiteral("e10-dsr-through-firewall.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(text(t.hops.front().seenSource), std::string("10.0.3.77"));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Delivered);
        QVERIFY(!t.hasFlag("ASYMMETRIC_PATH"));
    }

    // R13, R14: the reply bypasses the firewall; with TCP state bypass it works.
    void e11_dsrReplyBypassesFirewall() {
        auto d = load(QStringLiteral("e11-dsr-reply-bypasses-firewall.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Timeout);
        QVERIFY(t.disposition.text.starts_with("3WHS_FAILED"));
        QVERIFY(t.hasFlag("ASYMMETRIC_PATH"));
        QVERIFY(hasFinding(analysis::validateDesign(d), "asymmetric-path"));
        d.firewalls.front().tcpStateBypass = true;
        const auto bypass = traceFlow(d, d.flows.front().id);
        QCOMPARE(bypass.disposition.kind, sim::DispositionKind::Delivered);
        QVERIFY(!hasFinding(analysis::validateDesign(d), "asymmetric-path"));
    }

    // R7, R10: a transparent VIP whose member answers from its own address.
    void e12_backendAnswersFromOwnIp() {
        const auto d = load(QStringLiteral("e12-backend-answers-from-own-ip.mailtopo"));
        const auto onLink = traceFlow(d, d.flows.at(0).id);
        QCOMPARE(onLink.disposition.kind, sim::DispositionKind::Reset);
        QVERIFY(onLink.hasFlag("HANDSHAKE_SRC_MISMATCH"));
        const auto viaFw = traceFlow(d, d.flows.at(1).id);
        QCOMPARE(viaFw.disposition.kind, sim::DispositionKind::Dropped);
        QVERIFY(viaFw.disposition.text.starts_with("NO_STATE"));
        QVERIFY(hasFinding(analysis::validateDesign(d), "handshake-source-mismatch"));
    }

    // R30, R31: InternalSMTPServers without the filter: Sender ID judges the filter.
    void e13_internalSmtpServers() {
        auto d = load(QStringLiteral("e13-internal-smtp-servers.mailtopo"));
        const auto t = traceFlow(d, d.flows.at(0).id);
        QCOMPARE(t.hops.size(), size_t(2));
        QCOMPARE(text(t.hops.back().originatingIp), std::string("10.0.0.40"));
        QVERIFY(hasFinding(analysis::validateDesign(d), "internal-smtp-servers-missing"));
        d.organization.internalSmtpServers.push_back(*net::IpRange::parse("10.0.0.40"));
        const auto fixed = traceFlow(d, d.flows.at(0).id);
        QCOMPARE(text(fixed.hops.back().originatingIp), std::string("192.0.2.25"));
        // Now the IP Block list sees the real sender and rejects it (R32) …
        QCOMPARE(fixed.disposition.kind, sim::DispositionKind::Rejected);
        QCOMPARE(fixed.disposition.rule, std::string("R32"));
        QVERIFY(!hasFinding(analysis::validateDesign(d), "internal-smtp-servers-missing"));
        // … and without that entry Sender ID passes for it (R31).
        for (auto& host : d.hosts)
            if (host.exchange)
                host.exchange->antiSpam.ipBlockList.clear();
        const auto unblocked = traceFlow(d, d.flows.at(0).id);
        QCOMPARE(unblocked.disposition.kind, sim::DispositionKind::Delivered);
        bool pass = false;
        for (const auto& step : unblocked.hops.back().smtp)
            pass = pass || (step.rule == "R31" && step.summary.find("pass") != std::string::npos);
        QVERIFY(pass);
    }

    // R35 (E14): the 11th include would be the 11th lookup, a permerror for 203.0.113.9;
    // 192.0.2.3 passes at include 3 after 3 lookups; lint SPF_LOOKUP_RISK.
    void e14_elevenLookups() {
        const auto d = load(QStringLiteral("e14-eleven-lookups.mailtopo"));
        const auto outside = checkSpf(d, "203.0.113.9");
        QCOMPARE(outside.result, dns::SpfResult::PermError);
        QCOMPARE(outside.trace.lookups, 11);
        const auto listed = checkSpf(d, "192.0.2.3");
        QCOMPARE(listed.result, dns::SpfResult::Pass);
        QCOMPARE(listed.trace.lookups, 3);
        QVERIFY(hasFinding(analysis::validateDesign(d), "spf-lookup-limit"));
    }

    // R33 (E15): two v=spf1 records are a permerror for every client, listed or not.
    void e15_twoSpfRecords() {
        const auto d = load(QStringLiteral("e15-two-spf-records.mailtopo"));
        QCOMPARE(checkSpf(d, "192.0.2.25").result, dns::SpfResult::PermError);
        QCOMPARE(checkSpf(d, "203.0.113.66").result, dns::SpfResult::PermError);
        QVERIFY(hasFinding(analysis::validateDesign(d), "spf-multiple-records"));
    }

    // R35 (E16): old1, old2 and old3 are NXDOMAIN; the third void lookup is a permerror.
    void e16_voidLookups() {
        const auto d = load(QStringLiteral("e16-void-lookups.mailtopo"));
        const auto outcome = checkSpf(d, "203.0.113.9");
        QCOMPARE(outcome.result, dns::SpfResult::PermError);
        QCOMPARE(outcome.trace.voidLookups, 3);
        QVERIFY(hasFinding(analysis::validateDesign(d), "spf-void-lookups"));
    }

    // R2, R16, R46: a new address wins source selection and leaves as interface PAT.
    void e17_sourceDriftBreaksSpf() {
        auto d = load(QStringLiteral("e17-source-drift-breaks-spf.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(text(t.hops.front().chosenSource), std::string("10.0.0.9"));
        QVERIFY(t.hops.front().egress.has_value());
        QCOMPARE(t.hops.front().egress->publicAddress.toString(), std::string("198.51.100.1"));
        // E17: the receiver's SPF fails, SOURCE_IP_DRIFT, and R37/R38 fail for 198.51.100.1
        // (its PTR names fw.example.com, which neither resolves back nor is the MX host).
        const auto findings = analysis::validateDesign(d);
        QVERIFY(hasFinding(findings, "source-ip-drift"));
        QVERIFY(hasFinding(findings, "spf-egress-not-authorized"));
        QVERIFY(hasFinding(findings, "fcrdns-fail"));
        QVERIFY(hasFinding(findings, "duhl-policy"));
        for (auto& host : d.hosts)
            for (auto& nic : host.nics)
                for (auto& a : nic.addresses)
                    if (a.address.toString() == "10.0.0.9")
                        a.skipAsSource = true;
        const auto fixed = traceFlow(d, d.flows.front().id);
        QCOMPARE(text(fixed.hops.front().chosenSource), std::string("10.0.0.20"));
        QCOMPARE(fixed.hops.front().egress->publicAddress.toString(), std::string("198.51.100.25"));
        // SkipAsSource restores 198.51.100.25: SPF passes, its PTR is the MX host.
        const auto after = analysis::validateDesign(d);
        for (const char* id :
             {"source-ip-drift", "spf-egress-not-authorized", "fcrdns-fail", "duhl-policy"})
            QVERIFY2(!hasFinding(after, id), id);
    }

    // R19(b): both transport roles on port 25.
    void e18_roleConflict() {
        const auto d = load(QStringLiteral("e18-role-conflict.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QVERIFY(t.hasFlag("CONNECT_NONDETERMINISTIC"));
        const auto findings = analysis::validateDesign(d);
        QVERIFY(hasFinding(findings, "role-port-conflict"));
        QVERIFY(hasFinding(findings, "connector-binding-conflict"));
    }

    // R25 M2, R41: ExternalAuthoritative trusts any device of the range as internal.
    void e19_externallySecuredRelay() {
        auto d = load(QStringLiteral("e19-externally-secured-relay.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(t.hops.front().principal, std::string("MS Exchange\\Externally Secured Servers"));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Delivered);
        const auto& rights = t.hops.front().rights;
        QVERIFY(std::find(rights.begin(), rights.end(), "BypassAS") != rights.end());
        QVERIFY(hasFinding(analysis::validateDesign(d), "spoof-internal"));
    }

    // R26, R27: a flow continues past the Edge that accepted it to the Mailbox server, and
    // ends the way the last hop does: the Edge's 250 does not hide EX16's 451 5.7.3.
    void r26_edgeHandsOnToTheMailboxServer() {
        auto d = load(QStringLiteral("r26-edge-to-mailbox.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(t.hops.size(), size_t(2));
        QCOMPARE(t.hops[0].server, std::string("edge"));
        QCOMPARE(t.hops[0].result.kind, sim::DispositionKind::Delivered);
        QCOMPARE(t.hops[0].result.smtpCode, 250);
        QCOMPARE(t.hops[1].client, std::string("edge"));
        QCOMPARE(t.hops[1].server, std::string("ex16"));
        QCOMPARE(t.hops[1].port, uint16_t(25));
        QCOMPARE(t.hops[1].receiveConnector, std::string("rc-ex16-from-edge"));
        QCOMPARE(t.hops[1].result, t.disposition);
        QCOMPARE(t.disposition.kind, sim::DispositionKind::QueuedRetry);
        QCOMPARE(t.disposition.smtpCode, 451);
        QCOMPARE(t.disposition.enhancedStatus, std::string("5.7.3"));
        // Each hop's own result is in both renderings.
        const auto json = sim::traceToJson(t);
        QCOMPARE(json["hops"][0]["result"]["kind"].get<std::string>(), std::string("delivered"));
        QCOMPARE(json["hops"][1]["result"]["kind"].get<std::string>(), std::string("queued-retry"));
        const auto text = sim::traceToText(t, d);
        QVERIFY(text.find("Hop result: delivered 250 2.6.0 by") != std::string::npos);
        QVERIFY(text.find("Hop result: queued-retry 451 5.7.3") != std::string::npos);

        // Without the anonymous connector the Edge lands on Default Frontend EX16, which
        // holds the recipient.
        std::erase_if(d.receiveConnectors,
                      [](const auto& c) { return c.id == "rc-ex16-from-edge"; });
        const auto fixed = traceFlow(d, d.flows.front().id);
        QCOMPARE(fixed.hops.size(), size_t(2));
        QCOMPARE(fixed.hops[1].receiveConnector, std::string("rc-ex16-default-frontend"));
        QCOMPARE(fixed.disposition.kind, sim::DispositionKind::Delivered);
        QCOMPARE(fixed.disposition.element, std::string("rc-ex16-default-frontend"));

        // An Edge subscribed to a site without a Mailbox server: the chain says what is missing.
        for (auto& h : d.hosts)
            if (h.id == "edge")
                h.exchange->site = "Perimeter";
        const auto lost = traceFlow(d, d.flows.front().id);
        QCOMPARE(lost.disposition.kind, sim::DispositionKind::InsufficientInfo);
        QCOMPARE(lost.disposition.rule, std::string("R26"));
        QVERIFY(lost.disposition.text.find("'Perimeter'") != std::string::npos);
    }

    // A message that comes back to a host it passed is rejected where the Received count first
    // runs out, and validate reports the loop. Each round adds 2 headers; FILTER (an MTA, limit
    // 50) runs out before EX16 (Exchange 2016, MaxHopCount 60), so FILTER answers 554 5.4.6.
    void loop_mailLoopIsRejectedAndReported() {
        auto d = load(QStringLiteral("loop-mail.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(t.hops.size(), size_t(3));  // sender -> FILTER -> EX16 -> FILTER, once
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Rejected);
        QCOMPARE(t.disposition.smtpCode, 554);
        QCOMPARE(t.disposition.enhancedStatus, std::string("5.4.6"));
        QCOMPARE(t.disposition.element, std::string("filter"));
        QVERIFY(t.hasFlag("MAIL_LOOP"));
        for (const auto& f : t.flags)
            if (f.name == "MAIL_LOOP") {
                QCOMPARE(f.elements, (std::vector<model::Id>{"filter", "ex16"}));
                QVERIFY2(f.detail.find("with 52") != std::string::npos, f.detail.c_str());
            }
        // Exchange's own limit: 60 from 2013 on (the real 2019 recordings), 30 before.
        QCOMPARE(sim::exchangeMaxHopCount(model::ExchangeVersion::Ex2019), 60);
        QCOMPARE(sim::exchangeMaxHopCount(model::ExchangeVersion::Ex2013), 60);
        QCOMPARE(sim::exchangeMaxHopCount(model::ExchangeVersion::Ex2010), 30);
        const auto findings = analysis::validateDesign(d);
        QVERIFY(hasFinding(findings, "mail-loop"));
        for (const auto& f : findings)
            if (f.id == "mail-loop") {
                QCOMPARE(f.severity, analysis::Severity::Error);
                QVERIFY(f.message.find("FILTER -> EX16 -> FILTER") != std::string::npos);
                QVERIFY(!f.remediation.empty());
            }
        // The fix: the mailboxes are on EX16, so example.com is Authoritative there.
        d.organization.acceptedDomains.front().type = model::AcceptedDomainType::Authoritative;
        const auto fixed = traceFlow(d, d.flows.front().id);
        QCOMPARE(fixed.disposition.kind, sim::DispositionKind::Delivered);
        QVERIFY(!hasFinding(analysis::validateDesign(d), "mail-loop"));
    }

    // Packets that circle routers are dropped where the TTL runs out, and validate says so.
    void loop_routingLoopIsReported() {
        auto d = load(QStringLiteral("loop-routing.mailtopo"));
        const auto t = traceFlow(d, d.flows.front().id);
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Dropped);
        QVERIFY(t.disposition.text.starts_with("ROUTING_LOOP"));
        QVERIFY(t.hasFlag("ROUTING_LOOP"));
        for (const auto& f : t.flags)
            if (f.name == "ROUTING_LOOP")
                QCOMPARE(f.elements, (std::vector<model::Id>{"r1", "fw"}));
        const auto findings = analysis::validateDesign(d);
        QVERIFY(hasFinding(findings, "routing-loop"));
        for (const auto& f : findings)
            if (f.id == "routing-loop") {
                QCOMPARE(f.severity, analysis::Severity::Error);
                QVERIFY(f.message.find("R1 -> FW -> R1") != std::string::npos);
            }
        // The fixed twin: without FW's route to 10.0.9.0/24 through R1 nothing circles.
        auto& routes = d.firewalls.front().routes;
        routes.erase(std::remove_if(routes.begin(), routes.end(),
                                    [](const model::Route& r) {
                                        return r.destination.toString() == "10.0.9.0/24";
                                    }),
                     routes.end());
        QCOMPARE(routes.size(), size_t(1));
        QVERIFY(!traceFlow(d, d.flows.front().id).hasFlag("ROUTING_LOOP"));
        QVERIFY(!hasFinding(analysis::validateDesign(d), "routing-loop"));
    }

    // Determinism: the same design with its elements in another order in the file gives
    // byte-identical trace JSON and the same findings (only JSON pointers, which name
    // positions in the file, may differ). Orders that carry meaning stay: firewall rules,
    // a NIC's addresses.
    void determinismAcrossElementOrder_data() { goldens_data(); }
    void determinismAcrossElementOrder() {
        QFETCH(QString, file);
        auto d = load(file);
        auto snapshot = [](const model::Design& design) {
            std::string out;
            const sim::Simulator simulator(design);
            std::vector<const model::Flow*> flows;
            for (const auto& f : design.flows)
                flows.push_back(&f);
            std::sort(flows.begin(), flows.end(),
                      [](const auto* a, const auto* b) { return a->id < b->id; });
            for (const auto* f : flows)
                out += sim::traceToJsonText(simulator.trace(sim::requestFromFlow(*f)));
            // Findings sort by JSON pointer among others, which names file positions: compare
            // them as a sorted set of lines.
            std::vector<std::string> lines;
            for (const auto& f : analysis::validateDesign(design)) {
                std::string line = f.id + "|" + std::string(enumName(f.severity)) + "|" +
                                   f.message + "|" + f.remediation + "|";
                for (const auto& e : f.elements)
                    line += e + ",";
                lines.push_back(std::move(line));
            }
            std::sort(lines.begin(), lines.end());
            for (const auto& line : lines)
                out += line + "\n";
            return out;
        };
        const std::string before = snapshot(d);
        std::reverse(d.hosts.begin(), d.hosts.end());
        std::reverse(d.segments.begin(), d.segments.end());
        std::reverse(d.receiveConnectors.begin(), d.receiveConnectors.end());
        std::reverse(d.sendConnectors.begin(), d.sendConnectors.end());
        std::reverse(d.loadBalancers.begin(), d.loadBalancers.end());
        std::reverse(d.firewalls.begin(), d.firewalls.end());
        std::reverse(d.routers.begin(), d.routers.end());
        std::reverse(d.dnsZones.begin(), d.dnsZones.end());
        std::reverse(d.flows.begin(), d.flows.end());
        std::reverse(d.organization.acceptedDomains.begin(), d.organization.acceptedDomains.end());
        const std::string after = snapshot(d);
        if (after != before) {  // leave both for a diff
            QFile a(QDir::temp().filePath(file + QStringLiteral(".before")));
            QFile b(QDir::temp().filePath(file + QStringLiteral(".after")));
            if (a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly)) {
                a.write(before.data(), static_cast<qint64>(before.size()));
                b.write(after.data(), static_cast<qint64>(after.size()));
            }
        }
        QVERIFY2(
            after == before,
            qPrintable(QStringLiteral("see %1.before/.after in %2").arg(file, QDir::tempPath())));
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
