#include "core/runtime/democouponshelf.h"

#include "core/sandbox/sandboxdemodata.h"
#include "core/sandbox/sandboxserver.h"
#include "core/sandbox/sandboxstate.h"

namespace {

DemoCoupon couponOf(const SandboxServer *sandbox, const SandboxState::Order &order)
{
    const SandboxState &state = const_cast<SandboxServer *>(sandbox)->state();
    DemoCoupon coupon;
    coupon.orderId = order.orderId;
    coupon.poiId = order.poiId;
    if (const SandboxState::Poi *poi = state.poi(order.poiId))
        coupon.poiName = poi->name;
    coupon.productName = order.productName;
    coupon.shortLink =
            sandbox->baseUrl().toString() + QStringLiteral("/v/") + order.shortLinkId + u'/';
    for (const QString &id : order.certificateIds) {
        const SandboxState::Certificate *certificate = state.certificate(id);
        if (!certificate || state.status(*certificate) != DouyinApi::CertificateStatus::Usable)
            continue;
        coupon.codes.append(certificate->code);
        coupon.payAmount = certificate->payAmount;
    }
    return coupon;
}

// A Meituan demo order as the panel shows it: its QR code carries the plain receipt code.
DemoCoupon couponOf(const SandboxState::MeituanOrder &order)
{
    DemoCoupon coupon;
    coupon.platform = PlatformId::Meituan;
    coupon.orderId = order.orderId;
    coupon.poiId = order.poiId;
    coupon.poiName = order.poiName;
    coupon.productName = order.dealTitle;
    coupon.codes = order.usableCodes;
    coupon.payAmount = order.dealPriceFen;
    return coupon;
}

// The store's usable Meituan demo coupons, topped up to one order when it has none left.
QList<DemoCoupon> meituanCoupons(SandboxState &state, const QString &poiId)
{
    QList<DemoCoupon> coupons;
    bool storeHasOne = false;
    for (const SandboxState::MeituanOrder &order : state.meituanOrders()) {
        if (order.usableCodes.isEmpty())
            continue;
        coupons.prepend(couponOf(order)); // newest first
        storeHasOne = storeHasOne || order.poiId == poiId;
    }
    if (!storeHasOne && !poiId.isEmpty() && state.poi(poiId)) {
        const int serial = int(state.meituanOrders().size());
        if (state.mintMeituanOrder(SandboxDemoData::meituanRefill(poiId, serial)).ok()) {
            const QList<SandboxState::MeituanOrder> orders = state.meituanOrders();
            coupons.prepend(couponOf(orders.constLast()));
        }
    }
    return coupons;
}

} // namespace

DemoCouponShelf::DemoCouponShelf(SandboxServer *sandbox) : m_sandbox(sandbox) { }

QList<DemoCoupon> DemoCouponShelf::coupons(const QString &poiId, int minimum)
{
    QList<DemoCoupon> coupons;
    SandboxServer *sandbox = m_sandbox;
    SandboxState &state = sandbox->state();
    int usable = 0;
    for (const QString &orderId : state.orderIds()) {
        if (const SandboxState::Order *order = state.order(orderId)) {
            const DemoCoupon coupon = couponOf(sandbox, *order);
            if (coupon.codes.isEmpty())
                continue;
            coupons.prepend(coupon); // newest first
            usable += coupon.poiId == poiId;
        }
    }
    // Minted here on the gateway thread, between two reads of the state, so two refreshes in
    // flight cannot both top the store up.
    if (!poiId.isEmpty() && state.poi(poiId)) {
        for (; usable < minimum; ++usable) {
            const auto minted =
                    state.mintOrder(SandboxDemoData::refill(poiId, int(state.orderIds().size())));
            if (!minted.ok())
                break;
            coupons.prepend(couponOf(sandbox, *state.order(minted.value().orderId)));
        }
    }
    // Meituan's after Douyin's: the panel lists Douyin's first, as before.
    coupons.append(meituanCoupons(state, poiId));
    return coupons;
}

Result<DemoCoupon> DemoCouponShelf::mint(const QString &poiId)
{
    SandboxState &state = m_sandbox->state();
    const QString store = state.poi(poiId) ? poiId : QString();
    const auto minted =
            state.mintOrder(SandboxDemoData::refill(store, int(state.orderIds().size())));
    if (!minted.ok())
        return minted.error();
    return couponOf(m_sandbox, *state.order(minted.value().orderId));
}
