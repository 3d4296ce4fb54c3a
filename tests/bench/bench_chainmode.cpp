#include <atomic>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "core/api/requestsigner.h"
#include "core/crypto/secretbox.h"
#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/store/verificationrepository.h"
#include "tests/common/httpload.h"
#include "tests/common/pgserver.h"
#include "tests/common/processoutput.h"

using namespace HttpLoad;

// Chain mode's figures, each beside SQLite's of the same run:
// - signed code-mode verifies/s through 1 gateway on SQLite, 1 gateway on PostgreSQL and 3
//   gateways on one PostgreSQL, all against one sandbox process (DYGW_BENCH_SECONDS, default 3;
//   DYGW_BENCH_CLIENTS, default 32);
// - the summary (30 days by store, and other shapes) over DYGW_BENCH_CHAIN_RECORDS records
//   (default 1,000,000; the issue's figure is 10,000,000) on both engines
//   (DYGW_BENCH_CHAIN_ENGINES=sqlite or postgresql for one).
// The test server runs with fsync off (tests/common/pgserver.h): a real server's commits cost
// more. Speed is printed, not asserted; a case with a failed request fails.
class bench_ChainMode : public QObject
{
    Q_OBJECT

private:
    struct Gateway
    {
        std::unique_ptr<QProcess> process;
        QUrl url;
    };

    static int envOr(const char *name, int fallback)
    {
        const int value = qEnvironmentVariableIntValue(name);
        return value > 0 ? value : fallback;
    }

    QString program() const { return qEnvironmentVariable("DYGW_TEST_APP"); }

    // A headless gateway on `database`, named till-<index>, with the chain's master key.
    bool startGateway(Gateway &gateway, const QString &database, int index)
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("gw-%1").arg(++m_started));
        QDir().mkpath(dataDir);
        QFile::copy(m_dir.filePath(QString::fromLatin1(SecretBox::KEY_FILE_NAME)),
                    QDir(dataDir).filePath(QString::fromLatin1(SecretBox::KEY_FILE_NAME)));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DYGW_DOUYIN_CLIENT_KEY", "sandbox_client_key");
        env.insert("DYGW_DOUYIN_CLIENT_SECRET", "sandbox_client_secret");
        env.insert("DYGW_DOUYIN_ACCOUNT_ID", "sandbox_account");
        env.insert("DYGW_ADMIN_TOKEN", "bench-admin");
        env.insert("DYGW_API_RATE_LIMIT", "0");
        env.insert("DYGW_DATABASE", database);
        env.insert("DYGW_GATEWAY_NAME", QStringLiteral("till-%1").arg(index));
        gateway.process = std::make_unique<QProcess>();
        gateway.process->setProcessEnvironment(env);
        gateway.process->setStandardErrorFile(QProcess::nullDevice());
        gateway.process->start(program(),
                               {"--headless", "--listen", "127.0.0.1:0", "--data-dir", dataDir,
                                "--config", QDir(dataDir).filePath("s.ini"), "--douyin-base-url",
                                m_sandboxUrl.toString(), "--short-link-base",
                                m_sandboxUrl.toString()});
        if (!gateway.process->waitForStarted(10000))
            return false;
        gateway.url = QUrl(waitForUrlLine(*gateway.process, QStringLiteral("listening on ")));
        return gateway.url.port() > 0;
    }

    // Signed code-mode verifies of fresh sandbox coupons through `gateways`, for `seconds`.
    Stats verifyLoad(const QString &name, const QList<QUrl> &gateways, int clients, int seconds)
    {
        const QJsonObject app = callJson(QUrl(gateways.first().toString() + "/v1/internal/apps"),
                                         "POST", R"({"name":"bench"})", "bench-admin");
        const QByteArray key = app["data"]["app"]["client_key"].toString().toUtf8();
        const QByteArray secret = app["data"]["client_secret"].toString().toUtf8();
        QList<QPair<QString, QString>> codes; // code, poi
        while (codes.size() < 2500 * seconds) {
            const QJsonObject order = callJson(QUrl(m_sandboxUrl.toString() + "/sandbox/orders"),
                                               "POST", R"({"certificates":10})");
            const QJsonArray minted = order["codes"].toArray();
            if (minted.isEmpty())
                break;
            for (const QJsonValue &code : minted)
                codes.append({code.toString(), order["poi_id"].toString()});
        }
        std::atomic<qint64> next{0};
        return runLoad(
                name, gateways, clients, seconds,
                [&](int, qint64) {
                    const qint64 index = next++;
                    if (key.isEmpty() || index >= codes.size())
                        return QByteArray();
                    const auto &[code, poi] = codes.at(index);
                    const QByteArray body =
                            QJsonDocument(QJsonObject{{"poi_id", poi}, {"code", code}})
                                    .toJson(QJsonDocument::Compact);
                    const QByteArray timestamp =
                            QByteArray::number(QDateTime::currentSecsSinceEpoch());
                    const QByteArray nonce =
                            "chain-bench-" + QByteArray::number(++m_nonce).rightJustified(10, '0');
                    return httpRequest(
                            "POST", "/v1/open/coupons/verify",
                            {{"X-Client-Key", key},
                             {"X-Timestamp", timestamp},
                             {"X-Nonce", nonce},
                             {"X-Signature",
                              RequestSigner::signature(secret, "POST", "/v1/open/coupons/verify",
                                                       {}, timestamp, nonce, body)}},
                            body);
                },
                [](const QByteArray &body) {
                    return QJsonDocument::fromJson(body)["data"]["verify_status"].toString()
                            == u"success";
                });
    }

    QTemporaryDir m_dir;
    QProcess m_sandbox;
    QUrl m_sandboxUrl;
    int m_started = 0;
    quint64 m_nonce = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(program()));
        QVERIFY(PgServer::shared());
        QVERIFY(SecretBox::openOrCreate(m_dir.path()).ok());
        m_sandbox.setStandardErrorFile(QProcess::nullDevice());
        m_sandbox.start(program(), {"--sandbox-only", "--listen", "127.0.0.1:0"});
        QVERIFY(m_sandbox.waitForStarted(10000));
        m_sandboxUrl = QUrl(waitForUrlLine(m_sandbox, QStringLiteral("sandbox listening on ")));
        QVERIFY(m_sandboxUrl.port() > 0);
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        m_sandbox.waitForFinished(10000);
    }

    void verifiesPerSecond()
    {
        const int seconds = envOr("DYGW_BENCH_SECONDS", 3);
        const int clients = envOr("DYGW_BENCH_CLIENTS", 32);
        std::printf("\nChain mode verifies: %d keep-alive clients, %d s per case, %d cores\n",
                    clients, seconds, QThread::idealThreadCount());
        struct Setup
        {
            const char *name;
            bool postgresql;
            int gateways;
        };
        const Setup setups[] = {{"SQLite, 1 gateway: signed verify (code)", false, 1},
                                {"PostgreSQL, 1 gateway: signed verify (code)", true, 1},
                                {"PostgreSQL, 3 gateways: signed verify (code)", true, 3}};
        QStringList problems;
        for (const Setup &setup : setups) {
            QString database = m_dir.filePath(QStringLiteral("sqlite-%1.db").arg(m_started));
            if (setup.postgresql) {
                const auto created = PgServer::shared()->createDatabase();
                QVERIFY(created.ok());
                database = created.value();
            }
            std::vector<Gateway> gateways(setup.gateways);
            QList<QUrl> urls;
            for (int i = 0; i < setup.gateways; ++i) {
                QVERIFY(startGateway(gateways[i], database, i + 1));
                urls << gateways[i].url;
            }
            const Stats stats = verifyLoad(QString::fromLatin1(setup.name), urls, clients, seconds);
            print(stats);
            if (const QString problem = problemWith(stats); !problem.isEmpty())
                problems << problem;
            for (Gateway &gateway : gateways) {
                gateway.process->terminate();
                gateway.process->waitForFinished(10000);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    }

    void summaryOverManyRecords();

private:
    // The same year of records on either engine, written by the engine itself.
    static QString generateStatement(bool postgresql);
    static void measureSummaries(const char *engine, VerificationRepository &repository,
                                 const QDate &lastDay);
};

QString bench_ChainMode::generateStatement(bool postgresql)
{
    // h: a multiplicative hash of the counter; poi = h % 3, status roll = h / 3 % 100,
    // product = h / 300 % 30. Amounts only on successes.
    const QString rows = postgresql
            ? QStringLiteral("SELECT i::bigint AS i FROM generate_series(0, ? - 1) AS g(i)")
            : QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i + 1 < ?) SELECT i FROM n");
    const QString day = postgresql
            ? QStringLiteral("to_char(to_timestamp(at / 1000), 'YYYY-MM-DD')")
            : QStringLiteral("date(at / 1000, 'unixepoch', 'localtime')");
    return QStringLiteral(
                   "INSERT INTO verifications (app_id, poi_id, mode, batch_id, verify_token, "
                   "verify_status, certificate_id, product_id, product_name, verify_id, "
                   "pay_amount, receipt_amount, settlement_status, gateway_name, business_date, "
                   "created_at, updated_at) "
                   "SELECT 0, '70000000000000' || poi, 'code', 'b' || i, 't' || i, "
                   "CASE WHEN roll < 90 THEN 'success' WHEN roll < 96 THEN 'failed' "
                   "ELSE 'unknown' END, '71' || i, 'p' || product, '套餐 ' || product, "
                   "CASE WHEN roll < 90 THEN 'v' || i END, "
                   "CASE WHEN roll < 90 THEN 1000 + 100 * product END, "
                   "CASE WHEN roll < 90 THEN 950 + 100 * product END, "
                   "CASE WHEN roll < 90 THEN 'settled' END, 'till-' || (i % 3), %1, at, at "
                   "FROM (SELECT i, h % 3 AS poi, h / 3 % 100 AS roll, h / 300 % 30 AS product, "
                   "? + i * ? AS at FROM (SELECT i, i * 2654435761 % 4294967296 AS h FROM (%2) "
                   "AS r) AS hashed) AS s")
            .arg(day, rows);
}

void bench_ChainMode::measureSummaries(const char *engine, VerificationRepository &repository,
                                       const QDate &lastDay)
{
    struct Shape
    {
        const char *name;
        int days;
        QList<SummaryQuery::GroupKey> groupBy;
    };
    using Key = SummaryQuery::GroupKey;
    const Shape shapes[] = {{"30 days by store (target <= 100 ms)", 30, {Key::Poi}},
                            {"30 days by date", 30, {Key::Date}},
                            {"365 days by product", 365, {Key::Product}},
                            {"30 days by gateway (records)", 30, {Key::Gateway}}};
    for (const Shape &shape : shapes) {
        SummaryQuery query;
        query.to = lastDay;
        query.from = lastDay.addDays(1 - shape.days);
        query.groupBy = shape.groupBy;
        QList<double> times;
        qint64 successes = 0;
        for (int run = 0; run < 9; ++run) {
            QElapsedTimer timer;
            timer.start();
            const auto summary = repository.summary(query);
            times << double(timer.nsecsElapsed()) / 1e6;
            QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
            successes = summary.value().totals.successCount;
        }
        std::sort(times.begin(), times.end());
        std::printf("%-11s summary %-38s median %8.1f ms  max %8.1f ms  (%lld successes)\n", engine,
                    shape.name, times.at(times.size() / 2), times.last(), successes);
        std::fflush(stdout);
    }
}

void bench_ChainMode::summaryOverManyRecords()
{
    const int count = envOr("DYGW_BENCH_CHAIN_RECORDS", 1000000);
    const qint64 dayMs = 24 * 3600 * 1000LL;
    const qint64 firstMs = QDateTime::currentMSecsSinceEpoch() - 365 * dayMs;
    const qint64 stepMs = 365 * dayMs / count;
    std::printf("\nSummaries over %d records (a year), same data on both engines\n", count);
    // DYGW_BENCH_CHAIN_ENGINES=postgresql runs one engine (a 10 M run takes minutes per engine).
    const QString engines = qEnvironmentVariable("DYGW_BENCH_CHAIN_ENGINES", "sqlite,postgresql");
    for (const bool postgresql : {false, true}) {
        if (!engines.contains(postgresql ? u"postgresql" : u"sqlite"))
            continue;
        QString location = m_dir.filePath(QStringLiteral("summary.db"));
        if (postgresql) {
            const auto created = PgServer::shared()->createDatabase();
            QVERIFY(created.ok());
            location = created.value();
        }
        auto opened = Database::open(location);
        QVERIFY(opened.ok());
        Database &db = *opened.value();
        QSqlDatabase &connection = db.connection();
        QSqlQuery query(connection);
        // Bulk load: indexes built afterwards, commits not waited for.
        QStringList indexes;
        if (postgresql) {
            QVERIFY(query.exec("SET synchronous_commit = off"));
            QVERIFY(query.exec("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                               "'verifications' AND indexname NOT LIKE '%pkey'"));
            QStringList names;
            while (query.next()) {
                names << query.value(0).toString();
                indexes << query.value(1).toString();
            }
            for (const QString &name : std::as_const(names))
                QVERIFY(query.exec(QStringLiteral("DROP INDEX %1").arg(name)));
        } else {
            QVERIFY(query.exec("PRAGMA synchronous=OFF"));
        }
        QElapsedTimer timer;
        timer.start();
        QVERIFY(query.exec("BEGIN"));
        QSqlQuery insert(connection);
        QVERIFY2(insert.prepare(generateStatement(postgresql)),
                 qPrintable(insert.lastError().text()));
        insert.addBindValue(firstMs);
        insert.addBindValue(stepMs);
        insert.addBindValue(count);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        for (const QString &index : std::as_const(indexes))
            QVERIFY2(query.exec(index), qPrintable(query.lastError().text()));
        for (const Schema::Migration &step : Schema::migrations()) {
            for (const QString &statement : step.statements) {
                if (statement.startsWith(QStringLiteral("INSERT INTO verification_")))
                    QVERIFY2(query.exec(Schema::dialect(connection, statement)),
                             qPrintable(query.lastError().text()));
            }
        }
        QVERIFY(query.exec("COMMIT"));
        QVERIFY(query.exec("ANALYZE"));
        QVERIFY(query.exec("SELECT MAX(business_date), COUNT(*) FROM verifications"));
        QVERIFY(query.next());
        const QDate lastDay = QDate::fromString(query.value(0).toString(), Qt::ISODate);
        QCOMPARE(query.value(1).toInt(), count);
        query.finish();
        std::printf("%-11s generated in %.1f s\n", postgresql ? "PostgreSQL" : "SQLite",
                    double(timer.elapsed()) / 1000.0);
        VerificationRepository repository(&db);
        measureSummaries(postgresql ? "PostgreSQL" : "SQLite", repository, lastDay);
    }
}

int main(int argc, char **argv)
{
    // Generating ten million records takes longer than Qt Test's 5 minutes per function.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "3600000");
    QCoreApplication app(argc, argv);
    bench_ChainMode bench;
    return QTest::qExec(&bench, argc, argv);
}
#include "bench_chainmode.moc"
