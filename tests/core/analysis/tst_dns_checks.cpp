// Every design-level DNS rule (R33–R38) on a fixture that makes it fire, and on the same
// fixture fixed the way the finding's remediation says, where it must no longer fire. The
// fixtures are the worked examples E14–E17 of tests/scenarios, changed in code. Also the
// static SPF lint behind the record rules and the design-vs-world comparison of
// `dns-check --server`, with an in-memory "world".

#include <QtTest>
#include <algorithm>
#include <set>

#include "core/analysis/dns_checks.h"
#include "core/analysis/dns_live_check.h"
#include "core/analysis/simulation_checks.h"
#include "core/dns/spf_lint.h"
#include "core/dns/zone_data_resolver.h"
#include "tests/support/scenario.h"

using namespace mailtopo;
using model::Design;

namespace {

Design scenario(const char* name) {
    return testing::loadScenario(name);
}

std::vector<analysis::Finding> dnsFindings(const Design& design, std::string_view id) {
    std::vector<analysis::Finding> out;
    for (auto& f : analysis::checkDns(design, analysis::simulateDesign(design)))
        if (f.id == id)
            out.push_back(f);
    return out;
}

bool mentions(const analysis::Finding& f, std::string_view text) {
    return f.message.find(text) != std::string::npos ||
           f.remediation.find(text) != std::string::npos;
}

bool hasElement(const analysis::Finding& f, std::string_view id) {
    return std::find(f.elements.begin(), f.elements.end(), id) != f.elements.end();
}

model::DnsZone& zone(Design& d, std::string_view origin) {
    for (auto& z : d.dnsZones)
        if (z.origin == origin)
            return z;
    qFatal("no zone %s", std::string(origin).c_str());
}

// The first record of `name` and `type` in the zone, which must exist.
model::DnsRecord& record(Design& d, std::string_view origin, std::string_view name,
                         std::string_view type) {
    for (auto& r : zone(d, origin).records)
        if (r.name == name && r.type == type)
            return r;
    qFatal("no record %s %s", std::string(name).c_str(), std::string(type).c_str());
}

void addRecord(Design& d, std::string_view origin, std::string name, std::string type, int ttl,
               std::string data) {
    zone(d, origin).records.push_back({std::move(name), std::move(type), ttl, std::move(data)});
}

// E17 with SkipAsSource on 10.0.0.9: EX16 sends from 10.0.0.20, leaves as 198.51.100.25.
Design e17Fixed() {
    auto d = scenario("e17-source-drift-breaks-spf");
    for (auto& host : d.hosts)
        for (auto& nic : host.nics)
            for (auto& a : nic.addresses)
                if (a.address.toString() == "10.0.0.9")
                    a.skipAsSource = true;
    return d;
}

// A design of tests/data/egress (written by its make-fixtures.sh).
Design egressFixture(const char* name) {
    return testing::loadDesignOrStop(std::string(MAILTOPO_SOURCE_DIR "/tests/data/egress/") + name +
                                     ".mailtopo");
}

// The TXT data of the first record line a remediation gives: the text between its quotes.
std::string quotedRecord(const std::string& remediation) {
    const size_t open = remediation.find('"');
    const size_t close = remediation.find('"', open + 1);
    if (open == std::string::npos || close == std::string::npos)
        return {};
    return remediation.substr(open, close - open + 1);
}

}  // namespace

class TestDnsChecks : public QObject {
    Q_OBJECT

private slots:
    void catalogIdsAreUniqueKebabCase() {
        std::set<std::string_view> ids;
        for (const auto& rule : analysis::dnsRuleCatalog()) {
            QVERIFY(ids.insert(rule.id).second);
            QVERIFY(analysis::findStructureCheck(rule.id) == nullptr);
            for (const auto& sim : analysis::simulationRuleCatalog())
                QVERIFY(sim.id != rule.id);
            for (char c : rule.id)
                QVERIFY((c >= 'a' && c <= 'z') || c == '-');
            QVERIFY(!rule.rule.empty());
            QVERIFY(!rule.description.empty());
        }
        QCOMPARE(ids.size(), size_t(8));
    }

    // R34, E17: mail leaves by interface PAT as 198.51.100.1, which "v=spf1
    // ip4:198.51.100.25 -all" fails; the corrected record adds it and keeps the rest.
    void spfEgressNotAuthorized() {
        auto d = scenario("e17-source-drift-breaks-spf");
        const auto found = dnsFindings(d, "spf-egress-not-authorized");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QCOMPARE(f.severity, analysis::Severity::Error);
        QCOMPARE(f.rule, std::string("R34"));
        QVERIFY(mentions(f, "flow 'EX16 to 203.0.113.25'"));
        QVERIFY(mentions(f, "198.51.100.1 via FW (interface PAT"));
        QVERIFY(mentions(f, "gives fail"));
        QVERIFY(mentions(f, "v=spf1 ip4:198.51.100.25 ip4:198.51.100.1 -all"));
        QVERIFY(hasElement(f, "zone-example-com") && hasElement(f, "fw") && hasElement(f, "ex16"));
        QCOMPARE(f.pointer, std::string("/dnsZones/0/records/1"));
        // validate reports it too, from the same simulation.
        const auto all = analysis::validateDesign(d);
        QVERIFY(std::any_of(all.begin(), all.end(), [](const analysis::Finding& x) {
            return x.id == "spf-egress-not-authorized";
        }));

        // Fix 1: publish the record the remediation gives.
        auto published = d;
        record(published, "example.com.", "@", "TXT").data = quotedRecord(f.remediation);
        QVERIFY(dnsFindings(published, "spf-egress-not-authorized").empty());
        // Fix 2: keep the source on 10.0.0.20 (R2), so mail leaves as 198.51.100.25.
        QVERIFY(dnsFindings(e17Fixed(), "spf-egress-not-authorized").empty());
    }

    // R34: softfail and none are not pass either; with no record the fix is a new one.
    void spfEgressSoftfailAndNone() {
        auto d = scenario("e17-source-drift-breaks-spf");
        record(d, "example.com.", "@", "TXT").data = "\"v=spf1 ip4:198.51.100.25 ~all\"";
        auto found = dnsFindings(d, "spf-egress-not-authorized");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "gives softfail"));
        std::erase_if(zone(d, "example.com.").records,
                      [](const model::DnsRecord& r) { return r.type == "TXT"; });
        found = dnsFindings(d, "spf-egress-not-authorized");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "gives none"));
        QVERIFY(mentions(found.front(), "\"v=spf1 ip4:198.51.100.1 -all\""));
    }

    // Only DNS the design models is judged: without the example.com zone nothing is said.
    void spfEgressNeedsTheDomainsZone() {
        auto d = scenario("e17-source-drift-breaks-spf");
        std::erase_if(d.dnsZones,
                      [](const model::DnsZone& z) { return z.id == "zone-example-com"; });
        QVERIFY(dnsFindings(d, "spf-egress-not-authorized").empty());
    }

    // A hop to a smart host is not judged: final receivers see the smart host. Contoso's
    // EX2016B leaves as 198.51.100.1, which its SPF does not list, but only to the ISP relay.
    void spfEgressSkipsSmartHostHops() {
        const auto loaded =
            io::loadDesignFile(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");
        QVERIFY(loaded.ok());
        const auto& d = *loaded.design;
        const auto simulation = analysis::simulateDesign(d);
        bool leavesAsPat = false;
        for (const auto& trace : simulation.traces)
            for (const auto& hop : trace.hops)
                leavesAsPat = leavesAsPat || (hop.egress && hop.egress->natRule == "interface-pat");
        QVERIFY(leavesAsPat);
        const auto findings = analysis::checkDns(d, simulation);
        QVERIFY(std::none_of(findings.begin(), findings.end(), [](const analysis::Finding& f) {
            return f.id == "spf-egress-not-authorized";
        }));
    }

    // R34, R16: an Edge server with its own public address leaves without NAT; the egress
    // identity is its own source address, its FQDN as HELO and the MAIL FROM domain.
    void r34EgressOwnPublicAddress() {
        auto d = egressFixture("r34-egress-own-public-address");
        const auto found = dnsFindings(d, "spf-egress-not-authorized");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QVERIFY(mentions(f,
                         "EDGE01 (198.51.100.30) sends as 198.51.100.30, HELO "
                         "edge01.example.com, MAIL FROM domain example.com"));
        QVERIFY(mentions(f, "gives fail"));
        QVERIFY(hasElement(f, "edge01"));
        record(d, "example.com.", "@", "TXT").data = quotedRecord(f.remediation);
        QVERIFY(dnsFindings(d, "spf-egress-not-authorized").empty());
    }

    // R29, seed S1: EX01 sends through the ISP relay, drawn as a receiving host without next
    // hops. The trace stops at the relay, but receivers see the relay: its address is judged,
    // not EX01's hop to it, and the finding names the smart host and the record to publish.
    void r29SeedSmartHostNotInSpf() {
        auto d = egressFixture("r29-seed-001-smart-host-spf");
        const auto found = dnsFindings(d, "spf-egress-not-authorized");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QVERIFY(mentions(f,
                         "smart host ISP-RELAY (192.0.2.10) sends as 192.0.2.10, HELO "
                         "smtp.isp.example, MAIL FROM domain example.com"));
        QVERIFY(mentions(f, "SPF of example.com ('v=spf1 mx -all') gives fail"));
        QVERIFY(mentions(f, "\"v=spf1 ip4:192.0.2.10 mx -all\""));
        QVERIFY(mentions(f, "(R29)"));
        QVERIFY(!mentions(f, "198.51.100.1"));  // the hop to the relay is not the egress
        QVERIFY(hasElement(f, "zone-example.com") && hasElement(f, "relay01"));
        QCOMPARE(f.flow, std::string("flow 'EX01 to example.net'"));
        // The static-sender policy judges the same address (R38).
        const auto duhl = dnsFindings(d, "duhl-policy");
        QCOMPARE(duhl.size(), size_t(1));
        QVERIFY(mentions(duhl.front(), "leaves as 192.0.2.10 (smart host ISP-RELAY)"));
        record(d, "example.com.", "@", "TXT").data = quotedRecord(f.remediation);
        QVERIFY(dnsFindings(d, "spf-egress-not-authorized").empty());
    }

    // R29: the relay's next hop "mx:" delivers by the recipient domain's MX, so the trace
    // goes on from it to the internet and that connection's identity is judged; the standard
    // outbound flow reaches the stand-in receiver the same way.
    void r29SmartHostDeliversByMx() {
        auto d = egressFixture("r29-smart-host-delivers-by-mx");
        const auto simulation = analysis::simulateDesign(d);
        size_t chains = 0;
        for (size_t i = 0; i < simulation.traces.size(); ++i) {
            const auto& trace = simulation.traces[i];
            const auto purpose = simulation.flows[i].purpose;
            if (purpose != analysis::FlowPurpose::DesignFlow &&
                purpose != analysis::FlowPurpose::Outbound)
                continue;
            QCOMPARE(trace.hops.size(), size_t(2));
            QCOMPARE(trace.disposition.kind, model::DispositionKind::Delivered);
            const auto& onward = trace.hops.back();
            QCOMPARE(onward.client, std::string("relay01"));
            QVERIFY(onward.egress.has_value());
            QCOMPARE(onward.egress->publicAddress.toString(), std::string("192.0.2.10"));
            QCOMPARE(onward.egress->heloName, std::string("smtp.isp.example"));
            QCOMPARE(onward.egress->mailFromDomain, std::string("example.com"));
            ++chains;
        }
        QCOMPARE(chains, size_t(2));
        const auto found = dnsFindings(d, "spf-egress-not-authorized");
        QCOMPARE(found.size(), size_t(1));  // one identity, shown by both flows
        QVERIFY(mentions(found.front(), "smart host ISP-RELAY (192.0.2.10) sends as 192.0.2.10"));
        QVERIFY(mentions(found.front(), "(and 1 more flow)"));
        record(d, "example.com.", "@", "TXT").data = quotedRecord(found.front().remediation);
        QVERIFY(dnsFindings(d, "spf-egress-not-authorized").empty());
    }

    // R33, E15: two v=spf1 records; the merged record from the remediation fixes it.
    void spfMultipleRecords() {
        auto d = scenario("e15-two-spf-records");
        const auto found = dnsFindings(d, "spf-multiple-records");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QCOMPARE(f.rule, std::string("R33"));
        QVERIFY(mentions(f, "example.org publishes 2 SPF records"));
        QVERIFY(mentions(f, "permerror"));
        QVERIFY(mentions(f, "\"v=spf1 ip4:192.0.2.0/24 include:spf.example.net -all\""));
        QCOMPARE(f.pointer, std::string("/dnsZones/0/records/1"));  // the second record
        auto& records = zone(d, "example.org.").records;
        records.at(0).data = quotedRecord(f.remediation);
        records.erase(records.begin() + 1);
        QVERIFY(dnsFindings(d, "spf-multiple-records").empty());
    }

    // R34: a record that does not parse; the remediation drops the bad term.
    void spfSyntax() {
        auto d = scenario("e15-two-spf-records");
        auto& records = zone(d, "example.org.").records;
        records.erase(records.begin() + 1);
        records.at(0).data = "\"v=spf1 ip4:192.0.2.0/33 -all\"";
        const auto found = dnsFindings(d, "spf-syntax");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "ip4:192.0.2.0/33"));
        QVERIFY(mentions(found.front(), "\"v=spf1 -all\""));
        records.at(0).data = "\"v=spf1 ip4:192.0.2.0/24 -all\"";
        QVERIFY(dnsFindings(d, "spf-syntax").empty());
    }

    // R35, E14: eleven includes — flow-e14-9 ends in permerror, and the static count is 11
    // (SPF_LOOKUP_RISK); the flattened record of the remediation needs no lookup at all.
    void spfLookupLimit() {
        auto d = scenario("e14-eleven-lookups");
        const auto found = dnsFindings(d, "spf-lookup-limit");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QCOMPARE(f.rule, std::string("R35"));
        QVERIFY(mentions(f, "11 DNS-lookup terms"));
        QVERIFY(mentions(f, "SPF_LOOKUP_RISK"));
        QVERIFY(mentions(f, "flow '203.0.113.9 to MX' from 203.0.113.9 gets permerror"));
        QVERIFY(mentions(f, "ip4:192.0.2.1/32 ip4:192.0.2.2/32"));
        record(d, "example.org.", "@", "TXT").data = quotedRecord(f.remediation);
        QVERIFY(dnsFindings(d, "spf-lookup-limit").empty());
    }

    // R35 lint without a failing sender: the static worst case alone reports; ten is allowed.
    // Without the flows example.org is judged because it becomes an accepted domain.
    void spfLookupRiskIsStatic() {
        auto d = scenario("e14-eleven-lookups");
        d.flows.clear();
        QVERIFY(dnsFindings(d, "spf-lookup-limit").empty());  // no longer a domain of the design
        d.organization.acceptedDomains.push_back({"ad-example-org", "", "example.org"});
        QCOMPARE(dnsFindings(d, "spf-lookup-limit").size(), size_t(1));
        std::string ten = "\"v=spf1";
        for (int n = 1; n <= 10; ++n)
            ten.append(" include:s").append(std::to_string(n)).append(".example.org");
        ten += " -all\"";
        record(d, "example.org.", "@", "TXT").data = ten;
        QVERIFY(dnsFindings(d, "spf-lookup-limit").empty());
    }

    // R35, E16: three void lookups; the remediation drops the stale terms. With one of the
    // names restored only two are void, which is allowed.
    void spfVoidLookups() {
        auto d = scenario("e16-void-lookups");
        const auto found = dnsFindings(d, "spf-void-lookups");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QVERIFY(mentions(f, "a:old1.example.org (A of old1.example.org: NXDOMAIN)"));
        QVERIFY(mentions(f, "mx:old3.example.org (MX of old3.example.org: NXDOMAIN)"));
        QVERIFY(mentions(f, "permerror, not a fail"));
        QVERIFY(mentions(f, "\"v=spf1 -all\""));
        auto restored = d;
        addRecord(restored, "example.org.", "old1", "A", 3600, "192.0.2.1");
        QVERIFY(dnsFindings(restored, "spf-void-lookups").empty());
        record(d, "example.org.", "@", "TXT").data = quotedRecord(f.remediation);
        QVERIFY(dnsFindings(d, "spf-void-lookups").empty());
    }

    // R37, E17: the PTR of 198.51.100.1 names fw.example.com, which has no A record.
    void fcrdnsFail() {
        auto d = scenario("e17-source-drift-breaks-spf");
        const auto found = dnsFindings(d, "fcrdns-fail");
        QCOMPARE(found.size(), size_t(1));
        const auto& f = found.front();
        QCOMPARE(f.rule, std::string("R37"));
        QVERIFY(mentions(f, "fw.example.com (A NXDOMAIN)"));
        QVERIFY(mentions(f, "fw 86400 IN A 198.51.100.1 (zone example.com.)"));
        QCOMPARE(f.pointer, std::string("/dnsZones/1/records/0"));
        addRecord(d, "example.com.", "fw", "A", 86400, "198.51.100.1");
        QVERIFY(dnsFindings(d, "fcrdns-fail").empty());
    }

    // R37: no PTR at all; the fix publishes one naming the HELO name, with its A record.
    void fcrdnsNoPtr() {
        auto d = scenario("e17-source-drift-breaks-spf");
        std::erase_if(zone(d, "100.51.198.in-addr.arpa.").records,
                      [](const model::DnsRecord& r) { return r.name == "1"; });
        const auto found = dnsFindings(d, "fcrdns-fail");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "1.100.51.198.in-addr.arpa does not exist"));
        QVERIFY(mentions(found.front(), "1 86400 IN PTR ex16.example.com."));
        QVERIFY(mentions(found.front(), "ex16 86400 IN A 198.51.100.1"));
        // Without the reverse zone in the design, the PTR is the ISP's business: not judged.
        std::erase_if(d.dnsZones,
                      [](const model::DnsZone& z) { return z.id == "zone-rev-198-51-100"; });
        QVERIFY(dnsFindings(d, "fcrdns-fail").empty());
    }

    // R38 (S1), E17: 198.51.100.1 is no MX host and its PTR names fw.example.com. Sending as
    // the MX host's address (SkipAsSource) satisfies the policy; a short MX TTL breaks it.
    void duhlPolicy() {
        auto d = scenario("e17-source-drift-breaks-spf");
        const auto found = dnsFindings(d, "duhl-policy");
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().severity, analysis::Severity::Info);
        QCOMPARE(found.front().rule, std::string("R38"));
        QVERIFY(mentions(found.front(), "no MX host of example.com has the address 198.51.100.1"));
        QVERIFY(mentions(found.front(), "names fw.example.com, not an MX host"));
        auto fixed = e17Fixed();
        QVERIFY(dnsFindings(fixed, "duhl-policy").empty());
        record(fixed, "example.com.", "@", "MX").ttl = 3600;
        const auto shortTtl = dnsFindings(fixed, "duhl-policy");
        QCOMPARE(shortTtl.size(), size_t(1));
        QVERIFY(mentions(shortTtl.front(), "MX mail.example.com has TTL 3600"));
        QVERIFY(mentions(shortTtl.front(), "@ 86400 IN MX 10 mail.example.com."));
    }

    // MX reachability: mail.example.com must be FW's inbound NAT address for port 25.
    void mxUnreachable() {
        auto d = e17Fixed();
        QVERIFY(dnsFindings(d, "mx-unreachable").empty());
        record(d, "example.com.", "mail", "A").data = "198.51.100.26";
        const auto found = dnsFindings(d, "mx-unreachable");
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(mentions(found.front(), "MX host mail.example.com resolves to 198.51.100.26"));
        QVERIFY(mentions(found.front(), "198.51.100.25 (inbound NAT 'MX' of FW)"));
        QVERIFY(mentions(found.front(), "mail 86400 IN A 198.51.100.25 (zone example.com.)"));
        QVERIFY(hasElement(found.front(), "ad-example-com"));
        // An inbound NAT for another port is no SMTP entry.
        auto other = e17Fixed();
        other.firewalls.front().inboundNat.front().publicPort = 443;
        QCOMPARE(dnsFindings(other, "mx-unreachable").size(), size_t(1));
    }

    // The static lint (R33–R35): E14's 11 lookups, E16's 3 void terms, an include loop.
    void spfLint() {
        dns::ZoneDataResolver zones;
        zones.add(
            dns::makeTxtRecord("a.example", {"v=spf1 include:b.example a:gone.example -all"}));
        zones.add(dns::makeTxtRecord("b.example", {"v=spf1 include:a.example ~all"}));
        const auto lint = dns::lintSpf(zones, "a.example");
        QCOMPARE(lint.records.size(), size_t(2));
        QCOMPARE(lint.worstCaseLookups, 3);  // include:b, a:gone, include:a (not followed)
        QCOMPARE(lint.voids.size(), size_t(1));
        QCOMPARE(lint.voids.front().name, std::string("gone.example"));
        QCOMPARE(lint.notFollowed.size(), size_t(1));
        QVERIFY(lint.notFollowed.front().find("include loop") != std::string::npos);
    }

    // dns-check --server: one difference of each kind against an in-memory "server".
    void liveComparison() {
        const auto d = scenario("e17-source-drift-breaks-spf");
        auto world = dns::ZoneDataResolver::fromZones(d.dnsZones, model::DnsView::External);
        QVERIFY(analysis::compareWithServer(d, *world, "test").findings.empty());

        auto published = d;
        auto& rev = zone(published, "100.51.198.in-addr.arpa.").records;
        rev.erase(rev.begin());                                                     // missing
        record(published, "example.com.", "mail", "A").data = "198.51.100.26";      // different
        record(published, "example.com.", "@", "MX").ttl = 300;                     // TTL
        addRecord(published, "example.com.", "@", "TXT", 3600, "\"v=spf1 -all\"");  // extra
        world = dns::ZoneDataResolver::fromZones(published.dnsZones, model::DnsView::External);
        const auto compared = analysis::compareWithServer(d, *world, "test");
        QCOMPARE(compared.unanswered, size_t(0));
        QCOMPARE(compared.queries, size_t(5));
        QCOMPARE(compared.findings.size(), size_t(4));
        std::set<std::string> kinds;
        for (const auto& f : compared.findings) {
            QCOMPARE(f.id, std::string("dns-live-mismatch"));
            for (const char* kind : {"does not exist", "different data", "TTL differs", "extra on"})
                if (f.message.find(kind) != std::string::npos)
                    kinds.insert(kind);
        }
        QCOMPARE(kinds.size(), size_t(4));
    }
};

QTEST_GUILESS_MAIN(TestDnsChecks)
#include "tst_dns_checks.moc"
