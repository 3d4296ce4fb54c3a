#include <QTest>
#include <QTranslator>

#include "core/verify/verifyoutcomes.h"
#include "ui/outcometext.h"

// The till's words for the platform choice's outcomes (MEITUAN.md §8), in English and Chinese:
// a code on more than one platform, a code no platform has, a platform the store lacks.
class tst_OutcomeText : public QObject
{
    Q_OBJECT

    static PrepareOutcome refusal(PlatformId platform, RejectReason reason,
                                  const QList<PlatformId> &asked)
    {
        PlatformError error = PlatformError::make(platform, PlatformError::Kind::Rejected, {});
        error.reason = reason;
        VerifyOutcome outcome = VerifyOutcomes::beforeVerify(error);
        outcome.platforms = asked;
        return VerifyOutcomes::asPrepare(outcome);
    }

private slots:
    void platformChoiceOutcomes_data()
    {
        QTest::addColumn<PrepareOutcome>("outcome");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("chinese");

        const QList<PlatformId> both{PlatformId::Douyin, PlatformId::Meituan};
        QTest::newRow("a code both platforms know")
                << VerifyOutcomes::asPrepare(VerifyOutcomes::ambiguous(both, "1234567890"))
                << "more than one platform"
                << "多个平台";
        QTest::newRow("no platform has the code")
                << refusal(PlatformId::Douyin, RejectReason::NotFound, both)
                << "No such coupon on Douyin / Meituan / Dianping"
                << "抖音 / 美团/点评 都没有";
        QTest::newRow("Douyin alone has no such code")
                << refusal(PlatformId::Douyin, RejectReason::NotFound, {})
                << "No such coupon. Check the code"
                << "券码不存在";
        QTest::newRow("used on Meituan")
                << refusal(PlatformId::Meituan, RejectReason::Used, {}) << "already been used"
                << "已被使用";
        QTest::newRow("forced to Meituan, not set up")
                << VerifyOutcomes::asPrepare(VerifyOutcomes::notSetUp(PlatformId::Meituan, "p1"))
                << "Meituan / Dianping account is not set up"
                << "美团/点评";
    }

    void platformChoiceOutcomes()
    {
        QFETCH(PrepareOutcome, outcome);
        QFETCH(QString, english);
        QFETCH(QString, chinese);
        const QString inEnglish = OutcomeText::forPrepare(outcome);
        QVERIFY2(inEnglish.contains(english), qPrintable(inEnglish));
        QTranslator translator;
        QVERIFY(translator.load(":/i18n/dygateway_zh_CN.qm"));
        QCoreApplication::installTranslator(&translator);
        const QString inChinese = OutcomeText::forPrepare(outcome);
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(inChinese.contains(chinese), qPrintable(inChinese));
    }
};

QTEST_MAIN(tst_OutcomeText)
#include "tst_outcometext.moc"
