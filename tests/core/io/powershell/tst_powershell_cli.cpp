// mailtopo-cli import as a user runs it: files and folders, -o, --merge, --log, --zone-view,
// exit codes (0 imported, 2 unreadable input or usage error), the text log on stdout, and
// nothing written when an export or zone file is unreadable.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/io/design_file.h"
#include "ps_test_support.h"
#include "tests/support/process_run.h"

namespace {

using Run = mailtopo::testing::ProcessRun;

Run runCli(const QStringList& args, const QString& workDir) {
    return mailtopo::testing::runProcess(QStringLiteral(MAILTOPO_CLI_PATH), args, workDir);
}

QString sample(const char* name) {
    return QString::fromStdString((pstest::samples() / name).string());
}

// A folder with every valid shared sample (the shared folder itself also holds a truncated copy).
void copyValidSamples(const QString& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(pstest::samples())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("get-", 0) == 0)
            QFile::copy(QString::fromStdString(entry.path().string()),
                        dir + "/" + QString::fromStdString(name));
    }
}

}  // namespace

class TestPowerShellCli : public QObject {
    Q_OBJECT

private slots:
    void helpAndSynopsis() {
        const Run help = runCli({"import", "--help"}, QDir::tempPath());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--merge"));
        QVERIFY(help.out.contains("--log"));
        const Run overview = runCli({"--help"}, QDir::tempPath());
        QVERIFY(overview.out.contains(
            "import    Import PowerShell JSON exports and DNS zone files into a design\n"));
    }

    void usageErrors() {
        QTemporaryDir dir;
        const Run noOutput = runCli({"import", sample("get-netipaddress.ps51.json")}, dir.path());
        QCOMPARE(noOutput.exitCode, 2);
        QVERIFY(noOutput.err.contains("-o OUT.mailtopo is required"));
        const Run noFiles = runCli({"import", "-o", "x.mailtopo"}, dir.path());
        QCOMPARE(noFiles.exitCode, 2);
        const Run missing = runCli({"import", "nope.json", "-o", "x.mailtopo"}, dir.path());
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("nope.json: no such file or folder"));
        QVERIFY(!QFile::exists(dir.filePath("x.mailtopo")));
    }

    void importFolderWithLog() {
        QTemporaryDir dir;
        QDir().mkdir(dir.filePath("exports"));
        copyValidSamples(dir.filePath("exports"));
        const Run r = runCli({"import", "exports", "-o", "contoso.mailtopo", "--log", "log.json"},
                             dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.startsWith("Imported 13 files: 24 created"));
        QVERIFY(
            r.out.contains("exports/get-netroute.ps51.json: Get-NetRoute, 13 objects (1 used)"));
        const auto loaded =
            mailtopo::io::loadDesignFile(dir.filePath("contoso.mailtopo").toStdString());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.design->receiveConnectors.size(), size_t(13));
        QFile log(dir.filePath("log.json"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const auto j = nlohmann::json::parse(log.readAll().toStdString());
        QCOMPARE(j["summary"]["created"].get<int>(), 24);

        // Deterministic: the same command writes the same bytes.
        const Run again = runCli(
            {"import", "exports", "-o", "again.mailtopo", "--log", "again.json"}, dir.path());
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out, r.out);
        QFile a(dir.filePath("contoso.mailtopo")), b(dir.filePath("again.mailtopo"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void unreadableFileWritesNothing() {
        QTemporaryDir dir;
        const Run r = runCli({"import", sample("get-netipaddress.ps51.json"),
                              sample("malformed.truncated-get-sendconnector.json"), "-o",
                              "out.mailtopo", "--log", "log.json"},
                             dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(
            r.out.contains("malformed.truncated-get-sendconnector.json:241:36: error: the file "
                           "ends inside a string"));
        QVERIFY(r.err.contains("nothing written"));
        QVERIFY(!QFile::exists(dir.filePath("out.mailtopo")));
        QVERIFY(QFile::exists(dir.filePath("log.json")));  // the log says what went wrong
    }

    void mergeKeepsTheDrawing() {
        QTemporaryDir dir;
        const QString example =
            QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");
        const auto base = mailtopo::io::loadDesignFile(example.toStdString());
        QVERIFY(base.ok());
        const Run r = runCli({"import", sample("get-exchangeserver.ems.depth2.ps51.json"),
                              "--merge", example, "-o", "merged.mailtopo"},
                             dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.startsWith("Merged 1 file: 3 created"));
        QVERIFY(r.out.contains("\nLeft alone\n"));
        const auto merged =
            mailtopo::io::loadDesignFile(dir.filePath("merged.mailtopo").toStdString());
        QVERIFY(merged.ok());
        QCOMPARE(merged.design->loadBalancers, base.design->loadBalancers);
        QCOMPARE(merged.design->firewalls, base.design->firewalls);
        QCOMPARE(merged.design->hosts.size(), base.design->hosts.size() + 3);
        for (const auto& [id, p] : base.design->views[0].placements)
            QCOMPARE(merged.design->views[0].placements.at(id), p);

        const Run badMerge = runCli({"import", sample("get-exchangeserver.ems.depth2.ps51.json"),
                                     "--merge", "missing.mailtopo", "-o", "x.mailtopo"},
                                    dir.path());
        QCOMPARE(badMerge.exitCode, 2);
        QVERIFY(!QFile::exists(dir.filePath("x.mailtopo")));
    }

    // Zone files as the Windows DNS server keeps them (no $ORIGIN, "@" and relative names,
    // the origin in the file name) replace the design's zone of that origin and view, keeping
    // its id; the DNS checks then judge the published records (R28: the new MX names an
    // address that is no internet entry of the design).
    void zoneFilesReplaceTheDesignsZones() {
        QTemporaryDir dir;
        const QString example =
            QStringLiteral(MAILTOPO_SOURCE_DIR "/resources/examples/contoso.mailtopo");
        QFile zone(dir.filePath("contoso.example.dns"));
        QVERIFY(zone.open(QIODevice::WriteOnly));
        zone.write(
            "@ IN SOA dc01.contoso.example. hostmaster.contoso.example. "
            "( 42 900 600 86400 3600 )\n"
            "@ IN NS dc01.contoso.example.\n"
            "@ 86400 IN MX 10 mx2\n"
            "@ IN TXT \"v=spf1 ip4:198.51.100.25 ip4:192.0.2.10 -all\"\n"
            "mx2 86400 IN A 198.51.100.99\n");
        zone.close();
        const Run r =
            runCli({"import", "contoso.example.dns", "--merge", example, "-o", "merged.mailtopo"},
                   dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(
            r.out.contains("DNS zone files\n  contoso.example. (external): 5 records from "
                           "contoso.example.dns, replaced\n"));
        const auto merged =
            mailtopo::io::loadDesignFile(dir.filePath("merged.mailtopo").toStdString());
        QVERIFY(merged.ok());
        const auto& zones = merged.design->dnsZones;
        const auto external = std::find_if(zones.begin(), zones.end(), [](const auto& z) {
            return z.id == "zone-contoso-external";
        });
        QVERIFY(external != zones.end());
        QCOMPARE(external->origin, std::string("contoso.example."));
        QCOMPARE(external->records.size(), size_t(5));
        const auto spf =
            std::find_if(external->records.begin(), external->records.end(),
                         [](const auto& rec) { return rec.type == "TXT" && rec.name == "@"; });
        QVERIFY(spf != external->records.end());
        QCOMPARE(spf->data, std::string("\"v=spf1 ip4:198.51.100.25 ip4:192.0.2.10 -all\""));
        QCOMPARE(zones.size(), size_t(4));  // the internal copy and the others untouched

        const Run check = runCli({"dns-check", "merged.mailtopo"}, dir.path());
        QCOMPARE(check.exitCode, 1);
        QVERIFY(check.out.contains("error[mx-unreachable] (R28)"));
        QVERIFY(check.out.contains("mx2.contoso.example resolves to 198.51.100.99"));

        // The internal view: replaces the split-DNS copy instead.
        const Run internal = runCli({"import", "contoso.example.dns", "--zone-view", "internal",
                                     "--merge", example, "-o", "internal.mailtopo"},
                                    dir.path());
        QVERIFY2(internal.exitCode == 0, internal.err.constData());
        QVERIFY(internal.out.contains("contoso.example. (internal): 5 records"));
        const Run badView = runCli({"import", "contoso.example.dns", "--zone-view", "dmz",
                                    "--merge", example, "-o", "x.mailtopo"},
                                   dir.path());
        QCOMPARE(badView.exitCode, 2);
        QVERIFY(badView.err.contains("--zone-view"));

        // A zone file ldns cannot read: named with its line, nothing written.
        QFile broken(dir.filePath("db.fabrikam.example"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("$ORIGIN fabrikam.example.\n@ IN MX 10 mail\nmail IN A 198.51.100.300\n");
        broken.close();
        const Run bad = runCli({"import", "contoso.example.dns", "db.fabrikam.example", "--merge",
                                example, "-o", "bad.mailtopo"},
                               dir.path());
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("db.fabrikam.example:3:"), bad.err.constData());
        QVERIFY(bad.err.contains("nothing written"));
        QVERIFY(!QFile::exists(dir.filePath("bad.mailtopo")));
    }

    void nothingRecognisedIsAnInputError() {
        QTemporaryDir dir;
        QFile f(dir.filePath("mailboxes.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[{\"DisplayName\": \"A\"}]");
        f.close();
        const Run r = runCli({"import", "mailboxes.json", "-o", "out.mailtopo"}, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.contains("mailboxes.json: not recognised, skipped"));
        QVERIFY(!QFile::exists(dir.filePath("out.mailtopo")));
    }
};

QTEST_GUILESS_MAIN(TestPowerShellCli)
#include "tst_powershell_cli.moc"
