#pragma once

#include <QSettings>
#include <QString>

// The cashier's own choices (store, operator, sound) in the settings file, group "ui/". The
// file is the one the gateway uses, named by the application property "dygwConfigFile".
namespace UiPreferences {

QString configFile();
QVariant value(const QString &key, const QVariant &defaultValue = {});
void setValue(const QString &key, const QVariant &value);

} // namespace UiPreferences
