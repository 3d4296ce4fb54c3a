#include "ui/uipreferences.h"

#include <QCoreApplication>

#include "core/config/gatewaysettings.h"

namespace UiPreferences {

QString configFile()
{
    const QString file = qApp ? qApp->property("dygwConfigFile").toString() : QString();
    return file.isEmpty() ? GatewaySettings::defaultConfigFile() : file;
}

QVariant value(const QString &key, const QVariant &defaultValue)
{
    return QSettings(configFile(), QSettings::IniFormat)
            .value(QStringLiteral("ui/") + key, defaultValue);
}

void setValue(const QString &key, const QVariant &value)
{
    QSettings(configFile(), QSettings::IniFormat).setValue(QStringLiteral("ui/") + key, value);
}

} // namespace UiPreferences
