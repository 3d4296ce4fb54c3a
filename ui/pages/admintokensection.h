#pragma once

#include <QWidget>

#include "core/runtime/settingssnapshot.h"

class GatewayProxy;
class QLabel;
class QPushButton;

// The admin token part of the settings page: back-office tools send it over the LAN API.
// Only its fingerprint is kept, so a token is shown once, when it is made.
class AdminTokenSection final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTokenSection)

public:
    explicit AdminTokenSection(GatewayProxy *gateway, QWidget *parent = nullptr);

    void updateState(const SettingsSnapshot &snapshot);
    void retranslateUi();

    void showNewAdminToken();
    void startRegenerateAdminToken();

signals:
    void tokenShown();
    void failed(const QString &message);
    // A token was shown, made, or could not be: what the settings say about it may differ now.
    void tokenStateChanged();

private:
    void regenerateAdminToken();
    void showToken(const QString &heading, const QString &token);

    GatewayProxy *m_gateway;
    QLabel *m_heading;
    QLabel *m_intro;
    QLabel *m_note;
    QPushButton *m_showTokenButton;
    QPushButton *m_regenerateButton;
};
