// R20 chooses a receive connector by the local address and port a connection arrives on after
// every translation. A VIP or an inbound NAT rule may hand port 25 to a member's 2526: the
// connector bound to 2526 decides, not the one bound to the port the client dialled, and the
// static relay-via-lb-snat check (R40) agrees with the trace it cites.

#include <QtTest>
#include <algorithm>

#include "core/analysis/simulation_checks.h"
#include "core/sim/simulator.h"
#include "tests/support/scenario.h"

using namespace mailtopo;

namespace {

model::ReceiveConnector& connectorNamed(model::Design& design, std::string_view name) {
    for (auto& c : design.receiveConnectors)
        if (c.name == name)
            return c;
    qFatal("no connector %s", std::string(name).c_str());
}

// A FrontendTransport connector like Default Frontend but bound to `port` only.
model::ReceiveConnector& addConnectorOnPort(model::Design& design, std::string name,
                                            uint16_t port) {
    model::ReceiveConnector c = connectorNamed(design, "Default Frontend EX16");
    c.id = "rc-ex16-port-" + std::to_string(port);
    c.name = std::move(name);
    c.bindings = {net::Binding(*net::Address::parse("0.0.0.0"), port)};
    design.receiveConnectors.push_back(std::move(c));
    return design.receiveConnectors.back();
}

sim::Trace traceFirstFlow(const model::Design& design) {
    return sim::Simulator(design).trace(sim::requestFromFlow(design.flows.front()));
}

bool hasFinding(const model::Design& design, std::string_view id) {
    const auto findings = analysis::validateDesign(design);
    return std::any_of(findings.begin(), findings.end(),
                       [&](const analysis::Finding& f) { return f.id == id; });
}

// E6 with the VIP's member listening on 2526: the Relay connector (0.0.0.0:25, SNAT address in
// its ranges) never sees the VIP's connections.
model::Design e06WithMemberPort(model::LoadBalancerMode mode) {
    auto d = testing::loadScenario("e06-snat-internal-open-relay");
    auto& vip = d.loadBalancers.front().vips.front();
    vip.mode = mode;
    vip.pool.front().port = 2526;
    addConnectorOnPort(d, "VIP clients", 2526);
    return d;
}

}  // namespace

class TranslatedPort : public QObject {
    Q_OBJECT

private slots:
    void r20_snatMemberPortChoosesConnectorOnThatPort() {
        const auto d = e06WithMemberPort(model::LoadBalancerMode::Snat);
        const auto t = traceFirstFlow(d);
        QCOMPARE(t.hops.size(), size_t(1));
        const auto& hop = t.hops.front();
        QCOMPARE(hop.port, uint16_t(25));  // what WS77 dialled
        QCOMPARE(hop.localAddress->toString(), std::string("10.0.0.20"));
        QCOMPARE(hop.localPort, uint16_t(2526));
        QCOMPARE(hop.receiveConnector, std::string("rc-ex16-port-2526"));
        // Anonymous on a non-relay connector: the relay recipient is refused.
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Rejected);
        QCOMPARE(t.disposition.enhancedStatus, std::string("5.7.54"));
        QVERIFY(!t.hasFlag("RELAY_VIA_LB"));
        // …and the static check no longer claims the Relay connector is reached through the VIP.
        QVERIFY(!hasFinding(d, "relay-via-lb-snat"));
    }

    void r20_r40_relayConnectorOnMemberPortStillFound() {
        auto d = e06WithMemberPort(model::LoadBalancerMode::Snat);
        connectorNamed(d, "Relay").bindings = {net::Binding(*net::Address::parse("0.0.0.0"), 2526)};
        const auto t = traceFirstFlow(d);
        QCOMPARE(t.hops.front().receiveConnector, std::string("rc-ex16-relay"));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Relayed);
        QVERIFY(t.hasFlag("RELAY_VIA_LB"));
        QVERIFY(hasFinding(d, "relay-via-lb-snat"));
    }

    void r20_transparentMemberPort() {
        auto d = e06WithMemberPort(model::LoadBalancerMode::Transparent);
        // Replies must return through the balancer to be un-translated (else E12).
        for (auto& host : d.hosts)
            if (host.id == "ex16")
                host.nics.front().gateways = {*net::Address::parse("10.0.0.5")};
        const auto t = traceFirstFlow(d);
        const auto& hop = t.hops.front();
        QCOMPARE(hop.seenSource->toString(), std::string("10.0.3.77"));
        QCOMPARE(hop.localPort, uint16_t(2526));
        QCOMPARE(hop.receiveConnector, std::string("rc-ex16-port-2526"));
    }

    void r20_dsrKeepsTheVipPort() {
        // DSR rewrites only the destination MAC: the member receives the VIP's own address
        // and port, and its connector is chosen on them.
        const auto d = testing::loadScenario("e09-dsr-no-firewall");
        const auto t = traceFirstFlow(d);
        QCOMPARE(t.hops.front().localAddress->toString(), std::string("10.0.0.50"));
        QCOMPARE(t.hops.front().localPort, uint16_t(25));
        QCOMPARE(t.hops.front().receiveConnector, std::string("rc-ex16-default-frontend"));
    }

    void r20_inboundNatPortChange() {
        // E8 with the MX published on 25 but forwarded to 2526: the Relay connector that
        // trusts the firewall's address on :25 is not the one the internet lands on.
        auto d = testing::loadScenario("e08-internet-open-relay-via-gateway");
        auto& fw = d.firewalls.front();
        fw.inboundNat.front().insidePort = 2526;
        fw.rules.front().ports = {2526};  // rules name the real port, after NAT (as ASA 8.3+)
        addConnectorOnPort(d, "Internet", 2526);
        const auto t = traceFirstFlow(d);
        const auto& hop = t.hops.front();
        QCOMPARE(hop.port, uint16_t(25));
        QCOMPARE(hop.seenSource->toString(), std::string("10.0.0.1"));
        QCOMPARE(hop.localPort, uint16_t(2526));
        QCOMPARE(hop.receiveConnector, std::string("rc-ex16-port-2526"));
        QVERIFY(t.disposition.kind != sim::DispositionKind::Relayed);
        QVERIFY(!t.hasFlag("INTERNET_OPEN_RELAY"));
    }
};

QTEST_APPLESS_MAIN(TranslatedPort)
#include "tst_r20_translated_port.moc"
