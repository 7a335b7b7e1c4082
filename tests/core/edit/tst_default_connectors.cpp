// Exchange's default receive connectors (R18): their ids, and making them explicit
// (core/edit/default_connectors.h, `mailtopo-cli format --explicit-defaults`, the inspector's
// "Make default connectors explicit") without changing a trace or a finding.

#include <QtTest>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "core/analysis/simulation_checks.h"
#include "core/edit/default_connectors.h"
#include "core/io/design_json.h"
#include "core/sim/receive_connectors.h"
#include "core/sim/trace_output.h"
#include "tests/support/scenario.h"

using namespace mailtopo;

namespace {

// Every design the repository ships or tests with that loads: examples, worked examples (their
// defaults already explicit), and the test fixtures, most of which leave them implicit.
std::vector<std::filesystem::path> repositoryDesigns() {
    std::vector<std::filesystem::path> out;
    for (const char* folder : {"/resources/examples", "/tests/scenarios", "/tests/data/checks",
                               "/tests/data/ui", "/tests/data/migration"}) {
        for (const auto& entry :
             std::filesystem::directory_iterator(std::string(MAILTOPO_SOURCE_DIR) + folder))
            if (entry.path().extension() == ".mailtopo" && io::loadDesignFile(entry.path()).ok())
                out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Everything validate and trace say of a design: findings, then each trace as JSON.
std::string everythingSaid(const model::Design& design) {
    const auto validation = analysis::validateDesignWithTraces(design);
    std::string out;
    for (const auto& f : validation.findings) {
        out += f.id + " | " + f.message + " | " + f.pointer + " | " + f.remediation + " | " +
               f.flow + " |";
        for (const auto& e : f.elements)
            out += " " + e;
        out += "\n";
    }
    for (const auto& trace : validation.simulation.traces)
        out += sim::traceToJsonText(trace) + sim::traceToText(trace, design);
    return out;
}

// Two Exchange servers whose defaults are implicit, one declared connector each.
model::Design smallDesign() {
    return testing::loadDesignOrStop(MAILTOPO_SOURCE_DIR "/tests/data/ui/small.mailtopo");
}

model::Host exchangeHost(const std::string& id, model::ExchangeVersion version,
                         FlagSet<model::ExchangeRole> roles) {
    model::Host h;
    h.id = id;
    h.name = "SERVER";
    h.kind = model::HostKind::ExchangeServer;
    h.exchange = model::ExchangeProperties{};
    h.exchange->version = version;
    h.exchange->roles = roles;
    return h;
}

}  // namespace

class TestDefaultConnectors : public QObject {
    Q_OBJECT

private slots:
    // R18 ids are valid design ids made of the host id and Exchange's name without the
    // server's; they depend on nothing else (not the server's name, not the design around).
    void R18_defaultIdsAreValidAndStable() {
        using model::ExchangeRole;
        using model::ExchangeVersion;
        const std::regex idPattern("^[A-Za-z_][A-Za-z0-9_.-]*$");
        auto ids = [](const model::Host& h) {
            std::vector<std::string> out;
            for (const auto& c : sim::defaultReceiveConnectors(h)) {
                out.push_back(c.id);
            }
            return out;
        };
        auto h = exchangeHost("ex01", ExchangeVersion::Ex2019, {ExchangeRole::Mailbox});
        QCOMPARE(ids(h),
                 (std::vector<std::string>{"ex01-default-frontend", "ex01-client-frontend",
                                           "ex01-outbound-proxy-frontend", "ex01-client-proxy",
                                           "ex01-default", "ex01-mailbox-delivery"}));
        h.name = "RENAMED";
        QCOMPARE(ids(h).front(), std::string("ex01-default-frontend"));
        QCOMPARE(sim::defaultReceiveConnectors(h).front().name,
                 std::string("Default Frontend RENAMED"));

        // Every version and role: valid ids, and no suffix is another's tail after a dash,
        // so host "a-b" and host "a" never get one id between them.
        std::set<std::string> suffixes;
        for (auto version :
             {ExchangeVersion::Ex2003, ExchangeVersion::Ex2007, ExchangeVersion::Ex2010,
              ExchangeVersion::Ex2013, ExchangeVersion::Ex2016, ExchangeVersion::Ex2019}) {
            for (FlagSet<ExchangeRole> roles :
                 {FlagSet<ExchangeRole>{ExchangeRole::Mailbox},
                  FlagSet<ExchangeRole>{ExchangeRole::ClientAccess},
                  FlagSet<ExchangeRole>{ExchangeRole::Mailbox, ExchangeRole::ClientAccess},
                  FlagSet<ExchangeRole>{ExchangeRole::HubTransport},
                  FlagSet<ExchangeRole>{ExchangeRole::Edge}}) {
                for (const auto& id : ids(exchangeHost("ex01", version, roles))) {
                    QVERIFY2(std::regex_match(id, idPattern), id.c_str());
                    QVERIFY(id.starts_with("ex01-"));
                    suffixes.insert(id.substr(5));
                }
            }
        }
        QVERIFY(suffixes.size() >= 9);
        for (const auto& a : suffixes)
            for (const auto& b : suffixes)
                QVERIFY2(a == b || !a.ends_with("-" + b), (a + " ends with -" + b).c_str());
    }

    // The id names the connector wherever it appears: the simulator's lookup, a declared
    // connector of the default's name replacing it, labels.
    void R18_implicitConnectorsAreFoundByTheirIds() {
        auto design = smallDesign();
        const model::Host* server = nullptr;
        for (const auto& h : design.hosts)
            if (h.exchange && h.exchange->implicitDefaultConnectors && server == nullptr)
                server = &h;
        QVERIFY(server != nullptr);
        const auto implicit = sim::implicitReceiveConnectors(design, *server);
        QVERIFY(!implicit.empty());
        const auto found = sim::findImplicitReceiveConnector(design, implicit.front().id);
        QVERIFY(found.has_value());
        QCOMPARE(found->server, server);
        QCOMPARE(found->connector.name, implicit.front().name);
        QVERIFY(!sim::findImplicitReceiveConnector(design, server->id + "-nothing"));

        // Declared under the default's name, the default is no longer added.
        model::ReceiveConnector declared = implicit.front();
        declared.id = "rc-mine";
        design.receiveConnectors.push_back(declared);
        QVERIFY(!sim::findImplicitReceiveConnector(design, implicit.front().id));
    }

    // Making the defaults explicit changes no finding and no trace, on every design of the
    // repository, and keeps the connectors' ids; a second time changes nothing.
    void R18_explicitDefaultsChangeNoTraceNorFinding_data() {
        QTest::addColumn<QString>("path");
        for (const auto& path : repositoryDesigns())
            QTest::newRow(path.filename().string().c_str()) << QString::fromStdString(path);
    }
    void R18_explicitDefaultsChangeNoTraceNorFinding() {
        QFETCH(QString, path);
        const model::Design before = testing::loadDesignOrStop(path.toStdString());
        model::Design after = before;
        const auto made = edit::makeDefaultConnectorsExplicit(after);
        QVERIFY2(made.refused.empty(), made.refused.c_str());
        for (const auto& h : after.hosts)
            if (h.exchange)
                QVERIFY(!h.exchange->implicitDefaultConnectors);
        for (const auto& host : before.hosts)
            for (const auto& c : sim::implicitReceiveConnectors(before, host)) {
                const auto* declared = after.findReceiveConnector(c.id);
                QVERIFY2(declared != nullptr, c.id.c_str());
                QCOMPARE(declared->name, c.name);
            }
        // Through the file, as `format --explicit-defaults` writes it.
        const auto reread = io::parseDesign(io::serializeDesign(after), "explicit");
        QVERIFY(reread.ok());
        QCOMPARE(everythingSaid(*reread.design), everythingSaid(before));

        model::Design again = *reread.design;
        const auto second = edit::makeDefaultConnectorsExplicit(again);
        QVERIFY(second.changes.empty());
        QVERIFY(again == *reread.design);
    }

    // A declared element that took a default connector's id: validate says so (duplicate-id),
    // and making the defaults explicit is refused, changing nothing.
    void R18_elementHoldingADefaultIdIsAnError() {
        auto design = smallDesign();
        const model::Host* server = nullptr;
        for (const auto& h : design.hosts)
            if (h.exchange && h.exchange->implicitDefaultConnectors && server == nullptr)
                server = &h;
        QVERIFY(server != nullptr);
        const std::string taken = sim::implicitReceiveConnectors(design, *server).front().id;
        design.segments.front().id = taken;  // an element of another kind, same id
        for (auto& h : design.hosts)
            for (auto& nic : h.nics)
                if (nic.segmentId == design.segments.front().id)
                    nic.segmentId = taken;
        bool reported = false;
        for (const auto& f : analysis::validateDesign(design))
            reported = reported ||
                       (f.id == "duplicate-id" && f.elements.front() == taken &&
                        f.message.find("implicit default receive connector") != std::string::npos);
        QVERIFY(reported);
        const model::Design unchanged = design;
        const auto made = edit::makeDefaultConnectorsExplicit(design);
        QVERIFY(made.refused.find(taken) != std::string::npos);
        QVERIFY(design == unchanged);
    }

    // One server only, as the inspector does it.
    void R18_explicitDefaultsForOneServer() {
        auto design = smallDesign();
        std::vector<model::Id> servers;
        for (const auto& h : design.hosts)
            if (h.exchange && h.exchange->implicitDefaultConnectors)
                servers.push_back(h.id);
        QVERIFY(servers.size() >= 2);
        const auto made = edit::makeDefaultConnectorsExplicit(design, {servers.front()});
        QCOMPARE(made.servers, std::vector<model::Id>{servers.front()});
        QVERIFY(!design.findHost(servers.front())->exchange->implicitDefaultConnectors);
        QVERIFY(design.findHost(servers.back())->exchange->implicitDefaultConnectors);
        QVERIFY(!made.changes.inserted.empty());
        for (const auto& id : made.changes.inserted)
            QCOMPARE(design.findReceiveConnector(id)->serverId, servers.front());
    }
    // docs/file-format.md shows a design before and after `format --explicit-defaults`:
    // both blocks load, are canonical, and the first gives the second.
    void R18_documentedExampleIsWhatExplicitDefaultsWrites() {
        std::ifstream in(MAILTOPO_SOURCE_DIR "/docs/file-format.md");
        QVERIFY(in);
        const std::string doc((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
        const auto block = [&](const std::string& name) {
            const std::string marker =
                "<!-- example: design canonical name=" + name + " -->\n```json\n";
            const size_t start = doc.find(marker);
            if (start == std::string::npos)
                return std::string();
            const size_t begin = start + marker.size();
            return doc.substr(begin, doc.find("```\n", begin) - begin);
        };
        const std::string implicit = block("implicit-defaults");
        const std::string explicitly = block("explicit-defaults");
        QVERIFY(!implicit.empty() && !explicitly.empty());
        auto parsed = io::parseDesign(implicit, "implicit-defaults");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.diagnostics.front().toString().c_str());
        QCOMPARE(io::serializeDesign(*parsed.design), implicit);
        const auto made = edit::makeDefaultConnectorsExplicit(*parsed.design);
        QVERIFY(made.refused.empty());
        QCOMPARE(io::serializeDesign(*parsed.design), explicitly);
        QCOMPARE(everythingSaid(*io::parseDesign(explicitly, "explicit").design),
                 everythingSaid(*io::parseDesign(implicit, "implicit").design));
    }
};

QTEST_GUILESS_MAIN(TestDefaultConnectors)
#include "tst_default_connectors.moc"
