// IpRange: the four RemoteIPRanges forms, their sizes, set logic, text round trips and the
// error messages for malformed entries.

#include <QtTest>

#include "core/net/ip_range.h"

using mailtopo::net::Address;
using mailtopo::net::Family;
using mailtopo::net::IpRange;
using mailtopo::net::Prefix;
using mailtopo::net::RangeForm;
using mailtopo::net::U128;

Q_DECLARE_METATYPE(RangeForm)

namespace {

IpRange range(const char* text) {
    std::string error;
    const auto r = IpRange::parse(text, &error);
    if (!r)
        qFatal("test range '%s' does not parse: %s", text, error.c_str());
    return *r;
}

Address addr(const char* text) {
    return *Address::parse(text);
}

QString str(const auto& value) {
    return QString::fromStdString(value.toString());
}

}  // namespace

class TestNetRange : public QObject {
    Q_OBJECT

private slots:
    void parsesEveryForm_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<RangeForm>("form");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::addColumn<QString>("size");
        QTest::newRow("single v4") << "10.1.1.75" << RangeForm::Single << "10.1.1.75"
                                   << "10.1.1.75"
                                   << "1";
        QTest::newRow("single v6") << "2001:db8::1" << RangeForm::Single << "2001:db8::1"
                                   << "2001:db8::1"
                                   << "1";
        QTest::newRow("cidr v4") << "10.1.1.0/24" << RangeForm::Cidr << "10.1.1.0"
                                 << "10.1.1.255"
                                 << "256";
        QTest::newRow("cidr v4 host bits") << "10.1.1.77/24" << RangeForm::Cidr << "10.1.1.0"
                                           << "10.1.1.255"
                                           << "256";
        QTest::newRow("cidr v4 /32") << "10.1.1.1/32" << RangeForm::Cidr << "10.1.1.1"
                                     << "10.1.1.1"
                                     << "1";
        QTest::newRow("cidr v4 /0") << "0.0.0.0/0" << RangeForm::Cidr << "0.0.0.0"
                                    << "255.255.255.255"
                                    << "4294967296";
        QTest::newRow("cidr v6") << "2001:db8::/120" << RangeForm::Cidr << "2001:db8::"
                                 << "2001:db8::ff"
                                 << "256";
        QTest::newRow("cidr v6 /0 saturates") << "::/0" << RangeForm::Cidr << "::"
                                              << "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
                                              << "340282366920938463463374607431768211455";
        QTest::newRow("span v4") << "10.1.1.0-10.1.1.255" << RangeForm::Span << "10.1.1.0"
                                 << "10.1.1.255"
                                 << "256";
        QTest::newRow("span v4 one address") << "10.1.1.5-10.1.1.5" << RangeForm::Span << "10.1.1.5"
                                             << "10.1.1.5"
                                             << "1";
        QTest::newRow("span v4 all") << "0.0.0.0-255.255.255.255" << RangeForm::Span << "0.0.0.0"
                                     << "255.255.255.255"
                                     << "4294967296";
        QTest::newRow("span v6") << "2001:db8::1-2001:db8::1:0" << RangeForm::Span << "2001:db8::1"
                                 << "2001:db8::1:0"
                                 << "65536";
        QTest::newRow("netmask") << "192.0.2.0(255.255.255.0)" << RangeForm::Netmask << "192.0.2.0"
                                 << "192.0.2.255"
                                 << "256";
        QTest::newRow("netmask host bits")
            << "192.0.2.9(255.255.255.248)" << RangeForm::Netmask << "192.0.2.8"
            << "192.0.2.15"
            << "8";
        QTest::newRow("netmask all zero") << "0.0.0.0(0.0.0.0)" << RangeForm::Netmask << "0.0.0.0"
                                          << "255.255.255.255"
                                          << "4294967296";
    }
    void parsesEveryForm() {
        QFETCH(QString, text);
        QFETCH(RangeForm, form);
        QFETCH(QString, first);
        QFETCH(QString, last);
        QFETCH(QString, size);
        std::string error;
        const auto r = IpRange::parse(text.toStdString(), &error);
        QVERIFY2(r, error.c_str());
        QCOMPARE(r->form(), form);
        QCOMPARE(str(r->first()), first);
        QCOMPARE(str(r->last()), last);
        QCOMPARE(str(r->size()), size);
        QCOMPARE(r->family(), r->first().family());
        // Canonical text goes round unchanged.
        QCOMPARE(str(*r), text);
        QCOMPARE(IpRange::parse(r->toString()), r);
    }

    void toStringIsCanonical_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("surrounding spaces") << "  10.0.0.1 "
                                            << "10.0.0.1";
        QTest::newRow("tabs") << "\t10.0.0.0/8\t"
                              << "10.0.0.0/8";
        QTest::newRow("spaced span") << "10.0.0.1 - 10.0.0.50"
                                     << "10.0.0.1-10.0.0.50";
        QTest::newRow("spaced cidr") << "10.0.0.0 / 8"
                                     << "10.0.0.0/8";
        QTest::newRow("spaced netmask") << "192.0.2.0 ( 255.255.255.0 ) "
                                        << "192.0.2.0(255.255.255.0)";
        QTest::newRow("v6 single") << "2001:DB8:0:0::1"
                                   << "2001:db8::1";
        QTest::newRow("v6 cidr keeps host bits") << "2001:db8::0:5/64"
                                                 << "2001:db8::5/64";
        QTest::newRow("v6 span") << "0:0::1-0::00ff"
                                 << "::1-::ff";
    }
    void toStringIsCanonical() {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto r = IpRange::parse(text.toStdString());
        QVERIFY(r);
        QCOMPARE(str(*r), canonical);
        QCOMPARE(IpRange::parse(canonical.toStdString()), r);
    }

    void rejectsMalformedEntries_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "'': range is empty";
        QTest::newRow("blank") << "   "
                               << "'': range is empty";
        QTest::newRow("bad single") << "10.0.0.300"
                                    << "'10.0.0.300': octet 4 is greater than 255";
        QTest::newRow("bad start") << "10.0.0.x-10.0.0.5"
                                   << "'10.0.0.x-10.0.0.5': start address: octet 4 contains 'x', "
                                      "expected decimal digits";
        QTest::newRow("bad end") << "10.0.0.1-10.0.0"
                                 << "'10.0.0.1-10.0.0': end address: expected 4 octets "
                                    "separated by '.', found 3";
        QTest::newRow("missing end") << "10.0.0.1-"
                                     << "'10.0.0.1-': end address: address is empty";
        QTest::newRow("mixed families")
            << "10.0.0.1-::1"
            << "'10.0.0.1-::1': mixes IPv4 and IPv6: start 10.0.0.1 and end ::1 must be of the "
               "same family";
        QTest::newRow("reversed") << "10.0.0.50-10.0.0.1"
                                  << "'10.0.0.50-10.0.0.1': start 10.0.0.50 is after end 10.0.0.1";
        QTest::newRow("reversed v6") << "::2-::1"
                                     << "'::2-::1': start ::2 is after end ::1";
        QTest::newRow("two dashes") << "1.1.1.1-2.2.2.2-3.3.3.3"
                                    << "'1.1.1.1-2.2.2.2-3.3.3.3': more than one '-'";
        QTest::newRow("prefix too long") << "10.0.0.0/33"
                                         << "'10.0.0.0/33': prefix length is greater than 32";
        QTest::newRow("v6 prefix too long")
            << "2001:db8::/129"
            << "'2001:db8::/129': prefix length is greater than 128";
        QTest::newRow("prefix missing") << "10.0.0.0/"
                                        << "'10.0.0.0/': prefix length is missing";
        QTest::newRow("prefix not a number")
            << "10.0.0.0/x"
            << "'10.0.0.0/x': prefix length contains 'x', expected decimal digits";
        QTest::newRow("netmask after slash")
            << "10.0.0.0/255.0.0.0"
            << "'10.0.0.0/255.0.0.0': prefix length must be a number; write a netmask as "
               "10.0.0.0(mask)";
        QTest::newRow("cidr bad address")
            << "10.0.0/8"
            << "'10.0.0/8': address: expected 4 octets separated by '.', found 3";
        QTest::newRow("two slashes") << "10.0.0.0/8/8"
                                     << "'10.0.0.0/8/8': more than one '/'";
        QTest::newRow("non-contiguous mask")
            << "192.0.2.0(255.0.255.0)"
            << "'192.0.2.0(255.0.255.0)': netmask 255.0.255.0 is not contiguous (its one bits "
               "must all come first)";
        QTest::newRow("bad mask")
            << "192.0.2.0(255.255.255.256)"
            << "'192.0.2.0(255.255.255.256)': netmask: octet 4 is greater than 255";
        QTest::newRow("v6 mask") << "192.0.2.0(ffff::)"
                                 << "'192.0.2.0(ffff::)': netmask ffff:: is not an IPv4 netmask";
        QTest::newRow("v6 netmask form")
            << "2001:db8::(ffff::)"
            << "'2001:db8::(ffff::)': the netmask form is for IPv4 only; write IPv6 blocks with "
               "a prefix length";
        QTest::newRow("unclosed") << "192.0.2.0(255.255.255.0"
                                  << "'192.0.2.0(255.255.255.0': missing ')' after the netmask";
        QTest::newRow("trailing text") << "192.0.2.0(255.255.255.0)x"
                                       << "'192.0.2.0(255.255.255.0)x': unexpected text after ')'";
        QTest::newRow("close first") << "192.0.2.0)255.255.255.0("
                                     << "'192.0.2.0)255.255.255.0(': ')' without '('";
        QTest::newRow("two masks") << "192.0.2.0(255.0.0.0)(255.0.0.0)"
                                   << "'192.0.2.0(255.0.0.0)(255.0.0.0)': more than one netmask "
                                      "in parentheses";
        QTest::newRow("mixed forms")
            << "10.0.0.0/8-10.0.0.9"
            << "'10.0.0.0/8-10.0.0.9': mixes range forms: use one of a-b, address/length or "
               "address(mask)";
        QTest::newRow("zone id")
            << "fe80::1%2"
            << "'fe80::1%2': zone ids ('%' and an interface) are not supported";
        QTest::newRow("bracketed") << "[::1]"
                                   << "'[::1]': brackets are not allowed around an address";
        QTest::newRow("word") << "any"
                              << "'any': not an IP address (no '.' or ':')";
    }
    void rejectsMalformedEntries() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!IpRange::parse(text.toStdString(), &error));
        QCOMPARE(QString::fromStdString(error), message);
    }

    void factories() {
        QCOMPARE(str(IpRange::single(addr("10.0.0.1"))), QStringLiteral("10.0.0.1"));
        QCOMPARE(str(IpRange::cidr(Prefix(addr("10.0.0.7"), 24))), QStringLiteral("10.0.0.7/24"));
        QCOMPARE(str(IpRange::netmask(addr("10.0.0.0"), 8)), QStringLiteral("10.0.0.0(255.0.0.0)"));
        QCOMPARE(str(IpRange::span(addr("10.0.0.1"), addr("10.0.0.9"))),
                 QStringLiteral("10.0.0.1-10.0.0.9"));
        // Reversed ends are swapped, a foreign-family end is replaced by the family's top.
        QCOMPARE(str(IpRange::span(addr("10.0.0.9"), addr("10.0.0.1"))),
                 QStringLiteral("10.0.0.1-10.0.0.9"));
        QCOMPARE(str(IpRange::span(addr("10.0.0.9"), addr("::1"))),
                 QStringLiteral("10.0.0.9-255.255.255.255"));
        QCOMPARE(str(IpRange()), QStringLiteral("0.0.0.0"));
    }

    void wholeFamilies() {
        QCOMPARE(str(IpRange::allV4()), QStringLiteral("0.0.0.0-255.255.255.255"));
        QCOMPARE(str(IpRange::allV6()),
                 QStringLiteral("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        QVERIFY(IpRange::allV4().isAllOfFamily());
        QVERIFY(IpRange::allV6().isAllOfFamily());
        QCOMPARE(IpRange::allV4().family(), Family::V4);
        QCOMPARE(IpRange::allV6().family(), Family::V6);
        QVERIFY(range("0.0.0.0/0").isAllOfFamily());
        QVERIFY(range("::/0").isAllOfFamily());
        QVERIFY(range("0.0.0.0(0.0.0.0)").isAllOfFamily());
        QVERIFY(!range("0.0.0.0/1").isAllOfFamily());
        QVERIFY(!range("0.0.0.1-255.255.255.255").isAllOfFamily());
        QVERIFY(IpRange::allV6().size() == U128::max());
        QVERIFY(IpRange::allV4().size() == U128::pow2(32));
        // One short of the whole space: 2^128 - 1 is exactly U128::max() as well.
        QVERIFY(range("::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").size() == U128::max());
        QVERIFY(range("::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").size() ==
                (U128::max() - U128{0, 1}));
    }

    void prefixOfCidrAndNetmaskForms() {
        QCOMPARE(range("10.0.0.5/24").prefix(),
                 std::optional<Prefix>(Prefix(addr("10.0.0.5"), 24)));
        QCOMPARE(range("10.0.0.0(255.255.0.0)").prefix(),
                 std::optional<Prefix>(Prefix(addr("10.0.0.0"), 16)));
        QCOMPARE(range("10.0.0.5").prefix(), std::nullopt);
        QCOMPARE(range("10.0.0.5-10.0.0.6").prefix(), std::nullopt);
    }

    void containsAddresses() {
        const IpRange span = range("10.1.1.10-10.1.1.20");
        QVERIFY(!span.contains(addr("10.1.1.9")));
        QVERIFY(span.contains(addr("10.1.1.10")));
        QVERIFY(span.contains(addr("10.1.1.15")));
        QVERIFY(span.contains(addr("10.1.1.20")));
        QVERIFY(!span.contains(addr("10.1.1.21")));
        QVERIFY(!span.contains(addr("::ffff:10.1.1.15")));
        QVERIFY(range("10.1.1.77/24").contains(addr("10.1.1.0")));
        QVERIFY(range("10.1.1.77/24").contains(addr("10.1.1.255")));
        QVERIFY(!range("10.1.1.77/24").contains(addr("10.1.2.0")));
        QVERIFY(range("2001:db8::/32").contains(addr("2001:db8:ffff::1")));
        QVERIFY(!range("2001:db8::/32").contains(addr("2001:db9::")));
        QVERIFY(range("::/0").contains(addr("::")));
        QVERIFY(!range("::/0").contains(addr("0.0.0.0")));
        QVERIFY(range("10.0.0.1").contains(addr("10.0.0.1")));
        QVERIFY(!range("10.0.0.1").contains(addr("10.0.0.2")));
    }

    void containsAndIntersectsRanges() {
        const IpRange a = range("10.1.1.0/24");
        QVERIFY(a.contains(range("10.1.1.75")));
        QVERIFY(a.contains(range("10.1.1.0-10.1.1.255")));
        QVERIFY(a.contains(a));
        QVERIFY(!a.contains(range("10.1.1.0-10.1.2.0")));
        QVERIFY(!range("10.1.1.75").contains(a));
        QVERIFY(IpRange::allV4().contains(a));
        QVERIFY(!IpRange::allV6().contains(a));

        QVERIFY(a.intersects(range("10.1.1.255-10.1.2.5")));  // touches the last address
        QVERIFY(a.intersects(range("10.1.0.0-10.1.1.0")));    // touches the first address
        QVERIFY(!a.intersects(range("10.1.2.0-10.1.2.5")));
        QVERIFY(!a.intersects(range("10.1.0.0-10.1.0.255")));
        QVERIFY(range("10.1.1.75").intersects(a));
        QVERIFY(!a.intersects(range("::/0")));
        QVERIFY(range("2001:db8::/64").intersects(range("2001:db8::ffff-2001:db9::")));
    }

    void equalityIsSameFormAndText() {
        QVERIFY(range("10.0.0.0/24") == range(" 10.0.0.0/24"));
        QVERIFY(range("10.0.0.0/24") != range("10.0.0.0-10.0.0.255"));
        QVERIFY(range("10.0.0.0/24") != range("10.0.0.0(255.255.255.0)"));
        QVERIFY(range("10.0.0.0/24") != range("10.0.0.1/24"));
        QVERIFY(range("10.0.0.1") != range("10.0.0.1-10.0.0.1"));
        QVERIFY(range("10.0.0.1") != range("10.0.0.1/32"));
    }
};

QTEST_GUILESS_MAIN(TestNetRange)
#include "tst_net_range.moc"
