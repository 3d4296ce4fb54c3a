#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/logging/categories.h"
#include "core/logging/logfile.h"

class tst_LogFile : public QObject
{
    Q_OBJECT

private slots:
    void rotatesBySize()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("logs/dy-gateway.log"));
        LogFile log(path, 200, 2);
        QVERIFY(log.open().ok());
        for (int i = 0; i < 60; ++i)
            log.write(QStringLiteral("line %1 of the log").arg(i, 3, 10, QChar(u'0')));

        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + QStringLiteral(".1")));
        QVERIFY(QFile::exists(path + QStringLiteral(".2")));
        QVERIFY(!QFile::exists(path + QStringLiteral(".3")));
        for (const QString &suffix : {QString(), QStringLiteral(".1"), QStringLiteral(".2")})
            QVERIFY(QFileInfo(path + suffix).size() <= 200);

        QFile newest(path);
        QVERIFY(newest.open(QIODevice::ReadOnly));
        QVERIFY(newest.readAll().contains("line 059"));
    }

    void messageHandlerWritesCategoriesAndVerbose()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.log"));
        LogFile log(path);
        QVERIFY(log.open().ok());
        LogFile::install(&log, false);

        LogFile::setVerbose(false);
        qCDebug(lcStore) << "hidden debug";
        qCInfo(lcStore) << "shown info";
        LogFile::setVerbose(true);
        qCDebug(lcApi) << "verbose debug";
        LogFile::uninstall();
        LogFile::setVerbose(false);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains("hidden debug"));
        QVERIFY(text.contains("info dygw.store: shown info"));
        QVERIFY(text.contains("debug dygw.api: verbose debug"));
    }

    void unwritableLocationIsAnError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        LogFile log(dir.filePath(QStringLiteral("file/sub/x.log")));
        const auto opened = log.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::Storage);
    }
};

QTEST_GUILESS_MAIN(tst_LogFile)
#include "tst_logfile.moc"
