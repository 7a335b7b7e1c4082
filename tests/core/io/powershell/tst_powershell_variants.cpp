// The export variants the shared fixtures do not cover (powershell-exports.md), with this
// suite's own fixtures in data/ (their generator's intent is in each test): PowerShell 7 CIM
// exports with and without -EnumsAsStrings, the KM-TEST loopback adapter, static routes, a
// single object with a UTF-8 BOM, BOM-less UTF-16, -Depth 1 truncation (recovered and lost), the
// depth-shifted single receive connector, the remote-session send connector, EMS ACEs with object
// members, and files that are not exports at all.

#include <QtTest>

#include "ps_test_support.h"

using namespace mailtopo;
using namespace pstest;
using io::powershell::FileStatus;

namespace {

using Strings = std::vector<std::string>;

std::vector<std::string> flagNames(const auto& flags) {
    std::vector<std::string> out;
    for (auto f : flags.values())
        out.emplace_back(enumName(f));
    return out;
}

ImportResult importOwn(std::initializer_list<const char*> names) {
    return io::powershell::importExports(inputs(ownData(), names));
}

ImportResult importText(const std::string& name, const std::string& bytes) {
    return io::powershell::importExports({{name, bytes}});
}

const model::Host& onlyHost(const model::Design& d, const std::string& id) {
    const auto* h = byId(d.hosts, id);
    if (h == nullptr)
        qFatal("no host %s", id.c_str());
    return *h;
}

}  // namespace

class TestPowerShellVariants : public QObject {
    Q_OBJECT

private slots:
    // PowerShell 7 -EnumsAsStrings through a CIM session: names for every enum, the server as an
    // FQDN in CimSystemProperties.ServerName.
    void cimEnumsAsStrings() {
        const auto r = importOwn({"ps7-enumsasstrings.get-netipaddress.json",
                                  "ps7-enumsasstrings.get-netipinterface.json"});
        QVERIFY(r.ok());
        const auto* f = fileReport(r.log, "ps7-enumsasstrings.get-netipaddress.json");
        QCOMPARE(f->variant, std::string("CIM, enums as names (PowerShell 7 -EnumsAsStrings)"));
        QCOMPARE(f->layout, std::string("PowerShell 7"));
        const auto& h = onlyHost(*r.design, "host-ex2016-02");
        QCOMPARE(h.name, std::string("ex2016-02"));  // no Exchange export spells it: CIM's spelling
        QCOMPARE(h.fqdn, std::string("ex2016-02.contoso.example"));
        QCOMPARE(h.nics.size(), size_t(3));  // isatap has no address: not a NIC
        QVERIFY(
            anyContains(r.log.notes, "interfaces without addresses were not imported: isatap."));

        const auto* mapi = nicById(h, "host-ex2016-02-nic-mapi");
        QVERIFY(mapi);
        QCOMPARE(mapi->interfaceIndex, 4);
        QCOMPARE(texts(std::vector<net::Address>{mapi->addresses[0].address,
                                                 mapi->addresses[1].address}),
                 (Strings{"10.0.20.15", "10.0.20.16"}));
        QVERIFY(!mapi->addresses[0].skipAsSource);
        QVERIFY(mapi->addresses[1].skipAsSource);
        QVERIFY(!mapi->weakHostSend);    // "Disabled"
        QVERIFY(mapi->weakHostReceive);  // "Enabled"
        QVERIFY(!mapi->forwarding);
        QVERIFY(!mapi->dhcp);
        QCOMPARE(mapi->interfaceMetric, 25);

        const auto* backup = nicById(h, "host-ex2016-02-nic-backup");
        QVERIFY(backup);
        QCOMPARE(backup->addresses.at(0).origin,
                 model::AddressOrigin::Dhcp);  // PrefixOrigin "Dhcp"
        QVERIFY(backup->dhcp);
        QVERIFY(backup->forwarding);
        QCOMPARE(backup->interfaceMetric, 35);
        QCOMPARE(backup->segmentId, std::string("seg-192-168-77-0-24"));
        QCOMPARE(mapi->segmentId, std::string("seg-10-0-20-0-24"));
    }

    void loopbackAdapterRoutesDnsAndExchangeTogether() {
        const auto r = importOwn({"ps7-enumsasstrings.get-netipaddress.json",
                                  "ps7.get-netadapter.json", "ps7-ints.get-netroute.json",
                                  "utf8bom.single.get-dnsclientserveraddress.json",
                                  "utf16le-nobom.remote.get-exchangeserver.json"});
        QVERIFY(r.ok());
        QCOMPARE(r.design->hosts.size(),
                 size_t(1));  // "ex2016-02.contoso.example", "EX2016-02": one server
        const auto& h = onlyHost(*r.design, "host-ex2016-02");
        QCOMPARE(h.name, std::string("EX2016-02"));  // Exchange's spelling wins
        QCOMPARE(h.fqdn, std::string("EX2016-02.contoso.example"));
        QCOMPARE(h.exchange->version,
                 model::ExchangeVersion::Ex2016);  // "Version 15.1 (Build 2507.6)"
        QCOMPARE(flagNames(h.exchange->roles), (Strings{"Mailbox"}));  // "Mailbox"
        QCOMPARE(h.exchange->site, std::string("Paris"));              // canonical name's last part
        QVERIFY(h.exchange->implicitDefaultConnectors);

        const auto* vip = nicById(h, "host-ex2016-02-nic-loopback-vip");
        QVERIFY(vip);
        QVERIFY(vip->loopbackAdapter);    // "Microsoft KM-TEST Loopback Adapter"
        QVERIFY(vip->segmentId.empty());  // ARP-silent: on no segment (R11)
        QCOMPARE(vip->addresses.at(0).prefixLength, 32);

        const auto* mapi = nicById(h, "host-ex2016-02-nic-mapi");
        QVERIFY(mapi && !mapi->loopbackAdapter);
        QCOMPARE(texts(mapi->gateways), (Strings{"10.0.20.1", "fe80::1"}));
        QCOMPARE(texts(mapi->dnsServers), (Strings{"10.0.20.5", "10.0.20.6"}));
        QCOMPARE(h.routes.size(), size_t(1));
        QCOMPARE(h.routes[0].destination.toString(), std::string("172.16.0.0/16"));
        QCOMPARE(h.routes[0].nextHop->toString(), std::string("10.0.20.254"));
        QCOMPARE(h.routes[0].interfaceId, std::string("host-ex2016-02-nic-mapi"));
        QCOMPARE(h.routes[0].metric, 10);

        const auto* dns = fileReport(r.log, "utf8bom.single.get-dnsclientserveraddress.json");
        QCOMPARE(dns->encoding, std::string("UTF-8 with BOM"));
        QCOMPARE(dns->shape, std::string("single object"));
        const auto* server = fileReport(r.log, "utf16le-nobom.remote.get-exchangeserver.json");
        QCOMPARE(server->encoding, std::string("UTF-16LE without BOM"));
        QCOMPARE(server->variant, std::string("remote-session string form"));
        // The lowercase FQDN from CIM and Exchange's spelling are the same name: no conflict.
        for (const auto& file : r.log.files)
            QVERIFY(!anyNoteContains(file.notes, "differs"));
    }

    // -Depth 1: lists below the limit are one space-joined string. Read back, and said so with
    // the fix; a list written as its type name is lost, and said so too.
    void depthOneTruncation() {
        const auto r = importOwn({"ems.depth1.get-receiveconnector.json"});
        QVERIFY(r.ok());
        const auto* relay = byId(r.design->receiveConnectors, "rc-ex2016-02-relay");
        QVERIFY(relay);
        QCOMPARE(texts(relay->bindings), (Strings{"10.0.20.16:25", "[::]:2526"}));
        QCOMPARE(texts(relay->remoteIpRanges),
                 (Strings{"192.0.2.0/24", "10.1.1.1-10.1.1.9", "2001:db8::/64"}));
        QCOMPARE(relay->transportRole, model::TransportRole::FrontendTransport);
        QCOMPARE(relay->maxMessageSizeBytes, std::optional<long long>(20971520));
        QCOMPARE(relay->fqdn, std::string("relay.contoso.example"));

        const auto* lost = byId(r.design->receiveConnectors, "rc-ex2016-02-lost");
        QVERIFY(lost);
        QVERIFY(lost->bindings.empty());

        QCOMPARE(r.log.fields.size(), size_t(4));
        const auto& bindings = r.log.fields[0];
        QCOMPARE(bindings.object, std::string("EX2016-02\\Relay EX2016-02"));
        QCOMPARE(bindings.field, std::string("Bindings"));
        QVERIFY(bindings.recovered);
        // The objects are items of the top-level array, so a flattened member means -Depth 1.
        QCOMPARE(bindings.problem,
                 std::string("truncated by ConvertTo-Json -Depth 1: the list was written as one "
                             "string (\"10.0.20.16:25 [::]:2526\"); its 2 entries were read back "
                             "from it"));
        QCOMPARE(
            bindings.fix,
            std::string("re-export with -Depth 4: Get-ReceiveConnector | ConvertTo-Json -Depth 4"));
        QCOMPARE(bindings.line, 4);
        const auto& lostBindings = r.log.fields[2];
        QCOMPARE(lostBindings.object, std::string("EX2016-02\\Lost EX2016-02"));
        QCOMPARE(lostBindings.field, std::string("Bindings"));
        QVERIFY(!lostBindings.recovered);
        QVERIFY(lostBindings.problem.find("the values are lost") != std::string::npos);
        QVERIFY(lostBindings.fix.find("re-export with -Depth 4") == 0);
        const std::string text = r.log.toText();
        QVERIFY(text.find("ems.depth1.get-receiveconnector.json:21:22: Bindings of "
                          "EX2016-02\\Lost EX2016-02: truncated by ConvertTo-Json -Depth 1 to the "
                          "type name") != std::string::npos);
    }

    // -Depth 1 of CIM objects: CimSystemProperties is a type name and PSComputerName is null,
    // so the server is unknown: the objects are skipped with the fix.
    void cimServerLostToTruncation() {
        const auto r = importOwn({"cim.truncated-server.get-netipaddress.json"});
        QVERIFY(r.ok());
        QVERIFY(r.design->hosts.empty());
        QCOMPARE(r.log.fields.size(), size_t(2));
        QCOMPARE(r.log.fields[0].field, std::string("CimSystemProperties"));
        QCOMPARE(r.log.fields[0].object, std::string("(server unknown) Ethernet"));
        QVERIFY(r.log.fields[0].problem.find("truncated by ConvertTo-Json -Depth 1 to its type "
                                             "name") == 0);
        QVERIFY(r.log.fields[0].fix.find("re-export with -Depth 4") == 0);
        QCOMPARE(fileReport(r.log, "cim.truncated-server.get-netipaddress.json")->recordsUsed, 0);
    }

    // A bare object at the default depth keeps one more level: IPBinding and IPRange objects.
    void singleReceiveConnectorObjectForm() {
        const auto r = importOwn({"ems.single-object.depth2.get-receiveconnector.json"});
        QVERIFY(r.ok());
        const auto& c = r.design->receiveConnectors.at(0);
        QCOMPARE(c.id, std::string("rc-ex2016-02-partner-submission"));
        QCOMPARE(c.serverId, std::string("host-ex2016-02"));  // Server is an ADObjectId object
        QCOMPARE(texts(c.bindings), (Strings{"10.0.20.15:587", "[::]:587"}));
        // Netmask form from Expression; CIDR from LowerBound/CIDRLength when Expression is null.
        QCOMPARE(texts(c.remoteIpRanges), (Strings{"192.0.2.0(255.255.255.0)", "198.51.100.0/25",
                                                   "2001:db8::1-2001:db8::ff"}));
        QCOMPARE(flagNames(c.permissionGroups), (Strings{"ExchangeUsers", "Partners"}));  // 18
        QCOMPARE(flagNames(c.authMechanism), (Strings{"Tls", "Integrated"}));             // 3
        QCOMPARE(c.transportRole, model::TransportRole::HubTransport);
        QVERIFY(!c.enabled);
        QCOMPARE(c.fqdn, std::string("ex2016-02.contoso.example"));
        QCOMPARE(c.comment, std::string("Partners <TLS> & more"));
        QVERIFY(!c.maxMessageSizeBytes);
        QCOMPARE(r.log.fields.size(), size_t(1));
        QCOMPARE(r.log.fields[0].field, std::string("MaxMessageSize"));
        QCOMPARE(fileReport(r.log, "ems.single-object.depth2.get-receiveconnector.json")->shape,
                 std::string("single object"));
        QCOMPARE(r.design->organization.name,
                 std::string("Contoso"));  // from the distinguished name
    }

    void emsAdPermissionObjects() {
        const auto r = importOwn(
            {"ems.single-object.depth2.get-receiveconnector.json", "ems.get-adpermission.json"});
        QVERIFY(r.ok());
        const auto& c = r.design->receiveConnectors.at(0);
        QCOMPARE(c.permissions.size(), size_t(2));
        QCOMPARE(c.permissions[0].user, std::string("MS Exchange\\Partner Servers"));
        QCOMPARE(flagNames(c.permissions[0].extendedRights),
                 (Strings{"ms-Exch-SMTP-Submit", "ms-Exch-SMTP-Accept-Any-Sender"}));
        QVERIFY(!c.permissions[0].deny);
        QCOMPARE(c.permissions[1].user, std::string("CONTOSO\\Interns"));
        QVERIFY(c.permissions[1].deny);  // {"IsPresent": true}
        // The right MailTopo does not model is reported; its ACE had nothing else, so it is
        // skipped.
        bool reported = false;
        for (const auto& issue : r.log.fields)
            reported =
                reported || issue.problem.find("'ms-Exch-SMTP-Accept-XShadow' has no equivalent") !=
                                std::string::npos;
        QVERIFY(reported);
        QCOMPARE(fileReport(r.log, "ems.get-adpermission.json")->variant,
                 std::string("Exchange Management Shell object form"));
    }

    void remoteSendConnectorSingleObject() {
        const auto r = importOwn({"remote.single-object.get-sendconnector.json"});
        QVERIFY(r.ok());
        const auto& c = r.design->sendConnectors.at(0);
        QCOMPARE(c.id, std::string("sc-fabrikam"));
        QCOMPARE(c.addressSpaces,
                 (std::vector<model::AddressSpace>{{"SMTP", "fabrikam.example", 5},
                                                   {"SMTP", "*.fabrikam.example", 10}}));
        QCOMPARE(c.smartHosts, (Strings{"192.0.2.99", "backup-relay.fabrikam.example"}));
        QCOMPARE(c.sourceServerIds, (Strings{"host-ex2016-02", "host-ex2019-01"}));
        QVERIFY(!c.dnsRoutingEnabled);
        QCOMPARE(c.port, 587);
        QCOMPARE(c.smartHostAuthMechanism, model::SmartHostAuth::BasicAuth);
        QVERIFY(c.requireTls);
        QVERIFY(!c.enabled);
        QVERIFY(c.isScopedConnector);
        QVERIFY(c.frontendProxyEnabled);
        QVERIFY(!c.sourceIpAddress);  // "0.0.0.0": not set
        QCOMPARE(c.fqdn, std::string("out.contoso.example"));
        QVERIFY(!c.maxMessageSizeBytes);  // "Unlimited"
    }

    void emsAcceptedDomainObject() {
        const auto r = importOwn({"ems.single-object.get-accepteddomain.json"});
        QVERIFY(r.ok());
        const auto& a = r.design->organization.acceptedDomains.at(0);
        QCOMPARE(a.id, std::string("ad-wildcard-fabrikam-example"));
        QCOMPARE(a.domainName, std::string("*.fabrikam.example"));  // IncludeSubDomains
        QCOMPARE(a.name, std::string("Fabrikam (internal relay)"));
        QCOMPARE(a.type, model::AcceptedDomainType::InternalRelay);  // 2
        QVERIFY(!a.isDefault);
    }

    void notExportsAtAll() {
        const auto formatList = importText(
            "rc.txt", "\r\nName     : Default EX01\r\nBindings : {[::]:25, 0.0.0.0:25}\r\n");
        QVERIFY(!formatList.ok());
        QCOMPARE(formatList.log.files[0].line, 2);
        QCOMPARE(formatList.log.files[0].column, 1);
        QVERIFY(formatList.log.files[0].reason.find("Format-List") != std::string::npos);

        const auto csv = importText("rc.csv.json", "\"Name\",\"Server\"\r\n\"Relay\",\"EX01\"\r\n");
        QVERIFY(!csv.ok());
        QVERIFY(csv.log.files[0].reason.find("CSV") != std::string::npos);

        const auto ansi = importText("ansi.json", "[{\"Name\": \"Caf\xE9\"}]");
        QVERIFY(!ansi.ok());
        QCOMPARE(ansi.log.files[0].line, 1);
        QCOMPARE(ansi.log.files[0].column, 15);
        QCOMPARE(ansi.log.files[0].encoding, std::string("UTF-8"));
    }

    void validJsonButNotAnExport() {
        const auto r = importText("mailboxes.json", "[{\"DisplayName\": \"A\", \"Alias\": \"a\"}]");
        QVERIFY(r.ok());  // not an error: reported and skipped
        QCOMPARE(r.log.files[0].status, FileStatus::NotRecognised);
        QVERIFY(r.log.files[0].reason.find("the first has: DisplayName, Alias") !=
                std::string::npos);

        const auto depth0 = importText("depth0.json", "[\"Default EX01\", \"Client EX01\"]");
        QCOMPARE(depth0.log.files[0].status, FileStatus::NotRecognised);
        QVERIFY(depth0.log.files[0].reason.find("-Depth 0") != std::string::npos);

        const auto otherCim =
            importText("tcp.json",
                       "{\"CimSystemProperties\": {\"ServerName\": \"EX01\", \"ClassName\": "
                       "\"MSFT_NetTCPConnection\"}, \"LocalPort\": 25}");
        QVERIFY(otherCim.log.files[0].reason.find("CIM class MSFT_NetTCPConnection") == 0);
    }

    // ConvertTo-Json of no objects writes an empty file; ConvertTo-Json of $null writes null.
    void emptyExports() {
        const auto empty = importText("none.json", "");
        QVERIFY(empty.ok());
        QCOMPARE(empty.log.files[0].status, FileStatus::Empty);
        const auto nul = importText("null.json", "null\r\n");
        QCOMPARE(nul.log.files[0].status, FileStatus::Empty);
        const auto array = importText("array.json", "[\r\n\r\n]");
        QCOMPARE(array.log.files[0].status, FileStatus::Empty);
    }

    // One broken file among good ones: nothing at all is imported.
    void allOrNothing() {
        auto list = inputs(ownData(), {"ems.single-object.depth2.get-receiveconnector.json"});
        list.push_back({"broken.json", "[{\"Name\": \"x\""});
        const auto r = io::powershell::importExports(std::move(list));
        QVERIFY(!r.ok());
        QVERIFY(!r.design);
        QVERIFY(r.log.objects.empty());
        QCOMPARE(r.log.files.size(), size_t(2));
        QCOMPARE(r.log.files[0].file, std::string("broken.json"));
        QCOMPARE(r.log.files[0].status, FileStatus::Error);
        QCOMPARE(r.log.files[1].status, FileStatus::Imported);
    }

    // Windows PowerShell's {"value": [...], "Count": n} wrapper and a receive connector that only
    // carries its distinguished name are still read.
    void wrappedArrayAndDistinguishedName() {
        const std::string text =
            "{\"value\": [{\"Name\": \"Relay\", \"Bindings\": [\"0.0.0.0:25\"], "
            "\"RemoteIPRanges\": [\"10.0.0.1\"], "
            "\"DistinguishedName\": \"CN=Relay,CN=SMTP Receive "
            "Connectors,CN=Protocols,CN=EX09,CN=Servers,CN=Exchange "
            "Administrative Group (FYDIBOHF23SPDLT),CN=Administrative "
            "Groups,CN=Fabrikam,CN=Microsoft Exchange,"
            "CN=Services,CN=Configuration,DC=fabrikam,DC=example\", \"PermissionGroups\": "
            "\"AnonymousUsers, Custom\", "
            "\"AuthMechanism\": \"None\", \"TransportRole\": \"FrontendTransport\"}], \"Count\": "
            "1}";
        const auto r = importText("wrapped.json", text);
        QVERIFY(r.ok());
        QCOMPARE(r.log.files[0].shape, std::string("array of 1"));
        const auto& c = r.design->receiveConnectors.at(0);
        QCOMPARE(c.id, std::string("rc-ex09-relay"));
        QCOMPARE(c.serverId, std::string("host-ex09"));
        QCOMPARE(flagNames(c.permissionGroups), (Strings{"AnonymousUsers", "Custom"}));
        QCOMPARE(flagNames(c.authMechanism), (Strings{"None"}));
        QCOMPARE(r.design->organization.name, std::string("Fabrikam"));
    }

    // RemoteIPRanges in every form Exchange accepts (single address, span, CIDR including
    // the whole of each family, IPv4 netmask; IPv6 single, span and CIDR) is imported as
    // written; what Exchange refuses (an IPv6 netmask, a span across families, /33) is
    // reported, not guessed.
    void remoteIpRangesInEveryExchangeForm() {
        const std::string text =
            "{\"Name\": \"R\", \"Server\": \"EX09\", \"Bindings\": [\"0.0.0.0:25\"], "
            "\"RemoteIPRanges\": [\"192.0.2.7\", \"192.0.2.10-192.0.2.20\", \"10.0.0.0/8\", "
            "\"0.0.0.0/0\", \"0.0.0.0-255.255.255.255\", \"198.51.100.0(255.255.255.0)\", "
            "\"2001:db8::cd3\", \"2001:db8::cd3-2001:db8::cd4\", \"2001:db8::/60\", "
            "\"::/0\", \"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\", "
            "\"2001:db8::(ffff::)\", \"10.0.0.1-2001:db8::1\", \"10.0.0.0/33\"], "
            "\"PermissionGroups\": \"AnonymousUsers\", \"AuthMechanism\": \"Tls\", "
            "\"TransportRole\": \"FrontendTransport\"}";
        const auto r = importText("ranges.json", text);
        QVERIFY(r.ok());
        Strings imported;
        for (const auto& range : r.design->receiveConnectors.at(0).remoteIpRanges)
            imported.push_back(range.toString());
        QCOMPARE(imported, (Strings{"192.0.2.7", "192.0.2.10-192.0.2.20", "10.0.0.0/8", "0.0.0.0/0",
                                    "0.0.0.0-255.255.255.255", "198.51.100.0(255.255.255.0)",
                                    "2001:db8::cd3", "2001:db8::cd3-2001:db8::cd4", "2001:db8::/60",
                                    "::/0", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
        QCOMPARE(r.log.fields.size(), size_t(3));
        for (const auto& issue : r.log.fields)
            QCOMPARE(issue.field, std::string("RemoteIPRanges"));
    }

    void unknownEnumValuesAreReportedNotGuessed() {
        const std::string text =
            "{\"Name\": \"R\", \"Server\": \"EX09\", \"Bindings\": [\"0.0.0.0:25\"], "
            "\"RemoteIPRanges\": [], "
            "\"PermissionGroups\": 65, \"AuthMechanism\": \"Tls, Kerberos\", \"TransportRole\": "
            "32}";
        const auto r = importText("odd.json", text);
        QVERIFY(r.ok());
        const auto& c = r.design->receiveConnectors.at(0);
        QCOMPARE(flagNames(c.permissionGroups), (Strings{"AnonymousUsers"}));  // 64 is no group
        QCOMPARE(flagNames(c.authMechanism), (Strings{"Tls"}));
        QCOMPARE(r.log.fields.size(), size_t(2));
        QVERIFY(r.log.fields[0].problem.find("unknown value 64 ignored") == 0);
        QVERIFY(r.log.fields[1].problem.find("unknown 'Kerberos' ignored") == 0);
    }
};

QTEST_GUILESS_MAIN(TestPowerShellVariants)
#include "tst_powershell_variants.moc"
