// RangeIndex: the most specific RemoteIPRanges entries containing an address (rule R20),
// checked on the domain's fixed cases and against a brute-force scan on random inputs.

#include <QtTest>
#include <optional>

#include <random>
#include <vector>

#include "core/net/range_index.h"

using mailtopo::net::Address;
using mailtopo::net::Family;
using mailtopo::net::IpRange;
using mailtopo::net::Prefix;
using mailtopo::net::RangeIndex;
using mailtopo::net::U128;

// Lets QCOMPARE print the answers it compares.
namespace QTest {
template <>
char* toString(const std::vector<uint32_t>& list) {
    QByteArray text = "{";
    for (size_t i = 0; i < list.size(); ++i) {
        if (i != 0)
            text += ", ";
        text += QByteArray::number(list[i]);
    }
    return qstrdup(text + "}");
}
}  // namespace QTest

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

std::vector<uint32_t> lookup(const RangeIndex& index, const Address& a) {
    const auto hits = index.mostSpecific(a);
    return {hits.begin(), hits.end()};
}

std::vector<uint32_t> lookup(const RangeIndex& index, const char* a) {
    return lookup(index, addr(a));
}

// The definition of the answer, written as plainly as possible: the containing entries whose
// size (as last - first, which cannot saturate) is minimal, in entry order.
std::vector<uint32_t> bruteForce(const std::vector<RangeIndex::Entry>& entries, const Address& a) {
    std::vector<uint32_t> best;
    U128 bestSpan = U128::max();
    for (uint32_t i = 0; i < entries.size(); ++i) {
        const IpRange& r = entries[i].range;
        if (!r.contains(a))
            continue;
        const U128 span = r.last().minus(r.first());
        if (best.empty() || span < bestSpan) {
            best = {i};
            bestSpan = span;
        } else if (span == bestSpan) {
            best.push_back(i);
        }
    }
    return best;
}

// The first containing entry, whatever its size, as a first-match rule list picks it.
std::optional<uint32_t> firstByScan(const std::vector<RangeIndex::Entry>& entries,
                                    const Address& a) {
    for (uint32_t i = 0; i < entries.size(); ++i)
        if (entries[i].range.contains(a))
            return i;
    return std::nullopt;
}

// Random entries in a few narrow windows, so that they overlap, nest and tie often; two of
// the windows sit at the very top of their family's space, where entries have no end.
class RandomRanges {
public:
    explicit RandomRanges(uint32_t seed) : rng_(seed) {}

    Address address() {
        const Window& w = kWindows[pick(std::size(kWindows))];
        return w.base.plus(U128{0, pick(w.width)});
    }

    IpRange range() {
        if (pick(40) == 0) {  // now and then the whole family, as Default Frontend has
            return pick(2) == 0 ? IpRange::allV4() : IpRange::allV6();
        }
        const Address a = address();
        switch (pick(4)) {
            case 0:
                return IpRange::single(a);
            case 1: {
                const int width = a.bitWidth();
                return IpRange::cidr(Prefix(a, width - static_cast<int>(pick(9))));
            }
            case 2: {
                const Address b = a.plus(U128{0, pick(80)});
                return IpRange::span(a, b < a ? Address::highest(a.family()) : b);
            }
            default:
                if (a.isV6())
                    return IpRange::cidr(Prefix(a, 128 - static_cast<int>(pick(9))));
                return IpRange::netmask(a, 32 - static_cast<int>(pick(9)));
        }
    }

    uint64_t pick(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }

private:
    struct Window {
        Address base;
        uint64_t width;
    };
    const Window kWindows[4] = {
        {addr("10.0.0.0"), 600},
        {addr("255.255.254.0"), 512},
        {addr("2001:db8::"), 600},
        {addr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fe00"), 512},
    };
    std::mt19937 rng_;
};

}  // namespace

class TestNetRangeIndex : public QObject {
    Q_OBJECT

private slots:
    void emptyIndexFindsNothing() {
        const RangeIndex index;
        QVERIFY(index.mostSpecific(addr("10.0.0.1")).empty());
        QVERIFY(index.mostSpecific(addr("::1")).empty());
        QCOMPARE(index.elementaryIntervalCount(), size_t{0});
        QVERIFY(index.entries().empty());
    }

    // E5: the Default Frontend connector takes everything, connector A a /24 written as a
    // span, connector B one address inside it.
    void domainExampleE5() {
        const RangeIndex index({{IpRange::allV4(), 100},
                                {range("10.1.1.0-10.1.1.255"), 200},
                                {range("10.1.1.75"), 300}});
        QCOMPARE(lookup(index, "10.1.1.75"), std::vector<uint32_t>{2});
        QCOMPARE(lookup(index, "10.1.1.100"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "10.1.1.74"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "10.1.1.76"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "10.1.1.0"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "10.1.1.255"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "10.2.0.9"), std::vector<uint32_t>{0});
        QCOMPARE(lookup(index, "10.1.0.255"), std::vector<uint32_t>{0});
        QCOMPARE(lookup(index, "0.0.0.0"), std::vector<uint32_t>{0});
        QCOMPARE(lookup(index, "255.255.255.255"), std::vector<uint32_t>{0});
        QVERIFY(lookup(index, "::ffff:10.1.1.75").empty());  // no IPv6 entries at all
        QCOMPARE(index.entries()[2].payload, 300u);
        // Cut at 0.0.0.0, 10.1.1.0, 10.1.1.75, 10.1.1.76 and 10.1.2.0.
        QCOMPARE(index.elementaryIntervalCount(), size_t{5});
    }

    void tiesAreAllReturnedInEntryOrder() {
        const RangeIndex index({{range("10.0.0.0/24"), 0},
                                {range("10.0.0.0-10.0.0.255"), 0},
                                {range("10.0.1.0(255.255.255.0)"), 0},
                                {range("10.0.0.128-10.0.1.127"), 0},
                                {range("10.0.0.0(255.255.255.0)"), 0}});
        QCOMPARE(lookup(index, "10.0.0.5"), (std::vector<uint32_t>{0, 1, 4}));
        QCOMPARE(lookup(index, "10.0.0.200"), (std::vector<uint32_t>{0, 1, 3, 4}));
        QCOMPARE(lookup(index, "10.0.1.5"), (std::vector<uint32_t>{2, 3}));
        QCOMPARE(lookup(index, "10.0.1.200"), (std::vector<uint32_t>{2}));
        QVERIFY(lookup(index, "10.0.2.0").empty());
        QVERIFY(lookup(index, "9.255.255.255").empty());
    }

    void ipv6AndIpv4AreSeparate() {
        const RangeIndex index({{range("::/0"), 0},
                                {range("2001:db8::/32"), 0},
                                {range("2001:db8::1-2001:db8::ff"), 0},
                                {range("0.0.0.0/0"), 0},
                                {range("::ffff:0:0/96"), 0}});
        QCOMPARE(lookup(index, "2001:db8::5"), std::vector<uint32_t>{2});
        QCOMPARE(lookup(index, "2001:db8::"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "2001:db8:1::"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "2001:db9::"), std::vector<uint32_t>{0});
        QCOMPARE(lookup(index, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                 std::vector<uint32_t>{0});
        QCOMPARE(lookup(index, "::ffff:10.0.0.1"), std::vector<uint32_t>{4});
        QCOMPARE(lookup(index, "10.0.0.1"), std::vector<uint32_t>{3});
    }

    // ::/0 has 2^128 addresses and the span below one fewer; IpRange::size() saturates both to
    // U128::max(), but the index must still tell them apart.
    void wholeIpv6SpaceIsLargerThanAnyProperPart() {
        const RangeIndex index(
            {{range("::/0"), 0}, {range("::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 0}});
        QCOMPARE(lookup(index, "::5"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "::"), std::vector<uint32_t>{0});
    }

    void entriesAtTheTopOfTheSpaceNeverEnd() {
        const RangeIndex index({{range("255.255.255.0/24"), 0},
                                {range("255.255.255.255"), 0},
                                {range("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0-ffff:ffff:ffff:"
                                       "ffff:ffff:ffff:ffff:ffff"),
                                 0}});
        QCOMPARE(lookup(index, "255.255.255.255"), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, "255.255.255.254"), std::vector<uint32_t>{0});
        QVERIFY(lookup(index, "255.255.254.255").empty());
        QCOMPARE(lookup(index, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                 std::vector<uint32_t>{2});
        QVERIFY(lookup(index, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffef").empty());
    }

    void nestedChainStaysLinear() {
        // 2000 ranges nested inside each other: every elementary interval has one answer, so
        // the shared answer storage must stay proportional to the entry count.
        std::vector<RangeIndex::Entry> entries;
        const Address centre = addr("10.128.0.0");
        for (uint32_t i = 0; i < 2000; ++i) {
            entries.push_back({IpRange::span(Address::v4(centre.v4Value() - (i + 1) * 100),
                                             Address::v4(centre.v4Value() + (i + 1) * 100)),
                               i});
        }
        const RangeIndex index(std::move(entries));
        QCOMPARE(index.elementaryIntervalCount(), size_t{4000});
        QCOMPARE(lookup(index, centre), std::vector<uint32_t>{0});
        QCOMPARE(lookup(index, Address::v4(centre.v4Value() - 150)), std::vector<uint32_t>{1});
        QCOMPARE(lookup(index, Address::v4(centre.v4Value() + 200'000)),
                 std::vector<uint32_t>{1999});
        QVERIFY(lookup(index, Address::v4(centre.v4Value() + 200'001)).empty());
    }

    void matchesBruteForceOnRandomInputs() {
        RandomRanges random(20240611);
        constexpr int kRounds = 50, kEntries = 200, kQueries = 2000;
        size_t nonEmptyAnswers = 0, ties = 0;
        for (int round = 0; round < kRounds; ++round) {
            std::vector<RangeIndex::Entry> entries;
            // Later rounds start small, so that sparse indexes with gaps are covered too.
            const int count = round < 5 ? round * 3 : kEntries;
            for (int i = 0; i < count; ++i) {
                entries.push_back({random.range(), static_cast<uint32_t>(i)});
            }
            const RangeIndex index(entries);
            QCOMPARE(index.entries().size(), entries.size());

            for (int q = 0; q < kQueries; ++q) {
                Address a = random.address();
                if (!entries.empty() && random.pick(2) == 0) {
                    // The endpoints and their neighbours are where off-by-one errors live.
                    const IpRange& r = entries[random.pick(entries.size())].range;
                    const Address end = random.pick(2) == 0 ? r.first() : r.last();
                    // plus() wraps within the family, so adding U128::max() steps back one.
                    const U128 steps[3] = {U128{}, U128{0, 1}, U128::max()};
                    a = end.plus(steps[random.pick(3)]);
                }
                const auto expected = bruteForce(entries, a);
                const auto actual = lookup(index, a);
                if (actual != expected) {
                    QFAIL(qPrintable(QStringLiteral("round %1, address %2: index and brute force "
                                                    "disagree")
                                         .arg(round)
                                         .arg(QString::fromStdString(a.toString()))));
                }
                nonEmptyAnswers += expected.empty() ? 0 : 1;
                ties += expected.size() > 1 ? 1 : 0;
            }
        }
        // The generator must actually exercise hits and ties, or the comparison proves little.
        QVERIFY(nonEmptyAnswers > size_t{kRounds} * kQueries / 2);
        QVERIFY(ties > 1000);
    }

    // A broad early entry wins over a narrower later one: position, not size, decides.
    void firstContainingIsTheFirstInEntryOrder() {
        const RangeIndex index({{range("10.1.1.75"), 0},
                                {range("10.1.0.0/16"), 0},
                                {range("10.1.1.0/24"), 0},
                                {range("2001:db8::/32"), 0}});
        QVERIFY(index.firstContaining(addr("10.1.1.75")) == 0u);
        QVERIFY(index.firstContaining(addr("10.1.1.76")) == 1u);
        QVERIFY(index.firstContaining(addr("2001:db8::1")) == 3u);
        QVERIFY(!index.firstContaining(addr("10.2.0.0")).has_value());
        QVERIFY(!RangeIndex().firstContaining(addr("10.1.1.75")).has_value());
    }

    void firstContainingMatchesAScanOnRandomInputs() {
        RandomRanges random(20261207);
        size_t hits = 0;
        for (int round = 0; round < 20; ++round) {
            std::vector<RangeIndex::Entry> entries;
            for (int i = 0; i < round * 10; ++i)
                entries.push_back({random.range(), 0});
            const RangeIndex index(entries);
            for (int q = 0; q < 2000; ++q) {
                Address a = random.address();
                if (!entries.empty() && random.pick(2) == 0) {
                    const IpRange& r = entries[random.pick(entries.size())].range;
                    const U128 steps[3] = {U128{}, U128{0, 1}, U128::max()};
                    a = (random.pick(2) == 0 ? r.first() : r.last()).plus(steps[random.pick(3)]);
                }
                const auto expected = firstByScan(entries, a);
                QVERIFY(index.firstContaining(a) == expected);
                hits += expected ? 1 : 0;
            }
        }
        QVERIFY(hits > 10000);
    }
};

QTEST_GUILESS_MAIN(TestNetRangeIndex)
#include "tst_net_range_index.moc"
