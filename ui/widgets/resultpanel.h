#pragma once

#include <QFrame>

#include <optional>

#include "core/store/verificationrecord.h"
#include "core/verify/canceloutcome.h"

class PlatformBadge;
class QLabel;

// The big, unmistakable answer after a scan: green for verified, red for refused, amber while
// an outcome is being checked; a cancel (撤销) has its own colour when it went through.
// Readable from a step away from the till. A badge above says which platform (抖音 / 美团).
class ResultPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultPanel)

public:
    enum class State { Idle, Working, Success, Failure, Checking, Cancelled };

    explicit ResultPanel(QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString title() const;
    QString detail() const;

    void showIdle();
    void showWorking(const QString &what);
    // A calm hint in the idle colours, e.g. what to press next.
    void showHint(const QString &title, const QString &detail);
    void showSuccess(const QList<VerificationRecord> &records);
    // platform: whose refusal it is, when one platform answered.
    void showFailure(const QString &reason, std::optional<PlatformId> platform = std::nullopt);
    // The platform badge shown now (nullopt: none).
    std::optional<PlatformId> platform() const;
    void showChecking(const QList<VerificationRecord> &records);
    // How a cancel ended: Cancelled in its own colour, a lost answer amber, anything else red
    // with the plain reason. cancelled: the records the cancel took back (a batch is cancelled
    // one by one, so a refusal may come after some went through).
    void showCancelOutcome(const CancelOutcome &outcome,
                           const QList<VerificationRecord> &cancelled);

protected:
    void changeEvent(QEvent *event) override;

private:
    void apply(State state, const QString &title, const QString &detail,
               std::optional<PlatformId> platform = std::nullopt);
    void retranslateUi();

    State m_state = State::Idle;
    PlatformBadge *m_badge;
    QLabel *m_title;
    QLabel *m_detail;
    QList<VerificationRecord> m_records;
    QString m_reason;
    std::optional<CancelOutcome> m_cancelOutcome; // set while a cancel's outcome is shown
};
