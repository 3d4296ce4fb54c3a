#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include "core/meituan/meituanapi.h"
#include "core/meituan/meituanclient.h"
#include "core/meituan/meituansigner.h"
#include "core/sandbox/sandboxdemodata.h"
#include "core/sandbox/sandboxserver.h"

// The sandbox's Meituan side over real loopback HTTP, as the tst_sandboxmeituan* tests drive
// it: the product's MeituanClient, raw form posts (signed, or broken on purpose) and the
// control API. Every wait keeps the event loop running, so the server answers meanwhile.
class SandboxMeituanRig
{
public:
    using Fields = MeituanSigner::Fields;

    static inline const QString SIGN_KEY = QStringLiteral("sandbox_meituan_sign_key");
    static constexpr qint64 DEVELOPER_ID = 100001;

    struct Reply
    {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QJsonObject json;

        // Meituan's code as text, whether the answer wrote it as a string or a number.
        QString code() const
        {
            const QJsonValue value = json.value(QStringLiteral("code"));
            if (value.isDouble())
                return QString::number(value.toInteger());
            return value.toString();
        }
        QString msg() const { return json.value(QStringLiteral("msg")).toString(); }
        QJsonObject data() const { return json.value(QStringLiteral("data")).toObject(); }
        QJsonObject result(int index = 0) const
        {
            return data().value(QStringLiteral("result")).toArray().at(index).toObject();
        }
    };

    struct Order
    {
        QString orderId;
        QStringList codes;
        QString dealId;
        QString dealGroupId;
        QString opBizCode;
    };

    // No demo orders, and the clock stopped at the wall clock's time now: the client's
    // timestamps stay within the window for the few minutes a test runs, and a boundary
    // (600 s still cancels, 601 s does not) cannot slip by a second ticking meanwhile.
    static SandboxConfig emptyConfig()
    {
        SandboxConfig config;
        config.seedDemoData = false;
        config.clock = [start = QDateTime::currentSecsSinceEpoch()] {
            return start;
        };
        return config;
    }

    static QString store(int index) { return SandboxDemoData::stores().at(index).poiId; }

    explicit SandboxMeituanRig(SandboxConfig config = emptyConfig())
        : m_server(std::make_unique<SandboxServer>(std::move(config)))
    {
        const auto bound = m_server->listen({QStringLiteral("127.0.0.1"), 0});
        if (!bound.ok())
            qFatal("sandbox did not listen: %s", qPrintable(bound.error().message));
        m_base = m_server->baseUrl().toString();
        MeituanClient::Config client;
        client.baseUrl = m_server->baseUrl();
        client.developerId = DEVELOPER_ID;
        client.signKey = SIGN_KEY;
        client.requestTimeoutMs = 3000;
        m_client->setConfig(client);
    }

    ~SandboxMeituanRig() { m_network.clearConnectionCache(); }

    SandboxServer &server() { return *m_server; }
    SandboxState &state() { return m_server->state(); }
    MeituanClient &client() { return *m_client; }
    QString base() const { return m_base; }

    template <typename T>
    static Result<T, Meituan::Error>
    await(const std::function<void(MeituanClient::Callback<T>)> &start)
    {
        std::optional<Result<T, Meituan::Error>> outcome;
        start([&outcome](const Result<T, Meituan::Error> &r) { outcome = r; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
            return Meituan::Error::make(PlatformError::Kind::Unavailable, "test timed out");
        return *outcome;
    }

    // ---- The client.
    Result<Meituan::TokenPair, Meituan::Error> exchange(const QString &code)
    {
        return await<Meituan::TokenPair>(
                [&](auto done) { m_client->exchangeCode(code, m_client.get(), std::move(done)); });
    }
    Result<Meituan::TokenPair, Meituan::Error> refresh(const QString &refreshToken)
    {
        return await<Meituan::TokenPair>([&](auto done) {
            m_client->refreshToken(refreshToken, m_client.get(), std::move(done));
        });
    }
    // The store's accessToken, from its standing authorization code.
    QString bind(const QString &poiId)
    {
        const auto pair = exchange(SandboxState::meituanAuthCode(poiId));
        return pair.ok() ? pair.value().accessToken : QString();
    }
    Result<Meituan::PrepareResult, Meituan::Error> prepare(const QString &token,
                                                           const QString &code)
    {
        return await<Meituan::PrepareResult>([&](auto done) {
            m_client->prepare(token, code, m_client.get(), std::move(done));
        });
    }
    Result<Meituan::ConsumeResult, Meituan::Error>
    consume(const QString &token, const QString &code, int count, const QString &requestId)
    {
        Meituan::ConsumeRequest request;
        request.receiptCode = code;
        request.count = count;
        request.requestId = requestId;
        request.appShopAccount = QStringLiteral("cashier-1");
        request.appShopAccountName = QStringLiteral("收银员一");
        return await<Meituan::ConsumeResult>([&](auto done) {
            m_client->consume(token, request, m_client.get(), std::move(done));
        });
    }
    Result<Meituan::ConsumedStatus, Meituan::Error> consumed(const QString &token,
                                                             const QString &code)
    {
        return await<Meituan::ConsumedStatus>([&](auto done) {
            m_client->consumedStatus(token, code, m_client.get(), std::move(done));
        });
    }
    Result<Meituan::ReverseConsumeResult, Meituan::Error>
    reverse(const QString &token, const QString &code, const QString &dealId)
    {
        Meituan::ReverseConsumeRequest request;
        request.receiptCode = code;
        request.dealId = dealId;
        request.appShopAccount = QStringLiteral("cashier-1");
        return await<Meituan::ReverseConsumeResult>([&](auto done) {
            m_client->reverseConsume(token, request, m_client.get(), std::move(done));
        });
    }
    Result<Meituan::ListResult, Meituan::Error> list(const QString &token, const QDate &date,
                                                     int offset, int limit)
    {
        Meituan::ListRequest request;
        request.date = date;
        request.offset = offset;
        request.limit = limit;
        return await<Meituan::ListResult>([&](auto done) {
            m_client->listByDate(token, request, m_client.get(), std::move(done));
        });
    }

    // ---- Raw form posts.
    static QByteArray encode(const Fields &fields)
    {
        QByteArray body;
        for (const auto &[key, value] : fields) {
            if (!body.isEmpty())
                body += '&';
            body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        }
        return body;
    }
    static Fields withSign(Fields fields, const QString &signKey = SIGN_KEY)
    {
        fields.append({QStringLiteral("sign"),
                       QString::fromLatin1(MeituanSigner::sign(signKey, fields))});
        return fields;
    }
    static QString now() { return QString::number(QDateTime::currentSecsSinceEpoch()); }
    static QString json(const QJsonObject &object)
    {
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    // The system fields of a business call, unsigned.
    static Fields businessFields(const QString &token, const QString &biz)
    {
        return {{QStringLiteral("developerId"), QString::number(DEVELOPER_ID)},
                {QStringLiteral("businessId"), QStringLiteral("58")},
                {QStringLiteral("timestamp"), now()},
                {QStringLiteral("charset"), QStringLiteral("UTF-8")},
                {QStringLiteral("version"), QStringLiteral("2")},
                {QStringLiteral("appAuthToken"), token},
                {QStringLiteral("biz"), biz}};
    }

    Reply post(const QString &path, const QByteArray &body,
               const QByteArray &contentType = "application/x-www-form-urlencoded",
               const QByteArray &verb = "POST")
    {
        QNetworkRequest request(QUrl(m_base + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        return result;
    }
    Reply postForm(const char *path, const Fields &fields)
    {
        return post(QLatin1String(path), encode(fields));
    }
    // A correctly signed business call.
    Reply business(const char *path, const QString &token, const QJsonObject &biz)
    {
        return postForm(path, withSign(businessFields(token, json(biz))));
    }

    // ---- The control API.
    Reply control(const QByteArray &verb, const QString &path, const QJsonObject &body = {})
    {
        return post(path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(),
                    "application/json", verb);
    }
    Order mint(const QString &poiId, int receipts = 1, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("poi_id"), poiId);
        extra.insert(QStringLiteral("receipts"), receipts);
        const Reply reply = control("POST", QStringLiteral("/sandbox/meituan/orders"), extra);
        if (reply.status != 200)
            qFatal("mint failed: %s", reply.body.constData());
        QStringList codes;
        for (const QJsonValue &code : reply.json.value(QStringLiteral("receipt_codes")).toArray())
            codes.append(code.toString());
        return {reply.json.value(QStringLiteral("order_id")).toString(), codes,
                reply.json.value(QStringLiteral("deal_id")).toString(),
                reply.json.value(QStringLiteral("deal_group_id")).toString(),
                reply.json.value(QStringLiteral("op_biz_code")).toString()};
    }
    QJsonObject receipt(const QString &code)
    {
        return control("GET", QStringLiteral("/sandbox/meituan/receipts/") + code).json;
    }
    QString receiptStatus(const QString &code)
    {
        return receipt(code).value(QStringLiteral("status")).toString();
    }
    int stat(const QString &endpoint)
    {
        return control("GET", QStringLiteral("/sandbox/stats")).json.value(endpoint).toInt(-1);
    }
    bool fault(const QJsonObject &fault)
    {
        return control("POST", QStringLiteral("/sandbox/faults"), fault).status == 200;
    }
    qint64 advanceClock(qint64 seconds)
    {
        return control("POST", QStringLiteral("/sandbox/clock"), {{"advance_seconds", seconds}})
                .json.value(QStringLiteral("now"))
                .toInteger(-1);
    }

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MeituanClient> m_client = std::make_unique<MeituanClient>();
    QNetworkAccessManager m_network;
    QString m_base;
};
