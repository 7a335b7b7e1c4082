// Binding: receive-connector bindings, their text form and the overlap rule R19(a).

#include <QtTest>

#include <algorithm>
#include <vector>

#include "core/net/binding.h"

using mailtopo::net::Address;
using mailtopo::net::Binding;

namespace {

Binding binding(const char* text) {
    std::string error;
    const auto b = Binding::parse(text, &error);
    if (!b)
        qFatal("test binding '%s' does not parse: %s", text, error.c_str());
    return *b;
}

Address addr(const char* text) {
    return *Address::parse(text);
}

}  // namespace

class TestNetBinding : public QObject {
    Q_OBJECT

private slots:
    void parses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("v4 wildcard") << "0.0.0.0:25"
                                     << "0.0.0.0" << 25 << "0.0.0.0:25";
        QTest::newRow("v6 wildcard") << "[::]:25"
                                     << "::" << 25 << "[::]:25";
        QTest::newRow("v4 address") << "10.0.0.5:2525"
                                    << "10.0.0.5" << 2525 << "10.0.0.5:2525";
        QTest::newRow("v6 address") << "[2001:db8::5]:587"
                                    << "2001:db8::5" << 587 << "[2001:db8::5]:587";
        QTest::newRow("port 1") << "10.0.0.5:1"
                                << "10.0.0.5" << 1 << "10.0.0.5:1";
        QTest::newRow("port 65535") << "10.0.0.5:65535"
                                    << "10.0.0.5" << 65535 << "10.0.0.5:65535";
        QTest::newRow("spaces around") << "  [::]:25 "
                                       << "::" << 25 << "[::]:25";
        QTest::newRow("v6 not canonical") << "[2001:DB8:0::05]:465"
                                          << "2001:db8::5" << 465 << "[2001:db8::5]:465";
        QTest::newRow("v4-mapped") << "[::ffff:10.0.0.5]:25"
                                   << "::ffff:10.0.0.5" << 25 << "[::ffff:10.0.0.5]:25";
    }
    void parses() {
        QFETCH(QString, text);
        QFETCH(QString, address);
        QFETCH(int, port);
        QFETCH(QString, canonical);
        std::string error;
        const auto b = Binding::parse(text.toStdString(), &error);
        QVERIFY2(b, error.c_str());
        QCOMPARE(QString::fromStdString(b->address().toString()), address);
        QCOMPARE(int{b->port()}, port);
        QCOMPARE(QString::fromStdString(b->toString()), canonical);
        QCOMPARE(Binding::parse(b->toString()), b);
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "'': binding is empty";
        QTest::newRow("no port") << "10.0.0.5"
                                 << "'10.0.0.5': missing ':' and port";
        QTest::newRow("empty port") << "10.0.0.5:"
                                    << "'10.0.0.5:': port is missing";
        QTest::newRow("port 0")
            << "10.0.0.5:0"
            << "'10.0.0.5:0': port 0 is not a valid listening port (use 1..65535)";
        QTest::newRow("port too big") << "10.0.0.5:65536"
                                      << "'10.0.0.5:65536': port is greater than 65535";
        QTest::newRow("huge port") << "10.0.0.5:99999999999999999999"
                                   << "'10.0.0.5:99999999999999999999': port is greater than 65535";
        QTest::newRow("port leading zero") << "10.0.0.5:025"
                                           << "'10.0.0.5:025': port has a leading zero";
        QTest::newRow("port not a number")
            << "10.0.0.5:smtp"
            << "'10.0.0.5:smtp': port contains 's', expected decimal digits";
        QTest::newRow("unbracketed v6")
            << ":::25"
            << "':::25': an IPv6 address must be in brackets, e.g. [::]:25";
        QTest::newRow("unbracketed v6 address") << "2001:db8::5:587"
                                                << "'2001:db8::5:587': an IPv6 address must be in "
                                                   "brackets, e.g. [::]:25";
        QTest::newRow("unclosed bracket") << "[::1:25"
                                          << "'[::1:25': missing ']' after the IPv6 address";
        QTest::newRow("bracket no port") << "[::1]"
                                         << "'[::1]': missing ':' and port after ']'";
        QTest::newRow("bracket junk") << "[::1]x25"
                                      << "'[::1]x25': expected ':' and a port after ']'";
        QTest::newRow("bracketed v4") << "[10.0.0.5]:25"
                                      << "'[10.0.0.5]:25': brackets are only for IPv6 addresses; "
                                         "write 10.0.0.5:port";
        QTest::newRow("bad address") << "10.0.0.256:25"
                                     << "'10.0.0.256:25': address: octet 4 is greater than 255";
        QTest::newRow("bad v6 address")
            << "[2001:db8::g]:25"
            << "'[2001:db8::g]:25': address: group 'g' contains 'g', expected hex digits";
        QTest::newRow("zone id")
            << "[fe80::1%3]:25"
            << "'[fe80::1%3]:25': address: zone ids ('%' and an interface) are not supported";
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!Binding::parse(text.toStdString(), &error));
        QCOMPARE(QString::fromStdString(error), message);
    }

    void wildcards() {
        QVERIFY(binding("0.0.0.0:25").isWildcard());
        QVERIFY(binding("[::]:25").isWildcard());
        QVERIFY(!binding("10.0.0.5:25").isWildcard());
        QVERIFY(!binding("[::1]:25").isWildcard());
    }

    // R19(a): same port, and same address or a wildcard of the other's family.
    void overlaps_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("overlap");
        QTest::newRow("wildcard vs address") << "0.0.0.0:25"
                                             << "10.0.0.5:25" << true;
        QTest::newRow("same address") << "10.0.0.5:25"
                                      << "10.0.0.5:25" << true;
        QTest::newRow("different addresses") << "10.0.0.5:25"
                                             << "10.0.0.6:25" << false;
        QTest::newRow("v4 vs v6 wildcard") << "0.0.0.0:25"
                                           << "[::]:25" << false;
        QTest::newRow("different ports") << "0.0.0.0:25"
                                         << "0.0.0.0:2525" << false;
        QTest::newRow("different ports, same address") << "10.0.0.5:25"
                                                       << "10.0.0.5:587" << false;
        QTest::newRow("both wildcards") << "0.0.0.0:25"
                                        << "0.0.0.0:25" << true;
        QTest::newRow("v6 wildcard vs v6 address") << "[::]:25"
                                                   << "[2001:db8::5]:25" << true;
        QTest::newRow("v6 wildcard vs v4 address") << "[::]:25"
                                                   << "10.0.0.5:25" << false;
        QTest::newRow("v4 wildcard vs v6 address") << "0.0.0.0:25"
                                                   << "[2001:db8::5]:25" << false;
        QTest::newRow("v4 vs its mapped v6 form") << "10.0.0.5:25"
                                                  << "[::ffff:10.0.0.5]:25" << false;
        QTest::newRow("v6 addresses") << "[2001:db8::5]:25"
                                      << "[2001:db8::6]:25" << false;
    }
    void overlaps() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, overlap);
        const Binding x = binding(a.toLatin1().constData());
        const Binding y = binding(b.toLatin1().constData());
        QCOMPARE(x.overlaps(y), overlap);
        QCOMPARE(y.overlaps(x), overlap);  // the rule is symmetric
    }

    void covers() {
        const Binding any4 = binding("0.0.0.0:25");
        QVERIFY(any4.covers(addr("10.0.0.5"), 25));
        QVERIFY(any4.covers(addr("0.0.0.0"), 25));
        QVERIFY(!any4.covers(addr("10.0.0.5"), 587));
        QVERIFY(!any4.covers(addr("2001:db8::5"), 25));

        const Binding one = binding("10.0.0.5:2525");
        QVERIFY(one.covers(addr("10.0.0.5"), 2525));
        QVERIFY(!one.covers(addr("10.0.0.6"), 2525));
        QVERIFY(!one.covers(addr("10.0.0.5"), 25));

        const Binding any6 = binding("[::]:25");
        QVERIFY(any6.covers(addr("2001:db8::5"), 25));
        QVERIFY(!any6.covers(addr("10.0.0.5"), 25));
    }

    void constructsAndOrders() {
        const Binding b(addr("10.0.0.5"), 25);
        QCOMPARE(b, binding("10.0.0.5:25"));
        QCOMPARE(QString::fromStdString(Binding().toString()), QStringLiteral("0.0.0.0:0"));

        std::vector<Binding> list = {binding("[::]:25"), binding("10.0.0.5:587"),
                                     binding("10.0.0.5:25"), binding("0.0.0.0:2525")};
        std::sort(list.begin(), list.end());
        QStringList texts;
        for (const Binding& x : list)
            texts << QString::fromStdString(x.toString());
        QCOMPARE(texts, (QStringList{"0.0.0.0:2525", "10.0.0.5:25", "10.0.0.5:587", "[::]:25"}));
    }
};

QTEST_GUILESS_MAIN(TestNetBinding)
#include "tst_net_binding.moc"
