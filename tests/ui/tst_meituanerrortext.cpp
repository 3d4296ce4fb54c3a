#include <QTest>

#include "core/meituan/meituanapi.h"
#include "ui/meituanerrortext.h"

using Kind = Meituan::Error::Kind;

Q_DECLARE_METATYPE(Meituan::Error)

namespace {

Meituan::Error rejected(const char *code, const QString &msg, const QString &traceId = {})
{
    Meituan::Error error = Meituan::Error::make(Kind::Rejected, QString());
    error.code = QString::fromLatin1(code);
    error.msg = msg;
    error.traceId = traceId;
    return error;
}

} // namespace

// A failed bind in a manager's words: what to do first, then Meituan's own message and code
// (never a developer's detail where Meituan spoke), and the trace id support asks for.
class tst_MeituanErrorText : public QObject
{
    Q_OBJECT

private slots:
    void bindFailureSaysWhatToDo_data()
    {
        QTest::addColumn<Meituan::Error>("error");
        QTest::addColumn<QStringList>("contains");
        QTest::addColumn<QStringList>("lacks");

        QTest::newRow("a refused code")
                << rejected(MeituanApi::PARAM_ERROR, "参数错误: code: expired")
                << QStringList{"did not accept the authorization code", "works once",
                               "Meituan said: \"参数错误: code: expired\" (code OP_PARAM_ERROR)"}
                << QStringList{"signature", "Details"};
        QTest::newRow("a wrong sign key")
                << rejected(MeituanApi::SIGN_ERROR, "签名错误")
                << QStringList{"did not accept the signature", "sign key",
                               "Meituan said: \"签名错误\" (code OP_SIGN_ERROR)"}
                << QStringList{"authorization code"};
        QTest::newRow("with a trace id")
                << rejected(MeituanApi::PARAM_ERROR, "参数错误", "trace-7f3a")
                << QStringList{"Meituan's reference for support: trace-7f3a"} << QStringList{};
        QTest::newRow("not set up")
                << Meituan::Error::make(Kind::NotConfigured, "set the Meituan developer id first")
                << QStringList{"not set up yet", "developer id"}
                << QStringList{"Details", "set the Meituan developer id first"};
        QTest::newRow("not reached")
                << Meituan::Error::make(Kind::Unavailable, "Connection refused")
                << QStringList{"could not be reached", "Details: Connection refused"}
                << QStringList{"Meituan said"};
        QTest::newRow("answer lost")
                << Meituan::Error::make(Kind::Unknown, "timed out after 10000 ms")
                << QStringList{"could not be reached", "Details: timed out after 10000 ms"}
                << QStringList{"Meituan said"};
        QTest::newRow("unreadable answer")
                << Meituan::Error::make(Kind::BadAnswer, "no opBizCode")
                << QStringList{"could not be understood", "Details: no opBizCode"}
                << QStringList{"Meituan said"};
    }

    void bindFailureSaysWhatToDo()
    {
        QFETCH(Meituan::Error, error);
        QFETCH(QStringList, contains);
        QFETCH(QStringList, lacks);
        const QString text = MeituanErrorText::bindFailure(error);
        for (const QString &part : contains)
            QVERIFY2(text.contains(part), qPrintable(text + "\nlacks: " + part));
        for (const QString &part : lacks)
            QVERIFY2(!text.contains(part), qPrintable(text + "\nhas: " + part));
    }
};

QTEST_GUILESS_MAIN(tst_MeituanErrorText)
#include "tst_meituanerrortext.moc"
