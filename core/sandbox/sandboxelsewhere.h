#pragma once

#include <QString>
#include <QStringList>

#include "core/result.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxorderbook.h"

// What the merchant does with Douyin coupons outside the product: verifying in the 抖音来客
// app or on another till, and cancelling there. The product never sees these calls; it meets
// their effects (a certificate used, 1241; a verification already cancelled; history records
// it did not make), which is what reconciliation (对账) has to explain.
//
// [choice] rules, decided here:
// - verify takes the order's first `count` usable certificates in their order; each gets a
//   verification with a fresh verify_id, the order's store as poi_id, no verify token, at the
//   sandbox's now. count must be 1..MAX_CODES_PER_VERIFY (BadInput) and at most the order's
//   usable certificates (Conflict).
// - cancel undoes the certificate's verification in force, whoever made it, under the same
//   hour as the product's cancel (DouyinApi::CANCEL_WINDOW_SECONDS, inclusive): past it, or
//   with no verification in force, Conflict. The certificate is usable again.
// - errors: NotFound for an unknown order, BadInput for a certificate of another order.
class SandboxElsewhere
{
public:
    struct Verified
    {
        // Index-aligned: element i of each is the same verification.
        QStringList verifyIds;
        QStringList certificateIds;
        qint64 verifyTime = 0;
    };

    struct Cancelled
    {
        QString verifyId;
        qint64 cancelTime = 0;
    };

    SandboxElsewhere(SandboxOrderBook &book, SandboxIdGenerator &ids) : m_book(book), m_ids(ids) { }

    Result<Verified> verify(const QString &orderId, qint64 count);
    Result<Cancelled> cancel(const QString &orderId, const QString &certificateId);

private:
    SandboxOrderBook &m_book;
    SandboxIdGenerator &m_ids;
};
