// `mailtopo-cli spf` as a user and a CI pipeline see it: exit codes (0 evaluated whatever
// the result, 2 usage/input errors), the --zone and --design sources, JSON with a `result`
// field and the explanation tree, deterministic output pinned by goldens
// (tests/core/dns/golden; MAILTOPO_UPDATE_GOLDENS=1 rewrites them). The --server source is
// exercised against NSD in tst_dns_live.

#include <QtTest>

#include <QDir>
#include <QProcess>
#include <nlohmann/json.hpp>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run spf(QStringList args) {
    args.prepend(QStringLiteral("spf"));
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(MAILTOPO_SOURCE_DIR));
    p.start(QStringLiteral(MAILTOPO_CLI_PATH), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

const QString kZone = QStringLiteral("tests/core/dns/zones/example.org.zone");
const QString kReverse = QStringLiteral("tests/core/dns/zones/2.0.192.in-addr.arpa.zone");

QStringList zones() {
    return {QStringLiteral("--zone"), kZone, QStringLiteral("--zone"), kReverse};
}

void compareWithGolden(const QByteArray& actual, const QString& name) {
    const QString path = QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/core/dns/golden/") + name;
    QFile f(path);
    if (qEnvironmentVariableIsSet("MAILTOPO_UPDATE_GOLDENS")) {
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(actual);
        return;
    }
    QVERIFY2(f.open(QIODevice::ReadOnly),
             qPrintable(QStringLiteral("missing golden %1").arg(path)));
    const QByteArray expected = f.readAll();
    if (actual == expected)
        return;
    // Name the first differing line; the whole output goes to the temp dir for a diff.
    const QList<QByteArray> a = actual.split('\n');
    const QList<QByteArray> e = expected.split('\n');
    qsizetype line = 0;
    while (line < a.size() && line < e.size() && a[line] == e[line])
        ++line;
    QFile dump(QDir::temp().filePath(name + QStringLiteral(".actual")));
    if (dump.open(QIODevice::WriteOnly))
        dump.write(actual);
    const QString expectedLine = QString::fromUtf8(line < e.size() ? e[line] : QByteArray("<end>"));
    const QString actualLine = QString::fromUtf8(line < a.size() ? a[line] : QByteArray("<end>"));
    QFAIL(qPrintable(
        QStringLiteral("%1 differs at line %2\n  expected: %3\n  actual:   %4\n(actual output: %5)")
            .arg(path, QString::number(line + 1), expectedLine, actualLine, dump.fileName())));
}

}  // namespace

class TestSpfCli : public QObject {
    Q_OBJECT

private slots:
    void help() {
        const Run r = spf({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* option :
             {"--ip", "--helo", "--mail-from", "--server", "--zone", "--design", "--format"}) {
            QVERIFY2(r.out.contains(option), option);
        }
    }

    void usageErrorsExit2_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no domain")
            << QStringList{QStringLiteral("--ip"), QStringLiteral("192.0.2.1")}
            << QStringLiteral("wrong number of arguments");
        QTest::newRow("no ip") << (QStringList{QStringLiteral("example.org")} + zones())
                               << QStringLiteral("--ip is required");
        QTest::newRow("bad ip") << (QStringList{QStringLiteral("example.org"),
                                                QStringLiteral("--ip"),
                                                QStringLiteral("192.0.2.300")} +
                                    zones())
                                << QStringLiteral("--ip: '192.0.2.300'");
        QTest::newRow("bad format")
            << (QStringList{QStringLiteral("example.org"), QStringLiteral("--ip"),
                            QStringLiteral("192.0.2.1"), QStringLiteral("--format"),
                            QStringLiteral("xml")} +
                zones())
            << QStringLiteral("--format must be text or json");
        QTest::newRow("two sources") << QStringList{QStringLiteral("example.org"),
                                                    QStringLiteral("--ip"),
                                                    QStringLiteral("192.0.2.1"),
                                                    QStringLiteral("--zone"),
                                                    kZone,
                                                    QStringLiteral("--server"),
                                                    QStringLiteral("127.0.0.1")}
                                     << QStringLiteral("only one of --server, --zone and --design");
        QTest::newRow("bad server")
            << QStringList{QStringLiteral("example.org"), QStringLiteral("--ip"),
                           QStringLiteral("192.0.2.1"), QStringLiteral("--server"),
                           QStringLiteral("ns.example.org")}
            << QStringLiteral("not an IP address");
        QTest::newRow("zone syntax error")
            << QStringList{QStringLiteral("broken.example"), QStringLiteral("--ip"),
                           QStringLiteral("192.0.2.1"), QStringLiteral("--zone"),
                           QStringLiteral("tests/core/dns/zones/broken.zone")}
            << QStringLiteral(
                   "tests/core/dns/zones/broken.zone:5:17: Syntax error, could not parse the RR's "
                   "rdata: \"999.1.1.1\"");
        QTest::newRow("missing zone file")
            << QStringList{QStringLiteral("example.org"), QStringLiteral("--ip"),
                           QStringLiteral("192.0.2.1"), QStringLiteral("--zone"),
                           QStringLiteral("tests/core/dns/zones/none.zone")}
            << QStringLiteral("tests/core/dns/zones/none.zone: no such file");
        QTest::newRow("missing design")
            << QStringList{QStringLiteral("example.org"), QStringLiteral("--ip"),
                           QStringLiteral("192.0.2.1"), QStringLiteral("--design"),
                           QStringLiteral("no-such.mailtopo")}
            << QStringLiteral("no-such.mailtopo");
        QTest::newRow("bad view")
            << QStringList{QStringLiteral("example.org"),
                           QStringLiteral("--ip"),
                           QStringLiteral("192.0.2.1"),
                           QStringLiteral("--design"),
                           QStringLiteral("tests/scenarios/e15-two-spf-records.mailtopo"),
                           QStringLiteral("--view"),
                           QStringLiteral("dmz")}
            << QStringLiteral("--view must be external or internal");
    }

    void usageErrorsExit2() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = spf(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    // Exit 0 for every SPF result: the command evaluated, the result is data.
    void everyResultExits0_data() {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("result");
        QTest::newRow("pass") << "example.org"
                              << "192.0.2.10"
                              << "pass";
        QTest::newRow("fail") << "example.org"
                              << "203.0.113.1"
                              << "fail";
        QTest::newRow("softfail") << "_spf.example.org"
                                  << "203.0.113.1"
                                  << "softfail";
        QTest::newRow("none") << "mail.example.org"
                              << "192.0.2.10"
                              << "none";
        QTest::newRow("permerror E15") << "e15.example.org"
                                       << "192.0.2.1"
                                       << "permerror";
        QTest::newRow("nxdomain") << "example.net"
                                  << "192.0.2.1"
                                  << "none";
    }

    void everyResultExits0() {
        QFETCH(QString, domain);
        QFETCH(QString, ip);
        QFETCH(QString, result);
        const Run r = spf(QStringList{domain, QStringLiteral("--ip"), ip,
                                      QStringLiteral("--format"), QStringLiteral("json")} +
                          zones());
        QCOMPARE(r.exitCode, 0);
        const auto json = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(json.at("result").get<std::string>()), result);
    }

    // E14 through a zone file: 192.0.2.3 passes at include 3 (L = 3).
    void e14JsonGolden() {
        const QStringList args = QStringList{QStringLiteral("e14.example.org"),
                                             QStringLiteral("--ip"),
                                             QStringLiteral("192.0.2.3"),
                                             QStringLiteral("--mail-from"),
                                             QStringLiteral("ceo@e14.example.org"),
                                             QStringLiteral("--helo"),
                                             QStringLiteral("mx.example.net"),
                                             QStringLiteral("--format"),
                                             QStringLiteral("json")} +
                                 zones();
        const Run first = spf(args);
        const Run second = spf(args);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.out, second.out);  // deterministic
        const auto json = nlohmann::json::parse(first.out.toStdString());
        QCOMPARE(json.at("result").get<std::string>(), std::string("pass"));
        QCOMPARE(json.at("lookups").at("count").get<int>(), 3);
        QCOMPARE(json.at("sender").get<std::string>(), std::string("ceo@e14.example.org"));
        compareWithGolden(first.out, QStringLiteral("spf-e14-pass.json"));
    }

    // E14: 203.0.113.9 → permerror at the 11th lookup term, as text.
    void e14TextGolden() {
        const Run r = spf(QStringList{QStringLiteral("e14.example.org"), QStringLiteral("--ip"),
                                      QStringLiteral("203.0.113.9")} +
                          zones());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Result: permerror"));
        compareWithGolden(r.out, QStringLiteral("spf-e14-permerror.txt"));
    }

    // E15 and E16 from their scenario designs (--design).
    void workedExamplesFromDesigns() {
        const Run e15 = spf({QStringLiteral("example.org"), QStringLiteral("--ip"),
                             QStringLiteral("192.0.2.1"), QStringLiteral("--design"),
                             QStringLiteral("tests/scenarios/e15-two-spf-records.mailtopo"),
                             QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(e15.exitCode, 0);
        auto json = nlohmann::json::parse(e15.out.toStdString());
        QCOMPARE(json.at("result").get<std::string>(), std::string("permerror"));
        QCOMPARE(json.at("decision").at("section").get<std::string>(), std::string("4.5"));
        const Run e16 = spf({QStringLiteral("example.org"), QStringLiteral("--ip"),
                             QStringLiteral("203.0.113.9"), QStringLiteral("--design"),
                             QStringLiteral("tests/scenarios/e16-void-lookups.mailtopo"),
                             QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(e16.exitCode, 0);
        json = nlohmann::json::parse(e16.out.toStdString());
        QCOMPARE(json.at("result").get<std::string>(), std::string("permerror"));
        QCOMPARE(json.at("voidLookups").at("count").get<int>(), 3);
        // The internal view of that design has no zones: no record, "none".
        const Run internal = spf({QStringLiteral("example.org"), QStringLiteral("--ip"),
                                  QStringLiteral("203.0.113.9"), QStringLiteral("--design"),
                                  QStringLiteral("tests/scenarios/e16-void-lookups.mailtopo"),
                                  QStringLiteral("--view"), QStringLiteral("internal")});
        QCOMPARE(internal.exitCode, 0);
        QVERIFY(internal.out.contains("Result: none"));
    }

    void identities() {
        const Run helo = spf(QStringList{QStringLiteral("mail.example.org"), QStringLiteral("--ip"),
                                         QStringLiteral("192.0.2.10"), QStringLiteral("--helo"),
                                         QStringLiteral("mail.example.org"),
                                         QStringLiteral("--format"), QStringLiteral("json")} +
                             zones());
        QCOMPARE(helo.exitCode, 0);
        auto json = nlohmann::json::parse(helo.out.toStdString());
        QCOMPARE(json.at("identity").get<std::string>(), std::string("helo"));
        QCOMPARE(json.at("sender").get<std::string>(), std::string("postmaster@mail.example.org"));
        const Run noLocal =
            spf(QStringList{QStringLiteral("deny.example.org"), QStringLiteral("--ip"),
                            QStringLiteral("192.0.2.10"), QStringLiteral("--mail-from"),
                            QStringLiteral("@deny.example.org"), QStringLiteral("--format"),
                            QStringLiteral("json")} +
                zones());
        json = nlohmann::json::parse(noLocal.out.toStdString());
        QCOMPARE(json.at("identity").get<std::string>(), std::string("mailfrom"));
        QCOMPARE(json.at("sender").get<std::string>(), std::string("postmaster@deny.example.org"));
        QCOMPARE(json.at("result").get<std::string>(), std::string("fail"));
        QCOMPARE(json.at("explanation").get<std::string>(),
                 std::string("192.0.2.10 is not allowed to send mail for deny.example.org"));
    }
};

QTEST_GUILESS_MAIN(TestSpfCli)
#include "tst_spf_cli.moc"
