#pragma once

#include <QGroupBox>

#include "core/runtime/settingssnapshot.h"
#include "core/runtime/settingsupdate.h"
#include "ui/pages/settingsrow.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;

// The LAN API part of the settings page: whether other devices may verify through this
// computer, who may connect and on which port, and where the API runs now.
class LanApiSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanApiSection)

public:
    explicit LanApiSection(QWidget *parent = nullptr);

    // Adds a part under the LAN settings, after a line: the admin token guards this service.
    void addPart(QWidget *part);

    // Fills the fields; edits are not reported.
    void showSnapshot(const SettingsSnapshot &snapshot);
    void updateLocks(const SettingsSnapshot &snapshot);
    void updateState(const SettingsSnapshot &snapshot);
    bool hasUnsavedChanges(const SettingsSnapshot &snapshot) const;
    void addChanges(const SettingsSnapshot &snapshot, SettingsUpdate &update) const;
    void retranslateUi();

signals:
    void edited();

private:
    void buildUi();
    void fillHostCombo(const QString &host);
    QString apiEnabledText() const;
    QString listenText() const; // the address the fields describe

    QCheckBox *m_apiEnabled = nullptr;
    QLabel *m_apiEnabledNote = nullptr;
    SettingsRow m_hostRow;
    QComboBox *m_host = nullptr;
    SettingsRow m_portRow;
    QSpinBox *m_port = nullptr;
    QLabel *m_apiState = nullptr;
    QLabel *m_restartHint = nullptr;
    QVBoxLayout *m_layout = nullptr;
};
