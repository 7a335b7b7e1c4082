// R2 for IPv6: Windows 2008 and later choose an IPv6 source by RFC 6724's rules, not by the
// IPv4 next-hop rule of KB969029, and CommonPrefixLen stops at the source's prefix length
// (RFC 6724 §2.2; the choice is recorded in core/sim/README.md, "IPv6 source selection").

#include <QtTest>

#include "core/sim/simulator.h"
#include "tests/support/scenario.h"

using namespace mailtopo;

namespace {

// E1's EX16 with the IPv6 addresses given, all on its one LAN NIC.
model::Design ex16With(std::initializer_list<std::pair<const char*, int>> addresses) {
    auto d = testing::loadScenario("e01-two-addresses-gateway-1");
    auto& nic = d.findHost("ex16")->nics.front();
    for (const auto& [address, length] : addresses) {
        model::IpAssignment a;
        a.address = *net::Address::parse(address);
        a.prefixLength = length;
        nic.addresses.push_back(a);
    }
    return d;
}

std::string sourceTowards(const model::Design& d, const char* destination,
                          std::string* reason = nullptr) {
    const auto source =
        sim::Simulator(d).selectSource("ex16", *net::Address::parse(destination), reason);
    return source ? source->toString() : "none";
}

}  // namespace

class Ipv6Source : public QObject {
    Q_OBJECT

private slots:
    // Counted to the full width, ::200 shares 126 bits with ::201 and would win; counted up to
    // the /64 both share 64, the tie goes to the lowest address (A1).
    void r2_commonPrefixLenStopsAtTheSourcePrefix() {
        const auto d = ex16With({{"2001:db8:0:1::200", 64}, {"2001:db8:0:1::100", 64}});
        std::string reason;
        QCOMPARE(sourceTowards(d, "2001:db8:0:1::201", &reason), std::string("2001:db8:0:1::100"));
        QVERIFY2(reason.find("step 5") != std::string::npos, reason.c_str());
    }

    void r2_longestMatchingPrefixWithTheDestination() {
        const auto d = ex16With({{"2001:db8:0:1::100", 64}, {"2001:db8:0:2::100", 64}});
        std::string reason;
        QCOMPARE(sourceTowards(d, "2001:db8:0:2::55", &reason), std::string("2001:db8:0:2::100"));
        QVERIFY2(reason.find("rule 8") != std::string::npos, reason.c_str());
    }

    void r2_appropriateScope() {
        const auto d = ex16With({{"fe80::10", 64}, {"2001:db8:0:1::100", 64}});
        std::string reason;
        QCOMPARE(sourceTowards(d, "2001:db8:0:1::55", &reason), std::string("2001:db8:0:1::100"));
        QVERIFY2(reason.find("rule 2") != std::string::npos, reason.c_str());
        QCOMPARE(sourceTowards(d, "fe80::99", &reason), std::string("fe80::10"));
    }

    void r2_matchingPolicyLabel() {
        // A unique local address (label 13) loses to a global one (label 1) towards a global
        // destination, although it shares more leading bits with it.
        const auto e = ex16With({{"fd00:db8::10", 64}, {"2001:db8:0:1::100", 64}});
        std::string reason;
        QCOMPARE(sourceTowards(e, "fd00:db8::99", &reason), std::string("fd00:db8::10"));
        QCOMPARE(sourceTowards(e, "2001:db8:0:1::55", &reason), std::string("2001:db8:0:1::100"));
        QVERIFY2(reason.find("rule 6") != std::string::npos, reason.c_str());
    }

    void r2_ipv4KeepsTheNextHopRule() {
        // The IPv6 rules leave E1 alone: 10.0.0.100 by CPL with gateway 10.0.0.1 (step 4c).
        const auto d = ex16With({{"2001:db8:0:1::100", 64}});
        std::string reason;
        QCOMPARE(sourceTowards(d, "203.0.113.25", &reason), std::string("10.0.0.100"));
        QVERIFY2(reason.find("step 4c") != std::string::npos, reason.c_str());
    }
};

QTEST_APPLESS_MAIN(Ipv6Source)
#include "tst_r2_ipv6_source.moc"
