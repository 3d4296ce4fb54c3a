#include "core/store/databaseurl.h"

#include <algorithm>

#include <QUrl>
#include <QUrlQuery>

namespace {

// A server that does not answer must not hang the gateway's start-up for long.
constexpr auto CONNECT_TIMEOUT_OPTION = "connect_timeout=5";

bool isSafeOptionValue(const QString &value)
{
    // The options are joined into libpq's "key=value key=value" string unquoted.
    return !value.contains(u' ') && !value.contains(u';') && !value.contains(u'\'');
}

} // namespace

bool DatabaseUrl::isServerUrl(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"))
            || text.startsWith(QLatin1String("postgres://"));
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!isServerUrl(text) || !url.isValid())
        return makeError(ErrorCode::BadConfig, QStringLiteral("database: not a postgresql:// URL"));
    DatabaseUrl parsed;
    parsed.m_host = url.host(QUrl::FullyDecoded);
    parsed.m_port = url.port(-1);
    parsed.m_databaseName = url.path(QUrl::FullyDecoded).mid(1);
    parsed.m_user = url.userName(QUrl::FullyDecoded);
    parsed.m_password = url.password(QUrl::FullyDecoded);
    if (parsed.m_databaseName.isEmpty() || parsed.m_databaseName.contains(u'/'))
        return makeError(ErrorCode::BadConfig,
                         QStringLiteral("database: the URL names no database"));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"host") {
            parsed.m_host = value;
        } else if (key == u"port") {
            bool ok = false;
            parsed.m_port = value.toInt(&ok);
            if (!ok)
                return makeError(ErrorCode::BadConfig, QStringLiteral("database: bad port"));
        } else if (key == u"user") {
            parsed.m_user = value;
        } else if (key == u"password") {
            parsed.m_password = value;
        } else if (key == u"gateway_name") {
            parsed.m_gatewayName = value;
        } else if (isSafeOptionValue(key) && isSafeOptionValue(value)) {
            parsed.m_options << key + u'=' + value;
        } else {
            return makeError(ErrorCode::BadConfig,
                             QStringLiteral("database: option %1 cannot be passed").arg(key));
        }
    }
    return parsed;
}

void DatabaseUrl::applyTo(QSqlDatabase &db) const
{
    db.setHostName(m_host);
    if (m_port > 0)
        db.setPort(m_port);
    db.setDatabaseName(m_databaseName);
    db.setUserName(m_user);
    db.setPassword(m_password);
    QStringList options = m_options;
    // pg_stat_activity then shows which gateway a connection is (libpq's own parameter).
    if (!m_gatewayName.isEmpty() && isSafeOptionValue(m_gatewayName)
        && !std::any_of(options.cbegin(), options.cend(),
                        [](const QString &o) { return o.startsWith(u"application_name="); }))
        options << QStringLiteral("application_name=") + m_gatewayName;
    if (!std::any_of(options.cbegin(), options.cend(),
                     [](const QString &o) { return o.startsWith(u"connect_timeout="); }))
        options << QString::fromLatin1(CONNECT_TIMEOUT_OPTION);
    db.setConnectOptions(options.join(u';'));
}

QString DatabaseUrl::withGatewayName(const QString &text, const QString &name)
{
    QUrl url(text, QUrl::StrictMode);
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("gateway_name"));
    query.addQueryItem(QStringLiteral("gateway_name"),
                       QString::fromLatin1(QUrl::toPercentEncoding(name)));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

QString DatabaseUrl::redacted() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user);
    if (!m_host.startsWith(u'/'))
        url.setHost(m_host);
    if (m_port > 0)
        url.setPort(m_port);
    url.setPath(u'/' + m_databaseName);
    QUrlQuery query;
    if (m_host.startsWith(u'/'))
        query.addQueryItem(QStringLiteral("host"), m_host);
    url.setQuery(query);
    return url.toString();
}
