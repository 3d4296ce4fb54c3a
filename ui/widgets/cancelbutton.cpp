#include "ui/widgets/cancelbutton.h"

#include <QDateTime>
#include <QEvent>
#include <QTimer>

#include "core/runtime/gatewayproxy.h"
#include "ui/canceltext.h"
#include "ui/style.h"
#include "ui/uipreferences.h"
#include "ui/widgets/canceldialog.h"

namespace {

// The label counts minutes; a tick this often keeps it right and hides the button within
// seconds of the deadline.
constexpr int TICK_MS = 5000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

CancelButton::CancelButton(GatewayProxy *gateway, Kind kind, QWidget *parent)
    : QPushButton(parent),
      m_gateway(gateway),
      m_kind(kind),
      m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("cancelVerificationButton"));
    setStyleSheet(Style::dangerButton());
    setFocusPolicy(Qt::NoFocus); // the till's input keeps the scanner's Enter
    if (kind == Kind::Short) {
        // Hit quickly while the customer is still at the till.
        QFont larger = font();
        larger.setPointSizeF(larger.pointSizeF() * 1.25);
        setFont(larger);
        setMinimumHeight(44);
    }
    m_tick->setInterval(TICK_MS);
    connect(m_tick, &QTimer::timeout, this, &CancelButton::refresh);
    connect(this, &QPushButton::clicked, this, &CancelButton::confirm);
    connect(m_gateway, &GatewayProxy::recordsChanged, this, &CancelButton::onRecordsChanged);
    hide();
}

void CancelButton::setRequestedBy(std::function<QString()> requestedBy)
{
    m_requestedBy = std::move(requestedBy);
}

void CancelButton::offer(const QList<VerificationRecord> &records)
{
    m_records = records;
    refresh();
}

void CancelButton::withdraw()
{
    m_records.clear();
    m_checking.clear();
    if (m_dialog)
        m_dialog->reject();
    refresh();
}

// Shown while every record left can be cancelled: the label counts down to the earliest
// deadline, and a record cancelled elsewhere (the records page, a LAN device) drops out.
void CancelButton::refresh()
{
    const qint64 now = nowMs();
    qint64 deadline = 0;
    bool cancellable = !m_records.isEmpty();
    for (const VerificationRecord &record : std::as_const(m_records)) {
        cancellable = cancellable && CancelText::isCancellable(record, now);
        if (record.cancelDeadline && (deadline == 0 || *record.cancelDeadline < deadline))
            deadline = *record.cancelDeadline;
    }
    const bool visible = cancellable || isBusy();
    if (cancellable) {
        const QString left = CancelText::timeLeft(deadline, now);
        setText(m_kind == Kind::Short ? tr("Cancel (%1 left)").arg(left)
                                      : tr("Cancel verification (%1 left)").arg(left));
    }
    setEnabled(!isBusy());
    setVisible(visible);
    if (visible && !m_tick->isActive())
        m_tick->start();
    else if (!visible)
        m_tick->stop();
    if (!cancellable && m_dialog)
        m_dialog->reject(); // too late now: the question no longer holds
}

void CancelButton::confirm()
{
    if (isBusy() || m_dialog || m_records.isEmpty())
        return;
    m_dialog = new CancelDialog(m_records, m_kind == Kind::Full, nowMs(), window());
    connect(m_dialog, &CancelDialog::confirmed, this, &CancelButton::start);
    // Closed is gone for the cashier, even before its deferred delete.
    connect(m_dialog, &QDialog::finished, this, [this] { m_dialog = nullptr; });
    m_dialog->open();
}

void CancelButton::start(const QString &reason)
{
    if (isBusy() || m_records.isEmpty())
        return;
    m_command = {};
    m_command.reason = reason;
    m_command.requestedBy = m_requestedBy
            ? m_requestedBy().trimmed()
            : UiPreferences::value(QStringLiteral("operator")).toString().trimmed();
    m_cancelled.clear();
    for (const VerificationRecord &record : std::as_const(m_records))
        m_queue.append(record.id);
    refresh();
    emit cancelStarted();
    sendNext();
}

// One record at a time: a refusal of the first (too late, say) is the answer for the batch,
// and stops there instead of leaving the customer with half a batch cancelled unasked.
void CancelButton::sendNext()
{
    CancelCommand command = m_command;
    command.recordId = m_queue.first();
    m_gateway->cancel(command, this, [this](const CancelOutcome &outcome) {
        if (outcome.kind == CancelOutcome::Kind::Cancelled) {
            if (outcome.record)
                m_cancelled.append(*outcome.record);
            m_queue.removeFirst();
            if (!m_queue.isEmpty()) {
                sendNext();
                return;
            }
        }
        finish(outcome);
    });
}

void CancelButton::finish(const CancelOutcome &outcome)
{
    if (outcome.kind == CancelOutcome::Kind::Unknown && !m_queue.isEmpty())
        m_checking.insert(m_queue.first());
    m_queue.clear();
    if (outcome.record)
        onRecordsChanged({*outcome.record});
    onRecordsChanged(m_cancelled);
    // Offered again only when nothing reached the platform, so trying again may work; after
    // its refusal (too late, already cancelled) the same press would only be refused again.
    using Kind = CancelOutcome::Kind;
    if (outcome.kind != Kind::Unavailable && outcome.kind != Kind::StorageFailed
        && outcome.kind != Kind::NotConfigured)
        m_records.clear();
    refresh();
    emit answered(outcome, m_cancelled);
}

void CancelButton::onRecordsChanged(const QList<VerificationRecord> &records)
{
    using Status = VerificationRecord::Cancel::Status;
    bool touched = false;
    for (const VerificationRecord &record : records) {
        for (VerificationRecord &shown : m_records) {
            if (shown.id == record.id) {
                shown = record;
                touched = true;
            }
        }
        // A lost answer, resolved in the background: the outcome it turned out to be.
        if (m_checking.contains(record.id) && !record.cancel.isOpen() && record.cancel.status) {
            m_checking.remove(record.id);
            CancelOutcome resolved;
            resolved.record = record;
            resolved.kind = record.cancel.status == Status::Cancelled
                    ? CancelOutcome::Kind::Cancelled
                    : CancelOutcome::Kind::Rejected;
            resolved.error.message = record.cancel.errorDescription;
            emit answered(resolved,
                          resolved.kind == CancelOutcome::Kind::Cancelled
                                  ? QList<VerificationRecord>{record}
                                  : QList<VerificationRecord>{});
        }
    }
    if (touched && !isBusy())
        refresh();
}

void CancelButton::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QPushButton::changeEvent(event);
}
