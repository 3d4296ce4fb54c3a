#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/report/asyncsavefile.h"

class tst_AsyncSaveFile : public QObject
{
    Q_OBJECT

private:
    static QByteArray contents(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void writesInOrderThenCommits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        AsyncSaveFile file(path);
        QSignalSpy written(&file, &AsyncSaveFile::written);
        QSignalSpy committed(&file, &AsyncSaveFile::committed);
        QSignalSpy failed(&file, &AsyncSaveFile::failed);
        QByteArray expected;
        for (int i = 0; i < 50; ++i) {
            const QByteArray chunk = QByteArray::number(i) + ",块\r\n";
            expected += chunk;
            file.write(chunk);
        }
        file.commit();
        QVERIFY(committed.wait(5000));
        QCOMPARE(written.size(), 50);
        QCOMPARE(written.last().at(0).toLongLong(), qint64(expected.size()));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(contents(path), expected);
    }

    void nothingChangesUntilCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();

        AsyncSaveFile file(path);
        QSignalSpy written(&file, &AsyncSaveFile::written);
        QSignalSpy discarded(&file, &AsyncSaveFile::discarded);
        file.write("new");
        QVERIFY(written.wait(5000));
        QCOMPARE(contents(path), QByteArray("old"));
        file.cancel();
        QVERIFY(discarded.wait(5000));
        QCOMPARE(contents(path), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"out.csv"});
    }

    void failureIsReportedOnce()
    {
        QTemporaryDir dir;
        AsyncSaveFile file(dir.filePath("missing/folder/out.csv"));
        QSignalSpy failed(&file, &AsyncSaveFile::failed);
        QSignalSpy written(&file, &AsyncSaveFile::written);
        QSignalSpy committed(&file, &AsyncSaveFile::committed);
        file.write("data");
        file.commit();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::Storage);
        QVERIFY(failed.first().at(0).value<Error>().message.contains("out.csv"));
        // Writes and commit after the failure do nothing; they are queued before a fresh
        // call that answers, so once it has answered they are known to be skipped.
        QSignalSpy discarded(&file, &AsyncSaveFile::discarded);
        file.cancel();
        QVERIFY(discarded.wait(5000));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(written.size(), 0);
        QCOMPARE(committed.size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_AsyncSaveFile)
#include "tst_asyncsavefile.moc"
