// The RFC 7208 conformance suite (open-spf.org, 203 tests in rfc7208-tests.yml) run through
// the resolver interface, following the harness rules of ../shared/conformance/spf/README.md.
// Goal 203/203; a test that still disagrees must be listed in kExpectedFailures with the
// reason, and exactPassCount() pins the number so a regression or a silent fix both show.

#include <QtTest>

#include <map>
#include <string>

#include "tests/core/dns/spf_suite.h"

using mailtopo::testing::SpfSuite;

namespace {

const std::string kSuitePath = MAILTOPO_SHARED_DIR "/conformance/spf/rfc7208-tests.yml";

// test name -> why our result differs. Empty: every test passes.
const std::map<std::string, std::string> kExpectedFailures = {};

constexpr int kSuiteSize = 203;

}  // namespace

class TestSpfConformance : public QObject {
    Q_OBJECT

private:
    SpfSuite suite_;

private slots:
    void initTestCase() {
        try {
            suite_ = mailtopo::testing::loadSpfSuite(kSuitePath);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(static_cast<int>(suite_.tests.size()), kSuiteSize);
        QCOMPARE(static_cast<int>(suite_.scenarios.size()), 16);
    }

    void suite_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < suite_.tests.size(); ++i) {
            QTest::newRow(suite_.tests[i].name.c_str()) << static_cast<int>(i);
        }
    }

    // One row per suite test: its result is acceptable and, for fail, the explanation too.
    void suite() {
        QFETCH(int, index);
        const auto& test = suite_.tests[static_cast<size_t>(index)];
        const auto run =
            mailtopo::testing::runSpfSuiteTest(suite_, test, mailtopo::testing::spfSuiteOptions());
        const auto expected = kExpectedFailures.find(test.name);
        if (expected != kExpectedFailures.end()) {
            QEXPECT_FAIL("", expected->second.c_str(), Continue);
        }
        QVERIFY2(
            run.passed,
            (test.scenario + " / " + test.name + " (spec " + test.spec + "): " + run.why).c_str());
    }

    // The exact score, and that every listed expected failure really still fails.
    void exactPassCount() {
        int passed = 0;
        int preferred = 0;
        int explanationsChecked = 0;
        for (const auto& test : suite_.tests) {
            const auto run = mailtopo::testing::runSpfSuiteTest(
                suite_, test, mailtopo::testing::spfSuiteOptions());
            if (run.passed)
                ++passed;
            if (run.resultPreferred)
                ++preferred;
            if (test.explanation && run.outcome.result == mailtopo::dns::SpfResult::Fail) {
                ++explanationsChecked;
            }
            if (kExpectedFailures.count(test.name) != 0) {
                QVERIFY2(!run.passed,
                         ("listed as expected failure but passes: " + test.name).c_str());
            }
        }
        qInfo(
            "RFC 7208 suite: %d/%d passed, %d with the preferred (first-listed) result, "
            "%d explanations compared",
            passed, kSuiteSize, preferred, explanationsChecked);
        QCOMPARE(passed, kSuiteSize - static_cast<int>(kExpectedFailures.size()));
        // The suite has 22 tests that name an explanation; all of them end in fail.
        QCOMPARE(explanationsChecked, 22);
    }

    // The same results without building the explanation tree (the benchmark's mode).
    void resultsDoNotDependOnTracing() {
        for (const auto& test : suite_.tests) {
            const auto traced = mailtopo::testing::runSpfSuiteTest(
                suite_, test, mailtopo::testing::spfSuiteOptions(true));
            const auto plain = mailtopo::testing::runSpfSuiteTest(
                suite_, test, mailtopo::testing::spfSuiteOptions(false));
            QCOMPARE(plain.outcome.result, traced.outcome.result);
            QCOMPARE(plain.outcome.explanation, traced.outcome.explanation);
            QCOMPARE(plain.outcome.trace.lookups, traced.outcome.trace.lookups);
            QCOMPARE(plain.outcome.trace.voidLookups, traced.outcome.trace.voidLookups);
        }
    }
};

QTEST_GUILESS_MAIN(TestSpfConformance)
#include "tst_spf_conformance.moc"
