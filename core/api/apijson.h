#pragma once

#include <optional>

#include <QJsonObject>
#include <QJsonValue>

#include "core/store/verificationrecord.h"
#include "core/store/verifierapp.h"

// The LAN API's JSON shapes (API.md and seed 000): names and types exactly as documented.
namespace ApiJson {

// RFC 3339 UTC with seconds, e.g. 2026-03-11T10:35:12Z.
QString timestamp(qint64 unixMs);
QJsonValue timestampOrNull(std::optional<qint64> unixMs);
// Douyin's certificate status as the seed shows it: "UNUSED", "USED", "REFUNDED", "EXPIRED".
QJsonValue couponStatus(std::optional<int> status);

QJsonObject verificationView(const VerificationRecord &record);
QJsonObject verifierApp(const VerifierApp &app);

} // namespace ApiJson
