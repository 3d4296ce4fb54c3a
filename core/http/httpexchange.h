#pragma once

#include <functional>

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

// How one HTTP exchange ended. The split between NotSent and LostAfterSend is what lets a
// verify whose answer was lost be told apart from one that never left.
struct HttpOutcome
{
    enum class Failure {
        None, // an HTTP answer arrived (any status)
        NotSent, // DNS, refused, TLS handshake, connect timeout: the request never left
        LostAfterSend, // written, then timeout or reset before a whole answer arrived
        TooLarge, // the answer exceeded the size cap and was cut off
    };

    Failure failure = Failure::None;
    int status = 0;
    QByteArray body;
    QByteArray location; // Location header, for redirects
    QString errorText; // for logs
};

// One request with a connect timeout, a total timeout and a cap on the answer's size.
// Deletes itself after calling back; the callback is skipped if `context` is gone.
class HttpExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)

public:
    using Callback = std::function<void(const HttpOutcome &)>;

    struct Limits
    {
        int connectTimeoutMs = 3000;
        int totalTimeoutMs = 10000;
        qint64 maxAnswerBytes = 4 * 1024 * 1024;
    };

    static void start(QNetworkAccessManager *network, const QNetworkRequest &request,
                      const QByteArray &method, const QByteArray &body, const Limits &limits,
                      QObject *context, Callback callback);

private:
    HttpExchange(QNetworkReply *reply, const Limits &limits, QObject *context, Callback callback);

    void onFinished();
    void onTimeout(bool connectPhase);
    bool isCutShort();
    void finish(HttpOutcome outcome);

    QNetworkReply *m_reply;
    Limits m_limits;
    QPointer<QObject> m_context;
    Callback m_callback;
    QTimer m_connectTimer;
    QTimer m_totalTimer;
    bool m_sent = false;
    bool m_timedOut = false;
    bool m_connectTimedOut = false;
    bool m_tooLarge = false;
    bool m_done = false;
    QByteArray m_body; // read once, by isCutShort()
};
