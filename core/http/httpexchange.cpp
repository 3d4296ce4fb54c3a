#include "core/http/httpexchange.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "core/logging/categories.h"

void HttpExchange::start(QNetworkAccessManager *network, const QNetworkRequest &request,
                         const QByteArray &method, const QByteArray &body, const Limits &limits,
                         QObject *context, Callback callback)
{
    QNetworkRequest copy(request);
    copy.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::ManualRedirectPolicy);
    // Our own timers decide; Qt's inactivity timeout would blur connect and total time.
    copy.setTransferTimeout(0);
    QNetworkReply *reply = network->sendCustomRequest(copy, method, body);
    new HttpExchange(reply, limits, context, std::move(callback));
}

HttpExchange::HttpExchange(QNetworkReply *reply, const Limits &limits, QObject *context,
                           Callback callback)
    : QObject(reply->manager()),
      m_reply(reply),
      m_limits(limits),
      m_context(context),
      m_callback(std::move(callback))
{
    m_reply->setParent(this);
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        m_sent = true;
        m_connectTimer.stop();
    });
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > m_limits.maxAnswerBytes && !m_tooLarge) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onFinished);

    m_connectTimer.setSingleShot(true);
    m_totalTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { onTimeout(true); });
    connect(&m_totalTimer, &QTimer::timeout, this, [this] { onTimeout(false); });
    m_connectTimer.start(m_limits.connectTimeoutMs);
    m_totalTimer.start(m_limits.totalTimeoutMs);
}

void HttpExchange::onTimeout(bool connectPhase)
{
    if (m_sent && connectPhase)
        return;
    m_timedOut = true;
    m_connectTimedOut = connectPhase;
    m_reply->abort();
}

void HttpExchange::onFinished()
{
    HttpOutcome outcome;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_tooLarge) {
        outcome.failure = HttpOutcome::Failure::TooLarge;
        outcome.errorText =
                QStringLiteral("answer larger than %1 bytes").arg(m_limits.maxAnswerBytes);
    } else if (m_timedOut) {
        outcome.failure = m_sent && !m_connectTimedOut ? HttpOutcome::Failure::LostAfterSend
                                                       : HttpOutcome::Failure::NotSent;
        outcome.errorText = m_connectTimedOut
                ? QStringLiteral("connect timed out after %1 ms").arg(m_limits.connectTimeoutMs)
                : QStringLiteral("no complete answer within %1 ms").arg(m_limits.totalTimeoutMs);
    } else if (status.isValid() && m_reply->error() != QNetworkReply::RemoteHostClosedError
               && !isCutShort()) {
        // Any HTTP status is an answer, also 4xx/5xx (QNetworkReply flags those as errors).
        outcome.status = status.toInt();
        outcome.body = m_body;
        outcome.location = m_reply->rawHeader("Location");
    } else {
        outcome.failure =
                m_sent ? HttpOutcome::Failure::LostAfterSend : HttpOutcome::Failure::NotSent;
        outcome.errorText = m_reply->errorString();
    }
    finish(std::move(outcome));
}

// Fewer bytes than the answer's Content-Length: the connection closed in the middle of it.
// Qt reports that as RemoteHostClosedError, but not always (seen under load), so the length
// itself decides.
bool HttpExchange::isCutShort()
{
    m_body = m_reply->readAll();
    // A compressed answer's Content-Length counts the compressed bytes.
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return false;
    bool ok = false;
    const qint64 promised = m_reply->rawHeader("Content-Length").toLongLong(&ok);
    return ok && m_body.size() < promised;
}

void HttpExchange::finish(HttpOutcome outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_connectTimer.stop();
    m_totalTimer.stop();
    if (outcome.failure != HttpOutcome::Failure::None)
        qCDebug(lcHttp) << m_reply->url().path() << "failed:" << outcome.errorText
                        << "sent:" << m_sent;
    if (m_context)
        m_callback(outcome);
    deleteLater();
}
