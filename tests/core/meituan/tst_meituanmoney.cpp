#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "core/meituan/meituanmoney.h"

namespace {

// The value of "v" in a JSON text, as Meituan's answer would be parsed.
QJsonValue parsed(const QByteArray &literal)
{
    return QJsonDocument::fromJson("{\"v\": " + literal + "}").object().value(u"v");
}

} // namespace

class tst_MeituanMoney : public QObject
{
    Q_OBJECT

private slots:
    void text_data()
    {
        QTest::addColumn<QString>("yuan");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("fen");

        // clang-format off
        QTest::newRow("two decimals")           << "12.50" << true << qint64(1250);
        QTest::newRow("one decimal")            << "99.9"  << true << qint64(9990);
        QTest::newRow("0.1")                    << "0.1"   << true << qint64(10);
        QTest::newRow("0.07")                   << "0.07"  << true << qint64(7);
        QTest::newRow("19.99")                  << "19.99" << true << qint64(1999);
        QTest::newRow("whole yuan")             << "100"   << true << qint64(10000);
        QTest::newRow("zero")                   << "0"     << true << qint64(0);
        QTest::newRow("zero with decimals")     << "0.00"  << true << qint64(0);
        QTest::newRow("minus zero")             << "-0"    << true << qint64(0);
        QTest::newRow("negative is kept")       << "-1.5"  << true << qint64(-150);
        QTest::newRow("leading zeros")          << "007.10" << true << qint64(710);
        QTest::newRow("zeros past fen are exact") << "12.500" << true << qint64(1250);
        QTest::newRow("exponent")               << "1e2"   << true << qint64(10000);
        QTest::newRow("upper-case exponent")    << "1.5E-1" << true << qint64(15);
        QTest::newRow("exponent with plus")     << "1.2345e+3" << true << qint64(123450);
        QTest::newRow("largest")                << "9999999999999.99" << true << qint64(999999999999999);
        QTest::newRow("many zeros past fen")    << "1.000000000000000000000000000" << true << qint64(100);

        QTest::newRow("three decimals")         << "12.505" << false << qint64(0);
        QTest::newRow("a tenth of a fen")       << "0.001"  << false << qint64(0);
        QTest::newRow("exponent below fen")     << "1e-3"   << false << qint64(0);
        QTest::newRow("too large")              << "10000000000000" << false << qint64(0);
        QTest::newRow("too large by exponent")  << "1e20"   << false << qint64(0);
        QTest::newRow("huge exponent")          << "1e999999" << false << qint64(0);
        QTest::newRow("empty")                  << ""       << false << qint64(0);
        QTest::newRow("minus alone")            << "-"      << false << qint64(0);
        QTest::newRow("plus sign")              << "+1"     << false << qint64(0);
        QTest::newRow("spaces")                 << " 1.00"  << false << qint64(0);
        QTest::newRow("comma decimal")          << "1,50"   << false << qint64(0);
        QTest::newRow("bare dot")               << "."      << false << qint64(0);
        QTest::newRow("no fraction digits")     << "5."     << false << qint64(0);
        QTest::newRow("no whole digits")        << ".5"     << false << qint64(0);
        QTest::newRow("two dots")               << "1.2.3"  << false << qint64(0);
        QTest::newRow("exponent without digits") << "1e"    << false << qint64(0);
        QTest::newRow("hex")                    << "0x10"   << false << qint64(0);
        QTest::newRow("NaN")                    << "NaN"    << false << qint64(0);
        QTest::newRow("Infinity")               << "Infinity" << false << qint64(0);
        QTest::newRow("full-width digits")      << "１２"   << false << qint64(0);
        // clang-format on
    }

    void text()
    {
        QFETCH(QString, yuan);
        QFETCH(bool, ok);
        QFETCH(qint64, fen);
        const Result<qint64> result = MeituanMoney::fenFromText(yuan);
        QCOMPARE(result.ok(), ok);
        if (ok)
            QCOMPARE(result.value(), fen);
        else
            QCOMPARE(result.error().code, ErrorCode::BadInput);
    }

    // Numbers as they stand in an answer's JSON text, through QJsonDocument like the client's.
    void json_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("fen");

        // clang-format off
        QTest::newRow("99.9")                 << QByteArray("99.9")  << true << qint64(9990);
        QTest::newRow("0.1 (not 0.1000…01)")  << QByteArray("0.1")   << true << qint64(10);
        QTest::newRow("0.07 (7.000…01 fen)")  << QByteArray("0.07")  << true << qint64(7);
        QTest::newRow("19.99 (1998.99… fen)") << QByteArray("19.99") << true << qint64(1999);
        QTest::newRow("1.005")                << QByteArray("1.005") << false << qint64(0);
        QTest::newRow("0.29")                 << QByteArray("0.29")  << true << qint64(29);
        QTest::newRow("1e2")                  << QByteArray("1e2")   << true << qint64(10000);
        QTest::newRow("integer")              << QByteArray("128")   << true << qint64(12800);
        QTest::newRow("negative")             << QByteArray("-1.5")  << true << qint64(-150);
        QTest::newRow("trailing zeros")       << QByteArray("12.50") << true << qint64(1250);
        QTest::newRow("largest")              << QByteArray("9999999999999.99") << true << qint64(999999999999999);
        QTest::newRow("large whole")          << QByteArray("1234567890123") << true << qint64(123456789012300);
        QTest::newRow("past 2^53 fen")        << QByteArray("123456789012345678") << false << qint64(0);
        QTest::newRow("1e300")                << QByteArray("1e300") << false << qint64(0);
        QTest::newRow("string inside JSON")   << QByteArray("\"12.50\"") << true << qint64(1250);
        QTest::newRow("three decimals in a string") << QByteArray("\"0.125\"") << false << qint64(0);
        QTest::newRow("null")                 << QByteArray("null")  << false << qint64(0);
        QTest::newRow("bool")                 << QByteArray("true")  << false << qint64(0);
        QTest::newRow("object")               << QByteArray("{}")    << false << qint64(0);
        // clang-format on
    }

    void json()
    {
        QFETCH(QByteArray, literal);
        QFETCH(bool, ok);
        QFETCH(qint64, fen);
        const QJsonValue value = parsed(literal);
        const Result<qint64> result = MeituanMoney::fenFromJson(value);
        QVERIFY2(result.ok() == ok, qPrintable(result.ok() ? QString() : result.error().message));
        if (ok)
            QCOMPARE(result.value(), fen);
    }

    // Every whole-fen amount up to 1000 yuan survives the JSON number route exactly; the naive
    // qRound64(v * 100) agrees, but v * 100 truncated (what a cast does) would not.
    void everyFenUpToAThousandYuan()
    {
        for (qint64 fen = 0; fen <= 100000; ++fen) {
            const QByteArray literal = QByteArray::number(fen / 100) + '.'
                    + QByteArray::number(fen % 100).rightJustified(2, '0');
            const Result<qint64> result = MeituanMoney::fenFromJson(parsed(literal));
            if (!result.ok() || result.value() != fen)
                QFAIL(literal.constData());
        }
    }
};

QTEST_GUILESS_MAIN(tst_MeituanMoney)
#include "tst_meituanmoney.moc"
