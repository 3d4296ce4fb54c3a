#include "core/sandbox/sandboxledger.h"

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxanswerjson.h"
#include "core/sandbox/sandboxmessages.h"

namespace {

constexpr qint64 WINDOW_MS = 1000;
constexpr qint64 BASIS = 10000;

// Half up to the fen; amounts and rates are never negative.
qint64 fee(qint64 payAmount, int basisPoints)
{
    return (payAmount * basisPoints + BASIS / 2) / BASIS;
}

} // namespace

bool SandboxLedger::admitCall()
{
    const qint64 now = m_config.wallClockMs();
    while (!m_recentCalls.isEmpty() && m_recentCalls.first() <= now - WINDOW_MS)
        m_recentCalls.removeFirst();
    if (m_recentCalls.size() >= DouyinApi::LEDGER_MAX_QPS)
        return false;
    m_recentCalls.append(now);
    return true;
}

SandboxLedger::Fees SandboxLedger::fees(qint64 payAmount, const SandboxConfig &config)
{
    Fees fees;
    fees.payHandling = fee(payAmount, config.payHandlingBasisPoints);
    fees.platformCommission = fee(payAmount, config.platformCommissionBasisPoints);
    fees.talentCommission = fee(payAmount, config.talentCommissionBasisPoints);
    return fees;
}

SandboxAnswer SandboxLedger::query(const Request &request)
{
    if (!request.accountId.isEmpty() && request.accountId != m_config.accountId)
        return SandboxMessages::failure(DouyinApi::MERCHANT_NOT_AUTHORISED);
    const qint64 now = m_book.now();
    QJsonArray records;
    QSet<QString> answered;
    for (const QString &id : request.certificateIds) {
        const SandboxOrderBook::Certificate *certificate = m_book.certificate(id);
        const SandboxOrderBook::Verification *active =
                certificate ? m_book.activeRecord(*certificate) : nullptr;
        if (!active || now - active->verifyTime <= DouyinApi::LEDGER_DELAY_SECONDS
            || answered.contains(id))
            continue;
        answered.insert(id);
        const QList<Share> parts = shares(*certificate);
        const QStringList ids = ledgerIds(active->verifyId, parts.size());
        for (qsizetype i = 0; i < parts.size(); ++i)
            records.append(record(*certificate, *active, parts.at(i), ids.at(i)));
    }
    return SandboxAnswer::success({{QStringLiteral("records"), records}});
}

QList<SandboxLedger::Share>
SandboxLedger::shares(const SandboxOrderBook::Certificate &certificate) const
{
    const Share whole{certificate.originalAmount, certificate.payAmount,
                      fees(certificate.payAmount, m_config)};
    if (!certificate.exchange)
        return {whole};
    // Fees are split, not computed per half, so the halves add up to the whole coupon.
    const auto half = [](qint64 value) {
        return value / 2;
    };
    const Share first{half(whole.originalAmount),
                      half(whole.payAmount),
                      {half(whole.fees.payHandling), half(whole.fees.platformCommission),
                       half(whole.fees.talentCommission)}};
    const Share second{whole.originalAmount - first.originalAmount,
                       whole.payAmount - first.payAmount,
                       {whole.fees.payHandling - first.fees.payHandling,
                        whole.fees.platformCommission - first.fees.platformCommission,
                        whole.fees.talentCommission - first.fees.talentCommission}};
    return {first, second};
}

QJsonObject SandboxLedger::record(const SandboxOrderBook::Certificate &certificate,
                                  const SandboxOrderBook::Verification &verification,
                                  const Share &share, const QString &ledgerId) const
{
    const Fees &f = share.fees;
    const QJsonObject fund{
            {QStringLiteral("goods"), share.payAmount - f.payHandling - f.totalCommission()},
            {QStringLiteral("pay_handling"), f.payHandling},
            {QStringLiteral("total_commission"), f.totalCommission()},
            {QStringLiteral("talent_commission"), f.talentCommission},
            {QStringLiteral("total_merchant_platform_service"), f.platformCommission},
    };
    return {{QStringLiteral("ledger_id"), ledgerId},
            {QStringLiteral("verify_id"), verification.verifyId},
            {QStringLiteral("certificate_id"), certificate.certificateId},
            {QStringLiteral("order_id"), certificate.orderId},
            {QStringLiteral("code"), certificate.code},
            {QStringLiteral("verify_time"), verification.verifyTime},
            {QStringLiteral("status"), int(DouyinApi::LedgerStatus::Done)},
            {QStringLiteral("amount"),
             SandboxAnswerJson::recordAmount(share.originalAmount, share.payAmount)},
            {QStringLiteral("fund_amount"), fund}};
}

QStringList SandboxLedger::ledgerIds(const QString &verifyId, qsizetype count)
{
    QStringList &ids = m_ledgerIds[verifyId];
    while (ids.size() < count) {
        const QString id = SandboxIdGenerator::unique(
                [this] { return m_ids.digits(QStringLiteral("6"), 19); },
                [this](const QString &candidate) { return m_usedLedgerIds.contains(candidate); });
        m_usedLedgerIds.insert(id);
        ids.append(id);
    }
    return ids;
}
