#pragma once

#include <optional>

#include <QHash>
#include <QString>
#include <QVariantMap>

#include "core/config/gatewaysettings.h"
#include "core/config/hostport.h"
#include "core/crypto/secretbox.h"

// What the desktop app's settings page shows, read on the gateway thread. It never carries
// the Douyin client secret or the Meituan sign key, only where the one in use comes from.
struct SettingsSnapshot
{
    struct Value
    {
        QString value; // effective; empty for the client secret and the sign key
        GatewaySettings::Layer layer = GatewaySettings::Layer::Default;
    };

    enum class SecretSource {
        None,
        Sealed, // encrypted in the database: what the settings page saves
        File, // in clear in the settings file, written by hand or by an older version
        Environment, // DYGW_DOUYIN_CLIENT_SECRET / DYGW_MEITUAN_SIGN_KEY (or an option)
        Unreadable, // sealed, but the master key does not open it
    };

    QString configFile;
    QHash<Setting, Value> values;
    SecretSource clientSecret = SecretSource::None; // Douyin's
    SecretSource meituanSignKey = SecretSource::None;
    QVariantMap uiPreferences; // GatewaySettings::uiPreferences()

    bool started = false; // false: the engine has not started (yet); ask again later
    bool demo = false;
    // Where the running gateway's master key lives (MasterKeyStore); Memory before start.
    SecretBox::Storage masterKey = SecretBox::Storage::Memory;
    std::optional<HostPort> api; // where the LAN API listens now
    bool adminTokenFromEnvironment = false; // DYGW_ADMIN_TOKEN: cannot be changed here
    bool hasUnshownAdminToken = false; // generated at this start and not shown yet
    // Settings were saved that the running engine only reads when it starts.
    bool restartNeeded = false;
};
