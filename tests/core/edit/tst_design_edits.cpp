// The editor's changes to a design, as core makes them for the GUI and the CLI alike:
// adding every palette element, removing with what depends on it, copy/paste and duplicate
// through JSON fragments, align/distribute/snap, AD sites and auto-layout of a selection.

#include <QtTest>
#include <algorithm>
#include <set>

#include "core/analysis/simulation_checks.h"
#include "core/analysis/structure_checks.h"
#include "core/edit/arrange.h"
#include "core/edit/design_edits.h"
#include "core/edit/design_fragment.h"
#include "core/edit/element_palette.h"
#include "core/edit/property_edit.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
#include "core/layout/auto_layout.h"
#include "tests/support/scenario.h"

using namespace mailtopo;

namespace {

model::Design contoso() {
    return mailtopo::testing::loadExample("contoso");
}

bool hasId(const model::Design& design, const std::string& id) {
    for (const auto& occurrence : model::collectIds(design)) {
        if (occurrence.id == id)
            return true;
    }
    return false;
}

// The structure errors' rule ids and titles, one per line; empty when there is none.
QString structureErrors(const model::Design& design) {
    QString errors;
    for (const auto& f : analysis::checkStructure(design)) {
        if (f.severity == analysis::Severity::Error)
            errors += QString::fromStdString(f.id + ": " + f.message + "\n");
    }
    return errors;
}

const model::View& firstView(const model::Design& design) {
    return design.views.front();
}

}  // namespace

class TestDesignEdits : public QObject {
    Q_OBJECT

private slots:
    // Every palette entry adds one valid element with a fresh id and name, twice over; the
    // design still round-trips through the file format and validates without errors.
    void everyPaletteEntryAddsAValidElement() {
        model::Design design;
        std::set<std::string> names;
        for (int round = 0; round < 2; ++round) {
            for (const auto& entry : edit::paletteEntries()) {
                const auto added =
                    edit::addElement(design, entry.key, {}, model::Placement{10, 20});
                QVERIFY2(added.has_value(), entry.key.c_str());
                QVERIFY(hasId(design, added->id));
                QVERIFY2(names.insert(added->name).second, added->name.c_str());
                // The property the editor's caret goes to first is one the element has.
                if (!entry.firstProperty.empty()) {
                    const auto keys = edit::propertyKeys(design, added->id);
                    QVERIFY2(std::find(keys.begin(), keys.end(), entry.firstProperty) != keys.end(),
                             (entry.key + ": " + entry.firstProperty).c_str());
                }
                if (added->drawn)
                    QCOMPARE(firstView(design).placements.at(added->id),
                             (model::Placement{10, 20}));
            }
        }
        std::set<std::string> ids;
        for (const auto& occurrence : model::collectIds(design))
            QVERIFY2(ids.insert(occurrence.id).second, occurrence.id.c_str());
        QCOMPARE(structureErrors(design), QString());
        const auto reread = io::parseDesign(io::serializeDesign(design));
        QVERIFY(reread.ok());
        QCOMPARE(*reread.design, design);
        QVERIFY(!edit::addElement(design, "no-such-element").has_value());
    }

    // A new segment has subnets to connect to at once: a LAN the next free 10.0.N.0/24, a
    // DMZ 172.16.N.0/24, the internet the documentation ranges no segment has yet.
    void newSegmentsComeWithFreeSubnets() {
        model::Design design;
        const auto subnetsOf = [&](const char* key) {
            const auto added = edit::addElement(design, key);
            QStringList out;
            for (const auto& subnet : design.findSegment(added->id)->subnets)
                out << QString::fromStdString(subnet.toString());
            return out.join(QLatin1Char(' '));
        };
        QCOMPARE(subnetsOf("segment-lan"), QStringLiteral("10.0.0.0/24"));
        QCOMPARE(subnetsOf("segment-lan"), QStringLiteral("10.0.1.0/24"));
        design.segments.back().subnets = {*net::Prefix::parse("10.0.0.0/23")};
        QCOMPARE(subnetsOf("segment-lan"), QStringLiteral("10.0.2.0/24"));
        QCOMPARE(subnetsOf("segment-dmz"), QStringLiteral("172.16.0.0/24"));
        QCOMPARE(subnetsOf("internet"),
                 QStringLiteral("198.51.100.0/24 192.0.2.0/24 203.0.113.0/24"));
        QCOMPARE(subnetsOf("internet"), QString());
    }

    // Names follow the usual numbering and an Exchange server is what its entry says.
    void newExchangeServerIsNumberedAndTyped() {
        model::Design design = contoso();
        const auto added = edit::addElement(design, "exchange-2019-edge");
        QVERIFY(added && added->drawn);
        const model::Host* host = design.findHost(added->id);
        QVERIFY(host != nullptr);
        QCOMPARE(host->name, std::string("EDGE01"));
        QVERIFY(host->exchange->roles.contains(model::ExchangeRole::Edge));
        QVERIFY(host->exchange->antiSpam.agentsInstalled);
        QCOMPARE(host->os, model::OperatingSystem::Windows2019);
        QCOMPARE(host->nics.size(), size_t(1));
        QVERIFY(host->nics[0].segmentId.empty());
        const auto second = edit::addElement(design, "exchange-2019-edge");
        QCOMPARE(design.findHost(second->id)->name, std::string("EDGE02"));
        // contoso has no view-less elements: an unplaced add leaves the views alone.
        QVERIFY(!firstView(design).placements.count(added->id));
    }

    // Removing a server takes its receive connectors, pool memberships, flows and its place
    // in send connectors and on the view; the design has no dangling reference left.
    void removingAServerTakesWhatDependsOnIt() {
        model::Design design = contoso();
        // A flow pinned to the server as its pool member stays, with the VIP choosing again.
        auto relay = std::find_if(design.flows.begin(), design.flows.end(),
                                  [](const model::Flow& f) { return f.id == "flow-erp-relay"; });
        QVERIFY(relay != design.flows.end());
        relay->poolMemberHostId = "ex2016a";
        const auto summary = edit::removeElements(design, {"ex2016a"});
        relay = std::find_if(design.flows.begin(), design.flows.end(),
                             [](const model::Flow& f) { return f.id == "flow-erp-relay"; });
        QVERIFY(relay != design.flows.end());
        QVERIFY(relay->poolMemberHostId.empty());
        QCOMPARE(summary.removed.front(), std::string("ex2016a"));
        QVERIFY(design.findHost("ex2016a") == nullptr);
        QVERIFY(design.receiveConnectorsOf("ex2016a").empty());
        for (const auto& lb : design.loadBalancers)
            for (const auto& vip : lb.vips)
                for (const auto& m : vip.pool)
                    QVERIFY(m.hostId != "ex2016a");
        for (const auto& c : design.sendConnectors)
            QVERIFY(std::find(c.sourceServerIds.begin(), c.sourceServerIds.end(), "ex2016a") ==
                    c.sourceServerIds.end());
        for (const auto& f : design.flows)
            QVERIFY(f.sourceHostId != "ex2016a");
        QVERIFY(std::find(summary.removed.begin(), summary.removed.end(), "flow-outbound-a") !=
                summary.removed.end());
        QVERIFY(!firstView(design).placements.count("ex2016a"));
        QVERIFY(summary.detached >= 3);  // two pool memberships and a source server at least
        QCOMPARE(structureErrors(design), QString());
    }

    // Removing a segment keeps the servers on it, detached.
    void removingASegmentDetachesItsInterfaces() {
        model::Design design = contoso();
        const auto summary = edit::removeElements(design, {"seg-clients"});
        QCOMPARE(summary.removed, std::vector<model::Id>{"seg-clients"});
        QVERIFY(design.findHost("scanner01") != nullptr);
        QVERIFY(design.findHost("scanner01")->nics[0].segmentId.empty());
        QVERIFY(summary.detached >= 2);
        QCOMPARE(structureErrors(design), QString());
        QVERIFY(edit::removeElements(design, {"nothing-here"}).empty());
    }

    // Duplicate = copy + paste into the same design: fresh ids and names, connectors follow
    // their new server, the copy stays on the same LAN, placed 40 units down-right.
    void duplicateGivesFreshIdsAndKeepsConnections() {
        model::Design design = contoso();
        const auto before = design.receiveConnectorsOf("ex2016b").size();
        const model::Placement at = firstView(design).placements.at("ex2016b");
        const auto result = edit::duplicateElements(design, {"ex2016b"});
        QVERIFY(result.ok);
        QCOMPARE(result.added.front(), std::string("ex2016b-2"));
        const model::Host* copy = design.findHost("ex2016b-2");
        QVERIFY(copy != nullptr);
        QCOMPARE(copy->name, std::string("EX2016B-2"));
        QCOMPARE(copy->nics[0].segmentId, std::string("seg-servers"));
        QVERIFY(copy->nics[0].id != design.findHost("ex2016b")->nics[0].id);
        QCOMPARE(design.receiveConnectorsOf("ex2016b-2").size(), before);
        QCOMPARE(design.receiveConnectorsOf("ex2016b").size(), before);
        // Its addresses moved to the next free ones of the same subnets (no duplicate-address).
        QCOMPARE(result.readdressed, 2);
        QCOMPARE(copy->nics[0].addresses[0].address.toString(), std::string("10.10.20.23"));
        QCOMPARE(firstView(design).placements.at("ex2016b-2"),
                 (model::Placement{at.x + 40, at.y + 40}));
        std::set<std::string> ids;
        for (const auto& occurrence : model::collectIds(design))
            QVERIFY2(ids.insert(occurrence.id).second, occurrence.id.c_str());
        QCOMPARE(structureErrors(design), QString());
    }

    // A fragment pasted into another design keeps what it holds and drops references to
    // elements that design does not have; the fragment is an ordinary .mailtopo document.
    void pasteIntoAnotherDesignDropsDanglingReferences() {
        const model::Design source = contoso();
        const std::string fragment =
            edit::copyFragment(source, {"ex2016a", "seg-servers", "lb-smtp"});
        const auto parsed = io::parseDesign(fragment);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.design->hosts.size(), size_t(1));
        QCOMPARE(parsed.design->receiveConnectors.size(),
                 source.receiveConnectorsOf("ex2016a").size());

        model::Design target;
        target.info.name = "empty";
        const auto result = edit::pasteFragment(target, fragment, {}, 0, 0);
        QVERIFY(result.ok);
        QCOMPARE(result.renamed, 0);
        QVERIFY(target.findHost("ex2016a") != nullptr);
        QCOMPARE(target.findHost("ex2016a")->nics[0].segmentId, std::string("seg-servers"));
        // The pool member ex2016b was not copied and the target has no such host.
        for (const auto& vip : target.loadBalancers.front().vips)
            for (const auto& m : vip.pool)
                QCOMPARE(m.hostId, std::string("ex2016a"));
        QVERIFY(result.detached >= 2);
        QCOMPARE(firstView(target).placements.at("ex2016a"),
                 firstView(source).placements.at("ex2016a"));
        QCOMPARE(structureErrors(target), QString());
    }

    // Text that is not a design is refused with line and column; the design is untouched.
    void pasteOfBrokenTextChangesNothing() {
        model::Design design = contoso();
        const model::Design before = design;
        const auto result = edit::pasteFragment(design,
                                                "{\n"
                                                "  \"format\": \"mailtopo\",\n"
                                                "  \"version\": 1,\n"
                                                "  \"design\": { \"name\": \"x\" },\n"
                                                "  \"hosts\": [ { \"id\": 7 } ]\n"
                                                "}");
        QVERIFY(!result.ok);
        QVERIFY(!result.diagnostics.empty());
        QCOMPARE(result.diagnostics.front().line, 5);
        QCOMPARE(result.diagnostics.front().file, std::string("clipboard"));
        QCOMPARE(design, before);
        QVERIFY(!edit::pasteFragment(design, "not json at all").ok);
        QCOMPARE(design, before);
    }

    void alignAndDistribute() {
        const std::vector<edit::Box> boxes = {
            {"a", 0, 0, 100, 50}, {"b", 300, 40, 100, 80}, {"c", 120, 10, 60, 30}};
        auto left = edit::align(boxes, edit::Alignment::Left);
        QCOMPARE(left.at("b"), (model::Placement{0, 40}));
        auto right = edit::align(boxes, edit::Alignment::Right);
        QCOMPARE(right.at("c"), (model::Placement{340, 10}));
        auto middle = edit::align(boxes, edit::Alignment::VerticalCenter);
        QCOMPARE(middle.at("a"), (model::Placement{0, 35}));  // span 0..120, centre 60
        auto bottom = edit::align(boxes, edit::Alignment::Bottom);
        QCOMPARE(bottom.at("c").y, 90.0);
        QVERIFY(edit::align({boxes[0]}, edit::Alignment::Left).empty());

        // Span 0..400 holds 260 units of boxes: two gaps of 70.
        auto spread = edit::distribute(boxes, edit::Axis::Horizontal);
        QCOMPARE(spread.at("a").x, 0.0);
        QCOMPARE(spread.at("c").x, 170.0);
        QCOMPARE(spread.at("b").x, 300.0);
        QCOMPARE(spread.at("c").y, 10.0);
        QVERIFY(edit::distribute({boxes[0], boxes[1]}, edit::Axis::Vertical).empty());

        QCOMPARE(edit::snapToGrid(29, 20), 20.0);
        QCOMPARE(edit::snapToGrid(31, 20), 40.0);
        QCOMPARE(edit::snapToGrid(-11, 20), -20.0);
        QCOMPARE(edit::snapToGrid(13, 0), 13.0);
    }

    // R27 scopes send connectors by AD site: grouping servers into a site changes it.
    void groupIntoSite() {
        model::Design design = contoso();
        QCOMPARE(edit::setSite(design, {"ex2016a", "ex2016b", "mailgw"}, "Dublin"), 2);
        const auto sites = edit::sitesOf(design);
        QCOMPARE(sites.at("Dublin"), (std::vector<model::Id>{"ex2016a", "ex2016b"}));
        QCOMPARE(edit::setSite(design, {"ex2016a"}, "Dublin"), 0);
    }

    // Auto-layout of a selection re-places only those elements, from where they were.
    void relayoutOfASelectionKeepsItsCorner() {
        model::Design design = contoso();
        const auto before = firstView(design).placements;
        const std::set<model::Id> chosen = {"ex2016a", "ex2016b", "seg-servers"};
        double left = 1e9, top = 1e9;
        for (const auto& id : chosen) {
            left = std::min(left, before.at(id).x);
            top = std::min(top, before.at(id).y);
        }
        const auto result = layout::relayoutElements(design, {}, chosen);
        QCOMPARE(result.placed, 3);
        const auto& after = firstView(design).placements;
        double newLeft = 1e9, newTop = 1e9;
        for (const auto& id : chosen) {
            newLeft = std::min(newLeft, after.at(id).x);
            newTop = std::min(newTop, after.at(id).y);
        }
        QCOMPARE(newLeft, left);
        QCOMPARE(newTop, top);
        for (const auto& [id, p] : before) {
            if (!chosen.count(id))
                QCOMPARE(after.at(id), p);
        }
    }
};

QTEST_GUILESS_MAIN(TestDesignEdits)
#include "tst_design_edits.moc"
