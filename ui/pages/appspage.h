#pragma once

#include <QWidget>

#include "core/result.h"
#include "core/store/verifierapp.h"

class AppDetailsPanel;
class GatewayProxy;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class VerifierAppTableModel;

// 应用: the verifier apps other store devices sign their requests with. The manager creates
// them (the secret is shown once), sees when each was last used, lets one read the Douyin
// token, and disables or enables them. Every change goes through the gateway and the list
// shows what the gateway answered.
class AppsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppsPage)

public:
    explicit AppsPage(GatewayProxy *gateway, QWidget *parent = nullptr);

    VerifierAppTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

public slots:
    void refresh();
    // Opens the dialog that asks for a name; the app is created when it is accepted.
    void startCreateApp();
    void createApp(const QString &name, bool allowTokenRead);

signals:
    void appsLoaded();
    void appChanged(const VerifierApp &app);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void setUpList();
    void retranslateUi();
    void showApps(const Result<QList<VerifierApp>> &apps);
    void showChanged(const Result<VerifierApp> &app);
    void showCreated(const QString &clientKey, const QString &clientSecret, const QString &name);
    void showError(const QString &what, const Error &error);
    void showMessage(const QString &text, bool isError);
    void selectApp(qint64 id);
    void updateDetails();
    void setTokenRead(bool allow);
    void toggleStatus();
    void setStatus(qint64 id, VerifierApp::Status status);
    const VerifierApp *selectedApp() const;

    GatewayProxy *m_gateway;
    VerifierAppTableModel *m_model;
    QLabel *m_heading;
    QLabel *m_intro;
    QLabel *m_message;
    QPushButton *m_createButton;
    QPushButton *m_refreshButton;
    QStackedWidget *m_listStack;
    QTableView *m_table;
    QLabel *m_emptyLabel;
    AppDetailsPanel *m_details;
    qint64 m_selectedId = 0;
    bool m_busy = false;
};
