#include "core/verify/verifyvalidation.h"

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadInput, message);
}

Result<Done> checkPoi(const QString &poiId)
{
    if (poiId.trimmed().isEmpty())
        return bad(QStringLiteral("poi_id: required"));
    if (poiId.size() > VerifyValidation::MAX_ID_LENGTH)
        return bad(QStringLiteral("poi_id: at most %1 characters")
                           .arg(VerifyValidation::MAX_ID_LENGTH));
    return Done{};
}

Result<Done> checkSources(const QStringList &names, const QList<const QString *> &values)
{
    int given = 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (values.at(i)->isEmpty())
            continue;
        ++given;
        if (values.at(i)->size() > VerifyValidation::MAX_SOURCE_LENGTH)
            return bad(QStringLiteral("%1: at most %2 characters")
                               .arg(names.at(i))
                               .arg(VerifyValidation::MAX_SOURCE_LENGTH));
    }
    if (given != 1)
        return bad(QStringLiteral("%1: exactly one is required")
                           .arg(names.join(QStringLiteral(", "))));
    return Done{};
}

} // namespace

namespace VerifyValidation {

Result<Done> checkExtra(const QJsonObject &extra)
{
    static const QStringList allowed{QStringLiteral("operator_id"), QStringLiteral("device_id"),
                                     QStringLiteral("note")};
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
        const QString field = QStringLiteral("extra.") + it.key();
        if (!allowed.contains(it.key()))
            return bad(field
                       + QStringLiteral(": unknown field (allowed: operator_id, device_id, note)"));
        if (it.value().isNull())
            continue;
        if (!it.value().isString())
            return bad(field + QStringLiteral(": must be a string"));
        if (it.value().toString().size() > MAX_EXTRA_STRING)
            return bad(field + QStringLiteral(": at most %1 characters").arg(MAX_EXTRA_STRING));
    }
    return Done{};
}

Result<Done> checkShape(const VerifyCommand &command)
{
    if (auto poi = checkPoi(command.poiId); !poi.ok())
        return poi;
    const auto sources = checkSources({QStringLiteral("short_link"), QStringLiteral("code"),
                                       QStringLiteral("encrypted_code")},
                                      {&command.shortLink, &command.code, &command.encryptedCode});
    if (!sources.ok())
        return sources;
    if (!command.encryptedCode.isEmpty() && command.verifyToken.isEmpty())
        return bad(QStringLiteral("verify_token: required with encrypted_code"));
    if (command.count < 1)
        return bad(QStringLiteral("count: must be at least 1"));
    if (command.idempotencyKey.size() > 128)
        return bad(QStringLiteral("Idempotency-Key: at most 128 characters"));
    return checkExtra(command.extra);
}

Result<Done> checkShape(const PrepareCommand &command)
{
    if (auto poi = checkPoi(command.poiId); !poi.ok())
        return poi;
    return checkSources({QStringLiteral("short_link"), QStringLiteral("code"),
                         QStringLiteral("encrypted_data")},
                        {&command.shortLink, &command.code, &command.encryptedData});
}

Result<Done> check(const VerifyCommand &command, const PlatformCapabilities &platform)
{
    if (auto shape = checkShape(command); !shape.ok())
        return shape;
    if (!command.shortLink.isEmpty() && !platform.hasShortLink)
        return bad(QStringLiteral("short_link: not available on this platform"));
    if (!command.encryptedCode.isEmpty() && !platform.hasEncryptedCode)
        return bad(QStringLiteral("encrypted_code: not available on this platform"));
    if (command.count > platform.maxCodesPerVerify)
        return bad(QStringLiteral("count: must be 1..%1").arg(platform.maxCodesPerVerify));
    return Done{};
}

Result<Done> check(const PrepareCommand &command, const PlatformCapabilities &platform)
{
    if (auto shape = checkShape(command); !shape.ok())
        return shape;
    if (!command.shortLink.isEmpty() && !platform.hasShortLink)
        return bad(QStringLiteral("short_link: not available on this platform"));
    if (!command.encryptedData.isEmpty() && !platform.hasEncryptedCode)
        return bad(QStringLiteral("encrypted_data: not available on this platform"));
    return Done{};
}

} // namespace VerifyValidation
