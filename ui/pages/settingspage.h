#pragma once

#include <QWidget>

#include "core/runtime/settingssnapshot.h"

class AdminTokenSection;
class DouyinAccountSection;
class GatewayProxy;
class LanApiSection;
class LanguageSection;
class MeituanAccountSection;
class QLabel;
class QPushButton;
class SlipSection;
class SoundSection;
struct SlipSettings;

// 设置: the Douyin account (the secret is sealed by the gateway and never shown again), a
// connection test, the Meituan / Dianping developer and each store's binding, the LAN API
// switch and address, the admin token, language and sounds.
// What the gateway reads only at start is saved for the next start and the page says so;
// language and sounds apply at once. Values set by environment or command line are shown,
// locked, with the variable or option that sets them. Each part is a section of its own;
// this page holds the snapshot they show and saves what they change.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(GatewayProxy *gateway, QWidget *parent = nullptr);

    bool hasUnsavedChanges() const;

public slots:
    // Reads the settings again; edits not saved yet are kept unless `discardEdits`.
    void reload(bool discardEdits = false);
    void save();

signals:
    void settingsLoaded();
    void settingsSaved();
    void saveFailed(const QString &message);
    void connectionTested(bool ok);
    void soundChanged(int volume, bool muted);
    void languageChanged(const QString &language);
    void adminTokenShown();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    QWidget *buildContent();
    void connectSections();
    void retranslateUi();
    void showSnapshot(const SettingsSnapshot &snapshot);
    void updateLocks();
    void updateState();
    void applyLanguage(const QString &language);
    void saveSound(int volume, bool muted);
    void saveSlipSettings(const SlipSettings &settings);
    void showMessage(const QString &text, bool isError);

    GatewayProxy *m_gateway;
    SettingsSnapshot m_snapshot;
    bool m_loaded = false;
    bool m_saving = false;

    QLabel *m_heading = nullptr;
    QLabel *m_demoBanner = nullptr;
    QLabel *m_restartBanner = nullptr;
    QLabel *m_message = nullptr;
    DouyinAccountSection *m_douyin = nullptr;
    MeituanAccountSection *m_meituan = nullptr;
    LanApiSection *m_lan = nullptr;
    AdminTokenSection *m_adminToken = nullptr;
    LanguageSection *m_language = nullptr;
    SoundSection *m_sound = nullptr;
    SlipSection *m_slips = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_saveButton = nullptr;
};
