// Live DNS: starts NSD on 127.0.0.1 at a free high port with the zone files of
// tests/core/dns/zones (recipe: ../shared/notes/toolchain.md §4, readiness polled with
// `ss`, never with a query), then runs LiveResolver, the SPF evaluator,
// `mailtopo-cli spf --server` and `mailtopo-cli dns-check --server` against it, and stops NSD.
// Skips only when nsd is absent.

#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <nlohmann/json.hpp>

#include "core/dns/live_resolver.h"
#include "core/dns/spf_evaluator.h"
#include "core/dns/zone_data_resolver.h"
#include "core/dns/zone_file.h"
#include "core/dns/zone_import.h"
#include "core/io/design_json.h"

using namespace mailtopo::dns;
using mailtopo::net::Address;

namespace {

const QString kZones = QStringLiteral(MAILTOPO_SOURCE_DIR "/tests/core/dns/zones/");

// True when both a UDP and a TCP socket can bind 127.0.0.1:port right now.
bool portFree(uint16_t port) {
    for (const int type : {SOCK_DGRAM, SOCK_STREAM}) {
        const int fd = ::socket(AF_INET, type, 0);
        if (fd < 0)
            return false;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (!ok)
            return false;
    }
    return true;
}

// A port the kernel hands out for UDP that TCP can take too.
uint16_t findFreePort() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        uint16_t port = 0;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
            port = ntohs(addr.sin_port);
        }
        ::close(fd);
        if (port >= 1024 && portFree(port))
            return port;
    }
    return 0;
}

SpfOutcome check(Resolver& resolver, const char* client, const char* domain) {
    SpfOptions options;
    options.timestamp = 1400000000;
    return SpfEvaluator(resolver, options)
        .checkHost(SpfRequest::forMailFrom(*Address::parse(client), std::string("x@") + domain,
                                           "h.example.net"));
}

}  // namespace

class TestDnsLive : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QProcess nsd_;
    uint16_t port_ = 0;
    std::unique_ptr<LiveResolver> live_;

    QString serverText() const { return QStringLiteral("127.0.0.1:%1").arg(port_); }

    // ss lists the socket once NSD has bound it (0.06 s typically).
    bool listening() {
        QProcess ss;
        ss.start(QStringLiteral("ss"),
                 {QStringLiteral("-Hlun"), QStringLiteral("sport = :%1").arg(port_)});
        if (!ss.waitForFinished(2000))
            return false;
        return ss.readAllStandardOutput().contains("127.0.0.1");
    }

    QString nsdLog() const {
        QFile f(dir_.filePath(QStringLiteral("nsd.log")));
        f.open(QIODevice::ReadOnly);
        return QString::fromUtf8(f.readAll());
    }

private slots:
    void initTestCase() {
        QString nsd = QStandardPaths::findExecutable(QStringLiteral("nsd"));
        if (nsd.isEmpty()) {
            nsd = QStandardPaths::findExecutable(
                QStringLiteral("nsd"),
                {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
        }
        if (nsd.isEmpty())
            QSKIP("nsd is not installed (Debian package 'nsd'): live DNS test skipped");
        QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("ss")).isEmpty());
        QVERIFY(dir_.isValid());
        port_ = findFreePort();
        QVERIFY(port_ != 0);
        const QString d = dir_.path();
        for (const char* zone : {"example.org.zone", "2.0.192.in-addr.arpa.zone"}) {
            QVERIFY(QFile::copy(kZones + QLatin1String(zone),
                                d + QLatin1Char('/') + QLatin1String(zone)));
        }
        QFile conf(d + QStringLiteral("/nsd.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("server:\n"
                                  "    ip-address: 127.0.0.1@%1\n"
                                  "    do-ip6: no\n"
                                  "    username: \"\"\n"
                                  "    chroot: \"\"\n"
                                  "    zonesdir: \"%2\"\n"
                                  "    database: \"\"\n"
                                  "    pidfile: \"%2/nsd.pid\"\n"
                                  "    xfrdfile: \"%2/xfrd.state\"\n"
                                  "    xfrdir: \"%2\"\n"
                                  "    zonelistfile: \"%2/zone.list\"\n"
                                  "    logfile: \"%2/nsd.log\"\n"
                                  "    server-count: 1\n"
                                  "    verbosity: 1\n"
                                  "remote-control:\n"
                                  "    control-enable: no\n"
                                  "zone:\n"
                                  "    name: example.org.\n"
                                  "    zonefile: example.org.zone\n"
                                  "zone:\n"
                                  "    name: 2.0.192.in-addr.arpa.\n"
                                  "    zonefile: 2.0.192.in-addr.arpa.zone\n")
                       .arg(port_)
                       .arg(d)
                       .toUtf8());
        conf.close();
        nsd_.setProcessChannelMode(QProcess::MergedChannels);
        nsd_.start(nsd, {QStringLiteral("-d"), QStringLiteral("-c"), conf.fileName()});
        QVERIFY2(nsd_.waitForStarted(5000), qPrintable(nsd_.errorString()));
        QElapsedTimer clock;
        clock.start();
        while (!listening()) {
            if (nsd_.state() != QProcess::Running || clock.elapsed() > 10000) {
                QFAIL(qPrintable(QStringLiteral("NSD did not come up on port %1: %2 %3")
                                     .arg(port_)
                                     .arg(QString::fromUtf8(nsd_.readAll()), nsdLog())));
            }
            QTest::qWait(20);
        }
        qInfo("NSD listening on 127.0.0.1:%d after %lld ms", port_,
              static_cast<long long>(clock.elapsed()));
        LiveResolverOptions options;
        options.server = parseServerAddress(serverText().toStdString());
        options.timeout = std::chrono::milliseconds(1500);
        options.retries = 1;
        options.recursionDesired = false;  // NSD is authoritative only
        live_ = std::make_unique<LiveResolver>(options);
    }

    void init() { QVERIFY2(nsd_.state() == QProcess::Running, qPrintable(nsdLog())); }

    void cleanupTestCase() {
        live_.reset();
        if (nsd_.state() == QProcess::NotRunning)
            return;
        nsd_.terminate();  // SIGTERM; NSD exits in 1.4–1.7 s
        if (!nsd_.waitForFinished(8000)) {
            nsd_.kill();
            nsd_.waitForFinished(2000);
        }
        QVERIFY(nsd_.state() == QProcess::NotRunning);
    }

    void liveAnswers() {
        const auto txt = live_->query("example.org", RRType::TXT);
        QCOMPARE(txt.rcode, Rcode::NoError);
        QCOMPARE(txt.ofType(RRType::TXT).size(), size_t(2));
        const auto spf = live_->query("_spf.EXAMPLE.org.", RRType::TXT);
        QCOMPARE(spf.ofType(RRType::TXT).at(0)->strings.size(), size_t(2));
        QCOMPARE(spf.ofType(RRType::TXT).at(0)->joinedText(),
                 std::string("v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:1::/48 ~all"));
        const auto mx = live_->query("example.org", RRType::MX);
        QCOMPARE(mx.ofType(RRType::MX).size(), size_t(2));
        const auto aaaa = live_->query("mail.example.org", RRType::AAAA);
        QCOMPARE(aaaa.ofType(RRType::AAAA).at(0)->address->toString(), std::string("2001:db8::10"));
        // www -> alias -> mail: the chain, then the address.
        const auto chain = live_->query("www.example.org", RRType::A);
        QCOMPARE(chain.rcode, Rcode::NoError);
        QCOMPARE(chain.ofType(RRType::CNAME).size(), size_t(2));
        QCOMPARE(chain.ofType(RRType::A).at(0)->rdata, std::string("192.0.2.10"));
        const auto ptr = live_->query("10.2.0.192.in-addr.arpa", RRType::PTR);
        QCOMPARE(ptr.ofType(RRType::PTR).at(0)->target, std::string("mail.example.org"));
        QCOMPARE(ptr.ofType(RRType::PTR).at(0)->ttl, 43200u);
        QCOMPARE(live_->query("nope.example.org", RRType::A).rcode, Rcode::NxDomain);
        const auto nodata = live_->query("mail.example.org", RRType::TXT);
        QCOMPARE(nodata.rcode, Rcode::NoError);
        QVERIFY(nodata.records.empty());
        // Not a zone NSD serves: REFUSED, which SPF must treat as an error (temperror).
        const auto refused = live_->query("example.net", RRType::TXT);
        QCOMPARE(refused.rcode, Rcode::ServFail);
        QVERIFY(refused.detail.find("REFUSED") != std::string::npos);
    }

    void asyncQueries() {
        auto future = live_->queryAsync("mail.example.org", RRType::A);
        std::promise<DnsAnswer> delivered;
        auto viaCallback = delivered.get_future();
        live_->queryAsync("backup.example.org", RRType::A,
                          [&delivered](DnsAnswer a) { delivered.set_value(std::move(a)); });
        QCOMPARE(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
        QCOMPARE(future.get().ofType(RRType::A).at(0)->rdata, std::string("192.0.2.10"));
        QCOMPARE(viaCallback.wait_for(std::chrono::seconds(10)), std::future_status::ready);
        QCOMPARE(viaCallback.get().ofType(RRType::A).at(0)->rdata, std::string("192.0.2.11"));
        // A whole SPF evaluation off the calling thread.
        std::shared_ptr<Resolver> shared = std::make_shared<LiveResolver>(live_->options());
        auto outcome = checkHostAsync(shared, SpfRequest::forMailFrom(*Address::parse("192.0.2.3"),
                                                                      "x@e14.example.org", "h"));
        QCOMPARE(outcome.wait_for(std::chrono::seconds(20)), std::future_status::ready);
        QCOMPARE(outcome.get().result, SpfResult::Pass);
    }

    // SPF through live DNS: E14–E16, mx + include, ptr validation, exp=.
    void spfAgainstLiveDns() {
        QCOMPARE(check(*live_, "192.0.2.3", "e14.example.org").result, SpfResult::Pass);
        const auto e14 = check(*live_, "203.0.113.9", "e14.example.org");
        QCOMPARE(e14.result, SpfResult::PermError);
        QCOMPARE(e14.trace.lookups, 11);
        QCOMPARE(check(*live_, "192.0.2.1", "e15.example.org").result, SpfResult::PermError);
        QCOMPARE(check(*live_, "203.0.113.9", "e16.example.org").result, SpfResult::PermError);
        QCOMPARE(check(*live_, "192.0.2.11", "example.org").result, SpfResult::Pass);
        QCOMPARE(check(*live_, "198.51.100.200", "example.org").result, SpfResult::Pass);
        QCOMPARE(check(*live_, "203.0.113.5", "example.org").result, SpfResult::Fail);
        QCOMPARE(check(*live_, "192.0.2.10", "byptr.example.org").result, SpfResult::Pass);
        QCOMPARE(check(*live_, "192.0.2.12", "byptr.example.org").result, SpfResult::Fail);
        const auto deny = check(*live_, "192.0.2.77", "deny.example.org");
        QCOMPARE(deny.explanation,
                 std::string("192.0.2.77 is not allowed to send mail for deny.example.org"));
        QCOMPARE(check(*live_, "192.0.2.1", "example.net").result, SpfResult::TempError);
    }

    // The same zone files served live and from memory give the same verdicts.
    void liveAgreesWithZoneFiles() {
        ZoneDataResolver files;
        for (const char* zone : {"example.org.zone", "2.0.192.in-addr.arpa.zone"}) {
            const auto parsed = parseZoneFile((kZones + QLatin1String(zone)).toStdString());
            QVERIFY2(parsed.ok, parsed.error.c_str());
            files.add(parsed.records);
        }
        const char* clients[] = {"192.0.2.3",    "192.0.2.10",    "192.0.2.12",
                                 "198.51.100.1", "2001:db8:1::1", "203.0.113.9"};
        const char* domains[] = {"example.org",     "e14.example.org",   "e15.example.org",
                                 "e16.example.org", "byptr.example.org", "deny.example.org",
                                 "_spf.example.org"};
        for (const char* domain : domains) {
            for (const char* client : clients) {
                const auto a = check(*live_, client, domain);
                const auto b = check(files, client, domain);
                QVERIFY2(a.result == b.result,
                         qPrintable(QStringLiteral("%1 %2").arg(domain, client)));
                QCOMPARE(a.explanation, b.explanation);
                QCOMPARE(a.trace.decision.path, b.trace.decision.path);
            }
        }
    }

    void cliAgainstLiveServer() {
        QProcess cli;
        cli.start(QStringLiteral(MAILTOPO_CLI_PATH),
                  {QStringLiteral("spf"), QStringLiteral("example.org"), QStringLiteral("--ip"),
                   QStringLiteral("192.0.2.10"), QStringLiteral("--server"), serverText(),
                   QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        const auto json = nlohmann::json::parse(cli.readAllStandardOutput().toStdString());
        QCOMPARE(json.at("result").get<std::string>(), std::string("pass"));
        QCOMPARE(json.at("decision").at("path").at(0).get<std::string>(),
                 std::string("example.org: mx"));
        QVERIFY(json.at("trace").at("terms").at(0).at("lookups").size() >= 2);

        QProcess overLimit;
        overLimit.start(
            QStringLiteral(MAILTOPO_CLI_PATH),
            {QStringLiteral("spf"), QStringLiteral("e14.example.org"), QStringLiteral("--ip"),
             QStringLiteral("203.0.113.9"), QStringLiteral("--server"), serverText()});
        QVERIFY(overLimit.waitForFinished(30000));
        QCOMPARE(overLimit.exitCode(), 0);
        const QByteArray text = overLimit.readAllStandardOutput();
        QVERIFY(text.contains("Result: permerror"));
        QVERIFY(text.contains("section 4.6.4"));
    }

    // dns-check --server (design vs world): the zone files NSD serves, imported as the
    // design's external zones, match record for record; with one deliberate difference in
    // the design (backup.example.org A 192.0.2.99, NSD serves 192.0.2.11) exactly one
    // dns-live-mismatch finding names the record set and both values.
    void dnsCheckAgainstLiveServer() {
        mailtopo::model::Design design;
        design.info.name = "dns-check against NSD";
        for (const char* zone : {"example.org.zone", "2.0.192.in-addr.arpa.zone"}) {
            const auto parsed = parseZoneFile((kZones + QLatin1String(zone)).toStdString());
            QVERIFY2(parsed.ok, parsed.error.c_str());
            design.dnsZones.push_back(
                toModelZone(parsed.records, parsed.origin, "zone-" + parsed.origin));
        }
        auto run = [this](const mailtopo::model::Design& d, const QString& name) {
            const QString path = dir_.filePath(name);
            QFile file(path);
            file.open(QIODevice::WriteOnly);
            file.write(QByteArray::fromStdString(mailtopo::io::serializeDesign(d)));
            file.close();
            QProcess cli;
            cli.start(QStringLiteral(MAILTOPO_CLI_PATH),
                      {QStringLiteral("dns-check"), path, QStringLiteral("--server"), serverText(),
                       QStringLiteral("--format"), QStringLiteral("json"),
                       QStringLiteral("--fail-on"), QStringLiteral("warning")});
            cli.waitForFinished(60000);
            return std::make_pair(cli.exitCode(), cli.readAllStandardOutput().toStdString());
        };
        const auto [sameExit, sameOut] = run(design, QStringLiteral("same.mailtopo"));
        QCOMPARE(sameExit, 0);
        QVERIFY2(nlohmann::json::parse(sameOut).at("findings").empty(), sameOut.c_str());

        for (auto& record : design.dnsZones.front().records)
            if (record.name == "backup" && record.type == "A")
                record.data = "192.0.2.99";
        const auto [diffExit, diffOut] = run(design, QStringLiteral("different.mailtopo"));
        QCOMPARE(diffExit, 1);  // a warning, and --fail-on warning
        const auto findings = nlohmann::json::parse(diffOut).at("findings");
        QCOMPARE(findings.size(), size_t(1));
        QCOMPARE(findings.at(0).at("rule").get<std::string>(), std::string("dns-live-mismatch"));
        const auto message = findings.at(0).at("message").get<std::string>();
        QVERIFY2(message.find("backup.example.org A") != std::string::npos, message.c_str());
        QVERIFY2(
            message.find("the design has 192.0.2.99, the server 192.0.2.11") != std::string::npos,
            message.c_str());
    }

    // No server listening: TIMEOUT within the configured bound, not a hang.
    void unreachableServerTimesOut() {
        const uint16_t closed = findFreePort();
        QVERIFY(closed != 0);
        LiveResolverOptions options;
        options.server = ServerAddress{*Address::parse("127.0.0.1"), closed};
        options.timeout = std::chrono::milliseconds(300);
        options.retries = 1;
        LiveResolver dead(options);
        QElapsedTimer clock;
        clock.start();
        const auto answer = dead.query("example.org", RRType::TXT);
        QCOMPARE(answer.rcode, Rcode::Timeout);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(check(dead, "192.0.2.1", "example.org").result, SpfResult::TempError);
    }
};

QTEST_GUILESS_MAIN(TestDnsLive)
#include "tst_dns_live.moc"
