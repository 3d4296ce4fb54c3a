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
// are 0 (or absent). Returns `data`; a non-zero code is DouyinError::Rejected with Douyin's
// code, description and logid; anything else unreadable is BadAnswer.
struct Envelope
{
    QJsonObject data;
    QJsonObject raw;
    QString logid;
};
Result<Envelope, DouyinError> envelope(const QByteArray &body);

DouyinAmount amount(const QJsonObject &object);
DouyinSku sku(const QJsonObject &object);
VerifyRecord verifyRecord(const QJsonObject &object);
CertificateState certificateState(const QJsonObject &object);

Result<ClientToken, DouyinError> clientToken(const Envelope &answer);
Result<PrepareResult, DouyinError> prepare(const Envelope &answer);
Result<VerifyResult, DouyinError> verify(const Envelope &answer);
Result<CertificateGetResult, DouyinError> certificateGet(const Envelope &answer);
Result<CertificateQueryResult, DouyinError> certificateQuery(const Envelope &answer);
Result<OrderQueryResult, DouyinError> orderQuery(const Envelope &answer);
Result<PoiQueryResult, DouyinError> poiQuery(const Envelope &answer);

} // namespace DouyinJson
