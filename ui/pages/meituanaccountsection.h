#pragma once

#include <QGroupBox>

#include "core/runtime/settingssnapshot.h"
#include "core/runtime/settingsupdate.h"
#include "ui/pages/settingsrow.h"

class GatewayProxy;
class MeituanStoreList;
class QLabel;
class QLineEdit;

// The Meituan / Dianping part of the settings page (MEITUAN.md §1): this product's developer
// id and sign key on Meituan's open platform (the key sealed by the gateway and never shown
// again) and the server, all read at start like the Douyin account; under them each store
// and its binding to a Meituan store (MeituanStoreList). The page owns the snapshot and the
// saving; this shows it and reports edits.
class MeituanAccountSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanAccountSection)

public:
    explicit MeituanAccountSection(GatewayProxy *gateway, QWidget *parent = nullptr);

    // Fills the fields (edits are not reported) and asks for the stores again.
    void showSnapshot(const SettingsSnapshot &snapshot);
    void updateLocks(const SettingsSnapshot &snapshot);
    bool hasUnsavedChanges(const SettingsSnapshot &snapshot) const;
    // False, with the server field focused, if the address typed could never be saved.
    bool hasValidBaseUrl(const SettingsSnapshot &snapshot);
    void addChanges(const SettingsSnapshot &snapshot, SettingsUpdate &update) const;
    // Once saved or undone, the sign key exists only sealed in the database.
    void clearSignKey();
    void retranslateUi();

    MeituanStoreList *stores() const { return m_stores; }

signals:
    void edited();

private:
    void buildUi();

    QLabel *m_intro = nullptr;
    SettingsRow m_developerRow;
    QLineEdit *m_developerId = nullptr;
    SettingsRow m_signKeyRow;
    QLineEdit *m_signKey = nullptr;
    SettingsRow m_baseUrlRow;
    QLineEdit *m_baseUrl = nullptr;
    QLabel *m_restartHint = nullptr;
    MeituanStoreList *m_stores = nullptr;
};
