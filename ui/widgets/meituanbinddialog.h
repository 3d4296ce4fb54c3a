#pragma once

#include <QDialog>
#include <QUrl>

#include "core/meituan/meituanstatus.h"

class GatewayProxy;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// The second half of binding a store to Meituan (MEITUAN.md §1): Meituan's authorization
// page has been opened in the browser (its address is shown too, for another device), and the
// manager pastes the authorization code Meituan gave back. The gateway exchanges it for the
// store's token pair; the dialog closes on success and shows Meituan's refusal otherwise.
class MeituanBindDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeituanBindDialog)

public:
    // browserOpened: whether the system browser took the address.
    MeituanBindDialog(GatewayProxy *gateway, const QString &poiId, const QString &poiName,
                      const QUrl &authorizationUrl, bool browserOpened, QWidget *parent = nullptr);

    QString poiId() const { return m_poiId; }
    QLineEdit *codeEdit() const { return m_code; }
    QPushButton *bindButton() const { return m_bindButton; }

public slots:
    void bind();

signals:
    void bound(const MeituanStatus::Store &store);
    void bindFailed(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslateUi();
    void updateButtons();
    void showError(const QString &text);
    void fitHeight();

    GatewayProxy *m_gateway;
    QString m_poiId;
    QString m_poiName;
    QUrl m_url;
    bool m_browserOpened = false;
    bool m_binding = false;

    QLabel *m_intro = nullptr;
    QLineEdit *m_address = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLineEdit *m_code = nullptr;
    QLabel *m_codeHint = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_bindButton = nullptr;
};
