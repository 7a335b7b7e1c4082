// Address: parsing, canonical text, bit-level helpers (CPL, netmasks) and ordering.

#include <QtTest>

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "core/net/address.h"

using mailtopo::net::Address;
using mailtopo::net::commonPrefixLength;
using mailtopo::net::Family;
using mailtopo::net::netmaskFromPrefixLength;
using mailtopo::net::prefixLengthFromNetmask;
using mailtopo::net::U128;

// Lets QCOMPARE print addresses (found by argument-dependent lookup).
namespace mailtopo::net {
char* toString(const Address& a) {
    return qstrdup(a.toString().c_str());
}
}  // namespace mailtopo::net

namespace {

Address addr(const char* text) {
    const auto a = Address::parse(text);
    if (!a)
        qFatal("test address '%s' does not parse", text);
    return *a;
}

QString str(const Address& a) {
    return QString::fromStdString(a.toString());
}

}  // namespace

class TestNetAddress : public QObject {
    Q_OBJECT

private slots:
    void parsesIpv4_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint32>("value");
        QTest::newRow("zero") << "0.0.0.0" << 0u;
        QTest::newRow("private") << "10.0.0.1" << 0x0A000001u;
        QTest::newRow("max") << "255.255.255.255" << 0xFFFFFFFFu;
        QTest::newRow("mixed") << "192.168.100.7" << 0xC0A86407u;
        QTest::newRow("zero octets") << "1.0.0.0" << 0x01000000u;
    }
    void parsesIpv4() {
        QFETCH(QString, text);
        QFETCH(quint32, value);
        std::string error;
        const auto a = Address::parse(text.toStdString(), &error);
        QVERIFY2(a, error.c_str());
        QVERIFY(a->isV4());
        QCOMPARE(a->bitWidth(), 32);
        QCOMPARE(a->v4Value(), value);
        QCOMPARE(str(*a), text);  // dotted quad text is already canonical
    }

    void parsesIpv6_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("unspecified") << "::"
                                     << "::";
        QTest::newRow("loopback") << "::1"
                                  << "::1";
        QTest::newRow("trailing gap") << "1::"
                                      << "1::";
        QTest::newRow("full") << "2001:db8:1:2:3:4:5:6"
                              << "2001:db8:1:2:3:4:5:6";
        QTest::newRow("gap of one group") << "1:2:3:4:5:6:7::"
                                          << "1:2:3:4:5:6:7:0";
        QTest::newRow("gap of one group first") << "::2:3:4:5:6:7:8"
                                                << "0:2:3:4:5:6:7:8";
        QTest::newRow("upper case") << "2001:DB8::ABCD"
                                    << "2001:db8::abcd";
        QTest::newRow("embedded v4 mapped") << "::ffff:192.0.2.1"
                                            << "::ffff:192.0.2.1";
        QTest::newRow("mapped written in hex") << "::ffff:c000:201"
                                               << "::ffff:192.0.2.1";
        QTest::newRow("embedded v4 full") << "1:2:3:4:5:6:1.2.3.4"
                                          << "1:2:3:4:5:6:102:304";
        QTest::newRow("embedded v4 after gap") << "64:ff9b::192.0.2.33"
                                               << "64:ff9b::c000:221";
        QTest::newRow("leading zeros in groups") << "0001:0db8::0010"
                                                 << "1:db8::10";
        QTest::newRow("all ones") << "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF"
                                  << "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    }
    void parsesIpv6() {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        std::string error;
        const auto a = Address::parse(text.toStdString(), &error);
        QVERIFY2(a, error.c_str());
        QVERIFY(a->isV6());
        QCOMPARE(a->bitWidth(), 128);
        QCOMPARE(str(*a), canonical);
        QCOMPARE(Address::parse(canonical.toStdString()), a);
    }

    // RFC 5952 sections 4 and 5, plus the cases where its rules interact.
    void canonicalIpv6Text_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("4.1 leading zeros") << "2001:0db8::0001"
                                           << "2001:db8::1";
        QTest::newRow("4.2.1 longest run") << "2001:db8:0:0:0:0:2:1"
                                           << "2001:db8::2:1";
        QTest::newRow("4.2.2 single zero group kept") << "2001:db8:0:1:1:1:1:1"
                                                      << "2001:db8:0:1:1:1:1:1";
        QTest::newRow("4.2.3 longer run wins") << "2001:0:0:1:0:0:0:1"
                                               << "2001:0:0:1::1";
        QTest::newRow("4.2.3 first run on a tie") << "2001:db8:0:0:1:0:0:1"
                                                  << "2001:db8::1:0:0:1";
        QTest::newRow("4.3 lower case") << "2001:DB8::AB:CD"
                                        << "2001:db8::ab:cd";
        QTest::newRow("5 ipv4-mapped") << "0:0:0:0:0:ffff:c0a8:1"
                                       << "::ffff:192.168.0.1";
        QTest::newRow("all zeros") << "0:0:0:0:0:0:0:0"
                                   << "::";
        QTest::newRow("run at the end") << "1:0:0:0:0:0:0:0"
                                        << "1::";
        QTest::newRow("run in the middle") << "1:0:0:2:0:0:0:3"
                                           << "1:0:0:2::3";
        QTest::newRow("no zeros") << "1:2:3:4:5:6:7:8"
                                  << "1:2:3:4:5:6:7:8";
        QTest::newRow("link local") << "fe80:0:0:0:0202:b3ff:fe1e:8329"
                                    << "fe80::202:b3ff:fe1e:8329";
        QTest::newRow("v4-compatible stays hex") << "::192.0.2.1"
                                                 << "::c000:201";
    }
    void canonicalIpv6Text() {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto a = Address::parse(text.toStdString());
        QVERIFY(a);
        QCOMPARE(str(*a), canonical);
    }

    void rejectsMalformedText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");  // the complete error text
        QTest::newRow("empty") << ""
                               << "'': address is empty";
        QTest::newRow("octet > 255") << "10.0.0.300"
                                     << "'10.0.0.300': octet 4 is greater than 255";
        QTest::newRow("huge octet") << "10.99999999999999999999.0.1"
                                    << "'10.99999999999999999999.0.1': octet 2 is greater than 255";
        QTest::newRow("leading zero") << "10.0.0.010"
                                      << "'10.0.0.010': octet 4 has a leading zero";
        QTest::newRow("three octets") << "10.0.1"
                                      << "'10.0.1': expected 4 octets separated by '.', found 3";
        QTest::newRow("five octets") << "1.2.3.4.5"
                                     << "'1.2.3.4.5': expected 4 octets separated by '.', found 5";
        QTest::newRow("empty octet") << "1..2.3"
                                     << "'1..2.3': octet 2 is missing";
        QTest::newRow("trailing dot") << "1.2.3."
                                      << "'1.2.3.': octet 4 is missing";
        QTest::newRow("letter") << "1.2.3.x"
                                << "'1.2.3.x': octet 4 contains 'x', expected decimal digits";
        QTest::newRow("sign") << "1.2.+3.4"
                              << "'1.2.+3.4': octet 3 contains '+', expected decimal digits";
        QTest::newRow("trailing space") << "10.0.0.1 "
                                        << "'10.0.0.1 ': spaces around the address are not allowed";
        QTest::newRow("leading space") << " ::1"
                                       << "' ::1': spaces around the address are not allowed";
        QTest::newRow("inner space")
            << "10.0. 0.1"
            << "'10.0. 0.1': octet 3 contains ' ', expected decimal digits";
        QTest::newRow("control byte")
            << "10.0.0.1\n"
            << "'10.0.0.1\\x0a': octet 4 contains byte 0x0a, expected decimal digits";
        QTest::newRow("word") << "localhost"
                              << "'localhost': not an IP address (no '.' or ':')";
        QTest::newRow("prefix")
            << "10.0.0.0/8"
            << "'10.0.0.0/8': a prefix length ('/') is not allowed in an address";
        QTest::newRow("v4 port") << "10.0.0.1:25"
                                 << "'10.0.0.1:25': a port (':') is not allowed in an address";
        QTest::newRow("brackets") << "[::1]"
                                  << "'[::1]': brackets are not allowed around an address";
        QTest::newRow("zone id")
            << "fe80::1%eth0"
            << "'fe80::1%eth0': zone ids ('%' and an interface) are not supported";
        QTest::newRow("two gaps") << "1::2::3"
                                  << "'1::2::3': '::' may appear only once";
        QTest::newRow("triple colon")
            << "1:::2"
            << "'1:::2': ':::' is not valid; '::' stands for any number of zero groups";
        QTest::newRow("single leading colon") << ":1:2:3:4:5:6:7"
                                              << "':1:2:3:4:5:6:7': starts with a single ':'";
        QTest::newRow("single trailing colon") << "1:2:3:4:5:6:7:"
                                               << "'1:2:3:4:5:6:7:': ends with a single ':'";
        QTest::newRow("seven groups")
            << "1:2:3:4:5:6:7"
            << "'1:2:3:4:5:6:7': expected 8 groups, found 7 (use '::' to stand for zero groups)";
        QTest::newRow("nine groups") << "1:2:3:4:5:6:7:8:9"
                                     << "'1:2:3:4:5:6:7:8:9': more than 8 groups";
        QTest::newRow("gap with eight groups")
            << "1:2:3:4::5:6:7:8"
            << "'1:2:3:4::5:6:7:8': too many groups: with '::' there can be at most 7, found 8";
        QTest::newRow("five hex digits") << "12345::"
                                         << "'12345::': group '12345' has more than 4 hex digits";
        QTest::newRow("not hex") << "2001:db8::g"
                                 << "'2001:db8::g': group 'g' contains 'g', expected hex digits";
        QTest::newRow("v4 not last")
            << "::1.2.3.4:5"
            << "'::1.2.3.4:5': an embedded IPv4 address is only allowed as the last part";
        QTest::newRow("v4 before gap")
            << "1.2.3.4::"
            << "'1.2.3.4::': an embedded IPv4 address is only allowed as the last part";
        QTest::newRow("bad embedded v4")
            << "::ffff:1.2.3.256"
            << "'::ffff:1.2.3.256': embedded IPv4 address '1.2.3.256': octet 4 is greater than 255";
        QTest::newRow("embedded v4 overflows") << "1:2:3:4:5:6:7:1.2.3.4"
                                               << "'1:2:3:4:5:6:7:1.2.3.4': more than 8 groups";
        QTest::newRow("embedded v4 too short") << "1:2:3:4:5:1.2.3.4"
                                               << "'1:2:3:4:5:1.2.3.4': expected 8 groups, found 7 "
                                                  "(use '::' to stand for zero groups)";
    }
    void rejectsMalformedText() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!Address::parse(text.toStdString(), &error));
        QCOMPARE(QString::fromStdString(error), message);
        QVERIFY(!Address::parse(text.toStdString()));  // no error pointer is fine too
    }

    void defaultIsIpv4Unspecified() {
        const Address a;
        QVERIFY(a.isV4());
        QCOMPARE(str(a), QStringLiteral("0.0.0.0"));
        QVERIFY(a.isUnspecified());
    }

    void bytesAreNetworkOrder() {
        const auto v4 = addr("192.0.2.1").bytes();
        const std::array<uint8_t, 16> expectedV4 = {192, 0, 2, 1};
        QVERIFY(v4 == expectedV4);

        const std::array<uint8_t, 16> raw = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                             0,    0,    0,    0,    0, 0, 0, 0x2a};
        const Address v6 = Address::v6(raw);
        QCOMPARE(str(v6), QStringLiteral("2001:db8::2a"));
        QVERIFY(v6.bytes() == raw);
        QCOMPARE(addr("2001:db8::2a"), v6);
    }

    void bitsCountFromTheTop() {
        const Address a = addr("128.0.0.1");
        QVERIFY(a.bit(0));
        QVERIFY(!a.bit(1));
        QVERIFY(a.bit(31));
        QVERIFY(!a.bit(32));  // out of range
        QVERIFY(!a.bit(-1));
        const Address b = addr("8000::1");
        QVERIFY(b.bit(0));
        QVERIFY(!b.bit(64));
        QVERIFY(b.bit(127));
    }

    void classifies() {
        QVERIFY(addr("::").isUnspecified());
        QVERIFY(!addr("::1").isUnspecified());
        QVERIFY(addr("127.0.0.1").isLoopback());
        QVERIFY(addr("127.255.255.254").isLoopback());
        QVERIFY(!addr("128.0.0.1").isLoopback());
        QVERIFY(addr("::1").isLoopback());
        QVERIFY(!addr("::2").isLoopback());
        QVERIFY(!addr("::ffff:127.0.0.1").isLoopback());  // mapped, but an IPv6 address
        QVERIFY(addr("169.254.10.20").isLinkLocal());
        QVERIFY(!addr("169.255.0.1").isLinkLocal());
        QVERIFY(addr("fe80::1").isLinkLocal());
        QVERIFY(addr("febf:ffff::1").isLinkLocal());
        QVERIFY(!addr("fec0::1").isLinkLocal());
    }

    void masks() {
        QCOMPARE(str(addr("10.1.2.3").masked(8)), QStringLiteral("10.0.0.0"));
        QCOMPARE(str(addr("10.1.2.3").masked(0)), QStringLiteral("0.0.0.0"));
        QCOMPARE(str(addr("10.1.2.3").masked(32)), QStringLiteral("10.1.2.3"));
        QCOMPARE(str(addr("10.1.2.3").masked(99)), QStringLiteral("10.1.2.3"));  // clamped
        QCOMPARE(str(addr("10.1.2.3").masked(-5)), QStringLiteral("0.0.0.0"));
        QCOMPARE(str(addr("2001:db8:ffff::1").masked(32)), QStringLiteral("2001:db8::"));
        QCOMPARE(str(addr("2001:db8::ffff:1").masked(65)), QStringLiteral("2001:db8::"));
        QCOMPARE(str(addr("2001:db8::8000:0:0:1").masked(65)),
                 QStringLiteral("2001:db8:0:0:8000::"));
    }

    void arithmeticWrapsWithinTheFamily() {
        QCOMPARE(str(addr("10.0.0.255").plus(U128{0, 1})), QStringLiteral("10.0.1.0"));
        QCOMPARE(str(addr("255.255.255.255").plus(U128{0, 1})), QStringLiteral("0.0.0.0"));
        QCOMPARE(str(addr("::ffff:ffff:ffff:ffff").plus(U128{0, 1})), QStringLiteral("0:0:0:1::"));
        QCOMPARE(str(addr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").plus(U128{0, 2})),
                 QStringLiteral("::1"));
        QVERIFY(addr("10.0.1.0").minus(addr("10.0.0.0")) == (U128{0, 256}));
        QVERIFY(addr("0.0.0.0").minus(addr("0.0.0.1")) == (U128{0, 0xFFFFFFFFu}));
        QVERIFY(addr("::").minus(addr("::1")) == U128::max());
        QVERIFY(addr("1::").minus(addr("::")) == (U128{uint64_t{1} << 48, 0}));
        QVERIFY(addr("::1").minus(addr("0.0.0.0")) == U128{});  // families differ
    }

    // The domain examples: which of two addresses shares the longer leading run of bits with
    // a third one decides between otherwise equal smart hosts.
    void commonPrefixLengths_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("cpl");
        QTest::newRow("200 vs 1") << "10.0.0.200"
                                  << "10.0.0.1" << 24;
        QTest::newRow("100 vs 1") << "10.0.0.100"
                                  << "10.0.0.1" << 25;
        QTest::newRow("200 vs 254") << "10.0.0.200"
                                    << "10.0.0.254" << 26;
        QTest::newRow("100 vs 254") << "10.0.0.100"
                                    << "10.0.0.254" << 24;
        QTest::newRow("9 vs 1") << "10.0.0.9"
                                << "10.0.0.1" << 28;
        QTest::newRow("20 vs 1") << "10.0.0.20"
                                 << "10.0.0.1" << 27;
        QTest::newRow("identical v4") << "10.0.0.1"
                                      << "10.0.0.1" << 32;
        QTest::newRow("first bit differs") << "0.0.0.0"
                                           << "128.0.0.0" << 0;
        QTest::newRow("last bit differs") << "10.0.0.0"
                                          << "10.0.0.1" << 31;
        QTest::newRow("identical v6") << "2001:db8::1"
                                      << "2001:db8::1" << 128;
        QTest::newRow("v6 /32") << "2001:db8::"
                                << "2001:db9::" << 31;
        QTest::newRow("v6 low half") << "::1"
                                     << "::2" << 126;
        QTest::newRow("v6 high half") << "8000::"
                                      << "::" << 0;
        QTest::newRow("families differ") << "0.0.0.1"
                                         << "::1" << 0;
        QTest::newRow("mapped vs v4") << "::ffff:10.0.0.1"
                                      << "10.0.0.1" << 0;
    }
    void commonPrefixLengths() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, cpl);
        const Address x = addr(a.toLatin1().constData());
        const Address y = addr(b.toLatin1().constData());
        QCOMPARE(commonPrefixLength(x, y), cpl);
        QCOMPARE(commonPrefixLength(y, x), cpl);
    }

    void orders() {
        std::vector<Address> sorted = {
            addr("::"),  addr("10.0.0.1"),        addr("9.255.255.255"), addr("2001:db8::"),
            addr("::1"), addr("255.255.255.255"), addr("0.0.0.0")};
        std::sort(sorted.begin(), sorted.end());
        QStringList texts;
        for (const Address& a : sorted)
            texts << str(a);
        QCOMPARE(texts, (QStringList{"0.0.0.0", "9.255.255.255", "10.0.0.1", "255.255.255.255",
                                     "::", "::1", "2001:db8::"}));
        QVERIFY(addr("255.255.255.255") < addr("::"));  // every IPv4 before every IPv6
        QVERIFY(addr("0.0.0.1") != addr("::1"));
        QVERIFY(addr("10.0.0.1") == Address::v4(0x0A000001u));
    }

    void netmaskConversions_data() {
        QTest::addColumn<QString>("mask");
        QTest::addColumn<int>("length");
        QTest::newRow("/0") << "0.0.0.0" << 0;
        QTest::newRow("/1") << "128.0.0.0" << 1;
        QTest::newRow("/8") << "255.0.0.0" << 8;
        QTest::newRow("/23") << "255.255.254.0" << 23;
        QTest::newRow("/24") << "255.255.255.0" << 24;
        QTest::newRow("/31") << "255.255.255.254" << 31;
        QTest::newRow("/32") << "255.255.255.255" << 32;
        QTest::newRow("v6 /0") << "::" << 0;
        QTest::newRow("v6 /10") << "ffc0::" << 10;
        QTest::newRow("v6 /64") << "ffff:ffff:ffff:ffff::" << 64;
        QTest::newRow("v6 /65") << "ffff:ffff:ffff:ffff:8000::" << 65;
        QTest::newRow("v6 /128") << "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" << 128;
    }
    void netmaskConversions() {
        QFETCH(QString, mask);
        QFETCH(int, length);
        const Address m = addr(mask.toLatin1().constData());
        QCOMPARE(prefixLengthFromNetmask(m), std::optional<int>(length));
        QCOMPARE(netmaskFromPrefixLength(m.family(), length), m);
    }

    void nonContiguousNetmasks() {
        QCOMPARE(prefixLengthFromNetmask(addr("255.0.255.0")), std::nullopt);
        QCOMPARE(prefixLengthFromNetmask(addr("0.0.0.255")), std::nullopt);
        QCOMPARE(prefixLengthFromNetmask(addr("255.255.255.253")), std::nullopt);
        QCOMPARE(prefixLengthFromNetmask(addr("ffff::1")), std::nullopt);
        QCOMPARE(prefixLengthFromNetmask(addr("::ffff")), std::nullopt);
    }

    void netmaskLengthIsClamped() {
        QCOMPARE(str(netmaskFromPrefixLength(Family::V4, 40)), QStringLiteral("255.255.255.255"));
        QCOMPARE(str(netmaskFromPrefixLength(Family::V4, -1)), QStringLiteral("0.0.0.0"));
        QCOMPARE(str(netmaskFromPrefixLength(Family::V6, 129)),
                 QStringLiteral("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    void hashesAsAKey() {
        std::unordered_set<Address> set = {addr("10.0.0.1"), addr("::a00:1"), addr("10.0.0.1"),
                                           addr("::ffff:10.0.0.1")};
        QCOMPARE(set.size(), size_t{3});
        QVERIFY(set.count(addr("10.0.0.1")) == 1);
        QVERIFY(std::hash<Address>{}(addr("10.0.0.1")) != std::hash<Address>{}(addr("::a00:1")));
    }
};

QTEST_GUILESS_MAIN(TestNetAddress)
#include "tst_net_address.moc"
