#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

#include "core/meituan/meituanerror.h"
#include "core/meituan/meituantypes.h"
#include "core/platform/rejectreason.h"
#include "core/result.h"

// Reading Meituan's answers (MEITUAN.md): the envelope, then each call's `data`. Every
// parser is strict about what the product relies on (codes, amounts) and lenient about the
// rest; an answer it cannot rely on is a BadAnswer naming the field.
namespace MeituanJson {

struct Envelope
{
    QJsonObject raw;
    QJsonValue data;
    QString traceId;
};

enum class Style {
    Business, // success is code "OP_SUCCESS"
    Token, // the oauth endpoints: success is code 0
};

// Rejected (with reason, code, msg, traceId) for an error envelope, BadAnswer for anything
// that is not the envelope.
Result<Envelope, Meituan::Error> envelope(const QByteArray &body, Style style);

// §7's table in the engine's terms.
RejectReason reasonFor(const QString &code);

Result<Meituan::PrepareResult, Meituan::Error> prepare(const Envelope &envelope);
Result<Meituan::ConsumeResult, Meituan::Error> consume(const Envelope &envelope);
Result<Meituan::ConsumedStatus, Meituan::Error> consumed(const Envelope &envelope);
Result<Meituan::ReverseConsumeResult, Meituan::Error> reverseConsume(const Envelope &envelope);
Result<Meituan::ListResult, Meituan::Error> list(const Envelope &envelope);
Result<Meituan::TokenPair, Meituan::Error> tokenPair(const Envelope &envelope,
                                                     const QDateTime &receivedAt);

} // namespace MeituanJson
