#include "core/meituan/meituanjson.h"

#include <limits>
#include <optional>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include "core/meituan/meituanapi.h"
#include "core/meituan/meituanmoney.h"

using MtError = Meituan::Error;

namespace {

constexpr qint64 NOT_INTEGER = std::numeric_limits<qint64>::min();

// Ids and codes come as strings or numbers. A number is read as an integer when the parser
// kept it as one, so an int64 id keeps every digit.
QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const qint64 integer = value.toInteger(NOT_INTEGER);
        return integer != NOT_INTEGER ? QString::number(integer)
                                      : QString::number(value.toDouble(), 'g', 17);
    }
    return {};
}

int integer(const QJsonValue &value)
{
    return value.isString() ? value.toString().toInt() : value.toInt();
}

MtError badAnswer(const QString &what)
{
    return MtError::make(MtError::Kind::BadAnswer, what);
}

bool isGiven(const QJsonValue &value)
{
    return !value.isUndefined() && !value.isNull() && value != QJsonValue(QString());
}

// Collects the first problem while a parser reads many fields, so each field is one line.
struct Reader
{
    std::optional<MtError> problem;

    qint64 fen(const QJsonObject &object, const char *key)
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!isGiven(value))
            return 0; // an amount Meituan left out is no amount
        const Result<qint64> fen = MeituanMoney::fenFromJson(value);
        if (!fen.ok()) {
            if (!problem)
                problem = badAnswer(QLatin1String(key) + u": " + fen.error().message);
            return 0;
        }
        return fen.value();
    }
};

// Epoch milliseconds as a number (prepare) or as a string (consume); a "yyyy-MM-dd HH:mm:ss"
// string is read as Beijing time. Anything else stays invalid: nothing depends on it.
QDateTime endDate(const QJsonValue &value)
{
    const QString raw = text(value).trimmed();
    bool ok = false;
    const qint64 ms = raw.toLongLong(&ok);
    if (ok)
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    QDateTime local = QDateTime::fromString(raw, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (local.isValid())
        local.setTimeZone(QTimeZone(8 * 3600));
    return local;
}

Meituan::Receipt receipt(const QJsonObject &o, Reader &reader)
{
    Meituan::Receipt r;
    r.orderId = text(o.value(u"orderId"));
    r.receiptCode = text(o.value(u"receiptCode"));
    r.dealId = text(o.value(u"dealId"));
    // prepare says dealGroupId, consume and reverseconsume dealgroupId.
    r.dealGroupId =
            text(o.contains(u"dealGroupId") ? o.value(u"dealGroupId") : o.value(u"dealgroupId"));
    r.dealTitle = o.value(u"dealTitle").toString();
    r.dealPriceFen = reader.fen(o, "dealPrice");
    r.dealMarketPriceFen = reader.fen(o, "dealMarketPrice");
    r.mobile = text(o.value(u"mobile"));
    r.bizType = integer(o.value(u"bizType"));
    for (const QJsonValue &entry : o.value(u"paymentDetail").toArray()) {
        const QJsonObject p = entry.toObject();
        r.paymentDetail.append({text(p.value(u"paymentDetailId")), reader.fen(p, "amount"),
                                integer(p.value(u"amountType"))});
    }
    r.receiptEndDate = endDate(o.value(u"receiptEndDate"));
    r.platformAmountFen = reader.fen(o, "platformAmount");
    if (isGiven(o.value(u"merchantAmount")))
        r.merchantAmountFen = reader.fen(o, "merchantAmount");
    r.flowId = text(o.value(u"flowId"));
    return r;
}

Result<QList<Meituan::Receipt>, MtError> receipts(const MeituanJson::Envelope &e)
{
    const QJsonValue list = e.data.toObject().value(u"result");
    if (!list.isArray())
        return badAnswer(QStringLiteral("data.result is not a list"));
    Reader reader;
    QList<Meituan::Receipt> out;
    for (const QJsonValue &entry : list.toArray())
        out.append(receipt(entry.toObject(), reader));
    if (reader.problem)
        return *reader.problem;
    return out;
}

} // namespace

namespace MeituanJson {

Result<Envelope, MtError> envelope(const QByteArray &body, Style style)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return badAnswer(QStringLiteral("answer is not a JSON object: ")
                         + parseError.errorString());
    Envelope e{document.object(), document.object().value(u"data"), {}};
    e.traceId = text(e.raw.value(u"traceId"));
    const QJsonValue codeValue = e.raw.value(u"code");
    const QString code = text(codeValue);
    if (code.isEmpty())
        return badAnswer(QStringLiteral("answer has no code"));
    const bool success =
            style == Style::Business ? code == QLatin1String(MeituanApi::SUCCESS) : code == u"0";
    if (success)
        return e;

    MtError error = MtError::make(MtError::Kind::Rejected, {});
    error.code = code;
    error.msg = e.raw.value(u"msg").toString();
    error.traceId = e.traceId;
    error.raw = e.raw;
    // Any refusal of the oauth endpoints is a setup problem: bad code, revoked, wrong key.
    error.reason = style == Style::Token ? RejectReason::NotAuthorised : reasonFor(code);
    error.message = code + u": " + error.msg;
    return error;
}

RejectReason reasonFor(const QString &code)
{
    using namespace MeituanApi;
    const auto is = [&code](const char *candidate) {
        return code == QLatin1String(candidate);
    };
    if (is(CODE_NOT_FOUND))
        return RejectReason::NotFound;
    if (is(CODE_USED))
        return RejectReason::Used;
    if (is(CODE_EXPIRED))
        return RejectReason::Expired;
    if (is(CODE_REFUNDING) || is(CODE_REFUNDED))
        return RejectReason::Refunded;
    if (is(CODE_WRONG_STORE))
        return RejectReason::WrongStore;
    if (is(CODE_NOT_STARTED))
        return RejectReason::NotStarted;
    if (is(REVERSE_NOT_ALLOWED))
        return RejectReason::TooLateToCancel;
    if (is(TOKEN_EXPIRED) || is(SIGN_ERROR))
        return RejectReason::NotAuthorised;
    if (is(RATE_LIMIT))
        return RejectReason::RateLimited;
    if (is(SYSTEM_BUSY))
        return RejectReason::Unavailable;
    // 1018 (wrong count), OP_PARAM_ERROR and codes we do not know: a bug, not a coupon state.
    return RejectReason::Unknown;
}

Result<Meituan::PrepareResult, MtError> prepare(const Envelope &e)
{
    if (!e.data.isObject())
        return badAnswer(QStringLiteral("prepare: data is not an object"));
    const QJsonObject o = e.data.toObject();
    Reader reader;
    Meituan::PrepareResult result;
    result.receipt = receipt(o, reader);
    if (reader.problem)
        return *reader.problem;
    if (result.receipt.receiptCode.isEmpty())
        return badAnswer(QStringLiteral("prepare: no receiptCode"));
    result.count = integer(o.value(u"count"));
    result.productType = integer(o.value(u"productType"));
    result.productItemId = text(o.value(u"productItemId"));
    result.traceId = e.traceId;
    result.raw = e.raw;
    return result;
}

Result<Meituan::ConsumeResult, MtError> consume(const Envelope &e)
{
    auto list = receipts(e);
    if (!list.ok())
        return list.error();
    if (list.value().isEmpty())
        return badAnswer(QStringLiteral("consume: success without a consumed coupon"));
    return Meituan::ConsumeResult{std::move(list).value(), e.traceId, e.raw};
}

Result<Meituan::ConsumedStatus, MtError> consumed(const Envelope &e)
{
    if (!e.data.isObject())
        return badAnswer(QStringLiteral("getconsumed: data is not an object"));
    const QJsonObject o = e.data.toObject();
    Reader reader;
    Meituan::ConsumedStatus s;
    s.consumed = true;
    s.receiptCode = text(o.value(u"receiptCode"));
    s.dealId = text(o.value(u"dealId"));
    s.dealGroupId = text(o.value(u"dealGroupId"));
    s.dealTitle = o.value(u"dealTitle").toString();
    s.dealPriceFen = reader.fen(o, "dealPrice");
    s.dealMarketPriceFen = reader.fen(o, "dealMarketPrice");
    s.verifyAccount = text(o.value(u"verifyAccount"));
    s.verifyChannel = text(o.value(u"verifyChannel"));
    s.verifyTime = text(o.value(u"verifyTime"));
    s.bizType = integer(o.value(u"bizType"));
    s.traceId = e.traceId;
    s.raw = e.raw;
    if (reader.problem)
        return *reader.problem;
    return s;
}

Result<Meituan::ReverseConsumeResult, MtError> reverseConsume(const Envelope &e)
{
    auto list = receipts(e);
    if (!list.ok())
        return list.error();
    return Meituan::ReverseConsumeResult{std::move(list).value(), e.traceId, e.raw};
}

Result<Meituan::ListResult, MtError> list(const Envelope &e)
{
    const QJsonObject o = e.data.toObject();
    if (!e.data.isObject() || !o.value(u"records").isArray())
        return badAnswer(QStringLiteral("querylistbydate: data.records is not a list"));
    Reader reader;
    Meituan::ListResult result;
    result.totalCount = integer(o.value(u"totalCount"));
    result.traceId = e.traceId;
    for (const QJsonValue &entry : o.value(u"records").toArray()) {
        const QJsonObject r = entry.toObject();
        result.records.append({text(r.value(u"receiptCode")), text(r.value(u"dealId")),
                               text(r.value(u"dealGroupId")), r.value(u"dealTitle").toString(),
                               reader.fen(r, "dealPrice"), text(r.value(u"verifyAccount")),
                               text(r.value(u"verifyChannel")), text(r.value(u"verifyTime")),
                               integer(r.value(u"bizType")), text(r.value(u"flowId")),
                               integer(r.value(u"refundStatus"))});
    }
    if (reader.problem)
        return *reader.problem;
    return result;
}

Result<Meituan::TokenPair, MtError> tokenPair(const Envelope &e, const QDateTime &receivedAt)
{
    const QJsonObject o = e.data.toObject();
    Meituan::TokenPair pair;
    pair.accessToken = o.value(u"accessToken").toString();
    pair.refreshToken = o.value(u"refreshToken").toString();
    pair.expireInSeconds = integer(o.value(u"expireIn"));
    pair.scope = o.value(u"scope").toString();
    pair.opBizCode = text(o.value(u"opBizCode"));
    if (pair.accessToken.isEmpty() || pair.refreshToken.isEmpty() || pair.expireInSeconds <= 0)
        return badAnswer(
                QStringLiteral("token answer lacks accessToken, refreshToken or expireIn"));
    pair.expiresAt = receivedAt.addSecs(pair.expireInSeconds);
    return pair;
}

} // namespace MeituanJson
