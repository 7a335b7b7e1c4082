// mailtopo-cli import as a user runs it: files and folders, -o, --merge, --log, exit codes
// (0 imported, 2 unreadable input or usage error), the text log on stdout, and nothing written
// when an export is unreadable.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
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
        QVERIFY(overview.out.contains("import    Import PowerShell JSON exports into a design\n"));
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
