#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "core/api/lanapiserver.h"
#include "core/store/database.h"
#include "core/version.h"
#include "tests/common/testdatabase.h"

namespace {

struct Reply
{
    int status = 0;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray contentType;
    QByteArray requestId;
    QByteArray allow;
};

} // namespace

class tst_LanApiServer : public QObject
{
    Q_OBJECT

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &requestId = {})
    {
        QNetworkRequest request(QUrl(m_api->address().toUrl() + path));
        if (!requestId.isEmpty())
            request.setRawHeader("X-Request-Id", requestId);
        std::unique_ptr<QNetworkReply> reply(
                m_network.sendCustomRequest(request, method, QByteArray()));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.contentType = reply->rawHeader("Content-Type");
        result.requestId = reply->rawHeader("X-Request-Id");
        result.allow = reply->rawHeader("Allow");
        result.json = QJsonDocument::fromJson(reply->readAll()).object();
        return result;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<LanApiServer> m_api;
    QNetworkAccessManager m_network;

private slots:
    void initTestCase()
    {
        auto db = TestDatabase::openInDir(m_dir.path());
        QVERIFY(db.ok());
        m_database = std::move(db).value();
        m_api = std::make_unique<LanApiServer>(m_database.get());
        const auto bound = m_api->listen({QStringLiteral("127.0.0.1"), 0});
        QVERIFY(bound.ok());
        QVERIFY(bound.value().port != 0);
    }

    void healthAnswersJson()
    {
        m_api->setDouyinConfigured(true);
        const Reply reply = send("GET", QStringLiteral("/health"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.contentType.startsWith("application/json"));
        QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(reply.json.value(QStringLiteral("version")).toString(),
                 QStringLiteral(DYGW_VERSION));
        QCOMPARE(reply.json.value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
        QCOMPARE(reply.json.value(QStringLiteral("database_kind")).toString(),
                 TestDatabase::usesPostgresql() ? QStringLiteral("postgresql")
                                                : QStringLiteral("sqlite"));
        QVERIFY(reply.json.contains(QStringLiteral("gateway")));
        QCOMPARE(reply.json.value(QStringLiteral("enrichment_backlog")).toInt(-1), 0);
        const QJsonObject douyin = reply.json.value(QStringLiteral("douyin")).toObject();
        QCOMPARE(douyin.value(QStringLiteral("configured")).toBool(), true);
        QVERIFY(douyin.contains(QStringLiteral("token_valid_until")));
        const QDateTime time = QDateTime::fromString(
                reply.json.value(QStringLiteral("time")).toString(), Qt::ISODate);
        QVERIFY(time.isValid());
        QCOMPARE(time.timeSpec(), Qt::UTC);
        QVERIFY(!reply.requestId.isEmpty());
    }

    void requestIdIsEchoed_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::addColumn<bool>("echoed");
        QTest::newRow("plain token") << QByteArray("req-123") << true;
        QTest::newRow("uuid") << QByteArray("7d9f1e2a-4b7c-4a71-9a39-0c1d2e3f4a5b") << true;
        QTest::newRow("too long") << QByteArray(200, 'a') << false;
        QTest::newRow("with space") << QByteArray("a b") << false;
    }

    void requestIdIsEchoed()
    {
        QFETCH(QByteArray, sent);
        QFETCH(bool, echoed);
        const Reply reply = send("GET", QStringLiteral("/health"), sent);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.requestId == sent, echoed);
        QVERIFY(!reply.requestId.isEmpty());
    }

    void unmatchedAnswersJson_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QByteArray>("allow");

        QTest::newRow("unknown path")
                << QByteArray("GET") << "/nope" << 404 << "not_found" << QByteArray();
        QTest::newRow("unknown nested path")
                << QByteArray("POST") << "/v1/x/y" << 404 << "not_found" << QByteArray();
        QTest::newRow("health with POST") << QByteArray("POST") << "/health" << 405
                                          << "method_not_allowed" << QByteArray("GET");
        QTest::newRow("health with DELETE") << QByteArray("DELETE") << "/health" << 405
                                            << "method_not_allowed" << QByteArray("GET");
        QTest::newRow("health with trailing slash")
                << QByteArray("GET") << "/health/" << 404 << "not_found" << QByteArray();
    }

    void unmatchedAnswersJson()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QByteArray, allow);

        const Reply reply = send(method, path, "rid-1");
        QCOMPARE(reply.status, status);
        QVERIFY(reply.contentType.startsWith("application/json"));
        const QJsonObject error = reply.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(error.value(QStringLiteral("request_id")).toString(), QStringLiteral("rid-1"));
        QCOMPARE(reply.allow, allow);
    }

    void portInUseIsAClearError()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        LanApiServer second(m_database.get());
        const auto bound = second.listen({QStringLiteral("127.0.0.1"), occupier.serverPort()});
        QVERIFY(!bound.ok());
        QCOMPARE(bound.error().code, ErrorCode::Network);
        QVERIFY2(bound.error().message.contains(QString::number(occupier.serverPort())),
                 qPrintable(bound.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_LanApiServer)
#include "tst_lanapiserver.moc"
