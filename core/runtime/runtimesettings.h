#pragma once

#include <memory>

#include <QtGlobal>

#include "core/config/gatewaysettings.h"
#include "core/result.h"
#include "core/runtime/settingssnapshot.h"
#include "core/runtime/settingsupdate.h"

class Database;
class SecretBox;
class SecretStore;

// The settings page's side of a gateway, on the gateway thread: what is saved and where each
// secret in use comes from (SettingsSnapshot), and saving what the page changed
// (SettingsUpdate). The secrets typed there, the Douyin client secret and the Meituan sign
// key, are sealed into the real installation's database and never written to the file.
class RuntimeSettings final
{
public:
    // `settings` must outlive this object.
    explicit RuntimeSettings(GatewaySettings *settings);
    ~RuntimeSettings();
    Q_DISABLE_COPY_MOVE(RuntimeSettings)

    // The real installation's open database and master key, once the runtime has them (both
    // must outlive this object). Without them (demo mode, or before start) the secrets are
    // read through a connection of their own to the real data dir.
    void useStorage(Database *database, const SecretBox *box);

    // Environment, then settings file, then the sealed copy; empty when none is readable.
    QString savedSecret(Setting setting);

    // Saved values and secret sources; the runtime adds what only it knows (started, API).
    SettingsSnapshot snapshot();
    Result<Done> apply(const SettingsUpdate &update);

    // Settings were saved that the running gateway reads only at start.
    bool restartNeeded() const { return m_restartNeeded; }

private:
    Result<SecretStore *> secretStore();
    SettingsSnapshot::SecretSource secretSource(Setting setting);
    // An empty value removes the sealed copy.
    Result<Done> seal(Setting setting, const QString &value);

    GatewaySettings *m_settings;
    Database *m_database = nullptr;
    const SecretBox *m_box = nullptr;
    std::unique_ptr<SecretStore> m_secretStore;
    bool m_restartNeeded = false;
};
