// The SPF record parser (RFC 7208 §4.5, §4.6, §5, §6, §12): record selection (R33), the
// whole-record pre-parse (R34, A20), every mechanism's argument forms and the modifiers.

#include <QtTest>

#include "core/dns/spf_record.h"

using namespace mailtopo::dns;

namespace {

SpfRecord parsed(const char* text) {
    auto result = parseSpfRecord(text);
    if (!result.ok())
        qFatal("'%s' does not parse: %s", text, result.error.message.c_str());
    return std::move(*result.record);
}

}  // namespace

class TestSpfRecord : public QObject {
    Q_OBJECT

private slots:
    // R33: "v=spf1" in any case, followed by a space or the end; nothing else is SPF.
    void r33VersionSelection() {
        QVERIFY(isSpfVersion1("v=spf1"));
        QVERIFY(isSpfVersion1("v=spf1 -all"));
        QVERIFY(isSpfVersion1("V=SpF1 ~all"));
        QVERIFY(!isSpfVersion1("v=spf10"));
        QVERIFY(!isSpfVersion1("v=spf1mx"));    // strings joined without separator
        QVERIFY(!isSpfVersion1("v=spf1\tmx"));  // only a space separates
        QVERIFY(!isSpfVersion1(" v=spf1 -all"));
        QVERIFY(!isSpfVersion1("spf2.0/pra -all"));
        QVERIFY(!isSpfVersion1(""));
    }

    void emptyRecordHasNoTerms() {
        const auto r = parsed("v=spf1");
        QVERIFY(r.terms.empty());
        QCOMPARE(r.redirect, -1);
    }

    void termsAndQualifiers() {
        const auto r =
            parsed("v=spf1 +a -mx ~ptr ?exists:%{i}.x.example.com include:a.example.com all");
        QCOMPARE(r.terms.size(), size_t(6));
        QCOMPARE(r.terms[0].qualifier, Qualifier::Pass);
        QCOMPARE(r.terms[0].mechanism, MechanismKind::A);
        QVERIFY(!r.terms[0].hasDomainSpec);
        QCOMPARE(r.terms[1].qualifier, Qualifier::Fail);
        QCOMPARE(r.terms[1].mechanism, MechanismKind::Mx);
        QCOMPARE(r.terms[2].qualifier, Qualifier::SoftFail);
        QCOMPARE(r.terms[2].mechanism, MechanismKind::Ptr);
        QCOMPARE(r.terms[3].qualifier, Qualifier::Neutral);
        QCOMPARE(r.terms[3].mechanism, MechanismKind::Exists);
        QCOMPARE(r.view(r.terms[3].domainSpec), std::string_view("%{i}.x.example.com"));
        QCOMPARE(r.terms[4].mechanism, MechanismKind::Include);
        QCOMPARE(r.view(r.terms[4].domainSpec), std::string_view("a.example.com"));
        QCOMPARE(r.terms[5].mechanism, MechanismKind::All);
        QCOMPARE(r.terms[5].qualifier, Qualifier::Pass);
        QCOMPARE(r.view(r.terms[4].text), std::string_view("include:a.example.com"));
    }

    void spacesAndCase() {
        const auto r = parsed("v=spf1   A:Example.COM  IP4:192.0.2.0/24 -ALL ");
        QCOMPARE(r.terms.size(), size_t(3));
        QCOMPARE(r.terms[0].mechanism, MechanismKind::A);
        QCOMPARE(r.terms[1].mechanism, MechanismKind::Ip4);
        QCOMPARE(r.terms[2].mechanism, MechanismKind::All);
    }

    void dualCidr() {
        const auto r =
            parsed("v=spf1 a/24 a//64 a/24//64 mx:example.com/16 a:foo:bar/baz.example.com");
        QCOMPARE(r.terms[0].cidr4, 24);
        QCOMPARE(r.terms[0].cidr6, 128);
        QCOMPARE(r.terms[1].cidr4, 32);
        QCOMPARE(r.terms[1].cidr6, 64);
        QCOMPARE(r.terms[2].cidr4, 24);
        QCOMPARE(r.terms[2].cidr6, 64);
        QCOMPARE(r.terms[3].cidr4, 16);
        QCOMPARE(r.view(r.terms[3].domainSpec), std::string_view("example.com"));
        // '/' inside a domain-spec is not a CIDR when no digits end the term.
        QCOMPARE(r.view(r.terms[4].domainSpec), std::string_view("foo:bar/baz.example.com"));
        QCOMPARE(r.terms[4].cidr4, 32);
    }

    void networks() {
        const auto r =
            parsed("v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.7 ip6:2001:db8::/32 ip6:::1.1.1.1/0");
        QCOMPARE(QString::fromStdString(r.terms[0].network.toString()),
                 QStringLiteral("192.0.2.0/24"));
        QCOMPARE(QString::fromStdString(r.terms[1].network.toString()),
                 QStringLiteral("192.0.2.7/32"));
        QCOMPARE(QString::fromStdString(r.terms[2].network.toString()),
                 QStringLiteral("2001:db8::/32"));
        QCOMPARE(r.terms[3].network.length(), 0);
        const auto edges = parsed("v=spf1 ip4:0.0.0.0/0 ip4:255.255.255.255 ip4:10.0.0.1");
        QCOMPARE(QString::fromStdString(edges.terms[0].network.toString()),
                 QStringLiteral("0.0.0.0/0"));
        QCOMPARE(QString::fromStdString(edges.terms[1].network.toString()),
                 QStringLiteral("255.255.255.255/32"));
        QCOMPARE(QString::fromStdString(edges.terms[2].network.toString()),
                 QStringLiteral("10.0.0.1/32"));
    }

    void modifiers() {
        const auto r = parsed(
            "v=spf1 -all exp=explain.%{d} redirect=_spf.example.com moo.cow-far_out=man:dog/cat "
            "x=");
        QCOMPARE(r.terms.size(), size_t(5));
        QCOMPARE(r.explanation, 1);
        QCOMPARE(r.redirect, 2);
        QCOMPARE(r.terms[1].kind, SpfTerm::Kind::Explanation);
        QCOMPARE(r.view(r.terms[1].domainSpec), std::string_view("explain.%{d}"));
        QCOMPARE(r.terms[2].kind, SpfTerm::Kind::Redirect);
        QCOMPARE(r.terms[3].kind, SpfTerm::Kind::UnknownModifier);
        QCOMPARE(r.view(r.terms[3].modifierName), std::string_view("moo.cow-far_out"));
        QCOMPARE(r.terms[4].kind, SpfTerm::Kind::UnknownModifier);  // empty value is allowed
    }

    // R35: which terms cost one of the 10 DNS lookups.
    void r35LookupTerms() {
        const auto r = parsed(
            "v=spf1 all include:x.example.com a mx ptr ip4:1.2.3.4 ip6:::1 exists:x.example.com "
            "redirect=y.example.com exp=z.example.com");
        const bool expected[] = {false, true, true, true, true, false, false, true, true, false};
        QCOMPARE(r.terms.size(), size_t(10));
        for (size_t i = 0; i < r.terms.size(); ++i)
            QCOMPARE(r.terms[i].countsLookup(), expected[i]);
    }

    void syntaxErrors_data() {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("section");
        auto row = [](const char* name, QByteArray text, const char* section) {
            QTest::newRow(name) << text << QString::fromLatin1(section);
        };
        row("not spf", "v=spf2 -all", "4.5");
        row("unknown mechanism", "v=spf1 ip4:1.2.3.4 -all moo", "4.6.1");
        row("redirect as mechanism", "v=spf1 redirect:x.example.com", "4.6.1");
        row("modifier name with slash", "v=spf1 moo.cow/far_out=man:dog/cat", "4.6.1");
        row("modifier name starts with digit", "v=spf1 1up=foo", "4.6.1");
        row("empty modifier name", "v=spf1 =all", "4.6.1");
        row("all with dot", "v=spf1 -all.", "4.6.1");
        row("all with argument", "v=spf1 -all:foobar", "5.1");
        row("all with cidr", "v=spf1 -all/8", "5.1");
        row("include without domain", "v=spf1 include -all", "5");
        row("include empty domain", "v=spf1 include: -all", "7.1");
        row("include cidr", "v=spf1 include:ip5.example.com/24", "7.1");
        row("exists without domain", "v=spf1 exists", "5");
        row("ptr cidr", "v=spf1 ptr/0 -all", "5");
        row("a cidr4 33", "v=spf1 a/33", "5.6");
        row("a cidr6 129", "v=spf1 a//129", "5.6");
        row("a cidr leading zero", "v=spf1 a/032", "5.6");
        row("a single slash cidr6", "v=spf1 a/24/64", "5.6");
        row("a numeric toplabel", "v=spf1 a:111.222.33.44", "7.1");
        row("a toplabel only", "v=spf1 a:museum", "7.1");
        row("a toplabel only dot", "v=spf1 a:museum.", "7.1");
        row("a toplabel dash", "v=spf1 a:example.-com", "7.1");
        row("a port", "v=spf1 a:example.com:8080", "7.1");
        row("a without dot", "v=spf1 a:foo-bar -all", "7.1");
        row("ip4 bare", "v=spf1 ip4", "5.6");
        row("ip4 short", "v=spf1 ip4:1.2.3", "5.6");
        row("ip4 port", "v=spf1 ip4:1.2.3.4:8080", "5.6");
        row("ip4 dual cidr", "v=spf1 ip4:1.2.3.4//32", "5.6");
        row("ip4 cidr 33", "v=spf1 ip4:1.2.3.4/33", "5.6");
        row("ip4 leading zero octet", "v=spf1 ip4:1.2.03.4", "5.6");
        row("ip4 octet 256", "v=spf1 ip4:1.2.3.256", "5.6");
        row("ip4 five octets", "v=spf1 ip4:1.2.3.4.5", "5.6");
        row("ip4 empty octet", "v=spf1 ip4:1..3.4", "5.6");
        row("ip4 trailing dot", "v=spf1 ip4:1.2.3.", "5.6");
        row("ip4 four digits", "v=spf1 ip4:1234.1.1.1", "5.6");
        row("ip4 sign", "v=spf1 ip4:+1.2.3.4", "5.6");
        row("ip4 given ip6", "v=spf1 ip4:2001:db8::1", "5.6");
        row("ip6 bad", "v=spf1 ip6::CAFE::BABE", "5.6");
        row("ip6 dual cidr", "v=spf1 ip6:::1.1.1.1//33", "5.6");
        row("ip6 given ip4", "v=spf1 ip6:1.2.3.4", "5.6");
        row("bad macro", "v=spf1 exists:%(ir).sbl.example.com", "7.1");
        row("percent at end of macro-string", "v=spf1 exists:foo%.sbl.example.com", "7.1");
        row("exp-only macro in domain", "v=spf1 -all exp=%{r}.example.com", "6.2");
        row("unknown macro letter", "v=spf1 a:%{a}.example.com", "7.1");
        row("zero parts", "v=spf1 a:%{d0}.example.com", "7.1");
        row("unknown modifier bad macro", "v=spf1 -all foo=%abc", "7.1");
        row("exp empty", "v=spf1 exp= -all", "6.2");
        row("exp not a domain", "v=spf1 exp=-all", "6.2");
        row("redirect empty", "v=spf1 ?all redirect=", "6.1");
        row("redirect not a domain", "v=spf1 redirect=-all ?all", "6.1");
        row("two redirects", "v=spf1 redirect=a.example.com -all redirect=a.example.com", "6");
        row("two exps", "v=spf1 exp=a.example.com -all exp=b.example.com", "6");
        row("NUL", QByteArray("v=spf1 a:foo.example.com\0", 25), "4.6.1");
        row("CR between terms", "v=spf1 a:ctrl.example.com\rptr -all", "4.6.1");
        row("LF between terms", "v=spf1 ip4:192.0.2.5\n include:x.example.com ~all", "4.6.1");
        row("UTF-8 BOM", "v=spf1 a:\xEF\xBB\xBFgarbage.example.net -all", "4.6.1");
        row("C1 control",
            "v=spf1 a:example.net \xC2\x96"
            "all",
            "4.6.1");
    }

    // R34 / A20: any syntax error anywhere makes the whole record unusable, with the RFC
    // section it breaks.
    void syntaxErrors() {
        QFETCH(QByteArray, record);
        QFETCH(QString, section);
        const auto r = parseSpfRecord(
            std::string_view(record.constData(), static_cast<size_t>(record.size())));
        QVERIFY2(!r.ok(), record.constData());
        QVERIFY(!r.error.message.empty());
        QCOMPARE(QString::fromStdString(r.error.section), section);
    }

    void syntaxErrorNamesTheTerm() {
        const auto r = parseSpfRecord("v=spf1 ip4:192.0.2.1 -all moo");
        QVERIFY(!r.ok());
        QCOMPARE(r.error.term, std::string("moo"));
        QCOMPARE(r.error.termIndex, 2);
    }

    void acceptedOddities_data() {
        QTest::addColumn<QByteArray>("record");
        QTest::newRow("colon in domain") << QByteArray("v=spf1 a:foo:bar/baz.example.com");
        QTest::newRow("dash toplabel") << QByteArray("v=spf1 a:foo.example.xn--zckzah -all");
        QTest::newRow("trailing dot") << QByteArray("v=spf1 include:o.spf.example.com. ~all");
        QTest::newRow("ends in macro") << QByteArray("v=spf1 a:%{H} -all");
        QTest::newRow("macro escapes")
            << QByteArray("v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all");
        QTest::newRow("empty labels are syntax-valid")
            << QByteArray("v=spf1 a:mail.example...com -all");
        QTest::newRow("obsolete default modifier") << QByteArray("v=spf1 default=+");
        QTest::newRow("trailing spaces") << QByteArray("v=spf1 a -all  ");
        QTest::newRow("all numeric dashed toplabel") << QByteArray("v=spf1 a:x.123-456");
    }

    void acceptedOddities() {
        QFETCH(QByteArray, record);
        const auto r = parseSpfRecord(record.toStdString());
        QVERIFY2(r.ok(), r.error.message.c_str());
    }

    void copiesKeepTheirText() {
        SpfRecord copy;
        {
            auto original = parsed("v=spf1 a:x.example.com -all");  // short: small-string storage
            copy = original;
        }
        QCOMPARE(copy.view(copy.terms[0].domainSpec), std::string_view("x.example.com"));
    }
};

QTEST_GUILESS_MAIN(TestSpfRecord)
#include "tst_spf_record.moc"
