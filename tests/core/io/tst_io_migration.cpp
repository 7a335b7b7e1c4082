// Format version 2 and the files written before it. Every version 1 file in the repository
// (examples of other tests, fixtures in tests/data/migration) must still load, save as version
// 2 and read back as the same design; a version 1 file may not hold the keys version 2 added;
// the new flow keys round-trip. The files are found at run time, so a version 1 file added
// anywhere is covered without touching this test.

#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/design_json.h"

namespace fs = std::filesystem;
using namespace mailtopo;

namespace {

const fs::path kRoot(MAILTOPO_SOURCE_DIR);

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The "version" a file gives, or 0 when it is not a JSON object with an integer version.
int declaredVersion(const std::string& text) {
    const auto document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return 0;
    const auto version = document.find("version");
    return version != document.end() && version->is_number_integer() ? version->get<int>() : 0;
}

// Every *.mailtopo of the repository that says "version": 1, build trees and the malformed
// fixtures (wrong on purpose, in other ways) left out.
std::vector<fs::path> version1Files() {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(kRoot, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path relative = it->path().lexically_relative(kRoot);
        const std::string name = it->path().filename().string();
        if (it->is_directory() && (name.starts_with("build") || name.starts_with(".") ||
                                   relative == fs::path("tests/data/malformed"))) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".mailtopo" &&
            declaredVersion(readBytes(it->path())) == 1) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

QString describe(const io::ParsedDesign& parsed) {
    QStringList lines;
    for (const auto& d : parsed.diagnostics)
        lines << QString::fromStdString(d.toString());
    return lines.join('\n');
}

const std::string kVersion2Flows = R"({
  "format": "mailtopo",
  "version": 2,
  "design": {
    "name": "Pinned member"
  },
  "hosts": [
    {
      "id": "app",
      "name": "APP",
      "kind": "application-client"
    },
    {
      "id": "ex2",
      "name": "EX2",
      "kind": "exchange-server"
    }
  ],
  "flows": [
    {
      "id": "f-app",
      "source": "app",
      "destination": "10.0.0.50",
      "poolMember": "ex2",
      "rcptTo": [
        "a@contoso.example"
      ],
      "expectedDisposition": "delivered"
    }
  ]
}
)";

}  // namespace

class TestIoMigration : public QObject {
    Q_OBJECT

private slots:
    void everyVersion1FileLoadsAndSavesAsVersion2_data() {
        QTest::addColumn<QString>("path");
        const auto files = version1Files();
        // tests/data/migration keeps some whatever happens to the other files.
        QVERIFY(std::any_of(files.begin(), files.end(), [](const fs::path& p) {
            return p.parent_path().filename() == "migration";
        }));
        for (const auto& file : files) {
            const std::string tag = file.lexically_relative(kRoot).generic_string();
            QTest::newRow(tag.c_str()) << QString::fromStdString(file.string());
        }
    }

    void everyVersion1FileLoadsAndSavesAsVersion2() {
        QFETCH(QString, path);
        const io::ParsedDesign first = io::parseDesign(readBytes(path.toStdString()), "v1");
        QVERIFY2(first.ok(), qPrintable(describe(first)));
        QCOMPARE(first.fileVersion, 1);
        const std::string saved = io::serializeDesign(*first.design);
        QCOMPARE(declaredVersion(saved), io::kFormatVersion);
        const io::ParsedDesign second = io::parseDesign(saved, "v2");
        QVERIFY2(second.ok(), qPrintable(describe(second)));
        QCOMPARE(second.fileVersion, 2);
        QVERIFY(*second.design == *first.design);
    }

    // A version 1 document is version 2 without the new keys: migrating a canonical one
    // changes the version number and nothing else.
    void migrationChangesOnlyTheVersion() {
        const std::string v1 = readBytes(kRoot / "tests/data/migration/version-1.mailtopo");
        const io::ParsedDesign parsed = io::parseDesign(v1, "version-1.mailtopo");
        QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
        QVERIFY(!parsed.design->flows.empty());
        std::string expected = v1;
        const std::string from = "\"version\": 1,";
        QVERIFY(expected.find(from) != std::string::npos);
        expected.replace(expected.find(from), from.size(), "\"version\": 2,");
        QCOMPARE(io::serializeDesign(*parsed.design), expected);
    }

    void version2KeysRoundTrip() {
        const io::ParsedDesign parsed = io::parseDesign(kVersion2Flows, "v2.mailtopo");
        QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
        const model::Flow& flow = parsed.design->flows.front();
        QCOMPARE(flow.poolMemberHostId, std::string("ex2"));
        QCOMPARE(flow.expectedDisposition, std::optional(model::DispositionKind::Delivered));
        QCOMPARE(io::serializeDesign(*parsed.design), kVersion2Flows);
    }

    // Keys version 2 added are refused in a version 1 file, at the key, saying what to do.
    void version2KeysAreRefusedInVersion1() {
        std::string v1 = kVersion2Flows;
        v1.replace(v1.find("\"version\": 2"), 12, "\"version\": 1");
        const io::ParsedDesign parsed = io::parseDesign(v1, "old.mailtopo");
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.diagnostics.size(), size_t{2});
        const io::Diagnostic& pool = parsed.diagnostics[0];
        QCOMPARE(pool.pointer, std::string("/flows/0/poolMember"));
        QCOMPARE(pool.message, std::string("'poolMember' needs format version 2; this file says "
                                           "\"version\": 1 (write 2 there to use it)"));
        QCOMPARE(pool.line, 24);
        QCOMPARE(pool.column, 7);
        QCOMPARE(parsed.diagnostics[1].pointer, std::string("/flows/0/expectedDisposition"));
    }
    // Version 2 lets a flow leave out its destination (its source's routing chooses by the
    // first recipient, R27/R28); version 1 required it, so a version 1 file without one is
    // refused at the flow, saying which version makes it optional.
    void R27_destinationIsOptionalFromVersion2() {
        std::string v2 = kVersion2Flows;
        const std::string line = "      \"destination\": \"10.0.0.50\",\n";
        QVERIFY(v2.find(line) != std::string::npos);
        v2.erase(v2.find(line), line.size());
        const io::ParsedDesign parsed = io::parseDesign(v2, "v2.mailtopo");
        QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
        QVERIFY(parsed.design->flows.front().destination.empty());
        QCOMPARE(io::serializeDesign(*parsed.design), v2);  // written without it, as version 2

        std::string v1 = v2;
        v1.replace(v1.find("\"version\": 2"), 12, "\"version\": 1");
        for (const char* key :
             {"      \"poolMember\": \"ex2\",\n", "      \"expectedDisposition\": \"delivered\"\n"})
            v1.erase(v1.find(key), std::string(key).size());
        const std::string comma = "      ],\n    }";
        v1.replace(v1.find(comma), comma.size(), "      ]\n    }");
        const io::ParsedDesign old = io::parseDesign(v1, "old.mailtopo");
        QVERIFY(!old.ok());
        QCOMPARE(old.diagnostics.size(), size_t{1});
        QCOMPARE(old.diagnostics[0].pointer, std::string("/flows/0"));
        QCOMPARE(old.diagnostics[0].message,
                 std::string("the flow has no 'destination' (required in format version 1; "
                             "version 2 makes it optional)"));
    }
};

QTEST_APPLESS_MAIN(TestIoMigration)
#include "tst_io_migration.moc"
