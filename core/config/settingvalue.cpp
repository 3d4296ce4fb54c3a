#include "core/config/settingvalue.h"

#include <QDir>
#include <QUrl>

#include "core/config/hostport.h"
#include "core/store/databaseurl.h"

namespace SettingValue {

Result<QString> validate(Kind kind, const QString &raw)
{
    const QString value = raw.trimmed();
    switch (kind) {
    case Kind::Address: {
        const auto hostPort = HostPort::parse(value);
        if (!hostPort.ok())
            return hostPort.error();
        return hostPort.value().toString();
    }
    case Kind::Path:
        return value.isEmpty() ? value : QDir::cleanPath(value);
    case Kind::HttpUrl: {
        const QUrl url(value, QUrl::StrictMode);
        const bool httpScheme = url.scheme() == u"http" || url.scheme() == u"https";
        if (!url.isValid() || !httpScheme || url.host().isEmpty() || url.hasQuery()
            || url.hasFragment())
            return makeError(ErrorCode::BadConfig,
                             QStringLiteral("expected an http(s) URL, got '%1'").arg(raw));
        QString normalised = url.toString();
        while (normalised.endsWith(u'/'))
            normalised.chop(1);
        return normalised;
    }
    case Kind::Text:
        return value;
    case Kind::Database: {
        if (!DatabaseUrl::isServerUrl(value))
            return value.isEmpty() ? value : QDir::cleanPath(value);
        if (const auto url = DatabaseUrl::parse(value); !url.ok())
            return url.error();
        return value;
    }
    case Kind::Language:
        if (value.isEmpty() || value == u"zh_CN" || value == u"en")
            return value;
        return makeError(ErrorCode::BadConfig,
                         QStringLiteral("expected zh_CN, en or nothing, got '%1'").arg(raw));
    case Kind::Switch: {
        const QString lower = value.toLower();
        if (lower == u"true" || lower == u"1" || lower == u"yes" || lower == u"on")
            return QStringLiteral("true");
        if (lower == u"false" || lower == u"0" || lower == u"no" || lower == u"off")
            return QStringLiteral("false");
        return makeError(ErrorCode::BadConfig,
                         QStringLiteral("expected true or false, got '%1'").arg(raw));
    }
    case Kind::Id: {
        bool ok = false;
        const qint64 id = value.toLongLong(&ok);
        if (value.isEmpty())
            return value;
        if (!ok || id <= 0 || value.startsWith(u'+'))
            return makeError(ErrorCode::BadConfig,
                             QStringLiteral("expected a whole number > 0, got '%1'").arg(raw));
        return QString::number(id);
    }
    case Kind::Count: {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < 0 || value.startsWith(u'+'))
            return makeError(ErrorCode::BadConfig,
                             QStringLiteral("expected a whole number >= 0, got '%1'").arg(raw));
        return QString::number(n);
    }
    }
    Q_UNREACHABLE();
}

} // namespace SettingValue
