#include <QTest>

#include "core/meituan/meituansigner.h"

using Fields = MeituanSigner::Fields;

class tst_MeituanSigner : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data()
    {
        QTest::addColumn<QString>("signKey");
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("sign");

        // clang-format off
        QTest::newRow("MEITUAN.md example: empty c dropped, a before b")
                << "k" << Fields{{"b", "2"}, {"a", "1"}, {"c", ""}}
                << QByteArray("ka1b2") << QByteArray("7996bf123512dad342791516ba19e4ecbba216f3");
        QTest::newRow("no fields: the key alone")
                << "k" << Fields{} << QByteArray("k")
                << QByteArray("13fbd79c3d390e5d6585a21e11ff5ec1970cff0c");
        QTest::newRow("sign itself is never signed")
                << "k" << Fields{{"sign", "old"}, {"b", "2"}, {"a", "1"}}
                << QByteArray("ka1b2") << QByteArray("7996bf123512dad342791516ba19e4ecbba216f3");
        // 'B' (0x42) < '_' (0x5f) < 'a' (0x61): byte order, not case-insensitive order.
        QTest::newRow("keys by byte order: upper case, underscore, lower case")
                << "secret" << Fields{{"a", "1"}, {"_", "3"}, {"B", "2"}}
                << QByteArray("secretB2_3a1")
                << QByteArray("933de6d9a81b1535c1f6d6506eefbed83ea80fa0");
        QTest::newRow("Chinese values are hashed as UTF-8")
                << "key" << Fields{{"title", "双人套餐"}, {"name", "套餐"}}
                << QString("keyname套餐title双人套餐").toUtf8()
                << QByteArray("dabe3c43228f68282c9fa7b968f52e03bda8a9e7");
        QTest::newRow("Chinese sign key")
                << "密钥" << Fields{{"a", "1"}} << QString("密钥a1").toUtf8()
                << QByteArray("07c245d618f5b7a4c16325b5a2d3663a2be18da7");
        // UTF-16 would put U+1F600 (D83D DE00) before U+FF21; UTF-8 puts EF BC A1 before F0.
        QTest::newRow("keys beyond U+FFFF sort by UTF-8 bytes")
                << "k" << Fields{{QString::fromUtf8("\xF0\x9F\x98\x80"), "y"}, {QString(QChar(0xFF21)), "x"}}
                << QByteArray("k\xEF\xBC\xA1x\xF0\x9F\x98\x80y")
                << QByteArray("716f754875191be1b7bf8f96d208c4a2152f9ab2");
        QTest::newRow("a business call: biz signed as the JSON string sent")
                << "sandbox_meituan_sign_key"
                << Fields{{"developerId", "100001"}, {"businessId", "58"},
                          {"timestamp", "1734169082"}, {"charset", "UTF-8"}, {"version", "2"},
                          {"appAuthToken", "tok-1"}, {"biz", R"({"receiptCode":"0123456789"})"}}
                << QByteArray(R"(sandbox_meituan_sign_keyappAuthTokentok-1biz{"receiptCode":"0123456789"}businessId58charsetUTF-8developerId100001timestamp1734169082version2)")
                << QByteArray("4e6f17931a77c60dd21016bbe1a4d8586e25d0ff");
        // clang-format on
    }

    void vectors()
    {
        QFETCH(QString, signKey);
        QFETCH(Fields, fields);
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, sign);
        QCOMPARE(MeituanSigner::stringToSign(signKey, fields), text);
        QCOMPARE(MeituanSigner::sign(signKey, fields), sign);
    }

    void fieldOrderDoesNotMatter()
    {
        const Fields one{{"timestamp", "1"}, {"biz", "{}"}, {"developerId", "7"}};
        const Fields two{{"developerId", "7"}, {"timestamp", "1"}, {"biz", "{}"}};
        QCOMPARE(MeituanSigner::sign("k", one), MeituanSigner::sign("k", two));
    }
};

QTEST_GUILESS_MAIN(tst_MeituanSigner)
#include "tst_meituansigner.moc"
