// mailtopo-cli as a user and a CI pipeline see it: exit codes, golden outputs, determinism,
// and clear errors for bad input. Goldens live in tests/app/golden; run the suite with
// MAILTOPO_UPDATE_GOLDENS=1 to rewrite them after an intended change, then review the diff.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args, const QString& workDir = QStringLiteral(MAILTOPO_SOURCE_DIR)) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.start(QStringLiteral(MAILTOPO_CLI_PATH), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString source(const QString& relative) {
    return QStringLiteral(MAILTOPO_SOURCE_DIR "/") + relative;
}

void compareWithGolden(const QByteArray& actual, const QString& goldenName) {
    const QString path = source(QStringLiteral("tests/app/golden/") + goldenName);
    if (qEnvironmentVariableIsSet("MAILTOPO_UPDATE_GOLDENS")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(actual);
        return;
    }
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly),
             qPrintable(QStringLiteral("missing golden file %1 "
                                       "(run with MAILTOPO_UPDATE_GOLDENS=1)")
                            .arg(path)));
    const QByteArray expected = f.readAll();
    if (actual != expected) {
        QFile dump(QDir::temp().filePath(goldenName + QStringLiteral(".actual")));
        if (dump.open(QIODevice::WriteOnly))
            dump.write(actual);
        QFAIL(qPrintable(QStringLiteral("output differs from %1; actual output written to %2")
                             .arg(path, dump.fileName())));
    }
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void versionAndHelp() {
        const Run version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QByteArray("mailtopo-cli " MAILTOPO_VERSION "\n"));

        const Run help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* command :
             {"validate", "format", "generate", "trace", "import", "report", "spf", "probe"}) {
            QVERIFY2(help.out.contains(command), command);
        }
        // Every subcommand answers --help and --version itself.
        for (const char* command :
             {"validate", "format", "generate", "trace", "import", "report", "spf", "probe"}) {
            const Run sub = runCli({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(sub.exitCode, 0);
            QVERIFY2(sub.out.contains("--help"), command);
            const Run subVersion = runCli({QLatin1String(command), QStringLiteral("--version")});
            QCOMPARE(subVersion.exitCode, 0);
            QCOMPARE(subVersion.out, QByteArray("mailtopo-cli " MAILTOPO_VERSION "\n"));
        }
    }

    void usageErrorsExitWithTwo() {
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("validate")}).exitCode, 2);
        QCOMPARE(
            runCli({QStringLiteral("validate"), QStringLiteral("--bogus"), QStringLiteral("x")})
                .exitCode,
            2);
        const Run badFormat =
            runCli({QStringLiteral("validate"), QStringLiteral("--format"), QStringLiteral("xml"),
                    QStringLiteral("resources/examples/contoso.mailtopo")});
        QCOMPARE(badFormat.exitCode, 2);
        QVERIFY(badFormat.err.contains("--format must be text, json or sarif"));
    }

    void commandsNotYetAvailableSaySo() {
        // The commands whose engines later issues bring: each says so, and the overview marks them.
        const Run overview = runCli({QStringLiteral("--help")});
        for (const char* command : {"trace", "report", "export", "dns-check", "probe"}) {
            const Run r = runCli({QLatin1String(command), QStringLiteral("anything")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("not available yet"), command);
            QVERIFY(r.out.isEmpty());
            const QByteArray line =
                overview.out.mid(overview.out.indexOf(QByteArray("  ") + command + ' '));
            QVERIFY2(line.left(line.indexOf('\n')).contains("(not available yet)"), command);
        }
    }

    void validateExampleGoldens_data() {
        QTest::addColumn<QString>("design");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("golden");
        const QString contoso = QStringLiteral("resources/examples/contoso.mailtopo");
        QTest::newRow("contoso text")
            << contoso << QStringLiteral("text") << QStringLiteral("validate-contoso.txt");
        QTest::newRow("contoso json")
            << contoso << QStringLiteral("json") << QStringLiteral("validate-contoso.json");
        QTest::newRow("contoso sarif")
            << contoso << QStringLiteral("sarif") << QStringLiteral("validate-contoso.sarif");
        // E18: a HubTransport connector on 0.0.0.0:25 beside Default Frontend (R19b).
        const QString e18 = QStringLiteral("tests/scenarios/e18-role-conflict.mailtopo");
        QTest::newRow("e18 text") << e18 << QStringLiteral("text")
                                  << QStringLiteral("validate-e18.txt");
        QTest::newRow("e18 json") << e18 << QStringLiteral("json")
                                  << QStringLiteral("validate-e18.json");
        QTest::newRow("e18 sarif")
            << e18 << QStringLiteral("sarif") << QStringLiteral("validate-e18.sarif");
    }
    void validateExampleGoldens() {
        QFETCH(QString, design);
        QFETCH(QString, format);
        QFETCH(QString, golden);
        const QStringList args{QStringLiteral("validate"),  design,
                               QStringLiteral("--format"),  format,
                               QStringLiteral("--fail-on"), QStringLiteral("never")};
        const Run first = runCli(args);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.err.isEmpty(), first.err.constData());
        compareWithGolden(first.out, golden);
        // Determinism: the same file gives byte-identical output on every run.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(runCli(args).out, first.out);
    }

    void validateFailOnThresholds() {
        // A design with a warning but no error: exit 0 by default, 1 with --fail-on warning.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("warn.mailtopo"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({
  "format": "mailtopo",
  "version": 1,
  "design": {"name": "dangling placement"},
  "views": [{"id": "v", "name": "Main", "placements": {"ghost": {"x": 0, "y": 0}}}]
}
)");
        f.close();
        const Run def = runCli({QStringLiteral("validate"), path});
        QVERIFY2(def.out.contains("warning["), def.out.constData());
        QCOMPARE(def.exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("validate"), path, QStringLiteral("--fail-on"),
                         QStringLiteral("warning")})
                     .exitCode,
                 1);
        QCOMPARE(runCli({QStringLiteral("validate"), path, QStringLiteral("--fail-on"),
                         QStringLiteral("never")})
                     .exitCode,
                 0);
    }

    void validateErrorsExitWithOne() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dup.mailtopo"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({
  "format": "mailtopo",
  "version": 1,
  "design": {"name": "duplicate ids"},
  "segments": [
    {"id": "lan", "name": "LAN"},
    {"id": "lan", "name": "LAN again"}
  ]
}
)");
        f.close();
        const Run r = runCli({QStringLiteral("validate"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("error[duplicate-id]"), r.out.constData());
        // The finding is located in the file, line 7 is the second segment.
        QVERIFY2(r.out.contains(QStringLiteral("%1:7:").arg(path).toUtf8()), r.out.constData());
    }

    void malformedInputExitsWithTwoAndLocation() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("truncated.mailtopo"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\n  \"format\": \"mailtopo\",\n  \"version\": 1,\n  \"design\": {\"name\": \"cut");
        f.close();
        const Run r = runCli({QStringLiteral("validate"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith(QStringLiteral("%1:4:").arg(path).toUtf8()), r.err.constData());

        const Run missing =
            runCli({QStringLiteral("validate"), dir.filePath(QStringLiteral("nope.mailtopo"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no such file"));
    }

    void formatIsCanonicalAndIdempotent() {
        QTemporaryDir dir;
        const QString messy = dir.filePath(QStringLiteral("messy.mailtopo"));
        QFile f(messy);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"version":1,"format":"mailtopo","segments":[{"name":"LAN","id":"lan","subnets":["10.0.0.0/24"]}],"design":{"name":"x"}})");
        f.close();
        QCOMPARE(runCli({QStringLiteral("format"), messy, QStringLiteral("--check")}).exitCode, 1);
        QCOMPARE(runCli({QStringLiteral("format"), messy}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("format"), messy, QStringLiteral("--check")}).exitCode, 0);
        QFile g(messy);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(g.readAll(), QByteArray(R"({
  "format": "mailtopo",
  "version": 1,
  "design": {
    "name": "x"
  },
  "segments": [
    {
      "id": "lan",
      "name": "LAN",
      "subnets": [
        "10.0.0.0/24"
      ]
    }
  ]
}
)"));
    }

    void generateWritesALoadableDeterministicEstate() {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.mailtopo"));
        const QString b = dir.filePath(QStringLiteral("b.mailtopo"));
        QCOMPARE(runCli({QStringLiteral("generate"), QStringLiteral("--servers"),
                         QStringLiteral("25"), QStringLiteral("-o"), a})
                     .exitCode,
                 0);
        QCOMPARE(runCli({QStringLiteral("generate"), QStringLiteral("--servers"),
                         QStringLiteral("25"), QStringLiteral("-o"), b})
                     .exitCode,
                 0);
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray bytes = fa.readAll();
        QCOMPARE(bytes, fb.readAll());
        QCOMPARE(bytes.count("\"kind\": \"exchange-server\""), 25);
        // The generated estate is structurally clean.
        const Run v = runCli({QStringLiteral("validate"), a, QStringLiteral("--fail-on"),
                              QStringLiteral("warning")});
        QVERIFY2(v.exitCode == 0, v.out.constData());
        QCOMPARE(runCli({QStringLiteral("format"), a, QStringLiteral("--check")}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("generate"), QStringLiteral("--servers"),
                         QStringLiteral("0"), QStringLiteral("-o"), a})
                     .exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
