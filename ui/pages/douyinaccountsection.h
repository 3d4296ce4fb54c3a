#pragma once

#include <optional>

#include <QGroupBox>

#include "core/douyin/connectionprobe.h"
#include "core/runtime/settingssnapshot.h"
#include "core/runtime/settingsupdate.h"
#include "ui/pages/settingsrow.h"

class GatewayProxy;
class QLabel;
class QLineEdit;
class QPushButton;

// The Douyin account part of the settings page: client key, secret (sealed by the gateway and
// never shown again), account id and server, with a connection test of what is typed.
// The page owns the snapshot and the saving; this shows it and reports edits.
class DouyinAccountSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DouyinAccountSection)

public:
    explicit DouyinAccountSection(GatewayProxy *gateway, QWidget *parent = nullptr);

    // Fills the fields; edits are not reported.
    void showSnapshot(const SettingsSnapshot &snapshot);
    void updateLocks(const SettingsSnapshot &snapshot);
    bool hasUnsavedChanges(const SettingsSnapshot &snapshot) const;
    // False, with the server field focused, if the address typed could never be saved.
    bool hasValidBaseUrl(const SettingsSnapshot &snapshot);
    void addChanges(const SettingsSnapshot &snapshot, SettingsUpdate &update) const;
    // Once saved or undone, the secret exists only sealed in the database.
    void clearSecret();
    void retranslateUi();

    void testConnection();

signals:
    void edited();
    void connectionTested(bool ok);

private:
    void buildUi();
    void updateTestButton();
    void updateAccountNote();
    // Where the master key that seals the saved secrets lives (MasterKeyStore).
    void updateKeyStorageText();
    void showTestOutcome(const ConnectionProbe::Outcome &outcome);
    void showTestMessage(const QString &text, bool ok);
    static QString accountIdMissingText();

    GatewayProxy *m_gateway;
    bool m_loaded = false;
    bool m_testing = false;
    SettingsSnapshot::SecretSource m_secretSource = SettingsSnapshot::SecretSource::None;
    SecretBox::Storage m_keyStorage = SecretBox::Storage::Memory; // Memory: not started yet
    // Kept so the result can be worded again after a language switch.
    std::optional<ConnectionProbe::Outcome> m_lastOutcome;

    QLabel *m_intro = nullptr;
    SettingsRow m_keyRow;
    QLineEdit *m_clientKey = nullptr;
    SettingsRow m_secretRow;
    QLineEdit *m_clientSecret = nullptr;
    SettingsRow m_accountRow;
    QLineEdit *m_accountId = nullptr;
    SettingsRow m_baseUrlRow;
    QLineEdit *m_baseUrl = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_restartHint = nullptr;
    QLabel *m_keyStorageLabel = nullptr;
};
