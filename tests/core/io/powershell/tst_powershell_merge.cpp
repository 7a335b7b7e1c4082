// Importing into an existing design: imported objects are matched by identity and updated field
// by field, everything the user drew is kept (load balancers, firewalls, flows, placements,
// hand-made ids), and the log says what was created, changed (per field) and left alone. New
// elements get an automatic placement below the existing drawing; existing ones never move.

#include <QtTest>

#include "core/io/design_json.h"
#include "core/layout/auto_layout.h"
#include "ps_test_support.h"

using namespace mailtopo;
using namespace pstest;
using io::powershell::ObjectAction;

namespace {

using Strings = std::vector<std::string>;

const char* const kRcRemote = "get-receiveconnector.remote.depth3.ps51.json";

const io::powershell::ObjectReport* reportFor(const io::powershell::ImportLog& log,
                                              const std::string& id) {
    for (const auto& o : log.objects) {
        if (o.id == id)
            return &o;
    }
    return nullptr;
}

// What a user drew before importing: EX2019-01 under an id of their own and a lowercase name,
// a load balancer in front of it, a firewall, a flow, and placements.
model::Design drawnDesign() {
    model::Design d;
    d.info.name = "Contoso (drawn)";
    d.organization.name = "Contoso Ltd";
    d.segments.push_back({"seg-lan",
                          "Server LAN",
                          model::SegmentKind::Lan,
                          {*net::Prefix::parse("10.0.10.0/24")},
                          {}});
    model::Host ex;
    ex.id = "ex19";
    ex.name = "ex2019-01";
    ex.kind = model::HostKind::ExchangeServer;
    ex.exchange = model::ExchangeProperties{};
    ex.exchange->version = model::ExchangeVersion::Ex2016;  // wrong: the export will correct it
    model::Nic nic;
    nic.id = "ex19-mapi";
    nic.alias = "Ethernet";
    nic.segmentId = "seg-lan";
    nic.addresses.push_back(
        {*net::Address::parse("10.0.10.19"), 24, false, model::AddressOrigin::Manual});
    ex.nics.push_back(nic);
    d.hosts.push_back(ex);

    model::ReceiveConnector relay;
    relay.id = "my-relay";
    relay.serverId = "ex19";
    relay.name = "Anonymous Relay EX2019-01";
    relay.bindings = {*net::Binding::parse("10.0.10.20:25")};
    relay.remoteIpRanges = {*net::IpRange::parse("192.0.2.25")};  // the export lists more
    relay.permissionGroups = {model::PermissionGroup::AnonymousUsers};
    relay.authMechanism = {model::AuthMechanism::Tls};
    relay.fqdn = "EX2019-01.contoso.example";
    relay.maxMessageSizeBytes = 37748736;
    relay.comment = "Relay for scanners & line-of-business apps <no auth>";
    relay.transportRole = model::TransportRole::FrontendTransport;
    d.receiveConnectors.push_back(relay);

    model::LoadBalancer lb;
    lb.id = "lb-smtp";
    lb.name = "SMTP LB";
    lb.interfaces.push_back(
        {"lb-smtp-lan",
         "lan",
         "seg-lan",
         {{*net::Address::parse("10.0.10.5"), 24, false, model::AddressOrigin::Manual}},
         ""});
    model::Vip vip;
    vip.id = "vip-smtp";
    vip.name = "smtp";
    vip.address = *net::Address::parse("10.0.10.50");
    vip.pool.push_back({"ex19", std::nullopt, 25});
    lb.vips.push_back(vip);
    d.loadBalancers.push_back(lb);

    model::Firewall fw;
    fw.id = "fw-edge";
    fw.name = "Edge firewall";
    d.firewalls.push_back(fw);

    model::Flow flow;
    flow.id = "flow-scanner";
    flow.name = "Scanner to relay";
    flow.sourceHostId = "ex19";
    flow.destination = "10.0.10.20";
    d.flows.push_back(flow);

    model::View view{"view-site", "Site", {}};
    view.placements["ex19"] = {1000, 400};
    view.placements["lb-smtp"] = {700, 400};
    view.placements["seg-lan"] = {300, 420};
    view.placements["fw-edge"] = {0, 400};
    d.views.push_back(view);
    return d;
}

}  // namespace

class TestPowerShellMerge : public QObject {
    Q_OBJECT

private slots:
    void userDrawnElementsAndPlacementsAreKept() {
        const model::Design base = drawnDesign();
        const auto r = io::powershell::importExports(validSamples(), &base);
        QVERIFY(r.ok());
        QVERIFY(r.log.merged);
        const auto& d = *r.design;

        // Kept as drawn.
        QCOMPARE(d.loadBalancers, base.loadBalancers);
        QCOMPARE(d.firewalls, base.firewalls);
        QCOMPARE(d.flows, base.flows);
        QCOMPARE(d.segments.at(0), base.segments.at(0));
        QCOMPARE(d.info, base.info);
        QCOMPARE(d.organization.name, std::string("Contoso Ltd"));  // the user's name stays
        for (const auto& [id, p] : base.views[0].placements)
            QCOMPARE(d.views[0].placements.at(id), p);

        // EX2019-01 matched by name despite case and id: updated, not duplicated.
        QCOMPARE(d.hosts.size(), size_t(3));
        const auto* ex = byId(d.hosts, "ex19");
        QVERIFY(ex);
        QVERIFY(!byId(d.hosts, "host-ex2019-01"));
        QCOMPARE(ex->exchange->version, model::ExchangeVersion::Ex2019);
        QCOMPARE(ex->nics.size(), size_t(1));  // "Ethernet" matched by alias
        QCOMPARE(ex->nics[0].id, std::string("ex19-mapi"));
        QCOMPARE(ex->nics[0].segmentId, std::string("seg-lan"));  // the user's segment
        QCOMPARE(ex->nics[0].addresses.size(), size_t(3));
        QVERIFY(
            !byId(d.segments, "seg-10-0-10-0-24"));  // the drawn segment already holds 10.0.10.0/24

        // The relay matched by server and name keeps its id; the VIP pool still points at ex19.
        QCOMPARE(byId(d.receiveConnectors, "my-relay")->remoteIpRanges.size(), size_t(3));
        QVERIFY(!byId(d.receiveConnectors, "rc-ex2019-01-anonymous-relay"));
        QCOMPARE(d.receiveConnectors.size(), size_t(13));
        QCOMPARE(d.loadBalancers[0].vips[0].pool[0].hostId, std::string("ex19"));
    }

    void changesAreReportedFieldByField() {
        const model::Design base = drawnDesign();
        const auto r = io::powershell::importExports(validSamples(), &base);
        QVERIFY(r.ok());
        const auto* relay = reportFor(r.log, "my-relay");
        QVERIFY(relay);
        QCOMPARE(relay->action, ObjectAction::Updated);
        QCOMPARE(relay->kind, std::string("receive connector"));
        QCOMPARE(relay->label, std::string("ex2019-01\\Anonymous Relay EX2019-01"));
        QCOMPARE(relay->changes.size(), size_t(2));
        QCOMPARE(relay->changes[0].field, std::string("remoteIpRanges"));
        QCOMPARE(relay->changes[0].before, std::string("[\"192.0.2.25\"]"));
        QCOMPARE(relay->changes[0].after,
                 std::string("[\"192.0.2.25\",\"192.0.2.26\",\"198.51.100.0/24\"]"));
        QCOMPARE(relay->changes[1].field, std::string("permissions"));
        QCOMPARE(relay->sources, (Strings{"get-adpermission.relay.remote.depth2.ps51.json",
                                          "get-receiveconnector.ems.depth3.ps51.json",
                                          "get-receiveconnector.remote.depth3.ps51.json"}));

        const auto* host = reportFor(r.log, "ex19");
        QVERIFY(host);
        QCOMPARE(host->action, ObjectAction::Updated);
        Strings fields;
        for (const auto& c : host->changes)
            fields.push_back(c.field);
        QCOMPARE(fields,
                 (Strings{"fqdn", "exchange.version", "exchange.implicitDefaultConnectors"}));
        QCOMPARE(host->changes[1].before, std::string("\"2016\""));
        QCOMPARE(host->changes[1].after, std::string("\"2019\""));

        const auto* nic = reportFor(r.log, "ex19-mapi");
        QVERIFY(nic);
        QCOMPARE(nic->kind, std::string("NIC"));
        QCOMPARE(nic->action, ObjectAction::Updated);

        // Left alone: what the exports do not describe.
        Strings alone;
        for (const auto& l : r.log.leftAlone)
            alone.push_back(l.kind + " " + l.id);
        QCOMPARE(alone, (Strings{"segment seg-lan", "load balancer lb-smtp", "firewall fw-edge",
                                 "flow flow-scanner"}));

        const std::string text = r.log.toText();
        QVERIFY(text.find("Merged 13 files:") == 0);
        QVERIFY(text.find("    remoteIpRanges: [\"192.0.2.25\"] -> "
                          "[\"192.0.2.25\",\"192.0.2.26\",\"198.51.100.0/24\"]\n") !=
                std::string::npos);
        QVERIFY(text.find("\nLeft alone\n  segment seg-lan (Server LAN)\n  load balancer lb-smtp "
                          "(SMTP LB)\n") != std::string::npos);
    }

    // Importing the same exports twice: the second time nothing changes.
    void reimportIsUnchanged() {
        const auto first = io::powershell::importExports(validSamples());
        QVERIFY(first.ok());
        const auto second = io::powershell::importExports(validSamples(), &*first.design);
        QVERIFY(second.ok());
        QCOMPARE(*second.design, *first.design);
        QCOMPARE(second.log.count(ObjectAction::Created), 0);
        QCOMPARE(second.log.count(ObjectAction::Updated), 0);
        // Every imported object is matched again; the segment the first import derived from the
        // NIC's subnet is not itself in any export, so it is left alone.
        QCOMPARE(second.log.count(ObjectAction::Unchanged),
                 static_cast<int>(first.log.objects.size()) - 1);
        QCOMPARE(second.log.leftAlone.size(), size_t(1));
        QCOMPARE(second.log.leftAlone[0].id, std::string("seg-10-0-10-0-24"));
    }

    // A user-drawn NIC the export does not list, and a user's connector the export does not
    // list, are left alone rather than deleted.
    void importNeverDeletes() {
        model::Design base = drawnDesign();
        model::Nic backup;
        backup.id = "ex19-backup";
        backup.alias = "Backup";
        base.hosts[0].nics.push_back(backup);
        model::ReceiveConnector extra;
        extra.id = "ex19-extra";
        extra.serverId = "ex19";
        extra.name = "Drawn only";
        extra.bindings = {*net::Binding::parse("10.0.10.19:2526")};
        extra.remoteIpRanges = {net::IpRange::allV4()};
        base.receiveConnectors.push_back(extra);
        const auto r = io::powershell::importExports(
            inputs(samples(), {kRcRemote, "get-netipaddress.ps51.json"}), &base);
        QVERIFY(r.ok());
        QVERIFY(nicById(*byId(r.design->hosts, "ex19"), "ex19-backup"));
        QVERIFY(byId(r.design->receiveConnectors, "ex19-extra"));
        Strings alone;
        for (const auto& l : r.log.leftAlone)
            alone.push_back(l.id);
        QVERIFY(std::find(alone.begin(), alone.end(), "ex19-backup") != alone.end());
        QVERIFY(std::find(alone.begin(), alone.end(), "ex19-extra") != alone.end());
    }

    // New servers are placed below the drawing; existing placements do not move.
    void newElementsArePlacedBelowTheDrawing() {
        const model::Design base = drawnDesign();
        const auto r = io::powershell::importExports(validSamples(), &base);
        QVERIFY(r.ok());
        const auto& placements = r.design->views.at(0).placements;
        QCOMPARE(r.design->views.size(), size_t(1));
        QCOMPARE(placements.size(), size_t(6));  // 4 drawn + EX2010-OLD and EX2013-01
        for (const char* id : {"host-ex2010-old", "host-ex2013-01"}) {
            QVERIFY2(placements.count(id), id);
            QVERIFY(placements.at(id).y > 420);  // below every drawn element
            QVERIFY(placements.at(id).x >= 0);   // aligned with the drawing's left edge
        }
        QVERIFY(placements.at("host-ex2010-old") != placements.at("host-ex2013-01"));
        QVERIFY(anyContains(r.log.notes, "placed 2 new elements on view 'view-site'"));
    }

    // Graphviz ranks left to right: internet → firewall → segment → server.
    void layoutRanksLeftToRight() {
        model::Design d;
        d.segments.push_back({"seg-inet", "Internet", model::SegmentKind::Internet, {}, {}});
        d.segments.push_back({"seg-dmz", "DMZ", model::SegmentKind::Dmz, {}, {}});
        model::Firewall fw;
        fw.id = "fw";
        fw.name = "fw";
        fw.interfaces.push_back({"fw-out", "outside", "seg-inet", {}, ""});
        fw.interfaces.push_back({"fw-in", "inside", "seg-dmz", {}, ""});
        d.firewalls.push_back(fw);
        model::Host h;
        h.id = "ex";
        h.name = "EX";
        h.exchange = model::ExchangeProperties{};
        model::Nic nic;
        nic.id = "ex-nic";
        nic.alias = "Ethernet";
        nic.segmentId = "seg-dmz";
        h.nics.push_back(nic);
        d.hosts.push_back(h);
        model::Host lonely = h;
        lonely.id = "lonely";
        lonely.nics.clear();
        d.hosts.push_back(lonely);

        const auto placed =
            layout::placeNewElements(d, {"seg-inet", "seg-dmz", "fw", "ex", "lonely"});
        QVERIFY2(placed.error.empty(), placed.error.c_str());
        QVERIFY(placed.usedGraphviz);
        QCOMPARE(placed.placed, 5);
        QCOMPARE(placed.viewId, std::string("view-main"));
        const auto& p = d.views.at(0).placements;
        QVERIFY(p.at("seg-inet").x < p.at("fw").x);
        QVERIFY(p.at("fw").x < p.at("seg-dmz").x);
        QVERIFY(p.at("seg-dmz").x < p.at("ex").x);
        // The unconnected host goes on the grid under the drawing.
        for (const char* id : {"seg-inet", "seg-dmz", "fw", "ex"})
            QVERIFY(p.at("lonely").y > p.at(id).y);

        // A second run places nothing: everything has a placement already.
        const auto again =
            layout::placeNewElements(d, {"seg-inet", "seg-dmz", "fw", "ex", "lonely"});
        QCOMPARE(again.placed, 0);
    }

    void mergedDesignSerialisesDeterministically() {
        const model::Design base = drawnDesign();
        const auto a = io::powershell::importExports(validSamples(), &base);
        const auto b = io::powershell::importExports(validSamples(), &base);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(io::serializeDesign(*a.design), io::serializeDesign(*b.design));
        QCOMPARE(a.log.toJson(), b.log.toJson());
        const auto parsed = io::parseDesign(io::serializeDesign(*a.design));
        QVERIFY(parsed.ok());
    }
};

QTEST_GUILESS_MAIN(TestPowerShellMerge)
#include "tst_powershell_merge.moc"
