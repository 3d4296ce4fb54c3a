#include "core/verify/idempotencykeys.h"

#include <QDateTime>

#include "core/logging/categories.h"
#include "core/store/verificationrepository.h"
#include "core/verify/recordwriter.h"
#include "core/verify/verifyoutcomes.h"

namespace {

using Kind = VerifyOutcome::Kind;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

IdempotencyKeys::IdempotencyKeys(VerificationRepository *repository, RecordWriter *writer)
    : m_repository(repository),
      m_writer(writer)
{
}

qint64 IdempotencyKeys::oldestKept() const
{
    return nowMs() - qint64(m_ttlHours) * 3600 * 1000;
}

std::optional<VerifyOutcome> IdempotencyKeys::find(const VerifyCommand &command) const
{
    const auto found = m_repository->findIdempotency(command.appId, command.idempotencyKey);
    if (!found.ok() || !found.value())
        return std::nullopt;
    const IdempotencyEntry &stored = *found.value();
    if (stored.createdAt < oldestKept())
        return std::nullopt;
    if (stored.fingerprint != QString::fromLatin1(command.fingerprint.toHex()))
        return VerifyOutcomes::failure(
                Kind::Conflict, ErrorCode::Conflict,
                QStringLiteral("Idempotency-Key was used with a different request"));
    return VerifyOutcomes::decode(stored.responseBody, *m_repository);
}

void IdempotencyKeys::store(const VerifyCommand &command, const VerifyOutcome &outcome,
                            const std::function<void()> &then)
{
    if (outcome.kind == Kind::Cooldown || outcome.kind == Kind::Unavailable
        || outcome.kind == Kind::StorageFailed || outcome.kind == Kind::Conflict
        || outcome.kind == Kind::NotConfigured || outcome.kind == Kind::Ambiguous)
        return then();
    IdempotencyEntry entry;
    entry.fingerprint = QString::fromLatin1(command.fingerprint.toHex());
    entry.httpStatus = int(outcome.kind);
    entry.responseBody = VerifyOutcomes::encode(outcome);
    entry.createdAt = nowMs();
    m_writer->storeIdempotency(command.appId, command.idempotencyKey, entry,
                               [then](const Result<Done> &stored) {
                                   if (!stored.ok())
                                       qCWarning(lcVerify) << "cannot store idempotency key:"
                                                           << stored.error().message;
                                   then();
                               });
}

void IdempotencyKeys::purge()
{
    const auto purged = m_repository->purgeIdempotency(oldestKept());
    if (!purged.ok())
        qCWarning(lcVerify) << "cannot purge idempotency keys:" << purged.error().message;
}
