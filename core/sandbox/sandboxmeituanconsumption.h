#pragma once

#include <QString>

#include "core/sandbox/sandboxmeituananswer.h"
#include "core/sandbox/sandboxmeituanbook.h"

// Meituan's 验券 rules (MEITUAN.md §2, §3, §5) for one store, the one the call's appAuthToken
// names: prepare tells what a receipt is and how many of its order are left, consume uses
// them, reverseconsume undoes one within 10 minutes.
//
// [choice] rules not published by Meituan, decided here:
// - a receipt that cannot be used answers, in this order: 1006 unknown, 1012 another store's,
//   1010 refund in progress, 1011 refunded, 1008 used, 1009 expired (after its end date),
//   1015 not started. prepare answers the same codes.
// - consume's count must be 1..100 (else 1018, before anything else is looked at) and at most
//   the order's usable receipts (else 1018); it uses the named receipt first, then the
//   order's other usable ones in their order.
// - requestId is required and is applied at most once, ever: a consume repeated with a
//   requestId that succeeded before answers that first result again (same flowIds), whatever
//   happened to the receipts since (used, reversed, refunded). The same requestId with another
//   receiptCode, count or store is OP_PARAM_ERROR naming requestId. A consume that failed
//   records nothing: its requestId may be sent again and is judged afresh.
// - reverseconsume undoes the one receipt it names. It answers 1006 / 1012 / 1010 / 1011 as
//   above, and OP_REVERSE_NOT_ALLOWED when the receipt is not consumed, was consumed elsewhere
//   (Meituan's merchant app), more than 600 s ago by the sandbox clock (600 s still cancels),
//   or when dealId is not the receipt's dealId (its dealGroupId is not accepted either).
//   The receipt is unused again and can be consumed anew (with a new requestId).
class SandboxMeituanConsumption
{
public:
    struct ConsumeRequest
    {
        QString receiptCode;
        int count = 1;
        QString requestId;
        QString appShopAccount;
        QString appShopAccountName;
    };

    struct ReverseRequest
    {
        QString receiptCode;
        QString dealId;
        QString appShopAccount;
        QString appShopAccountName;
    };

    explicit SandboxMeituanConsumption(SandboxMeituanBook &book) : m_book(book) { }

    SandboxMeituanAnswer prepare(const QString &poiId, const QString &receiptCode) const;
    SandboxMeituanAnswer consume(const QString &poiId, const ConsumeRequest &request);
    SandboxMeituanAnswer reverse(const QString &poiId, const ReverseRequest &request);
    // The merchant consumed the receipt in Meituan's own app: no requestId, not cancellable
    // by the developer, but in the store's list. The answer is the refusal, or success.
    SandboxMeituanAnswer consumeElsewhere(const QString &receiptCode);

private:
    using Receipt = SandboxMeituanBook::Receipt;

    // 1006, 1012, 1010, 1011, 1008, 1009 or 1015; OP_SUCCESS when the receipt is usable.
    SandboxMeituanAnswer unusable(const QString &poiId, const Receipt *receipt) const;
    SandboxMeituanAnswer replay(const QString &poiId, const ConsumeRequest &request,
                                const SandboxMeituanBook::ConsumeRecord &record) const;

    SandboxMeituanBook &m_book;
};
