#include "core/sandbox/sandboxorderbook.h"

namespace {

using Status = DouyinApi::CertificateStatus;

template <typename T>
const T *find(const QHash<QString, T> &hash, const QString &key)
{
    const auto it = hash.constFind(key);
    return it == hash.constEnd() ? nullptr : &*it;
}

} // namespace

DouyinApi::CertificateStatus SandboxOrderBook::status(const Certificate &certificate) const
{
    if (certificate.storedStatus != Status::Usable)
        return certificate.storedStatus;
    return now() >= certificate.expireTime ? Status::Expired : Status::Usable;
}

bool SandboxOrderBook::isUsable(const Certificate &certificate) const
{
    return status(certificate) == Status::Usable;
}

DouyinApi::OrderStatus SandboxOrderBook::orderStatus(const Order &order) const
{
    qsizetype verified = 0;
    qsizetype refunded = 0;
    for (const QString &id : order.certificateIds) {
        const Status current = status(*certificate(id));
        verified += current == Status::Verified;
        refunded += current == Status::Refunded;
    }
    const qsizetype total = order.certificateIds.size();
    if (refunded == total)
        return DouyinApi::OrderStatus::Refunded;
    if (verified == 0)
        return DouyinApi::OrderStatus::Paid;
    if (verified + refunded == total)
        return DouyinApi::OrderStatus::Used;
    return DouyinApi::OrderStatus::PartlyUsed;
}

bool SandboxOrderBook::canCancel(const Verification &record) const
{
    return !record.cancelled && now() - record.verifyTime <= DouyinApi::CANCEL_WINDOW_SECONDS;
}

const SandboxOrderBook::Verification *
SandboxOrderBook::activeRecord(const Certificate &certificate) const
{
    if (certificate.storedStatus != Status::Verified || certificate.verifyRecords.isEmpty())
        return nullptr;
    const Verification &last = certificate.verifyRecords.last();
    return last.cancelled ? nullptr : &last;
}

const SandboxOrderBook::Order *SandboxOrderBook::order(const QString &orderId) const
{
    return find(m_orders, orderId);
}

const SandboxOrderBook::Order *
SandboxOrderBook::orderByEncryptedData(const QString &encryptedData) const
{
    return order(m_orderByEncryptedData.value(encryptedData));
}

const SandboxOrderBook::Order *SandboxOrderBook::orderByShortLink(const QString &linkId) const
{
    return order(m_orderByShortLink.value(linkId));
}

const SandboxOrderBook::Certificate *
SandboxOrderBook::certificate(const QString &certificateId) const
{
    return find(m_certificates, certificateId);
}

const SandboxOrderBook::Certificate *SandboxOrderBook::certificateByCode(const QString &code) const
{
    return certificate(m_certificateByCode.value(code));
}

const SandboxOrderBook::Certificate *
SandboxOrderBook::certificateByEncryptedCode(const QString &encryptedCode) const
{
    return certificate(m_certificateByEncryptedCode.value(encryptedCode));
}

QString SandboxOrderBook::certificateIdByVerifyId(const QString &verifyId) const
{
    return m_certificateByVerifyId.value(verifyId);
}

const SandboxOrderBook::Verification *SandboxOrderBook::verifyRecord(const QString &verifyId) const
{
    const Certificate *owner = certificate(certificateIdByVerifyId(verifyId));
    if (!owner)
        return nullptr;
    for (const Verification &record : owner->verifyRecords) {
        if (record.verifyId == verifyId)
            return &record;
    }
    return nullptr;
}

const SandboxOrderBook::Poi *SandboxOrderBook::poi(const QString &poiId) const
{
    for (const Poi &store : m_pois) {
        if (store.poiId == poiId)
            return &store;
    }
    return nullptr;
}

void SandboxOrderBook::addPoi(const Poi &store)
{
    if (!poi(store.poiId))
        m_pois.append(store);
}

void SandboxOrderBook::addCertificate(const Certificate &certificate)
{
    m_certificateByCode.insert(certificate.code, certificate.certificateId);
    m_certificateByEncryptedCode.insert(certificate.encryptedCode, certificate.certificateId);
    m_certificates.insert(certificate.certificateId, certificate);
}

void SandboxOrderBook::addOrder(const Order &order)
{
    m_orderByShortLink.insert(order.shortLinkId, order.orderId);
    m_orderByEncryptedData.insert(order.encryptedData, order.orderId);
    m_orderIds.append(order.orderId);
    m_orders.insert(order.orderId, order);
}

QList<const SandboxOrderBook::Verification *> SandboxOrderBook::verifications() const
{
    QList<const Verification *> all;
    all.reserve(m_verifyLog.size());
    for (qint64 sequence = 1; sequence <= m_verifyLog.size(); ++sequence)
        all.append(verificationAt(sequence));
    return all;
}

const SandboxOrderBook::Verification *SandboxOrderBook::verificationAt(qint64 sequence) const
{
    if (sequence < 1 || sequence > m_verifyLog.size())
        return nullptr;
    const auto &[certificateId, index] = m_verifyLog.at(sequence - 1);
    return &certificate(certificateId)->verifyRecords.at(index);
}

QString SandboxOrderBook::newVerifyId(SandboxIdGenerator &ids) const
{
    return SandboxIdGenerator::unique(
            [&ids] { return ids.digits(QStringLiteral("7"), 19); },
            [this](const QString &id) { return !certificateIdByVerifyId(id).isEmpty(); });
}

void SandboxOrderBook::addVerifyRecord(const Verification &record)
{
    Certificate &certificate = m_certificates[record.certificateId];
    m_verifyLog.append({record.certificateId, certificate.verifyRecords.size()});
    certificate.verifyRecords.append(record);
    certificate.verifyRecords.last().sequence = m_verifyLog.size();
    certificate.storedStatus = Status::Verified;
    m_certificateByVerifyId.insert(record.verifyId, record.certificateId);
    touch(certificate.orderId, record.verifyTime);
}

void SandboxOrderBook::cancelVerifyRecord(const QString &certificateId, const QString &verifyId)
{
    const qint64 t = now();
    Certificate &certificate = m_certificates[certificateId];
    for (Verification &record : certificate.verifyRecords) {
        if (record.verifyId != verifyId)
            continue;
        record.cancelled = true;
        record.cancelTime = t;
        certificate.storedStatus = Status::Usable;
        touch(certificate.orderId, t);
        return;
    }
}

Result<Done> SandboxOrderBook::refund(const QString &orderId, const QStringList &certificateIds)
{
    const Order *found = order(orderId);
    if (!found)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order: %1").arg(orderId));
    QStringList targets = certificateIds;
    if (targets.isEmpty()) {
        for (const QString &id : found->certificateIds) {
            const Status current = status(*certificate(id));
            if (current != Status::Verified && current != Status::Refunded)
                targets.append(id);
        }
    }
    for (const QString &id : std::as_const(targets)) {
        if (!found->certificateIds.contains(id))
            return makeError(ErrorCode::BadInput,
                             QStringLiteral("certificate_ids: %1 is not a certificate of order %2")
                                     .arg(id, orderId));
        if (status(*certificate(id)) == Status::Verified)
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("certificate_ids: %1 is verified; cancel the "
                                            "verification before refunding")
                                     .arg(id));
    }
    for (const QString &id : std::as_const(targets))
        m_certificates[id].storedStatus = Status::Refunded;
    if (!targets.isEmpty())
        touch(orderId, now());
    return Done{};
}

void SandboxOrderBook::touch(const QString &orderId, qint64 time)
{
    m_orders[orderId].updateTime = time;
}
