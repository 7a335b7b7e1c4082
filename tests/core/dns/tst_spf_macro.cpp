// SPF macros (RFC 7208 §7): the worked examples of §7.4, transformers, URL escaping of
// upper-case macros, the exp-only letters, domain-spec endings and the 253-octet truncation.

#include <QtTest>

#include "core/dns/spf_macro.h"
#include "core/net/address.h"

using namespace mailtopo::dns;

namespace {

// §7.4: sender strong-bad@email.example.com, client 192.0.2.3, PTR name mx.example.org.
MacroContext rfcContext() {
    MacroContext c;
    c.sender = "strong-bad@email.example.com";
    c.localPart = "strong-bad";
    c.senderDomain = "email.example.com";
    c.domain = "email.example.com";
    c.ipDotted = "192.0.2.3";
    c.ipText = "192.0.2.3";
    c.ipVersion = "in-addr";
    c.helo = "mx.example.org";
    c.receiver = "receiver.example.net";
    c.timestamp = "1400000000";
    c.validatedName = [] { return std::string("mx.example.org"); };
    return c;
}

QString expand(const char* text, const MacroContext& context, MacroMode mode = MacroMode::Domain) {
    std::string error;
    const auto out = expandMacroString(text, mode, context, &error);
    if (!out)
        return QStringLiteral("ERROR: ") + QString::fromStdString(error);
    return QString::fromStdString(*out);
}

}  // namespace

class TestSpfMacro : public QObject {
    Q_OBJECT

private slots:
    void rfcExamples_data() {
        QTest::addColumn<QString>("macro");
        QTest::addColumn<QString>("expansion");
        const char* rows[][2] = {
            {"%{s}", "strong-bad@email.example.com"},
            {"%{o}", "email.example.com"},
            {"%{d}", "email.example.com"},
            {"%{d4}", "email.example.com"},
            {"%{d3}", "email.example.com"},
            {"%{d2}", "example.com"},
            {"%{d1}", "com"},
            {"%{dr}", "com.example.email"},
            {"%{d2r}", "example.email"},
            {"%{l}", "strong-bad"},
            {"%{l-}", "strong.bad"},
            {"%{lr}", "strong-bad"},
            {"%{lr-}", "bad.strong"},
            {"%{l1r-}", "strong"},
            {"%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"},
            {"%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"},
            {"%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
            {"%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"},
            {"%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"},
            {"%{p}", "mx.example.org"},
            {"%{p2}", "example.org"},
            {"%{h}", "mx.example.org"},
        };
        for (const auto& r : rows)
            QTest::newRow(r[0]) << QString::fromLatin1(r[0]) << QString::fromLatin1(r[1]);
    }

    void rfcExamples() {
        QFETCH(QString, macro);
        QFETCH(QString, expansion);
        QCOMPARE(expand(macro.toLatin1().constData(), rfcContext()), expansion);
    }

    // §7.4, IPv6 client 2001:db8::cb01: %{i} is 32 dot-separated lower-case nibbles.
    void rfcIpv6Example() {
        const auto address = *mailtopo::net::Address::parse("2001:db8::cb01");
        const std::string nibbles = ipv6Nibbles(address.bytes());
        auto c = rfcContext();
        c.ipDotted = nibbles;
        c.ipVersion = "ip6";
        QCOMPARE(expand("%{ir}.%{v}._spf.%{d2}", c),
                 QStringLiteral("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
                                "ip6._spf.example.com"));
    }

    void escapes() { QCOMPARE(expand("a%%b%_c%-d", rfcContext()), QStringLiteral("a%b c%20d")); }

    // §7.3: upper-case letters URL-escape everything outside the unreserved set.
    void upperCaseEscapes() {
        auto c = rfcContext();
        c.localPart = "~jack&jill=up-a_b3.c";
        QCOMPARE(expand("%{L}", c), QStringLiteral("~jack%26jill%3Dup-a_b3.c"));
        c.helo = "JUMPIN' JUPITER";
        QCOMPARE(expand("%{H}", c), QStringLiteral("JUMPIN%27%20JUPITER"));
        QCOMPARE(expand("%{D2}", c), QStringLiteral("example.com"));
    }

    void delimitersRejoinWithDots() {
        auto c = rfcContext();
        c.localPart = "foo-bar+zip+quux";
        QCOMPARE(expand("%{l2r+-}", c), QStringLiteral("bar.foo"));
        c.localPart = "philip-gladstone-test";
        QCOMPARE(expand("%{l2r-}", c), QStringLiteral("gladstone.philip"));
        QCOMPARE(expand("%{l99}", c), QStringLiteral("philip-gladstone-test"));
    }

    // c, r and t exist only in exp= text (§7.1).
    void explanationOnlyLetters() {
        const auto c = rfcContext();
        QVERIFY(expand("%{c}", c).startsWith(QStringLiteral("ERROR")));
        QVERIFY(expand("%{r}", c).startsWith(QStringLiteral("ERROR")));
        QVERIFY(expand("%{t}", c).startsWith(QStringLiteral("ERROR")));
        QCOMPARE(expand("%{c} via %{r} at %{t}", c, MacroMode::Explanation),
                 QStringLiteral("192.0.2.3 via receiver.example.net at 1400000000"));
        QVERIFY(!checkMacroString("a b", MacroMode::Domain));
        QVERIFY(checkMacroString("a b", MacroMode::Explanation));
        QVERIFY(!checkMacroString("caf\xC3\xA9", MacroMode::Explanation));  // 7-bit ASCII only
    }

    void syntaxErrors_data() {
        QTest::addColumn<QString>("text");
        for (const char* t : {"%", "x%", "%(ir)", "%a", "%{", "%{}", "%{x}", "%{d0}", "%{d2q}",
                              "%{dr2}", "%{ir .}"}) {
            QTest::newRow(t) << QString::fromLatin1(t);
        }
    }

    void syntaxErrors() {
        QFETCH(QString, text);
        std::string error;
        QVERIFY(!checkMacroString(text.toStdString(), MacroMode::Explanation, &error));
        QVERIFY(!error.empty());
    }

    void domainSpecEndings() {
        QVERIFY(checkDomainSpec("example.com"));
        QVERIFY(checkDomainSpec("example.com."));
        QVERIFY(checkDomainSpec("%{d}"));
        QVERIFY(checkDomainSpec("%{d}.com"));
        QVERIFY(checkDomainSpec("x.%%"));
        QVERIFY(checkDomainSpec("foo.example.xn--zckzah"));
        QVERIFY(!checkDomainSpec(""));
        QVERIFY(!checkDomainSpec("com"));
        QVERIFY(!checkDomainSpec("%{d}com"));
        QVERIFY(!checkDomainSpec("foo.%{d}."));
        QVERIFY(!checkDomainSpec("abc.123"));
        QVERIFY(!checkDomainSpec("example.-com"));
        QVERIFY(!checkDomainSpec("example.com-"));
        QVERIFY(!checkDomainSpec("a b.com"));
    }

    // §7.3: over 253 octets, whole labels go from the left; the trailing dot never counts.
    void truncation() {
        std::string longName;
        for (int i = 0; i < 8; ++i)
            longName += "somewhat.long.exp.example.com.";
        longName += "example.com";
        const std::string expanded = "foobar." + longName;
        QCOMPARE(expanded.size(), size_t(258));
        QCOMPARE(toQueryName(expanded), longName);
        QCOMPARE(toQueryName("example.com."), std::string("example.com"));
        const std::string single(300, 'a');
        QCOMPARE(toQueryName(single), single);  // no dot to cut at: left for the query to refuse
    }

    void validatedNameOnlyWhenUsed() {
        int calls = 0;
        auto c = rfcContext();
        c.validatedName = [&calls] {
            ++calls;
            return std::string("mx.example.org");
        };
        QCOMPARE(expand("%{d}", c), QStringLiteral("email.example.com"));
        QCOMPARE(calls, 0);
        QCOMPARE(expand("%{p}.%{p}", c), QStringLiteral("mx.example.org.mx.example.org"));
        QCOMPARE(calls, 2);  // the evaluator caches; the expander just asks
    }
};

QTEST_GUILESS_MAIN(TestSpfMacro)
#include "tst_spf_macro.moc"
