#include "core/sandbox/sandboxmeituanbook.h"

#include <cstdlib>

#include "core/meituan/meituanapi.h"

namespace {

constexpr int DEFAULT_EXPIRE_DAYS = 90;
constexpr int MAX_DAYS = 36500;
constexpr qint64 DEFAULT_PRICE_FEN = 9990;
constexpr qint64 DEFAULT_MARKET_PRICE_FEN = 15800;
constexpr qint64 MAX_FEN = Q_INT64_C(100000000000); // 10^9 yuan: absurd but exact
constexpr qint64 SECONDS_PER_DAY = 86400;
constexpr int MAX_TEXT_LENGTH = 200;
constexpr int MAX_POI_ID_LENGTH = 64;
constexpr int RECEIPT_CODE_LENGTH = 10; // MEITUAN.md §8: real codes are 10 digits

template <typename T>
const T *find(const QHash<QString, T> &hash, const QString &key)
{
    const auto it = hash.constFind(key);
    return it == hash.constEnd() ? nullptr : &*it;
}

Error badField(const QString &field, const QString &why)
{
    return makeError(ErrorCode::BadInput, field + QStringLiteral(": ") + why);
}

bool fenOutOfRange(const std::optional<qint64> &fen)
{
    return fen && (*fen < 0 || *fen > MAX_FEN);
}

} // namespace

QString SandboxMeituanBook::opBizCode(const QString &poiId)
{
    return QStringLiteral("mt-") + poiId;
}

Result<SandboxMeituanBook::Minted> SandboxMeituanBook::mint(const Spec &spec)
{
    if (const auto refused = check(spec))
        return *refused;
    const qint64 t = now();
    Order order;
    order.poiId = storeFor(spec.poiId);
    order.dealTitle =
            spec.dealTitle.isEmpty() ? QStringLiteral("沙盒美团双人套餐") : spec.dealTitle;
    order.dealPriceFen = spec.dealPriceFen.value_or(DEFAULT_PRICE_FEN);
    order.dealMarketPriceFen = spec.dealMarketPriceFen.value_or(
            spec.dealPriceFen ? order.dealPriceFen : DEFAULT_MARKET_PRICE_FEN);
    order.bizType = spec.bizType;
    const auto [dealId, dealGroupId] = dealIds(order);
    order.dealId = dealId;
    order.dealGroupId = dealGroupId;
    order.orderId =
            SandboxIdGenerator::unique([this] { return m_ids.digits(QStringLiteral("4"), 19); },
                                       [this](const QString &id) { return m_orders.contains(id); });
    order.mobile = m_ids.digits(QStringLiteral("13"), 3) + QStringLiteral("****")
            + m_ids.digits(QString(), 4);
    order.createTime = spec.createTime.value_or(t);
    order.startTime = order.createTime + qint64(spec.startsInDays) * SECONDS_PER_DAY;
    order.endTime = spec.endTime.value_or(
            t + qint64(spec.expireInDays.value_or(DEFAULT_EXPIRE_DAYS)) * SECONDS_PER_DAY);
    for (int i = 0; i < spec.receipts; ++i) {
        Receipt receipt;
        receipt.code = newReceiptCode();
        receipt.orderId = order.orderId;
        receipt.paymentDetailId = m_ids.digits(QStringLiteral("2"), 13);
        m_receipts.insert(receipt.code, receipt);
        order.receiptCodes.append(receipt.code);
    }
    m_orders.insert(order.orderId, order);
    m_orderIds.append(order.orderId);
    return Minted{order.orderId, order.poiId,       opBizCode(order.poiId),
                  order.dealId,  order.dealGroupId, order.receiptCodes};
}

std::optional<Error> SandboxMeituanBook::check(const Spec &spec)
{
    if (spec.poiId.isEmpty())
        return badField(QStringLiteral("poi_id"), QStringLiteral("required"));
    if (spec.poiId.size() > MAX_POI_ID_LENGTH)
        return badField(QStringLiteral("poi_id"),
                        QStringLiteral("at most %1 characters").arg(MAX_POI_ID_LENGTH));
    if (spec.receipts < 1 || spec.receipts > MeituanApi::MAX_CONSUME_COUNT)
        return badField(QStringLiteral("receipts"),
                        QStringLiteral("must be 1 to %1").arg(MeituanApi::MAX_CONSUME_COUNT));
    if (spec.dealTitle.size() > MAX_TEXT_LENGTH)
        return badField(QStringLiteral("deal_title"),
                        QStringLiteral("at most %1 characters").arg(MAX_TEXT_LENGTH));
    const QString fenRange = QStringLiteral("must be 0 to %1 fen").arg(MAX_FEN);
    if (fenOutOfRange(spec.dealPriceFen))
        return badField(QStringLiteral("deal_price_fen"), fenRange);
    if (fenOutOfRange(spec.dealMarketPriceFen))
        return badField(QStringLiteral("deal_market_price_fen"), fenRange);
    if (!QList<int>{0, 203, 205, 217}.contains(spec.bizType))
        return badField(QStringLiteral("biz_type"), QStringLiteral("must be 0, 203, 205 or 217"));
    if (spec.expireInDays && std::abs(*spec.expireInDays) > MAX_DAYS)
        return badField(QStringLiteral("expire_in_days"),
                        QStringLiteral("must be -%1 to %1").arg(MAX_DAYS));
    if (spec.startsInDays < 0 || spec.startsInDays > MAX_DAYS)
        return badField(QStringLiteral("starts_in_days"),
                        QStringLiteral("must be 0 to %1").arg(MAX_DAYS));
    return std::nullopt;
}

QString SandboxMeituanBook::storeFor(const QString &poiId)
{
    // Integrators may test with their own store's id: it becomes a store on both platforms.
    if (!hasStore(poiId))
        m_stores.addPoi({poiId, QStringLiteral("沙盒门店 ") + poiId,
                         QStringLiteral("沙盒自动创建的门店"), 0, 0});
    return poiId;
}

QPair<QString, QString> SandboxMeituanBook::dealIds(const Order &order)
{
    // The same deal sold again keeps its ids, as a real deal does.
    const QString key = order.dealTitle + u'\n' + QString::number(order.dealPriceFen) + u'\n'
            + QString::number(order.dealMarketPriceFen) + u'\n' + QString::number(order.bizType);
    if (!m_deals.contains(key)) {
        // Nine digits, like Meituan's: exact as JSON numbers, which prepare sends them as.
        m_deals.insert(
                key, {m_ids.digits(QStringLiteral("6"), 9), m_ids.digits(QStringLiteral("7"), 9)});
    }
    return m_deals.value(key);
}

QString SandboxMeituanBook::newReceiptCode()
{
    return SandboxIdGenerator::unique(
            [this] { return m_ids.digits(QString(), RECEIPT_CODE_LENGTH); },
            // A leading zero would not survive a client that reads the code as a number.
            [this](const QString &code) {
                return code.startsWith(u'0') || m_receipts.contains(code);
            });
}

Result<Done> SandboxMeituanBook::refund(const QString &orderId, const QStringList &codes,
                                        bool inProgress)
{
    const Order *found = order(orderId);
    if (!found)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order: %1").arg(orderId));
    QStringList chosen = codes;
    if (chosen.isEmpty()) {
        for (const QString &code : found->receiptCodes) {
            const Status status = m_receipts.value(code).status;
            if (status == Status::Unused || (status == Status::Refunding && !inProgress))
                chosen.append(code);
        }
        if (chosen.isEmpty())
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("receipt_codes: nothing left "
                                            "to refund in this order"));
    }
    for (const QString &code : chosen) {
        const Receipt *receipt = this->receipt(code);
        if (!receipt || receipt->orderId != orderId)
            return badField(QStringLiteral("receipt_codes"),
                            QStringLiteral("%1 is not a receipt of this order").arg(code));
        if (receipt->status == Status::Refunded
            || (receipt->status == Status::Refunding && inProgress))
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("receipt_codes: %1 is already refunded").arg(code));
    }
    for (const QString &code : chosen)
        m_receipts[code].status = inProgress ? Status::Refunding : Status::Refunded;
    return Done{};
}

const SandboxMeituanBook::Order *SandboxMeituanBook::order(const QString &orderId) const
{
    return find(m_orders, orderId);
}

const SandboxMeituanBook::Receipt *SandboxMeituanBook::receipt(const QString &code) const
{
    return find(m_receipts, code);
}

const SandboxMeituanBook::Consumption *
SandboxMeituanBook::activeConsumption(const Receipt &receipt) const
{
    if (receipt.activeConsumption < 0)
        return nullptr;
    return &m_consumptions.at(receipt.activeConsumption);
}

bool SandboxMeituanBook::isExpired(const Receipt &receipt) const
{
    const Order *owner = orderOf(receipt);
    return owner && now() > owner->endTime;
}

bool SandboxMeituanBook::isStarted(const Receipt &receipt) const
{
    const Order *owner = orderOf(receipt);
    return owner && now() >= owner->startTime;
}

bool SandboxMeituanBook::isUsable(const Receipt &receipt) const
{
    return receipt.status == Status::Unused && isStarted(receipt) && !isExpired(receipt);
}

QStringList SandboxMeituanBook::usableCodes(const Order &order) const
{
    QStringList codes;
    for (const QString &code : order.receiptCodes) {
        if (isUsable(*receipt(code)))
            codes.append(code);
    }
    return codes;
}

QList<SandboxMeituanBook::Summary> SandboxMeituanBook::summaries() const
{
    QList<Summary> list;
    for (const QString &id : m_orderIds) {
        const Order &o = m_orders[id];
        const SandboxOrderBook::Poi *store = m_stores.poi(o.poiId);
        list.append({o.orderId, o.poiId, store ? store->name : QString(), opBizCode(o.poiId),
                     o.dealId, o.dealGroupId, o.dealTitle, o.dealPriceFen, usableCodes(o)});
    }
    return list;
}

const SandboxMeituanBook::Consumption &SandboxMeituanBook::consume(const QString &code,
                                                                   Consumption consumption)
{
    consumption.receiptCode = code;
    consumption.time = now();
    consumption.flowId = SandboxIdGenerator::unique(
            // Fifteen digits: below 2^53, so exact as the JSON number Meituan sends.
            [this] { return m_ids.digits(QStringLiteral("1"), 15); },
            [this](const QString &id) { return m_flowIds.contains(id); });
    m_flowIds.insert(consumption.flowId);
    m_consumptions.append(consumption);
    Receipt &receipt = m_receipts[code];
    receipt.status = Status::Used;
    receipt.activeConsumption = int(m_consumptions.size() - 1);
    return m_consumptions.last();
}

void SandboxMeituanBook::reverse(const QString &code)
{
    Receipt &receipt = m_receipts[code];
    if (receipt.activeConsumption >= 0) {
        Consumption &consumption = m_consumptions[receipt.activeConsumption];
        consumption.reversed = true;
        consumption.reversedAt = now();
    }
    receipt.status = Status::Unused;
    receipt.activeConsumption = -1;
}

const SandboxMeituanBook::ConsumeRecord *
SandboxMeituanBook::consumeRecord(const QString &requestId) const
{
    return find(m_consumeRecords, requestId);
}

void SandboxMeituanBook::addConsumeRecord(const QString &requestId, const ConsumeRecord &record)
{
    m_consumeRecords.insert(requestId, record);
}
