#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

// What the gateway remembers about one Idempotency-Key of one app (table idempotency_keys).
// The caller decides what a fingerprint is and how long entries live (API.md: 24 h).
struct IdempotencyEntry
{
    QString fingerprint;
    std::optional<int> httpStatus; // unset while the first request has not answered yet
    QByteArray responseBody; // UTF-8 JSON; stored as text so PostgreSQL can keep it as TEXT
    qint64 createdAt = 0; // Unix ms; 0 = now
};
