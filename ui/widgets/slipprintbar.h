#pragma once

#include <QFrame>

#include "core/slip/verificationslip.h"

class QLabel;
class QPushButton;
class SlipPrinter;

// A thin line under a result that says how the slip (核销凭证) print went: nothing while all
// is well, a red note with 重试 (retry) when the printer failed. Never modal: the till goes
// on verifying while it shows.
class SlipPrintBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlipPrintBar)

public:
    explicit SlipPrintBar(QWidget *parent = nullptr);

    // With the saved settings; Off prints nothing.
    void print(const VerificationSlip &slip);
    // Only when "print automatically" is on.
    void printIfAutomatic(const VerificationSlip &slip);

    SlipPrinter *printer() const { return m_printer; }
    QString message() const;
    QPushButton *retryButton() const { return m_retry; }

signals:
    // Asked from a reprint button while slips are off: the cashier is told where to turn
    // them on.
    void slipsTurnedOff();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showFailure(const QString &message);
    void showPrinted();
    void retranslateUi();

    SlipPrinter *m_printer;
    QLabel *m_message;
    QPushButton *m_retry;
    QPushButton *m_close;
};
