#include "core/verify/canceller.h"

#include <QPointer>

#include "core/crypto/crypto.h"
#include "core/platform/platformregistry.h"
#include "core/store/verificationrepository.h"
#include "core/verify/cancelanswers.h"
#include "core/verify/cancelresolver.h"

namespace {

using Kind = CancelOutcome::Kind;
using CancelStatus = VerificationRecord::Cancel::Status;

CancelOutcome outcomeOf(Kind kind, const QString &message,
                        std::optional<VerificationRecord> record = std::nullopt)
{
    CancelOutcome outcome;
    outcome.kind = kind;
    outcome.record = std::move(record);
    const ErrorCode code = kind == Kind::NotFound ? ErrorCode::NotFound
            : kind == Kind::BadInput              ? ErrorCode::BadInput
            : kind == Kind::StorageFailed         ? ErrorCode::Storage
                                                  : ErrorCode::Conflict;
    outcome.error = Error{code, message};
    return outcome;
}

// What a record's stored cancel answers to a second request for it.
CancelOutcome outcomeOfStored(const VerificationRecord &record)
{
    switch (record.cancel.status.value_or(CancelStatus::Failed)) {
    case CancelStatus::Cancelled:
        return outcomeOf(Kind::NotCancellable, QStringLiteral("already cancelled"), record);
    case CancelStatus::Pending:
    case CancelStatus::Unknown:
        return outcomeOf(Kind::Unknown,
                         QStringLiteral("a cancel of this verification is in progress; its "
                                        "outcome is being confirmed"),
                         record);
    case CancelStatus::Failed:
        break;
    }
    return outcomeOf(Kind::NotCancellable, QStringLiteral("not a successful verification"), record);
}

} // namespace

Canceller::Canceller(VerificationRepository *repository, const PlatformRegistry *platforms,
                     CancelResolver *resolver, QObject *parent)
    : QObject(parent),
      m_repository(repository),
      m_platforms(platforms),
      m_resolver(resolver)
{
}

void Canceller::cancel(const CancelCommand &command, QObject *context, Callback callback)
{
    const auto reply = [&](const CancelOutcome &outcome) {
        if (context)
            callback(outcome);
    };
    if (command.reason.size() > CancelCommand::MAX_REASON_LENGTH)
        return reply(outcomeOf(Kind::BadInput,
                               QStringLiteral("reason: at most %1 characters")
                                       .arg(CancelCommand::MAX_REASON_LENGTH)));
    const auto loaded = m_repository->get(command.recordId);
    if (!loaded.ok()) {
        const bool missing = loaded.error().code == ErrorCode::NotFound;
        return reply(
                outcomeOf(missing ? Kind::NotFound : Kind::StorageFailed, loaded.error().message));
    }
    if (const auto refused = refusal(command, loaded.value()))
        return reply(*refused);
    const bool running = m_inFlight.contains(command.recordId);
    m_inFlight[command.recordId].append({context, std::move(callback)});
    if (!running)
        start(command, loaded.value());
}

std::optional<CancelOutcome> Canceller::refusal(const CancelCommand &command,
                                                const VerificationRecord &record) const
{
    if (command.onlyAppId && *command.onlyAppId != record.appId)
        return outcomeOf(Kind::NotYours,
                         QStringLiteral("verification %1 was made by another app").arg(record.id));
    if (m_inFlight.contains(record.id))
        return std::nullopt; // joins the running one
    if (record.verifyStatus != VerificationRecord::Status::Success || record.cancel.isOpen()
        || record.cancel.status == CancelStatus::Cancelled)
        return outcomeOfStored(record);
    const CouponPlatform *platform = m_platforms->find(record.platform);
    if (!platform || !platform->isConfigured()) {
        CancelOutcome outcome = outcomeOf(
                Kind::NotConfigured,
                QStringLiteral("%1 is not set up").arg(Platforms::toString(record.platform)),
                record);
        return outcome;
    }
    if (record.cancelDeadline && *record.cancelDeadline < m_resolver->now())
        return outcomeOf(Kind::WindowClosed,
                         QStringLiteral("the cancel window closed at %1")
                                 .arg(QDateTime::fromMSecsSinceEpoch(*record.cancelDeadline)
                                              .toString(Qt::ISODate)),
                         record);
    return std::nullopt;
}

void Canceller::start(const CancelCommand &command, const VerificationRecord &record)
{
    const auto token = Crypto::randomBytes(16);
    VerificationRecord::Cancel pending;
    pending.status = CancelStatus::Pending;
    pending.token = token.ok() ? QString::fromLatin1(token.value().toHex()) : QString();
    pending.reason = command.reason;
    pending.requestedBy = command.requestedBy;
    pending.requestedAt = m_resolver->now();
    const auto claim = m_repository->cancels()->claim(record.id, pending);
    if (!claim.ok())
        return finish(record.id, outcomeOf(Kind::StorageFailed, claim.error().message));
    if (!claim.value().claimed) // another process got there first
        return finish(record.id, outcomeOfStored(claim.value().record));
    const VerificationRecord claimed = claim.value().record;
    emit recordsChanged({claimed});
    CouponPlatform *platform = m_platforms->find(claimed.platform);
    platform->cancel(CancelAnswers::queryFor(claimed), this,
                     [this, claimed](const Result<CancelAnswer, PlatformError> &answer) {
                         answered(claimed, answer);
                     });
}

void Canceller::answered(const VerificationRecord &record,
                         const Result<CancelAnswer, PlatformError> &answer)
{
    VerificationRecord::Cancel next = record.cancel;
    const auto settled = CancelAnswers::settle(record.cancel, answer, m_resolver->now());
    const bool notSent = !answer.ok() && CancelAnswers::wasNotSent(answer.error());
    if (settled) {
        next = *settled;
    } else if (notSent) {
        next.status = CancelStatus::Failed; // nothing reached the platform: try again later
        next.errorDescription = answer.error().message;
    } else {
        next.status = CancelStatus::Unknown;
        next.errorDescription = answer.error().message;
        next.nextResolveAt = m_resolver->nextPassAt(record.platform, 0);
    }
    const auto stored = m_repository->cancels()->store(record.id, next);
    if (!stored.ok()) {
        // The pending cancel stays stored: the resolver settles it after a restart.
        return finish(record.id, outcomeOf(Kind::StorageFailed, stored.error().message));
    }
    emit recordsChanged({stored.value()});
    CancelOutcome outcome;
    outcome.record = stored.value();
    if (!answer.ok())
        outcome.platformError = answer.error();
    // "Already cancelled" to our own first request is a cancel of ours too: Qt resends a POST
    // whose connection closed before any answer, as with 1208 for a verify.
    if (next.status == CancelStatus::Cancelled) {
        outcome.kind = Kind::Cancelled;
    } else if (next.status == CancelStatus::Unknown) {
        m_resolver->track(stored.value());
        outcome.kind = Kind::Unknown;
        outcome.error = Error{ErrorCode::Conflict, answer.error().message};
    } else {
        const PlatformError &error = answer.error();
        outcome.kind = notSent                                  ? Kind::Unavailable
                : error.reason == RejectReason::TooLateToCancel ? Kind::WindowClosed
                                                                : Kind::Rejected;
        outcome.error = Error{ErrorCode::Conflict, error.message};
    }
    finish(record.id, outcome);
}

void Canceller::finish(qint64 id, const CancelOutcome &outcome)
{
    const QList<Waiter> waiters = m_inFlight.take(id);
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.callback(outcome);
    }
}
