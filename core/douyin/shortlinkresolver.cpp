#include "core/douyin/shortlinkresolver.h"

#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

#include "core/http/httpexchange.h"
#include "core/logging/categories.h"

namespace {

Douyin::Error badLink(const QString &message)
{
    return Douyin::Error::make(Douyin::Error::Kind::BadLink, message);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(a.scheme() == u"https" ? 443 : 80)
            == b.port(b.scheme() == u"https" ? 443 : 80);
}

} // namespace

ShortLinkResolver::ShortLinkResolver(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent),
      m_network(network)
{
}

void ShortLinkResolver::setTimeouts(int connectTimeoutMs, int requestTimeoutMs)
{
    m_connectTimeoutMs = connectTimeoutMs;
    m_requestTimeoutMs = requestTimeoutMs;
}

bool ShortLinkResolver::looksLikeLink(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
            || trimmed.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

QString ShortLinkResolver::objectIdOf(const QUrl &url)
{
    // QUrlQuery keeps '+' literal, which is what an opaque token needs.
    return QUrlQuery(url).queryItemValue(QStringLiteral("object_id"), QUrl::FullyDecoded);
}

bool ShortLinkResolver::isTrustedHost(const QUrl &url) const
{
    const QString host = url.host().toLower();
    return sameOrigin(url, m_base) || host == u"douyin.com" || host.endsWith(u".douyin.com")
            || host.endsWith(u".iesdouyin.com");
}

Result<QUrl, Douyin::Error> ShortLinkResolver::requestUrlFor(const QUrl &link) const
{
    if (link.host().compare(QLatin1String(DOUYIN_SHORT_HOST), Qt::CaseInsensitive) != 0
        && !sameOrigin(link, m_base))
        return badLink(QStringLiteral("not a Douyin short link (host %1)").arg(link.host()));
    // Only scheme, host and port change; path and query stay exactly as scanned.
    QUrl url = link;
    url.setScheme(m_base.scheme());
    url.setHost(m_base.host());
    url.setPort(m_base.port());
    return url;
}

void ShortLinkResolver::resolve(const QString &link, QObject *context, Callback callback)
{
    const QUrl url(link.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || !looksLikeLink(link))
        return callback(badLink(QStringLiteral("not a URL")));

    // A full Douyin page URL may already carry the object_id: nothing to request.
    if (const QString objectId = objectIdOf(url); !objectId.isEmpty()) {
        if (!isTrustedHost(url))
            return callback(badLink(QStringLiteral("not a Douyin link (host %1)").arg(url.host())));
        return callback(objectId);
    }
    const auto start = requestUrlFor(url);
    if (!start.ok())
        return callback(start.error());
    hop(start.value(), 1, context, std::move(callback));
}

void ShortLinkResolver::hop(const QUrl &url, int hopNumber, QObject *context, Callback callback)
{
    HttpExchange::Limits limits;
    limits.connectTimeoutMs = m_connectTimeoutMs;
    limits.totalTimeoutMs = m_requestTimeoutMs;
    limits.maxAnswerBytes = 256 * 1024; // we never read the page, only the headers
    QPointer<QObject> guard(context);
    HttpExchange::start(
            m_network, QNetworkRequest(url), QByteArrayLiteral("GET"), {}, limits, this,
            [this, url, hopNumber, guard, callback](const HttpOutcome &outcome) {
                if (!guard)
                    return;
                if (outcome.failure != HttpOutcome::Failure::None) {
                    return callback(
                            Douyin::Error::make(Douyin::Error::Kind::Unavailable,
                                                QStringLiteral("short link %1: %2")
                                                        .arg(url.path(), outcome.errorText)));
                }
                if (outcome.status == 404 || outcome.status == 410)
                    return callback(badLink(QStringLiteral("short link not found (used up, "
                                                           "refunded or mistyped)")));
                if (outcome.status < 300 || outcome.status >= 400 || outcome.location.isEmpty())
                    return callback(badLink(QStringLiteral("short link did not redirect (HTTP %1)")
                                                    .arg(outcome.status)));

                const QUrl next = url.resolved(QUrl::fromEncoded(outcome.location));
                if (const QString objectId = objectIdOf(next); !objectId.isEmpty())
                    return callback(objectId);
                if (hopNumber >= MAX_HOPS)
                    return callback(badLink(QStringLiteral("short link redirected more than %1 "
                                                           "times without an object_id")
                                                    .arg(MAX_HOPS)));
                if (!isTrustedHost(next))
                    return callback(badLink(QStringLiteral("short link redirected to %1, which "
                                                           "is not Douyin")
                                                    .arg(next.host())));
                const auto nextUrl =
                        next.host().compare(QLatin1String(DOUYIN_SHORT_HOST), Qt::CaseInsensitive)
                                == 0
                        ? requestUrlFor(next)
                        : Result<QUrl, Douyin::Error>(next);
                hop(nextUrl.value(), hopNumber + 1, guard, callback);
            });
}
