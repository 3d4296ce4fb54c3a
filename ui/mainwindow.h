#pragma once

#include <QMainWindow>

#include "core/runtime/gatewaystatus.h"

class GatewayProxy;
class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;
class ReconciliationBadge;
class ReconciliationPage;
class VerifyPage;

// The cashier's window: verify, records, summary, reconciliation, verifier apps and settings as
// tabs (reconciliation's with yesterday's count of differences), and a status bar with the LAN API address, the Douyin token, the background backlog and a DEMO
// badge in demo mode.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(GatewayProxy *gateway, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    VerifyPage *verifyPage() const { return m_verifyPage; }
    ReconciliationPage *reconciliationPage() const { return m_reconciliationPage; }
    ReconciliationBadge *reconciliationBadge() const { return m_reconciliationBadge; }

public slots:
    void showStatus(const GatewayStatus &status);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void refreshStatus();
    void showAbout();
    void updateReconciliationTab();

    GatewayProxy *m_gateway;
    QTabWidget *m_tabs;
    VerifyPage *m_verifyPage;
    ReconciliationPage *m_reconciliationPage;
    ReconciliationBadge *m_reconciliationBadge;
    QLabel *m_demoBadge;
    QLabel *m_apiLabel;
    QLabel *m_tokenLabel;
    QLabel *m_backlogLabel;
    QTimer *m_statusTimer;
    QMenu *m_helpMenu = nullptr;
    QAction *m_aboutAction = nullptr;
    GatewayStatus m_status;
};
