#pragma once

#include <QDialog>

#include "core/store/verificationrecord.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Asks before a 撤销核销: names what is cancelled (product and amount of each coupon) and how
// long it can still be cancelled, and, in the records page, takes an optional reason. Keeping
// the verification is the default button, so a stray Enter cancels nothing.
class CancelDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelDialog)

public:
    // nowMs: the time the "time left" is counted from (Unix ms).
    CancelDialog(const QList<VerificationRecord> &records, bool askReason, qint64 nowMs,
                 QWidget *parent = nullptr);

    QString question() const;
    QString details() const;
    QLineEdit *reasonField() const { return m_reason; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *keepButton() const { return m_keep; }

signals:
    // The cashier confirmed; reason is trimmed, possibly empty.
    void confirmed(const QString &reason);

private:
    QLabel *m_question;
    QLabel *m_details;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QDialogButtonBox *m_buttons;
    QPushButton *m_confirm;
    QPushButton *m_keep;
};
