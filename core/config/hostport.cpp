#include "core/config/hostport.h"

Result<HostPort> HostPort::parse(const QString &text)
{
    const auto bad = [&text](const QString &why) {
        return makeError(ErrorCode::BadConfig,
                         QStringLiteral("expected HOST:PORT, got '%1' (%2)").arg(text, why));
    };
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return bad(QStringLiteral("no port"));

    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(u':'))
        return bad(QStringLiteral("write IPv6 addresses in brackets"));

    bool portOk = false;
    const uint port = QStringView(text).mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535 || text.mid(colon + 1).startsWith(u'+'))
        return bad(QStringLiteral("port must be 0..65535"));

    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        host = QStringLiteral("localhost");
    else if (QHostAddress(host).isNull())
        return bad(QStringLiteral("host must be an IP address or localhost"));

    return HostPort{host, quint16(port)};
}

QHostAddress HostPort::address() const
{
    if (host == u"localhost")
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(host);
}

QString HostPort::toString() const
{
    const QString h = host.contains(u':') ? u'[' + host + u']' : host;
    return h + u':' + QString::number(port);
}

QString HostPort::toUrl() const
{
    return QStringLiteral("http://") + toString();
}
