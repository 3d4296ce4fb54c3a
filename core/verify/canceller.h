#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QPointer>

#include "core/platform/platformtypes.h"
#include "core/verify/cancelcommand.h"
#include "core/verify/canceloutcome.h"

class CancelResolver;
class PlatformRegistry;
class VerificationRepository;

// The first attempt of a cancel (撤销核销). Checks locally what it can (the record exists, is
// this app's, is a standing success inside its platform's window), stores the cancel as
// pending with a fresh cancel token BEFORE the call (a conditional write: one open cancel per
// record, whichever process asks), then asks the platform once. A lost answer leaves the
// cancel unknown for CancelResolver. Concurrent cancels of one record wait for the first and
// share its outcome.
class Canceller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Canceller)

public:
    using Callback = std::function<void(const CancelOutcome &)>;

    Canceller(VerificationRepository *repository, const PlatformRegistry *platforms,
              CancelResolver *resolver, QObject *parent = nullptr);

    void cancel(const CancelCommand &command, QObject *context, Callback callback);

signals:
    void recordsChanged(const QList<VerificationRecord> &records);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };

    // The outcome decided without the platform, or nullopt when the call may go ahead.
    std::optional<CancelOutcome> refusal(const CancelCommand &command,
                                         const VerificationRecord &record) const;
    void start(const CancelCommand &command, const VerificationRecord &record);
    void answered(const VerificationRecord &record,
                  const Result<CancelAnswer, PlatformError> &answer);
    void finish(qint64 id, const CancelOutcome &outcome);

    VerificationRepository *m_repository;
    const PlatformRegistry *m_platforms;
    CancelResolver *m_resolver;
    QHash<qint64, QList<Waiter>> m_inFlight; // by record id
};
