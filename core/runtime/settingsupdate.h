#pragma once

#include <optional>

#include <QHash>
#include <QString>
#include <QVariantMap>

#include "core/config/gatewaysettings.h"

// Changes the settings page saves, applied on the gateway thread.
struct SettingsUpdate
{
    // Written to the settings file; never Setting::DouyinClientSecret or MeituanSignKey.
    QHash<Setting, QString> values;
    // Sealed into the database; the settings file's clear-text copy, if any, is removed. An
    // empty string removes the sealed one.
    std::optional<QString> douyinClientSecret;
    std::optional<QString> meituanSignKey;
    // GatewaySettings::setUiPreference(), applied at once by the desktop app.
    QVariantMap uiPreferences;
};
