#include <QTest>

#include "core/scan/scanpayload.h"

using Kind = ScanPayload::Kind;

class tst_ScanPayload : public QObject
{
    Q_OBJECT

private slots:
    void classifies_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QUrl>("base");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("value");

        const QUrl douyin("https://v.douyin.com");
        const QUrl sandbox("http://127.0.0.1:8123");
        const QString shortLink = "https://v.douyin.com/iRNBqkxx/";

        // Short links.
        QTest::newRow("short link") << shortLink << douyin << Kind::ShortLink << shortLink;
        QTest::newRow("short link + CR LF") << shortLink + "\r\n"
                                            << douyin << Kind::ShortLink << shortLink;
        QTest::newRow("short link + LF, leading spaces") << "  " + shortLink + "\n"
                                                         << douyin << Kind::ShortLink << shortLink;
        QTest::newRow("short link over http") << "http://v.douyin.com/iRNBqkxx/" << douyin
                                              << Kind::ShortLink << "http://v.douyin.com/iRNBqkxx/";
        QTest::newRow("short link, upper-case scheme and host")
                << "HTTPS://V.DOUYIN.COM/iRNBqkxx/" << douyin << Kind::ShortLink
                << "HTTPS://V.DOUYIN.COM/iRNBqkxx/";
        QTest::newRow("short link without trailing slash")
                << "https://v.douyin.com/iRNBqkxx" << douyin << Kind::ShortLink
                << "https://v.douyin.com/iRNBqkxx";
        QTest::newRow("short link typed without scheme")
                << "v.douyin.com/iRNBqkxx/" << douyin << Kind::ShortLink << shortLink;
        QTest::newRow("full-width short link (IME in full-width mode)")
                << QString::fromUtf8("ｈｔｔｐｓ：／／ｖ．ｄｏｕｙｉｎ．ｃｏｍ／ｉＲＮＢｑｋｘｘ／")
                << douyin << Kind::ShortLink << shortLink;
        QTest::newRow("v.douyin.com is a short link host whatever the base")
                << shortLink << sandbox << Kind::ShortLink << shortLink;
        QTest::newRow("sandbox short link on the configured base")
                << "http://127.0.0.1:8123/v/AbC123/" << sandbox << Kind::ShortLink
                << "http://127.0.0.1:8123/v/AbC123/";
        QTest::newRow("sandbox short link typed without scheme")
                << "127.0.0.1:8123/v/AbC123/" << sandbox << Kind::ShortLink
                << "http://127.0.0.1:8123/v/AbC123/";

        // Other URLs: the engine decides what to do with them.
        QTest::newRow("sandbox host on another port")
                << "http://127.0.0.1:9000/v/AbC123/" << sandbox << Kind::Url
                << "http://127.0.0.1:9000/v/AbC123/";
        QTest::newRow("sandbox link without the sandbox base")
                << "http://127.0.0.1:8123/v/AbC123/" << douyin << Kind::Url
                << "http://127.0.0.1:8123/v/AbC123/";
        QTest::newRow("short link host without a path")
                << "https://v.douyin.com/" << douyin << Kind::Url << "https://v.douyin.com/";
        const QString page = "https://www.douyin.com/life/coupon?object_id=Ab%2Bc%3D%3D&from=qr";
        QTest::newRow("douyin page with object_id, kept byte for byte") << page
                        + "\r\n" << douyin << Kind::Url << page;
        QTest::newRow("foreign host") << "https://coupons.example.com/v/iRNBqkxx/" << douyin
                                      << Kind::Url << "https://coupons.example.com/v/iRNBqkxx/";
        QTest::newRow("look-alike host")
                << "https://v.douyin.com.example.net/iRNBqkxx/" << douyin << Kind::Url
                << "https://v.douyin.com.example.net/iRNBqkxx/";
        QTest::newRow("short link host as user name")
                << "https://v.douyin.com@example.net/iRNBqkxx/" << douyin << Kind::Url
                << "https://v.douyin.com@example.net/iRNBqkxx/";
        QString longUrl = "https://www.douyin.com/life/coupon?object_id=";
        for (int i = 0; i < 100; ++i)
            longUrl += "CiQzNjk4MTI0";
        QTest::newRow("1245-character URL is never truncated")
                << longUrl << douyin << Kind::Url << longUrl;

        // Not usable links.
        QTest::newRow("space inside a URL") << "https://v.douyin.com/iRN Bqkxx/" << douyin
                                            << Kind::Unknown << "https://v.douyin.com/iRN Bqkxx/";
        QTest::newRow("scheme only") << "https://" << douyin << Kind::Unknown << "https://";
        QTest::newRow("ftp") << "ftp://v.douyin.com/iRNBqkxx/" << douyin << Kind::Unknown
                             << "ftp://v.douyin.com/iRNBqkxx/";
        QTest::newRow("other host typed without scheme")
                << "example.com/iRNBqkxx/" << douyin << Kind::Unknown << "example.com/iRNBqkxx/";
        const QString share = QString::fromUtf8("7.94 复制打开抖音，看看【双人套餐】 ") + shortLink;
        QTest::newRow("share text around a short link is not cut")
                << share << douyin << Kind::Unknown << share;

        // Codes.
        QTest::newRow("code") << "104123456789012" << douyin << Kind::Code << "104123456789012";
        QTest::newRow("code + CR LF") << "104123456789012\r\n"
                                      << douyin << Kind::Code << "104123456789012";
        QTest::newRow("code + CR")
                << "104123456789012\r" << douyin << Kind::Code << "104123456789012";
        QTest::newRow("code + Tab")
                << "104123456789012\t" << douyin << Kind::Code << "104123456789012";
        QTest::newRow("code in groups of four")
                << "1041 2345 6789 012" << douyin << Kind::Code << "104123456789012";
        QTest::newRow("code with dashes")
                << "1041-2345-6789-012" << douyin << Kind::Code << "104123456789012";
        QTest::newRow("code with en dashes and a no-break space")
                << QString::fromUtf8("1041–2345\u00a06789—012") << douyin << Kind::Code
                << "104123456789012";
        QTest::newRow("full-width digits") << QString::fromUtf8("１０４１２３４５６７８９０１２")
                                           << douyin << Kind::Code << "104123456789012";
        QTest::newRow("full-width digits, ideographic spaces and hyphen")
                << QString::fromUtf8("１０４１　２３４５－６７８９　０１２\r\n") << douyin
                << Kind::Code << "104123456789012";
        QTest::newRow("byte order mark and zero-width space around a code")
                << QString::fromUtf8("\ufeff104123456789012\u200b") << douyin << Kind::Code
                << "104123456789012";
        QTest::newRow("8 digits, the shortest code")
                << "12345678" << douyin << Kind::Code << "12345678";
        QTest::newRow("7 digits") << "1234 567" << douyin << Kind::Unknown << "1234 567";
        QTest::newRow("24 digits, the longest code")
                << "123456789012345678901234" << douyin << Kind::Code << "123456789012345678901234";
        QTest::newRow("25 digits") << "1234567890123456789012345" << douyin << Kind::Unknown
                                   << "1234567890123456789012345";
        QTest::newRow("letters and digits")
                << "AB1041234567" << douyin << Kind::Unknown << "AB1041234567";
        QTest::newRow("two codes run together over a line break")
                << "12345678\r\n87654321\r\n"
                << douyin << Kind::Unknown << "12345678\r\n87654321";
        QTest::newRow("Arabic-Indic digits") << QString::fromUtf8("١٢٣٤٥٦٧٨٩") << douyin
                                             << Kind::Unknown << QString::fromUtf8("١٢٣٤٥٦٧٨٩");
        QTest::newRow("dashes only") << "--------" << douyin << Kind::Unknown << "--------";

        // Nothing usable.
        QTest::newRow("empty") << "" << douyin << Kind::Unknown << "";
        QTest::newRow("whitespace and line ends only")
                << QString::fromUtf8(" \r\n\t\u3000") << douyin << Kind::Unknown << "";
        QTest::newRow("chinese text") << QString::fromUtf8(" 抖音团购券 双人套餐\n") << douyin
                                      << Kind::Unknown << QString::fromUtf8("抖音团购券 双人套餐");
    }

    void classifies()
    {
        QFETCH(QString, text);
        QFETCH(QUrl, base);
        QFETCH(Kind, kind);
        QFETCH(QString, value);

        const ScanPayload payload = ScanPayload::classify(text, base);
        QCOMPARE(payload.kind(), kind);
        QCOMPARE(payload.value(), value);
    }

    void defaultBaseIsDouyin()
    {
        QCOMPARE(ScanPayload::classify("https://v.douyin.com/iRNBqkxx/").kind(), Kind::ShortLink);
        QCOMPARE(ScanPayload::classify("http://127.0.0.1:8123/v/AbC123/").kind(), Kind::Url);
    }

    void defaultPayloadIsEmptyUnknown()
    {
        const ScanPayload payload;
        QCOMPARE(payload.kind(), Kind::Unknown);
        QVERIFY(payload.value().isEmpty());
    }

    void kindNamesMatchTheContract_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("short link") << Kind::ShortLink << "short_link";
        QTest::newRow("code") << Kind::Code << "code";
        QTest::newRow("url") << Kind::Url << "url";
        QTest::newRow("unknown") << Kind::Unknown << "unknown";
    }

    void kindNamesMatchTheContract()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, name);
        QCOMPARE(ScanPayload::kindName(kind), name);
    }

    void instanceKindName()
    {
        QCOMPARE(ScanPayload::classify("12345678").kindName(), QStringLiteral("code"));
    }
};

QTEST_GUILESS_MAIN(tst_ScanPayload)
#include "tst_scanpayload.moc"
