#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "core/platform/platformid.h"

// What a caller (the till, or a LAN device through the API) asks the engine to do.
// Exactly one of shortLink / code / encryptedCode is set (VerifyValidation checks).
// `platform` empty = the engine decides (PlatformRouter, MEITUAN.md §8); set = forced.
struct VerifyCommand
{
    std::optional<PlatformId> platform;
    qint64 appId = 0; // 0 = the till itself
    QString poiId;
    QString shortLink;
    QString code;
    QString encryptedCode;
    QString verifyToken; // required with encryptedCode, ignored otherwise
    int count = 1; // how many of the order's available certificates to verify in one call
    QJsonObject extra; // operator_id, device_id, note
    QString idempotencyKey; // optional, per app
    QByteArray fingerprint; // of the request, compared when the key is seen again
};

struct PrepareCommand
{
    std::optional<PlatformId> platform; // as in VerifyCommand
    qint64 appId = 0;
    QString poiId;
    QString shortLink;
    QString code;
    QString encryptedData;
};
