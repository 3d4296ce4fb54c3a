#pragma once

#include <QMainWindow>

#include "core/runtime/gatewaystatus.h"

class GatewayProxy;
class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;
class VerifyPage;

// The cashier's window: verify, records, summary, verifier apps and settings as tabs, and a
// status bar with the LAN API address, the Douyin token, the background backlog and a DEMO
// badge in demo mode.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(GatewayProxy *gateway, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    VerifyPage *verifyPage() const { return m_verifyPage; }

public slots:
    void showStatus(const GatewayStatus &status);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void refreshStatus();
    void showAbout();

    GatewayProxy *m_gateway;
    QTabWidget *m_tabs;
    VerifyPage *m_verifyPage;
    QLabel *m_demoBadge;
    QLabel *m_apiLabel;
    QLabel *m_tokenLabel;
    QLabel *m_backlogLabel;
    QTimer *m_statusTimer;
    QMenu *m_helpMenu = nullptr;
    QAction *m_aboutAction = nullptr;
    GatewayStatus m_status;
};
