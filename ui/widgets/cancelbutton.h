#pragma once

#include <functional>

#include <QPointer>
#include <QPushButton>
#include <QSet>

#include "core/verify/cancelcommand.h"
#include "core/verify/canceloutcome.h"
#include "ui/widgets/canceldialog.h"

class GatewayProxy;
class QTimer;

// The 撤销 button for one verification (a batch of records, or one record), with the time left
// on it: "Cancel (58 minutes left)". It shows only while the verification can be cancelled and
// hides itself when the window closes or the cancel went through. Pressing it asks first
// (CancelDialog), then cancels through the gateway; the host shows the answer.
class CancelButton final : public QPushButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelButton)

public:
    // Short: on the till, right after a verify ("Cancel", no reason asked). Full: in the
    // record detail ("Cancel verification", with an optional reason).
    enum class Kind { Short, Full };

    CancelButton(GatewayProxy *gateway, Kind kind, QWidget *parent = nullptr);

    // The records the button would cancel, all of them (a multi-coupon verify is one
    // verification for the customer). Shows the button if they can be cancelled now.
    void offer(const QList<VerificationRecord> &records);
    // Hides the button and forgets the records (the next scan).
    void withdraw();
    // Who asks, read when the cancel is sent: the cashier's name (by default the one the till
    // saved last).
    void setRequestedBy(std::function<QString()> requestedBy);

    bool isBusy() const { return !m_queue.isEmpty(); }
    const QList<VerificationRecord> &records() const { return m_records; }
    // The open confirmation, for tests and screenshots.
    CancelDialog *dialog() const { return m_dialog; }

signals:
    void cancelStarted();
    // The cancel ended (or a lost answer was resolved later). cancelled: the records it took
    // back; outcome: the last answer.
    void answered(const CancelOutcome &outcome, const QList<VerificationRecord> &cancelled);

protected:
    void changeEvent(QEvent *event) override;

private:
    void confirm();
    void start(const QString &reason);
    void sendNext();
    void finish(const CancelOutcome &outcome);
    void onRecordsChanged(const QList<VerificationRecord> &records);
    void refresh();

    GatewayProxy *m_gateway;
    Kind m_kind;
    QTimer *m_tick;
    std::function<QString()> m_requestedBy;
    QList<VerificationRecord> m_records;
    QList<qint64> m_queue; // ids still to cancel, in order; empty when idle
    QList<VerificationRecord> m_cancelled; // of the cancel under way
    CancelCommand m_command; // reason and who, the same for every record of the batch
    QSet<qint64> m_checking; // cancels whose answer was lost, followed until resolved
    QPointer<CancelDialog> m_dialog;
};
