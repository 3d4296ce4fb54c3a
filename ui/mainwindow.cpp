#include "ui/mainwindow.h"

#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>

#include "core/runtime/gatewayproxy.h"
#include "core/version.h"
#include "ui/pages/appspage.h"
#include "ui/pages/reconciliationpage.h"
#include "ui/pages/recordspage.h"
#include "ui/pages/settingspage.h"
#include "ui/pages/summarypage.h"
#include "ui/pages/verifypage.h"
#include "ui/reconciliationbadge.h"
#include "ui/style.h"

namespace {

constexpr int STATUS_REFRESH_MS = 3000;

} // namespace

MainWindow::MainWindow(GatewayProxy *gateway, QWidget *parent)
    : QMainWindow(parent),
      m_gateway(gateway),
      m_tabs(new QTabWidget(this)),
      m_verifyPage(new VerifyPage(gateway, this)),
      m_reconciliationPage(new ReconciliationPage(gateway, this)),
      m_reconciliationBadge(new ReconciliationBadge(gateway, this)),
      m_demoBadge(new QLabel(this)),
      m_apiLabel(new QLabel(this)),
      m_tokenLabel(new QLabel(this)),
      m_backlogLabel(new QLabel(this)),
      m_statusTimer(new QTimer(this))
{
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_verifyPage, QString());
    m_tabs->addTab(new RecordsPage(gateway, this), QString());
    m_tabs->addTab(new SummaryPage(gateway, this), QString());
    m_tabs->addTab(m_reconciliationPage, QString());
    m_tabs->addTab(new AppsPage(gateway, this), QString());
    m_tabs->addTab(new SettingsPage(gateway, this), QString());
    QFont tabFont = m_tabs->tabBar()->font();
    tabFont.setPointSizeF(tabFont.pointSizeF() * 1.25);
    m_tabs->tabBar()->setFont(tabFont);
    setCentralWidget(m_tabs);

    m_demoBadge->setStyleSheet(Style::demoBadge());
    m_demoBadge->hide();
    statusBar()->addWidget(m_demoBadge);
    statusBar()->addWidget(m_apiLabel);
    statusBar()->addPermanentWidget(m_backlogLabel);
    statusBar()->addPermanentWidget(m_tokenLabel);

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);

    connect(m_reconciliationBadge, &ReconciliationBadge::countChanged, this,
            &MainWindow::updateReconciliationTab);
    m_reconciliationBadge->start();

    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_statusTimer->start(STATUS_REFRESH_MS);
    refreshStatus();
    retranslateUi();
    resize(1200, 800);
}

void MainWindow::refreshStatus()
{
    m_gateway->status(this, [this](const GatewayStatus &status) { showStatus(status); });
}

void MainWindow::showStatus(const GatewayStatus &status)
{
    if (status.demo != m_status.demo || status.started != m_status.started)
        m_verifyPage->setDemoMode(status.demo);
    m_status = status;
    m_demoBadge->setVisible(status.demo);
    if (status.api)
        m_apiLabel->setText(tr("LAN API: %1").arg(status.api->toUrl()));
    else
        m_apiLabel->setText(tr("LAN API: off"));
    if (!status.douyinConfigured)
        m_tokenLabel->setText(tr("Douyin: not configured"));
    else if (status.tokenValidUntil <= QDateTime::currentSecsSinceEpoch())
        m_tokenLabel->setText(tr("Douyin token: none yet"));
    else
        m_tokenLabel->setText(tr("Douyin token valid until %1")
                                      .arg(QDateTime::fromSecsSinceEpoch(status.tokenValidUntil)
                                                   .toString(QStringLiteral("HH:mm"))));
    //: Background work: verifications being checked, records being completed
    m_backlogLabel->setText(tr("Checking: %1 · Completing: %2")
                                    .arg(status.resolutionBacklog)
                                    .arg(status.enrichmentBacklog));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About dy-gateway"),
                       tr("<h3>dy-gateway %1</h3><p>Verifies Douyin group-buying coupons at the "
                          "till, and lets other devices in the store verify through this "
                          "computer.</p><p>Qt %2</p>")
                               .arg(QStringLiteral(DYGW_VERSION), QString::fromLatin1(qVersion())));
}

// The tab says how many differences yesterday has, in red, so a manager sees there is
// something to close before opening the page.
void MainWindow::updateReconciliationTab()
{
    const int index = m_tabs->indexOf(m_reconciliationPage);
    const int count = m_reconciliationBadge->count();
    if (count > 0) {
        //: Tab with yesterday's number of reconciliation differences
        m_tabs->setTabText(index, tr("Reconciliation (%1)").arg(count));
        m_tabs->setTabToolTip(
                index, tr("Yesterday has %n difference(s) with the platforms", nullptr, count));
        m_tabs->tabBar()->setTabTextColor(index, Style::colour(Style::Colour::Failure));
    } else {
        //: Tab: 对账, this till's records against the platforms'
        m_tabs->setTabText(index, tr("Reconciliation"));
        m_tabs->setTabToolTip(index, QString());
        m_tabs->tabBar()->setTabTextColor(index, QColor());
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("dy-gateway — Douyin coupon verification"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About dy-gateway"));
    m_tabs->setTabText(0, tr("Verify"));
    m_tabs->setTabText(1, tr("Records"));
    m_tabs->setTabText(2, tr("Summary"));
    m_tabs->setTabText(4, tr("Verifier apps"));
    m_tabs->setTabText(5, tr("Settings"));
    updateReconciliationTab();
    //: Badge in the status bar while the app runs against the built-in Douyin simulator
    m_demoBadge->setText(tr("DEMO"));
    m_demoBadge->setToolTip(tr("Demo mode: coupons are verified against the built-in Douyin "
                               "simulator, never against Douyin."));
    showStatus(m_status);
}
