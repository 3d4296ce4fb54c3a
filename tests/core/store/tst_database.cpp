#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "core/store/database.h"
#include "core/store/schema.h"
#include "tests/common/testdatabase.h"

namespace {

QVariant scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql);
}

QStringList tables(QSqlDatabase &db)
{
    QStringList names = db.tables();
    names.sort();
    return names;
}

// A location for a new database of the engine under test.
QString fresh(const QTemporaryDir &dir, const QString &name)
{
    return TestDatabase::location(dir.path(), name);
}

const QStringList LATEST_TABLES{
        QStringLiteral("api_nonces"),
        QStringLiteral("douyin_tokens"),
        QStringLiteral("enrichment_jobs"),
        QStringLiteral("idempotency_keys"),
        QStringLiteral("meituan_stores"),
        QStringLiteral("reconciliation_rows"),
        QStringLiteral("reconciliation_runs"),
        QStringLiteral("schema_migrations"),
        QStringLiteral("secrets"),
        QStringLiteral("verification_daily_totals"),
        QStringLiteral("verification_status_counts"),
        QStringLiteral("verifications"),
        QStringLiteral("verifier_apps"),
        QStringLiteral("work_claims"),
};

// Every index costs each insert, and each update that changes one of its columns.
const QStringList LATEST_VERIFICATION_INDEXES{
        QStringLiteral("idx_verifications_app_created"),
        QStringLiteral("idx_verifications_app_date"),
        QStringLiteral("idx_verifications_batch"),
        QStringLiteral("idx_verifications_cancel_status"),
        QStringLiteral("idx_verifications_certificate"),
        QStringLiteral("idx_verifications_created_date"),
        QStringLiteral("idx_verifications_enrichment_created"),
        QStringLiteral("idx_verifications_gateway_created"),
        QStringLiteral("idx_verifications_order"),
        QStringLiteral("idx_verifications_origin"),
        QStringLiteral("idx_verifications_poi_created"),
        QStringLiteral("idx_verifications_poi_date"),
        QStringLiteral("idx_verifications_settlement_due"),
        QStringLiteral("idx_verifications_source"),
        QStringLiteral("idx_verifications_status_created"),
        QStringLiteral("idx_verifications_token"),
        QStringLiteral("idx_verifications_token_code"),
        QStringLiteral("idx_verifications_verify_id"),
};

// The tables of a fresh database; SQLite adds its own for AUTOINCREMENT.
QStringList latestTables()
{
    QStringList names = LATEST_TABLES;
    if (!TestDatabase::usesPostgresql()) {
        names << QStringLiteral("sqlite_sequence");
        names.sort();
    }
    return names;
}

QStringList verificationIndexes(QSqlDatabase &db)
{
    QSqlQuery query(db);
    QStringList names;
    // Without the indexes the engines make themselves (primary keys).
    const QString sql = TestDatabase::usesPostgresql()
            ? QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename = 'verifications' "
                             "AND indexname NOT LIKE '%_pkey' ORDER BY indexname")
            : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                             "tbl_name = 'verifications' AND sql IS NOT NULL ORDER BY name");
    if (!query.exec(sql))
        return names;
    while (query.next())
        names << query.value(0).toString();
    return names;
}

} // namespace

class tst_Database : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void freshDatabaseIsAtLatest()
    {
        auto opened = TestDatabase::openInDir(m_dir.filePath(QStringLiteral("fresh-any")));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        Database &db = *opened.value();
        QCOMPARE(db.schemaVersion(), Schema::latestVersion());
        QCOMPARE(db.dialect().kind(),
                 TestDatabase::usesPostgresql() ? QStringLiteral("postgresql")
                                                : QStringLiteral("sqlite"));
        QVERIFY(!db.displayName().contains(QStringLiteral("password")));
        QCOMPARE(tables(db.connection()), latestTables());
        QCOMPARE(verificationIndexes(db.connection()), LATEST_VERIFICATION_INDEXES);
        QVERIFY(db.check().ok());
    }

    void freshSqliteDatabaseHasItsPragmas()
    {
        if (TestDatabase::usesPostgresql())
            QSKIP("SQLite's pragmas");
        auto opened = Database::openInDir(m_dir.filePath(QStringLiteral("fresh")));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        Database &db = *opened.value();
        QCOMPARE(db.schemaVersion(), Schema::latestVersion());
        QVERIFY(db.filePath().endsWith(QStringLiteral("fresh/dy-gateway.sqlite")));
        QCOMPARE(scalar(db.connection(), QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(scalar(db.connection(), QStringLiteral("PRAGMA synchronous")).toInt(), 2); // FULL
        QCOMPARE(scalar(db.connection(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(db.connection(), QStringLiteral("PRAGMA busy_timeout")).toInt(),
                 Database::BUSY_TIMEOUT_MS);
        QVERIFY(db.check().ok());
    }

    void builtinCashierAppExists()
    {
        auto opened = TestDatabase::openInDir(m_dir.filePath(QStringLiteral("builtin")));
        QVERIFY(opened.ok());
        QCOMPARE(scalar(opened.value()->connection(),
                        QStringLiteral("SELECT name FROM verifier_apps WHERE id = 0"))
                         .toString(),
                 QStringLiteral("前台收银"));
    }

    void reportIndexesExist()
    {
        if (TestDatabase::usesPostgresql())
            QSKIP("SQLite's query plans");
        auto opened = Database::openInDir(m_dir.filePath(QStringLiteral("indexes")));
        QVERIFY(opened.ok());
        QSqlDatabase &db = opened.value()->connection();
        // The summary's date filter must use an index, not scan the table. The repository
        // pairs the business_date range with a created_at range for the created_at indexes.
        QSqlQuery plan(db);
        QVERIFY(plan.exec(QStringLiteral(
                "EXPLAIN QUERY PLAN SELECT poi_id, COUNT(*) FROM verifications "
                "WHERE business_date BETWEEN '2026-01-01' AND '2026-01-31' "
                "AND created_at >= 1767052800000 AND created_at < 1769990400000 GROUP BY poi_id")));
        QString details;
        while (plan.next())
            details += plan.value(3).toString() + u'\n';
        QVERIFY2(details.contains(QStringLiteral("USING INDEX")), qPrintable(details));
    }

    // Wave 1 could record one verify_token twice (a success and a "failed 1208" copy). The
    // migration keeps both rows, marks the copy, and the unique index refuses a third.
    void duplicateTokensSurviveTheMigration()
    {
        const QString path = fresh(m_dir, QStringLiteral("duplicates.sqlite"));
        {
            auto old = Database::open(path, 5);
            QVERIFY(old.ok());
            for (const char *status : {"failed", "success", "failed"}) {
                QVERIFY(exec(old.value()->connection(),
                             QStringLiteral("INSERT INTO verifications (app_id, poi_id, mode, "
                                            "verify_token, encrypted_code, verify_status, "
                                            "business_date, created_at, updated_at) VALUES (0, "
                                            "'p', 'encrypted_code', 't1', 'e1', '%1', "
                                            "'2026-01-01', 1, 1)")
                                     .arg(QLatin1String(status))));
            }
        }
        auto upgraded = Database::open(path);
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.ok() ? QString() : upgraded.error().message));
        QSqlDatabase &db = upgraded.value()->connection();
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM verifications")).toInt(), 3);
        QCOMPARE(scalar(db,
                        QStringLiteral("SELECT COUNT(*) FROM verifications WHERE "
                                       "duplicate_of IS NULL AND verify_status = 'success'"))
                         .toInt(),
                 1);
        QCOMPARE(scalar(db,
                        QStringLiteral("SELECT COUNT(*) FROM verifications WHERE "
                                       "duplicate_of = (SELECT id FROM verifications WHERE "
                                       "verify_status = 'success')"))
                         .toInt(),
                 2);
        QVERIFY(!exec(db,
                      QStringLiteral("INSERT INTO verifications (app_id, poi_id, mode, "
                                     "verify_token, encrypted_code, verify_status, business_date, "
                                     "created_at, updated_at) VALUES (0, 'p', 'encrypted_code', "
                                     "'t1', 'e1', 'pending', '2026-01-01', 1, 1)")));
    }

    void foreignKeysAreEnforced()
    {
        auto opened = TestDatabase::openInDir(m_dir.filePath(QStringLiteral("fk")));
        QVERIFY(opened.ok());
        QSqlDatabase &db = opened.value()->connection();
        QVERIFY(!exec(
                db,
                QStringLiteral("INSERT INTO verifications (app_id, poi_id, mode, verify_status, "
                               "business_date, created_at, updated_at) VALUES "
                               "(999, 'p', 'code', 'pending', '2026-01-01', 1, 1)")));
        QVERIFY(exec(
                db,
                QStringLiteral("INSERT INTO verifications (app_id, poi_id, mode, verify_status, "
                               "business_date, created_at, updated_at) VALUES "
                               "(0, 'p', 'code', 'pending', '2026-01-01', 1, 1)")));
    }

    void migratesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        // Versions may have gaps while branches that add steps are apart.
        QTest::addRow("from version 0") << 0;
        for (const Schema::Migration &step : Schema::migrations()) {
            if (step.version < Schema::latestVersion())
                QTest::addRow("from version %d", step.version) << step.version;
        }
    }

    void migratesFromEveryEarlierVersion()
    {
        QFETCH(int, from);
        const QString path = fresh(m_dir, QStringLiteral("from-%1.sqlite").arg(from));
        {
            auto old = Database::open(path, from);
            QVERIFY(old.ok());
            QCOMPARE(old.value()->schemaVersion(), from);
            if (from >= 1) {
                QVERIFY(exec(
                        old.value()->connection(),
                        QStringLiteral("INSERT INTO verifier_apps (name, client_key, "
                                       "created_at, updated_at) VALUES ('kiosk', 'ck1', 1, 1)")));
            }
        }
        auto upgraded = Database::open(path);
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.ok() ? QString() : upgraded.error().message));
        QCOMPARE(upgraded.value()->schemaVersion(), Schema::latestVersion());
        QCOMPARE(tables(upgraded.value()->connection()), latestTables());
        QCOMPARE(verificationIndexes(upgraded.value()->connection()), LATEST_VERIFICATION_INDEXES);
        QCOMPARE(scalar(upgraded.value()->connection(),
                        QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))
                         .toInt(),
                 Schema::migrations().size());
        if (from >= 1) {
            QCOMPARE(scalar(upgraded.value()->connection(),
                            QStringLiteral(
                                    "SELECT client_key FROM verifier_apps WHERE name = 'kiosk'"))
                             .toString(),
                     QStringLiteral("ck1"));
        }
    }

    void reopeningChangesNothing()
    {
        const QString dir = m_dir.filePath(QStringLiteral("twice"));
        QVERIFY(TestDatabase::openInDir(dir).ok());
        auto again = TestDatabase::openInDir(dir);
        QVERIFY(again.ok());
        QCOMPARE(scalar(again.value()->connection(),
                        QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))
                         .toInt(),
                 Schema::migrations().size());
    }

    void refusesNewerDatabase()
    {
        const QString path = fresh(m_dir, QStringLiteral("newer.sqlite"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(exec(db.value()->connection(),
                         QStringLiteral("INSERT INTO schema_migrations VALUES (%1, 'future', 1)")
                                 .arg(Schema::latestVersion() + 1)));
        }
        auto refused = Database::open(path);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::NewerDatabase);
        QVERIFY2(refused.error().message.contains(QStringLiteral("newer")),
                 qPrintable(refused.error().message));
    }

    void refusesAFileThatIsNotADatabase()
    {
        if (TestDatabase::usesPostgresql())
            QSKIP("a SQLite file (tst_pgconnection refuses an unreachable server)");
        const QString path = m_dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        auto refused = Database::open(path);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Storage);
    }

    void failedMigrationLeavesAWholeVersion()
    {
        const QString path = fresh(m_dir, QStringLiteral("half.sqlite"));
        {
            auto v1 = Database::open(path, 1);
            QVERIFY(v1.ok());
            // A table that version 2 wants to create makes its step fail half way.
            QVERIFY(exec(v1.value()->connection(),
                         QStringLiteral("CREATE TABLE douyin_tokens (x INTEGER)")));
        }
        auto failed = Database::open(path);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::Storage);

        auto v1 = Database::open(path, 1);
        QVERIFY(v1.ok());
        QCOMPARE(v1.value()->schemaVersion(), 1);
        QVERIFY(!tables(v1.value()->connection()).contains(QStringLiteral("enrichment_jobs")));
    }

    void oneConnectionPerThread()
    {
        const QString dir = m_dir.filePath(QStringLiteral("threads"));
        auto mine = TestDatabase::openInDir(dir);
        QVERIFY(mine.ok());
        bool workerOk = false;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            auto theirs = TestDatabase::openInDir(dir);
            if (!theirs.ok())
                return;
            QSqlQuery insert(theirs.value()->connection());
            insert.prepare(QStringLiteral("INSERT INTO secrets VALUES ('k', ?, 1)"));
            insert.addBindValue(QByteArray(1, '\0'));
            workerOk = insert.exec();
        }));
        worker->start();
        QVERIFY(worker->wait(10000));
        QVERIFY(workerOk);
        QCOMPARE(scalar(mine.value()->connection(),
                        QStringLiteral("SELECT COUNT(*) FROM secrets WHERE name = 'k'"))
                         .toInt(),
                 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
