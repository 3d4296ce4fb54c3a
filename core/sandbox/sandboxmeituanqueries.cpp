#include "core/sandbox/sandboxmeituanqueries.h"

#include <QJsonArray>

#include "core/meituan/meituanapi.h"
#include "core/sandbox/sandboxmeituanjson.h"

namespace {

using Answer = SandboxMeituanAnswer;
using Status = SandboxMeituanBook::Status;

// MEITUAN.md §6's refundStatus values.
constexpr int UNUSED = 0;
constexpr int USED = 1;
constexpr int REFUNDED_UNUSED = 4;
constexpr int REFUNDED_USED = 6;

} // namespace

Answer SandboxMeituanQueries::consumedStatus(const QString &poiId, const QString &receiptCode) const
{
    const SandboxMeituanBook::Receipt *receipt = m_book.receipt(receiptCode);
    if (!receipt)
        return Answer::failure(QLatin1String(MeituanApi::CODE_NOT_FOUND));
    const SandboxMeituanBook::Order &order = *m_book.orderOf(*receipt);
    if (order.poiId != poiId)
        return Answer::failure(QLatin1String(MeituanApi::CODE_WRONG_STORE));
    const SandboxMeituanBook::Consumption *consumption = m_book.activeConsumption(*receipt);
    if (!consumption)
        return Answer::failure(QLatin1String(MeituanApi::CODE_NOT_FOUND),
                               QStringLiteral("券码未核销"));
    if (receipt->status == Status::Refunding)
        return Answer::failure(QLatin1String(MeituanApi::CODE_REFUNDING));
    if (receipt->status == Status::Refunded)
        return Answer::failure(QLatin1String(MeituanApi::CODE_REFUNDED));
    return Answer::success(SandboxMeituanJson::consumedStatus(order, *consumption));
}

Answer SandboxMeituanQueries::listByDate(const QString &poiId, const QDate &date, int offset,
                                         int limit) const
{
    const QString day = date.toString(QStringLiteral("yyyy-MM-dd"));
    QJsonArray records;
    int total = 0;
    // Consumptions are kept in the order they were made, which is verify-time order: the
    // sandbox clock never goes back.
    for (const SandboxMeituanBook::Consumption &consumption : m_book.consumptions()) {
        if (consumption.poiId != poiId || SandboxMeituanJson::beijingDate(consumption.time) != day)
            continue;
        if (total >= offset && records.size() < limit) {
            const SandboxMeituanBook::Receipt *receipt = m_book.receipt(consumption.receiptCode);
            records.append(SandboxMeituanJson::listRecord(*m_book.orderOf(*receipt), consumption,
                                                          refundStatus(consumption)));
        }
        ++total;
    }
    return Answer::success(QJsonObject{{QStringLiteral("totalCount"), total},
                                       {QStringLiteral("records"), records}});
}

int SandboxMeituanQueries::refundStatus(const SandboxMeituanBook::Consumption &consumption) const
{
    const bool refunded = m_book.receipt(consumption.receiptCode)->status == Status::Refunded;
    if (consumption.reversed)
        return refunded ? REFUNDED_UNUSED : UNUSED;
    return refunded ? REFUNDED_USED : USED;
}
