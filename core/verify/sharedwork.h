#pragma once

#include <QList>
#include <QString>

#include "core/store/verificationrecord.h"

class VerificationRepository;

// What a gateway of a chain needs to share its open records with the others (chain mode):
// which records another gateway is still working on, claims on a batch's resolution, and the
// records a gateway that died left behind. A lone gateway (lease 0) shares nothing and every
// call is a no-op that says yes.
class SharedWork
{
public:
    explicit SharedWork(VerificationRepository *repository) : m_repository(repository) { }

    // 0: a lone gateway. Otherwise how long a claim lasts, and how long a record may stay
    // untouched before its gateway counts as gone.
    void setLeaseMs(qint64 leaseMs) { m_leaseMs = leaseMs; }
    qint64 leaseMs() const { return m_leaseMs; }
    bool isShared() const { return m_leaseMs > 0; }

    // This gateway may run a pass on the item (WorkClaims' kinds) now.
    bool take(const char *kind, const QString &item, qint64 nowMs);
    void release(const char *kind, const QString &item);
    // A cancel another gateway may be sending right now: pending, written within a lease.
    bool isCancelInFlight(const VerificationRecord &record, qint64 nowMs) const;
    // Open records of other gateways that nobody has touched for a lease: pending ones whose
    // verify call died with its gateway, unknown ones whose next pass is a lease overdue.
    QList<VerificationRecord> abandoned(qint64 nowMs);

private:
    VerificationRepository *m_repository;
    qint64 m_leaseMs = 0;
};
