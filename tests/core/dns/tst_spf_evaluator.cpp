// check_host() against in-memory zone data: record discovery (R33), evaluation order and
// pre-parse (R34), the lookup, void, MX and PTR limits (R35, A21), mechanism semantics and
// the include result table (R36), PTR validation (R37), the worked examples E14–E16, and
// the explanation tree (trace, JSON, text).

#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/dns/spf_evaluator.h"
#include "core/dns/spf_explain.h"
#include "core/dns/zone_data_resolver.h"

using namespace mailtopo::dns;
using mailtopo::net::Address;

namespace {

Address ip(const char* text) {
    const auto a = Address::parse(text);
    if (!a)
        qFatal("bad test address %s", text);
    return *a;
}

class Zone {
public:
    Zone& txt(const std::string& name, std::vector<std::string> strings) {
        zone->add(makeTxtRecord(name, std::move(strings)));
        return *this;
    }
    Zone& txt(const std::string& name, const std::string& text) {
        return txt(name, std::vector<std::string>{text});
    }
    Zone& a(const std::string& name, const char* address) {
        zone->add(makeAddressRecord(name, ip(address)));
        return *this;
    }
    Zone& mx(const std::string& name, uint16_t preference, const std::string& host) {
        zone->add(makeMxRecord(name, preference, host));
        return *this;
    }
    Zone& ptr(const std::string& name, const std::string& target) {
        zone->add(makeNameRecord(name, RRType::PTR, target));
        return *this;
    }
    Zone& cname(const std::string& name, const std::string& target) {
        zone->add(makeNameRecord(name, RRType::CNAME, target));
        return *this;
    }
    Zone& timeout(const std::string& name) {
        zone->addTimeout(name);
        return *this;
    }

    SpfOutcome check(const char* client, const std::string& domain, SpfOptions options = {}) {
        options.timestamp = 1400000000;
        return SpfEvaluator(*zone, options)
            .checkHost(SpfRequest::forMailFrom(ip(client), "user@" + domain, "mail.example.net"));
    }

    std::shared_ptr<ZoneDataResolver> zone = std::make_shared<ZoneDataResolver>();
};

QString name(SpfResult r) {
    return QString::fromLatin1(spfResultName(r).data(), static_cast<int>(spfResultName(r).size()));
}

// E14: example.org includes s1..s11, each sN = "v=spf1 ip4:192.0.2.N/32 -all".
Zone e14() {
    Zone z;
    std::string record = "v=spf1";
    for (int n = 1; n <= 11; ++n) {
        // Appended: GCC 12 -O2 warns falsely (-Wrestrict) on "lit" + std::string&&.
        const std::string s = std::string("s").append(std::to_string(n)).append(".example.org");
        record += " include:" + s;
        z.txt(s, "v=spf1 ip4:192.0.2." + std::to_string(n) + "/32 -all");
    }
    z.txt("example.org", record + " -all");
    return z;
}

}  // namespace

class TestSpfEvaluator : public QObject {
    Q_OBJECT

private slots:
    // R33: TXT strings are joined without separator; the version tag is case-insensitive.
    void r33MultiStringRecordIsJoined() {
        Zone z;
        z.txt("example.org", std::vector<std::string>{"v=spf1 ip4:", "192.0.2.5 -all"});
        QCOMPARE(name(z.check("192.0.2.5", "example.org").result), QStringLiteral("pass"));
        Zone split;
        split.txt("example.org", std::vector<std::string>{"v=spf1", "mx"});  // "v=spf1mx"
        QCOMPARE(name(split.check("192.0.2.5", "example.org").result), QStringLiteral("none"));
        Zone upper;
        upper.txt("example.org", "V=SPF1 -ALL");
        QCOMPARE(name(upper.check("192.0.2.5", "example.org").result), QStringLiteral("fail"));
    }

    // R33: only TXT is asked; type SPF (99) records are ignored.
    void r33TypeSpfIgnored() {
        Zone z;
        z.zone->add(makeTxtRecord("example.org", {"v=spf1 +all"}, 3600, RRType::SPF));
        QCOMPARE(z.check("192.0.2.5", "example.org").result, SpfResult::None);
        z.txt("example.org", "v=spf1 -all");
        QCOMPARE(z.check("192.0.2.5", "example.org").result, SpfResult::Fail);
    }

    // R33: NXDOMAIN or no SPF record → none; other DNS errors → temperror.
    void r33DiscoveryOutcomes() {
        Zone z;
        z.txt("other.example.org", "site-verification=abc");
        z.timeout("slow.example.org");
        z.cname("loop.example.org", "loop2.example.org")
            .cname("loop2.example.org", "LOOP.example.org.");
        const auto nx = z.check("192.0.2.5", "missing.example.org");
        QCOMPARE(nx.result, SpfResult::None);
        QCOMPARE(QString::fromStdString(nx.trace.decision.section), QStringLiteral("4.3"));
        const auto noSpf = z.check("192.0.2.5", "other.example.org");
        QCOMPARE(noSpf.result, SpfResult::None);
        QCOMPARE(QString::fromStdString(noSpf.trace.decision.section), QStringLiteral("4.5"));
        const auto slow = z.check("192.0.2.5", "slow.example.org");
        QCOMPARE(slow.result, SpfResult::TempError);
        QCOMPARE(QString::fromStdString(slow.trace.decision.section), QStringLiteral("4.4"));
        QCOMPARE(z.check("192.0.2.5", "loop.example.org").result, SpfResult::TempError);
    }

    // R33 / §4.3: malformed or single-label domains and literals have no policy: none.
    void r33MalformedDomainIsNone() {
        Zone z;
        z.txt("localhost", "v=spf1 -all");
        QCOMPARE(z.check("192.0.2.5", "localhost").result, SpfResult::None);
        QCOMPARE(z.check("192.0.2.5", "a..example.org").result, SpfResult::None);
        QCOMPARE(z.check("192.0.2.5", std::string(64, 'a') + ".example.org").result,
                 SpfResult::None);
        QCOMPARE(z.check("192.0.2.5", "[192.0.2.5]").result, SpfResult::None);
        QCOMPARE(z.zone->queryCount(), uint64_t(0));  // nothing was even asked
    }

    // E15 (R33): two SPF records → permerror for every client; other TXT do not matter.
    void e15TwoRecordsPermerror() {
        Zone z;
        z.txt("example.org", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("example.org", "v=spf1 include:spf.example.net ~all")
            .txt("example.org", "site-verification=abc");
        for (const char* client : {"192.0.2.1", "203.0.113.9", "2001:db8::1"}) {
            const auto o = z.check(client, "example.org");
            QCOMPARE(o.result, SpfResult::PermError);
            QCOMPARE(QString::fromStdString(o.trace.decision.section), QStringLiteral("4.5"));
            QCOMPARE(o.trace.lookups, 0);
        }
    }

    // R34: a syntax error after the matching term still makes the record a permerror.
    void r34PreParseWholeRecord() {
        Zone z;
        z.txt("example.org", "v=spf1 ip4:192.0.2.1 -all moo");
        const auto o = z.check("192.0.2.1", "example.org");
        QCOMPARE(o.result, SpfResult::PermError);
        QCOMPARE(o.trace.decision.path, std::vector<std::string>{"example.org: moo"});
        QCOMPARE(QString::fromStdString(o.trace.decision.section), QStringLiteral("4.6.1"));
    }

    // R34: left to right, first match returns its qualifier; no match → redirect or neutral.
    void r34EvaluationOrder() {
        Zone z;
        z.txt("q.example.org",
              "v=spf1 ~ip4:192.0.2.1 ?ip4:192.0.2.2 -ip4:192.0.2.3 +ip4:192.0.2.0/24 "
              "ip4:198.51.100.0/24");
        QCOMPARE(z.check("192.0.2.1", "q.example.org").result, SpfResult::SoftFail);
        QCOMPARE(z.check("192.0.2.2", "q.example.org").result, SpfResult::Neutral);
        QCOMPARE(z.check("192.0.2.3", "q.example.org").result, SpfResult::Fail);
        QCOMPARE(z.check("192.0.2.4", "q.example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("198.51.100.1", "q.example.org").result, SpfResult::Pass);
        const auto none = z.check("203.0.113.1", "q.example.org");
        QCOMPARE(none.result, SpfResult::Neutral);
        QCOMPARE(QString::fromStdString(none.trace.decision.section), QStringLiteral("4.7"));
    }

    // R34 / §6.1: redirect applies only when nothing matched; its target needs a record.
    void r34Redirect() {
        Zone z;
        z.txt("example.org", "v=spf1 ip4:192.0.2.1 redirect=_spf.example.org")
            .txt("_spf.example.org", "v=spf1 ip4:192.0.2.2 -all")
            .txt("broken.example.org", "v=spf1 redirect=nowhere.example.org")
            .txt("implicit.example.org", "v=spf1 redirect=target.example.org")
            .txt("target.example.org", "v=spf1 a -all")
            .a("target.example.org", "192.0.2.9")
            .a("implicit.example.org", "192.0.2.8");
        QCOMPARE(z.check("192.0.2.1", "example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("192.0.2.2", "example.org").result, SpfResult::Pass);
        const auto fail = z.check("192.0.2.3", "example.org");
        QCOMPARE(fail.result, SpfResult::Fail);
        QCOMPARE(fail.trace.decision.path,
                 (std::vector<std::string>{"example.org: redirect=_spf.example.org",
                                           "_spf.example.org: -all"}));
        // The redirect target's matching term explains the final result.
        QCOMPARE(fail.trace.decision.reason,
                 std::string("'-all' matched, so the result is its qualifier's: fail"));
        QCOMPARE(QString::fromStdString(fail.trace.decision.section), QStringLiteral("5.1"));
        const auto broken = z.check("192.0.2.1", "broken.example.org");
        QCOMPARE(broken.result, SpfResult::PermError);
        QCOMPARE(QString::fromStdString(broken.trace.decision.section), QStringLiteral("6.1"));
        // The redirect target becomes the current domain: "a" means target.example.org.
        QCOMPARE(z.check("192.0.2.9", "implicit.example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("192.0.2.8", "implicit.example.org").result, SpfResult::Fail);
    }

    // E14 (R35): the 11th include makes L = 11 → permerror, and no 11th lookup is sent.
    void e14ElevenIncludesPermerror() {
        Zone z = e14();
        const auto o = z.check("203.0.113.9", "example.org");
        QCOMPARE(o.result, SpfResult::PermError);
        QCOMPARE(o.trace.lookups, 11);
        QCOMPARE(QString::fromStdString(o.trace.decision.section), QStringLiteral("4.6.4"));
        QCOMPARE(o.trace.decision.path,
                 std::vector<std::string>{"example.org: include:s11.example.org"});
        // example.org + s1..s10: the evaluation stopped before asking for s11.
        QCOMPARE(z.zone->queryCount(), uint64_t(11));
        QCOMPARE(o.trace.root.terms[10].status, std::string("error"));
        QCOMPARE(o.trace.root.terms[9].status, std::string("no-match"));
        QCOMPARE(o.trace.root.terms[9].lookupCount, 10);
    }

    // E14 (R35): 192.0.2.3 passes at include 3 with L = 3.
    void e14PassAtIncludeThree() {
        Zone z = e14();
        const auto o = z.check("192.0.2.3", "example.org");
        QCOMPARE(o.result, SpfResult::Pass);
        QCOMPARE(o.trace.lookups, 3);
        QCOMPARE(o.trace.decision.path,
                 (std::vector<std::string>{"example.org: include:s3.example.org",
                                           "s3.example.org: ip4:192.0.2.3/32"}));
        QCOMPARE(QString::fromStdString(o.trace.decision.section), QStringLiteral("5.2"));
        QCOMPARE(o.trace.root.terms[2].status, std::string("match"));
        QCOMPARE(o.trace.root.terms[3].status, std::string("not-reached"));
        QCOMPARE(o.trace.root.terms[2].nested.size(), size_t(1));
        QCOMPARE(o.trace.root.terms[2].nested[0].result, SpfResult::Pass);
    }

    // E16 (R35): three void lookups → permerror at the third, not fail.
    void e16ThreeVoidLookupsPermerror() {
        Zone z;
        z.txt("example.org",
              "v=spf1 a:old1.example.org a:old2.example.org mx:old3.example.org -all");
        const auto o = z.check("203.0.113.9", "example.org");
        QCOMPARE(o.result, SpfResult::PermError);
        QCOMPARE(o.trace.voidLookups, 3);
        QCOMPARE(QString::fromStdString(o.trace.decision.section), QStringLiteral("4.6.4"));
        QCOMPARE(o.trace.decision.path,
                 std::vector<std::string>{"example.org: mx:old3.example.org"});
        QVERIFY(o.trace.root.terms[0].lookups.at(0).isVoid);
        // Two void lookups are still fine.
        Zone two;
        two.txt("example.org", "v=spf1 a:old1.example.org a:old2.example.org -all");
        QCOMPARE(two.check("203.0.113.9", "example.org").result, SpfResult::Fail);
    }

    // R35: NODATA counts as void too.
    void r35NodataIsVoid() {
        Zone z;
        z.txt("example.org", "v=spf1 a mx exists:example.org -all");  // example.org has no A/MX
        const auto o = z.check("203.0.113.9", "example.org");
        QCOMPARE(o.result, SpfResult::PermError);
        QCOMPARE(o.trace.voidLookups, 3);
    }

    // R35: the counter spans nested includes and redirects; exactly 10 is allowed.
    void r35LimitAcrossNesting() {
        Zone z;
        z.txt("example.org", "v=spf1 a include:inc.example.org ip4:192.0.2.4 mx -all")
            .a("example.org", "192.0.2.99")
            .txt("inc.example.org", "v=spf1 a a a a a a a a")
            .a("inc.example.org", "192.0.2.10");
        const auto atLimit = z.check("192.0.2.4", "example.org");
        QCOMPARE(atLimit.result, SpfResult::Pass);
        QCOMPARE(atLimit.trace.lookups, 10);
        Zone over;
        over.txt("example.org", "v=spf1 a include:inc.example.org a ip4:192.0.2.4 -all")
            .a("example.org", "192.0.2.99")
            .txt("inc.example.org", "v=spf1 a a a a a a a a")
            .a("inc.example.org", "192.0.2.10");
        QCOMPARE(over.check("192.0.2.4", "example.org").result, SpfResult::PermError);
        // all, ip4, ip6 and exp never count.
        Zone free;
        free.txt("example.org",
                 "v=spf1 ip4:10.0.0.1 ip6:2001:db8::1 a a a a a a a a a a ip4:192.0.2.4 -all "
                 "exp=e.example.org")
            .a("example.org", "192.0.2.99")
            .txt("e.example.org", "no");
        const auto o = free.check("192.0.2.4", "example.org");
        QCOMPARE(o.result, SpfResult::Pass);
        QCOMPARE(o.trace.lookups, 10);
    }

    // R35: an mx term costs one lookup however many hosts; more than 10 MX → permerror.
    void r35MxLimits() {
        Zone z;
        z.txt("example.org", "v=spf1 mx -all");
        for (int i = 1; i <= 10; ++i) {
            const std::string host = "mx" + std::to_string(i) + ".example.org";
            z.mx("example.org", static_cast<uint16_t>(i), host);
            z.a(host, ("192.0.2." + std::to_string(i)).c_str());
        }
        const auto ten = z.check("192.0.2.10", "example.org");
        QCOMPARE(ten.result, SpfResult::Pass);
        QCOMPARE(ten.trace.lookups, 1);
        z.mx("example.org", 11, "mx11.example.org").a("mx11.example.org", "192.0.2.11");
        const auto eleven = z.check("192.0.2.1", "example.org");
        QCOMPARE(eleven.result, SpfResult::PermError);
        QCOMPARE(QString::fromStdString(eleven.trace.decision.section), QStringLiteral("4.6.4"));
    }

    // R35 / A21: a ptr term looks at the first 10 PTR names only.
    void r35PtrConsidersTenNames() {
        Zone z;
        z.txt("example.org", "v=spf1 ptr -all");
        for (int i = 1; i <= 11; ++i) {
            const std::string host = std::string("h")
                                         .append(std::to_string(i))
                                         .append(i == 11 ? ".example.org" : ".example.net");
            z.ptr("5.2.0.192.in-addr.arpa", host).a(host, "192.0.2.5");
        }
        QCOMPARE(z.check("192.0.2.5", "example.org").result, SpfResult::Fail);
    }

    // R35 / §6.2: the exp= lookup is neither a lookup term nor a void lookup.
    void r35ExplanationLookupNotCounted() {
        Zone z;
        z.txt("example.org",
              "v=spf1 a:gone1.example.org a:gone2.example.org exp=gone3.example.org -all");
        const auto o = z.check("192.0.2.5", "example.org");
        QCOMPARE(o.result, SpfResult::Fail);
        QCOMPARE(o.trace.voidLookups, 2);
        QCOMPARE(o.trace.explanationLookups.size(), size_t(1));
        QVERIFY(o.trace.explanationSource.rfind("default", 0) == 0);
    }

    void r36IncludeResultTable_data() {
        QTest::addColumn<QString>("inner");
        QTest::addColumn<QString>("outer");
        // include:inner.example.org ~all: a match yields pass, no match falls to ~all.
        QTest::newRow("pass matches") << "v=spf1 +all"
                                      << "pass";
        QTest::newRow("fail does not match") << "v=spf1 -all"
                                             << "softfail";
        QTest::newRow("softfail does not match") << "v=spf1 ~all"
                                                 << "softfail";
        QTest::newRow("neutral does not match") << "v=spf1 ?all"
                                                << "softfail";
        QTest::newRow("temperror propagates") << "v=spf1 a:slow.example.org"
                                              << "temperror";
        QTest::newRow("permerror propagates") << "v=spf1 moo"
                                              << "permerror";
        QTest::newRow("none becomes permerror") << "site-verification=x"
                                                << "permerror";
    }

    // R36: include maps inner pass to a match, fail/softfail/neutral to no match, keeps
    // temperror and turns permerror and none into permerror.
    void r36IncludeResultTable() {
        QFETCH(QString, inner);
        QFETCH(QString, outer);
        Zone z;
        z.txt("example.org", "v=spf1 include:inner.example.org ~all")
            .txt("inner.example.org", inner.toStdString())
            .timeout("slow.example.org");
        QCOMPARE(name(z.check("192.0.2.5", "example.org").result), outer);
    }

    // R36: a compares A (or AAAA for IPv6 clients) within /n; mx the hosts' addresses;
    // exists any A record whatever the client family.
    void r36AddressMechanisms() {
        Zone z;
        z.txt("a.example.org", "v=spf1 a:host.example.org/24//64 -all")
            .a("host.example.org", "192.0.2.200")
            .zone->add(makeAddressRecord("host.example.org", ip("2001:db8:1::1")));
        QCOMPARE(z.check("192.0.2.7", "a.example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("192.0.3.7", "a.example.org").result, SpfResult::Fail);
        QCOMPARE(z.check("2001:db8:1::ffff", "a.example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("2001:db8:2::1", "a.example.org").result, SpfResult::Fail);
        // IPv4-mapped IPv6 clients are IPv4 clients (§5 ¶9).
        QCOMPARE(z.check("::ffff:192.0.2.7", "a.example.org").result, SpfResult::Pass);

        z.txt("mx.example.org", "v=spf1 mx/30 -all")
            .mx("mx.example.org", 10, "in.example.org")
            .mx("mx.example.org", 20, ".")  // a null MX names no host
            .a("in.example.org", "198.51.100.8");
        QCOMPARE(z.check("198.51.100.9", "mx.example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("198.51.100.12", "mx.example.org").result, SpfResult::Fail);

        z.txt("ex.example.org", "v=spf1 exists:%{ir}.list.example.org -all")
            .a("7.2.0.192.list.example.org", "127.0.0.2");
        QCOMPARE(z.check("192.0.2.7", "ex.example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("192.0.2.8", "ex.example.org").result, SpfResult::Fail);
    }

    // R36 / §5: a DNS error inside a mechanism ends the check with temperror.
    void r36DnsErrorIsTemperror() {
        Zone z;
        z.txt("example.org", "v=spf1 ip4:192.0.2.1 a:slow.example.org -all")
            .timeout("slow.example.org");
        QCOMPARE(z.check("192.0.2.1", "example.org").result, SpfResult::Pass);  // matched first
        const auto o = z.check("192.0.2.2", "example.org");
        QCOMPARE(o.result, SpfResult::TempError);
        QCOMPARE(QString::fromStdString(o.trace.decision.section), QStringLiteral("5"));
    }

    // R37 (ptr, %{p}): only names that resolve back to the client are used; lookup errors
    // skip the name; a PTR lookup error is a no-match, not temperror (§5.5).
    void r37PtrValidation() {
        Zone z;
        z.txt("example.org", "v=spf1 ptr -all")
            .ptr("5.2.0.192.in-addr.arpa", "liar.example.org")  // does not resolve back
            .a("liar.example.org", "192.0.2.99")
            .ptr("6.2.0.192.in-addr.arpa", "loop.example.org")
            .cname("loop.example.org", "loop.example.org")
            .ptr("6.2.0.192.in-addr.arpa", "good.mail.example.org")
            .a("good.mail.example.org", "192.0.2.6")
            .timeout("7.2.0.192.in-addr.arpa");
        QCOMPARE(z.check("192.0.2.5", "example.org").result, SpfResult::Fail);
        QCOMPARE(z.check("192.0.2.6", "example.org").result, SpfResult::Pass);
        QCOMPARE(z.check("192.0.2.7", "example.org").result, SpfResult::Fail);

        z.txt("p.example.org", "v=spf1 -all exp=why.example.org")
            .txt("why.example.org", "from %{p}");
        QCOMPARE(z.check("192.0.2.6", "p.example.org").explanation,
                 std::string("from good.mail.example.org"));
        QCOMPARE(z.check("192.0.2.5", "p.example.org").explanation, std::string("from unknown"));
    }

    // §6.2: exp= text is macro-expanded; without it the receiver's default applies.
    void explanation() {
        Zone z;
        z.txt("example.org", "v=spf1 -all exp=explain.%{d}")
            .txt("explain.example.org", "%{i} is not one of %{d}'s senders (%{l})")
            .txt("plain.example.org", "v=spf1 -all");
        const auto o = z.check("192.0.2.5", "example.org");
        QCOMPARE(o.explanation,
                 std::string("192.0.2.5 is not one of example.org's senders (user)"));
        QCOMPARE(o.trace.explanationSource, std::string("exp=explain.example.org"));
        const auto d = z.check("192.0.2.5", "plain.example.org");
        QCOMPARE(
            d.explanation,
            std::string("plain.example.org does not designate 192.0.2.5 as a permitted sender"));
        // No explanation for results other than fail.
        z.txt("soft.example.org", "v=spf1 ~all exp=explain.example.org");
        QVERIFY(z.check("192.0.2.5", "soft.example.org").explanation.empty());
    }

    // An explanation longer than an SMTP reply line (512 octets, RFC 5321 §4.5.3.1.5) could
    // never be sent: it is ignored as §6.2 allows, with the reason, and the default used.
    void oversizeExplanationIsIgnored() {
        Zone z;
        z.txt("example.org", "v=spf1 -all exp=explain.example.org")
            .txt("explain.example.org", std::string(600, 'x'))
            .txt("fits.example.org", "v=spf1 -all exp=short.example.org")
            .txt("short.example.org", std::string(512, 'y'));
        const auto o = z.check("192.0.2.5", "example.org");
        QCOMPARE(o.explanation,
                 std::string("example.org does not designate 192.0.2.5 as a permitted sender"));
        QVERIFY2(o.trace.explanationSource.find("expands to 600 characters") != std::string::npos,
                 o.trace.explanationSource.c_str());
        QCOMPARE(z.check("192.0.2.5", "fits.example.org").explanation, std::string(512, 'y'));
    }

    void heloIdentity() {
        Zone z;
        z.txt("mail.example.org", "v=spf1 a -all").a("mail.example.org", "192.0.2.5");
        SpfEvaluator evaluator(*z.zone);
        const auto request = SpfRequest::forMailFrom(ip("192.0.2.5"), "", "mail.example.org");
        QCOMPARE(request.identity, SpfIdentity::Helo);
        QCOMPARE(request.sender, std::string("postmaster@mail.example.org"));
        const auto o = evaluator.checkHost(request);
        QCOMPARE(o.result, SpfResult::Pass);
        QCOMPARE(o.trace.identity, SpfIdentity::Helo);
        const auto noLocal =
            SpfRequest::forMailFrom(ip("192.0.2.5"), "@example.org", "h.example.net");
        QCOMPARE(noLocal.sender, std::string("postmaster@example.org"));
        QCOMPARE(noLocal.domain, std::string("example.org"));
    }

    void traceRecordsEveryLookup() {
        Zone z;
        z.txt("example.org", "v=spf1 mx -all")
            .mx("example.org", 10, "in.example.org")
            .a("in.example.org", "192.0.2.1");
        const auto o = z.check("192.0.2.1", "example.org");
        QCOMPARE(o.result, SpfResult::Pass);
        QCOMPARE(o.trace.root.lookups.size(), size_t(1));
        QCOMPARE(o.trace.root.lookups[0].purpose, std::string("record"));
        const auto& mx = o.trace.root.terms.at(0);
        QCOMPARE(mx.lookups.size(), size_t(2));
        QCOMPARE(mx.lookups[0].type, RRType::MX);
        QCOMPARE(mx.lookups[0].answers, std::vector<std::string>{"10 in.example.org."});
        QCOMPARE(mx.lookups[1].purpose, std::string("mx-host"));
        QCOMPARE(mx.lookups[1].answers, std::vector<std::string>{"192.0.2.1"});
        QCOMPARE(mx.lookupCount, 1);
        QCOMPARE(o.trace.dnsQueries, 3);
        // Tracing off: same verdict and counters, no tree.
        SpfOptions quiet;
        quiet.trace = false;
        const auto q = z.check("192.0.2.1", "example.org", quiet);
        QCOMPARE(q.result, SpfResult::Pass);
        QCOMPARE(q.trace.lookups, 1);
        QVERIFY(q.trace.root.terms.empty());
        QCOMPARE(q.trace.decision.path, o.trace.decision.path);
    }

    void jsonIsDeterministicAndComplete() {
        Zone z = e14();
        const std::string first = spfOutcomeToJsonText(z.check("192.0.2.3", "example.org"));
        const std::string second = spfOutcomeToJsonText(z.check("192.0.2.3", "example.org"));
        QCOMPARE(first, second);
        const auto j = nlohmann::json::parse(first);
        QCOMPARE(QString::fromStdString(j.at("result").get<std::string>()), QStringLiteral("pass"));
        QCOMPARE(j.at("lookups").at("count").get<int>(), 3);
        QCOMPARE(j.at("lookups").at("limit").get<int>(), 10);
        QCOMPARE(j.at("voidLookups").at("limit").get<int>(), 2);
        QCOMPARE(j.at("decision").at("section").get<std::string>(), std::string("5.2"));
        QVERIFY(j.at("explanation").is_null());
        const auto& terms = j.at("trace").at("terms");
        QCOMPARE(terms.size(), size_t(12));
        QCOMPARE(terms[2].at("status").get<std::string>(), std::string("match"));
        QCOMPARE(terms[2].at("nested").at("domain").get<std::string>(),
                 std::string("s3.example.org"));
        // Keys come in a fixed order: result first.
        QVERIFY(first.find("\"result\"") < first.find("\"trace\""));
    }

    void jsonSurvivesBinaryRecords() {
        Zone z;
        using namespace std::string_literals;
        z.txt("example.org", "v=spf1 a:\xff\x00.example.org"s);
        const auto o = z.check("192.0.2.1", "example.org");
        QCOMPARE(o.result, SpfResult::PermError);
        const std::string text = spfOutcomeToJsonText(o);
        QVERIFY(nlohmann::json::accept(text));
        QVERIFY(spfOutcomeToText(o).find("\\xFF\\x00") != std::string::npos);
    }

    void textReport() {
        Zone z = e14();
        const std::string text = spfOutcomeToText(z.check("203.0.113.9", "example.org"));
        QVERIFY(text.find("Result: permerror") != std::string::npos);
        QVERIFY(text.find("RFC 7208 section 4.6.4") != std::string::npos);
        QVERIFY(text.find("DNS-lookup terms: 11 of 10") != std::string::npos);
        QVERIFY(text.find("[error] include:s11.example.org") != std::string::npos);
        QVERIFY(text.find("dns TXT s10.example.org -> NOERROR") != std::string::npos);
    }

    void asyncEvaluation() {
        Zone z = e14();
        auto future = checkHostAsync(
            z.zone, SpfRequest::forMailFrom(ip("192.0.2.7"), "x@example.org", "h.example.org"));
        const auto o = future.get();
        QCOMPARE(o.result, SpfResult::Pass);
        QCOMPARE(o.trace.lookups, 7);
    }
};

QTEST_GUILESS_MAIN(TestSpfEvaluator)
#include "tst_spf_evaluator.moc"
