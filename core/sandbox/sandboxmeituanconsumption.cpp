#include "core/sandbox/sandboxmeituanconsumption.h"

#include <QJsonArray>

#include "core/meituan/meituanapi.h"
#include "core/sandbox/sandboxmeituanjson.h"

namespace {

using Answer = SandboxMeituanAnswer;
using Status = SandboxMeituanBook::Status;

Answer refused(const char *code, const QString &detail = {})
{
    return Answer::failure(QLatin1String(code), detail);
}

} // namespace

Answer SandboxMeituanConsumption::unusable(const QString &poiId, const Receipt *receipt) const
{
    if (!receipt)
        return refused(MeituanApi::CODE_NOT_FOUND);
    if (m_book.orderOf(*receipt)->poiId != poiId)
        return refused(MeituanApi::CODE_WRONG_STORE);
    switch (receipt->status) {
    case Status::Refunding:
        return refused(MeituanApi::CODE_REFUNDING);
    case Status::Refunded:
        return refused(MeituanApi::CODE_REFUNDED);
    case Status::Used:
        return refused(MeituanApi::CODE_USED);
    case Status::Unused:
        break;
    }
    if (m_book.isExpired(*receipt))
        return refused(MeituanApi::CODE_EXPIRED);
    if (!m_book.isStarted(*receipt))
        return refused(MeituanApi::CODE_NOT_STARTED);
    return Answer::success(QJsonValue::Null);
}

Answer SandboxMeituanConsumption::prepare(const QString &poiId, const QString &receiptCode) const
{
    const Receipt *receipt = m_book.receipt(receiptCode);
    const Answer check = unusable(poiId, receipt);
    if (!check.ok())
        return check;
    const SandboxMeituanBook::Order &order = *m_book.orderOf(*receipt);
    return Answer::success(
            SandboxMeituanJson::prepared(order, *receipt, int(m_book.usableCodes(order).size())));
}

Answer SandboxMeituanConsumption::consume(const QString &poiId, const ConsumeRequest &request)
{
    if (const auto *record = m_book.consumeRecord(request.requestId))
        return replay(poiId, request, *record);
    if (request.count < 1 || request.count > MeituanApi::MAX_CONSUME_COUNT)
        return refused(MeituanApi::CODE_WRONG_COUNT,
                       QStringLiteral("count must be 1 to %1").arg(MeituanApi::MAX_CONSUME_COUNT));
    const Receipt *receipt = m_book.receipt(request.receiptCode);
    const Answer check = unusable(poiId, receipt);
    if (!check.ok())
        return check;

    const SandboxMeituanBook::Order order = *m_book.orderOf(*receipt);
    QStringList chosen{request.receiptCode};
    for (const QString &code : m_book.usableCodes(order)) {
        if (code != request.receiptCode && chosen.size() < request.count)
            chosen.append(code);
    }
    if (chosen.size() < request.count)
        return refused(MeituanApi::CODE_WRONG_COUNT,
                       QStringLiteral("only %1 left in this order").arg(chosen.size()));

    QJsonArray result;
    for (const QString &code : chosen) {
        SandboxMeituanBook::Consumption consumption;
        consumption.poiId = poiId;
        consumption.requestId = request.requestId;
        consumption.account = request.appShopAccount;
        consumption.accountName = request.appShopAccountName;
        const auto &done = m_book.consume(code, consumption);
        result.append(SandboxMeituanJson::consumed(order, *m_book.receipt(code), done));
    }
    const QJsonObject data{{QStringLiteral("result"), result}};
    m_book.addConsumeRecord(request.requestId, {poiId, request.receiptCode, request.count, data});
    return Answer::success(data);
}

Answer SandboxMeituanConsumption::replay(const QString &poiId, const ConsumeRequest &request,
                                         const SandboxMeituanBook::ConsumeRecord &record) const
{
    if (record.poiId != poiId || record.receiptCode != request.receiptCode
        || record.count != request.count)
        return Answer::paramError(
                QStringLiteral("biz.requestId: already used by another consume (receipt %1, "
                               "count %2)")
                        .arg(record.receiptCode)
                        .arg(record.count));
    return Answer::success(record.data);
}

Answer SandboxMeituanConsumption::reverse(const QString &poiId, const ReverseRequest &request)
{
    const Receipt *receipt = m_book.receipt(request.receiptCode);
    if (!receipt)
        return refused(MeituanApi::CODE_NOT_FOUND);
    const SandboxMeituanBook::Order &order = *m_book.orderOf(*receipt);
    if (order.poiId != poiId)
        return refused(MeituanApi::CODE_WRONG_STORE);
    if (receipt->status == Status::Refunding)
        return refused(MeituanApi::CODE_REFUNDING);
    if (receipt->status == Status::Refunded)
        return refused(MeituanApi::CODE_REFUNDED);
    const SandboxMeituanBook::Consumption *consumption = m_book.activeConsumption(*receipt);
    if (!consumption)
        return refused(MeituanApi::REVERSE_NOT_ALLOWED, QStringLiteral("券码未核销"));
    if (!consumption->byDeveloper())
        return refused(MeituanApi::REVERSE_NOT_ALLOWED, QStringLiteral("该券不是本开发者核销的"));
    if (m_book.now() - consumption->time > MeituanApi::CANCEL_WINDOW_SECONDS)
        return refused(MeituanApi::REVERSE_NOT_ALLOWED, QStringLiteral("核销已超过10分钟"));
    if (request.dealId != order.dealId)
        return refused(MeituanApi::REVERSE_NOT_ALLOWED, QStringLiteral("dealId与券码不符"));
    m_book.reverse(request.receiptCode);
    return Answer::success(QJsonObject{{QStringLiteral("result"),
                                        QJsonArray{SandboxMeituanJson::reversed(
                                                order, *m_book.receipt(request.receiptCode))}}});
}

Answer SandboxMeituanConsumption::consumeElsewhere(const QString &receiptCode)
{
    const Receipt *receipt = m_book.receipt(receiptCode);
    const QString poiId = receipt ? m_book.orderOf(*receipt)->poiId : QString();
    const Answer check = unusable(poiId, receipt);
    if (!check.ok())
        return check;
    SandboxMeituanBook::Consumption consumption;
    consumption.poiId = poiId;
    m_book.consume(receiptCode, consumption);
    return Answer::success(QJsonValue::Null);
}
