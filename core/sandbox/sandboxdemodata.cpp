#include "core/sandbox/sandboxdemodata.h"

#include <iterator>

namespace {

// 2024-06-01 10:00 and 2099-12-31 23:59:59, Beijing time: demo coupons never expire.
constexpr qint64 DEMO_CREATE_TIME = 1717207200;
constexpr qint64 DEMO_EXPIRE_TIME = 4102415999;

struct Product
{
    const char16_t *name;
    const char16_t *sku;
    int grouponType;
    qint64 originalAmount; // fen
    qint64 payAmount; // fen
};

// clang-format off
constexpr Product SET_MEAL     = {u"双人套餐", u"【周末通用】双人精品套餐", 1, 25800, 16800};
constexpr Product VOUCHER_100  = {u"100元代金券", u"100元代金券 全场通用", 2, 10000, 8800};
constexpr Product TIMES_CARD   = {u"10次卡", u"精致洗车10次卡", 3, 50000, 29900};
constexpr Product LUNCH        = {u"单人午市套餐", u"工作日单人午市套餐", 1, 8800, 5900};
constexpr Product VOUCHER_50   = {u"50元代金券", u"50元代金券 周一至周五可用", 2, 5000, 4500};
// clang-format on

constexpr const Product *CATALOGUE[] = {&SET_MEAL, &VOUCHER_100, &TIMES_CARD, &LUNCH, &VOUCHER_50};

struct Deal
{
    const char16_t *title;
    qint64 priceFen;
    qint64 marketPriceFen;
    int bizType; // 0 普通团购, 203 拼团, 205 次卡
};

// clang-format off
constexpr Deal MT_SET_MEAL    = {u"【周末通用】双人精品套餐", 15800, 25800, 0};
constexpr Deal MT_VOUCHER_100 = {u"100元代金券 全场通用", 8900, 10000, 0};
constexpr Deal MT_TEA         = {u"双人下午茶套餐", 9990, 16800, 0};
constexpr Deal MT_LUNCH       = {u"工作日单人午市套餐", 5650, 8800, 0};
constexpr Deal MT_TIMES_CARD  = {u"精致洗车10次卡", 29900, 50000, 205};
constexpr Deal MT_HOT_POT     = {u"三人拼团火锅套餐", 19900, 32800, 203};
// clang-format on

constexpr const Deal *MT_CATALOGUE[] = {&MT_SET_MEAL, &MT_VOUCHER_100, &MT_TEA,
                                        &MT_LUNCH,    &MT_TIMES_CARD,  &MT_HOT_POT};

SandboxState::MeituanOrderSpec dealOrder(const Deal &deal, int receipts, const QString &poiId)
{
    SandboxState::MeituanOrderSpec order;
    order.poiId = poiId;
    order.receipts = receipts;
    order.dealTitle = QString::fromUtf16(deal.title);
    order.dealPriceFen = deal.priceFen;
    order.dealMarketPriceFen = deal.marketPriceFen;
    order.bizType = deal.bizType;
    order.endTime = DEMO_EXPIRE_TIME;
    return order;
}

SandboxState::MeituanOrderSpec meituanSpec(const Deal &deal, int receipts, int store,
                                           qint64 minutesAfterStart)
{
    SandboxState::MeituanOrderSpec order =
            dealOrder(deal, receipts, SandboxDemoData::stores().at(store).poiId);
    order.createTime = DEMO_CREATE_TIME + minutesAfterStart * 60;
    return order;
}

SandboxState::OrderSpec productOrder(const Product &product, int certificates, const QString &poiId)
{
    SandboxState::OrderSpec order;
    order.certificates = certificates;
    order.productName = QString::fromUtf16(product.name);
    order.skuName = QString::fromUtf16(product.sku);
    order.grouponType = product.grouponType;
    order.originalAmount = product.originalAmount;
    order.payAmount = product.payAmount;
    order.poiId = poiId;
    order.expireTime = DEMO_EXPIRE_TIME;
    return order;
}

SandboxState::OrderSpec spec(const Product &product, int certificates, int store, int redirects,
                             qint64 minutesAfterStart)
{
    SandboxState::OrderSpec order =
            productOrder(product, certificates, SandboxDemoData::stores().at(store).poiId);
    order.createTime = DEMO_CREATE_TIME + minutesAfterStart * 60;
    order.redirects = redirects;
    return order;
}

} // namespace

namespace SandboxDemoData {

QList<SandboxState::Poi> stores()
{
    return {
            {QStringLiteral("7212541306826811429"), QStringLiteral("抖音示例门店（国贸店）"),
             QStringLiteral("北京市朝阳区建国门外大街1号国贸商城B1层"), 39.909263, 116.460823},
            {QStringLiteral("7212541306826811437"), QStringLiteral("抖音示例门店（徐家汇店）"),
             QStringLiteral("上海市徐汇区虹桥路1号港汇恒隆广场5楼"), 31.194787, 121.436516},
            {QStringLiteral("7212541306826811452"), QStringLiteral("抖音示例门店（天河城店）"),
             QStringLiteral("广州市天河区天河路208号天河城3楼"), 23.132191, 113.327060},
    };
}

QList<SandboxState::OrderSpec> orders()
{
    // Some links answer through an intermediate hop so clients meet multi-hop redirects.
    return {
            spec(SET_MEAL, 1, 0, 1, 0),     spec(VOUCHER_100, 3, 0, 2, 15),
            spec(TIMES_CARD, 1, 1, 1, 42),  spec(LUNCH, 2, 1, 2, 90),
            spec(VOUCHER_50, 2, 2, 1, 133), spec(SET_MEAL, 1, 2, 2, 200),
    };
}

SandboxState::OrderSpec refill(const QString &poiId, int serial)
{
    const int count = int(std::size(CATALOGUE));
    // No createTime: the sandbox stamps it now, so a refill is the store's newest coupon.
    return productOrder(*CATALOGUE[((serial % count) + count) % count], 1, poiId);
}

QList<SandboxState::MeituanOrderSpec> meituanOrders()
{
    return {
            meituanSpec(MT_SET_MEAL, 2, 0, 5),     meituanSpec(MT_VOUCHER_100, 1, 0, 20),
            meituanSpec(MT_LUNCH, 3, 1, 50),       meituanSpec(MT_TEA, 1, 1, 95),
            meituanSpec(MT_TIMES_CARD, 1, 2, 140), meituanSpec(MT_HOT_POT, 2, 2, 210),
    };
}

SandboxState::MeituanOrderSpec meituanRefill(const QString &poiId, int serial)
{
    const int count = int(std::size(MT_CATALOGUE));
    // No createTime: stamped now, like a Douyin refill.
    return dealOrder(*MT_CATALOGUE[((serial % count) + count) % count], 1, poiId);
}

} // namespace SandboxDemoData
