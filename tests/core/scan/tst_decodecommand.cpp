#include <initializer_list>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "core/scan/decodecommand.h"
#include "tests/core/scan/qrtestimages.h"

namespace {

// Expected lines are written with ' for " to stay readable, so \' stands for JSON's \". Raw
// strings would be neater, but moc 6.4 skips the whole file when one holds a \".
QStringList lines(std::initializer_list<const char *> singleQuoted)
{
    QStringList result;
    for (const char *line : singleQuoted)
        result << QString::fromUtf8(line).replace(u'\'', u'"');
    return result;
}

} // namespace

class tst_DecodeCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_previousDir = QDir::currentPath();
        // Files are named relative to the current folder, as a shell user types them.
        QVERIFY(QDir::setCurrent(m_dir.path()));

        using namespace QrTestImages;
        QVERIFY(qrImage("https://v.douyin.com/iRNBqkxx/").save("short.png"));
        QVERIFY(qrImage("104123456789012").save("code.png"));
        QVERIFY(jpegRoundTrip(inFrame(qrImage("104123456789012", 3), 2), 60).save("frame.jpg"));
        QVERIFY(qrImage("https://www.douyin.com/life/coupon?object_id=Ab%2Bc&from=qr")
                        .save("page.png"));
        QVERIFY(qrImage(QString::fromUtf8("抖音\"团购\"券"))
                        .save(QString::fromUtf8("券 \"1\".png")));
        QVERIFY(qrImage("http://127.0.0.1:8123/v/AbC123/").save("sandbox.png"));
        QVERIFY(clutteredBackground({640, 360}, 3).save("empty.png"));
        QFile garbage("garbage.png");
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("this is not an image");
    }

    void cleanupTestCase() { QDir::setCurrent(m_previousDir); }

    void printsOneLinePerFile_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<int>("exitCode");

        QTest::newRow("short link")
                << QStringList{"short.png"}
                << lines({"{'file':'short.png','text':'https://v.douyin.com/iRNBqkxx/',"
                          "'kind':'short_link'}"})
                << 0;
        QTest::newRow("every kind, in argument order")
                << QStringList{"code.png", "frame.jpg", "page.png", "券 \"1\".png"}
                << lines({"{'file':'code.png','text':'104123456789012','kind':'code'}",
                          "{'file':'frame.jpg','text':'104123456789012','kind':'code'}",
                          "{'file':'page.png','text':'https://www.douyin.com/life/coupon"
                          "?object_id=Ab%2Bc&from=qr','kind':'url'}",
                          "{'file':'券 \\'1\\'.png','text':'抖音\\'团购\\'券','kind':'unknown'}"})
                << 0;
        QTest::newRow("sandbox link without its base is a plain url")
                << QStringList{"sandbox.png"}
                << lines({"{'file':'sandbox.png','text':'http://127.0.0.1:8123/v/AbC123/',"
                          "'kind':'url'}"})
                << 0;
        QTest::newRow("no code: exit 1")
                << QStringList{"short.png", "empty.png"}
                << lines({"{'file':'short.png','text':'https://v.douyin.com/iRNBqkxx/',"
                          "'kind':'short_link'}",
                          "{'file':'empty.png','text':null,'kind':null,'error':'no code found'}"})
                << 1;
        QTest::newRow("missing file: exit 2")
                << QStringList{"missing.png"}
                << lines({"{'file':'missing.png','text':null,'kind':null,"
                          "'error':'cannot read image: File not found'}"})
                << 2;
        QTest::newRow("not an image: exit 2")
                << QStringList{"garbage.png"}
                << lines({"{'file':'garbage.png','text':null,'kind':null,"
                          "'error':'cannot read image: Unsupported image format'}"})
                << 2;
        QTest::newRow("unreadable wins over no code, whatever the order")
                << QStringList{"garbage.png", "empty.png", "code.png"}
                << lines({"{'file':'garbage.png','text':null,'kind':null,"
                          "'error':'cannot read image: Unsupported image format'}",
                          "{'file':'empty.png','text':null,'kind':null,'error':'no code found'}",
                          "{'file':'code.png','text':'104123456789012','kind':'code'}"})
                << 2;
        QTest::newRow("same file twice gives two lines")
                << QStringList{"code.png", "code.png"}
                << lines({"{'file':'code.png','text':'104123456789012','kind':'code'}",
                          "{'file':'code.png','text':'104123456789012','kind':'code'}"})
                << 0;
    }

    void printsOneLinePerFile()
    {
        QFETCH(QStringList, files);
        QFETCH(QStringList, lines);
        QFETCH(int, exitCode);

        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        QCOMPARE(Scan::runDecodeCommand(files, out, err), exitCode);
        QCOMPARE(outText, lines.join(u'\n') + u'\n');
        // Humans see unreadable files on stderr too; nothing else goes there.
        for (const QString &line : lines) {
            if (line.contains("cannot read image"))
                QVERIFY2(errText.contains("decode: "), qPrintable(errText));
        }
        if (exitCode != 2)
            QCOMPARE(errText, QString());
    }

    void unreadableFileIsNamedOnStderr()
    {
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        QCOMPARE(Scan::runDecodeCommand({"missing.png"}, out, err), 2);
        QCOMPARE(errText, QString("decode: missing.png: cannot read image: File not found\n"));
    }

    void shortLinkBaseIsHonoured()
    {
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        QCOMPARE(Scan::runDecodeCommand({"sandbox.png"}, out, err, QUrl("http://127.0.0.1:8123")),
                 0);
        QCOMPARE(outText,
                 lines({"{'file':'sandbox.png','text':'http://127.0.0.1:8123/v/AbC123/',"
                        "'kind':'short_link'}"})
                                 .join(u'\n')
                         + u'\n');
    }

    void noFilesIsAUsageError()
    {
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        QCOMPARE(Scan::runDecodeCommand({}, out, err), 2);
        QVERIFY(outText.isEmpty());
        QVERIFY(errText.contains("usage: dy-gateway decode FILE..."));
    }

    void exitCodesMatchTheContract()
    {
        QCOMPARE(Scan::DECODE_ALL_FOUND, 0);
        QCOMPARE(Scan::DECODE_SOME_NOT_FOUND, 1);
        QCOMPARE(Scan::DECODE_UNREADABLE, 2);
    }

private:
    QTemporaryDir m_dir;
    QString m_previousDir;
};

QTEST_GUILESS_MAIN(tst_DecodeCommand)
#include "tst_decodecommand.moc"
