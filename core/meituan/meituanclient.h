#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include "core/meituan/meituanerror.h"
#include "core/meituan/meituanjson.h"
#include "core/meituan/meituansigner.h"
#include "core/meituan/meituantypes.h"
#include "core/result.h"

class QNetworkAccessManager;
struct HttpOutcome;

// Asynchronous client for Meituan's 团购 receipt calls and its oauth endpoints (MEITUAN.md).
// Lives on one thread (the engine's) with its own QNetworkAccessManager. Every call reports
// exactly once through its callback, unless `context` is destroyed first.
//
// Stateless about stores: each business call names the store by its appAuthToken, which the
// caller owns and refreshes. Retries only where they are safe, as in DouyinClient: reads
// (getconsumed, querylistbydate) on transport failures, bad answers and OP_SYSTEM_BUSY;
// prepare and the oauth calls only when nothing left; consume and reverseconsume never.
class MeituanClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanClient)

public:
    template <typename T>
    using Callback = std::function<void(const Result<T, Meituan::Error> &)>;

    struct Config
    {
        QUrl baseUrl = QUrl(QStringLiteral("https://api-open-cater.meituan.com"));
        qint64 developerId = 0;
        QString signKey;
        int connectTimeoutMs = 3000;
        // Meituan's own SDKs give up after 8 s; we wait no longer than they would.
        int requestTimeoutMs = 8000;
        int maxReadAttempts = 3;
    };

    explicit MeituanClient(QObject *parent = nullptr);
    ~MeituanClient() override;

    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    bool isConfigured() const;

    // Meituan's authorization page for one store (§1), signed; `state` comes back with the
    // code (the product passes the POI id).
    QUrl authorizationUrl(const QString &state) const;

    void prepare(const QString &appAuthToken, const QString &receiptCode, QObject *context,
                 Callback<Meituan::PrepareResult> callback);
    void consume(const QString &appAuthToken, const Meituan::ConsumeRequest &request,
                 QObject *context, Callback<Meituan::ConsumeResult> callback);
    void consumedStatus(const QString &appAuthToken, const QString &receiptCode, QObject *context,
                        Callback<Meituan::ConsumedStatus> callback);
    void reverseConsume(const QString &appAuthToken, const Meituan::ReverseConsumeRequest &request,
                        QObject *context, Callback<Meituan::ReverseConsumeResult> callback);
    void listByDate(const QString &appAuthToken, const Meituan::ListRequest &request,
                    QObject *context, Callback<Meituan::ListResult> callback);
    void exchangeCode(const QString &authCode, QObject *context,
                      Callback<Meituan::TokenPair> callback);
    void refreshToken(const QString &refreshToken, QObject *context,
                      Callback<Meituan::TokenPair> callback);

private:
    enum class RetryPolicy {
        Read, // retry transport failures, bad answers and OP_SYSTEM_BUSY
        UnlessSent, // retry only what surely did not reach Meituan
        Never, // consume, reverseconsume
    };

    struct Call
    {
        const char *path = nullptr;
        MeituanSigner::Fields fields; // without timestamp and sign: each attempt adds its own
        MeituanJson::Style style = MeituanJson::Style::Business;
        RetryPolicy retry = RetryPolicy::Read;
        bool answerLossIsUnknown = false; // consume, cancel: a lost answer may hide a success
    };

    using RawCallback = std::function<void(const Result<MeituanJson::Envelope, Meituan::Error> &)>;

    // The call's fields with developerId and timestamp in front and the sign at the end.
    MeituanSigner::Fields signedForm(MeituanSigner::Fields fields) const;
    static Call business(const char *path, const QString &appAuthToken, const QJsonObject &biz,
                         RetryPolicy retry);
    Call oauth(const char *path, MeituanSigner::Fields fields) const;
    void attempt(const Call &call, int attemptNumber, QObject *context, RawCallback callback);
    Result<MeituanJson::Envelope, Meituan::Error> read(const Call &call,
                                                       const HttpOutcome &outcome) const;
    bool shouldRetry(const Call &call, const Meituan::Error &error, int attemptNumber) const;

    template <typename T, typename Parse>
    void run(const Call &call, QObject *context, Callback<T> callback, Parse parse);

    Config m_config;
    QNetworkAccessManager *m_network;
};
