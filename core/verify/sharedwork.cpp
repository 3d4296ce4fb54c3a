#include "core/verify/sharedwork.h"

#include "core/logging/categories.h"
#include "core/store/verificationrepository.h"
#include "core/store/workclaims.h"

bool SharedWork::takeBatch(const QString &batchId, qint64 nowMs)
{
    if (!isShared())
        return true;
    const auto claimed =
            m_repository->claims()->claim(QString::fromLatin1(WorkClaims::RESOLUTION), batchId,
                                          m_repository->gatewayName(), nowMs, m_leaseMs);
    if (!claimed.ok()) {
        qCWarning(lcVerify) << "cannot claim batch" << batchId << claimed.error().message;
        return false;
    }
    return claimed.value();
}

void SharedWork::releaseBatch(const QString &batchId)
{
    if (!isShared())
        return;
    const auto released = m_repository->claims()->release(
            QString::fromLatin1(WorkClaims::RESOLUTION), batchId, m_repository->gatewayName());
    // An unreleased claim only runs out a lease later.
    if (!released.ok())
        qCWarning(lcVerify) << "cannot release batch" << batchId << released.error().message;
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
