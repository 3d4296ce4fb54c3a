#pragma once

#include <QFrame>

#include "core/store/verificationrecord.h"

class QLabel;

// The big, unmistakable answer after a scan: green for verified, red for refused, amber while
// an outcome is being checked. Readable from a step away from the till.
class ResultPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultPanel)

public:
    enum class State { Idle, Working, Success, Failure, Checking };

    explicit ResultPanel(QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString title() const;
    QString detail() const;

    void showIdle();
    void showWorking(const QString &what);
    // A calm hint in the idle colours, e.g. what to press next.
    void showHint(const QString &title, const QString &detail);
    void showSuccess(const QList<VerificationRecord> &records);
    void showFailure(const QString &reason);
    void showChecking(const QList<VerificationRecord> &records);

protected:
    void changeEvent(QEvent *event) override;

private:
    void apply(State state, const QString &title, const QString &detail);
    void retranslateUi();

    State m_state = State::Idle;
    QLabel *m_title;
    QLabel *m_detail;
    QList<VerificationRecord> m_records;
    QString m_reason;
};
