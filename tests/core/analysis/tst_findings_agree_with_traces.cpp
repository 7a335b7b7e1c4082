// A finding read from the configuration must not contradict the trace that proves it. For
// every design in the repository (bundled examples, worked examples, check fixtures, generated
// estates) and every finding that names a receive connector: the flow the report and the
// editor cite as its proof lands on that connector, and a finding that says the connector
// relays is proved by a hop on which the client holds the relay right (AnyRcpt). Conversely, every
// trace in which a load balancer's SNAT address relayed (RELAY_VIA_LB) has its static
// relay-via-lb-snat finding. Port translations (VIP :25 -> member :2526) once made these disagree
// (R20, R40).

#include <QDir>
#include <QDirIterator>
#include <QtTest>
#include <algorithm>
#include <set>

#include "core/analysis/simulation_checks.h"
#include "core/io/design_file.h"
#include "core/model/synthetic_estate.h"
#include "core/sim/simulator.h"

using namespace mailtopo;

namespace {

// Findings that say the connector lets the client relay: their proof must show a relay there.
const std::set<std::string_view> kRelayClaims = {"relay-via-lb-snat", "internet-open-relay"};

struct NamedDesign {
    std::string name;
    model::Design design;
};

std::vector<NamedDesign> repositoryDesigns() {
    std::vector<NamedDesign> out;
    for (const char* folder : {"resources/examples", "tests/scenarios", "tests/data/checks",
                               "tests/data/ui", "tests/data/migration", "tests/data/sim"}) {
        QDirIterator it(QStringLiteral(MAILTOPO_SOURCE_DIR "/") + QLatin1String(folder),
                        {QStringLiteral("*.mailtopo")}, QDir::Files);
        while (it.hasNext()) {
            const std::string path = it.next().toStdString();
            auto loaded = io::loadDesignFile(path);
            if (loaded.ok())
                out.push_back({path.substr(path.rfind('/') + 1), std::move(*loaded.design)});
        }
    }
    // Generated estates mix SNAT and DSR sites by seed; two seeds give both.
    for (uint64_t seed : {1, 2}) {
        model::EstateParameters p;
        p.servers = 6;
        p.serversPerSite = 3;
        p.seed = seed;
        out.push_back({"estate-seed-" + std::to_string(seed), model::generateEstate(p)});
    }
    return out;
}

std::set<std::string> connectorIds(const model::Design& design) {
    std::set<std::string> ids;
    const sim::Simulator simulator(design);
    for (const auto& host : design.hosts)
        if (host.isExchange())
            for (const auto& c : simulator.receiveConnectorsOf(host.id))
                ids.insert(c.id);
    return ids;
}

}  // namespace

class FindingsAgreeWithTraces : public QObject {
    Q_OBJECT

private slots:
    void findingsAgree_data() {
        QTest::addColumn<int>("index");
        static const auto designs = repositoryDesigns();
        QVERIFY(designs.size() > 20);
        for (size_t i = 0; i < designs.size(); ++i)
            QTest::newRow(designs[i].name.c_str()) << static_cast<int>(i);
    }

    void findingsAgree() {
        QFETCH(int, index);
        static const auto designs = repositoryDesigns();
        const auto& design = designs[static_cast<size_t>(index)].design;
        const auto validation = analysis::validateDesignWithTraces(design);
        if (!validation.simulated)
            QSKIP("structural errors stop the simulation");
        const auto connectors = connectorIds(design);
        const auto& simulation = validation.simulation;

        std::set<std::string> relayViaLbConnectors;
        for (const auto& finding : validation.findings) {
            std::set<std::string> named;
            for (const auto& e : finding.elements)
                if (connectors.count(e) > 0)
                    named.insert(e);
            if (named.empty())
                continue;
            if (finding.id == "relay-via-lb-snat")
                relayViaLbConnectors.insert(named.begin(), named.end());
            const auto proof = analysis::provingFlow(finding, simulation);
            const bool claimsRelay = kRelayClaims.count(finding.id) > 0;
            if (!proof) {
                // A relay claim names the way in, and some standard flow always takes it.
                QVERIFY2(!claimsRelay,
                         ("no trace proves " + finding.id + ": " + finding.message).c_str());
                continue;
            }
            const sim::Trace& trace = simulation.traces[*proof];
            const sim::Hop* landed = nullptr;
            for (const auto& hop : trace.hops)
                if (named.count(hop.receiveConnector) > 0)
                    landed = &hop;
            QVERIFY2(landed != nullptr, (finding.id + " names " + *named.begin() +
                                         " but its proof '" + trace.flowName + "' lands elsewhere")
                                            .c_str());
            // The proof may send mail to an accepted domain; what the connector allows shows
            // in the rights R22 granted on that hop.
            if (claimsRelay) {
                const auto& rights = landed->rights;
                QVERIFY2(std::find(rights.begin(), rights.end(), "AnyRcpt") != rights.end(),
                         (finding.id + " says " + landed->receiveConnector +
                          " relays but the client of '" + trace.flowName +
                          "' has no AnyRcpt right there")
                             .c_str());
            }
        }
        for (const auto& trace : simulation.traces)
            for (const auto& flag : trace.flags)
                if (flag.name == "RELAY_VIA_LB")
                    QVERIFY2(relayViaLbConnectors.count(flag.elements.front()) > 0,
                             ("'" + trace.flowName + "' relays through the SNAT address on " +
                              flag.elements.front() + " but no relay-via-lb-snat finding says so")
                                 .c_str());
    }
};

QTEST_APPLESS_MAIN(FindingsAgreeWithTraces)
#include "tst_findings_agree_with_traces.moc"
