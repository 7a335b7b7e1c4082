// mailtopo-cli as a user and a CI pipeline see it: exit codes, golden outputs, determinism,
// and clear errors for bad input. Goldens live in tests/app/golden; run the suite with
// MAILTOPO_UPDATE_GOLDENS=1 to rewrite them after an intended change, then review the diff.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/core/probe/fake_smtp_server.h"
#include "tests/support/process_run.h"

using mailtopo::testing::FakeSmtpServer;

namespace {

using Run = mailtopo::testing::ProcessRun;

Run runCli(const QStringList& args, const QString& workDir = QStringLiteral(MAILTOPO_SOURCE_DIR)) {
    return mailtopo::testing::runProcess(QStringLiteral(MAILTOPO_CLI_PATH), args, workDir, 60000);
}

// Like runCli, but keeps this process's event loop turning while the CLI runs, so a server
// in the test (FakeSmtpServer) can answer it.
Run runCliServing(const QStringList& args) {
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(MAILTOPO_SOURCE_DIR));
    p.start(QStringLiteral(MAILTOPO_CLI_PATH), args);
    QDeadlineTimer deadline(60000);
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(20);
    if (p.state() != QProcess::NotRunning) {
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
        for (const char* command : {"validate", "format", "generate", "trace", "import", "report",
                                    "export", "spf", "probe", "dns-check", "edit", "new"}) {
            QVERIFY2(help.out.contains(command), command);
        }
        // Every subcommand answers --help and --version itself.
        for (const char* command : {"validate", "format", "generate", "trace", "import", "report",
                                    "export", "spf", "probe", "dns-check", "edit", "new"}) {
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

    void reportAndExportUsageErrors() {
        const QString design = QStringLiteral("resources/examples/contoso.mailtopo");
        const Run noOutput = runCli({QStringLiteral("report"), design});
        QCOMPARE(noOutput.exitCode, 2);
        QVERIFY(noOutput.err.contains("-o OUT.pdf"));
        const Run badPaper =
            runCli({QStringLiteral("report"), design, QStringLiteral("-o"), QStringLiteral("x.pdf"),
                    QStringLiteral("--paper"), QStringLiteral("a3")});
        QCOMPARE(badPaper.exitCode, 2);
        QVERIFY(badPaper.err.contains("--paper must be a4 or letter, not 'a3'"));
        const Run badSuffix = runCli({QStringLiteral("export"), design, QStringLiteral("-o"),
                                      QStringLiteral("diagram.jpg")});
        QCOMPARE(badSuffix.exitCode, 2);
        QVERIFY(badSuffix.err.contains("diagram.jpg: the output must end in .svg or .png"));
        const Run missing = runCli({QStringLiteral("export"), QStringLiteral("no-such.mailtopo"),
                                    QStringLiteral("-o"), QStringLiteral("d.svg")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no-such.mailtopo"));
        QVERIFY(missing.out.isEmpty());
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

    // E17 (R34, R37, R38): dns-check on its own reports the DNS findings of the egress
    // 198.51.100.1 (SPF fail, FCrDNS fail, DUHL) and none of validate's other rules; exit 1
    // for the errors, deterministic output.
    void dnsCheckGoldens_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("golden");
        QTest::newRow("e17 text") << QStringLiteral("text") << QStringLiteral("dns-check-e17.txt");
        QTest::newRow("e17 json") << QStringLiteral("json") << QStringLiteral("dns-check-e17.json");
    }
    void dnsCheckGoldens() {
        QFETCH(QString, format);
        QFETCH(QString, golden);
        const QStringList args{
            QStringLiteral("dns-check"),
            QStringLiteral("tests/scenarios/e17-source-drift-breaks-spf.mailtopo"),
            QStringLiteral("--format"), format};
        const Run first = runCli(args);
        QCOMPARE(first.exitCode, 1);
        QVERIFY2(first.err.isEmpty(), first.err.constData());
        QVERIFY(first.out.contains("spf-egress-not-authorized"));
        QVERIFY(!first.out.contains("multi-a-registration"));  // validate's, not a DNS rule
        compareWithGolden(first.out, golden);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(runCli(args).out, first.out);
        // --fail-on never: the findings stay, the exit code is 0; bad options exit 2.
        QCOMPARE(runCli(args + QStringList{QStringLiteral("--fail-on"), QStringLiteral("never")})
                     .exitCode,
                 0);
        QCOMPARE(
            runCli(args + QStringList{QStringLiteral("--server"), QStringLiteral("nope")}).exitCode,
            2);
    }

    // validate --list-rules names the DNS rules (R33-R38) with the structure and simulation ones.
    void validateListsDnsRules() {
        const Run r = runCli({QStringLiteral("validate"), QStringLiteral("--list-rules")});
        QCOMPARE(r.exitCode, 0);
        for (const char* line :
             {"spf-egress-not-authorized\terror\tR34\t", "spf-lookup-limit\terror\tR35\t",
              "duhl-policy\tinfo\tR38\t", "mx-unreachable\terror\tR28\t",
              "internet-open-relay\terror\tR39\t"})
            QVERIFY2(r.out.contains(line), line);
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

    // `edit` makes the canvas's changes headless, with core's functions: add at a place,
    // delete with dependants, duplicate at fresh addresses, copy to a fragment and paste it
    // into another design, move, site, auto-layout; bad ids and keys exit 2 naming them.
    void editChangesADesignHeadless() {
        QTemporaryDir dir;
        const QString design = dir.filePath(QStringLiteral("contoso.mailtopo"));
        QVERIFY(QFile::copy(source(QStringLiteral("resources/examples/contoso.mailtopo")), design));
        const auto load = [](const QString& path) {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(f.readAll()).object();
        };
        const auto placement = [](const QJsonObject& d, const QString& id) {
            return d[QStringLiteral("views")]
                .toArray()[0]
                .toObject()[QStringLiteral("placements")]
                .toObject()[id]
                .toObject();
        };

        const Run palette = runCli({QStringLiteral("edit"), QStringLiteral("--list-palette")});
        QCOMPARE(palette.exitCode, 0);
        QVERIFY(palette.out.contains("exchange-2019-edge"));
        QVERIFY(palette.out.contains("load-balancer"));

        const Run added = runCli({QStringLiteral("edit"), design, QStringLiteral("--add"),
                                  QStringLiteral("exchange-2019-mailbox@96,480"),
                                  QStringLiteral("--add"), QStringLiteral("firewall"),
                                  QStringLiteral("--delete"), QStringLiteral("ex2016b")});
        QCOMPARE(added.exitCode, 0);
        // The new ids on standard output, one per line; what happened on standard error.
        QCOMPARE(added.out, QByteArray("ex01\nfw01\n"));
        QVERIFY(added.err.contains("added ex01 (EX01)"));
        QVERIFY(added.err.contains("deleted ex2016b"));
        QJsonObject d = load(design);
        QCOMPARE(placement(d, QStringLiteral("ex01"))[QStringLiteral("x")].toDouble(), 96.0);
        QVERIFY(!placement(d, QStringLiteral("fw01")).isEmpty());  // placed below the drawing
        for (const QJsonValue host : d[QStringLiteral("hosts")].toArray())
            QVERIFY(host.toObject()[QStringLiteral("id")].toString() != QLatin1String("ex2016b"));
        for (const QJsonValue rc : d[QStringLiteral("receiveConnectors")].toArray())
            QVERIFY(rc.toObject()[QStringLiteral("server")].toString() != QLatin1String("ex2016b"));

        QCOMPARE(runCli({QStringLiteral("edit"), design, QStringLiteral("--duplicate"),
                         QStringLiteral("ex2016a"), QStringLiteral("--site"),
                         QStringLiteral("Dublin=ex2016a,ex2016a-2"), QStringLiteral("--move"),
                         QStringLiteral("erp01=10,20")})
                     .exitCode,
                 0);
        d = load(design);
        QCOMPARE(placement(d, QStringLiteral("erp01"))[QStringLiteral("y")].toDouble(), 20.0);
        const Run validated =
            runCli({QStringLiteral("validate"), design, QStringLiteral("--format"),
                    QStringLiteral("json"), QStringLiteral("--fail-on"), QStringLiteral("never")});
        QVERIFY(!validated.out.contains("duplicate-address"));

        // Copy to a fragment, paste into a new design, lay it out.
        const QString fragment = dir.filePath(QStringLiteral("fragment.json"));
        QCOMPARE(runCli({QStringLiteral("edit"), design, QStringLiteral("--copy"),
                         QStringLiteral("ex2016a,seg-servers"), QStringLiteral("-o"), fragment})
                     .exitCode,
                 0);
        const QString other = dir.filePath(QStringLiteral("other.mailtopo"));
        QCOMPARE(runCli({QStringLiteral("edit"),
                         source(QStringLiteral("resources/examples/single-server.mailtopo")),
                         QStringLiteral("--paste"), fragment, QStringLiteral("--auto-layout"),
                         QStringLiteral("all"), QStringLiteral("-o"), other})
                     .exitCode,
                 0);
        const QJsonObject pasted = load(other);
        QVERIFY(!placement(pasted, QStringLiteral("ex2016a")).isEmpty());
        QCOMPARE(runCli({QStringLiteral("validate"), other, QStringLiteral("--fail-on"),
                         QStringLiteral("never")})
                     .exitCode,
                 0);

        const Run badKey = runCli(
            {QStringLiteral("edit"), design, QStringLiteral("--add"), QStringLiteral("mainframe")});
        QCOMPARE(badKey.exitCode, 2);
        QVERIFY(badKey.err.contains("no palette element or sub-element kind 'mainframe'"));
        const Run badId = runCli(
            {QStringLiteral("edit"), design, QStringLiteral("--delete"), QStringLiteral("nope")});
        QCOMPARE(badId.exitCode, 2);
        QVERIFY(badId.err.contains("no element with id 'nope'"));
        QFile broken(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\n  \"format\": 3\n}");
        broken.close();
        const Run badPaste =
            runCli({QStringLiteral("edit"), design, QStringLiteral("--paste"), broken.fileName()});
        QCOMPARE(badPaste.exitCode, 2);
        QVERIFY(badPaste.err.contains("broken.json:"));
    }

    // A design from nothing: `new`, then `edit` adds elements and sub-elements from
    // templates, connects them and sets properties in command-line order, printing each new
    // id on its own line; the result validates clean and traces as the templates promise.
    void newAndEditBuildADesignFromNothing() {
        QTemporaryDir dir;
        const QString design = dir.filePath(QStringLiteral("lab.mailtopo"));
        const Run created = runCli({QStringLiteral("new"), QStringLiteral("-o"), design,
                                    QStringLiteral("--name"), QStringLiteral("Lab")});
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(created.out, QByteArray());
        QCOMPARE(runCli({QStringLiteral("validate"), design}).exitCode, 0);
        const Run again = runCli({QStringLiteral("new"), QStringLiteral("-o"), design});
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.err.contains("already exists"));
        QCOMPARE(
            runCli({QStringLiteral("new"), QStringLiteral("-o"), design, QStringLiteral("--force"),
                    QStringLiteral("--name"), QStringLiteral("Lab")})
                .exitCode,
            0);
        const Run help = runCli({QStringLiteral("new"), QStringLiteral("--help")});
        QVERIFY(help.out.contains("--force"));

        const Run built =
            runCli({QStringLiteral("edit"),      design,
                    QStringLiteral("--add"),     QStringLiteral("segment-lan"),
                    QStringLiteral("--set"),     QStringLiteral("lan01:subnets=10.0.0.0/24"),
                    QStringLiteral("--add"),     QStringLiteral("internet"),
                    QStringLiteral("--set"),     QStringLiteral("internet:subnets=203.0.113.0/24"),
                    QStringLiteral("--add"),     QStringLiteral("router"),
                    QStringLiteral("--connect"), QStringLiteral("rtr01=lan01"),
                    QStringLiteral("--connect"), QStringLiteral("rtr01=internet"),
                    QStringLiteral("--add"),     QStringLiteral("exchange-2019-mailbox"),
                    QStringLiteral("--connect"), QStringLiteral("ex01=lan01"),
                    QStringLiteral("--add"),     QStringLiteral("internet-sender"),
                    QStringLiteral("--connect"), QStringLiteral("sender01=internet"),
                    QStringLiteral("--add"),     QStringLiteral("accepted-domain"),
                    QStringLiteral("--name"),    QStringLiteral("contoso.example"),
                    QStringLiteral("--add"),     QStringLiteral("receive-connector:internet"),
                    QStringLiteral("--parent"),  QStringLiteral("ex01"),
                    QStringLiteral("--add"),     QStringLiteral("send-connector:internet"),
                    QStringLiteral("--parent"),  QStringLiteral("organization")});
        QVERIFY2(built.exitCode == 0, built.err.constData());
        QCOMPARE(built.out, QByteArray("lan01\ninternet\nrtr01\nrtr01-eth0\nrtr01-eth1\nex01\n"
                                       "sender01\nad-contoso-example\nrc-ex01-internet\n"
                                       "sc-internet\n"));
        QVERIFY(built.err.contains("connected ex01-nic1 to lan01 as 10.0.0.2"));
        const Run validated = runCli({QStringLiteral("validate"), design});
        QVERIFY2(validated.exitCode == 0, validated.out.constData());
        const Run traced =
            runCli({QStringLiteral("trace"), design, QStringLiteral("--from"),
                    QStringLiteral("sender01"), QStringLiteral("--to"), QStringLiteral("10.0.0.2"),
                    QStringLiteral("--rcpt"), QStringLiteral("postmaster@contoso.example"),
                    QStringLiteral("--expect"), QStringLiteral("delivered")});
        QVERIFY2(traced.exitCode == 0, traced.out.constData());
        QVERIFY(traced.out.contains("EX01\\Internet"));

        // What a script keeps: the id of the one element it added.
        const Run nic =
            runCli({QStringLiteral("edit"), design, QStringLiteral("--add"), QStringLiteral("nic"),
                    QStringLiteral("--parent"), QStringLiteral("ex01")});
        QCOMPARE(nic.exitCode, 0);
        QCOMPARE(nic.out, QByteArray("ex01-nic2\n"));

        // Command-line order: an element can be used as soon as it was added, not before.
        QCOMPARE(runCli({QStringLiteral("edit"), design, QStringLiteral("--add"),
                         QStringLiteral("exchange-2019-mailbox"), QStringLiteral("--delete"),
                         QStringLiteral("ex02"), QStringLiteral("-o"),
                         dir.filePath(QStringLiteral("scratch.mailtopo"))})
                     .exitCode,
                 0);
        QCOMPARE(runCli({QStringLiteral("edit"), design, QStringLiteral("--delete"),
                         QStringLiteral("ex02"), QStringLiteral("--add"),
                         QStringLiteral("exchange-2019-mailbox")})
                     .exitCode,
                 2);

        const Run kinds = runCli({QStringLiteral("edit"), QStringLiteral("--list-kinds")});
        QCOMPARE(kinds.exitCode, 0);
        QVERIFY(kinds.out.contains("receive-connector[:TEMPLATE]"));
        QVERIFY(kinds.out.contains(":relay-anonymous"));
        QVERIFY(kinds.out.contains("under 'organization'"));
    }

    // A refused value, kind, template or parent exits 2 naming the option and what is wrong,
    // and leaves the file byte for byte as it was, even after earlier operations succeeded.
    void editRefusalsLeaveTheFileUntouched() {
        QTemporaryDir dir;
        const QString design = dir.filePath(QStringLiteral("contoso.mailtopo"));
        QVERIFY(QFile::copy(source(QStringLiteral("resources/examples/contoso.mailtopo")), design));
        QFile file(design);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        const QString server = QStringLiteral("ex2016a");
        struct Case {
            QStringList args;
            const char* error;
        };
        const std::vector<Case> cases = {
            {{QStringLiteral("--add"), QStringLiteral("receive-connector"),
              QStringLiteral("--parent"), QStringLiteral("erp01")},
             "--add receive-connector --parent erp01: parent: receive connectors belong to "
             "Exchange servers"},
            {{QStringLiteral("--add"), QStringLiteral("nic"), QStringLiteral("--parent"), server,
              QStringLiteral("--add"), QStringLiteral("route"), QStringLiteral("--parent"),
              QStringLiteral("seg-servers")},
             "route goes under a host"},
            {{QStringLiteral("--add"), QStringLiteral("receive-connector:open"),
              QStringLiteral("--parent"), server},
             "no template 'open'"},
            {{QStringLiteral("--add"), QStringLiteral("teleporter"), QStringLiteral("--parent"),
              server},
             "no palette element or sub-element kind 'teleporter'"},
            {{QStringLiteral("--add"), QStringLiteral("nic")}, "--add nic: give the element"},
            {{QStringLiteral("--parent"), server}, "--parent ex2016a: must follow the --add"},
            {{QStringLiteral("--add"), QStringLiteral("address"), QStringLiteral("--parent"),
              QStringLiteral("ex2016a-mapi"), QStringLiteral("--name"),
              QStringLiteral("10.10.20.300/24")},
             "octet 4 is greater than 255"},
            {{QStringLiteral("--connect"), QStringLiteral("erp01=nowhere")},
             "--connect erp01=nowhere: no segment with id 'nowhere'"},
            {{QStringLiteral("--connect"), QStringLiteral("erp01")}, "expected ID=SEGMENT_ID"},
            {{QStringLiteral("--set"), QStringLiteral("erp01")}, "expected ID:KEY=VALUE"},
            {{QStringLiteral("--set"), QStringLiteral("nope:name=X")}, "--set nope:name=X:"},
        };
        for (const auto& c : cases) {
            QStringList args{QStringLiteral("edit"), design};
            args << c.args;
            const Run r = runCli(args);
            QVERIFY2(r.exitCode == 2, qPrintable(c.args.join(QLatin1Char(' '))));
            QVERIFY2(r.err.contains(c.error), r.err.constData());
            QVERIFY2(r.out.isEmpty(), r.out.constData());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.readAll() == before, qPrintable(c.args.join(QLatin1Char(' '))));
            file.close();
        }
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
  "version": 2,
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

    // R18: format --explicit-defaults writes the implicit default connectors with the ids
    // traces already name them by; validate and every flow's trace say the same after.
    // R18: format --explicit-defaults writes the implicit default connectors with the ids
    // traces already name them by; every flow's trace and validate's verdict stay the same
    // (tst_default_connectors compares the findings themselves).
    void R18_formatExplicitDefaultsKeepsTraces() {
        QTemporaryDir dir;
        // A fixture whose Exchange servers leave their defaults implicit (the examples list
        // theirs).
        const QString design = dir.filePath(QStringLiteral("implicit.mailtopo"));
        QVERIFY(
            QFile::copy(source(QStringLiteral("tests/data/migration/version-1.mailtopo")), design));
        QFile::setPermissions(design, QFile::ReadOwner | QFile::WriteOwner);
        const auto traces = [&](const char* format) {
            return runCli({QStringLiteral("trace"), design, QStringLiteral("--all-flows"),
                           QStringLiteral("--format"), QString::fromLatin1(format)})
                .out;
        };
        const auto json = traces("json");
        const auto text = traces("text");
        const int verdict = runCli({QStringLiteral("validate"), design}).exitCode;
        QVERIFY(json.contains("\"receiveConnector\": \"ex1-default-frontend\""));
        QVERIFY(text.contains("\\Default Frontend "));
        QVERIFY(!json.contains("#Default"));
        QCOMPARE(runCli({QStringLiteral("format"), design, QStringLiteral("--explicit-defaults")})
                     .exitCode,
                 0);
        QFile written(design);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray file = written.readAll();
        QVERIFY(file.contains("\"id\": \"ex1-default-frontend\""));
        QVERIFY(file.contains("\"implicitDefaultConnectors\": false"));
        QCOMPARE(traces("json"), json);
        QCOMPARE(traces("text"), text);
        QCOMPARE(runCli({QStringLiteral("validate"), design}).exitCode, verdict);
        // Already explicit: canonical as it is.
        QCOMPARE(runCli({QStringLiteral("format"), design, QStringLiteral("--explicit-defaults"),
                         QStringLiteral("--check")})
                     .exitCode,
                 0);
    }

    void traceGoldens_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("golden");
        const QString e06 = QStringLiteral("tests/scenarios/e06-snat-internal-open-relay.mailtopo");
        const QString e11 =
            QStringLiteral("tests/scenarios/e11-dsr-reply-bypasses-firewall.mailtopo");
        // E6: WS77 -> VIP, SNAT to 10.0.0.5, Relay connector, relayed, RELAY_VIA_LB (R9, R40).
        QTest::newRow("e06 vip text")
            << QStringList{e06, QStringLiteral("--flow"), QStringLiteral("flow-e6-vip")}
            << QStringLiteral("trace-e06-vip.txt");
        QTest::newRow("e06 vip json")
            << QStringList{e06, QStringLiteral("--flow"), QStringLiteral("flow-e6-vip"),
                           QStringLiteral("--format"), QStringLiteral("json")}
            << QStringLiteral("trace-e06-vip.json");
        // E11: the DSR reply bypasses the firewall: 3WHS_FAILED, timeout, ASYMMETRIC_PATH.
        QTest::newRow("e11 all-flows text") << QStringList{e11, QStringLiteral("--all-flows")}
                                            << QStringLiteral("trace-e11-all-flows.txt");
    }
    void traceGoldens() {
        QFETCH(QStringList, args);
        QFETCH(QString, golden);
        args.prepend(QStringLiteral("trace"));
        const Run first = runCli(args);
        QCOMPARE(first.exitCode, 0);  // whatever the disposition
        QVERIFY2(first.err.isEmpty(), first.err.constData());
        compareWithGolden(first.out, golden);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(runCli(args).out, first.out);
    }

    void traceAdHocAndAllFlows() {
        const QString e06 = QStringLiteral("tests/scenarios/e06-snat-internal-open-relay.mailtopo");
        // An ad-hoc trace equal to the design flow gives the same hops; the node may be named
        // by host name in any case, and the target may carry its port.
        const Run adHoc = runCli(
            {QStringLiteral("trace"), e06, QStringLiteral("--from"), QStringLiteral("Ws77"),
             QStringLiteral("--to"), QStringLiteral("10.0.0.50:25"), QStringLiteral("--mail-from"),
             QStringLiteral("boss@example.com"), QStringLiteral("--rcpt"),
             QStringLiteral("x@example.net"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(adHoc.exitCode, 0);
        QVERIFY2(adHoc.err.isEmpty(), adHoc.err.constData());
        const QJsonObject adHocTrace = QJsonDocument::fromJson(adHoc.out).object();
        const Run flow = runCli({QStringLiteral("trace"), e06, QStringLiteral("--flow"),
                                 QStringLiteral("flow-e6-vip"), QStringLiteral("--format"),
                                 QStringLiteral("json")});
        const QJsonObject flowTrace = QJsonDocument::fromJson(flow.out).object();
        QCOMPARE(adHocTrace.value(QStringLiteral("sourceHost")).toString(), QStringLiteral("ws77"));
        QCOMPARE(adHocTrace.value(QStringLiteral("hops")), flowTrace.value(QStringLiteral("hops")));
        QCOMPARE(adHocTrace.value(QStringLiteral("disposition")),
                 flowTrace.value(QStringLiteral("disposition")));

        // --all-flows as JSON: one array element per design flow, in design order.
        const Run all = runCli({QStringLiteral("trace"), e06, QStringLiteral("--all-flows"),
                                QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(all.exitCode, 0);
        const QJsonArray traces = QJsonDocument::fromJson(all.out).array();
        QCOMPARE(traces.size(), 2);
        QCOMPARE(traces.at(0).toObject().value(QStringLiteral("flowId")).toString(),
                 QStringLiteral("flow-e6-vip"));
        QCOMPARE(traces.at(1).toObject().value(QStringLiteral("flowId")).toString(),
                 QStringLiteral("flow-e6-direct"));
        // Text: the traces one after the other, separated by a blank line.
        const Run allText = runCli({QStringLiteral("trace"), e06, QStringLiteral("--all-flows")});
        QCOMPARE(allText.out.count("\nTrace: "), 1);
        QVERIFY(allText.out.startsWith("Trace: WS77 to VIP [flow-e6-vip]\n"));
        QVERIFY(allText.out.contains("\n\nTrace: WS77 to EX16 direct [flow-e6-direct]\n"));
    }

    void traceExpectGatesThePipeline() {
        const QString e06 = QStringLiteral("tests/scenarios/e06-snat-internal-open-relay.mailtopo");
        const QStringList vip{QStringLiteral("trace"), e06, QStringLiteral("--flow"),
                              QStringLiteral("flow-e6-vip"), QStringLiteral("--expect")};
        // E6: the VIP path relays (the finding); the direct path is rejected with 550 5.7.54.
        QCOMPARE(runCli(vip + QStringList{QStringLiteral("relayed")}).exitCode, 0);
        const Run wrong = runCli(vip + QStringList{QStringLiteral("delivered")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("WS77 to VIP: expected delivered, got relayed"),
                 wrong.err.constData());
        QVERIFY(!wrong.out.isEmpty());  // the trace is still printed
        const Run direct = runCli({QStringLiteral("trace"), e06, QStringLiteral("--flow"),
                                   QStringLiteral("flow-e6-direct"), QStringLiteral("--expect"),
                                   QStringLiteral("rejected")});
        QCOMPARE(direct.exitCode, 0);
        QVERIFY2(direct.out.contains("Disposition: rejected 550 5.7.54"), direct.out.constData());
        const Run bad = runCli(vip + QStringList{QStringLiteral("fine")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--expect must be 'delivered'"), bad.err.constData());
    }

    // Format version 2: a design flow's expectedDisposition gates --flow and --all-flows as
    // --expect does (which replaces it); --pool-member picks a VIP's member for --from.
    void traceHonoursFlowExpectationsAndPoolMember() {
        const QString e06 = QStringLiteral("tests/scenarios/e06-snat-internal-open-relay.mailtopo");
        QCOMPARE(runCli({QStringLiteral("trace"), e06, QStringLiteral("--all-flows")}).exitCode, 0);
        QTemporaryDir dir;
        const QString changed = dir.filePath(QStringLiteral("e06.mailtopo"));
        QFile in(source(e06));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        QVERIFY(text.contains(R"("expectedDisposition": "relayed")"));
        text.replace(R"("expectedDisposition": "relayed")",
                     R"("expectedDisposition": "delivered")");
        QFile out(changed);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const Run all = runCli({QStringLiteral("trace"), changed, QStringLiteral("--all-flows")});
        QCOMPARE(all.exitCode, 1);
        QVERIFY2(all.err.contains("WS77 to VIP: expected delivered, got relayed"),
                 all.err.constData());
        QVERIFY2(!all.err.contains("EX16 direct"), all.err.constData());
        QCOMPARE(runCli({QStringLiteral("trace"), changed, QStringLiteral("--flow"),
                         QStringLiteral("flow-e6-vip")})
                     .exitCode,
                 1);
        QCOMPARE(runCli({QStringLiteral("trace"), changed, QStringLiteral("--flow"),
                         QStringLiteral("flow-e6-vip"), QStringLiteral("--expect"),
                         QStringLiteral("relayed")})
                     .exitCode,
                 0);

        // Contoso's relay VIP has EX2016A then EX2016B in its pool.
        const QString contoso = QStringLiteral("resources/examples/contoso.mailtopo");
        auto server = [&](const QStringList& extra) {
            const Run r = runCli(QStringList{QStringLiteral("trace"), contoso,
                                             QStringLiteral("--from"), QStringLiteral("erp01"),
                                             QStringLiteral("--to"), QStringLiteral("10.10.20.60"),
                                             QStringLiteral("--format"), QStringLiteral("json")} +
                                 extra);
            const QJsonArray hops =
                QJsonDocument::fromJson(r.out).object().value(QStringLiteral("hops")).toArray();
            return hops.isEmpty()
                       ? QString()
                       : hops.at(0).toObject().value(QStringLiteral("server")).toString();
        };
        QCOMPARE(server({}), QStringLiteral("ex2016a"));
        QCOMPARE(server({QStringLiteral("--pool-member"), QStringLiteral("ex2016b")}),
                 QStringLiteral("ex2016b"));
        const Run unknown =
            runCli({QStringLiteral("trace"), contoso, QStringLiteral("--from"),
                    QStringLiteral("erp01"), QStringLiteral("--to"), QStringLiteral("10.10.20.60"),
                    QStringLiteral("--pool-member"), QStringLiteral("nobody")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("--pool-member: no host with the id or name 'nobody'"),
                 unknown.err.constData());
        const Run withFlow = runCli({QStringLiteral("trace"), contoso, QStringLiteral("--flow"),
                                     QStringLiteral("flow-erp-relay"),
                                     QStringLiteral("--pool-member"), QStringLiteral("ex2016b")});
        QCOMPARE(withFlow.exitCode, 2);
        QVERIFY2(withFlow.err.contains("--pool-member only goes with --from"),
                 withFlow.err.constData());
    }

    void traceErrorsNameTheProblem() {
        const QString e06 = QStringLiteral("tests/scenarios/e06-snat-internal-open-relay.mailtopo");
        auto trace = [](const QStringList& rest) {
            return runCli(QStringList{QStringLiteral("trace")} + rest);
        };
        // Unknown --from node: names the file and the node.
        const Run unknown = trace({e06, QStringLiteral("--from"), QStringLiteral("ws99"),
                                   QStringLiteral("--to"), QStringLiteral("10.0.0.50")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
        QCOMPARE(unknown.err,
                 QByteArray(e06.toUtf8() + ": --from: no host with the id or name 'ws99'\n"));
        // A malformed --to address says what is wrong with it.
        const Run badTo = trace({e06, QStringLiteral("--from"), QStringLiteral("ws77"),
                                 QStringLiteral("--to"), QStringLiteral("10.0.0.300")});
        QCOMPARE(badTo.exitCode, 2);
        QVERIFY(badTo.out.isEmpty());
        QVERIFY2(badTo.err.startsWith("mailtopo-cli trace: --to: '10.0.0.300'"),
                 badTo.err.constData());
        QVERIFY2(badTo.err.contains("octet 4"), badTo.err.constData());
        const Run badPort = trace({e06, QStringLiteral("--from"), QStringLiteral("ws77"),
                                   QStringLiteral("--to"), QStringLiteral("10.0.0.50:99999")});
        QCOMPARE(badPort.exitCode, 2);
        // A --to that is no address and no host of the design.
        const Run noHost = trace({e06, QStringLiteral("--from"), QStringLiteral("ws77"),
                                  QStringLiteral("--to"), QStringLiteral("ex99")});
        QCOMPARE(noHost.exitCode, 2);
        QVERIFY2(noHost.err.startsWith(e06.toUtf8() + ": --to: 'ex99' is neither"),
                 noHost.err.constData());
        // Missing file.
        const Run missing = trace({QStringLiteral("nope.mailtopo"), QStringLiteral("--all-flows")});
        QCOMPARE(missing.exitCode, 2);
        QCOMPARE(missing.err, QByteArray("nope.mailtopo: no such file\n"));
        // Unknown flow: the known ones are listed.
        const Run noFlow = trace({e06, QStringLiteral("--flow"), QStringLiteral("flow-x")});
        QCOMPARE(noFlow.exitCode, 2);
        QVERIFY2(noFlow.err.contains("no flow with the id 'flow-x' (flows: flow-e6-vip, "
                                     "flow-e6-direct)"),
                 noFlow.err.constData());
        // Usage: exactly one mode; ad-hoc options only with --from.
        QCOMPARE(trace({e06}).exitCode, 2);
        QCOMPARE(trace({e06, QStringLiteral("--all-flows"), QStringLiteral("--flow"),
                        QStringLiteral("flow-e6-vip")})
                     .exitCode,
                 2);
        const Run mixed = trace({e06, QStringLiteral("--all-flows"), QStringLiteral("--rcpt"),
                                 QStringLiteral("a@example.net")});
        QCOMPARE(mixed.exitCode, 2);
        QVERIFY2(mixed.err.contains("--rcpt only goes with --from"), mixed.err.constData());
        // A non-Exchange client needs --to: it has no send connectors.
        QCOMPARE(trace({e06, QStringLiteral("--from"), QStringLiteral("ws77")}).exitCode, 2);
        QCOMPARE(trace({e06, QStringLiteral("--all-flows"), QStringLiteral("--format"),
                        QStringLiteral("xml")})
                     .exitCode,
                 2);
    }

    // probe refuses what it must not connect to, and bad options, before any traffic: each
    // case exits 2 with one line naming the problem and prints nothing on stdout.
    void probeRefusesInvalidTargetsAndOptions() {
        const QList<QStringList> cases = {
            {QStringLiteral("224.0.0.25")},
            {QStringLiteral("255.255.255.255:25")},
            {QStringLiteral("0.0.0.0")},
            {QStringLiteral("[::]:25")},
            {QStringLiteral("192.0.2.7:0")},
            {QStringLiteral("192.0.2.7:99999")},
            {QStringLiteral("mail server!")},
            {QStringLiteral("10.0.0.300:25")},
            {QStringLiteral("192.0.2.7"), QStringLiteral("--rcpt"),
             QStringLiteral("a b@c.example")},
            {QStringLiteral("192.0.2.7"), QStringLiteral("--domain"),
             QStringLiteral("contoso example")},
            // With --rcpt the domain is not in any recipient: still refused, as --domain.
            {QStringLiteral("192.0.2.7"), QStringLiteral("--rcpt"), QStringLiteral("a@b.example"),
             QStringLiteral("--domain"), QStringLiteral("*.bad_label.example")},
            {QStringLiteral("192.0.2.7"), QStringLiteral("--timeout"), QStringLiteral("0")},
            {QStringLiteral("192.0.2.7"), QStringLiteral("--server"), QStringLiteral("ex16")},
            {QStringLiteral("192.0.2.7"), QStringLiteral("--design"),
             QStringLiteral("tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo")},
            {QStringLiteral("192.0.2.7"), QStringLiteral("--design"),
             QStringLiteral("tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo"),
             QStringLiteral("--server"), QStringLiteral("nosuch")},
        };
        QByteArray transcript;
        for (const QStringList& args : cases) {
            const Run r = runCli(QStringList{QStringLiteral("probe")} + args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.out.isEmpty(), r.out.constData());
            transcript +=
                "$ mailtopo-cli probe " + args.join(QLatin1Char(' ')).toUtf8() + "\n" + r.err;
        }
        compareWithGolden(transcript, QStringLiteral("probe-invalid.txt"));
    }

    // probe against an Exchange-like server in this process (127.0.0.1, a free port): the
    // relay is refused (exit 0); with a design that predicts an open relay the difference is
    // a model-reality-mismatch (exit 1, or 0 with --fail-on never).
    void probeAgainstALocalServer() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Exchange);
        QVERIFY(server.isListening());
        const QString target = QStringLiteral("127.0.0.1:%1").arg(server.port());
        const QStringList base{QStringLiteral("probe"),     target,
                               QStringLiteral("--domain"),  QStringLiteral("contoso.example"),
                               QStringLiteral("--timeout"), QStringLiteral("5")};
        const Run text = runCliServing(base);
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("S: 250-X-EXPS GSSAPI NTLM"));
        QVERIFY(text.out.contains("Relay:    refused (550 5.7.54 SMTP; Unable to relay"));
        QVERIFY(text.out.contains("Nothing was delivered"));

        const QStringList withDesign =
            base + QStringList{QStringLiteral("--design"),
                               QStringLiteral(
                                   "tests/scenarios/e08-internet-open-relay-via-gateway.mailtopo"),
                               QStringLiteral("--server"),
                               QStringLiteral("EX16"),
                               QStringLiteral("--format"),
                               QStringLiteral("json")};
        const Run json = runCliServing(withDesign);
        QCOMPARE(json.exitCode, 1);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(doc.value(QStringLiteral("relay")).toString(), QStringLiteral("relay-refused"));
        const QJsonObject design = doc.value(QStringLiteral("design")).toObject();
        QCOMPARE(design.value(QStringLiteral("destination")).toString(),
                 QStringLiteral("198.51.100.25:25"));
        bool mismatch = false;
        for (const auto& f : doc.value(QStringLiteral("findings")).toArray())
            mismatch = mismatch || f.toObject().value(QStringLiteral("rule")).toString() ==
                                       QStringLiteral("model-reality-mismatch");
        QVERIFY(mismatch);
        QCOMPARE(runCliServing(withDesign +
                               QStringList{QStringLiteral("--fail-on"), QStringLiteral("never")})
                     .exitCode,
                 0);
        for (const QByteArray& line : server.commands())
            QVERIFY2(!line.toUpper().startsWith("DATA"), line.constData());
    }

    // A hostile server's controls (ESC [2J, BEL, NUL, a bare CR before a forged verdict) are
    // shown escaped: the only control byte in the text output is our own line feed, and the
    // real verdict, an open relay, stands on its own line.
    void probeTextOutputEscapesWhatTheServerSends() {
        FakeSmtpServer server(FakeSmtpServer::Mode::Hostile);
        QVERIFY(server.isListening());
        const Run r = runCliServing({QStringLiteral("probe"),
                                     QStringLiteral("127.0.0.1:%1").arg(server.port()),
                                     QStringLiteral("--domain"), QStringLiteral("contoso.example"),
                                     QStringLiteral("--timeout"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 1);  // open relay
        for (const char c : r.out)
            QVERIFY2(static_cast<unsigned char>(c) >= 0x20 || c == '\n',
                     qPrintable(QStringLiteral("control byte 0x%1 in the output")
                                    .arg(static_cast<unsigned char>(c), 2, 16, QLatin1Char('0'))));
        QVERIFY(!r.out.contains('\x7f'));
        const QByteArray controls("\\e[2J\\x07\\x00\\r");
        const QByteArray escaped = controls + FakeSmtpServer::kForgedVerdict;
        QVERIFY2(r.out.contains("Banner:      220 hostile.test.invalid ESMTP" + escaped),
                 r.out.constData());
        QVERIFY2(r.out.contains("Greeting:    EHLO hostile.test.invalid" + escaped),
                 r.out.constData());
        QVERIFY2(r.out.contains("S: 250 2.1.5 Ok" + escaped), r.out.constData());
        // AUTH's parameters are split at the spaces: the controls stay with the first.
        QVERIFY2(r.out.contains("AUTH:        PLAIN" + controls), r.out.constData());
        QVERIFY2(r.out.contains("\n  Relay:    OPEN RELAY, the server accepted"),
                 r.out.constData());
        QVERIFY2(!r.out.contains("\n" + QByteArray(FakeSmtpServer::kForgedVerdict)),
                 r.out.constData());
        for (const QByteArray& line : server.commands())
            QVERIFY2(!line.toUpper().startsWith("DATA"), line.constData());
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
        // The generated estate is structurally clean. Simulation warnings are part of its
        // realism (SNAT sites hide client addresses, R9), so only errors fail.
        const Run v = runCli(
            {QStringLiteral("validate"), a, QStringLiteral("--fail-on"), QStringLiteral("error")});
        QVERIFY2(v.exitCode == 0, v.out.constData());
        QVERIFY2(v.out.contains(": 0 errors,"), v.out.constData());
        // Every knob shows in the file; a different seed gives a different estate.
        QCOMPARE(
            runCli({QStringLiteral("generate"), QStringLiteral("--servers"), QStringLiteral("25"),
                    QStringLiteral("--connectors-per-server"), QStringLiteral("4"),
                    QStringLiteral("--ranges-per-connector"), QStringLiteral("7"),
                    QStringLiteral("--application-hosts"), QStringLiteral("11"),
                    QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("-o"), b})
                .exitCode,
            0);
        QFile fc(b);
        QVERIFY(fc.open(QIODevice::ReadOnly));
        const QByteArray custom = fc.readAll();
        QVERIFY(custom != bytes);
        QCOMPARE(custom.count("\"server\": \"host-"), 25 * 4);  // connectors
        QCOMPARE(custom.count("\"kind\": \"application-client\""), 11);
        QCOMPARE(runCli({QStringLiteral("generate"), QStringLiteral("--servers"),
                         QStringLiteral("5000"), QStringLiteral("--servers-per-site"),
                         QStringLiteral("1"), QStringLiteral("--connectors-per-server"),
                         QStringLiteral("50"), QStringLiteral("-o"), b})
                     .exitCode,
                 2);  // more ranges than the address pool holds
        QCOMPARE(runCli({QStringLiteral("format"), a, QStringLiteral("--check")}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("generate"), QStringLiteral("--servers"),
                         QStringLiteral("0"), QStringLiteral("-o"), a})
                     .exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
