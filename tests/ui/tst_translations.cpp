#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The Chinese translation is complete: lupdate run over today's sources into a copy of the
// committed .ts leaves no unfinished entry (a new tr() string without its Chinese fails here).
class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void noUnfinishedChinese()
    {
        const QString source = QStringLiteral(DYGW_SOURCE_DIR);
        const QString lupdate = QStringLiteral(DYGW_LUPDATE);
        QVERIFY2(QFile::exists(lupdate), qPrintable(lupdate));
        QTemporaryDir dir;
        const QString copy = dir.filePath("dygateway_zh_CN.ts");
        QVERIFY(QFile::copy(source + "/translations/dygateway_zh_CN.ts", copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        QProcess process;
        process.start(lupdate,
                      {source + "/ui", source + "/app", "-extensions", "cpp,h", "-no-obsolete",
                       "-locations", "none", "-silent", "-ts", copy});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);

        QFile updated(copy);
        QVERIFY(updated.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(updated.readAll());
        QStringList missing;
        const QRegularExpression message(
                "<message[^>]*>\\s*<source>(.*?)</source>.*?<translation type=\"unfinished\"",
                QRegularExpression::DotMatchesEverythingOption);
        for (const QString &block : text.split("</message>")) {
            const auto match = message.match(block);
            if (match.hasMatch())
                missing.append(match.captured(1));
        }
        QVERIFY2(missing.isEmpty(), qPrintable("untranslated: " + missing.join(" | ")));
        QVERIFY(text.count("<message") > 100);
    }
};

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
