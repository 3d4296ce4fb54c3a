#pragma once

#include <functional>

#include <QObject>
#include <QUrl>

#include "core/douyin/douyinerror.h"
#include "core/result.h"

class QNetworkAccessManager;

// Turns a scanned coupon link into prepare's encrypted_data. A v.douyin.com short link is
// requested without following redirects into pages; the Location that carries object_id
// ends the walk. The configurable base replaces scheme and host, so the sandbox can serve
// the same links.
class ShortLinkResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortLinkResolver)

public:
    using Callback = std::function<void(const Result<QString, Douyin::Error> &)>;

    static constexpr int MAX_HOPS = 5;
    static constexpr char DOUYIN_SHORT_HOST[] = "v.douyin.com";

    ShortLinkResolver(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setShortLinkBase(const QUrl &base) { m_base = base; }
    void setTimeouts(int connectTimeoutMs, int requestTimeoutMs);

    // True for text a scanner may hand us as a link (http/https URL), as opposed to a code.
    static bool looksLikeLink(const QString &text);
    // object_id of a URL's query, fully decoded; empty when absent.
    static QString objectIdOf(const QUrl &url);

    void resolve(const QString &link, QObject *context, Callback callback);

private:
    Result<QUrl, Douyin::Error> requestUrlFor(const QUrl &link) const;
    bool isTrustedHost(const QUrl &url) const;
    void hop(const QUrl &url, int hopNumber, QObject *context, Callback callback);

    QNetworkAccessManager *m_network;
    QUrl m_base = QUrl(QStringLiteral("https://v.douyin.com"));
    int m_connectTimeoutMs = 3000;
    int m_requestTimeoutMs = 10000;
};
