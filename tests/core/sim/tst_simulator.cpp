// The simulator's decisions one rule at a time, beyond the worked examples of
// tests/scenarios: connector tie-breaks (R20), send connector choice (R27), pre-2008 source
// selection (R8), the load balancer ACL (R12), default connectors (R18) and the
// insufficient-info disposition when a design lacks what a decision needs.

#include <QtTest>
#include <algorithm>

#include "core/analysis/simulation_checks.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
#include "core/sim/receive_connectors.h"
#include "core/sim/send_routing.h"
#include "core/sim/simulator.h"
#include "core/sim/topology.h"
#include "core/sim/trace_output.h"
#include "tests/support/scenario.h"

using namespace mailtopo;
using model::Design;

namespace {

Design scenario(const char* name) {
    return testing::loadScenario(name);
}

net::Address ip(const char* text) {
    return *net::Address::parse(text);
}

sim::TraceRequest request(const char* from, const char* to, const char* rcpt = "user@example.com") {
    sim::TraceRequest r;
    r.name = "test";
    r.sourceHost = from;
    r.destination = to;
    r.mailFrom = "sender@example.org";
    r.rcptTo = {rcpt};
    return r;
}

model::ReceiveConnector& connector(Design& d, std::string_view name) {
    for (auto& c : d.receiveConnectors)
        if (c.name == name)
            return c;
    qFatal("no connector %s", std::string(name).c_str());
}

}  // namespace

class TestSimulator : public QObject {
    Q_OBJECT

private slots:
    // R20 step 4: equal range size, a specific binding beats the wildcard.
    void specificBindingBreaksTie() {
        auto d = scenario("e05-most-specific-connector");
        auto copy = connector(d, "B");
        copy.id = "rc-ex16-b2";
        copy.name = "A-bound";
        copy.bindings = {*net::Binding::parse("10.0.0.20:25")};
        d.receiveConnectors.push_back(copy);
        const sim::Simulator simulator(d);
        const auto choice = simulator.chooseConnector("ex16", ip("10.0.0.20"), 25, ip("10.1.1.75"));
        QVERIFY(choice.connector != nullptr);
        QCOMPARE(choice.connector->name, std::string("A-bound"));
        QVERIFY(!choice.ambiguous);
    }

    // R20 step 4: still tied → lowest name, AMBIGUOUS_CONNECTOR.
    void ambiguousConnectorsTakeLowestName() {
        auto d = scenario("e05-most-specific-connector");
        auto copy = connector(d, "B");
        copy.id = "rc-ex16-a0";
        copy.name = "AAA";
        d.receiveConnectors.push_back(copy);
        const sim::Simulator simulator(d);
        const auto choice = simulator.chooseConnector("ex16", ip("10.0.0.20"), 25, ip("10.1.1.75"));
        QCOMPARE(choice.connector->name, std::string("AAA"));
        QVERIFY(choice.ambiguous);
        const auto t = simulator.trace(sim::requestFromFlow(d.flows.at(0)));
        QVERIFY(t.hasFlag("AMBIGUOUS_CONNECTOR"));
    }

    // R20 step 2: no connector on the port → reset by the server.
    void noBindingMeansReset() {
        const auto d = scenario("e05-most-specific-connector");
        const sim::Simulator simulator(d);
        auto r = request("app75", "10.0.0.20:26");
        const auto t = simulator.trace(r);
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Reset);
        QVERIFY(t.hasFlag("NO_LISTENER"));
    }

    // R18: implicit default connectors per version and role.
    void defaultConnectorsPerVersion() {
        model::Host h;
        h.id = "ex";
        h.name = "EX";
        h.kind = model::HostKind::ExchangeServer;
        h.exchange = model::ExchangeProperties{};
        h.exchange->version = model::ExchangeVersion::Ex2019;
        auto names = [&] {
            std::vector<std::string> out;
            for (const auto& c : sim::defaultReceiveConnectors(h))
                out.push_back(c.name + ":" + std::to_string(c.bindings.front().port()));
            return out;
        };
        QCOMPARE(names(),
                 (std::vector<std::string>{"Default Frontend EX:25", "Client Frontend EX:587",
                                           "Outbound Proxy Frontend EX:717", "Client Proxy EX:465",
                                           "Default EX:2525", "Mailbox Delivery EX:475"}));
        h.exchange->version = model::ExchangeVersion::Ex2013;
        h.exchange->roles = {model::ExchangeRole::Mailbox};
        QCOMPARE(names(), (std::vector<std::string>{"Client Proxy EX:465", "Default EX:25",
                                                    "Mailbox Delivery EX:475"}));
        h.exchange->version = model::ExchangeVersion::Ex2010;
        h.exchange->roles = {model::ExchangeRole::HubTransport};
        QCOMPARE(names(), (std::vector<std::string>{"Default EX:25", "Client EX:587"}));
        h.exchange->roles = {model::ExchangeRole::Edge};
        h.exchange->version = model::ExchangeVersion::Ex2019;
        QCOMPARE(names(), (std::vector<std::string>{"Default internal receive connector EX:25"}));
    }

    // R8: Windows 2003 sends from the first address of the outgoing interface.
    void pre2008UsesPrimaryAddress() {
        auto d = scenario("e01-two-addresses-gateway-1");
        d.findHost("ex16")->os = model::OperatingSystem::Windows2003;
        const sim::Simulator simulator(d);
        std::string reason;
        const auto source = simulator.selectSource("ex16", ip("203.0.113.25"), &reason);
        QVERIFY(source.has_value());
        QCOMPARE(source->toString(), std::string("10.0.0.200"));  // configured first
        QVERIFY(reason.find("pre-2008") != std::string::npos);
    }

    // R2 step 1: a bound address that the host lacks is a configuration error.
    void boundAddressMustExist() {
        const auto d = scenario("e01-two-addresses-gateway-1");
        const sim::Simulator simulator(d);
        auto r = request("ex16", "203.0.113.25", "user@example.net");
        r.sourceAddress = ip("10.0.0.99");
        const auto t = simulator.trace(r);
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Dropped);
        QVERIFY(t.disposition.text.starts_with("CONFIG_ERROR(BIND_ADDRESS_ABSENT)"));
    }

    // R12: a source ACL on the VIP resets clients it does not list.
    void loadBalancerAclResets() {
        auto d = scenario("e06-snat-internal-open-relay");
        d.loadBalancers.front().vips.front().sourceAcl = {*net::IpRange::parse("10.0.3.60")};
        const sim::Simulator simulator(d);
        const auto t = simulator.trace(sim::requestFromFlow(d.flows.at(0)));
        QCOMPARE(t.disposition.kind, sim::DispositionKind::Reset);
        QCOMPARE(t.disposition.rule, std::string("R12"));
    }

    // R27: the most specific address space wins, then the lowest cost.
    void sendConnectorSelection() {
        auto d = scenario("e01-two-addresses-gateway-1");
        auto add = [&](const char* id, const char* domain, int cost, const char* smartHost) {
            model::SendConnector c;
            c.id = id;
            c.name = id;
            c.addressSpaces = {{"SMTP", domain, cost}};
            c.sourceServerIds = {"ex16"};
            c.dnsRoutingEnabled = false;
            c.smartHosts = {smartHost};
            d.sendConnectors.push_back(c);
        };
        add("star", "*", 1, "203.0.113.1");
        add("wild", "*.example.net", 5, "203.0.113.2");
        add("exact", "sub.example.net", 10, "203.0.113.3");
        add("exact-cheap", "sub.example.net", 2, "203.0.113.4");
        const auto* host = d.findHost("ex16");
        QCOMPARE(sim::routeOutbound(d, *host, "sub.example.net", nullptr).connector->id,
                 std::string("exact-cheap"));
        QCOMPARE(sim::routeOutbound(d, *host, "other.example.net", nullptr).connector->id,
                 std::string("wild"));
        const auto any = sim::routeOutbound(d, *host, "example.org", nullptr);
        QCOMPARE(any.connector->id, std::string("star"));
        QCOMPARE(any.address->toString(), std::string("203.0.113.1"));
    }

    // Nothing passes silently: missing pieces end in insufficient-info naming them.
    void insufficientInfoNamesTheMissingPiece() {
        auto d = scenario("e10-dsr-through-firewall");
        const sim::Simulator unknown(d);
        const auto t1 = unknown.trace(request("nobody", "10.0.0.50"));
        QCOMPARE(t1.disposition.kind, sim::DispositionKind::InsufficientInfo);
        QVERIFY(t1.disposition.text.find("nobody") != std::string::npos);

        for (auto& itf : d.firewalls.front().interfaces)
            itf.zone.clear();
        const sim::Simulator noZones(d);
        const auto t2 = noZones.trace(sim::requestFromFlow(d.flows.at(0)));
        QCOMPARE(t2.disposition.kind, sim::DispositionKind::InsufficientInfo);
        QVERIFY(t2.disposition.text.find("zone") != std::string::npos);

        const sim::Simulator mx(d);
        auto r = request("ex16", "mx:example.net", "user@example.net");
        const auto t3 = mx.trace(r);
        QCOMPARE(t3.disposition.kind, sim::DispositionKind::InsufficientInfo);
        QVERIFY(t3.disposition.text.find("MX") != std::string::npos);
    }

    // An internet host cannot reach a private address, nor one the design holds, by simply
    // putting it on the internet segment: only unknown public addresses leave the design.
    void privateAddressesDoNotLeaveIntoTheInternet() {
        const auto d = scenario("e08-internet-open-relay-via-gateway");
        const sim::Simulator simulator(d);
        const auto inside = simulator.trace(request("inet66", "10.0.0.20"));
        QCOMPARE(inside.disposition.kind, sim::DispositionKind::Dropped);
        QVERIFY(inside.disposition.text.starts_with("NO_ARP"));
        const auto outside = simulator.trace(request("inet66", "203.0.113.200"));
        QCOMPARE(outside.disposition.kind, sim::DispositionKind::Delivered);
        QVERIFY(outside.lastHop()->egress.has_value());
    }

    // A long route table (a perimeter firewall's) is looked up through its prefix groups;
    // the answer is still the first matching route in R6 order, interface filter included.
    void longRouteTablesAnswerAsAScan() {
        Design d;
        model::Router router;
        router.id = "rtr";
        router.interfaces = {{"rtr-a", "a", "", {{ip("10.0.0.1"), 16}}, {}},
                             {"rtr-b", "b", "", {{ip("10.1.0.1"), 16}}, {}},
                             {"rtr-c", "c", "", {{ip("2001:db8::1"), 64}}, {}}};
        uint32_t state = 7;
        auto next = [&state] { return state = state * 1664525u + 1013904223u; };
        for (int i = 0; i < 80; ++i) {
            const bool v6 = i % 5 == 0;
            const int length = v6 ? static_cast<int>(next() % 65) : static_cast<int>(next() % 33);
            const net::Address network =
                v6 ? ip("2001:db8::") : net::Address::v4((10u << 24) | (next() % 4 << 16));
            const char* itf = v6 ? "rtr-c" : (next() % 2 == 0 ? "rtr-a" : "rtr-b");
            router.routes.push_back(
                {net::Prefix(network, length), std::nullopt, itf, static_cast<int>(next() % 3)});
        }
        d.routers.push_back(router);
        const sim::Topology topology(d);
        const uint32_t node = topology.nodeIndex("rtr");
        QVERIFY(!topology.node(node).routeGroups.empty());

        auto scan = [&](const net::Address& destination, uint32_t only) -> const sim::RouteEntry* {
            for (const auto& route : topology.node(node).routes)
                if ((only == sim::kNone || route.interface == only) &&
                    route.destination.contains(destination))
                    return &route;
            return nullptr;
        };
        std::vector<uint32_t> filters{sim::kNone};
        filters.insert(filters.end(), topology.node(node).interfaces.begin(),
                       topology.node(node).interfaces.end());
        for (int i = 0; i < 2000; ++i) {
            const net::Address destination =
                i % 7 == 0 ? ip("2001:db8::5")
                           : net::Address::v4((10u << 24) | (next() % 5 << 16) | next() % 65536);
            for (uint32_t only : filters)
                QCOMPARE(topology.lookup(node, destination, only), scan(destination, only));
        }
    }

    // R9: a flow's poolMember sends it to that member of the VIP's pool, from the file to the
    // trace and its text and JSON; a member the pool lacks is said in the trace and reported
    // by validate, never taken silently as the first.
    void R9_flowPoolMemberPicksThatMember() {
        auto d = testing::loadExample("contoso");
        model::Flow* relay = nullptr;
        for (auto& f : d.flows)
            if (f.id == "flow-erp-relay")
                relay = &f;
        QVERIFY(relay != nullptr);
        const auto traced = [&] {
            // Through the file format, so the key is read as a user writes it.
            const auto reread = io::parseDesign(io::serializeDesign(d), "contoso");
            if (!reread.ok())
                qFatal("%s", reread.diagnostics.front().toString().c_str());
            for (const auto& f : reread.design->flows)
                if (f.id == "flow-erp-relay")
                    return sim::Simulator(*reread.design).trace(sim::requestFromFlow(f));
            qFatal("no flow");
        };
        relay->poolMemberHostId = "ex2016b";
        auto t = traced();
        QCOMPARE(t.lastHop()->server, std::string("ex2016b"));
        QVERIFY(sim::traceToText(t, d).find("-> member ex2016b") != std::string::npos);
        QVERIFY(sim::traceToJsonText(t).find("\"server\": \"ex2016b\"") != std::string::npos);
        relay->poolMemberHostId = "ex2016a";
        QCOMPARE(traced().lastHop()->server, std::string("ex2016a"));

        relay->poolMemberHostId = "ex2010";  // a host, in no pool
        t = traced();
        QCOMPARE(t.lastHop()->server, std::string("ex2016a"));
        const std::string text = sim::traceToText(t, d);
        QVERIFY2(text.find("the requested pool member ex2010 is not in the pool of VIP "
                           "10.10.20.60:25: its first member ex2016a takes the connection") !=
                     std::string::npos,
                 text.c_str());
        bool reported = false;
        for (const auto& f : analysis::validateDesign(d))
            reported = reported || (f.id == "flow-pool-member-not-in-pool" &&
                                    f.pointer == "/flows/2/poolMember");
        QVERIFY(reported);
    }

    // R27/R28: a flow with recipients and no destination goes where its source's routing
    // sends the first recipient: an Exchange server's send connectors, as `trace --from X
    // --rcpt` does; another host's MX lookup of the recipient's domain.
    void R27_flowWithoutDestinationIsRoutedBySource() {
        const auto d = testing::loadExample("contoso");
        const sim::Simulator simulator(d);
        const auto byId = [&](std::string_view id) {
            for (const auto& f : d.flows)
                if (f.id == id)
                    return f;
            qFatal("no flow");
        };
        for (const char* id : {"flow-outbound-a", "flow-fabrikam", "flow-internet-mx"}) {
            model::Flow pinned = byId(id);
            model::Flow routed = pinned;
            routed.destination.clear();
            const auto a = simulator.trace(sim::requestFromFlow(pinned));
            const auto b = simulator.trace(sim::requestFromFlow(routed));
            QVERIFY2(b.lastHop() != nullptr, id);
            QCOMPARE(b.disposition.kind, a.disposition.kind);
            QCOMPARE(b.lastHop()->target, a.lastHop()->target);
            QCOMPARE(b.lastHop()->server, a.lastHop()->server);
        }
        // The Exchange one chose by its send connectors (R27) on the way.
        model::Flow routed = byId("flow-fabrikam");
        routed.destination.clear();
        const auto t = simulator.trace(sim::requestFromFlow(routed));
        const bool sendConnector =
            std::any_of(t.hops.front().setup.begin(), t.hops.front().setup.end(),
                        [](const sim::Step& s) { return s.kind == sim::StepKind::SendConnector; });
        QVERIFY(sendConnector);
        QCOMPARE(t.hops.front().target, net::Address::parse("10.20.0.25"));
    }

    // A flow needs a destination or a recipient: validate says so when it has neither.
    void R27_flowWithNeitherDestinationNorRecipientIsReported() {
        auto d = testing::loadExample("contoso");
        d.flows.at(0).destination.clear();
        d.flows.at(0).rcptTo.clear();
        d.flows.at(1).destination.clear();  // has a recipient: fine
        std::vector<std::string> pointers;
        for (const auto& f : analysis::validateDesign(d))
            if (f.id == "flow-without-target" || f.id == "flow-destination-invalid")
                pointers.push_back(f.id + " " + f.pointer);
        QCOMPARE(pointers, std::vector<std::string>{"flow-without-target /flows/0"});
    }

    // The same design with its elements in another order traces identically.
    void tracesDoNotDependOnElementOrder() {
        auto d = scenario("e11-dsr-reply-bypasses-firewall");
        const auto before = sim::Simulator(d).trace(sim::requestFromFlow(d.flows.at(0)));
        std::reverse(d.hosts.begin(), d.hosts.end());
        std::reverse(d.segments.begin(), d.segments.end());
        std::reverse(d.receiveConnectors.begin(), d.receiveConnectors.end());
        const auto after = sim::Simulator(d).trace(sim::requestFromFlow(d.flows.at(0)));
        QVERIFY(before == after);
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
