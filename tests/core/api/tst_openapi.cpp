#include <memory>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/api/lanapiserver.h"
#include "core/config/gatewaysettings.h"
#include "core/runtime/gatewayruntime.h"
#include "tests/common/jsonpointer.h"

// resources/api/openapi.json (served at GET /openapi.json) against API.md and against the
// routes a running gateway really has.
namespace {

// API.md, "Groups and paths": exactly these ten.
const QStringList CONTRACT_OPERATIONS{
        "GET /health",
        "POST /v1/open/coupons/verify",
        "POST /v1/open/coupons/prepare",
        "GET /v1/open/douyin/access-token",
        "GET /v1/open/pois",
        "GET /v1/internal/verifications",
        "GET /v1/internal/verifications/summary",
        "POST /v1/internal/apps",
        "GET /v1/internal/apps",
        "PATCH /v1/internal/apps/{id}/token-access",
};

// API.md, Extensions: documented too, tagged Extension.
const QStringList EXTENSION_OPERATIONS{
        "POST /v1/open/verifications/{id}/cancel",
        "POST /v1/internal/verifications/{id}/cancel",
        "GET /v1/internal/reconciliation",
        "POST /v1/internal/reconciliation/runs",
        "GET /metrics",
        "GET /v1/open/events",
};

// The seed's 22 model names (API.md, "Data models").
const QStringList SEED_MODELS{
        "HealthResponse",
        "ErrorResponse",
        "MessageResponse",
        "AppStatus",
        "VerificationStatus",
        "EnrichmentStatus",
        "OrderStatus",
        "PrepareCouponRequest",
        "VerifyCouponRequest",
        "VerificationView",
        "VerificationResponse",
        "AccessToken",
        "AccessTokenResponse",
        "VerifierApp",
        "CreateAppRequest",
        "CreateAppResponseData",
        "CreateAppResponse",
        "AppListResponse",
        "UpdateTokenAccessRequest",
        "VerificationListResponse",
        "VerificationSummaryRow",
        "VerificationSummaryResponse",
};

const QStringList HTTP_METHODS{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// "METHOD /path" for every operation of the document.
QStringList documentedOperations(const QJsonObject &document)
{
    QStringList operations;
    const QJsonObject paths = document.value("paths").toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto key = item.begin(); key != item.end(); ++key) {
            if (HTTP_METHODS.contains(key.key()))
                operations.append(key.key().toUpper() + u' ' + path.key());
        }
    }
    operations.sort();
    return operations;
}

// Every "$ref" string anywhere in value, with where it was found.
void collectRefs(const QJsonValue &value, const QString &where,
                 QList<std::pair<QString, QString>> &refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == "$ref")
                refs.append({it.value().toString(), where});
            else
                collectRefs(it.value(), where + u'/' + it.key(), refs);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            collectRefs(array.at(i), where + u'/' + QString::number(i), refs);
    }
}

} // namespace

class tst_OpenApi : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QByteArray contentType;
        QByteArray allow;
        QJsonObject json;
    };

    Reply call(const QByteArray &method, const QString &path)
    {
        QNetworkRequest request(QUrl(m_api + path));
        const QByteArray body = method == "GET" || method == "DELETE" || method == "HEAD"
                ? QByteArray()
                : QByteArray("{}");
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.contentType = reply->rawHeader("Content-Type");
        result.allow = reply->rawHeader("Allow");
        result.json = QJsonDocument::fromJson(reply->readAll()).object();
        return result;
    }

    static QString concretePath(QString path) { return path.replace("{id}", "1"); }

    QJsonObject m_document;
    QTemporaryDir m_dir;
    std::unique_ptr<GatewayRuntime> m_runtime;
    QString m_api;
    QNetworkAccessManager m_network;

private slots:
    void initTestCase()
    {
        QFile file(":/api/openapi.json");
        QVERIFY2(file.open(QIODevice::ReadOnly), "openapi.json is not linked into dygw_core");
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.isObject());
        m_document = document.object();

        QProcessEnvironment env;
        env.insert("DYGW_LISTEN", "127.0.0.1:0");
        env.insert("DYGW_DATA_DIR", m_dir.path());
        const auto settings = GatewaySettings::load(m_dir.filePath("dy-gateway.ini"), env);
        QVERIFY(settings.ok());
        m_runtime = std::make_unique<GatewayRuntime>(settings.value());
        GatewayRuntime::Options options;
        options.adminTokenFromEnvironment = "adm_openapi_test_token_0123456789";
        const auto started = m_runtime->start(options);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        m_api = m_runtime->api()->address().toUrl();
    }

    void isOpenApi3()
    {
        QVERIFY(m_document.value("openapi").toString().startsWith("3.0."));
        QVERIFY(!m_document.value("info").toObject().value("title").toString().isEmpty());
        QVERIFY(!m_document.value("info").toObject().value("version").toString().isEmpty());
    }

    void listsExactlyTheContractOperations()
    {
        QStringList expected = CONTRACT_OPERATIONS + EXTENSION_OPERATIONS;
        expected.sort();
        QCOMPARE(documentedOperations(m_document), expected);
    }

    void extensionsAreTagged()
    {
        const QJsonObject paths = m_document.value("paths").toObject();
        for (const QString &operation : EXTENSION_OPERATIONS) {
            const QJsonObject entry = paths.value(operation.section(u' ', 1))
                                              .toObject()
                                              .value(operation.section(u' ', 0, 0).toLower())
                                              .toObject();
            QVERIFY2(entry.value("tags").toArray().contains("Extension"), qPrintable(operation));
        }
    }

    void carriesTheSeedModels_data()
    {
        QTest::addColumn<QString>("model");
        for (const QString &model : SEED_MODELS)
            QTest::newRow(qPrintable(model)) << model;
    }

    void carriesTheSeedModels()
    {
        QFETCH(QString, model);
        QCOMPARE(SEED_MODELS.size(), 22);
        const QJsonObject schemas =
                m_document.value("components").toObject().value("schemas").toObject();
        QVERIFY2(schemas.contains(model), qPrintable(model));
        QVERIFY(schemas.value(model).isObject());
        QVERIFY(!schemas.value(model).toObject().isEmpty());
    }

    void everyRefResolves()
    {
        QList<std::pair<QString, QString>> refs;
        collectRefs(m_document, "#", refs);
        QVERIFY(refs.size() > 22);
        for (const auto &[ref, where] : std::as_const(refs)) {
            QVERIFY2(ref.startsWith("#/"), qPrintable(where + ": not a local $ref " + ref));
            const QJsonValue target = resolve(m_document, ref);
            QVERIFY2(target.isObject(), qPrintable(where + ": $ref " + ref + " does not resolve"));
        }
    }

    void everySeedModelIsUsed()
    {
        // A model nobody refers to documents nothing (HealthResponse is used by /health…).
        QList<std::pair<QString, QString>> refs;
        collectRefs(m_document, "#", refs);
        QSet<QString> used;
        for (const auto &[ref, where] : std::as_const(refs))
            used.insert(ref.section(u'/', -1));
        for (const QString &model : SEED_MODELS)
            QVERIFY2(used.contains(model), qPrintable(model + " is never referenced"));
    }

    void successStatusesMatchTheContract_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("status");
        for (const QString &operation : CONTRACT_OPERATIONS)
            QTest::newRow(qPrintable(operation))
                    << operation << (operation == "POST /v1/internal/apps" ? "201" : "200");
    }

    void successStatusesMatchTheContract()
    {
        QFETCH(QString, operation);
        QFETCH(QString, status);
        const QString method = operation.section(u' ', 0, 0).toLower();
        const QString path = operation.section(u' ', 1);
        const QJsonObject responses = m_document.value("paths")
                                              .toObject()
                                              .value(path)
                                              .toObject()
                                              .value(method)
                                              .toObject()
                                              .value("responses")
                                              .toObject();
        QVERIFY2(responses.contains(status), qPrintable(operation + " documents no " + status));
    }

    void documentedOperationsAreRouted_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        const QStringList operations = documentedOperations(m_document);
        for (const QString &operation : operations)
            QTest::newRow(qPrintable(operation))
                    << operation.section(u' ', 0, 0).toLatin1() << operation.section(u' ', 1);
    }

    void documentedOperationsAreRouted()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        // Unauthenticated: 401 is fine, 404 or 405 would mean the route does not exist.
        const Reply reply = call(method, concretePath(path));
        QVERIFY2(
                reply.status != 404 && reply.status != 405 && reply.status != 0,
                qPrintable(
                        QString("%1 %2 answered %3").arg(QString(method), path).arg(reply.status)));
        QVERIFY(reply.contentType.startsWith("application/json"));
    }

    void undocumentedMethodsAnswer405_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("allow");
        const QJsonObject paths = m_document.value("paths").toObject();
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            QStringList documented;
            for (const QString &key : it.value().toObject().keys()) {
                if (HTTP_METHODS.contains(key))
                    documented.append(key.toUpper());
            }
            documented.sort();
            for (const QString &method : QStringList{"GET", "POST", "PUT", "PATCH", "DELETE"}) {
                if (!documented.contains(method))
                    QTest::addRow("%s %s", qPrintable(method), qPrintable(it.key()))
                            << method.toLatin1() << it.key() << documented;
            }
        }
    }

    void undocumentedMethodsAnswer405()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QStringList, allow);
        const Reply reply = call(method, concretePath(path));
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.json.value("error").toObject().value("code").toString(),
                 QString("method_not_allowed"));
        QStringList allowed;
        for (const QByteArray &name : reply.allow.split(','))
            allowed.append(QString::fromLatin1(name.trimmed()));
        allowed.sort();
        QCOMPARE(allowed, allow);
    }

    void servedDocumentIsTheResource()
    {
        const Reply reply = call("GET", "/openapi.json");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.contentType.startsWith("application/json"));
        QCOMPARE(reply.json, m_document);
    }

    void cleanupTestCase() { m_runtime.reset(); }
};

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
