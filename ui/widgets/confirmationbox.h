#pragma once

#include <QMessageBox>

// Asks before something that cannot be undone quietly (disabling an app, replacing the admin
// token). Cancelling is the default, the confirming button names the action, and the box is
// wide enough that a short question does not wrap word by word. Deletes itself when closed.
class ConfirmationBox final : public QMessageBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfirmationBox)

public:
    ConfirmationBox(const QString &question, const QString &consequence, const QString &confirmText,
                    const QString &cancelText, QWidget *parent = nullptr);

    QPushButton *confirmButton() const { return m_confirm; }

signals:
    void confirmed();

private:
    QPushButton *m_confirm;
};
