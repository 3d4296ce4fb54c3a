#pragma once

#include <QGroupBox>

#include "core/store/verifierapp.h"

class QCheckBox;
class QLabel;
class QPushButton;

// The selected verifier app beside the apps list: name, key (with a copy button), status,
// when it was made and last used, whether it may read the Douyin token, and the button that
// disables or enables it. It asks for changes; the apps page makes them.
class AppDetailsPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppDetailsPanel)

public:
    explicit AppDetailsPanel(QWidget *parent = nullptr);

    // nullptr: nothing is selected. While `busy` nothing can be changed.
    void showApp(const VerifierApp *app, bool busy);
    // Shows the token access at once, before the gateway has answered.
    void showTokenRead(bool allow);

signals:
    void tokenReadToggled(bool allow);
    void statusToggleRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildLayout();
    void retranslateUi();

    QString m_clientKey;
    QLabel *m_noSelection;
    QWidget *m_body;
    QLabel *m_nameCaption;
    QLabel *m_nameValue;
    QLabel *m_keyCaption;
    QLabel *m_keyValue;
    QPushButton *m_copyKeyButton;
    QLabel *m_statusCaption;
    QLabel *m_statusValue;
    QLabel *m_lastUsedCaption;
    QLabel *m_lastUsedValue;
    QLabel *m_createdCaption;
    QLabel *m_createdValue;
    QCheckBox *m_tokenRead;
    QLabel *m_tokenReadHint;
    QPushButton *m_statusButton;
    QLabel *m_statusHint;
};
