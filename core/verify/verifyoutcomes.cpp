#include "core/verify/verifyoutcomes.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/store/verificationrepository.h"

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
    return failure(Kind::NotConfigured, ErrorCode::BadConfig,
                   QStringLiteral("%1 is not set up for store %2")
                           .arg(Platforms::toString(platform), poiId));
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

} // namespace VerifyOutcomes
