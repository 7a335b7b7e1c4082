// Trace renderings (core/sim/trace_output.h), on traces built by hand so the tests do not
// depend on the simulator's decisions: the text write-up names elements as the design does
// ("EX16\Relay"), numbers the steps of each leg and shows packets before -> after; the JSON
// carries every field with a fixed key order and leaves out what is absent.
// (No apostrophes inside raw strings here: moc's tokenizer takes them for character literals.)

#include <QtTest>
#include <string>

#include "core/sim/trace_output.h"

using namespace mailtopo;
using sim::DispositionKind;
using sim::Packet;
using sim::Step;
using sim::StepKind;

namespace {

net::Address ip(const char* text) {
    auto parsed = net::Address::parse(text);
    if (!parsed)
        qFatal("test bug: bad address %s", text);
    return *parsed;
}

Packet packet(const char* source, uint16_t sourcePort, const char* destination,
              uint16_t destinationPort, Packet::Flag flag) {
    Packet p;
    p.source = ip(source);
    p.sourcePort = sourcePort;
    p.destination = ip(destination);
    p.destinationPort = destinationPort;
    p.flag = flag;
    return p;
}

Step step(StepKind kind, const char* rule, const char* element, const char* summary) {
    Step s;
    s.kind = kind;
    s.rule = rule;
    s.element = element;
    s.summary = summary;
    return s;
}

// The E6 cast: a workstation, an Exchange server with a Relay connector, an SNAT load
// balancer and a firewall, with names that differ from their ids.
model::Design e6Design() {
    model::Design d;
    model::Host ws;
    ws.id = "ws77";
    ws.name = "WS77";
    ws.kind = model::HostKind::ApplicationClient;
    d.hosts.push_back(ws);
    model::Host ex;
    ex.id = "ex16";
    ex.name = "EX16";
    d.hosts.push_back(ex);
    model::LoadBalancer lb;
    lb.id = "lb";
    lb.name = "LB";
    model::Vip vip;
    vip.id = "vip-smtp";
    vip.name = "SMTP";
    lb.vips.push_back(vip);
    d.loadBalancers.push_back(lb);
    model::Firewall fw;
    fw.id = "fw";
    fw.name = "FW";
    model::OutboundNat nat;
    nat.id = "nat-out";
    nat.name = "Mail out";
    fw.outboundNat.push_back(nat);
    d.firewalls.push_back(fw);
    model::ReceiveConnector relay;
    relay.id = "rc-ex16-relay";
    relay.serverId = "ex16";
    relay.name = "Relay";
    d.receiveConnectors.push_back(relay);
    return d;
}

// WS77 -> VIP 10.0.0.50 -> SNAT 10.0.0.5 -> EX16 Relay, relayed (E6).
sim::Trace e6Trace() {
    sim::Trace t;
    t.flowName = "WS77 to VIP";
    t.flowId = "flow-e6-vip";
    t.sourceHost = "ws77";
    t.destination = "10.0.0.50";
    t.mailFrom = "boss@example.com";
    t.rcptTo = {"x@example.net"};

    sim::Hop h;
    h.client = "ws77";
    h.server = "ex16";
    Step source = step(StepKind::SourceSelect, "R2", "ws77", "WS77 uses 10.0.3.77 (only address)");
    source.inputs = {{"destination", "10.0.0.50"}, {"next hop", "10.0.3.1"}};
    h.setup.push_back(source);

    sim::Leg syn;
    syn.name = "SYN";
    Step route = step(StepKind::Route, "R6", "ws77", "WS77 sends via gateway 10.0.3.1");
    route.before = packet("10.0.3.77", 49152, "10.0.0.50", 25, Packet::Flag::Syn);
    route.after = route.before;
    syn.steps.push_back(route);
    Step snat =
        step(StepKind::Translate, "R9", "vip-smtp", "LB SNAT: VIP to EX16, source 10.0.0.5");
    snat.before = packet("10.0.3.77", 49152, "10.0.0.50", 25, Packet::Flag::Syn);
    snat.after = packet("10.0.0.5", 1024, "10.0.0.20", 25, Packet::Flag::Syn);
    syn.steps.push_back(snat);
    h.legs.push_back(syn);
    sim::Leg synAck;
    synAck.name = "SYN-ACK";
    synAck.steps.push_back(
        step(StepKind::Handshake, "R7", "ws77", "WS77 accepts the SYN-ACK from 10.0.0.50:25"));
    h.legs.push_back(synAck);

    h.smtp.push_back(step(StepKind::Smtp, "R23", "rc-ex16-relay",
                          "S: 220 ex16.example.com Microsoft ESMTP MAIL Service ready"));
    h.smtp.push_back(step(StepKind::Smtp, "R23", "rc-ex16-relay",
                          "C: RCPT TO:<x@example.net>  S: 250 2.1.5 Recipient OK (relayed)"));
    h.sessions.push_back({"fw", true, true, true});
    h.chosenSource = ip("10.0.3.77");
    h.target = ip("10.0.0.50");
    h.seenSource = ip("10.0.0.5");
    h.localAddress = ip("10.0.0.20");
    h.localPort = 25;
    h.receiveConnector = "rc-ex16-relay";
    h.principal = "NT AUTHORITY\\ANONYMOUS LOGON";
    h.rights = {"Submit", "AnySender", "AuthDom", "HdrR", "AnyRcpt"};
    h.originatingIp = ip("10.0.0.5");
    t.hops.push_back(h);

    t.disposition.kind = DispositionKind::Relayed;
    t.disposition.smtpCode = 250;
    t.disposition.enhancedStatus = "2.1.5";
    t.disposition.text = "Recipient OK";
    t.disposition.element = "rc-ex16-relay";
    t.disposition.rule = "R23";
    t.hops.back().result = t.disposition;  // one hop: its result is the trace's
    t.flags.push_back({"RELAY_VIA_LB",
                       "R40",
                       {"rc-ex16-relay", "vip-smtp"},
                       "RemoteIPRanges of Relay hold the SNAT address 10.0.0.5"});
    return t;
}

}  // namespace

class TestTraceOutput : public QObject {
    Q_OBJECT

private slots:
    void e6TextReadsHopByHop() {
        const std::string text = sim::traceToText(e6Trace(), e6Design());
        const std::string expected =
            "Trace: WS77 to VIP [flow-e6-vip]\n"
            "From WS77 to 10.0.0.50\n"
            "MAIL FROM:<boss@example.com> RCPT TO:<x@example.net>\n"
            "\n"
            "Hop 1: WS77 -> 10.0.0.50:25 (EX16)\n"
            "  Setup\n"
            "    1. [R2] WS77 uses 10.0.3.77 (only address)\n"
            "         inputs: destination = 10.0.0.50; next hop = 10.0.3.1\n"
            "  SYN\n"
            "    1. [R6] WS77 sends via gateway 10.0.3.1\n"
            "         packet: 10.0.3.77:49152 -> 10.0.0.50:25\n"
            "    2. [R9] LB SNAT: VIP to EX16, source 10.0.0.5\n"
            "         before: 10.0.3.77:49152 -> 10.0.0.50:25\n"
            "         after:  10.0.0.5:1024 -> 10.0.0.20:25\n"
            "  SYN-ACK\n"
            "    1. [R7] WS77 accepts the SYN-ACK from 10.0.0.50:25\n"
            "  SMTP\n"
            "    1. [R23] S: 220 ex16.example.com Microsoft ESMTP MAIL Service ready\n"
            "    2. [R23] C: RCPT TO:<x@example.net>  S: 250 2.1.5 Recipient OK (relayed)\n"
            "  Stateful devices\n"
            "    FW: SYN seen, SYN-ACK seen, ACK seen\n"
            "  Result\n"
            "    Hop result: relayed 250 2.1.5 by EX16\\Relay (R23): Recipient OK\n"
            "    Chosen source: 10.0.3.77\n"
            "    Seen source: 10.0.0.5\n"
            "    Local endpoint: 10.0.0.20:25\n"
            "    Connector: EX16\\Relay\n"
            "    Principal: NT AUTHORITY\\ANONYMOUS LOGON\n"
            "    Rights: Submit, AnySender, AuthDom, HdrR, AnyRcpt\n"
            "    Originating IP: 10.0.0.5\n"
            "\n"
            "Disposition: relayed 250 2.1.5 by EX16\\Relay (R23)\n"
            "  Recipient OK\n"
            "FLAG RELAY_VIA_LB (R40): RemoteIPRanges of Relay hold the SNAT address 10.0.0.5\n"
            "  involves: EX16\\Relay, LB VIP SMTP\n";
        QCOMPARE(text, expected);
        // Deterministic, and ASCII: goldens built from it stay portable.
        QCOMPARE(sim::traceToText(e6Trace(), e6Design()), text);
        for (const char c : text)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);
    }

    void dropAndTimeoutDispositions() {
        sim::Trace t;
        t.flowName = "Client to VIP";
        t.sourceHost = "ws77";
        t.destination = "10.0.0.50";
        t.mailFrom = "a@example.com";
        t.rcptTo = {"b@example.com", "c@example.com"};
        t.disposition.kind = DispositionKind::Dropped;
        t.disposition.text = "3WHS_FAILED";
        t.disposition.element = "fw";
        t.disposition.rule = "R13";
        t.flags.push_back({"ASYMMETRIC_PATH", "R14", {"fw"}, "FW saw the SYN but not the SYN-ACK"});
        const model::Design d = e6Design();
        QCOMPARE(sim::traceToText(t, d),
                 std::string("Trace: Client to VIP\n"
                             "From WS77 to 10.0.0.50\n"
                             "MAIL FROM:<a@example.com> RCPT TO:<b@example.com>,<c@example.com>\n"
                             "\n"
                             "Disposition: dropped (3WHS_FAILED) at FW (R13)\n"
                             "FLAG ASYMMETRIC_PATH (R14): FW saw the SYN but not the SYN-ACK\n"
                             "  involves: FW\n"));

        // A rejection: code and enhanced status on the line, the reply text under it.
        t.flags.clear();
        t.disposition = {DispositionKind::Rejected,
                         550,
                         "5.7.54",
                         "SMTP; Unable to relay recipient in non-accepted domain",
                         "rc-ex16-relay",
                         "R23"};
        const std::string rejected = sim::traceToText(t, d);
        QVERIFY(
            rejected.ends_with("Disposition: rejected 550 5.7.54 by EX16\\Relay (R23)\n"
                               "  SMTP; Unable to relay recipient in non-accepted domain\n"));

        // A reset names who reset; insufficient information names the element lacking data.
        t.disposition = {DispositionKind::Reset, 0, "", "client", "ws77", "R7"};
        QVERIFY(sim::traceToText(t, d).ends_with("Disposition: reset (client) by WS77 (R7)\n"));
        t.disposition = {DispositionKind::InsufficientInfo, 0, "", "no route to 10.9.9.9", "", ""};
        QVERIFY(sim::traceToText(t, d).ends_with(
            "Disposition: insufficient-info (no route to 10.9.9.9)\n"));
    }

    void unknownIdsAndIpv6AndEgress() {
        // Ids the design does not hold (a deleted host or connector) print as ids; IPv6 endpoints
        // get brackets; the egress line says who translated.
        sim::Trace t;
        t.flowName = "Outbound";
        t.sourceHost = "ex16";
        t.mailFrom = "ceo@example.com";
        sim::Hop h;
        h.client = "ex16";
        h.target = ip("2001:db8::25");
        h.receiveConnector = "ex99:implicit:default-frontend";
        sim::Leg syn;
        syn.name = "SYN";
        Step route = step(StepKind::Route, "", "", "");
        route.before = packet("2001:db8::20", 50000, "2001:db8::25", 25, Packet::Flag::Syn);
        syn.steps.push_back(route);
        h.legs.push_back(syn);
        h.egress = sim::EgressIdentity{ip("198.51.100.25"), "mail.example.com", "example.com", "fw",
                                       "nat-out"};
        t.disposition = {DispositionKind::Timeout, 0, "", "", "", "R14"};
        h.result = t.disposition;
        t.hops.push_back(h);
        const model::Design d = e6Design();
        const std::string text = sim::traceToText(t, d);
        QCOMPARE(text, std::string("Trace: Outbound\n"
                                   "From EX16 to (send connectors)\n"
                                   "MAIL FROM:<ceo@example.com>\n"
                                   "\n"
                                   "Hop 1: EX16 -> [2001:db8::25]:25 (no server answered)\n"
                                   "  SYN\n"
                                   "    1. route\n"
                                   "         packet: [2001:db8::20]:50000 -> [2001:db8::25]:25\n"
                                   "  Result\n"
                                   "    Hop result: timeout (R14)\n"
                                   "    Connector: ex99:implicit:default-frontend\n"
                                   "    Egress: 198.51.100.25 via FW (NAT Mail out), HELO "
                                   "mail.example.com, MAIL FROM domain example.com\n"
                                   "\n"
                                   "Disposition: timeout (R14)\n"));

        // The simulator's implicit R18 connectors ("<host id>-default-frontend") read as
        // SERVER\\name.
        t.hops.front().receiveConnector = "ex16-default-frontend";
        model::Design implicit = d;  // EX16 an Exchange 2016 server, its defaults implicit
        model::ExchangeProperties exchange;
        exchange.version = model::ExchangeVersion::Ex2016;
        implicit.findHost("ex16")->exchange = exchange;
        QVERIFY(
            sim::traceToText(t, implicit).find("    Connector: EX16\\Default Frontend EX16\n") !=
            std::string::npos);
        t.hops.front().egress->natRule = "interface-pat";
        QVERIFY(sim::traceToText(t, d).find("via FW (interface PAT)") != std::string::npos);
        t.hops.front().egress->natDevice.clear();
        t.hops.front().egress->natRule.clear();
        QVERIFY(sim::traceToText(t, d).find("Egress: 198.51.100.25 (not translated), HELO") !=
                std::string::npos);
    }

    void minimalJsonIsExact() {
        sim::Trace t;
        t.flowName = "Nothing";
        t.sourceHost = "ws77";
        t.destination = "10.0.0.50:2525";
        t.disposition.kind = DispositionKind::InsufficientInfo;
        t.disposition.text = "ws77 has no address";
        t.disposition.element = "ws77";
        QCOMPARE(sim::traceToJsonText(t), std::string(R"({
  "version": 1,
  "flowName": "Nothing",
  "sourceHost": "ws77",
  "destination": "10.0.0.50:2525",
  "mailFrom": "",
  "rcptTo": [],
  "hops": [],
  "disposition": {
    "kind": "insufficient-info",
    "text": "ws77 has no address",
    "element": "ws77",
    "rule": ""
  },
  "flags": []
}
)"));
    }

    void e6JsonCarriesEveryField() {
        const nlohmann::ordered_json j = sim::traceToJson(e6Trace());
        QCOMPARE(j["flowId"].get<std::string>(), std::string("flow-e6-vip"));
        QCOMPARE(j["rcptTo"].dump(), std::string(R"(["x@example.net"])"));
        const auto& hop = j["hops"][0];
        // Keys in a fixed order, the optional ones only when set.
        std::string keys;
        for (const auto& [key, value] : hop.items()) {
            keys += key;
            keys += ' ';
        }
        QCOMPARE(keys,
                 std::string("client server setup legs sessions smtp chosenSource target "
                             "port seenSource localAddress localPort receiveConnector principal "
                             "rights originatingIp result "));
        QCOMPARE(hop["result"].dump(),
                 std::string(R"({"kind":"relayed","smtpCode":250,"enhancedStatus":"2.1.5",)"
                             R"("text":"Recipient OK","element":"rc-ex16-relay","rule":"R23"})"));
        QCOMPARE(hop["setup"][0].dump(),
                 std::string(R"({"kind":"source-select","rule":"R2","element":"ws77",)"
                             R"js("summary":"WS77 uses 10.0.3.77 (only address)",)js"
                             R"("inputs":[{"name":"destination","value":"10.0.0.50"},)"
                             R"({"name":"next hop","value":"10.0.3.1"}]})"));
        QCOMPARE(hop["legs"][0]["name"].get<std::string>(), std::string("SYN"));
        QCOMPARE(hop["legs"][0]["steps"][1].dump(),
                 std::string(R"({"kind":"translate","rule":"R9","element":"vip-smtp",)"
                             R"("summary":"LB SNAT: VIP to EX16, source 10.0.0.5",)"
                             R"("before":{"flag":"SYN","source":"10.0.3.77","sourcePort":49152,)"
                             R"("destination":"10.0.0.50","destinationPort":25},)"
                             R"("after":{"flag":"SYN","source":"10.0.0.5","sourcePort":1024,)"
                             R"("destination":"10.0.0.20","destinationPort":25}})"));
        QCOMPARE(hop["sessions"].dump(),
                 std::string(R"([{"device":"fw","sawSyn":true,"sawSynAck":true,"sawAck":true}])"));
        QCOMPARE(hop["smtp"].size(), size_t{2});
        QCOMPARE(hop["port"].get<int>(), 25);
        QCOMPARE(hop["seenSource"].get<std::string>(), std::string("10.0.0.5"));
        QCOMPARE(hop["receiveConnector"].get<std::string>(), std::string("rc-ex16-relay"));
        QCOMPARE(hop["rights"].size(), size_t{5});
        QVERIFY(!hop.contains("egress"));
        QCOMPARE(j["disposition"].dump(),
                 std::string(R"({"kind":"relayed","smtpCode":250,"enhancedStatus":"2.1.5",)"
                             R"("text":"Recipient OK","element":"rc-ex16-relay","rule":"R23"})"));
        QCOMPARE(
            j["flags"].dump(),
            std::string(R"([{"name":"RELAY_VIA_LB","rule":"R40",)"
                        R"("elements":["rc-ex16-relay","vip-smtp"],)"
                        R"("detail":"RemoteIPRanges of Relay hold the SNAT address 10.0.0.5"}])"));
        // The text form is the same JSON, pretty-printed, and parses back to it.
        const std::string text = sim::traceToJsonText(e6Trace());
        QVERIFY(text.ends_with("}\n"));
        QCOMPARE(nlohmann::ordered_json::parse(text), j);
    }

    void egressAndEveryEnumNameInJson() {
        sim::Trace t;
        sim::Hop h;
        h.client = "ex16";
        h.egress = sim::EgressIdentity{ip("198.51.100.1"), "ex16.example.com", "example.com", "fw",
                                       "interface-pat"};
        t.hops.push_back(h);
        const auto j = sim::traceToJson(t);
        QCOMPARE(j["hops"][0]["egress"].dump(),
                 std::string(R"({"publicAddress":"198.51.100.1","heloName":"ex16.example.com",)"
                             R"("mailFromDomain":"example.com","natDevice":"fw",)"
                             R"("natRule":"interface-pat"})"));
        // Enumerations appear by their table names, never as numbers or "?".
        for (const auto& [kind, name] : EnumTraits<StepKind>::items) {
            Step s;
            s.kind = kind;
            QCOMPARE(sim::traceToJson([&] {
                         sim::Trace one;
                         sim::Hop hop;
                         hop.setup.push_back(s);
                         one.hops.push_back(hop);
                         return one;
                     }())["hops"][0]["setup"][0]["kind"]
                         .get<std::string>(),
                     std::string(name));
        }
        for (const auto& [kind, name] : EnumTraits<DispositionKind>::items) {
            sim::Trace one;
            one.disposition.kind = kind;
            QCOMPARE(sim::traceToJson(one)["disposition"]["kind"].get<std::string>(),
                     std::string(name));
        }
        // Packet flags by their leg names.
        Step s;
        s.before = packet("10.0.0.20", 25, "10.0.3.77", 49152, Packet::Flag::SynAck);
        s.after = packet("10.0.0.20", 25, "10.0.3.77", 49152, Packet::Flag::Ack);
        t.hops[0].smtp.push_back(s);
        const auto k = sim::traceToJson(t)["hops"][0]["smtp"][0];
        QCOMPARE(k["before"]["flag"].get<std::string>(), std::string("SYN-ACK"));
        QCOMPARE(k["after"]["flag"].get<std::string>(), std::string("ACK"));
    }

    void jsonTextSurvivesInvalidUtf8() {
        sim::Trace t;
        t.flowName = "bad \xff name";
        const std::string text = sim::traceToJsonText(t);
        QVERIFY(text.find("bad \xEF\xBF\xBD name") != std::string::npos);  // U+FFFD
    }
};

QTEST_GUILESS_MAIN(TestTraceOutput)
#include "tst_trace_output.moc"
