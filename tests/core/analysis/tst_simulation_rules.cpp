// Every simulation rule of validate (R39–R46 and the path and configuration flags) on a
// fixture that makes it fire, and on the same fixture fixed the way the finding's
// remediation says, where it must no longer fire. Fixtures are the worked-example designs
// of tests/scenarios, changed in code so each test shows the one difference that matters.

#include <QtTest>
#include <algorithm>
#include <functional>
#include <set>

#include "core/analysis/simulation_checks.h"
#include "core/io/design_file.h"
#include "core/sim/simulator.h"
#include "tests/support/scenario.h"

using namespace mailtopo;
using model::Design;

namespace {

Design scenario(const char* name) {
    return testing::loadScenario(name);
}

std::vector<analysis::Finding> withId(const Design& design, std::string_view id) {
    std::vector<analysis::Finding> out;
    for (auto& f : analysis::validateDesign(design))
        if (f.id == id)
            out.push_back(f);
    return out;
}

model::ReceiveConnector& connector(Design& d, std::string_view name) {
    for (auto& c : d.receiveConnectors)
        if (c.name == name)
            return c;
    qFatal("no connector %s", std::string(name).c_str());
}

model::Host& host(Design& d, std::string_view id) {
    if (auto* h = d.findHost(id))
        return *h;
    qFatal("no host %s", std::string(id).c_str());
}

net::IpRange range(const char* text) {
    return *net::IpRange::parse(text);
}

bool mentions(const analysis::Finding& f, std::string_view text) {
    return f.message.find(text) != std::string::npos ||
           f.remediation.find(text) != std::string::npos;
}

}  // namespace

class TestSimulationRules : public QObject {
    Q_OBJECT

private slots:
    void catalogIdsAreUniqueKebabCase() {
        std::set<std::string_view> ids;
        for (const auto& rule : analysis::simulationRuleCatalog()) {
            QVERIFY(ids.insert(rule.id).second);
            QVERIFY(analysis::findStructureCheck(rule.id) == nullptr);
            for (char c : rule.id)
                QVERIFY((c >= 'a' && c <= 'z') || c == '-');
            QVERIFY(!rule.rule.empty());
        }
        QCOMPARE(ids.size(), size_t(22));  // with mail-loop and routing-loop
    }

    // R1: a design flow that states how it should end. E6's flow through the VIP relays (the
    // SNAT address is in the relay connector's ranges), as its expectation says; expecting it
    // to be rejected reports the flow, pointing at its expectation.
    void flowDispositionUnexpected() {
        auto d = scenario("e06-snat-internal-open-relay");
        auto& flow = *std::find_if(d.flows.begin(), d.flows.end(),
                                   [](const model::Flow& f) { return f.id == "flow-e6-vip"; });
        QCOMPARE(flow.expectedDisposition, std::optional(model::DispositionKind::Relayed));
        QVERIFY(withId(d, "flow-disposition-unexpected").empty());
        flow.expectedDisposition = model::DispositionKind::Rejected;
        const auto found = withId(d, "flow-disposition-unexpected");
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().severity, analysis::Severity::Error);
        QCOMPARE(found.front().elements.front(), std::string("flow-e6-vip"));
        QCOMPARE(found.front().pointer, std::string("/flows/0/expectedDisposition"));
        QVERIFY(mentions(found.front(),
                         "flow 'WS77 to VIP': expected rejected, the trace ends "
                         "relayed"));
        QVERIFY(mentions(found.front(), "\"expectedDisposition\" to \"relayed\""));
        // A flow without an expectation is never reported.
        flow.expectedDisposition.reset();
        QVERIFY(withId(d, "flow-disposition-unexpected").empty());
    }

    // A flow's pool member reaches the simulator: contoso's ERP relay flow goes through the
    // SNAT VIP to its first member, EX2016A, unless the flow names EX2016B.
    void flowPoolMemberReachesTheTrace() {
        auto parsed =
            io::loadDesignFile(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");
        QVERIFY(parsed.ok());
        const Design& d = *parsed.design;
        model::Flow flow = *std::find_if(d.flows.begin(), d.flows.end(), [](const model::Flow& f) {
            return f.id == "flow-erp-relay";
        });
        const sim::Simulator simulator(d);
        auto serverOf = [&](const model::Flow& f) {
            const auto trace = simulator.trace(sim::requestFromFlow(f));
            return trace.hops.empty() ? std::string() : trace.hops.front().server;
        };
        QCOMPARE(serverOf(flow), std::string("ex2016a"));
        flow.poolMemberHostId = "ex2016b";
        QCOMPARE(serverOf(flow), std::string("ex2016b"));
    }

    // R39 + R43 (E8): inbound SNAT to the gateway, which the relay connector lists.
    void internetOpenRelayAndGatewayInRange() {
        auto d = scenario("e08-internet-open-relay-via-gateway");
        const auto relay = withId(d, "internet-open-relay");
        QCOMPARE(relay.size(), size_t(1));
        QVERIFY(mentions(relay.front(), "10.0.0.1"));
        QVERIFY(std::find(relay.front().elements.begin(), relay.front().elements.end(),
                          "rc-ex16-relay") != relay.front().elements.end());
        const auto gateway = withId(d, "gateway-in-relay-range");
        QCOMPARE(gateway.size(), size_t(1));
        QVERIFY(mentions(gateway.front(),
                         "Set-ReceiveConnector \"EX16\\Relay\" -RemoteIPRanges \"10.0.0.60\""));
        connector(d, "Relay").remoteIpRanges = {range("10.0.0.60")};
        QVERIFY(withId(d, "internet-open-relay").empty());
        QVERIFY(withId(d, "gateway-in-relay-range").empty());
    }

    // R29 + R39: an Exchange 2003 SMTP connector that allows relaying to '*'.
    void legacyRelayToEverything() {
        auto d = scenario("e08-internet-open-relay-via-gateway");
        auto& ex = host(d, "ex16");
        ex.exchange->version = model::ExchangeVersion::Ex2003;
        ex.exchange->implicitDefaultConnectors = true;
        std::erase_if(d.receiveConnectors, [](const auto& c) { return c.serverId == "ex16"; });
        d.firewalls.front().inboundNat.front().sourceTranslation.reset();
        model::SendConnector legacy;
        legacy.id = "sc-legacy";
        legacy.name = "Internet";
        legacy.addressSpaces = {{"SMTP", "*", 1}};
        legacy.sourceServerIds = {"ex16"};
        legacy.legacyAllowRelayToAddressSpaces = true;
        d.sendConnectors.push_back(legacy);
        const auto found = withId(d, "internet-open-relay");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "Default SMTP Virtual Server EX16"));
        d.sendConnectors.back().legacyAllowRelayToAddressSpaces = false;
        QVERIFY(withId(d, "internet-open-relay").empty());
    }

    // R9, R30: the firewall's inbound SNAT hides every internet sender behind 10.0.0.1.
    void clientIpHiddenBySnat() {
        auto d = scenario("e08-internet-open-relay-via-gateway");
        QVERIFY(!withId(d, "client-ip-hidden-by-snat").empty());
        d.firewalls.front().inboundNat.front().sourceTranslation.reset();
        QVERIFY(withId(d, "client-ip-hidden-by-snat").empty());
    }

    // R40 (E6): the LB's SNAT address in a relay connector.
    void relayViaLbSnat() {
        auto d = scenario("e06-snat-internal-open-relay");
        const auto found = withId(d, "relay-via-lb-snat");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "10.0.0.5"));
        connector(d, "Relay").remoteIpRanges = {range("10.0.3.60")};
        QVERIFY(withId(d, "relay-via-lb-snat").empty());
    }

    // R40: a /24 in a relay connector.
    void relayScopeBroad() {
        auto d = scenario("e07-coexistence-break");
        QCOMPARE(withId(d, "relay-scope-broad").size(), size_t(1));
        connector(d, "Relay").remoteIpRanges = {range("10.0.0.60"), range("10.0.0.61")};
        QVERIFY(withId(d, "relay-scope-broad").empty());
    }

    // R41 (E19): ExternalAuthoritative for a whole client subnet; method M1 fixes it.
    void spoofInternal() {
        auto d = scenario("e19-externally-secured-relay");
        QCOMPARE(withId(d, "spoof-internal").size(), size_t(1));
        auto& relay = connector(d, "Relay");
        relay.authMechanism = {model::AuthMechanism::Tls};
        relay.permissionGroups = {model::PermissionGroup::AnonymousUsers};
        relay.permissions.push_back({"NT AUTHORITY\\ANONYMOUS LOGON",
                                     {model::ExtendedRight::AcceptAnyRecipient},
                                     false,
                                     false});
        QVERIFY(withId(d, "spoof-internal").empty());
    }

    // R42 (E7): EX10's address inside EX13's relay connector.
    void coexistenceAuthBreak() {
        auto d = scenario("e07-coexistence-break");
        const auto found = withId(d, "coexistence-auth-break");
        QVERIFY(!found.empty());
        QVERIFY(mentions(found.front(), "10.0.0.10"));
        connector(d, "Relay").remoteIpRanges = {range("10.0.0.60")};
        QVERIFY(withId(d, "coexistence-auth-break").empty());
    }

    // R26: a 2016 sender's hops to a 2013 multi-role server go to 2525, not to the port-25
    // relay connector, so its address in the range breaks nothing (R42 corrected).
    void coexistenceOnlyForPort25Senders() {
        auto d = scenario("e07-coexistence-break");
        auto& ex10 = host(d, "ex10");
        ex10.exchange->version = model::ExchangeVersion::Ex2016;
        ex10.exchange->roles = {model::ExchangeRole::Mailbox};
        d.flows.clear();  // the design's own flow pins port 25; the standard hop uses 2525
        QVERIFY(withId(d, "coexistence-auth-break").empty());
        ex10.exchange->version = model::ExchangeVersion::Ex2010;
        ex10.exchange->roles = {model::ExchangeRole::HubTransport};
        QVERIFY(!withId(d, "coexistence-auth-break").empty());
    }

    // R14 (E11): the reply bypasses the firewall; TCP state bypass accepts it.
    void asymmetricPath() {
        auto d = scenario("e11-dsr-reply-bypasses-firewall");
        QVERIFY(!withId(d, "asymmetric-path").empty());
        d.firewalls.front().tcpStateBypass = true;
        QVERIFY(withId(d, "asymmetric-path").empty());
    }

    // R7 (E12): a transparent VIP whose member answers from its own address; SNAT fixes it.
    void handshakeSourceMismatch() {
        auto d = scenario("e12-backend-answers-from-own-ip");
        QVERIFY(!withId(d, "handshake-source-mismatch").empty());
        d.loadBalancers.front().vips.front().mode = model::LoadBalancerMode::Snat;
        d.loadBalancers.front().vips.front().snatAddress = net::Address::parse("10.0.0.5");
        QVERIFY(withId(d, "handshake-source-mismatch").empty());
    }

    // R4, R5 (E4).
    void strongHostDrop() {
        auto d = scenario("e04-strong-host-receive");
        const auto found = withId(d, "strong-host-drop");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(),
                         "Set-NetIPInterface -InterfaceAlias \"NIC-A\" -WeakHostReceive Enabled"));
        for (auto& nic : host(d, "ex16").nics) {
            nic.weakHostReceive = true;
            nic.weakHostSend = true;
        }
        QVERIFY(withId(d, "strong-host-drop").empty());
    }

    // R20: a flow to a port nothing binds.
    void noListener() {
        auto d = scenario("e09-dsr-no-firewall");
        d.flows.at(0).destination = "10.0.0.20";
        d.flows.at(0).port = 26;
        QCOMPARE(withId(d, "no-listener").size(), size_t(1));
        d.flows.at(0).port = 25;
        QVERIFY(withId(d, "no-listener").empty());
    }

    // R17: SMTP inspection strips X-EXPS on the way to EX16.
    void smtpVerbsStripped() {
        auto d = scenario("e10-dsr-through-firewall");
        QVERIFY(withId(d, "smtp-verbs-stripped").empty());
        d.firewalls.front().smtpInspection.enabled = true;
        d.firewalls.front().smtpInspection.strippedVerbs = {"X-EXPS"};
        QCOMPARE(withId(d, "smtp-verbs-stripped").size(), size_t(1));
    }

    // R19(b)/R20 (E18): both transport roles on port 25.
    void connectorBindingConflict() {
        auto d = scenario("e18-role-conflict");
        QVERIFY(!withId(d, "connector-binding-conflict").empty());
        connector(d, "Scanners").transportRole = model::TransportRole::FrontendTransport;
        QVERIFY(withId(d, "connector-binding-conflict").empty());
    }

    // R11: the DSR checklist on the member.
    void dsrMisconfigured() {
        auto d = scenario("e09-dsr-no-firewall");
        QVERIFY(withId(d, "dsr-misconfigured").empty());
        for (auto& nic : host(d, "ex16").nics)
            if (nic.loopbackAdapter)
                nic.weakHostSend = false;
        const auto found = withId(d, "dsr-misconfigured");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "weakhostsend=enabled"));
    }

    // R46 (E17): the new address wins source selection and outbound NAT does not map it.
    void sourceIpDrift() {
        auto d = scenario("e17-source-drift-breaks-spf");
        const auto found = withId(d, "source-ip-drift");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(
            mentions(found.front(), "Set-NetIPAddress -IPAddress 10.0.0.9 -SkipAsSource $true"));
        for (auto& nic : host(d, "ex16").nics)
            for (auto& a : nic.addresses)
                if (a.address.toString() == "10.0.0.9")
                    a.skipAsSource = true;
        QVERIFY(withId(d, "source-ip-drift").empty());
    }

    // R3: two registered addresses on one NIC (E17's EX16).
    void multiARegistration() {
        auto d = scenario("e17-source-drift-breaks-spf");
        QCOMPARE(withId(d, "multi-a-registration").size(), size_t(1));
        for (auto& nic : host(d, "ex16").nics)
            for (auto& a : nic.addresses)
                if (a.address.toString() == "10.0.0.9")
                    a.skipAsSource = true;
        QVERIFY(withId(d, "multi-a-registration").empty());
    }

    // R30 (E13).
    void internalSmtpServersMissing() {
        auto d = scenario("e13-internal-smtp-servers");
        const auto found = withId(d, "internal-smtp-servers-missing");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(),
                         "Set-TransportConfig -InternalSMTPServers @{Add=\"10.0.0.40\"}"));
        d.organization.internalSmtpServers.push_back(range("10.0.0.40"));
        QVERIFY(withId(d, "internal-smtp-servers-missing").empty());
    }

    // R3 lint (S0): an Exchange 2013 NIC that does not register in DNS.
    void dnsRegistrationDisabled() {
        auto d = scenario("e07-coexistence-break");
        auto& ex13 = host(d, "ex13");
        QVERIFY(withId(d, "dns-registration-disabled").empty());
        ex13.nics.front().registerInDns = false;
        const auto found = withId(d, "dns-registration-disabled");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "-RegisterThisConnectionsAddress $true"));
        ex13.exchange->version = model::ExchangeVersion::Ex2016;
        QVERIFY(withId(d, "dns-registration-disabled").empty());
    }

    // R46/R47: DHCP on a mail server.
    void dynamicAddress() {
        auto d = scenario("e06-snat-internal-open-relay");
        QVERIFY(withId(d, "dynamic-address").empty());
        host(d, "ex16").nics.front().dhcp = true;
        QCOMPARE(withId(d, "dynamic-address").size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestSimulationRules)
#include "tst_simulation_rules.moc"
