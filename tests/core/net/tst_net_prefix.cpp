// Prefix: CIDR parsing, network/first/last/size and containment.

#include <QtTest>

#include <algorithm>
#include <vector>

#include "core/net/prefix.h"

using mailtopo::net::Address;
using mailtopo::net::Prefix;
using mailtopo::net::U128;

namespace {

Prefix prefix(const char* text) {
    const auto p = Prefix::parse(text);
    if (!p)
        qFatal("test prefix '%s' does not parse", text);
    return *p;
}

Address addr(const char* text) {
    return *Address::parse(text);
}

QString str(const auto& value) {
    return QString::fromStdString(value.toString());
}

}  // namespace

class TestNetPrefix : public QObject {
    Q_OBJECT

private slots:
    void parses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("last");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("size");
        QTest::newRow("/24") << "10.0.0.0/24"
                             << "10.0.0.0"
                             << "10.0.0.255" << 24 << "256";
        QTest::newRow("host bits") << "10.0.0.5/24"
                                   << "10.0.0.0"
                                   << "10.0.0.255" << 24 << "256";
        QTest::newRow("/32") << "10.0.0.5/32"
                             << "10.0.0.5"
                             << "10.0.0.5" << 32 << "1";
        QTest::newRow("/0") << "0.0.0.0/0"
                            << "0.0.0.0"
                            << "255.255.255.255" << 0 << "4294967296";
        QTest::newRow("/31") << "192.0.2.7/31"
                             << "192.0.2.6"
                             << "192.0.2.7" << 31 << "2";
        QTest::newRow("v6 /32") << "2001:db8::/32"
                                << "2001:db8::"
                                << "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff" << 32
                                << "79228162514264337593543950336";
        QTest::newRow("v6 /64") << "2001:db8::1/64"
                                << "2001:db8::"
                                << "2001:db8::ffff:ffff:ffff:ffff" << 64 << "18446744073709551616";
        QTest::newRow("v6 /128") << "::1/128"
                                 << "::1"
                                 << "::1" << 128 << "1";
        QTest::newRow("v6 /0 saturates") << "::/0"
                                         << "::"
                                         << "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" << 0
                                         << "340282366920938463463374607431768211455";
    }
    void parses() {
        QFETCH(QString, text);
        QFETCH(QString, network);
        QFETCH(QString, last);
        QFETCH(int, length);
        QFETCH(QString, size);
        std::string error;
        const auto p = Prefix::parse(text.toStdString(), &error);
        QVERIFY2(p, error.c_str());
        QCOMPARE(str(p->network()), network);
        QCOMPARE(str(p->first()), network);
        QCOMPARE(str(p->last()), last);
        QCOMPARE(p->length(), length);
        QCOMPARE(str(p->size()), size);
        QCOMPARE(str(*p), text);  // written form kept, host bits included
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no slash") << "10.0.0.0"
                                  << "'10.0.0.0': missing '/' and prefix length";
        QTest::newRow("two slashes") << "10.0.0.0/8/8"
                                     << "'10.0.0.0/8/8': more than one '/'";
        QTest::newRow("too long v4") << "10.0.0.0/33"
                                     << "'10.0.0.0/33': prefix length is greater than 32";
        QTest::newRow("too long v6") << "::/129"
                                     << "'::/129': prefix length is greater than 128";
        QTest::newRow("empty length") << "10.0.0.0/"
                                      << "'10.0.0.0/': prefix length is missing";
        QTest::newRow("negative")
            << "10.0.0.0/-1"
            << "'10.0.0.0/-1': prefix length contains '-', expected decimal digits";
        QTest::newRow("leading zero") << "10.0.0.0/08"
                                      << "'10.0.0.0/08': prefix length has a leading zero";
        QTest::newRow("netmask after slash")
            << "10.0.0.0/255.0.0.0"
            << "'10.0.0.0/255.0.0.0': prefix length must be a number, not a netmask";
        QTest::newRow("bad address") << "10.0.0.256/24"
                                     << "'10.0.0.256/24': bad address: octet 4 is greater than 255";
        QTest::newRow("space") << "10.0.0.0 /24"
                               << "'10.0.0.0 /24': bad address: spaces around the address are "
                                  "not allowed";
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!Prefix::parse(text.toStdString(), &error));
        QCOMPARE(QString::fromStdString(error), message);
    }

    void containsAddresses() {
        const Prefix p = prefix("10.1.0.0/16");
        QVERIFY(p.contains(addr("10.1.0.0")));
        QVERIFY(p.contains(addr("10.1.255.255")));
        QVERIFY(!p.contains(addr("10.2.0.0")));
        QVERIFY(!p.contains(addr("10.0.255.255")));
        QVERIFY(!p.contains(addr("::ffff:10.1.0.1")));  // other family
        QVERIFY(prefix("::/0").contains(addr("2001:db8::1")));
        QVERIFY(!prefix("::/0").contains(addr("10.0.0.1")));
        QVERIFY(prefix("0.0.0.0/0").contains(addr("255.255.255.255")));
    }

    void containsPrefixes() {
        QVERIFY(prefix("10.0.0.0/8").contains(prefix("10.1.0.0/16")));
        QVERIFY(prefix("10.0.0.0/8").contains(prefix("10.0.0.0/8")));
        QVERIFY(!prefix("10.1.0.0/16").contains(prefix("10.0.0.0/8")));
        QVERIFY(!prefix("10.0.0.0/8").contains(prefix("11.0.0.0/16")));
        QVERIFY(prefix("10.0.0.0/8").contains(prefix("10.200.0.7/16")));  // host bits ignored
        QVERIFY(!prefix("10.0.0.0/8").contains(prefix("::/0")));
    }

    void constructorClampsLength() {
        QCOMPARE(Prefix(addr("10.0.0.1"), 40).length(), 32);
        QCOMPARE(Prefix(addr("10.0.0.1"), -3).length(), 0);
        QCOMPARE(Prefix(addr("::1"), 200).length(), 128);
    }

    void defaultIsTheWholeIpv4Space() {
        QCOMPARE(str(Prefix()), QStringLiteral("0.0.0.0/0"));
        QVERIFY(Prefix().contains(addr("255.255.255.255")));
    }

    void equalityIsOnTheWrittenForm() {
        QVERIFY(prefix("10.0.0.5/24") != prefix("10.0.0.0/24"));
        QVERIFY(prefix("10.0.0.5/24").network() == prefix("10.0.0.0/24").network());
        QVERIFY(prefix("10.0.0.0/24") == Prefix(addr("10.0.0.0"), 24));
    }

    void ordersByNetworkThenLength() {
        std::vector<Prefix> list = {prefix("10.0.0.0/24"), prefix("::/0"), prefix("10.0.0.0/8"),
                                    prefix("10.0.0.9/24"), prefix("9.0.0.0/8")};
        std::sort(list.begin(), list.end());
        QStringList texts;
        for (const Prefix& p : list)
            texts << str(p);
        QCOMPARE(texts,
                 (QStringList{"9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/24", "10.0.0.9/24", "::/0"}));
    }
};

QTEST_GUILESS_MAIN(TestNetPrefix)
#include "tst_net_prefix.moc"
