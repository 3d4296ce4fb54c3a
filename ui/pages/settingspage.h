#pragma once

#include <optional>

#include <QWidget>

#include "core/douyin/connectionprobe.h"
#include "core/result.h"
#include "core/runtime/settingssnapshot.h"

class EngineProxy;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

// 设置: the Douyin account (the secret is sealed by the engine and never shown again), a
// connection test, the LAN API switch and address, the admin token, language and sounds.
// What the engine reads only at start is saved for the next start and the page says so;
// language and sounds apply at once. Values set by environment or command line are shown,
// locked, with the variable or option that sets them.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    // ui/ preferences this page owns, read by whoever plays the sounds.
    static constexpr auto SOUND_VOLUME_KEY = "sound_volume"; // 0..100
    static constexpr auto SOUND_MUTED_KEY = "sound_muted"; // bool
    static constexpr int DEFAULT_SOUND_VOLUME = 80;

    explicit SettingsPage(EngineProxy *engine, QWidget *parent = nullptr);

    bool hasUnsavedChanges() const;

public slots:
    // Reads the settings again; edits not saved yet are kept unless `discardEdits`.
    void reload(bool discardEdits = false);
    void save();
    void testConnection();
    void showNewAdminToken();
    void startRegenerateAdminToken();

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
    struct Row
    {
        QLabel *caption = nullptr;
        QLabel *note = nullptr; // why it is locked, or a hint
    };

    void buildUi();
    void retranslateUi();
    void showSnapshot(const SettingsSnapshot &snapshot);
    void updateLocks();
    void updateState();
    void showTestOutcome(const ConnectionProbe::Outcome &outcome);
    void updateAccountNote();
    static QString accountIdMissingText();
    void showTestMessage(const QString &text, bool ok);
    QString describeDouyinError(const DouyinError &error) const;
    QString overrideNote(Setting setting) const;
    QString secretNote() const;
    QString listenText() const; // the address the fields describe
    QString selectedLanguage() const;
    void applyLanguage();
    void scheduleSoundSave();
    void saveSound();
    void regenerateAdminToken();
    void showToken(const QString &heading, const QString &token);
    void showMessage(const QString &text, bool isError);
    void fillHostCombo(const QString &host);
    QString value(Setting setting) const;
    bool isLocked(Setting setting) const;

    EngineProxy *m_engine;
    SettingsSnapshot m_snapshot;
    bool m_loaded = false;
    bool m_saving = false;
    bool m_testing = false;
    // Kept so the result can be worded again after a language switch.
    std::optional<ConnectionProbe::Outcome> m_lastOutcome;

    QLabel *m_heading = nullptr;
    QLabel *m_demoBanner = nullptr;
    QLabel *m_restartBanner = nullptr;
    QLabel *m_message = nullptr;

    QGroupBox *m_douyinGroup = nullptr;
    QLabel *m_douyinIntro = nullptr;
    Row m_keyRow;
    QLineEdit *m_clientKey = nullptr;
    Row m_secretRow;
    QLineEdit *m_clientSecret = nullptr;
    Row m_accountRow;
    QLineEdit *m_accountId = nullptr;
    Row m_baseUrlRow;
    QLineEdit *m_baseUrl = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_douyinRestartHint = nullptr;

    QGroupBox *m_lanGroup = nullptr;
    QCheckBox *m_apiEnabled = nullptr;
    QLabel *m_apiEnabledNote = nullptr;
    Row m_hostRow;
    QComboBox *m_host = nullptr;
    Row m_portRow;
    QSpinBox *m_port = nullptr;
    QLabel *m_apiState = nullptr;
    QLabel *m_lanRestartHint = nullptr;
    QLabel *m_adminHeading = nullptr;
    QLabel *m_adminIntro = nullptr;
    QLabel *m_adminNote = nullptr;
    QPushButton *m_showTokenButton = nullptr;
    QPushButton *m_regenerateButton = nullptr;

    QGroupBox *m_languageGroup = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;

    QGroupBox *m_soundGroup = nullptr;
    QLabel *m_volumeCaption = nullptr;
    QSlider *m_volume = nullptr;
    QLabel *m_volumeValue = nullptr;
    QCheckBox *m_mute = nullptr;
    QLabel *m_soundHint = nullptr;
    QTimer *m_soundTimer = nullptr;

    QPushButton *m_undoButton = nullptr;
    QPushButton *m_saveButton = nullptr;
};
