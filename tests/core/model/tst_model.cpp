// The semantic model: enum spellings, id bookkeeping, lookups, the synthetic estate.

#include <QtTest>
#include <set>

#include "core/io/design_json.h"
#include "core/model/design.h"
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
        QCOMPARE(kindOf("fw-edge-nat-mx"), ElementKind::InboundNat);
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
        QCOMPARE(d.receiveConnectorsOf("host-EX0101").size(), size_t{1});
        QCOMPARE(d.receiveConnectorsOf("host-EX0102").size(), size_t{0});
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
};

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
