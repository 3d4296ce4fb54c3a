#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxorderbook.h"

// Douyin's 分账明细 by certificate (DOUYIN.md §14): what the merchant receives for a verified
// coupon, once the money is split, about an hour after the verify. Reconciliation reads
// fund_amount.goods as 商家实收, so the figures must add up to the fen.
//
// [choice] rules not published by Douyin, decided here:
// - a certificate has a record once its verification in force is MORE than
//   LEDGER_DELAY_SECONDS old by the sandbox clock, i.e. once the (inclusive) cancel window has
//   closed: a record is never undone by a cancel. Before that, and for an unknown, unverified
//   or cancelled certificate, it has none; the answer lists only the certificates that have.
//   status is always LedgerStatus::Done.
// - fees (SandboxConfig's rates, ten-thousandths of pay_amount): each fee is rounded half up
//   to the fen on its own, fee = (pay_amount × rate + 5000) / 10000 in integers;
//   total_commission = platform + talent commission; total_merchant_platform_service = the
//   platform's part; goods = pay_amount − pay_handling − total_commission, exactly.
// - an exchange coupon (通兑券, minted with "exchange": true) gives two records under its one
//   verify_id, each with its own ledger_id: every figure of the coupon (amount and fees) is
//   split into floor(x / 2) and x − floor(x / 2), and each record's goods is its own
//   pay_amount − pay_handling − total_commission, so the two add up to the coupon's figures.
// - a ledger_id stays the same on every call for the same verification.
// - more than LEDGER_MAX_QPS calls within any 1000 ms of real time (SandboxConfig::wallClockMs)
//   → 2119003; refused calls do not count toward the limit.
// - certificate ids listed twice answer once; an account_id other than the merchant's 2119005.
class SandboxLedger
{
public:
    struct Request
    {
        QString accountId; // empty: the sandbox account
        QStringList certificateIds; // 1..LEDGER_BATCH_MAX, checked by SandboxParameters
    };

    // What Douyin keeps back from one pay_amount.
    struct Fees
    {
        qint64 payHandling = 0;
        qint64 platformCommission = 0;
        qint64 talentCommission = 0;

        qint64 totalCommission() const { return platformCommission + talentCommission; }
    };

    SandboxLedger(const SandboxConfig &config, const SandboxOrderBook &book,
                  SandboxIdGenerator &ids)
        : m_config(config),
          m_book(book),
          m_ids(ids)
    {
    }

    // Counts the call against the per-second limit; false when it is over it.
    bool admitCall();
    SandboxAnswer query(const Request &request);

    static Fees fees(qint64 payAmount, const SandboxConfig &config);

private:
    // One ledger record's figures: the whole coupon, or one half of an exchange coupon.
    struct Share
    {
        qint64 originalAmount = 0;
        qint64 payAmount = 0;
        Fees fees;
    };

    QList<Share> shares(const SandboxOrderBook::Certificate &certificate) const;
    QJsonObject record(const SandboxOrderBook::Certificate &certificate,
                       const SandboxOrderBook::Verification &verification, const Share &share,
                       const QString &ledgerId) const;
    QStringList ledgerIds(const QString &verifyId, qsizetype count);

    const SandboxConfig &m_config;
    const SandboxOrderBook &m_book;
    SandboxIdGenerator &m_ids;
    QList<qint64> m_recentCalls; // wall-clock ms of the calls admitted in the last second
    QHash<QString, QStringList> m_ledgerIds; // by verify_id
    QSet<QString> m_usedLedgerIds;
};
