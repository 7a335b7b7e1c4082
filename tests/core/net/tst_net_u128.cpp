// U128: the hand-written 128-bit arithmetic behind IPv6 sizes and offsets.

#include <QtTest>

#include "core/net/u128.h"

using mailtopo::net::U128;

class TestNetU128 : public QObject {
    Q_OBJECT

private slots:
    void carriesAndBorrowsAcrossTheHalves() {
        const U128 lowFull{0, ~uint64_t{0}};
        QVERIFY((lowFull + U128{0, 1}) == (U128{1, 0}));
        QVERIFY((U128{1, 0} - U128{0, 1}) == lowFull);
        QVERIFY((U128{5, 7} + U128{1, 2}) == (U128{6, 9}));
    }

    void wrapsAtTheEnds() {
        QVERIFY((U128::max() + U128{0, 1}) == U128{});
        QVERIFY((U128{} - U128{0, 1}) == U128::max());
    }

    void saturatingAddStopsAtMax() {
        QVERIFY(U128::max().saturatingAdd(U128{0, 1}) == U128::max());
        QVERIFY((U128{0, 1}.saturatingAdd(U128{0, 2})) == (U128{0, 3}));
    }

    void comparesNumerically() {
        QVERIFY((U128{1, 0}) > (U128{0, ~uint64_t{0}}));
        QVERIFY((U128{0, 2}) < (U128{0, 3}));
        QVERIFY((U128{2, 0}) == (U128{2, 0}));
    }

    void powersOfTwo_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("decimal");
        QTest::newRow("0") << 0 << "1";
        QTest::newRow("8") << 8 << "256";
        QTest::newRow("32") << 32 << "4294967296";
        QTest::newRow("63") << 63 << "9223372036854775808";
        QTest::newRow("64") << 64 << "18446744073709551616";
        QTest::newRow("96") << 96 << "79228162514264337593543950336";
        QTest::newRow("127") << 127 << "170141183460469231731687303715884105728";
        QTest::newRow("128 saturates")
            << 128 << "340282366920938463463374607431768211455";  // 2^128 - 1
    }
    void powersOfTwo() {
        QFETCH(int, n);
        QFETCH(QString, decimal);
        QCOMPARE(QString::fromStdString(U128::pow2(n).toString()), decimal);
    }

    void shifts() {
        QVERIFY((U128{0, 1} << 64) == (U128{1, 0}));
        QVERIFY((U128{0, 1} << 127) == (U128{uint64_t{1} << 63, 0}));
        QVERIFY((U128{0, 1} << 128) == U128{});
        QVERIFY((U128{1, 0} >> 64) == (U128{0, 1}));
        QVERIFY((U128{0x10, 0} >> 4) == (U128{1, 0}));
        QVERIFY((U128::max() >> 128) == U128{});
    }

    void toStringOfZeroAndMixedValues() {
        QCOMPARE(QString::fromStdString(U128{}.toString()), QStringLiteral("0"));
        QCOMPARE(QString::fromStdString(U128{0, 1234567890}.toString()),
                 QStringLiteral("1234567890"));
        // 2^64 + 1
        QCOMPARE(QString::fromStdString(U128{1, 1}.toString()),
                 QStringLiteral("18446744073709551617"));
    }
};

QTEST_GUILESS_MAIN(TestNetU128)
#include "tst_net_u128.moc"
