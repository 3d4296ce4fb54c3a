#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/api/noncestore.h"
#include "core/store/database.h"
#include "tests/common/testdatabase.h"

// The replay window's memory, in its own file next to a real main database (SQLite), or in the
// shared database (PostgreSQL).
class tst_NonceStore : public QObject
{
    Q_OBJECT

private:
    QString mainFile(const QString &name)
    {
        QDir().mkpath(m_dir.filePath(name));
        const QString location = TestDatabase::location(m_dir.filePath(name));
        // In the shared database a nonce's app_id refers to an app (migration 3's key).
        if (TestDatabase::usesPostgresql()) {
            auto db = Database::open(location);
            if (!db.ok())
                return location;
            QSqlQuery apps(db.value()->connection());
            apps.exec(QStringLiteral("INSERT INTO verifier_apps (id, name, client_key, "
                                     "created_at, updated_at) VALUES (1, 'a1', 'k1', 1, 1), "
                                     "(2, 'a2', 'k2', 1, 1)"));
        }
        return location;
    }

    QTemporaryDir m_dir;

private slots:
    void remembersAcrossReopening()
    {
        const QString file = mainFile(QStringLiteral("reopen"));
        QVERIFY(Database::open(file).ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            auto store = NonceStore::open(file);
            QVERIFY(store.ok());
            QCOMPARE(store.value()->remember(1, QStringLiteral("nonce-a"), now).value(), true);
            QCOMPARE(store.value()->remember(1, QStringLiteral("nonce-a"), now).value(), false);
            QCOMPARE(store.value()->remember(2, QStringLiteral("nonce-a"), now).value(), true);
        }
        if (!TestDatabase::usesPostgresql())
            QVERIFY(QFile::exists(QFileInfo(file).dir().filePath(NonceStore::FILE_NAME)));
        auto reopened = NonceStore::open(file);
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value()->remember(1, QStringLiteral("nonce-a"), now + 1).value(), false);
        // Past the window the same nonce is new again.
        QCOMPARE(reopened.value()
                         ->remember(1, QStringLiteral("nonce-a"), now + NonceStore::WINDOW_MS + 1)
                         .value(),
                 true);
    }

    // Two gateways on one server: a nonce one of them accepted is a replay at the other.
    void gatewaysOnOneServerShareNonces()
    {
        if (!TestDatabase::usesPostgresql())
            QSKIP("one SQLite file serves one gateway");
        const QString url = mainFile(QStringLiteral("shared"));
        QVERIFY(Database::open(url).ok());
        auto first = NonceStore::open(url);
        auto second = NonceStore::open(url);
        QVERIFY(first.ok() && second.ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(first.value()->remember(0, QStringLiteral("n-1"), now).value(), true);
        QCOMPARE(second.value()->remember(0, QStringLiteral("n-1"), now).value(), false);
        QCOMPARE(second.value()->remember(0, QStringLiteral("n-2"), now).value(), true);
        QCOMPARE(first.value()->remember(0, QStringLiteral("n-2"), now).value(), false);
    }

    void takesOverNoncesOfTheMainDatabase()
    {
        if (TestDatabase::usesPostgresql())
            QSKIP("the nonce file is SQLite's");
        const QString file = mainFile(QStringLiteral("takeover"));
        auto main = Database::open(file);
        QVERIFY(main.ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery insert(main.value()->connection());
        QVERIFY(insert.prepare(QStringLiteral(
                "INSERT INTO api_nonces (app_id, nonce, seen_at) VALUES (0, ?, ?)")));
        for (const auto &[nonce, seenAt] :
             {std::pair{QStringLiteral("fresh"), now - 1000},
              std::pair{QStringLiteral("stale"), now - NonceStore::WINDOW_MS - 1000}}) {
            insert.bindValue(0, nonce);
            insert.bindValue(1, seenAt);
            QVERIFY(insert.exec());
        }

        auto store = NonceStore::open(file);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QCOMPARE(store.value()->remember(0, QStringLiteral("fresh"), now).value(), false);
        QCOMPARE(store.value()->remember(0, QStringLiteral("stale"), now).value(), true);
        QSqlQuery left(main.value()->connection());
        QVERIFY(left.exec(QStringLiteral("SELECT nonce FROM api_nonces")));
        QVERIFY(left.next());
        QCOMPARE(left.value(0).toString(), QStringLiteral("fresh"));
        QVERIFY(!left.next());
    }

    void doesNotWaitForTheMainDatabase()
    {
        // The record writer holds the main file's write lock through each commit's fsync.
        if (TestDatabase::usesPostgresql())
            QSKIP("PostgreSQL has no file lock");
        const QString file = mainFile(QStringLiteral("lock"));
        auto main = Database::open(file);
        QVERIFY(main.ok());
        auto store = NonceStore::open(file);
        QVERIFY(store.ok());
        QSqlQuery lock(main.value()->connection());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QElapsedTimer timer;
        timer.start();
        const auto fresh = store.value()->remember(1, QStringLiteral("while-locked"),
                                                   QDateTime::currentMSecsSinceEpoch());
        const qint64 waited = timer.elapsed();
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QVERIFY2(fresh.ok(), qPrintable(fresh.ok() ? QString() : fresh.error().message));
        QVERIFY(fresh.value());
        QVERIFY2(waited < Database::BUSY_TIMEOUT_MS / 2, qPrintable(QString::number(waited)));
    }
};

QTEST_GUILESS_MAIN(tst_NonceStore)
#include "tst_noncestore.moc"
