#include "core/verify/verifyoutcomes.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/store/verificationrepository.h"
#include "core/verify/recordtransitions.h"

namespace {

using Kind = VerifyOutcome::Kind;

QJsonObject errorJson(const PlatformError &error)
{
    return {{QStringLiteral("platform"), Platforms::toString(error.platform)},
            {QStringLiteral("kind"), int(error.kind)},
            {QStringLiteral("reason"), int(error.reason)},
            {QStringLiteral("error_code"), error.code},
            {QStringLiteral("description"), error.description},
            {QStringLiteral("trace_id"), error.traceId},
            {QStringLiteral("message"), error.message}};
}

QJsonArray platformsJson(const QList<PlatformId> &platforms)
{
    QJsonArray names;
    for (const PlatformId platform : platforms)
        names.append(Platforms::toString(platform));
    return names;
}

QList<PlatformId> platformsFromJson(const QJsonArray &names)
{
    QList<PlatformId> platforms;
    for (const QJsonValue &name : names) {
        if (const auto platform = Platforms::fromString(name.toString()))
            platforms.append(*platform);
    }
    return platforms;
}

PlatformError errorFromJson(const QJsonObject &object)
{
    PlatformError error;
    error.platform = Platforms::fromString(object.value(QStringLiteral("platform")).toString())
                             .value_or(PlatformId::Douyin);
    error.kind = PlatformError::Kind(object.value(QStringLiteral("kind")).toInt());
    error.reason =
            RejectReason(object.value(QStringLiteral("reason")).toInt(int(RejectReason::Unknown)));
    error.code = object.value(QStringLiteral("error_code")).toInteger();
    error.description = object.value(QStringLiteral("description")).toString();
    // Wave 1 stored Douyin's logid under its own name.
    error.traceId =
            object.value(object.contains(QStringLiteral("trace_id")) ? QStringLiteral("trace_id")
                                                                     : QStringLiteral("logid"))
                    .toString();
    error.message = object.value(QStringLiteral("message")).toString();
    return error;
}

} // namespace

namespace VerifyOutcomes {

VerifyOutcome failure(Kind kind, ErrorCode code, const QString &message)
{
    VerifyOutcome outcome;
    outcome.kind = kind;
    outcome.error = makeError(code, message);
    return outcome;
}

VerifyOutcome beforeVerify(const PlatformError &error)
{
    Kind kind = Kind::Unavailable;
    ErrorCode code = ErrorCode::Network;
    switch (error.kind) {
    case PlatformError::Kind::Rejected:
        kind = Kind::PrepareRejected;
        code = ErrorCode::Conflict;
        break;
    case PlatformError::Kind::BadAnswer:
        kind = Kind::BadAnswer;
        break;
    case PlatformError::Kind::Cooldown:
        kind = Kind::Cooldown;
        code = ErrorCode::Timeout;
        break;
    case PlatformError::Kind::NotConfigured:
        kind = Kind::NotConfigured;
        code = ErrorCode::BadConfig;
        break;
    case PlatformError::Kind::BadLink:
        kind = Kind::BadLink;
        code = ErrorCode::BadInput;
        break;
    case PlatformError::Kind::Unavailable:
    case PlatformError::Kind::Unknown: // a lost prepare answer verified nothing
        break;
    }
    VerifyOutcome outcome = failure(kind, code, error.message);
    outcome.platformError = error;
    return outcome;
}

PrepareOutcome::Kind prepareKind(const VerifyOutcome &outcome)
{
    switch (outcome.kind) {
    case Kind::PrepareRejected:
        return PrepareOutcome::Kind::Rejected;
    case Kind::BadAnswer:
        return PrepareOutcome::Kind::BadAnswer;
    case Kind::Cooldown:
        return PrepareOutcome::Kind::Cooldown;
    case Kind::NotConfigured:
        return PrepareOutcome::Kind::NotConfigured;
    case Kind::BadLink:
        return PrepareOutcome::Kind::BadLink;
    case Kind::BadInput:
    case Kind::CountTooHigh:
        return PrepareOutcome::Kind::BadInput;
    case Kind::Ambiguous:
        return PrepareOutcome::Kind::Ambiguous;
    default:
        return PrepareOutcome::Kind::Unavailable;
    }
}

PrepareOutcome asPrepare(const VerifyOutcome &outcome)
{
    PrepareOutcome result;
    result.kind = prepareKind(outcome);
    result.error = outcome.error;
    result.platformError = outcome.platformError;
    result.platforms = outcome.platforms;
    return result;
}

QByteArray encode(const VerifyOutcome &outcome)
{
    QJsonArray ids;
    for (const VerificationRecord &record : outcome.records)
        ids.append(record.id);
    QJsonObject object{{QStringLiteral("kind"), int(outcome.kind)},
                       {QStringLiteral("record_ids"), ids},
                       {QStringLiteral("error_code"), int(outcome.error.code)},
                       {QStringLiteral("message"), outcome.error.message}};
    if (outcome.platformError)
        object.insert(QStringLiteral("platform_error"), errorJson(*outcome.platformError));
    if (!outcome.platforms.isEmpty())
        object.insert(QStringLiteral("platforms"), platformsJson(outcome.platforms));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

VerifyOutcome decode(const QByteArray &stored, VerificationRepository &repository)
{
    const QJsonObject saved = QJsonDocument::fromJson(stored).object();
    VerifyOutcome outcome;
    outcome.kind = Kind(saved.value(QStringLiteral("kind")).toInt());
    outcome.error = makeError(ErrorCode(saved.value(QStringLiteral("error_code")).toInt()),
                              saved.value(QStringLiteral("message")).toString());
    for (const char *key : {"platform_error", "douyin"}) {
        const QJsonObject error = saved.value(QLatin1String(key)).toObject();
        if (!error.isEmpty()) {
            outcome.platformError = errorFromJson(error);
            break;
        }
    }
    outcome.platforms = platformsFromJson(saved.value(QStringLiteral("platforms")).toArray());
    for (const QJsonValue &id : saved.value(QStringLiteral("record_ids")).toArray()) {
        const auto record = repository.get(id.toInteger());
        if (record.ok())
            outcome.records.append(record.value());
    }
    outcome.replayed = true;
    return outcome;
}

VerifyOutcome notSetUp(PlatformId platform, const QString &poiId)
{
    VerifyOutcome outcome = failure(Kind::NotConfigured, ErrorCode::BadConfig,
                                    QStringLiteral("%1 is not set up for store %2")
                                            .arg(Platforms::toString(platform), poiId));
    // Names the platform for the till's words; nothing was asked of it.
    outcome.platformError = PlatformError::make(platform, PlatformError::Kind::NotConfigured,
                                                outcome.error.message);
    return outcome;
}

VerifyOutcome noPlatform(const QString &poiId)
{
    return failure(Kind::NotConfigured, ErrorCode::BadConfig,
                   QStringLiteral("no coupon platform is set up for store %1").arg(poiId));
}

VerifyOutcome ambiguous(const QList<PlatformId> &platforms, const QString &code)
{
    QStringList names;
    for (const PlatformId platform : platforms)
        names.append(Platforms::toString(platform));
    VerifyOutcome outcome =
            failure(Kind::Ambiguous, ErrorCode::Conflict,
                    QStringLiteral("code %1 is known to %2: send \"platform\" to say which")
                            .arg(code, names.join(QStringLiteral(" and "))));
    outcome.platforms = platforms;
    return outcome;
}

VerifyOutcome fromAnswer(QList<VerificationRecord> records,
                         const Result<PlatformOutcome, PlatformError> &answer,
                         qint64 nextResolveAtMs)
{
    VerifyOutcome outcome;
    if (answer.ok()) {
        RecordTransitions::applyAnswer(records, answer.value());
        outcome.kind = Kind::Answered;
        outcome.records = records;
        return outcome;
    }
    const PlatformError &error = answer.error();
    outcome.platformError = error;
    switch (error.kind) {
    case PlatformError::Kind::Rejected:
        RecordTransitions::applyRejection(records, error);
        outcome.kind = Kind::Answered;
        break;
    case PlatformError::Kind::Unknown:
        RecordTransitions::applyUnknown(records, nextResolveAtMs);
        outcome.kind = Kind::Unknown;
        outcome.error = makeError(ErrorCode::Timeout, error.message);
        break;
    default: // never left: unavailable, cooldown, not configured
        RecordTransitions::applyNotSent(records, error.message);
        outcome.kind =
                error.kind == PlatformError::Kind::Cooldown ? Kind::Cooldown : Kind::Unavailable;
        outcome.error = makeError(ErrorCode::Network, error.message);
        break;
    }
    outcome.records = records;
    return outcome;
}

VerifyOutcome replayOf(const QList<VerificationRecord> &records)
{
    VerifyOutcome outcome;
    outcome.records = records;
    outcome.replayed = true;
    const bool open =
            std::any_of(records.cbegin(), records.cend(), [](const VerificationRecord &record) {
                return record.verifyStatus == VerificationRecord::Status::Pending
                        || record.verifyStatus == VerificationRecord::Status::Unknown;
            });
    outcome.kind = open ? Kind::Unknown : Kind::Answered;
    return outcome;
}

bool stillPending(const VerifyOutcome &outcome)
{
    return std::any_of(outcome.records.cbegin(), outcome.records.cend(),
                       [](const VerificationRecord &record) {
                           return record.verifyStatus == VerificationRecord::Status::Pending;
                       });
}

} // namespace VerifyOutcomes
