#include <memory>

#include <QTest>

#include "core/result.h"

class tst_Result : public QObject
{
    Q_OBJECT

private slots:
    void valueIsReturned()
    {
        const Result<int> result(42);
        QVERIFY(result.ok());
        QVERIFY(bool(result));
        QCOMPARE(result.value(), 42);
    }

    void errorIsReturned()
    {
        const Result<int> result(makeError(ErrorCode::Storage, QStringLiteral("disk full")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Storage);
        QCOMPARE(result.error().message, QStringLiteral("disk full"));
    }

    void moveOnlyValue()
    {
        Result<std::unique_ptr<int>> result(std::make_unique<int>(7));
        QVERIFY(result.ok());
        const std::unique_ptr<int> taken = std::move(result).value();
        QCOMPARE(*taken, 7);
    }

    void doneCarriesNothing()
    {
        const Result<Done> done(Done{});
        QVERIFY(done.ok());
    }
};

QTEST_GUILESS_MAIN(tst_Result)
#include "tst_result.moc"
