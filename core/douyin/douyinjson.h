#pragma once

#include <QJsonObject>
#include <QJsonValue>

#include "core/douyin/douyinerror.h"
#include "core/douyin/douyintypes.h"
#include "core/result.h"

// Reading Douyin's answers. Lenient about representation (IDs as numbers or strings,
// numbers as strings), strict about meaning (a prepare without verify_token is BadAnswer).
namespace DouyinJson {

// An ID as text: a JSON string as is, an integer without going through double.
QString idString(const QJsonValue &value);
// An integer from a number or a numeric string; 0 when absent or not a number.
qint64 integer(const QJsonValue &value);

// Checks the envelope: the body is a JSON object whose extra.error_code and data.error_code
// are 0 (or absent). Returns `data`; a non-zero code is Douyin::Error::Rejected with Douyin's
// code, description and logid; anything else unreadable is BadAnswer.
struct Envelope
{
    QJsonObject data;
    QJsonObject raw;
    QString logid;
};
Result<Envelope, Douyin::Error> envelope(const QByteArray &body);

Douyin::Amount amount(const QJsonObject &object);
Douyin::Sku sku(const QJsonObject &object);
Douyin::CertificateVerify verifyRecord(const QJsonObject &object);
Douyin::CertificateState certificateState(const QJsonObject &object);

Result<Douyin::ClientToken, Douyin::Error> clientToken(const Envelope &answer);
Result<Douyin::PrepareResult, Douyin::Error> prepare(const Envelope &answer);
Result<Douyin::VerifyResult, Douyin::Error> verify(const Envelope &answer);
Result<Douyin::CertificateGetResult, Douyin::Error> certificateGet(const Envelope &answer);
Result<Douyin::CertificateQueryResult, Douyin::Error> certificateQuery(const Envelope &answer);
Result<Douyin::OrderQueryResult, Douyin::Error> orderQuery(const Envelope &answer);
Result<Douyin::PoiQueryResult, Douyin::Error> poiQuery(const Envelope &answer);

} // namespace DouyinJson
