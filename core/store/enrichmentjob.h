#pragma once

#include <QString>

#include "core/store/verificationrecord.h"

// One persisted enrichment job (table enrichment_jobs): fetch the order and certificate details
// of a successful verification. At most one job exists per verification.
struct EnrichmentJob
{
    qint64 id = 0;
    qint64 verificationId = 0;
    VerificationRecord::Enrichment status = VerificationRecord::Enrichment::Pending;
    int attempts = 0;
    qint64 nextAttemptAt = 0; // Unix ms; due when <= now and status is Pending
    QString lastError;
    qint64 createdAt = 0; // Unix ms
    qint64 updatedAt = 0;
};
