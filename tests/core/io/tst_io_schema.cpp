// resources/schema/mailtopo.schema.json must describe exactly what design_fields.h reads
// and writes: the same keys in the same order, the same required keys, the same enum
// spellings, matching types and defaults. Adding a field to the model without updating
// the schema (or the other way round) fails here.

#include <QtTest>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/io/design_fields.h"
#include "core/io/design_json.h"
#include "core/io/field_traits.h"

using namespace mailtopo;
using nlohmann::ordered_json;

namespace {

// The $defs entry of each model struct. A struct added to design_fields.h without a name
// here fails to compile, which is the point.
template <class T>
constexpr const char* kDefName = nullptr;
#define MAILTOPO_DEF(T) \
    template <>         \
    constexpr const char* kDefName<model::T> = #T;
MAILTOPO_DEF(DesignInfo)
MAILTOPO_DEF(AcceptedDomain)
MAILTOPO_DEF(Organization)
MAILTOPO_DEF(Segment)
MAILTOPO_DEF(IpAssignment)
MAILTOPO_DEF(Route)
MAILTOPO_DEF(Nic)
MAILTOPO_DEF(DeviceInterface)
MAILTOPO_DEF(AntiSpam)
MAILTOPO_DEF(ExchangeProperties)
MAILTOPO_DEF(SmtpProperties)
MAILTOPO_DEF(HostFirewall)
MAILTOPO_DEF(Host)
MAILTOPO_DEF(Router)
MAILTOPO_DEF(PoolMember)
MAILTOPO_DEF(Vip)
MAILTOPO_DEF(LoadBalancer)
MAILTOPO_DEF(FirewallZone)
MAILTOPO_DEF(FirewallRule)
MAILTOPO_DEF(InboundNat)
MAILTOPO_DEF(OutboundNat)
MAILTOPO_DEF(SmtpInspection)
MAILTOPO_DEF(Firewall)
MAILTOPO_DEF(AdPermission)
MAILTOPO_DEF(ReceiveConnector)
MAILTOPO_DEF(AddressSpace)
MAILTOPO_DEF(SendConnector)
MAILTOPO_DEF(DnsRecord)
MAILTOPO_DEF(DnsZone)
MAILTOPO_DEF(Flow)
MAILTOPO_DEF(Placement)
MAILTOPO_DEF(View)
#undef MAILTOPO_DEF

using io::HasEnumText;
using io::IsFlagSet;
using io::IsOptional;
using io::IsVector;

template <class E>
ordered_json namesOf() {
    ordered_json names = ordered_json::array();
    for (std::string_view name : enumNames<E>())
        names.push_back(std::string(name));
    return names;
}

// Walks the model's field lists and the schema side by side, collecting mismatches.
class SchemaChecker {
public:
    explicit SchemaChecker(const ordered_json& schema) : schema_(schema) {}

    std::vector<std::string> problems;
    std::set<std::string> visitedDefs;

    void checkRoot() {
        std::vector<std::string> keys{"format", "version"};
        std::vector<std::string> required{"format", "version"};
        KeyLister<model::Design> lister{keys, required};
        io::Fields<model::Design>::visit(lister);
        checkObjectShape(schema_, "(root)", keys, required);
        expect(schema_.value("/properties/format/const"_json_pointer, "") == io::kFormatName,
               "(root): format must be const \"mailtopo\"");
        // Every version up to kFormatVersion is read (older ones are subsets of it).
        ordered_json versions = ordered_json::array();
        for (int v = 1; v <= io::kFormatVersion; ++v)
            versions.push_back(v);
        expect(schema_.value("/properties/version/enum"_json_pointer, ordered_json()) == versions,
               "(root): version must be an enum of 1 to kFormatVersion");
        MemberChecker<model::Design> members{*this, schema_, "(root)"};
        io::Fields<model::Design>::visit(members);
        checkVersionedFlowKeys();
    }

private:
    // A flow key that came with version 2 is refused in a version 1 document: the schema's
    // "if version is 1, then" part must forbid exactly those keys.
    void checkVersionedFlowKeys() {
        std::vector<std::string> keys, required;
        KeyLister<model::Flow> lister{keys, required};
        io::Fields<model::Flow>::visit(lister);
        std::vector<std::string> newer;
        for (const auto& key : keys)
            if (io::keySince<model::Flow>(key) > 1)
                newer.push_back(key);
        expect(!newer.empty(), "the flow has no key newer than version 1");
        expect(schema_.value("/if/properties/version/const"_json_pointer, 0) == 1,
               "(root): the if part must select version 1 documents");
        const ordered_json forbidden =
            schema_.value("/then/properties/flows/items/properties"_json_pointer, ordered_json());
        std::vector<std::string> forbiddenKeys;
        for (const auto& [key, value] : forbidden.items()) {
            expect(value == false, "(root): then: '" + key + "' must be the schema false");
            forbiddenKeys.push_back(key);
        }
        expect(forbiddenKeys == newer,
               "(root): then must forbid in version 1 flows exactly the keys version 2 added");
        // A key required in version 1 that version 2 made optional: required in the then part.
        std::vector<std::string> requiredThen, madeOptional;
        for (const auto& key :
             schema_.value("/then/properties/flows/items/required"_json_pointer, ordered_json()))
            requiredThen.push_back(key.get<std::string>());
        for (const auto& key : keys)
            if (io::keyOptionalSince<model::Flow>(key) > 1)
                madeOptional.push_back(key);
        expect(requiredThen == madeOptional,
               "(root): then must require in version 1 flows exactly the keys version 2 made "
               "optional");
    }

    template <class T>
    struct KeyLister {
        std::vector<std::string>& keyList;
        std::vector<std::string>& requiredList;
        template <class M>
        void required(std::string_view key, M T::*) {
            keyList.emplace_back(key);
            requiredList.emplace_back(key);
        }
        template <class M>
        void optional(std::string_view key, M T::*) {
            keyList.emplace_back(key);
        }
    };

    template <class T>
    struct MemberChecker {
        SchemaChecker& checker;
        const ordered_json& object;
        std::string where;
        const T defaults{};

        template <class M>
        void required(std::string_view key, M T::*) {
            checker.checkValue<M>(property(key), where + "." + std::string(key));
        }
        template <class M>
        void optional(std::string_view key, M T::*member) {
            const ordered_json& p = property(key);
            const std::string at = where + "." + std::string(key);
            checker.checkValue<M>(p, at);
            if (p.contains("default"))
                checker.checkDefault(p["default"], defaults.*member, at);
        }
        const ordered_json& property(std::string_view key) const {
            static const ordered_json kMissing = ordered_json::object();
            auto properties = object.find("properties");
            if (properties == object.end())
                return kMissing;
            auto it = properties->find(std::string(key));
            return it == properties->end() ? kMissing : *it;
        }
    };

    void expect(bool condition, const std::string& problem) {
        if (!condition)
            problems.push_back(problem);
    }

    const ordered_json& resolve(const ordered_json& node) const {
        if (!node.contains("$ref"))
            return node;
        const std::string ref = node["$ref"];
        static const ordered_json kMissing = ordered_json::object();
        const std::string prefix = "#/$defs/";
        auto defs = schema_.find("$defs");
        if (!ref.starts_with(prefix) || defs == schema_.end())
            return kMissing;
        auto it = defs->find(ref.substr(prefix.size()));
        return it == defs->end() ? kMissing : resolve(*it);
    }

    void checkObjectShape(const ordered_json& node, const std::string& where,
                          const std::vector<std::string>& keys,
                          const std::vector<std::string>& required) {
        expect(node.value("type", "") == "object", where + ": type must be object");
        expect(node.value("additionalProperties", true) == false,
               where + ": additionalProperties must be false (the reader rejects unknown keys)");
        std::vector<std::string> schemaKeys;
        if (node.contains("properties")) {
            for (const auto& [key, value] : node["properties"].items())
                schemaKeys.push_back(key);
        }
        expect(schemaKeys == keys, where + ": properties differ from design_fields.h (keys/order)");
        std::vector<std::string> schemaRequired;
        for (const auto& key : node.value("required", ordered_json::array())) {
            schemaRequired.push_back(key);
        }
        expect(schemaRequired == required, where + ": required keys differ from design_fields.h");
    }

    template <class M>
    void checkValue(const ordered_json& raw, const std::string& where) {
        const ordered_json& node = resolve(raw);
        if constexpr (io::Described<M>) {
            const std::string ref = std::string("#/$defs/") + kDefName<M>;
            expect(raw.value("$ref", "") == ref, where + ": must be " + ref);
            if (!visitedDefs.insert(kDefName<M>).second)
                return;
            std::vector<std::string> keys, required;
            KeyLister<M> lister{keys, required};
            io::Fields<M>::visit(lister);
            checkObjectShape(node, kDefName<M>, keys, required);
            MemberChecker<M> members{*this, node, kDefName<M>};
            io::Fields<M>::visit(members);
        } else if constexpr (IsOptional<M>::value) {
            checkValue<typename M::value_type>(raw, where);
        } else if constexpr (IsVector<M>::value) {
            expect(node.value("type", "") == "array", where + ": type must be array");
            checkValue<typename M::value_type>(node.value("items", ordered_json::object()),
                                               where + "[]");
        } else if constexpr (IsFlagSet<M>::value) {
            using E = std::decay_t<decltype(M{}.values().front())>;
            expect(node.value("type", "") == "array", where + ": type must be array");
            expect(node.value("/items/enum"_json_pointer, ordered_json()) == namesOf<E>(),
                   where + ": items.enum must list the enum_text spellings in order");
        } else if constexpr (HasEnumText<M>) {
            expect(node.value("enum", ordered_json()) == namesOf<M>(),
                   where + ": enum must list the enum_text spellings in order");
        } else if constexpr (std::is_same_v<M, std::map<model::Id, model::Placement>>) {
            expect(node.value("type", "") == "object", where + ": type must be object");
            checkValue<model::Placement>(node.value("additionalProperties", ordered_json::object()),
                                         where + "{}");
        } else if constexpr (std::is_same_v<M, net::Address>) {
            expect(raw.value("$ref", "") == "#/$defs/address", where + ": must be an address");
        } else if constexpr (std::is_same_v<M, net::Prefix>) {
            expect(raw.value("$ref", "") == "#/$defs/prefix", where + ": must be a prefix");
        } else if constexpr (std::is_same_v<M, net::IpRange>) {
            expect(raw.value("$ref", "") == "#/$defs/ipRange", where + ": must be an ipRange");
        } else if constexpr (std::is_same_v<M, net::Binding>) {
            expect(raw.value("$ref", "") == "#/$defs/binding", where + ": must be a binding");
        } else if constexpr (std::is_same_v<M, std::string>) {
            expect(node.value("type", "") == "string", where + ": type must be string");
        } else if constexpr (std::is_same_v<M, bool>) {
            expect(node.value("type", "") == "boolean", where + ": type must be boolean");
        } else if constexpr (std::is_same_v<M, double>) {
            expect(node.value("type", "") == "number", where + ": type must be number");
        } else if constexpr (std::is_integral_v<M>) {
            expect(node.value("type", "") == "integer", where + ": type must be integer");
            // The reader refuses values outside the C++ type; the schema must say the same.
            expect(node.contains("minimum") && node["minimum"] == std::numeric_limits<M>::min(),
                   where + ": minimum must be the type's minimum");
            expect(node.contains("maximum") && node["maximum"] == std::numeric_limits<M>::max(),
                   where + ": maximum must be the type's maximum");
        } else {
            static_assert(!sizeof(M), "no schema check for this member type");
        }
    }

    template <class M>
    void checkDefault(const ordered_json& value, const M& expected, const std::string& where) {
        if constexpr (IsVector<M>::value) {
            expect(value == ordered_json::array() && expected.empty(),
                   where + ": default must be [] and the model's default empty");
        } else if constexpr (std::is_same_v<M, std::map<model::Id, model::Placement>>) {
            expect(value == ordered_json::object() && expected.empty(),
                   where + ": default must be {} and the model's default empty");
        } else if constexpr (IsFlagSet<M>::value) {
            ordered_json names = ordered_json::array();
            for (auto flag : expected.values())
                names.push_back(std::string(enumName(flag)));
            expect(value == names, where + ": default differs from the model");
        } else if constexpr (HasEnumText<M>) {
            expect(value == std::string(enumName(expected)),
                   where + ": default differs from the model");
        } else if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, bool> ||
                             std::is_integral_v<M>) {
            expect(value == expected, where + ": default differs from the model");
        } else {
            problems.push_back(where + ": a default is given where the model has none to compare");
        }
    }

    const ordered_json& schema_;
};

}  // namespace

class TestIoSchema : public QObject {
    Q_OBJECT

private slots:
    void schemaMatchesDesignFields();
    void documentedExampleIsCanonical();
};

void TestIoSchema::schemaMatchesDesignFields() {
    const std::string path = MAILTOPO_SOURCE_DIR "/resources/schema/mailtopo.schema.json";
    std::ifstream in(path);
    QVERIFY2(in, path.c_str());
    const ordered_json schema = ordered_json::parse(in);
    QCOMPARE(schema.value("$schema", ""),
             std::string("https://json-schema.org/draft/2020-12/schema"));

    SchemaChecker checker(schema);
    checker.checkRoot();
    QStringList problems;
    for (const auto& p : checker.problems)
        problems << QString::fromStdString(p);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));

    // Every struct definition in the schema is used, and no described struct is missing.
    std::set<std::string> defined;
    for (const auto& [name, def] : schema["$defs"].items()) {
        if (def.value("type", "") == "object" && def.contains("properties"))
            defined.insert(name);
    }
    QCOMPARE(defined, checker.visitedDefs);
}

void TestIoSchema::documentedExampleIsCanonical() {
    // docs/file-format.md promises its canonical examples load and are byte-for-byte canonical.
    const std::string path = MAILTOPO_SOURCE_DIR "/docs/file-format.md";
    std::ifstream in(path);
    QVERIFY2(in, path.c_str());
    const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The marker of tests/docs/check_doc_examples.py, which also validates and traces them.
    const std::string marker = "<!-- example: design canonical";
    int examples = 0;
    for (size_t start = doc.find(marker); start != std::string::npos;
         start = doc.find(marker, start + 1)) {
        const std::string fence = "-->\n```json\n";
        const size_t fenceAt = doc.find(fence, start);
        QVERIFY(fenceAt != std::string::npos && doc.find('\n', start) > fenceAt);
        const size_t begin = fenceAt + fence.size();
        const size_t end = doc.find("```\n", begin);
        QVERIFY(end != std::string::npos);
        const std::string example = doc.substr(begin, end - begin);
        const io::ParsedDesign parsed = io::parseDesign(example, "docs/file-format.md example");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.diagnostics.front().toString().c_str());
        QCOMPARE(io::serializeDesign(*parsed.design), example);
        ++examples;
    }
    QVERIFY2(examples >= 3, "canonical example markers not found in docs/file-format.md");
}

QTEST_GUILESS_MAIN(TestIoSchema)
#include "tst_io_schema.moc"
