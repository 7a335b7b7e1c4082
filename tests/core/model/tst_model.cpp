// The semantic model: enum spellings, id bookkeeping, lookups, the synthetic estate.

#include <QElapsedTimer>
#include <QtTest>
#include <set>

#include "core/analysis/structure_checks.h"
#include "core/io/design_json.h"
#include "core/model/design.h"
#include "core/model/design_lookup.h"
#include "core/model/synthetic_estate.h"

using namespace mailtopo;
using namespace mailtopo::model;

namespace {

// Every enumerator has exactly one spelling and every spelling parses back to it.
template <class E>
void checkEnumTable() {
    std::set<std::string_view> seen;
    for (const auto& [value, name] : EnumTraits<E>::items) {
        QVERIFY2(seen.insert(name).second, std::string(name).c_str());
        QCOMPARE(enumName(value), name);
        QVERIFY(parseEnum<E>(name) == value);
    }
    QVERIFY(!parseEnum<E>("no-such-value").has_value());
}

}  // namespace

class TestModel : public QObject {
    Q_OBJECT

private slots:
    void enumTablesAreBijective() {
        checkEnumTable<HostKind>();
        checkEnumTable<OperatingSystem>();
        checkEnumTable<ExchangeVersion>();
        checkEnumTable<ExchangeRole>();
        checkEnumTable<AddressOrigin>();
        checkEnumTable<SegmentKind>();
        checkEnumTable<LoadBalancerMode>();
        checkEnumTable<FirewallAction>();
        checkEnumTable<UnmatchedOutbound>();
        checkEnumTable<TransportRole>();
        checkEnumTable<PermissionGroup>();
        checkEnumTable<AuthMechanism>();
        checkEnumTable<ExtendedRight>();
        checkEnumTable<AcceptedDomainType>();
        checkEnumTable<SmartHostAuth>();
        checkEnumTable<SenderIdAction>();
        checkEnumTable<DnsView>();
    }

    void caseInsensitiveParsingForImporters() {
        QVERIFY(parseEnumCaseInsensitive<PermissionGroup>("anonymoususers") ==
                PermissionGroup::AnonymousUsers);
        QVERIFY(parseEnumCaseInsensitive<AuthMechanism>("EXTERNALAUTHORITATIVE") ==
                AuthMechanism::ExternalAuthoritative);
        QVERIFY(!parseEnum<PermissionGroup>("anonymoususers").has_value());
    }

    void flagSetKeepsTableOrder() {
        FlagSet<PermissionGroup> groups{PermissionGroup::ExchangeServers,
                                        PermissionGroup::AnonymousUsers};
        QCOMPARE(groups.size(), size_t{2});
        const auto values = groups.values();
        QCOMPARE(values.front(),
                 PermissionGroup::AnonymousUsers);  // table order, not insertion order
        QVERIFY(groups.contains(PermissionGroup::ExchangeServers));
        groups.erase(PermissionGroup::ExchangeServers);
        QVERIFY(!groups.contains(PermissionGroup::ExchangeServers));
        QCOMPARE(enumChoices<LoadBalancerMode>(), std::string("'snat', 'transparent' or 'dsr'"));
    }

    void windowsDetection() {
        Host h;
        h.os = OperatingSystem::Windows2003;
        QVERIFY(h.isWindows());
        h.os = OperatingSystem::Windows2025;
        QVERIFY(h.isWindows());
        h.os = OperatingSystem::Linux;
        QVERIFY(!h.isWindows());
    }

    void collectIdsCoversNestedElements() {
        const Design d = generateEstate({3, 2, 1});
        const auto ids = collectIds(d);
        std::set<std::string> unique;
        for (const auto& occurrence : ids)
            unique.insert(occurrence.id);
        QCOMPARE(unique.size(), ids.size());  // the generator never repeats an id
        auto kindOf = [&](const std::string& id) {
            for (const auto& o : ids) {
                if (o.id == id)
                    return o.kind;
            }
            return ElementKind::View;
        };
        QCOMPARE(kindOf("host-EX0101-mapi"), ElementKind::Nic);
        QCOMPARE(kindOf("lb-site1-vip"), ElementKind::Vip);
        QCOMPARE(kindOf("fw-edge-nat-mx-site1"), ElementKind::InboundNat);
        QCOMPARE(kindOf("rc-EX0101-relay"), ElementKind::ReceiveConnector);
        // Pointers point at the element in the document.
        for (const auto& o : ids) {
            if (o.id == "host-EX0101-mapi")
                QCOMPARE(o.path, std::string("/hosts/1/nics/0"));
        }
    }

    void lookups() {
        const Design d = generateEstate({4, 2, 0});
        QVERIFY(d.findHost("host-EX0102") != nullptr);
        QVERIFY(d.findHost("nope") == nullptr);
        QVERIFY(d.findHostByName("ex0201") !=
                nullptr);  // Exchange compares names case-insensitively
        QCOMPARE(d.findHostByName("ex0201")->id, std::string("host-EX0201"));
        // connectorsPerServer (default 2) custom connectors on every server.
        QCOMPARE(d.receiveConnectorsOf("host-EX0101").size(), size_t{2});
        QCOMPARE(d.receiveConnectorsOf("host-EX0102").size(), size_t{2});
        QCOMPARE(d.receiveConnectorsOf("host-EX0102").front()->name, std::string("Relay"));
    }

    // The indexed lookup answers exactly what the design's searches answer, the first of
    // duplicated ids and names included.
    void designLookupAnswersAsTheSearches() {
        Design d = generateEstate({4, 2, 0});
        Host twin = d.hosts[1];  // same id, NIC ids and FQDN; another name
        twin.name = "TWIN";
        d.hosts.push_back(twin);
        d.hosts[2].fqdn = "Mixed.Case.Example";
        d.flows.push_back({});
        d.flows.back().id = "flow-1";
        SendConnector scoped;
        scoped.id = "sc-scoped";
        scoped.sourceServerIds = {"host-EX0201", "nope"};
        d.sendConnectors.push_back(scoped);
        const DesignLookup lookup(d);

        for (const auto& host : d.hosts) {
            QCOMPARE(lookup.host(host.id), d.findHost(host.id));
            QCOMPARE(lookup.hostNamed(host.name), d.findHostByName(host.name));
            QVERIFY(lookup.connectorsOf(host.id) == d.receiveConnectorsOf(host.id));
        }
        QCOMPARE(lookup.nic("host-EX0101-mapi"), &d.hosts[1].nics.front());
        QVERIFY(lookup.nic("nope") == nullptr);
        QCOMPARE(lookup.hostNamed("twin"), &d.hosts.back());
        QCOMPARE(lookup.hostNamed("ex0201"), d.findHostByName("ex0201"));
        QVERIFY(lookup.host("nope") == nullptr && lookup.hostNamed("nope") == nullptr);
        QCOMPARE(lookup.hostWithFqdn("mixed.CASE.example"), &d.hosts[2]);
        QCOMPARE(lookup.hostWithFqdn(d.hosts[1].fqdn), &d.hosts[1]);  // not its twin
        QVERIFY(lookup.hostWithFqdn("") == nullptr);
        for (const auto& segment : d.segments)
            QCOMPARE(lookup.segment(segment.id), d.findSegment(segment.id));
        for (const auto& connector : d.receiveConnectors)
            QCOMPARE(lookup.receiveConnector(connector.id), d.findReceiveConnector(connector.id));
        QCOMPARE(lookup.flow("flow-1"), &d.flows.back());
        QVERIFY(lookup.flow("nope") == nullptr);

        const SendConnector& toInternet = d.sendConnectors.front();
        QVERIFY(lookup.isSourceServer(toInternet, "host-EX0102"));
        QVERIFY(!lookup.isSourceServer(toInternet, "internet-sender"));
        QVERIFY(lookup.isSourceServer(d.sendConnectors.back(), "nope"));
        QVERIFY(lookup.hasSourceServerInSite(d.sendConnectors.back(), "Site-2"));
        QVERIFY(!lookup.hasSourceServerInSite(d.sendConnectors.back(), "Site-1"));
    }

    void syntheticEstateShape() {
        const Design d = generateEstate({200, 10, 3});
        int exchange = 0;
        for (const auto& h : d.hosts)
            exchange += h.isExchange() ? 1 : 0;
        QCOMPARE(exchange, 200);
        QCOMPARE(d.loadBalancers.size(), size_t{20});
        QCOMPARE(d.loadBalancers.front().vips.front().pool.size(), size_t{10});
        QCOMPARE(d.sendConnectors.front().sourceServerIds.size(), size_t{200});
        // Every top-level element has a placement on the one view.
        const auto& placements = d.views.front().placements;
        for (const auto& h : d.hosts)
            QVERIFY2(placements.count(h.id) == 1, h.id.c_str());
        // Survives the file format unchanged.
        const auto parsed = io::parseDesign(io::serializeDesign(d));
        QVERIFY(parsed.ok());
        QVERIFY(*parsed.design == d);
    }

    void estateIsDeterministicPerSeed() {
        EstateParameters p{30, 5, 2};
        p.seed = 7;
        const std::string a = io::serializeDesign(generateEstate(p));
        QCOMPARE(io::serializeDesign(generateEstate(p)), a);  // byte-identical
        p.seed = 8;
        QVERIFY(io::serializeDesign(generateEstate(p)) != a);
    }

    // R19a: the custom connectors of one server share 0.0.0.0:25, so every pair of entries
    // that intersect must be strictly nested; the generator nests some on purpose. And the
    // estate passes the structural checks (no duplicate address outside DSR loopbacks).
    void estateRangesAreNestedOrDisjointAndValid() {
        EstateParameters p{30, 5, 2};
        p.seed = 3;
        p.connectorsPerServer = 6;
        p.rangesPerConnector = 40;
        p.applicationHosts = 500;
        const Design d = generateEstate(p);
        int nested = 0;
        for (const auto& server : d.hosts) {
            const auto connectors = d.receiveConnectorsOf(server.id);
            for (size_t i = 0; i < connectors.size(); ++i) {
                QCOMPARE(connectors[i]->remoteIpRanges.size(), size_t{40});
                for (size_t j = i + 1; j < connectors.size(); ++j) {
                    for (const auto& a : connectors[i]->remoteIpRanges) {
                        for (const auto& b : connectors[j]->remoteIpRanges) {
                            if (!a.intersects(b))
                                continue;
                            const bool strict = (a.contains(b) || b.contains(a)) &&
                                                (a.first() != b.first() || a.last() != b.last());
                            QVERIFY2(strict, (a.toString() + " / " + b.toString()).c_str());
                            ++nested;
                        }
                    }
                }
            }
        }
        QVERIFY(nested > 0);
        const auto findings = analysis::checkStructure(d);
        for (const auto& f : findings)
            QVERIFY2(f.severity == analysis::Severity::Info, (f.id + ": " + f.message).c_str());
    }

    void estateAtBenchmarkScale() {
        // The benchmark target: 500 servers, 5,000 connectors, 100,000 ranges, 2,000 apps.
        EstateParameters p{500, 10, 3};
        p.connectorsPerServer = 10;
        p.rangesPerConnector = 20;
        p.applicationHosts = 2000;
        QElapsedTimer timer;
        timer.start();
        const Design d = generateEstate(p);
        qInfo("generated in %lld ms", static_cast<long long>(timer.elapsed()));
        size_t ranges = 0;
        for (const auto& c : d.receiveConnectors)
            ranges += c.remoteIpRanges.size();
        int apps = 0, dsr = 0, snat = 0;
        for (const auto& h : d.hosts)
            apps += h.kind == HostKind::ApplicationClient ? 1 : 0;
        for (const auto& lb : d.loadBalancers)
            (lb.vips.front().mode == LoadBalancerMode::Dsr ? dsr : snat) += 1;
        QCOMPARE(d.receiveConnectors.size(), size_t{5000});
        QCOMPARE(ranges, size_t{100000});
        QCOMPARE(apps, 2000);
        QVERIFY(dsr > 0 && snat > 0);  // the seed mixes both modes
        QCOMPARE(d.firewalls.front().inboundNat.size(), size_t{50});
        QCOMPARE(d.firewalls.front().outboundNat.size(), size_t{50});
        const auto findings = analysis::checkStructure(d);
        for (const auto& f : findings)
            QVERIFY2(f.severity != analysis::Severity::Error, (f.id + ": " + f.message).c_str());
    }
};

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
