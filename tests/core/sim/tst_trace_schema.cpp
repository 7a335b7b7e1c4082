// resources/schema/trace.schema.json must describe exactly what traceToJson writes: its
// version const is kTraceFormatVersion; its enumerations are the C++ tables (step kinds,
// dispositions, packet flags and leg names, R22 right names); every key a fully populated
// trace writes is a property of the matching $defs entry, listed in the same order, and
// every property is written; the keys an empty trace still writes are exactly the required
// ones. Adding a field to the trace without the schema (or the other way round) fails here,
// naming the $defs entry. tests/app/validate_trace_schema.py validates real CLI output
// against the same schema.

#include <QtTest>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/sim/session_rights.h"
#include "core/sim/trace_output.h"

using namespace mailtopo;
using nlohmann::ordered_json;

namespace {

ordered_json loadSchema() {
    std::ifstream in(MAILTOPO_SOURCE_DIR "/resources/schema/trace.schema.json");
    if (!in)
        qFatal("cannot open resources/schema/trace.schema.json");
    return ordered_json::parse(in);
}

template <class E>
ordered_json namesOf() {
    ordered_json names = ordered_json::array();
    for (std::string_view name : enumNames<E>())
        names.push_back(std::string(name));
    return names;
}

net::Address ip(const char* text) {
    return *net::Address::parse(text);
}

sim::Packet packet(sim::Packet::Flag flag) {
    return sim::Packet{ip("10.0.0.1"), 49152, ip("10.0.0.2"), 25, flag};
}

// Every optional set and every list holding one element, so every key is written.
sim::Trace fullTrace() {
    sim::Step step;
    step.kind = sim::StepKind::Translate;
    step.rule = "R9";
    step.element = "vip";
    step.summary = "LB SNAT";
    step.inputs = {{"mode", "snat"}};
    step.before = packet(sim::Packet::Flag::Syn);
    step.after = packet(sim::Packet::Flag::Syn);

    sim::Hop hop;
    hop.client = "ex1";
    hop.server = "mx";
    hop.setup = {step};
    hop.legs = {sim::Leg{"SYN", {step}}};
    hop.sessions = {sim::SessionRecord{"fw", true, true, true}};
    hop.smtp = {step};
    hop.chosenSource = ip("10.0.0.1");
    hop.target = ip("203.0.113.25");
    hop.seenSource = ip("198.51.100.1");
    hop.localAddress = ip("203.0.113.25");
    hop.localPort = 2525;
    hop.receiveConnector = "rc";
    hop.principal = "anonymous";
    hop.rights = {"Submit"};
    hop.originatingIp = ip("198.51.100.1");
    hop.egress = sim::EgressIdentity{ip("198.51.100.1"), "ex1.contoso.example", "contoso.example",
                                     "fw", "nat-out"};
    hop.result =
        sim::rejection(554, "5.4.14", "Hop count exceeded - possible mail loop", "ex1", "R1");

    sim::Trace trace;
    trace.flowName = "Out";
    trace.flowId = "f-out";
    trace.sourceHost = "ex1";
    trace.destination = "mx:fabrikam.example";
    trace.mailFrom = "a@contoso.example";
    trace.rcptTo = {"b@fabrikam.example"};
    trace.hops = {hop};
    trace.disposition =
        sim::rejection(550, "5.7.1", "Unable to relay", "rc", "R25");  // every key set
    trace.flags = {sim::TraceFlag{"ASYMMETRIC_PATH", "R14", {"fw"}, "the reply bypassed FW"}};
    return trace;
}

// The keys an empty trace (one empty hop, one empty step in each list) still writes.
sim::Trace emptyTrace() {
    sim::Hop hop;
    hop.setup = {sim::Step{}};
    hop.legs = {sim::Leg{}};
    hop.legs.front().steps = {sim::Step{}};
    hop.sessions = {sim::SessionRecord{}};
    hop.smtp = {sim::Step{}};
    hop.egress = sim::EgressIdentity{};
    sim::Trace trace;
    trace.hops = {hop};
    trace.flags = {sim::TraceFlag{}};
    return trace;
}

// Walks a document and the schema side by side from $defs/Trace.
class Walker {
public:
    explicit Walker(const ordered_json& schema) : schema_(schema) {}

    std::vector<std::string> problems;
    std::set<std::string> visited;

    // full: every property must be written; otherwise every required one, and nothing else.
    void object(const ordered_json& value, const std::string& def, const std::string& at,
                bool full) {
        visited.insert(def);
        const ordered_json& node = schema_["$defs"][def];
        if (node.value("additionalProperties", true) != false)
            problems.push_back("$defs/" + def + ": additionalProperties must be false");
        const ordered_json& properties = node["properties"];
        std::set<std::string> required;
        for (const auto& key : node.value("required", ordered_json::array()))
            required.insert(key.get<std::string>());
        std::set<std::string> written;
        for (const auto& [key, member] : value.items()) {
            // An optional nested object (a hop's egress) is set in the empty trace only to
            // reach its own required keys.
            if (full || required.contains(key) || !member.is_object())
                written.insert(key);
            if (!properties.contains(key)) {
                problems.push_back(at + "/" + key +
                                   ": written by traceToJson but not a property "
                                   "of $defs/" +
                                   def);
                continue;
            }
            descend(member, properties[key], at + "/" + key, full);
        }
        // The schema lists the keys in the order the writer writes them (the docs' order).
        std::vector<std::string> order, schemaOrder;
        for (const auto& [key, member] : value.items())
            order.push_back(key);
        for (const auto& [key, property] : properties.items())
            schemaOrder.push_back(key);
        if (full && order != schemaOrder)
            problems.push_back(at + ": $defs/" + def +
                               " lists its properties in another order "
                               "than traceToJson writes them");
        for (const auto& [key, property] : properties.items()) {
            if (full && !written.contains(key))
                problems.push_back(at + ": $defs/" + def + " lists '" + key +
                                   "', which a fully populated trace does not write");
        }
        if (!full && written != required) {
            std::string w, r;
            for (const auto& k : written)
                w += k + " ";
            for (const auto& k : required)
                r += k + " ";
            problems.push_back(at + ": an empty " + def + " writes [" + w + "] but $defs/" + def +
                               " requires [" + r + "]");
        }
    }

private:
    static std::string defOf(const ordered_json& property) {
        const std::string ref = property.value("$ref", "");
        return ref.starts_with("#/$defs/") ? ref.substr(8) : std::string();
    }

    void descend(const ordered_json& value, const ordered_json& property, const std::string& at,
                 bool full) {
        if (value.is_object()) {
            const std::string def = defOf(property);
            if (def.empty())
                problems.push_back(at + ": an object, but its schema names no $defs entry");
            else
                object(value, def, at, full);
        } else if (value.is_array()) {
            const std::string def = defOf(property.value("items", ordered_json::object()));
            for (size_t i = 0; i < value.size(); ++i) {
                if (value[i].is_object())
                    object(value[i], def, at + "/" + std::to_string(i), full);
            }
        }
    }

    const ordered_json& schema_;
};

}  // namespace

class TestTraceSchema : public QObject {
    Q_OBJECT

private slots:
    void versionIsTheWritersVersion() {
        const ordered_json schema = loadSchema();
        QCOMPARE(schema["$defs"]["Trace"]["properties"]["version"].value("const", 0),
                 sim::kTraceFormatVersion);
        QCOMPARE(sim::traceToJson(sim::Trace{}).begin().key(), std::string("version"));
        QCOMPARE(sim::traceToJson(sim::Trace{})["version"].get<int>(), sim::kTraceFormatVersion);
    }

    void enumerationsAreTheCppTables() {
        const ordered_json defs = loadSchema()["$defs"];
        QCOMPARE(defs["StepKind"]["enum"], namesOf<sim::StepKind>());
        QCOMPARE(defs["DispositionKind"]["enum"], namesOf<sim::DispositionKind>());
        QCOMPARE(defs["PacketFlag"]["enum"], namesOf<sim::Packet::Flag>());
        ordered_json rights = ordered_json::array();
        for (const auto& [right, name] : EnumTraits<model::ExtendedRight>::items)
            rights.push_back(std::string(sim::rightShortName(right)));
        QCOMPARE(defs["Right"]["enum"], rights);
        // Leg names and packet flags are one set: both properties point at PacketFlag.
        QCOMPARE(defs["Leg"]["properties"]["name"]["$ref"].get<std::string>(),
                 std::string("#/$defs/PacketFlag"));
        QCOMPARE(defs["Packet"]["properties"]["flag"]["$ref"].get<std::string>(),
                 std::string("#/$defs/PacketFlag"));
    }

    void everyWrittenKeyIsInTheSchemaAndBack() {
        const ordered_json schema = loadSchema();
        Walker walker(schema);
        walker.object(sim::traceToJson(fullTrace()), "Trace", "", true);
        for (const auto& p : walker.problems)
            qWarning("%s", p.c_str());
        QVERIFY(walker.problems.empty());
        // Every object definition was reached, so none is stale.
        for (const auto& [name, def] : schema["$defs"].items()) {
            if (def.value("type", "") == "object")
                QVERIFY2(walker.visited.contains(name), name.c_str());
        }
    }

    void requiredKeysAreTheOnesAlwaysWritten() {
        const ordered_json schema = loadSchema();
        Walker walker(schema);
        walker.object(sim::traceToJson(emptyTrace()), "Trace", "", false);
        for (const auto& p : walker.problems)
            qWarning("%s", p.c_str());
        QVERIFY(walker.problems.empty());
    }
};

QTEST_GUILESS_MAIN(TestTraceSchema)
#include "tst_trace_schema.moc"
