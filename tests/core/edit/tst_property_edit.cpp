// Setting one property of one element from text (core/edit/property_edit.h), as
// `mailtopo-cli edit --set` and the GUI's rename do: every kind of value the file format
// holds, nested keys, structured lists as JSON, and the refusals, which leave the design
// as it was and use the inspector's words (core/edit/value_text.h).

#include <QtTest>

#include "core/edit/change_set.h"
#include "core/edit/property_edit.h"
#include "core/edit/value_text.h"
#include "core/io/design_file.h"
#include "tests/support/scenario.h"

using namespace mailtopo;

namespace {

model::Design contoso() {
    return mailtopo::testing::loadExample("contoso");
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

const model::Nic& nic(const model::Design& design, const std::string& hostId, size_t index) {
    return design.findHost(hostId)->nics.at(index);
}

const model::Vip& vip(const model::Design& design, const std::string& id) {
    for (const auto& lb : design.loadBalancers)
        for (const auto& v : lb.vips)
            if (v.id == id)
                return v;
    qFatal("no such VIP");
}

const model::SendConnector& sendConnector(const model::Design& design, const std::string& id) {
    for (const auto& sc : design.sendConnectors)
        if (sc.id == id)
            return sc;
    qFatal("no such send connector");
}

}  // namespace

class TestPropertyEdit : public QObject {
    Q_OBJECT

    // Sets a value that must be accepted; returns the change set.
    static edit::ChangeSet set(model::Design& design, const std::string& id, const std::string& key,
                               const std::string& value) {
        const auto outcome = edit::setProperty(design, id, key, value);
        if (!outcome.ok)
            qWarning("%s", outcome.error.c_str());
        [&] { QVERIFY(outcome.ok); }();
        return outcome.changes;
    }

    // Sets a value that must be refused, checks the design did not change, returns why.
    static QString refused(model::Design& design, const std::string& id, const std::string& key,
                           const std::string& value) {
        const model::Design before = design;
        const auto outcome = edit::setProperty(design, id, key, value);
        [&] {
            QVERIFY2(!outcome.ok, (id + ":" + key + "=" + value + " was accepted").c_str());
            QVERIFY(outcome.changes.empty());
            QVERIFY(design == before);
        }();
        return q(outcome.error);
    }

private slots:
    void stringsAreTakenAsTyped() {
        model::Design design = contoso();
        const edit::ChangeSet changes = set(design, "ex2016a", "description", "  Front row  ");
        QCOMPARE(design.findHost("ex2016a")->description, std::string("Front row"));
        QCOMPARE(changes.changed, std::vector<model::Id>{"ex2016a"});
        QVERIFY(changes.inserted.empty() && changes.removed.empty() && changes.moved.empty());
        QCOMPARE(edit::propertyText(design, "ex2016a", "description"),
                 std::optional<std::string>("Front row"));
    }

    void settingTheSameValueChangesNothing() {
        model::Design design = contoso();
        const std::string name = design.findHost("ex2016a")->name;
        const auto outcome = edit::setProperty(design, "ex2016a", "name", name);
        QVERIFY(outcome.ok);
        QVERIFY(outcome.changes.empty());
    }

    void booleansInEveryAcceptedSpelling() {
        model::Design design = contoso();
        const std::vector<std::pair<std::string, bool>> spellings{
            {"true", true}, {"false", false}, {"yes", true}, {"no", false},
            {"1", true},    {"0", false},     {"TRUE", true}};
        for (const auto& [text, value] : spellings) {
            set(design, "ex2016a-mapi", "weakHostSend", text);
            QCOMPARE(nic(design, "ex2016a", 0).weakHostSend, value);
        }
        QCOMPARE(edit::propertyText(design, "ex2016a-mapi", "weakHostSend"),
                 std::optional<std::string>("true"));
        QVERIFY(refused(design, "ex2016a-mapi", "weakHostSend", "maybe")
                    .startsWith("weakHostSend: 'maybe' is not true or false"));
    }

    void integersWithTheirRanges() {
        model::Design design = contoso();
        set(design, "ex2016a-mapi", "interfaceMetric", "15");
        QCOMPARE(nic(design, "ex2016a", 0).interfaceMetric, 15);
        QCOMPARE(refused(design, "ex2016a-mapi", "interfaceMetric", "-1"),
                 QStringLiteral("interfaceMetric: '-1': interfaceMetric contains '-', expected "
                                "decimal digits"));
        QCOMPARE(refused(design, "ex2016a-mapi", "interfaceMetric", "99999999999"),
                 QStringLiteral("interfaceMetric: '99999999999': interfaceMetric is greater than "
                                "2147483647"));
        // Ports, 16-bit or not, are 1..65535 in the inspector's words.
        set(design, "vip-smtp-in", "port", "587");
        QCOMPARE(vip(design, "vip-smtp-in").port, uint16_t{587});
        QCOMPARE(refused(design, "vip-smtp-in", "port", "99999"),
                 QStringLiteral("port: '99999': port is greater than 65535"));
        QCOMPARE(refused(design, "sc-internet", "port", "0"),
                 QStringLiteral("port: '0': port 0 is not a port a connection can use"));
        QCOMPARE(refused(design, "sc-internet", "port", ""),
                 QStringLiteral("port: '': port is missing"));
    }

    void enumsAsTheFileSpellsThem() {
        model::Design design = contoso();
        set(design, "ex2016a", "os", "windows-2016");
        QCOMPARE(design.findHost("ex2016a")->os, model::OperatingSystem::Windows2016);
        QCOMPARE(edit::propertyText(design, "ex2016a", "os"),
                 std::optional<std::string>("windows-2016"));
        const QString why = refused(design, "ex2016a", "os", "windows-95");
        QVERIFY2(why.startsWith("os: 'windows-95' is not one of 'windows-2003', "),
                 qPrintable(why));
        // Flag sets: comma-separated names.
        set(design, "ex2016a", "exchange.roles", "Mailbox, Edge");
        const auto roles = design.findHost("ex2016a")->exchange->roles;
        QVERIFY(roles.contains(model::ExchangeRole::Mailbox) &&
                roles.contains(model::ExchangeRole::Edge) && roles.size() == 2);
        QCOMPARE(edit::propertyText(design, "ex2016a", "exchange.roles"),
                 std::optional<std::string>("Mailbox, Edge"));
        QVERIFY(refused(design, "ex2016a", "exchange.roles", "Mailbox, Kitchen")
                    .startsWith("exchange.roles: 'Kitchen' is not one of 'Mailbox'"));
    }

    void addressesPrefixesRangesAndBindings() {
        model::Design design = contoso();
        set(design, "seg-dmz", "subnets", "192.0.2.0/26, 2001:db8:1::/64");
        QCOMPARE(design.segments[1].subnets.size(), size_t{2});
        QCOMPARE(edit::propertyText(design, "seg-dmz", "subnets"),
                 std::optional<std::string>("192.0.2.0/26, 2001:db8:1::/64"));
        set(design, "ex2016a-mapi", "gateways", "10.10.20.1");
        QCOMPARE(edit::propertyText(design, "ex2016a-mapi", "gateways"),
                 std::optional<std::string>("10.10.20.1"));
        QVERIFY(refused(design, "ex2016a-mapi", "gateways", "10.10.20.300")
                    .startsWith("gateways: '10.10.20.300'"));
        set(design, "vip-smtp-in", "address", "10.10.20.99");
        QCOMPARE(vip(design, "vip-smtp-in").address.toString(), std::string("10.10.20.99"));
        QCOMPARE(refused(design, "vip-smtp-in", "address", ""),
                 QStringLiteral("address: an address is required"));
        // An optional address: empty text clears it.
        set(design, "sc-internet", "sourceIpAddress", "192.0.2.10");
        QVERIFY(sendConnector(design, "sc-internet").sourceIpAddress.has_value());
        set(design, "sc-internet", "sourceIpAddress", "");
        QVERIFY(!sendConnector(design, "sc-internet").sourceIpAddress.has_value());
        set(design, "rc-ex2016a-relay", "remoteIpRanges", "10.10.30.5, 10.10.31.0/24");
        QCOMPARE(edit::propertyText(design, "rc-ex2016a-relay", "remoteIpRanges"),
                 std::optional<std::string>("10.10.30.5, 10.10.31.0/24"));
        set(design, "rc-ex2016a-relay", "bindings", "10.10.20.21:25, [::]:25");
        QCOMPARE(edit::propertyText(design, "rc-ex2016a-relay", "bindings"),
                 std::optional<std::string>("10.10.20.21:25, [::]:25"));
        QCOMPARE(refused(design, "rc-ex2016a-relay", "bindings", " , "),
                 QStringLiteral("bindings: at least one is required."));
    }

    // IP/PREFIX items, " skip" marking SkipAsSource; an address that stays keeps its origin.
    void nicAddressesWithTheSkipMarker() {
        model::Design design = contoso();
        design.hosts[3].nics[0].addresses[0].origin = model::AddressOrigin::Dhcp;
        const std::string kept = design.hosts[3].nics[0].addresses[0].address.toString();
        set(design, "ex2016a-mapi", "addresses", kept + "/24, 10.10.20.77/24 skip");
        const auto& addresses = nic(design, "ex2016a", 0).addresses;
        QCOMPARE(addresses.size(), size_t{2});
        QCOMPARE(addresses[0].origin, model::AddressOrigin::Dhcp);
        QVERIFY(!addresses[0].skipAsSource);
        QVERIFY(addresses[1].skipAsSource);
        QCOMPARE(addresses[1].origin, model::AddressOrigin::Manual);
        QCOMPARE(edit::propertyText(design, "ex2016a-mapi", "addresses"),
                 std::optional<std::string>(kept + "/24, 10.10.20.77/24 skip"));
        QVERIFY(refused(design, "ex2016a-mapi", "addresses", "10.10.20.78/24 often")
                    .contains("optionally followed by 'skip'"));
        QVERIFY(refused(design, "ex2016a-mapi", "addresses", "10.10.20.78/33")
                    .startsWith("addresses: '10.10.20.78/33'"));
        // Or as the file holds them, origin included.
        set(design, "ex2016a-mapi", "addresses",
            R"([{"address": "10.10.20.79", "prefixLength": 24, "origin": "dhcp"}])");
        QCOMPARE(nic(design, "ex2016a", 0).addresses.front().origin, model::AddressOrigin::Dhcp);
    }

    void optionalSizesClearWhenEmpty() {
        model::Design design = contoso();
        set(design, "rc-ex2016a-relay", "maxMessageSizeBytes", "36700160");
        QCOMPARE(design.findReceiveConnector("rc-ex2016a-relay")->maxMessageSizeBytes,
                 std::optional<long long>(36700160));
        set(design, "rc-ex2016a-relay", "maxMessageSizeBytes", "");
        QVERIFY(!design.findReceiveConnector("rc-ex2016a-relay")->maxMessageSizeBytes);
        // Ten digits once wrapped around 32 bits and passed as a smaller size.
        QCOMPARE(refused(design, "rc-ex2016a-relay", "maxMessageSizeBytes", "9999999999"),
                 QStringLiteral("maxMessageSizeBytes: '9999999999': size is greater than "
                                "2147483647"));
        QCOMPARE(refused(design, "rc-ex2016a-relay", "maxMessageSizeBytes", "35MB"),
                 QStringLiteral("maxMessageSizeBytes: '35MB': size contains 'M', expected "
                                "decimal digits"));
    }

    void nestedKeysReachEveryPart() {
        model::Design design = contoso();
        set(design, "ex2016a", "exchange.site", "Branch");
        QCOMPARE(design.findHost("ex2016a")->exchange->site, std::string("Branch"));
        set(design, "ex2016a", "exchange.antiSpam.ipAllowList", "203.0.113.0/24");
        QCOMPARE(design.findHost("ex2016a")->exchange->antiSpam.ipAllowList.size(), size_t{1});
        set(design, "mailgw", "smtp.nextHops", "10.10.20.21:25, ex2016b");
        QCOMPARE(design.findHost("mailgw")->smtp->nextHops,
                 (std::vector<std::string>{"10.10.20.21:25", "ex2016b"}));
        set(design, "fw-edge", "smtpInspection.enabled", "true");
        QVERIFY(design.firewalls[0].smtpInspection.enabled);
        QCOMPARE(refused(design, "isp-relay", "exchange.site", "Branch"),
                 QStringLiteral("exchange.site: this host has no 'exchange' part"));
        QVERIFY(refused(design, "ex2016a", "exchange", "x")
                    .startsWith("exchange: 'exchange' is a group of properties; name one of "
                                "them: exchange.version, exchange.roles, exchange.site"));
        QVERIFY(refused(design, "ex2016a", "nics", "x")
                    .startsWith("nics: 'nics' holds elements with ids of their own"));
    }

    // The inspector's own checks, by property, in its words (value_text.h).
    void theInspectorsChecksApply() {
        model::Design design = contoso();
        std::string inspectorSays;
        edit::checkDomainName("mail..contoso", false, false, &inspectorSays);
        QCOMPARE(refused(design, "ex2016a", "fqdn", "mail..contoso"), q("fqdn: " + inspectorSays));
        set(design, "ex2016a", "fqdn", "");  // no FQDN is allowed
        edit::checkMailTarget("mailgw:0", &inspectorSays);
        QCOMPARE(refused(design, "mailgw", "smtp.nextHops", "10.0.0.1, mailgw:0"),
                 q("smtp.nextHops: " + inspectorSays));
        edit::checkMailAddress("nobody", &inspectorSays);
        QCOMPARE(refused(design, "erp01", "smtp.mailFrom", "nobody"),
                 q("smtp.mailFrom: " + inspectorSays));
        edit::checkSmartHost("relay_.isp", &inspectorSays);
        QCOMPARE(refused(design, "sc-internet", "smartHosts", "relay_.isp"),
                 q("smartHosts: " + inspectorSays));
        QCOMPARE(refused(design, "ex2016a", "name", "  "),
                 QStringLiteral("name: a value is required"));
        QCOMPARE(refused(design, "ex2016a", "exchange.site", ""),
                 QStringLiteral("exchange.site: a value is required"));
        // Accepted domains: wildcards and "*" are fine, stored in lower case; one default.
        set(design, "ad-fabrikam", "domainName", "*.Fabrikam.example");
        QCOMPARE(design.organization.acceptedDomains[1].domainName,
                 std::string("*.fabrikam.example"));
        QCOMPARE(refused(design, "ad-fabrikam", "default", "true"),
                 QStringLiteral("default: Only one accepted domain can be the default; clear "
                                "the other first."));
        set(design, "ad-contoso", "default", "false");
        set(design, "ad-fabrikam", "default", "true");
        // References name elements of the right kind.
        QCOMPARE(refused(design, "ex2016a-mapi", "segment", "seg-nowhere"),
                 QStringLiteral("segment: 'seg-nowhere' is not a segment of the design"));
        set(design, "ex2016a-mapi", "segment", "seg-dmz");
        QCOMPARE(refused(design, "rc-ex2016a-relay", "server", "mailgw"),
                 QStringLiteral("server: 'mailgw' is not an Exchange server of the design"));
        QCOMPARE(refused(design, "fw-rule-mx", "fromZone", "moon"),
                 q("fromZone: 'moon' is not one of: any, " + design.firewalls[0].zones[0].name +
                   ", " + design.firewalls[0].zones[1].name + ", " +
                   design.firewalls[0].zones[2].name + ", " + design.firewalls[0].zones[3].name));
        set(design, "fw-rule-mx", "fromZone", design.firewalls[0].zones[1].name);
    }

    void structuredListsAsJson() {
        model::Design design = contoso();
        set(design, "vip-smtp-in", "pool",
            R"([{"host": "ex2016b", "port": 2525}, {"host": "ex2016a"}])");
        const auto& pool = vip(design, "vip-smtp-in").pool;
        QCOMPARE(pool.size(), size_t{2});
        QCOMPARE(pool[0].hostId, std::string("ex2016b"));
        QCOMPARE(pool[0].port, uint16_t{2525});
        QCOMPARE(pool[1].port, uint16_t{25});
        QCOMPARE(
            edit::propertyText(design, "vip-smtp-in", "pool"),
            std::optional<std::string>(R"([{"host":"ex2016b","port":2525},{"host":"ex2016a"}])"));
        // Read by the file's reader, with its words and a pointer into the value.
        QCOMPARE(refused(design, "vip-smtp-in", "pool", R"([{"host": "ex2016b", "port": 99999}])"),
                 QStringLiteral("pool: /0/port: integer 99999 is out of range (0 to 65535)"));
        QCOMPARE(refused(design, "vip-smtp-in", "pool", R"([{"host": "ex2016b", "weight": 2}])"),
                 QStringLiteral("pool: /0/weight: unknown key 'weight' in the pool member"));
        QVERIFY(refused(design, "vip-smtp-in", "pool", R"([{"host": "ex2016b",}])")
                    .startsWith("pool: not valid JSON at column "));
        QVERIFY(refused(design, "vip-smtp-in", "pool", "ex2016b")
                    .startsWith("pool: expected the list as JSON"));
        // Then checked as the inspector's table checks its cells.
        QCOMPARE(refused(design, "vip-smtp-in", "pool", R"([{"host": "ex2016b", "port": 0}])"),
                 QStringLiteral("pool: /0/port: '0': port 0 is not a port a connection can use"));
        QCOMPARE(refused(design, "vip-smtp-in", "pool", R"([{"host": "nobody"}])"),
                 QStringLiteral("pool: /0/host: 'nobody' is not a host of the design"));
        QVERIFY(refused(design, "sc-internet", "addressSpaces", R"([{"domain": "bad..domain"}])")
                    .startsWith("addressSpaces: /0/domain: 'bad..domain': "));
        QCOMPARE(
            refused(design, "sc-internet", "addressSpaces", R"([{"domain": "*", "cost": 101}])"),
            QStringLiteral("addressSpaces: /0/cost: '101': cost is greater than 100"));
        set(design, "sc-internet", "addressSpaces", R"([{"domain": "*.example", "cost": 5}])");
        QCOMPARE(sendConnector(design, "sc-internet").addressSpaces.front().cost, 5);
        set(design, "zone-fourthcoffee", "records",
            R"([{"name": "@", "type": "MX", "data": "10 mail.fourthcoffee.example."}])");
        QCOMPARE(design.dnsZones[3].records.size(), size_t{1});
        QVERIFY(refused(design, "zone-fourthcoffee", "records",
                        R"([{"name": "@", "type": "WKS", "data": "x"}])")
                    .startsWith("records: /0/type: 'WKS' is not one of: A, AAAA, MX"));
        set(design, "fw-edge", "zones", R"([{"name": "outside", "trust": 0}])");
        QCOMPARE(refused(design, "fw-edge", "zones", R"([{"name": "inside", "trust": 101}])"),
                 QStringLiteral("zones: /0/trust: '101': trust is greater than 100"));
        set(design, "rc-ex2016a-relay", "permissions",
            R"([{"user": "NT AUTHORITY\\ANONYMOUS LOGON",
                 "extendedRights": ["ms-Exch-SMTP-Accept-Any-Recipient"]}])");
        QCOMPARE(design.findReceiveConnector("rc-ex2016a-relay")->permissions.size(), size_t{1});
        // Routes leave through one of the element's own interfaces.
        set(design, "rtr-wan", "routes",
            R"([{"destination": "10.20.0.0/16", "nextHop": "10.10.20.254",
                 "interface": "rtr-wan-servers", "metric": 5}])");
        QCOMPARE(design.routers[0].routes.size(), size_t{1});
        QCOMPARE(refused(design, "rtr-wan", "routes",
                         R"([{"destination": "10.20.0.0/16", "interface": "ex2016a-mapi"}])"),
                 QStringLiteral("routes: /0/interface: 'ex2016a-mapi' is not one of: (any), "
                                "rtr-wan-servers, rtr-wan-fabrikam"));
    }

    // What an import brought in stays, even where the inspector would refuse it typed anew.
    void unchangedPartsOfAListAreKept() {
        model::Design design = contoso();
        design.dnsZones[3].records.push_back({"@", "CAA", 3600, "0 issue \"ca.example\""});
        const std::string records = *edit::propertyText(design, "zone-fourthcoffee", "records");
        set(design, "zone-fourthcoffee", "records", records);
    }

    // Format version 2's flow keys: the pool member a VIP picks, the disposition expected.
    void flowPoolMemberAndExpectation() {
        model::Design design = contoso();
        set(design, "flow-erp-relay", "poolMember", "ex2016b");
        QCOMPARE(design.flows[2].poolMemberHostId, std::string("ex2016b"));
        QCOMPARE(refused(design, "flow-erp-relay", "poolMember", "nobody"),
                 QStringLiteral("poolMember: 'nobody' is not a host of the design"));
        set(design, "flow-erp-relay", "poolMember", "");
        QVERIFY(design.flows[2].poolMemberHostId.empty());
        set(design, "flow-erp-relay", "expectedDisposition", "queued-retry");
        QCOMPARE(design.flows[2].expectedDisposition,
                 std::optional(model::DispositionKind::QueuedRetry));
        QCOMPARE(edit::propertyText(design, "flow-erp-relay", "expectedDisposition"),
                 std::optional<std::string>("queued-retry"));
        QVERIFY(refused(design, "flow-erp-relay", "expectedDisposition", "bounced")
                    .startsWith("expectedDisposition: 'bounced' is not one of 'delivered', "
                                "'relayed', 'rejected', 'queued-retry'"));
        set(design, "flow-erp-relay", "expectedDisposition", "");
        QVERIFY(!design.flows[2].expectedDisposition);
        // The destination as the flow editor and trace --to read it: a host by its name is
        // stored by id, a port given with it becomes the flow's port.
        set(design, "flow-erp-relay", "destination", "EX2016B:587");
        QCOMPARE(design.flows[2].destination, std::string("ex2016b"));
        QCOMPARE(design.flows[2].port, uint16_t{587});
        QVERIFY(refused(design, "flow-erp-relay", "destination", "nowhere")
                    .startsWith("destination: 'nowhere' is neither an IP address"));
    }

    void theDesignAndTheOrganisation() {
        model::Design design = contoso();
        QCOMPARE(set(design, "design", "name", "Contoso 2").changed,
                 std::vector<model::Id>{"design"});
        QCOMPARE(design.info.name, std::string("Contoso 2"));
        set(design, "organization", "internalSmtpServers", "10.10.20.10");
        QCOMPARE(design.organization.internalSmtpServers.size(), size_t{1});
        QCOMPARE(edit::propertyKeys(design, "organization"),
                 (std::vector<std::string>{"name", "internalSmtpServers"}));
        QCOMPARE(edit::propertyKeys(design, "design"),
                 (std::vector<std::string>{"name", "description", "author"}));
    }

    void aHostsKindBringsItsPart() {
        model::Design design = contoso();
        set(design, "isp-relay", "kind", "exchange-server");
        const model::Host& host = *design.findHost("isp-relay");
        QVERIFY(host.exchange.has_value());
        QVERIFY(!host.smtp.has_value());
        set(design, "isp-relay", "kind", "smart-host");
        QVERIFY(design.findHost("isp-relay")->smtp.has_value());
        QVERIFY(!design.findHost("isp-relay")->exchange.has_value());
    }

    void refusals() {
        model::Design design = contoso();
        QCOMPARE(refused(design, "nowhere", "name", "x"),
                 QStringLiteral("'nowhere': no element of the design has this id"));
        QVERIFY(refused(design, "ex2016a", "colour", "red")
                    .startsWith("colour: a host has no property 'colour'; its properties are: "
                                "name, fqdn, kind, os, exchange.version"));
        QCOMPARE(refused(design, "ex2016a", "id", "ex2016z"),
                 QStringLiteral("id: an id cannot change: other elements, flows and views refer "
                                "to this host by it"));
        QVERIFY(refused(design, "view-overview", "placements", "{}")
                    .startsWith("placements: 'placements' is where elements sit"));
        // A flow's pool member is a host some VIP sends to (the inspector offers no other).
        QCOMPARE(refused(design, "flow-erp-relay", "poolMember", "erp01"),
                 QStringLiteral("poolMember: 'erp01' is in no load balancer's pool: a VIP sends "
                                "only to a member of its pool"));
        QCOMPARE(refused(design, "flow-erp-relay", "poolMember", "nohost"),
                 QStringLiteral("poolMember: 'nohost' is not a host of the design"));
        QVERIFY(!edit::propertyText(design, "ex2016a", "colour"));
        QVERIFY(!edit::propertyText(design, "nowhere", "name"));
        QVERIFY(edit::propertyKeys(design, "nowhere").empty());
    }

    void keysInFileOrder() {
        const model::Design design = contoso();
        const auto exchange = edit::propertyKeys(design, "ex2016a");
        QCOMPARE(exchange.front(), std::string("name"));
        QVERIFY(std::find(exchange.begin(), exchange.end(), "id") == exchange.end());
        QVERIFY(std::find(exchange.begin(), exchange.end(), "nics") == exchange.end());
        QVERIFY(std::find(exchange.begin(), exchange.end(), "smtp.nextHops") == exchange.end());
        const auto site = std::find(exchange.begin(), exchange.end(), "exchange.site");
        const auto routes = std::find(exchange.begin(), exchange.end(), "routes");
        QVERIFY(site != exchange.end() && routes != exchange.end() && site < routes);
        const auto gateway = edit::propertyKeys(design, "mailgw");
        QVERIFY(std::find(gateway.begin(), gateway.end(), "smtp.nextHops") != gateway.end());
        QVERIFY(std::find(gateway.begin(), gateway.end(), "exchange.site") == gateway.end());
        QCOMPARE(edit::propertyKeys(design, "fw-edge")[0], std::string("name"));
    }

    // Every property of every element reads back in a form setProperty takes unchanged.
    void everyPropertyReadsBackAsItIsSet() {
        model::Design design = contoso();
        std::vector<model::Id> ids{std::string(edit::kDesignId),
                                   std::string(edit::kOrganizationId)};
        for (const auto& occurrence : model::collectIds(design))
            ids.push_back(occurrence.id);
        int checked = 0;
        for (const model::Id& id : ids) {
            for (const std::string& key : edit::propertyKeys(design, id)) {
                const auto text = edit::propertyText(design, id, key);
                QVERIFY2(text.has_value(), (id + ":" + key).c_str());
                const model::Design before = design;
                const auto outcome = edit::setProperty(design, id, key, *text);
                QVERIFY2(outcome.ok, (id + ":" + key + "=" + *text + ": " + outcome.error).c_str());
                QVERIFY2(design == before, (id + ":" + key + "=" + *text).c_str());
                ++checked;
            }
        }
        QVERIFY(checked > 500);
    }

    void renameUsesTheDisplayNameKey() {
        model::Design design = contoso();
        QVERIFY(edit::renameElement(design, "ex2016a", "EX16A").ok);
        QCOMPARE(design.findHost("ex2016a")->name, std::string("EX16A"));
        QVERIFY(edit::renameElement(design, "ex2016a-mapi", "Ethernet 3").ok);
        QCOMPARE(nic(design, "ex2016a", 0).alias, std::string("Ethernet 3"));
        QVERIFY(edit::renameElement(design, "zone-fourthcoffee", "fourthcoffee.test.").ok);
        QCOMPARE(design.dnsZones[3].origin, std::string("fourthcoffee.test."));
        QVERIFY(edit::renameElement(design, "ad-fabrikam", "Fabrikam").ok);
        QCOMPARE(design.organization.acceptedDomains[1].name, std::string("Fabrikam"));
        const auto outcome = edit::renameElement(design, "ex2016a", "");
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error, std::string("name: a value is required"));
        QCOMPARE(edit::renameElement(design, "nowhere", "x").error,
                 std::string("'nowhere': no element of the design has this id"));
    }
};

QTEST_APPLESS_MAIN(TestPropertyEdit)
#include "tst_property_edit.moc"
