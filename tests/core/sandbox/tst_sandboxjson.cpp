#include <QJsonArray>
#include <QTest>

#include "core/sandbox/sandboxjson.h"

class tst_SandboxJson : public QObject
{
    Q_OBJECT

private slots:
    void longIntegersKeepEveryDigit_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // the "id" member as idString() reads it
        QTest::newRow("19-digit number")
                << QByteArray("{\"id\":7630290236999731263}") << "7630290236999731263";
        QTest::newRow("19-digit string")
                << QByteArray("{\"id\":\"7630290236999731263\"}") << "7630290236999731263";
        QTest::newRow("2^53 + 1") << QByteArray("{\"id\":9007199254740993}") << "9007199254740993";
        QTest::newRow("negative long")
                << QByteArray("{\"id\":-7630290236999731263}") << "-7630290236999731263";
        QTest::newRow("small number") << QByteArray("{\"id\":42}") << "42";
        QTest::newRow("15 digits stay numbers")
                << QByteArray("{\"id\":123456789012345}") << "123456789012345";
        QTest::newRow("in an array, with spaces")
                << QByteArray("{ \"x\" : [ 1, 2 ], \"id\" :\n7630290236999731263 }")
                << "7630290236999731263";
        QTest::newRow("digits inside strings are left alone")
                << QByteArray("{\"note\":\"a \\\" 7630290236999731263 \\\\\",\"id\":1}") << "1";
        QTest::newRow("fraction is not an id") << QByteArray("{\"id\":1.5}") << "";
        QTest::newRow("long fraction is not an id")
                << QByteArray("{\"id\":7630290236999731263.5}") << "";
        QTest::newRow("exact exponent") << QByteArray("{\"id\":1e5}") << "100000";
        QTest::newRow("empty string is not an id") << QByteArray("{\"id\":\"  \"}") << "";
        QTest::newRow("object is not an id") << QByteArray("{\"id\":{}}") << "";
    }

    void longIntegersKeepEveryDigit()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto parsed = SandboxJson::parseObject(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(SandboxJson::idString(parsed.value().value("id")).value_or(QString()), expected);
    }

    void stringsAreUntouched()
    {
        const auto parsed = SandboxJson::parseObject(
                "{\"note\":\"a \\\" 7630290236999731263 \\\\\",\"list\":[12345678901234567]}");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().value("note").toString(),
                 QStringLiteral("a \" 7630290236999731263 \\"));
        QCOMPARE(parsed.value().value("list").toArray().first().toString(),
                 QStringLiteral("12345678901234567"));
    }

    void rejectsWhatIsNotAnObject_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("nope");
        QTest::newRow("array") << QByteArray("[1]");
        QTest::newRow("unterminated") << QByteArray("{\"a\":\"b");
        QTest::newRow("deep nesting") << QByteArray(100000, '[');
        QTest::newRow("number beyond double") << QByteArray("{\"a\":1e400}");
        QTest::newRow("lone minus") << QByteArray("{\"a\":-}");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4);
    }

    void rejectsWhatIsNotAnObject()
    {
        QFETCH(QByteArray, body);
        const auto parsed = SandboxJson::parseObject(body);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::BadInput);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void integersInRange_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("inside") << QJsonValue(5) << true;
        QTest::newRow("at the bound") << QJsonValue(10) << true;
        QTest::newRow("above") << QJsonValue(11) << false;
        QTest::newRow("fraction") << QJsonValue(2.5) << false;
        QTest::newRow("string") << QJsonValue("5") << false;
        QTest::newRow("bool") << QJsonValue(true) << false;
    }

    void integersInRange()
    {
        QFETCH(QJsonValue, value);
        QFETCH(bool, accepted);
        QCOMPARE(SandboxJson::integerIn(value, 0, 10).has_value(), accepted);
    }

    void stringLists()
    {
        QCOMPARE(SandboxJson::stringList(QJsonArray{"a", "b"}), QStringList({"a", "b"}));
        QVERIFY(!SandboxJson::stringList(QJsonArray{"a", 1}));
        QVERIFY(!SandboxJson::stringList(QJsonArray{"a", ""}));
        QVERIFY(!SandboxJson::stringList(QJsonValue("a")));
        QCOMPARE(SandboxJson::stringList(QJsonArray{}), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_SandboxJson)
#include "tst_sandboxjson.moc"
