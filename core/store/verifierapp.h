#pragma once

#include <optional>

#include <QString>

// A client identity for LAN devices (API.md's VerifierApp). The secret never travels in
// this struct: it is sealed in the database and opened only to check a signature.
struct VerifierApp
{
    enum class Status { Active, Disabled };

    qint64 id = 0;
    QString name;
    QString clientKey;
    Status status = Status::Active;
    bool allowTokenRead = false;
    qint64 createdAt = 0; // Unix ms
    qint64 updatedAt = 0;
    std::optional<qint64> lastUsedAt;

    static QString toString(Status status)
    {
        return status == Status::Active ? QStringLiteral("active") : QStringLiteral("disabled");
    }
};
