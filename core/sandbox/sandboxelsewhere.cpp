#include "core/sandbox/sandboxelsewhere.h"

#include "core/douyin/douyinapi.h"

namespace {

Error orderNotFound(const QString &orderId)
{
    return makeError(ErrorCode::NotFound, QStringLiteral("no such order: %1").arg(orderId));
}

} // namespace

Result<SandboxElsewhere::Verified> SandboxElsewhere::verify(const QString &orderId, qint64 count)
{
    const SandboxOrderBook::Order *order = m_book.order(orderId);
    if (!order)
        return orderNotFound(orderId);
    if (count < 1 || count > DouyinApi::MAX_CODES_PER_VERIFY)
        return makeError(
                ErrorCode::BadInput,
                QStringLiteral("count: must be 1 to %1").arg(DouyinApi::MAX_CODES_PER_VERIFY));
    QStringList usable;
    for (const QString &id : order->certificateIds) {
        if (m_book.isUsable(*m_book.certificate(id)))
            usable.append(id);
    }
    if (count > usable.size())
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("count: order %1 has %2 usable certificate(s), not %3")
                                 .arg(orderId)
                                 .arg(usable.size())
                                 .arg(count));
    Verified verified;
    verified.verifyTime = m_book.now();
    const QString poiId = order->poiId;
    for (const QString &id : usable.first(count)) {
        SandboxOrderBook::Verification record;
        record.verifyId = m_book.newVerifyId(m_ids);
        record.certificateId = id;
        record.poiId = poiId;
        record.verifyTime = verified.verifyTime;
        m_book.addVerifyRecord(record);
        verified.verifyIds.append(record.verifyId);
        verified.certificateIds.append(id);
    }
    return verified;
}

Result<SandboxElsewhere::Cancelled> SandboxElsewhere::cancel(const QString &orderId,
                                                             const QString &certificateId)
{
    const SandboxOrderBook::Order *order = m_book.order(orderId);
    if (!order)
        return orderNotFound(orderId);
    if (!order->certificateIds.contains(certificateId))
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("certificate_id: %1 is not a certificate of order %2")
                                 .arg(certificateId, orderId));
    const SandboxOrderBook::Verification *active =
            m_book.activeRecord(*m_book.certificate(certificateId));
    if (!active)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("certificate_id: %1 has no verification in force")
                                 .arg(certificateId));
    if (!m_book.canCancel(*active))
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("certificate_id: %1 was verified %2 s ago, past the "
                                        "%3 s cancel window")
                                 .arg(certificateId)
                                 .arg(m_book.now() - active->verifyTime)
                                 .arg(DouyinApi::CANCEL_WINDOW_SECONDS));
    const QString verifyId = active->verifyId;
    m_book.cancelVerifyRecord(certificateId, verifyId);
    return Cancelled{verifyId, m_book.now()};
}
