// Every shared fixture (../shared/formats/samples, described in its README.md) imported on its
// own with exact expectations, the malformed ones with their errors, and the whole valid set at
// once: one coherent design that round-trips through the .mailtopo format and passes the
// structural checks.

#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <set>

#include "core/analysis/simulation_checks.h"
#include "core/analysis/structure_checks.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
#include "core/io/powershell/import_inputs.h"
#include "ps_test_support.h"

using namespace mailtopo;
using namespace pstest;
using io::powershell::FileStatus;
using io::powershell::ObjectAction;

namespace {

const char* const kRcEms = "get-receiveconnector.ems.depth3.ps51.json";
const char* const kRcRemote = "get-receiveconnector.remote.depth3.ps51.json";

std::vector<std::string> flagNames(const auto& flags) {
    std::vector<std::string> out;
    for (auto f : flags.values())
        out.emplace_back(enumName(f));
    return out;
}

using Strings = std::vector<std::string>;

const model::ReceiveConnector& rc(const model::Design& d, const std::string& id) {
    const auto* c = byId(d.receiveConnectors, id);
    if (c == nullptr)
        qFatal("no receive connector %s", id.c_str());
    return *c;
}

const model::Host& host(const model::Design& d, const std::string& id) {
    const auto* h = byId(d.hosts, id);
    if (h == nullptr)
        qFatal("no host %s", id.c_str());
    return *h;
}

// The 13 connectors of the modelled organisation, as both receive connector fixtures list them.
void checkThirteenConnectors(const model::Design& d) {
    QCOMPARE(d.receiveConnectors.size(), size_t(13));
    QCOMPARE(d.hosts.size(), size_t(3));
    Strings ids;
    for (const auto& c : d.receiveConnectors)
        ids.push_back(c.id);
    QCOMPARE(ids, (Strings{"rc-ex2010-old-client", "rc-ex2010-old-default",
                           "rc-ex2013-01-client-frontend", "rc-ex2013-01-client-proxy",
                           "rc-ex2013-01-default", "rc-ex2013-01-default-frontend",
                           "rc-ex2013-01-outbound-proxy-frontend", "rc-ex2019-01-anonymous-relay",
                           "rc-ex2019-01-client-frontend", "rc-ex2019-01-client-proxy",
                           "rc-ex2019-01-default", "rc-ex2019-01-default-frontend",
                           "rc-ex2019-01-outbound-proxy-frontend"}));

    const auto& relay = rc(d, "rc-ex2019-01-anonymous-relay");
    QCOMPARE(relay.serverId, std::string("host-ex2019-01"));
    QCOMPARE(relay.name, std::string("Anonymous Relay EX2019-01"));
    QCOMPARE(relay.transportRole, model::TransportRole::FrontendTransport);
    QCOMPARE(texts(relay.bindings), (Strings{"10.0.10.20:25"}));
    QCOMPARE(texts(relay.remoteIpRanges), (Strings{"192.0.2.25", "192.0.2.26", "198.51.100.0/24"}));
    QCOMPARE(flagNames(relay.permissionGroups), (Strings{"AnonymousUsers"}));
    QCOMPARE(flagNames(relay.authMechanism), (Strings{"Tls"}));
    QVERIFY(relay.enabled);
    QCOMPARE(relay.fqdn, std::string("EX2019-01.contoso.example"));
    // The 5.1 escaping (\u0026, \u003c) is undone.
    QCOMPARE(relay.comment, std::string("Relay for scanners & line-of-business apps <no auth>"));

    const auto& hub = rc(d, "rc-ex2013-01-default");
    QCOMPARE(hub.transportRole, model::TransportRole::HubTransport);
    QCOMPARE(texts(hub.bindings), (Strings{"0.0.0.0:2525", "[::]:2525"}));
    QCOMPARE(texts(hub.remoteIpRanges),
             (Strings{"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"}));
    QCOMPARE(flagNames(hub.permissionGroups),
             (Strings{"ExchangeUsers", "ExchangeServers", "ExchangeLegacyServers"}));
    QCOMPARE(flagNames(hub.authMechanism),
             (Strings{"Tls", "Integrated", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer"}));

    const auto& frontend = rc(d, "rc-ex2019-01-default-frontend");
    QCOMPARE(flagNames(frontend.permissionGroups),
             (Strings{"AnonymousUsers", "ExchangeServers", "ExchangeLegacyServers"}));  // 13
    QCOMPARE(texts(frontend.bindings), (Strings{"[::]:25", "0.0.0.0:25"}));
    const auto& client = rc(d, "rc-ex2010-old-client");
    QCOMPARE(flagNames(client.authMechanism),
             (Strings{"Tls", "Integrated", "BasicAuth", "BasicAuthRequireTLS"}));  // 15
    QCOMPARE(texts(client.bindings), (Strings{"[::]:587", "0.0.0.0:587"}));
    QCOMPARE(flagNames(rc(d, "rc-ex2019-01-outbound-proxy-frontend").permissionGroups),
             (Strings{"ExchangeServers"}));
    QCOMPARE(flagNames(rc(d, "rc-ex2013-01-client-proxy").permissionGroups),
             (Strings{"ExchangeUsers", "ExchangeServers"}));

    // Get-ReceiveConnector listed each server's real connectors: no implicit defaults (R18).
    for (const auto& h : d.hosts) {
        QVERIFY(h.exchange.has_value());
        QVERIFY2(!h.exchange->implicitDefaultConnectors, h.id.c_str());
    }
}

}  // namespace

class TestPowerShellSamples : public QObject {
    Q_OBJECT

private slots:
    void receiveConnectorsEmsObjectForm() {
        const auto r = importSamples({kRcEms});
        QVERIFY(r.ok());
        checkThirteenConnectors(*r.design);
        const auto* f = fileReport(r.log, kRcEms);
        QVERIFY(f);
        QCOMPARE(f->status, FileStatus::Imported);
        QCOMPARE(f->cmdlet, std::string("Get-ReceiveConnector"));
        QCOMPARE(f->variant, std::string("Exchange Management Shell object form"));
        QCOMPARE(f->layout, std::string("Windows PowerShell 5.1"));
        QCOMPARE(f->shape, std::string("array of 13"));
        QCOMPARE(f->encoding, std::string("UTF-8"));
        QCOMPARE(f->records, 13);
        QCOMPARE(f->recordsUsed, 13);
        // ByteQuantifiedSize is {} in the object form: each connector's size is reported, located.
        QCOMPARE(r.log.fields.size(), size_t(13));
        for (const auto& issue : r.log.fields) {
            QCOMPARE(issue.field, std::string("MaxMessageSize"));
            QVERIFY(issue.problem.find("wrote it as {}") != std::string::npos);
            QVERIFY(!issue.fix.empty());
            QVERIFY(!issue.recovered);
        }
        QCOMPARE(r.log.fields[0].object, std::string("EX2010-OLD\\Default EX2010-OLD"));
        QCOMPARE(r.log.fields[0].line, 86);
        QCOMPARE(r.log.fields[0].column, 28);
        for (const auto& c : r.design->receiveConnectors)
            QVERIFY(!c.maxMessageSizeBytes);
        // Without Get-ExchangeServer the versions are unknown: said so, per server.
        QVERIFY(anyContains(r.log.notes,
                            "EX2010-OLD: no Get-ExchangeServer object describes this server"));
    }

    void receiveConnectorsRemoteStringForm() {
        const auto r = importSamples({kRcRemote});
        QVERIFY(r.ok());
        checkThirteenConnectors(*r.design);
        const auto* f = fileReport(r.log, kRcRemote);
        QCOMPARE(f->variant, std::string("remote-session string form"));
        QVERIFY(r.log.fields.empty());
        // Sizes are text in the remote form: "36 MB (37,748,736 bytes)".
        QCOMPARE(rc(*r.design, "rc-ex2010-old-default").maxMessageSizeBytes,
                 std::optional<long long>(10485760));
        QCOMPARE(rc(*r.design, "rc-ex2019-01-anonymous-relay").maxMessageSizeBytes,
                 std::optional<long long>(37748736));
    }

    void bothReceiveConnectorFormsAgree() {
        const auto ems = importSamples({kRcEms});
        const auto remote = importSamples({kRcRemote});
        QVERIFY(ems.ok() && remote.ok());
        for (size_t i = 0; i < ems.design->receiveConnectors.size(); ++i) {
            auto a = ems.design->receiveConnectors[i];
            a.maxMessageSizeBytes = remote.design->receiveConnectors[i].maxMessageSizeBytes;
            QVERIFY2(a == remote.design->receiveConnectors[i], a.id.c_str());
        }
        // Together, the remote file supplies what the object form lacks, with no conflict.
        const auto both = importSamples({kRcEms, kRcRemote});
        QVERIFY(both.ok());
        QCOMPARE(both.design->receiveConnectors, remote.design->receiveConnectors);
        for (const auto& f : both.log.files)
            QVERIFY(!anyNoteContains(f.notes, "differs"));
    }

    void sendConnectorsUtf8AndUtf16() {
        const auto utf8 = importSamples({"get-sendconnector.ems.depth2.ps51.utf8.json"});
        const auto utf16 = importSamples({"get-sendconnector.ems.depth2.ps51.utf16le-bom.json"});
        QVERIFY(utf8.ok() && utf16.ok());
        QCOMPARE(
            fileReport(utf16.log, "get-sendconnector.ems.depth2.ps51.utf16le-bom.json")->encoding,
            std::string("UTF-16LE with BOM"));
        QCOMPARE(*utf8.design, *utf16.design);
        const auto& d = *utf8.design;
        QCOMPARE(d.sendConnectors.size(), size_t(2));
        const auto* internet = byId(d.sendConnectors, "sc-internet-outbound");
        QVERIFY(internet);
        QCOMPARE(internet->name, std::string("Internet Outbound"));
        QCOMPARE(internet->addressSpaces.size(), size_t(1));
        QCOMPARE(internet->addressSpaces[0], (model::AddressSpace{"SMTP", "*", 1}));
        QCOMPARE(internet->sourceServerIds, (Strings{"host-ex2019-01", "host-ex2013-01"}));
        QVERIFY(internet->dnsRoutingEnabled);
        QVERIFY(internet->smartHosts.empty());
        QCOMPARE(internet->port, 25);
        QCOMPARE(internet->smartHostAuthMechanism, model::SmartHostAuth::None);
        QVERIFY(!internet->requireTls);
        QVERIFY(internet->enabled);
        QVERIFY(
            !internet->sourceIpAddress);  // {"Address": 0, "AddressFamily": 2} is 0.0.0.0: not set
        QCOMPARE(internet->fqdn, std::string("mail.contoso.example"));
        QCOMPARE(internet->maxMessageSizeBytes, std::optional<long long>(36700160));

        const auto* partner = byId(d.sendConnectors, "sc-to-partner-via-smarthost");
        QVERIFY(partner);
        QCOMPARE(partner->addressSpaces,
                 (std::vector<model::AddressSpace>{{"SMTP", "partner.example", 1},
                                                   {"SMTP", "*.partner.example", 2}}));
        QVERIFY(!partner->dnsRoutingEnabled);
        QCOMPARE(partner->smartHosts, (Strings{"smtp.relay.example", "203.0.113.25"}));
        QCOMPARE(partner->smartHostAuthMechanism, model::SmartHostAuth::BasicAuthRequireTLS);
        QVERIFY(partner->requireTls);
        QCOMPARE(partner->sourceServerIds, (Strings{"host-ex2019-01"}));
        QCOMPARE(partner->fqdn, std::string());
        QCOMPARE(partner->maxMessageSizeBytes, std::optional<long long>(26214400));
        // The source servers exist as hosts, so no reference dangles.
        QCOMPARE(d.hosts.size(), size_t(2));
    }

    void transportConfigSingleObject() {
        const auto r = importSamples({"get-transportconfig.ems.single-object.depth2.ps51.json"});
        QVERIFY(r.ok());
        const auto* f = fileReport(r.log, "get-transportconfig.ems.single-object.depth2.ps51.json");
        QCOMPARE(f->shape, std::string("single object"));
        QCOMPARE(f->cmdlet, std::string("Get-TransportConfig"));
        // At depth 0 the InternalSMTPServers items are expanded IPRange objects.
        QCOMPARE(texts(r.design->organization.internalSmtpServers),
                 (Strings{"10.0.10.13", "10.0.10.19", "10.0.10.20"}));
        QCOMPARE(r.design->organization.name, std::string("Contoso"));
        QCOMPARE(r.design->info.name, std::string("Contoso"));
        QVERIFY(r.design->hosts.empty());
    }

    void exchangeServers() {
        const auto r = importSamples({"get-exchangeserver.ems.depth2.ps51.json"});
        QVERIFY(r.ok());
        const auto& d = *r.design;
        QCOMPARE(d.hosts.size(), size_t(3));
        const auto& old = host(d, "host-ex2010-old");
        QCOMPARE(old.name, std::string("EX2010-OLD"));
        QCOMPARE(old.fqdn, std::string("EX2010-OLD.contoso.example"));
        QCOMPARE(old.kind, model::HostKind::ExchangeServer);
        QCOMPARE(old.exchange->version, model::ExchangeVersion::Ex2010);
        QCOMPARE(flagNames(old.exchange->roles),
                 (Strings{"Mailbox", "ClientAccess", "HubTransport"}));  // 38
        QCOMPARE(old.exchange->site, std::string("Default-First-Site-Name"));
        QVERIFY(old.exchange->implicitDefaultConnectors);  // no connector export: defaults assumed
        const auto& e13 = host(d, "host-ex2013-01");
        QCOMPARE(e13.exchange->version, model::ExchangeVersion::Ex2013);
        QCOMPARE(flagNames(e13.exchange->roles), (Strings{"Mailbox", "ClientAccess"}));  // 6
        const auto& e19 = host(d, "host-ex2019-01");
        QCOMPARE(e19.exchange->version, model::ExchangeVersion::Ex2019);
        QCOMPARE(flagNames(e19.exchange->roles), (Strings{"Mailbox"}));  // 2
        QVERIFY(e19.nics.empty());
        QVERIFY(r.log.notes.size() == 1 && r.log.notes[0].find("placed 3 new elements") == 0);
    }

    void acceptedDomainsRemoteForm() {
        const auto r = importSamples({"get-accepteddomain.remote.depth2.ps51.json"});
        QVERIFY(r.ok());
        const auto& domains = r.design->organization.acceptedDomains;
        QCOMPARE(domains.size(), size_t(3));
        QCOMPARE(domains[0],
                 (model::AcceptedDomain{"ad-contoso-example", "contoso.example", "contoso.example",
                                        model::AcceptedDomainType::Authoritative, true}));
        QCOMPARE(domains[1],
                 (model::AcceptedDomain{"ad-mail-contoso-example", "mail.contoso.example",
                                        "mail.contoso.example",
                                        model::AcceptedDomainType::Authoritative, false}));
        QCOMPARE(domains[2],
                 (model::AcceptedDomain{"ad-partner-example", "partner.example", "partner.example",
                                        model::AcceptedDomainType::ExternalRelay, false}));
        QCOMPARE(fileReport(r.log, "get-accepteddomain.remote.depth2.ps51.json")->variant,
                 std::string("remote-session string form"));
    }

    // ACEs need their connector: alone, the file is read but nothing can be attached.
    void adPermissionAlone() {
        const auto r = importSamples({"get-adpermission.relay.remote.depth2.ps51.json"});
        QVERIFY(r.ok());
        QVERIFY(r.design->receiveConnectors.empty());
        const auto* f = fileReport(r.log, "get-adpermission.relay.remote.depth2.ps51.json");
        QCOMPARE(f->cmdlet, std::string("Get-ADPermission"));
        QCOMPARE(f->records, 10);
        QCOMPARE(f->recordsUsed, 7);
        QVERIFY(anyNoteContains(f->notes, "skipped 3 ACEs that grant no SMTP extended right"));
        QVERIFY(anyContains(r.log.notes,
                            "Get-ADPermission lists ACEs of EX2019-01\\Anonymous Relay EX2019-01"));
    }

    void adPermissionOnItsConnector() {
        const auto r = importSamples({kRcRemote, "get-adpermission.relay.remote.depth2.ps51.json"});
        QVERIFY(r.ok());
        const auto& relay = rc(*r.design, "rc-ex2019-01-anonymous-relay");
        QCOMPARE(relay.permissions.size(), size_t(7));
        const auto anonymous = [](const std::string& right) {
            model::AdPermission p;
            p.user = "NT AUTHORITY\\ANONYMOUS LOGON";
            p.extendedRights.insert(*parseEnum<model::ExtendedRight>(right));
            return p;
        };
        QCOMPARE(relay.permissions[0], anonymous("ms-Exch-SMTP-Submit"));
        QCOMPARE(relay.permissions[1], anonymous("ms-Exch-SMTP-Accept-Any-Sender"));
        QCOMPARE(relay.permissions[2],
                 anonymous("ms-Exch-SMTP-Accept-Authoritative-Domain-Sender"));
        QCOMPARE(relay.permissions[3], anonymous("ms-Exch-Accept-Headers-Routing"));
        QCOMPARE(relay.permissions[4],
                 anonymous("ms-Exch-SMTP-Accept-Any-Recipient"));  // the open relay grant
        QCOMPARE(relay.permissions[5].user, std::string("MS Exchange\\Externally Secured Servers"));
        QVERIFY(
            relay.permissions[5].extendedRights.contains(model::ExtendedRight::AcceptAnyRecipient));
        QCOMPARE(relay.permissions[6].user, std::string("CONTOSO\\Delegated Setup"));
        QVERIFY(relay.permissions[6].deny);
        QVERIFY(relay.permissions[6].inherited);
        for (const auto& c : r.design->receiveConnectors) {
            if (c.id != relay.id)
                QVERIFY(c.permissions.empty());
        }
    }

    void netIpAddress() {
        const auto r = importSamples({"get-netipaddress.ps51.json"});
        QVERIFY(r.ok());
        const auto& h = host(*r.design, "host-ex2019-01");
        QCOMPARE(h.nics.size(), size_t(1));
        const auto& nic = h.nics[0];
        QCOMPARE(nic.id, std::string("host-ex2019-01-nic-ethernet"));
        QCOMPARE(nic.alias, std::string("Ethernet"));
        QCOMPARE(nic.interfaceIndex, 6);
        QCOMPARE(nic.addresses.size(), size_t(3));
        QCOMPARE(nic.addresses[0], (model::IpAssignment{*net::Address::parse("10.0.10.19"), 24,
                                                        false, model::AddressOrigin::Manual}));
        QCOMPARE(nic.addresses[1], (model::IpAssignment{*net::Address::parse("10.0.10.20"), 24,
                                                        true, model::AddressOrigin::Manual}));
        // The link-local address loses its %6 zone; loopback entries are gone.
        QCOMPARE(nic.addresses[2],
                 (model::IpAssignment{*net::Address::parse("fe80::8d4c:2a1b:77e0:13f5"), 64, false,
                                      model::AddressOrigin::LinkLocal}));
        QVERIFY(!nic.dhcp);
        QCOMPARE(nic.segmentId, std::string("seg-10-0-10-0-24"));
        QCOMPARE(r.design->segments.size(), size_t(1));
        QCOMPARE(texts(r.design->segments[0].subnets), (Strings{"10.0.10.0/24"}));
        const auto* f = fileReport(r.log, "get-netipaddress.ps51.json");
        QCOMPARE(f->variant, std::string("CIM, enums as integers"));
        QCOMPARE(f->recordsUsed, 3);
        QVERIFY(anyNoteContains(f->notes, "skipped 2 objects of Windows' software loopback"));
        // Only network data: said so.
        QVERIFY(anyContains(r.log.notes, "EX2019-01: only network exports name this server"));
    }

    void netIpInterface() {
        const auto r = importSamples({"get-netipinterface.ps51.json"});
        QVERIFY(r.ok());
        const auto& nic = host(*r.design, "host-ex2019-01").nics.at(0);
        QCOMPARE(nic.alias, std::string("Ethernet"));
        QCOMPARE(nic.interfaceIndex, 6);
        QVERIFY(nic.weakHostSend);  // the IPv4 row: WeakHostSend=1, WeakHostReceive=1
        QVERIFY(nic.weakHostReceive);
        QVERIFY(!nic.forwarding);
        QVERIFY(!nic.dhcp);
        QCOMPARE(nic.interfaceMetric, 15);
        QVERIFY(nic.addresses.empty());
        QVERIFY(anyContains(r.log.notes, "the IPv4 and IPv6 rows of Get-NetIPInterface differ"));
    }

    void netAdapterSingleObject() {
        const auto r = importSamples({"get-netadapter.single-object.ps51.json"});
        QVERIFY(r.ok());
        const auto* f = fileReport(r.log, "get-netadapter.single-object.ps51.json");
        QCOMPARE(f->shape, std::string("single object"));
        QCOMPARE(f->cmdlet, std::string("Get-NetAdapter"));
        const auto& nic = host(*r.design, "host-ex2019-01").nics.at(0);
        QCOMPARE(nic.alias, std::string("Ethernet"));
        QCOMPARE(nic.interfaceIndex, 6);
        QVERIFY(!nic.loopbackAdapter);  // vmxnet3, not the KM-TEST loopback adapter
    }

    void netRoute() {
        const auto r = importSamples({"get-netroute.ps51.json"});
        QVERIFY(r.ok());
        const auto& h = host(*r.design, "host-ex2019-01");
        QCOMPARE(texts(h.nics.at(0).gateways), (Strings{"10.0.10.1"}));
        QVERIFY(
            h.routes.empty());  // connected, host, broadcast and multicast routes are not design
        const auto* f = fileReport(r.log, "get-netroute.ps51.json");
        QCOMPARE(f->recordsUsed, 1);
        QVERIFY(anyNoteContains(f->notes, "skipped 9 routes Windows derives itself"));
        QVERIFY(anyNoteContains(f->notes, "skipped 3 objects of Windows' software loopback"));
    }

    void dnsClientServerAddress() {
        const auto r = importSamples({"get-dnsclientserveraddress.ps51.json"});
        QVERIFY(r.ok());
        const auto& h = host(*r.design, "host-ex2019-01");
        QCOMPARE(h.nics.size(), size_t(1));  // the loopback's fec0:0:0:ffff::1..3 are not a NIC
        QCOMPARE(texts(h.nics[0].dnsServers), (Strings{"10.0.10.5", "10.0.10.6"}));
    }

    void truncatedCopyIsAnError() {
        const auto r = importSamples({"malformed.truncated-get-sendconnector.json"});
        QVERIFY(!r.ok());
        QVERIFY(!r.log.ok);
        const auto* f = fileReport(r.log, "malformed.truncated-get-sendconnector.json");
        QCOMPARE(f->status, FileStatus::Error);
        QCOMPARE(f->line, 241);
        QCOMPARE(f->column, 36);
        QCOMPARE(f->reason,
                 std::string(
                     "the file ends inside a string that starts at line 241, column 30: the export "
                     "looks cut off"));
        const std::string text = r.log.toText();
        QVERIFY2(text.find("malformed.truncated-get-sendconnector.json:241:36: error: the file "
                           "ends inside a string") != std::string::npos,
                 text.c_str());
        QVERIFY(text.find("Nothing was imported; the design is unchanged.") != std::string::npos);
    }

    void warningLineIsSkippedWithANote() {
        const char* name = "malformed.ps7-warning-stream-mixed-in.json";
        const auto r = importSamples({name});
        QVERIFY(r.ok());
        const auto* f = fileReport(r.log, name);
        QCOMPARE(f->status, FileStatus::Imported);
        QCOMPARE(f->cmdlet, std::string("Get-TransportConfig"));
        QCOMPARE(f->layout, std::string("PowerShell 7"));
        QCOMPARE(f->variant, std::string("remote-session string form"));
        QCOMPARE(f->notes.at(0).line, 1);
        QVERIFY(f->notes[0].message.find(
                    "\"WARNING: Resulting JSON is truncated as serialization has exceeded the set "
                    "depth of 2.\"") != std::string::npos);
        QVERIFY(f->notes[0].message.find("re-export with -Depth 4") != std::string::npos);
        QCOMPARE(texts(r.design->organization.internalSmtpServers),
                 (Strings{"10.0.10.13", "10.0.10.19"}));
    }

    // The shared folder as it is holds a truncated copy: the import is refused as a whole.
    void sampleFolderAsIsIsRefused() {
        const auto gathered = io::powershell::gatherInputs({samples()});
        QVERIFY(gathered.errors.empty());
        QCOMPARE(gathered.inputs.size(), size_t(15));
        QCOMPARE(gathered.skipped.size(), size_t(1));  // README.md
        auto inputsCopy = gathered.inputs;
        const auto r = io::powershell::importExports(std::move(inputsCopy));
        QVERIFY(!r.ok());
        int errors = 0;
        for (const auto& f : r.log.files)
            errors += f.status == FileStatus::Error ? 1 : 0;
        QCOMPARE(errors, 1);
        QVERIFY(r.log.objects.empty());
    }

    // All valid fixtures at once: one organisation, servers matched across Exchange and CIM
    // files by name (EX2019-01, ex2019-01.contoso.example, CimSystemProperties.ServerName).
    void wholeSampleSetIsOneCoherentDesign() {
        const auto r = io::powershell::importExports(validSamples());
        QVERIFY(r.ok());
        const auto& d = *r.design;
        QCOMPARE(r.log.files.size(), size_t(13));
        for (const auto& f : r.log.files)
            QCOMPARE(f.status, FileStatus::Imported);
        checkThirteenConnectors(d);
        QCOMPARE(d.info.name, std::string("Contoso"));
        QCOMPARE(d.organization.acceptedDomains.size(), size_t(3));
        QCOMPARE(texts(d.organization.internalSmtpServers),
                 (Strings{"10.0.10.13", "10.0.10.19", "10.0.10.20"}));
        QCOMPARE(d.sendConnectors.size(), size_t(2));

        const auto& e19 = host(d, "host-ex2019-01");
        QCOMPARE(e19.exchange->version, model::ExchangeVersion::Ex2019);
        QCOMPARE(e19.fqdn, std::string("EX2019-01.contoso.example"));
        QCOMPARE(e19.nics.size(), size_t(1));
        const auto& nic = e19.nics[0];
        QCOMPARE(texts(nic.gateways), (Strings{"10.0.10.1"}));
        QCOMPARE(texts(nic.dnsServers), (Strings{"10.0.10.5", "10.0.10.6"}));
        QVERIFY(nic.weakHostSend && nic.weakHostReceive);
        QCOMPARE(nic.interfaceMetric, 15);
        QCOMPARE(nic.addresses.size(), size_t(3));
        QVERIFY(nic.addresses[1].skipAsSource);
        QCOMPARE(nic.segmentId, std::string("seg-10-0-10-0-24"));
        QCOMPARE(rc(d, "rc-ex2019-01-anonymous-relay").permissions.size(), size_t(7));
        QCOMPARE(rc(d, "rc-ex2019-01-anonymous-relay").maxMessageSizeBytes,
                 std::optional<long long>(37748736));
        QCOMPARE(host(d, "host-ex2010-old").exchange->version, model::ExchangeVersion::Ex2010);

        // Every id is unique across the design.
        std::set<std::string> ids;
        for (const auto& occurrence : model::collectIds(d))
            QVERIFY2(ids.insert(occurrence.id).second, occurrence.id.c_str());

        // The relay binds 10.0.10.20, which EX2019-01 owns (as a SkipAsSource address): the
        // structural checks find nothing wrong with the org as exported.
        const auto findings = analysis::checkStructure(d);
        std::string all;
        for (const auto& f : findings)
            all += f.id + ": " + f.message + "\n";
        QVERIFY2(findings.empty(), all.c_str());

        // The simulator's rules find what this org really has wrong (R40): anonymous relay
        // open to a whole /24 — of public documentation addresses — on EX2019-01. The
        // relay bound to a SkipAsSource address is the recommended pattern (R3, E2) and
        // raises nothing; neither do the two addresses of one NIC (only one registers).
        const auto simulated = analysis::validateDesign(d);
        all.clear();
        for (const auto& f : simulated)
            all += f.id + ": " + f.message + "\n";
        QCOMPARE(simulated.size(), size_t(1));
        QCOMPARE(simulated[0].id, std::string("relay-scope-broad"));
        QCOMPARE(simulated[0].elements, (Strings{"rc-ex2019-01-anonymous-relay"}));
        QVERIFY2(simulated[0].message.find("198.51.100.0/24") != std::string::npos, all.c_str());

        // New elements are placed on the first view: 3 servers and the segment.
        QCOMPARE(d.views.size(), size_t(1));
        QCOMPARE(d.views[0].placements.size(), size_t(4));
        const auto& p = d.views[0].placements;
        QVERIFY(p.at("host-ex2019-01").x >
                p.at("seg-10-0-10-0-24").x);  // left to right: segment → server
    }

    // Without the network exports the relay's binding address is unknown to the design, and
    // the structural check says so: the imported connector data reaches the analysis.
    void connectorsAloneLackTheRelayAddress() {
        const auto r = importSamples({kRcRemote});
        QVERIFY(r.ok());
        const auto findings = analysis::checkStructure(*r.design);
        QCOMPARE(findings.size(), size_t(1));
        QCOMPARE(findings[0].id, std::string("binding-address-absent"));
        QCOMPARE(findings[0].elements.at(0), std::string("rc-ex2019-01-anonymous-relay"));
        QCOMPARE(findings[0].pointer, std::string("/receiveConnectors/7/bindings/0"));
    }

    void designRoundTripsThroughTheFileFormat() {
        const auto r = io::powershell::importExports(validSamples());
        QVERIFY(r.ok());
        const std::string text = io::serializeDesign(*r.design);
        const auto parsed = io::parseDesign(text, "imported.mailtopo");
        QVERIFY2(parsed.ok(),
                 parsed.diagnostics.empty() ? "" : parsed.diagnostics[0].toString().c_str());
        QCOMPARE(*parsed.design, *r.design);

        QTemporaryDir dir;
        const std::filesystem::path path =
            dir.filePath(QStringLiteral("contoso.mailtopo")).toStdString();
        QVERIFY(io::saveDesignFile(*r.design, path).ok);
        const auto loaded = io::loadDesignFile(path);
        QVERIFY(loaded.ok());
        QCOMPARE(*loaded.design, *r.design);
    }

    // Same input → same bytes, whatever the order of the files.
    void deterministic() {
        auto forward = validSamples();
        auto backward = validSamples();
        std::reverse(backward.begin(), backward.end());
        const auto a = io::powershell::importExports(std::move(forward));
        const auto b = io::powershell::importExports(std::move(backward));
        const auto c = io::powershell::importExports(validSamples());
        QVERIFY(a.ok() && b.ok() && c.ok());
        QCOMPARE(io::serializeDesign(*a.design), io::serializeDesign(*b.design));
        QCOMPARE(io::serializeDesign(*a.design), io::serializeDesign(*c.design));
        QCOMPARE(a.log.toJson(), b.log.toJson());
        QCOMPARE(a.log.toText(), c.log.toText());
    }

    void logAsText() {
        const auto r = io::powershell::importExports(validSamples());
        const std::string text = r.log.toText();
        QVERIFY2(text.rfind("Imported 13 files: 24 created, 0 updated, 0 unchanged, 0 left alone; "
                            "13 fields not read "
                            "as exported.\n",
                            0) == 0,
                 text.c_str());
        QVERIFY(text.find("  get-sendconnector.ems.depth2.ps51.utf16le-bom.json: "
                          "Get-SendConnector, 2 objects "
                          "[Exchange Management Shell object form, Windows PowerShell 5.1, array "
                          "of 2, UTF-16LE with "
                          "BOM]\n") != std::string::npos);
        QVERIFY(text.find("  receive connector rc-ex2019-01-anonymous-relay (EX2019-01\\Anonymous "
                          "Relay EX2019-01)\n") != std::string::npos);
        // 13 field issues of one kind are one line.
        QVERIFY(text.find("get-receiveconnector.ems.depth3.ps51.json:86:28: MaxMessageSize of "
                          "EX2010-OLD\\Default "
                          "EX2010-OLD, EX2010-OLD\\Client EX2010-OLD, EX2013-01\\Default "
                          "EX2013-01, EX2013-01\\Client "
                          "Proxy EX2013-01 and 9 more:") != std::string::npos);
    }

    void logAsJson() {
        const auto r = io::powershell::importExports(validSamples());
        const auto j = nlohmann::json::parse(r.log.toJson());
        QCOMPARE(j["ok"].get<bool>(), true);
        QCOMPARE(j["summary"]["created"].get<int>(), 24);
        QCOMPARE(j["files"].size(), size_t(13));
        QCOMPARE(j["files"][0]["file"].get<std::string>(),
                 std::string("get-accepteddomain.remote.depth2.ps51.json"));
        QCOMPARE(j["files"][0]["status"].get<std::string>(), std::string("imported"));
        QCOMPARE(j["fields"][0]["field"].get<std::string>(), std::string("MaxMessageSize"));
        QCOMPARE(j["fields"][0]["line"].get<int>(), 86);
        QCOMPARE(j["objects"][0]["kind"].get<std::string>(), std::string("organization"));
    }
};

QTEST_GUILESS_MAIN(TestPowerShellSamples)
#include "tst_powershell_samples.moc"
