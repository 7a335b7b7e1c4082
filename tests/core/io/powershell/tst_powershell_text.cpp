// The text layer of the PowerShell importer: encodings (powershell-exports.md §1.6), PowerShell
// stream lines mixed into a file, and the strict JSON parser with its positions, exact 64-bit
// integers and case-insensitive member lookup.

#include <QtTest>
#include <string>

#include "core/io/powershell/export_text.h"
#include "core/io/powershell/json_document.h"
#include "ps_test_support.h"

using namespace mailtopo::io::powershell;

namespace {

std::string utf16le(const std::string& ascii, bool bom) {
    std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

JsonDocument parse(const std::string& text) {
    return JsonDocument::parse(text);
}

// "line:column: message" of a parse error, positions in the text as given.
std::string errorAt(const std::string& text) {
    const JsonDocument doc = parse(text);
    if (!doc.error())
        return "no error";
    const LineColumn at = lineColumnOf(text, doc.error()->offset);
    return std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + doc.error()->message;
}

}  // namespace

class TestPowerShellText : public QObject {
    Q_OBJECT

private slots:
    void utf8WithAndWithoutBom() {
        const DecodedText plain = decodeExportBytes("[1]");
        QVERIFY(!plain.problem);
        QCOMPARE(plain.encoding, TextEncoding::Utf8);
        QCOMPARE(plain.text, std::string("[1]"));

        const DecodedText bom = decodeExportBytes("\xEF\xBB\xBF{\"a\":  \"é\"}");
        QVERIFY(!bom.problem);
        QCOMPARE(bom.encoding, TextEncoding::Utf8Bom);
        QCOMPARE(bom.text, std::string("{\"a\":  \"é\"}"));
        QCOMPARE(std::string(encodingName(bom.encoding)), std::string("UTF-8 with BOM"));
    }

    void utf16WithAndWithoutBom() {
        const DecodedText le = decodeExportBytes(utf16le("[\r\n    1\r\n]\r\n", true));
        QVERIFY(!le.problem);
        QCOMPARE(le.encoding, TextEncoding::Utf16LeBom);
        QCOMPARE(le.text, std::string("[\r\n    1\r\n]\r\n"));

        const DecodedText noBom = decodeExportBytes(utf16le("{\"Name\": 1}", false));
        QVERIFY(!noBom.problem);
        QCOMPARE(noBom.encoding, TextEncoding::Utf16LeNoBom);
        QCOMPARE(noBom.text, std::string("{\"Name\": 1}"));

        // UTF-16BE with BOM, and a non-BMP character as a surrogate pair (U+1F600).
        const std::string be("\xFE\xFF\x00[\x00\"\xD8\x3D\xDE\x00\x00\"\x00]", 14);
        const DecodedText big = decodeExportBytes(be);
        QVERIFY(!big.problem);
        QCOMPARE(big.encoding, TextEncoding::Utf16BeBom);
        QCOMPARE(big.text, std::string("[\"\xF0\x9F\x98\x80\"]"));
    }

    // The shared fixture written by Windows PowerShell's '>' is the same text as its UTF-8 twin.
    void utf16SampleEqualsUtf8Sample() {
        const DecodedText a = decodeExportBytes(pstest::readBytes(
            pstest::samples() / "get-sendconnector.ems.depth2.ps51.utf16le-bom.json"));
        const DecodedText b = decodeExportBytes(
            pstest::readBytes(pstest::samples() / "get-sendconnector.ems.depth2.ps51.utf8.json"));
        QVERIFY(!a.problem && !b.problem);
        QCOMPARE(a.encoding, TextEncoding::Utf16LeBom);
        QCOMPARE(b.encoding, TextEncoding::Utf8);
        QVERIFY(a.text == b.text);
    }

    void unreadableEncodingsAreLocated() {
        // An ANSI é (0xE9) on line 2, after "  \"x\": \"caf".
        const DecodedText ansi = decodeExportBytes("{\r\n  \"x\": \"caf\xE9\"\r\n}");
        QVERIFY(ansi.problem);
        QCOMPARE(ansi.problem->line, 2);
        QCOMPARE(ansi.problem->column, 12);
        QVERIFY(ansi.problem->message.find("0xE9") != std::string::npos);
        QVERIFY(ansi.problem->message.find("-Encoding utf8") != std::string::npos);

        const DecodedText utf32 =
            decodeExportBytes(std::string("\xFF\xFE\x00\x00[\x00\x00\x00", 8));
        QVERIFY(utf32.problem);
        QVERIFY(utf32.problem->message.find("UTF-32") != std::string::npos);

        const DecodedText odd = decodeExportBytes(std::string("\xFF\xFE[\x00]", 5));
        QVERIFY(odd.problem);
        QVERIFY(odd.problem->message.find("odd number of bytes") != std::string::npos);

        const DecodedText lone = decodeExportBytes(std::string("\xFF\xFE[\x00\x00\xDC]\x00", 8));
        QVERIFY(lone.problem);
        QVERIFY(lone.problem->message.find("surrogate") != std::string::npos);
    }

    void streamLinesAreBlankedInPlace() {
        std::string text =
            "WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of "
            "2.\r\n"
            "{\r\n  \"a\": 1\r\n}\r\nVERBOSE: done\r\n";
        const size_t size = text.size();
        const auto stray = blankStreamLines(text);
        QCOMPARE(stray.size(), size_t(2));
        QCOMPARE(stray[0].line, 1);
        QCOMPARE(stray[0].text, std::string("WARNING: Resulting JSON is truncated as serialization "
                                            "has exceeded the set depth of 2."));
        QCOMPARE(stray[1].line, 5);
        QCOMPARE(text.size(), size);  // offsets unchanged, so positions stay those of the file
        QVERIFY(text.find("WARNING") == std::string::npos);
        const JsonDocument doc = parse(text);
        QVERIFY(!doc.error());
        QCOMPARE(doc.root().member("A").int64(), std::optional<int64_t>(1));

        // A word inside a string is not a stream line.
        std::string inside = "{\"m\": \"WARNING: not a line start\"}";
        QVERIFY(blankStreamLines(inside).empty());
    }

    void numbersStayExact() {
        const JsonDocument doc = parse(
            "{\"Ticks\": 9223372036854775807, \"Speed\": 18446744073709551615, \"Min\": "
            "-9223372036854775808,"
            " \"Mtu\": 4294967295, \"Days\": 10675199.116730064, \"Exp\": 5.787037037037037E-05}");
        QVERIFY(!doc.error());
        const JsonValue r = doc.root();
        QCOMPARE(r.member("Ticks").int64(), std::optional<int64_t>(INT64_MAX));
        QCOMPARE(r.member("Ticks").kind(), JsonKind::Integer);
        QCOMPARE(r.member("Speed").kind(), JsonKind::Unsigned);
        QCOMPARE(r.member("Speed").uint64(), std::optional<uint64_t>(UINT64_MAX));
        QVERIFY(!r.member("Speed").int64());
        QCOMPARE(r.member("Min").int64(), std::optional<int64_t>(INT64_MIN));
        QCOMPARE(r.member("Mtu").int64(), std::optional<int64_t>(4294967295LL));
        QCOMPARE(r.member("Days").kind(), JsonKind::Number);
        QVERIFY(!r.member("Days").int64());
        QCOMPARE(*r.member("Exp").number(), 5.787037037037037E-05);
    }

    void stringsAndMembers() {
        const JsonDocument doc = parse(
            "{\"WhenChanged\":  \"\\/Date(1455871938000)\\/\", \"Comment\": \"a \\u0026 "
            "\\u003cb\\u003e \\u0027c\\u0027\","
            " \"Identity\": \"EX01\\\\Relay\", \"Emoji\": \"\\ud83d\\ude00\", \"name\": 1, "
            "\"Name\": 2, \"Empty\": {}, \"List\": []}");
        QVERIFY2(!doc.error(), doc.error() ? doc.error()->message.c_str() : "");
        const JsonValue r = doc.root();
        QCOMPARE(std::string(r.member("whenchanged").text()), std::string("/Date(1455871938000)/"));
        QCOMPARE(std::string(r.member("COMMENT").text()), std::string("a & <b> 'c'"));
        QCOMPARE(std::string(r.member("Identity").text()), std::string("EX01\\Relay"));
        QCOMPARE(std::string(r.member("Emoji").text()), std::string("\xF0\x9F\x98\x80"));
        // PowerShell is case-insensitive: the first of two names differing in case wins.
        QCOMPARE(r.member("NAME").int64(), std::optional<int64_t>(1));
        QVERIFY(r.member("Empty").isObject() && r.member("Empty").size() == 0);
        QVERIFY(r.member("List").isArray() && r.member("List").size() == 0);
        QVERIFY(!r.member("Missing").valid());
        QVERIFY(r.member("Missing").isNull());
        QCOMPARE(r.keyAt(0), std::string_view("WhenChanged"));
    }

    void windowsPowerShellEmptyContainers() {
        // 5.1 writes empty arrays and objects over two lines with a blank line inside.
        const JsonDocument doc = parse(
            "{\r\n    \"a\":  [\r\n\r\n           ],\r\n    \"b\":  {\r\n\r\n            "
            "}\r\n}\r\n");
        QVERIFY(!doc.error());
        QCOMPARE(doc.root().member("a").size(), size_t(0));
    }

    void syntaxErrorsSayWhereAndWhat() {
        QCOMPARE(
            errorAt("[1, 2,]"),
            std::string("1:7: a ']' follows a ',' in the array that starts at line 1, column 1 "
                        "(trailing commas are not JSON)"));
        QCOMPARE(errorAt("{\n  \"a\": \"cut"),
                 std::string("2:12: the file ends inside a string that starts at line 2, column 8: "
                             "the export looks cut off"));
        QCOMPARE(errorAt("{\n  \"a\": [1,\n"),
                 std::string("3:1: the file ends before the closing ']' of the array that starts "
                             "at line 2, column 8: "
                             "the export looks cut off"));
        QCOMPARE(errorAt("{\"a\": 1 \"b\": 2}"),
                 std::string("1:9: expected ',' or '}' after the member \"a\" of the object that "
                             "starts at line 1, column 1, "
                             "found '\"'"));
        QCOMPARE(errorAt("[01]"), std::string("1:3: a number cannot have a leading zero"));
        QCOMPARE(
            errorAt("[\"a\tb\"]"),
            std::string(
                "1:4: control character 0x09 inside a string; JSON requires it to be escaped"));
        QCOMPARE(errorAt("[\"wrapped\r\nline\"]"),
                 std::string("1:10: the line ends inside a string that starts at line 1, column 2 "
                             "(a line break inside a "
                             "value: was the file wrapped or cut?)"));
        QCOMPARE(errorAt("[1] [2]"), std::string("1:5: unexpected '[' after the JSON value that "
                                                 "starts at line 1, column 1; a file holds one "
                                                 "ConvertTo-Json output"));
        QCOMPARE(errorAt("{\"a\": tru}"), std::string("1:7: expected a value, found 't'"));
    }

    void notJsonAtAllGetsAHint() {
        QVERIFY(errorAt("\r\nName        : Default EX01\r\nBindings    : {[::]:25}")
                    .find("2:1: expected a JSON value ('[' or '{' as ConvertTo-Json writes), found "
                          "'N' (this looks like "
                          "Format-List output") == 0);
        QVERIFY(errorAt("\"Name\",\"Server\"\r\n\"Relay\",\"EX01\"").find("looks like CSV") !=
                std::string::npos);
        QVERIFY(errorAt("<Objs Version=\"1.1.0.1\">").find("Export-Clixml") != std::string::npos);
    }

    void deepNestingIsAnErrorNotACrash() {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        const std::string message = errorAt(deep);
        QVERIFY2(message.find("nested more than 512 levels") != std::string::npos, message.c_str());
        const std::string ok = std::string(100, '[') + std::string(100, ']');
        QVERIFY(!parse(ok).error());
    }

    void emptyTextHasNoRoot() {
        const JsonDocument doc = parse(" \r\n");
        QVERIFY(!doc.error());
        QVERIFY(!doc.root().valid());
    }

    void valuesSurviveMovingTheDocument() {
        JsonDocument doc = parse("{\"k\": \"v\"}");
        const JsonValue v = doc.root().member("k");
        JsonDocument moved = std::move(doc);
        QCOMPARE(std::string(v.text()), std::string("v"));
        QCOMPARE(std::string(moved.root().member("k").text()), std::string("v"));
    }

    // The shared truncated fixture: cut inside the SmartHostsString value of line 241.
    void truncatedSampleErrorIsLocated() {
        const DecodedText d = decodeExportBytes(
            pstest::readBytes(pstest::samples() / "malformed.truncated-get-sendconnector.json"));
        QVERIFY(!d.problem);
        QCOMPARE(errorAt(d.text), std::string("241:36: the file ends inside a string that starts "
                                              "at line 241, column 30: the export looks cut off"));
    }
};

QTEST_GUILESS_MAIN(TestPowerShellText)
#include "tst_powershell_text.moc"
