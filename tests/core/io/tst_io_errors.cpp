// Error paths of the .mailtopo reader and writer: every refusal names the problem and
// points at it (file:line:column + JSON pointer), nothing crashes on hostile input, and
// saving never leaves a half-written or stray file behind.

#include <sys/stat.h>
#include <unistd.h>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <string>

#include "core/edit/property_edit.h"
#include "core/io/design_file.h"
#include "core/io/design_json.h"
#include "core/io/input_file.h"
#include "core/io/json_without_duplicates.h"
#include "core/io/powershell/json_document.h"

using namespace mailtopo;

namespace {

const std::filesystem::path kMalformed =
    std::filesystem::path(MAILTOPO_SOURCE_DIR) / "tests" / "data" / "malformed";

// The one diagnostic a refused document must carry (QVERIFY-style checks on the caller).
const io::Diagnostic* onlyDiagnostic(const io::ParsedDesign& parsed) {
    if (parsed.ok() || parsed.diagnostics.size() != 1)
        return nullptr;
    return &parsed.diagnostics.front();
}

QString describe(const io::ParsedDesign& parsed) {
    QStringList lines;
    for (const auto& d : parsed.diagnostics)
        lines << QString::fromStdString(d.toString());
    return parsed.ok() ? QStringLiteral("(loaded without error)") : lines.join('\n');
}

model::Design smallDesign() {
    model::Design design;
    design.info.name = "Saved";
    model::Segment lan;
    lan.id = "seg-lan";
    lan.name = "LAN";
    lan.subnets.push_back(*net::Prefix::parse("10.0.0.0/24"));
    design.segments.push_back(lan);
    return design;
}

QStringList entriesOf(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                               QDir::NoDotAndDotDot);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

}  // namespace

class TestIoErrors : public QObject {
    Q_OBJECT

private slots:
    // ---- reading: one fixture per problem, each with its exact position ---------------
    void fixtureIsRefusedAtThePosition_data();
    void fixtureIsRefusedAtThePosition();
    void unknownEnumListsEveryChoice();
    void utf8BomIsAccepted();
    void bomDoesNotShiftColumns();
    void nonObjectDocuments_data();
    void nonObjectDocuments();
    void formatAndVersionChecks_data();
    void formatAndVersionChecks();
    void hugeNestingIsRefusedWithoutCrashing_data();
    void hugeNestingIsRefusedWithoutCrashing();
    void moderateNestingIsNotRefused();
    void positionsInsideArraysOfObjects();
    void positionsAfterEscapedQuotes();
    void unknownKeyWithPointerSpecialCharacters();
    void everyProblemIsReportedInDocumentOrder();
    void diagnosticTextHasFileLineColumnPointer();
    void jsonWithoutDuplicatesEqualsNlohmann();
    void missingFile();
    void directoryInsteadOfFile();
    void pipeInsteadOfFile();

    // ---- saving -----------------------------------------------------------------------
    void saveWritesCanonicalTextAndNothingElse();
    void saveReplacesAnExistingFile();
    void saveIntoUnwritableDirectoryLeavesFileUntouched();
    void saveOverADirectoryFailsCleanly();
    void saveIntoMissingDirectoryFails();
    void saveKeepsPermissions();
    void saveWritesThroughASymlink();
    void saveRemovesStaleTemporariesOnly();
    void emptyPathsAreNamed();

    // ---- the one input reader ---------------------------------------------------------
    void inputLimitIsOneSettingForEveryReader();
    void encodingsAndNulBytesAreNamed_data();
    void encodingsAndNulBytesAreNamed();
    void integersTooLargeAreCalledSo();
    void textsLongerThanOneValueHoldsAreRefused();
};

void TestIoErrors::fixtureIsRefusedAtThePosition_data() {
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QStringList>("fragments");  // each must appear in the message

    // Invalid JSON: the position is where the text stops being JSON.
    QTest::newRow("missing comma: at the token after the gap")
        << "missing-comma.mailtopo" << 4 << 3 << ""
        << QStringList{"not valid JSON", "unexpected string literal", "expected ',' or '}'"};
    QTest::newRow("trailing garbage after the document")
        << "trailing-garbage.mailtopo" << 8 << 1 << ""
        << QStringList{"not valid JSON", "unexpected '}'", "expected end of input"};
    QTest::newRow("truncated in the middle of an object: at the end of the file")
        << "truncated-in-object.mailtopo" << 6 << 1 << ""
        << QStringList{"not valid JSON", "unexpected end of input"};
    QTest::newRow("truncated in the middle of a string: at the end of the file")
        << "truncated-in-string.mailtopo" << 5 << 30 << ""
        << QStringList{"not valid JSON", "missing closing quote"};
    QTest::newRow("empty file") << "empty.mailtopo" << 1 << 1 << ""
                                << QStringList{"the file is empty"};
    QTest::newRow("invalid UTF-8: at the lead byte of the broken sequence")
        << "invalid-utf8.mailtopo" << 5 << 22 << "" << QStringList{"not valid JSON", "UTF-8"};
    QTest::newRow("number too large for a double")
        << "number-overflow.mailtopo" << 13 << 16 << ""
        << QStringList{"not valid JSON", "overflow", "1e999"};
    QTest::newRow("duplicate key: at its second occurrence")
        << "duplicate-key.mailtopo" << 12 << 7 << "/hosts/0/name"
        << QStringList{"duplicate key 'name'"};

    // Not a MailTopo document.
    QTest::newRow("not an object") << "not-an-object.mailtopo" << 1 << 1 << ""
                                   << QStringList{"expected a MailTopo design", "found an array"};
    QTest::newRow("wrong format: at the value")
        << "wrong-format.mailtopo" << 2 << 13 << "/format"
        << QStringList{"not a MailTopo design", "\"visio\"", "\"mailtopo\""};
    QTest::newRow("missing format: at the document")
        << "missing-format.mailtopo" << 1 << 1 << ""
        << QStringList{"not a MailTopo design", "no 'format'"};
    QTest::newRow("missing version")
        << "missing-version.mailtopo" << 1 << 1 << "" << QStringList{"'version'", "missing"};
    QTest::newRow("newer version: tells to upgrade")
        << "newer-version.mailtopo" << 3 << 14 << "/version"
        << QStringList{"newer MailTopo", "format version 3", "reads up to version 2", "upgrade"};

    // Valid JSON, wrong content: the position is the offending key or value.
    QTest::newRow("a version 2 key in a version 1 file: at the key")
        << "version-1-with-version-2-key.mailtopo" << 19 << 7 << "/flows/0/expectedDisposition"
        << QStringList{"'expectedDisposition' needs format version 2",
                       "this file says \"version\": 1"};
    QTest::newRow("unknown key: at the key")
        << "unknown-key.mailtopo" << 19 << 11 << "/hosts/0/nics/0/adresses"
        << QStringList{"unknown key 'adresses'", "NIC"};
    QTest::newRow("wrong type: at the value")
        << "wrong-type.mailtopo" << 19 << 31 << "/hosts/0/nics/0/addresses/0/prefixLength"
        << QStringList{"expected an integer", "found a string"};
    QTest::newRow("bad IP address: quotes it and says why")
        << "bad-address.mailtopo" << 18 << 26 << "/hosts/0/nics/0/addresses/0/address"
        << QStringList{"'10.0.0.300'", "not an IP address", "greater than 255"};
    QTest::newRow("bad prefix: quotes it and says why")
        << "bad-prefix.mailtopo" << 13 << 9 << "/segments/0/subnets/1"
        << QStringList{"'10.0.1.0/33'", "not an IP prefix", "greater than 32"};
    QTest::newRow("bad range: quotes it and says why")
        << "bad-range.mailtopo" << 16 << 9 << "/receiveConnectors/0/remoteIpRanges/0"
        << QStringList{"'10.0.0.50-10.0.0.1'", "not an IP range", "after"};
    QTest::newRow("bad binding: quotes it and says why")
        << "bad-binding.mailtopo" << 13 << 9 << "/receiveConnectors/0/bindings/0"
        << QStringList{"'2001:db8::5:25'", "not a binding", "brackets"};
    QTest::newRow("unknown enum value") << "unknown-enum.mailtopo" << 11 << 15 << "/hosts/0/kind"
                                        << QStringList{"'mail-server' is not one of"};
    QTest::newRow("port out of range: at the value")
        << "port-out-of-range.mailtopo" << 16 << 19 << "/loadBalancers/0/vips/0/port"
        << QStringList{"70000", "out of range", "0 to 65535"};
}

void TestIoErrors::fixtureIsRefusedAtThePosition() {
    QFETCH(QString, fixture);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, pointer);
    QFETCH(QStringList, fragments);

    const std::filesystem::path path = kMalformed / fixture.toStdString();
    QVERIFY2(std::filesystem::exists(path), path.c_str());
    const io::ParsedDesign parsed = io::loadDesignFile(path);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(QString::fromStdString(d->file), QString::fromStdString(path.string()));
    QCOMPARE(d->line, line);
    QCOMPARE(d->column, column);
    QCOMPARE(QString::fromStdString(d->pointer), pointer);
    const QString message = QString::fromStdString(d->message);
    for (const QString& fragment : fragments) {
        QVERIFY2(message.contains(fragment), qPrintable(message + " lacks: " + fragment));
    }
}

void TestIoErrors::unknownEnumListsEveryChoice() {
    const io::ParsedDesign parsed = io::loadDesignFile(kMalformed / "unknown-enum.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    for (std::string_view choice : enumNames<model::HostKind>()) {
        std::string quotedChoice = "'";  // appended, not "'" + …: GCC 12 false -Wrestrict
        quotedChoice += choice;
        quotedChoice += '\'';
        QVERIFY2(d->message.find(quotedChoice) != std::string::npos, d->message.c_str());
    }
}

void TestIoErrors::utf8BomIsAccepted() {
    const io::ParsedDesign parsed = io::loadDesignFile(kMalformed / "utf8-bom.mailtopo");
    QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
    QCOMPARE(parsed.design->info.name, std::string("Saved by Notepad with a BOM"));
    // The writer never emits a BOM.
    QVERIFY(!io::serializeDesign(*parsed.design).starts_with("\xEF\xBB\xBF"));
}

void TestIoErrors::bomDoesNotShiftColumns() {
    // Columns count from the first character an editor shows, so the invisible BOM is
    // not counted: the unknown key starts at column 55 with or without it.
    const std::string body =
        R"({"format":"mailtopo","version":1,"design":{"name":"x","colour":1}})";
    for (const std::string& text : {body, "\xEF\xBB\xBF" + body}) {
        const io::ParsedDesign parsed = io::parseDesign(text, "bom.mailtopo");
        const io::Diagnostic* d = onlyDiagnostic(parsed);
        QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
        QCOMPARE(d->line, 1);
        QCOMPARE(d->column, 55);
        QCOMPARE(d->pointer, std::string("/design/colour"));
    }
}

void TestIoErrors::nonObjectDocuments_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("found");
    QTest::newRow("number") << QByteArray("42") << 1 << "found an integer";
    QTest::newRow("string after spaces") << QByteArray("   \"mailtopo\"") << 4 << "found a string";
    QTest::newRow("null") << QByteArray("null") << 1 << "found null";
}

void TestIoErrors::nonObjectDocuments() {
    QFETCH(QByteArray, text);
    QFETCH(int, column);
    QFETCH(QString, found);
    const io::ParsedDesign parsed = io::parseDesign(text.toStdString(), "x.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->line, 1);
    QCOMPARE(d->column, column);
    QVERIFY2(QString::fromStdString(d->message).contains(found), d->message.c_str());
}

void TestIoErrors::formatAndVersionChecks_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("format is not a string")
        << QByteArray(R"({"format": 1, "version": 1, "design": {"name": "x"}})") << 12 << "/format"
        << "'format' is 1";
    QTest::newRow("format in another case")
        << QByteArray(R"({"format": "MailTopo", "version": 1, "design": {"name": "x"}})") << 12
        << "/format"
        << "\"MailTopo\"";
    QTest::newRow("version as a string")
        << QByteArray(R"({"format": "mailtopo", "version": "1", "design": {"name": "x"}})") << 35
        << "/version"
        << "must be an integer, found a string";
    QTest::newRow("version as a fraction")
        << QByteArray(R"({"format": "mailtopo", "version": 1.5, "design": {"name": "x"}})") << 35
        << "/version"
        << "must be an integer, found a number";
    QTest::newRow("version 0")
        << QByteArray(R"({"format": "mailtopo", "version": 0, "design": {"name": "x"}})") << 35
        << "/version"
        << "format version 0 does not exist";
    QTest::newRow("version beyond 64 bits")
        << QByteArray(R"({"format": "mailtopo", "version": 99999999999999999999999})") << 35
        << "/version"
        << "'version' field is too large";
    QTest::newRow("version beyond 64 bits signed is still 'newer'")
        << QByteArray(R"({"format": "mailtopo", "version": 18446744073709551615})") << 35
        << "/version"
        << "upgrade MailTopo";
    QTest::newRow("design information missing")
        << QByteArray(R"({"format": "mailtopo", "version": 1})") << 1 << ""
        << "the design has no 'design' (required)";
}

void TestIoErrors::formatAndVersionChecks() {
    QFETCH(QByteArray, text);
    QFETCH(int, column);
    QFETCH(QString, pointer);
    QFETCH(QString, fragment);
    const io::ParsedDesign parsed = io::parseDesign(text.toStdString(), "x.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->line, 1);
    QCOMPARE(d->column, column);
    QCOMPARE(QString::fromStdString(d->pointer), pointer);
    QVERIFY2(QString::fromStdString(d->message).contains(fragment), d->message.c_str());
}

void TestIoErrors::hugeNestingIsRefusedWithoutCrashing_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("column");
    const QByteArray deep(100000, '[');
    const QByteArray closed = deep + QByteArray(100000, ']');
    // The 65th bracket is the first past the limit of 64 levels.
    QTest::newRow("100000 '[' alone") << deep << 65;
    QTest::newRow("100000 levels, closed") << closed << 65;
    // Valid JSON inside a valid design, under an unknown key: copying or locating it would
    // recurse 100000 times if the depth were not bounded before parsing.
    const QByteArray prefix = R"({"format":"mailtopo","version":1,"design":{"name":"x"},"x":)";
    QTest::newRow("inside a design") << prefix + closed + "}" << int(prefix.size()) + 64;
    QTest::newRow("objects") << QByteArray("{\"a\":").repeated(100000) << 321;
}

void TestIoErrors::hugeNestingIsRefusedWithoutCrashing() {
    QFETCH(QByteArray, text);
    QFETCH(int, column);
    const io::ParsedDesign parsed = io::parseDesign(text.toStdString(), "deep.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->line, 1);
    QCOMPARE(d->column, column);
    QVERIFY2(d->message.find("nested more than 64 levels") != std::string::npos,
             d->message.c_str());
}

void TestIoErrors::moderateNestingIsNotRefused() {
    // 64 levels is still within the limit: the document is refused for its content only.
    const std::string text = std::string(64, '[') + std::string(64, ']');
    const io::ParsedDesign parsed = io::parseDesign(text);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QVERIFY2(d->message.find("found an array") != std::string::npos, d->message.c_str());
    // Brackets inside strings do not count.
    const std::string quoted = R"({"format":"mailtopo","version":1,"design":{"name":")" +
                               std::string(1000, '[') + R"("}})";
    QVERIFY2(io::parseDesign(quoted).ok(), "brackets inside a string counted as nesting");
}

void TestIoErrors::positionsInsideArraysOfObjects() {
    // Regression: the locator filed the children of an object inside an array under the
    // next element's index, so every error there fell back to an ancestor's position.
    const std::string text = R"({
  "format": "mailtopo",
  "version": 1,
  "design": {"name": "x"},
  "hosts": [
    {"id": "h1", "name": "A", "kind": "partner", "nics": [{"id": "n1", "alias": "e0"}]},
    {"id": "h2", "name": "B", "kind": "partner", "nics": [
      {"id": "n2", "alias": "e0", "addresses": [
        {"address": "10.0.0.1", "prefixLength": 24},
        {"address": "10.0.0.256", "prefixLength": 24}
      ]}
    ]}
  ]
}
)";
    const io::ParsedDesign parsed = io::parseDesign(text, "arrays.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->pointer, std::string("/hosts/1/nics/0/addresses/1/address"));
    QCOMPARE(d->line, 10);
    QCOMPARE(d->column, 21);
}

void TestIoErrors::positionsAfterEscapedQuotes() {
    // Strings holding \" and \\ before the bad value must not confuse the locator.
    const std::string text =
        R"({"format":"mailtopo","version":1,"design":{"name":"a \"quoted\" name \\","author":"\\"},)"
        "\n"
        R"("segments":[{"id":"s\"1","name":"\\\"","kind":"wan"}]})";
    const io::ParsedDesign parsed = io::parseDesign(text);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->pointer, std::string("/segments/0/kind"));
    QCOMPARE(d->line, 2);
    QCOMPARE(d->column, 47);
}

void TestIoErrors::unknownKeyWithPointerSpecialCharacters() {
    // '/' and '~' in a key are escaped in the pointer (RFC 6901) and still located.
    const std::string text = R"({"format":"mailtopo","version":1,"design":{"name":"x","a/b~c":1}})";
    const io::ParsedDesign parsed = io::parseDesign(text);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->pointer, std::string("/design/a~1b~0c"));
    QCOMPARE(d->column, 55);
    QVERIFY2(d->message.find("unknown key 'a/b~c'") != std::string::npos, d->message.c_str());
}

void TestIoErrors::everyProblemIsReportedInDocumentOrder() {
    const std::string text = R"({"format":"mailtopo","version":1,"design":{"name":"x"},
"segments":[{"id":"s1","name":"A","kind":"vlan"},
{"id":"s2","subnets":["10.0.0.0/40"]}]}
)";
    const io::ParsedDesign parsed = io::parseDesign(text, "many.mailtopo");
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.diagnostics.size(), size_t(3));
    QCOMPARE(parsed.diagnostics[0].pointer, std::string("/segments/0/kind"));
    QCOMPARE(parsed.diagnostics[0].line, 2);
    QCOMPARE(parsed.diagnostics[0].column, 42);
    QCOMPARE(parsed.diagnostics[1].pointer, std::string("/segments/1"));  // no name
    QCOMPARE(parsed.diagnostics[1].line, 3);
    QCOMPARE(parsed.diagnostics[1].column, 1);
    QVERIFY(parsed.diagnostics[1].message.find("has no 'name'") != std::string::npos);
    QCOMPARE(parsed.diagnostics[2].pointer, std::string("/segments/1/subnets/0"));
    QCOMPARE(parsed.diagnostics[2].line, 3);
    QCOMPARE(parsed.diagnostics[2].column, 23);
}

void TestIoErrors::diagnosticTextHasFileLineColumnPointer() {
    const io::ParsedDesign parsed = io::loadDesignFile(kMalformed / "bad-prefix.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    const std::string expected = (kMalformed / "bad-prefix.mailtopo").string() +
                                 ":13:9: /segments/0/subnets/1: " + d->message;
    QCOMPARE(d->toString(), expected);
}

void TestIoErrors::missingFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path path = dir.filePath("nothing-here.mailtopo").toStdString();
    const io::ParsedDesign parsed = io::loadDesignFile(path);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->file, path.string());
    QCOMPARE(d->line, 0);
    QCOMPARE(d->message, std::string("no such file"));
    QCOMPARE(d->toString(), path.string() + ": no such file");
}

void TestIoErrors::directoryInsteadOfFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path path = dir.path().toStdString();
    const io::ParsedDesign parsed = io::loadDesignFile(path);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->file, path.string());
    QVERIFY2(d->message.find("folder") != std::string::npos, d->message.c_str());
}

// A FIFO would block the reader for ever (validate, dns-check, the GUI's Open all read
// through readDesignText): it is refused at once, by name.
void TestIoErrors::pipeInsteadOfFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string fifo = dir.filePath("design.mailtopo").toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    std::string text;
    std::string error;
    QVERIFY(!io::readDesignText(fifo, &text, &error));
    QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
    const io::ParsedDesign parsed = io::loadDesignFile(fifo);
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY(d != nullptr);
    QCOMPARE(d->message, error);
}

void TestIoErrors::saveWritesCanonicalTextAndNothingElse() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("design.mailtopo");
    const model::Design design = smallDesign();
    const io::SaveResult saved = io::saveDesignFile(design, path.toStdString());
    QVERIFY2(saved.ok, saved.error.c_str());
    QCOMPARE(entriesOf(dir.path()), QStringList{"design.mailtopo"});  // no temporary left
    QCOMPARE(readAll(path), QByteArray::fromStdString(io::serializeDesign(design)));
    const io::ParsedDesign back = io::loadDesignFile(path.toStdString());
    QVERIFY2(back.ok(), qPrintable(describe(back)));
    QVERIFY(*back.design == design);
}

void TestIoErrors::saveReplacesAnExistingFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("design.mailtopo");
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older, longer text that must be gone completely after saving\n");
    }
    const model::Design design = smallDesign();
    const io::SaveResult saved = io::saveDesignFile(design, path.toStdString());
    QVERIFY2(saved.ok, saved.error.c_str());
    QCOMPARE(entriesOf(dir.path()), QStringList{"design.mailtopo"});
    QCOMPARE(readAll(path), QByteArray::fromStdString(io::serializeDesign(design)));
}

void TestIoErrors::saveIntoUnwritableDirectoryLeavesFileUntouched() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("design.mailtopo");
    const QByteArray original = "the design as it was\n";
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(original);
    }
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    if (::access(dir.path().toLocal8Bit().constData(), W_OK) == 0) {
        // root (CAP_DAC_OVERRIDE) writes anyway; saveOverADirectoryFailsCleanly covers the
        // failure path in that case.
        QSKIP("the directory is still writable for this user (running as root?)");
    }
    const io::SaveResult saved = io::saveDesignFile(smallDesign(), path.toStdString());
    QVERIFY(!saved.ok);
    QVERIFY2(saved.error.find(path.toStdString()) != std::string::npos, saved.error.c_str());
    QCOMPARE(readAll(path), original);
    QCOMPARE(entriesOf(dir.path()), QStringList{"design.mailtopo"});
}

void TestIoErrors::saveOverADirectoryFailsCleanly() {
    // Renaming the temporary file onto a directory fails even for root: the error names
    // the path, the directory stays, and the temporary file is removed again.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir("design.mailtopo"));
    const QString path = dir.filePath("design.mailtopo");
    const io::SaveResult saved = io::saveDesignFile(smallDesign(), path.toStdString());
    QVERIFY(!saved.ok);
    QVERIFY2(saved.error.find(path.toStdString()) != std::string::npos, saved.error.c_str());
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(entriesOf(dir.path()), QStringList{"design.mailtopo"});
}

void TestIoErrors::saveIntoMissingDirectoryFails() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("no-such-folder/design.mailtopo");
    const io::SaveResult saved = io::saveDesignFile(smallDesign(), path.toStdString());
    QVERIFY(!saved.ok);
    QVERIFY2(saved.error.find(path.toStdString()) != std::string::npos, saved.error.c_str());
    QVERIFY(entriesOf(dir.path()).isEmpty());
}

// A design the user made private stays private after MailTopo saves it.
void TestIoErrors::saveKeepsPermissions() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("private.mailtopo").toStdString();
    QVERIFY(io::saveDesignFile(smallDesign(), path).ok);
    QCOMPARE(::chmod(path.c_str(), 0600), 0);
    model::Design changed = smallDesign();
    changed.info.name = "Changed";
    QVERIFY(io::saveDesignFile(changed, path).ok);
    struct stat info {};
    QCOMPARE(::stat(path.c_str(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QVERIFY(io::loadDesignFile(path).design->info.name == "Changed");
}

// Saving through a symlink writes the file it points to; the link stays a link. A link to a
// file not yet there creates that file.
void TestIoErrors::saveWritesThroughASymlink() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir("real"));
    const QString target = dir.filePath("real/design.mailtopo");
    const QString link = dir.filePath("design.mailtopo");
    QVERIFY(io::saveDesignFile(smallDesign(), target.toStdString()).ok);
    QVERIFY(QFile::link("real/design.mailtopo", link));  // relative, as ln -s makes them
    model::Design changed = smallDesign();
    changed.info.name = "Through the link";
    const io::SaveResult saved = io::saveDesignFile(changed, link.toStdString());
    QVERIFY2(saved.ok, saved.error.c_str());
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(io::loadDesignFile(target.toStdString()).design->info.name == "Through the link");
    QCOMPARE(entriesOf(dir.filePath("real")), QStringList{"design.mailtopo"});

    const QString dangling = dir.filePath("new.mailtopo");
    QVERIFY(QFile::link("real/created.mailtopo", dangling));
    QVERIFY(io::saveDesignFile(changed, dangling.toStdString()).ok);
    QVERIFY(QFileInfo(dangling).isSymLink());
    QVERIFY(QFileInfo::exists(dir.filePath("real/created.mailtopo")));
}

// A save killed between writing its temporary file and the rename leaves ".NAME.tmp-*"; the
// next save of that file removes such leftovers once they are old, and never a fresh one (a
// save of the same file running at this moment) nor another file's.
void TestIoErrors::saveRemovesStaleTemporariesOnly() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path path = dir.filePath("design.mailtopo").toStdString();
    const std::string prefix = io::temporaryPrefix(path);
    QCOMPARE(prefix, std::string(".design.mailtopo.tmp-"));
    const auto make = [&](const std::string& name) {
        QFile file(dir.filePath(QString::fromStdString(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("partial");
    };
    make(prefix + "killed");
    make(prefix + "running");
    make(".other.mailtopo.tmp-killed");
    const auto old = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
    std::filesystem::last_write_time(
        dir.filePath(QString::fromStdString(prefix + "killed")).toStdString(), old);
    std::filesystem::last_write_time(dir.filePath(".other.mailtopo.tmp-killed").toStdString(), old);
    QVERIFY(io::saveDesignFile(smallDesign(), path).ok);
    QCOMPARE(entriesOf(dir.path()), (QStringList{".design.mailtopo.tmp-running",
                                                 ".other.mailtopo.tmp-killed", "design.mailtopo"}));
}

void TestIoErrors::emptyPathsAreNamed() {
    const io::SaveResult saved = io::saveDesignFile(smallDesign(), std::filesystem::path());
    QVERIFY(!saved.ok);
    QCOMPARE(saved.error, std::string("no output file named (the path is empty)"));
    const io::ParsedDesign parsed = io::loadDesignFile(std::filesystem::path());
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY(d != nullptr);
    QCOMPARE(d->toString(), std::string("'': no file named (the path is empty)"));
}

// One limit, set in one place, for every reader: a design, a zone file, an export.
void TestIoErrors::inputLimitIsOneSettingForEveryReader() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("design.mailtopo").toStdString();
    QVERIFY(io::saveDesignFile(smallDesign(), path).ok);
    const auto size = std::filesystem::file_size(path);
    io::setInputSizeLimit(size - 1);
    std::string text;
    std::string error;
    QVERIFY(!io::readInputFile(path, "zone file", &text, &error));
    QVERIFY2(error.find("are refused") != std::string::npos, error.c_str());
    const io::ParsedDesign refused = io::loadDesignFile(path);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.diagnostics.front().message, error);
    io::setInputSizeLimit(size);
    QVERIFY(io::loadDesignFile(path).ok());
    io::setInputSizeLimit(0);  // the default again
    QCOMPARE(io::inputSizeLimit(), std::uintmax_t{256} * 1024 * 1024);
    QCOMPARE(io::describeSize(256u * 1024 * 1024), std::string("256 MiB"));
    QCOMPARE(io::describeSize(1536), std::string("1.5 KiB"));
    QCOMPARE(io::describeSize(900), std::string("900 bytes"));
}

void TestIoErrors::encodingsAndNulBytesAreNamed_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("fragment");
    const QByteArray design = R"({"format": "mailtopo", "version": 2, "design": {"name": "x"}})";
    QByteArray le;
    QByteArray be;
    for (const char c : design) {
        le += c;
        le += '\0';
        be += '\0';
        be += c;
    }
    QTest::newRow("UTF-16LE") << le << 1 << "the file is in UTF-16LE without BOM";
    QTest::newRow("UTF-16BE") << be << 1 << "the file is in UTF-16BE without BOM";
    QTest::newRow("UTF-16LE with BOM") << QByteArray("\xff\xfe") + le << 1 << "UTF-16LE with BOM";
    QTest::newRow("starts with NUL")
        << QByteArray(1, '\0') + design << 1 << "starts with a NUL byte: it is binary";
    QTest::newRow("NULs after the design")
        << design + "\n" + QByteArray(8, '\0') << 2 << "a NUL byte: a MailTopo design is text";
}

void TestIoErrors::encodingsAndNulBytesAreNamed() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(QString, fragment);
    const io::ParsedDesign parsed = io::parseDesign(bytes.toStdString(), "x.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->line, line);
    QVERIFY2(QString::fromStdString(d->message).contains(fragment), d->message.c_str());
}

// A number beyond 64 bits is kept as a floating point number by the JSON parser; it is an
// integer too large, not "not an integer".
void TestIoErrors::integersTooLargeAreCalledSo() {
    const QByteArray text =
        R"({"format": "mailtopo", "version": 2, "design": {"name": "x"}, "dnsZones": [{"id": "z", "origin": "x.example.", "records": [{"name": "@", "type": "TXT", "ttl": 123456789012345678901234567890, "data": "\"x\""}]}]})";
    const io::ParsedDesign parsed = io::parseDesign(text.toStdString(), "x.mailtopo");
    QVERIFY(!parsed.ok());
    const std::string all = describe(parsed).toStdString();
    QVERIFY2(all.find("integer too large") != std::string::npos, all.c_str());
}

// Without a limit a 50 MB name was copied into every trace and finding naming it, and
// validation took gigabytes: a value over 1 MiB is refused at its place.
void TestIoErrors::textsLongerThanOneValueHoldsAreRefused() {
    const std::string name(1024 * 1024 + 1, 'n');
    const std::string text = R"({"format": "mailtopo", "version": 2, "design": {"name": "x"},
 "segments": [{"id": "s", "name": ")" +
                             name + R"("}]})";
    const io::ParsedDesign parsed = io::parseDesign(text, "x.mailtopo");
    const io::Diagnostic* d = onlyDiagnostic(parsed);
    QVERIFY2(d != nullptr, qPrintable(describe(parsed)));
    QCOMPARE(d->pointer, std::string("/segments/0/name"));
    QCOMPARE(d->line, 2);
    QCOMPARE(d->message, std::string("a text of 1,048,577 bytes; one value holds at most 1 MiB"));
    const std::string fits = R"({"format": "mailtopo", "version": 2, "design": {"name": "x"},
 "segments": [{"id": "s", "name": ")" +
                             name.substr(1) + R"("}]})";
    QVERIFY(io::parseDesign(fits, "x.mailtopo").ok());

    // The importer's reader and property edits (the CLI's --set, the inspector) refuse the
    // same, so no design they make is one the reader would refuse.
    const auto exported = io::powershell::JsonDocument::parse(R"([{"Name": ")" + name + R"("}])");
    QVERIFY(exported.error().has_value());
    QCOMPARE(exported.error()->message, d->message);
    QCOMPARE(exported.error()->offset, size_t(10));  // its opening quote
    model::Design design = smallDesign();
    const edit::PropertyOutcome edited = edit::setProperty(design, "seg-lan", "name", name);
    QVERIFY(!edited.ok);
    QVERIFY2(edited.error.find(d->message) != std::string::npos, edited.error.c_str());
    QCOMPARE(design.segments.front().name, std::string("LAN"));
}

QTEST_GUILESS_MAIN(TestIoErrors)
// The one-pass parser that notices duplicate keys builds what nlohmann::json::parse builds,
// throws what it throws, and names the first key repeated within one object (not a key that
// recurs in sibling objects).
void TestIoErrors::jsonWithoutDuplicatesEqualsNlohmann() {
    using nlohmann::json;
    const std::string text = R"({"a": [1, -2, 3.5, true, null, "x", {"b": {}}, []],
        "hosts": [{"id": "h1", "nics": []}, {"id": "h2", "nics": [{"id": "n"}]}],
        "u": 18446744073709551615, "e": "\u00e9"})";
    std::string duplicate;
    QCOMPARE(mailtopo::io::parseJsonNoticingDuplicates(text, &duplicate), json::parse(text));
    QVERIFY(duplicate.empty());

    const std::string twice =
        R"({"hosts": [{"id": "h1", "name": "A", "name": "B"}], "x": 1, "x": 2})";
    const json parsed = mailtopo::io::parseJsonNoticingDuplicates(twice, &duplicate);
    QCOMPARE(duplicate, std::string("name"));
    QCOMPARE(parsed, json::parse(twice));  // the later value wins, as in json::parse
    QCOMPARE(parsed["hosts"][0]["name"], json("B"));

    for (const std::string& bad :
         {std::string(R"({"a": [1, 2)"), std::string(R"({"a": 1e999})"), std::string("[1,]")}) {
        std::string ours;
        std::string theirs;
        try {
            const json ignored = mailtopo::io::parseJsonNoticingDuplicates(bad, &duplicate);
        } catch (const json::exception& e) {
            ours = e.what();
        }
        try {
            const json ignored = json::parse(bad);
        } catch (const json::exception& e) {
            theirs = e.what();
        }
        QVERIFY2(!ours.empty(), bad.c_str());
        QCOMPARE(ours, theirs);
    }
}

#include "tst_io_errors.moc"
