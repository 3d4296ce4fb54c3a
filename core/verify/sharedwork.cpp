#include "core/verify/sharedwork.h"

#include "core/logging/categories.h"
#include "core/store/verificationrepository.h"
#include "core/store/workclaims.h"

bool SharedWork::take(const char *kind, const QString &item, qint64 nowMs)
{
    if (!isShared())
        return true;
    const auto claimed = m_repository->claims()->claim(
            QString::fromLatin1(kind), item, m_repository->gatewayName(), nowMs, m_leaseMs);
    if (!claimed.ok()) {
        qCWarning(lcVerify) << "cannot claim" << kind << item << claimed.error().message;
        return false;
    }
    return claimed.value();
}

void SharedWork::release(const char *kind, const QString &item)
{
    if (!isShared())
        return;
    const auto released = m_repository->claims()->release(QString::fromLatin1(kind), item,
                                                          m_repository->gatewayName());
    // An unreleased claim only runs out a lease later.
    if (!released.ok())
        qCWarning(lcVerify) << "cannot release" << kind << item << released.error().message;
}

bool SharedWork::isCancelInFlight(const VerificationRecord &record, qint64 nowMs) const
{
    return isShared() && record.cancel.status == VerificationRecord::Cancel::Status::Pending
            && record.updatedAt > nowMs - m_leaseMs;
}

QList<VerificationRecord> SharedWork::abandoned(qint64 nowMs)
{
    if (!isShared())
        return {};
    const auto found = m_repository->findAbandoned(nowMs - m_leaseMs);
    if (!found.ok()) {
        qCWarning(lcVerify) << "cannot look for abandoned verifications:" << found.error().message;
        return {};
    }
    return found.value();
}
