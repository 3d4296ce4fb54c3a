#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/store/database.h"
#include "core/store/verificationrepository.h"
#include "tests/common/pgserver.h"
#include "tests/common/testdatabase.h"

// A PostgreSQL server that goes away and comes back, or drops one connection: writes are
// repeated once on a new connection or fail clearly, never half done; check() says
// "unavailable" meanwhile; the connection comes back by itself. (SQLite has no server: the
// SQLite ctest skips all of it.)
class tst_DatabaseConnectionLoss : public QObject
{
    Q_OBJECT

private:
    static VerificationRecord record(const QString &token)
    {
        VerificationRecord r;
        r.poiId = QStringLiteral("poi-a");
        r.verifyToken = token;
        r.encryptedCode = QStringLiteral("code-") + token;
        return r;
    }

    static qint64 count(Database &db)
    {
        QSqlQuery query(db.connection());
        if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM verifications")) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    // Ends the server side of db's connection, as a server restart or a network cut would.
    static bool dropConnection(Database &db)
    {
        QSqlQuery pid(db.connection());
        if (!pid.exec(QStringLiteral("SELECT pg_backend_pid()")) || !pid.next())
            return false;
        const qint64 backend = pid.value(0).toLongLong();
        auto killer = Database::openWithoutSchema(db.location());
        if (!killer.ok())
            return false;
        QSqlQuery kill(killer.value()->connection());
        return kill.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(backend));
    }

    std::unique_ptr<Database> openFresh()
    {
        auto opened = Database::open(
                TestDatabase::location(m_dir.path(), QStringLiteral("db-%1").arg(++m_databases)));
        if (!opened.ok()) {
            qWarning() << opened.error().message;
            return nullptr;
        }
        return std::move(opened).value();
    }

    QTemporaryDir m_dir;
    int m_databases = 0;

private slots:
    void init()
    {
        if (!TestDatabase::usesPostgresql())
            QSKIP("PostgreSQL only");
        QVERIFY(PgServer::shared());
        QVERIFY(PgServer::shared()->start().ok());
    }

    void refusesAnUnreachableServer()
    {
        QElapsedTimer timer;
        timer.start();
        auto refused = Database::open(
                QStringLiteral("postgresql:///nowhere?host=%1&user=postgres").arg(m_dir.path()));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Storage);
        QVERIFY(timer.elapsed() < 5000);
    }

    void aDroppedConnectionIsRepeatedOnce()
    {
        auto db = openFresh();
        QVERIFY(db);
        VerificationRepository repository(db.get());
        QList<VerificationRecord> first{record(QStringLiteral("t1"))};
        QVERIFY(repository.insertPending(first).ok());
        QVERIFY(dropConnection(*db));
        // Within the ping interval: the write itself meets the dead connection.
        QList<VerificationRecord> batch{record(QStringLiteral("t2")), record(QStringLiteral("t3"))};
        const auto ids = repository.insertPending(batch);
        QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
        QCOMPARE(ids.value().size(), 2);
        QCOMPARE(count(*db), 3);
        QCOMPARE(repository.findByVerifyToken(-1, QStringLiteral("t3")).value().size(), 1);
    }

    void serverAwayFailsClearlyAndRecovers()
    {
        auto db = openFresh();
        QVERIFY(db);
        VerificationRepository repository(db.get());
        QList<VerificationRecord> kept{record(QStringLiteral("k1"))};
        QVERIFY(repository.insertPending(kept).ok());

        QVERIFY(PgServer::shared()->stop().ok());
        const auto health = db->check();
        QVERIFY(!health.ok());
        QCOMPARE(health.error().code, ErrorCode::Storage);
        QVERIFY2(health.error().message.contains(QStringLiteral("unavailable")),
                 qPrintable(health.error().message));
        QList<VerificationRecord> lost{record(QStringLiteral("l1")), record(QStringLiteral("l2"))};
        const auto refused = repository.insertPending(lost);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Storage);
        QCOMPARE(lost.constFirst().id, 0); // the caller's records are untouched
        QVERIFY(!repository.list({}, 1, 20).ok());

        QVERIFY(PgServer::shared()->start().ok());
        QVERIFY(db->check().ok());
        QCOMPARE(count(*db), 1); // nothing of the refused batch
        QVERIFY(repository.insertPending(lost).ok());
        QCOMPARE(repository.list({}, 1, 20).value().total, 3);
    }

    void readsRecoverWithoutACheck()
    {
        auto db = openFresh();
        QVERIFY(db);
        VerificationRepository repository(db.get());
        QVERIFY(PgServer::shared()->stop().ok());
        QVERIFY(PgServer::shared()->start().ok());
        // The first use after the ping interval notices the lost connection and reconnects.
        QTRY_VERIFY_WITH_TIMEOUT(repository.list({}, 1, 20).ok(), 5000);
    }
};

QTEST_GUILESS_MAIN(tst_DatabaseConnectionLoss)
#include "tst_databaseconnectionloss.moc"
