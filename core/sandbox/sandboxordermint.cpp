#include "core/sandbox/sandboxordermint.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "core/douyin/douyinapi.h"

namespace {

constexpr int DEFAULT_EXPIRE_DAYS = 90;
constexpr int MAX_EXPIRE_DAYS = 36500;
constexpr qint64 DEFAULT_PAY_AMOUNT = 9900;
constexpr qint64 DEFAULT_ORIGINAL_AMOUNT = 12800;
constexpr qint64 MAX_AMOUNT = Q_INT64_C(100000000000); // 10^9 yuan in fen: absurd but exact
constexpr qint64 SECONDS_PER_DAY = 86400;
constexpr int MAX_TEXT_LENGTH = 200;
constexpr int MAX_POI_ID_LENGTH = 64;

QString defaultProductName()
{
    return QStringLiteral("沙盒双人套餐");
}

Error badField(const QString &field, const QString &why)
{
    return makeError(ErrorCode::BadInput, field + QStringLiteral(": ") + why);
}

bool amountOutOfRange(const std::optional<qint64> &amount)
{
    return amount && (*amount < 0 || *amount > MAX_AMOUNT);
}

} // namespace

Result<SandboxOrderMint::Minted> SandboxOrderMint::mint(const Spec &spec)
{
    if (const auto refused = check(spec))
        return *refused;
    const qint64 t = m_book.now();
    const qint64 expireTime = spec.expireTime.value_or(
            t + spec.expireInDays.value_or(DEFAULT_EXPIRE_DAYS) * SECONDS_PER_DAY);
    SandboxOrderBook::Order order = newOrder(spec, storeFor(spec), t);
    Minted minted;
    minted.orderId = order.orderId;
    minted.shortLinkId = order.shortLinkId;
    minted.poiId = order.poiId;
    for (int i = 0; i < spec.certificates; ++i) {
        // Each goes into the book at once, so the next one's ids are unique against it too.
        const SandboxOrderBook::Certificate certificate = newCertificate(spec, order, expireTime);
        order.certificateIds.append(certificate.certificateId);
        minted.certificateIds.append(certificate.certificateId);
        minted.codes.append(certificate.code);
        minted.encryptedCodes.append(certificate.encryptedCode);
        m_book.addCertificate(certificate);
    }
    m_book.addOrder(order);
    return minted;
}

std::optional<Error> SandboxOrderMint::check(const Spec &spec)
{
    const auto tooLong = [](const QString &text, int limit) {
        return text.size() > limit;
    };
    const QString atMost = QStringLiteral("at most %1 characters");
    if (spec.certificates < 1 || spec.certificates > DouyinApi::MAX_CODES_PER_VERIFY)
        return badField(QStringLiteral("certificates"),
                        QStringLiteral("must be 1 to %1").arg(DouyinApi::MAX_CODES_PER_VERIFY));
    if (tooLong(spec.productName, MAX_TEXT_LENGTH))
        return badField(QStringLiteral("product_name"), atMost.arg(MAX_TEXT_LENGTH));
    if (tooLong(spec.skuName, MAX_TEXT_LENGTH))
        return badField(QStringLiteral("sku_name"), atMost.arg(MAX_TEXT_LENGTH));
    if (spec.grouponType < 1 || spec.grouponType > 3)
        return badField(QStringLiteral("groupon_type"), QStringLiteral("must be 1, 2 or 3"));
    const QString fenRange = QStringLiteral("must be 0 to %1 fen").arg(MAX_AMOUNT);
    if (amountOutOfRange(spec.payAmount))
        return badField(QStringLiteral("pay_amount"), fenRange);
    if (amountOutOfRange(spec.originalAmount))
        return badField(QStringLiteral("original_amount"), fenRange);
    if (spec.expireInDays && std::abs(*spec.expireInDays) > MAX_EXPIRE_DAYS)
        return badField(QStringLiteral("expire_in_days"),
                        QStringLiteral("must be -%1 to %1").arg(MAX_EXPIRE_DAYS));
    if (tooLong(spec.poiId, MAX_POI_ID_LENGTH))
        return badField(QStringLiteral("poi_id"), atMost.arg(MAX_POI_ID_LENGTH));
    if (spec.redirects < 1 || spec.redirects > 2)
        return badField(QStringLiteral("redirects"), QStringLiteral("must be 1 or 2"));
    return std::nullopt;
}

QString SandboxOrderMint::storeFor(const Spec &spec)
{
    if (m_book.pois().isEmpty())
        m_book.addPoi({QStringLiteral("7000000000000000001"), QStringLiteral("沙盒门店"), QString(),
                       0, 0});
    const QString poiId = spec.poiId.isEmpty() ? m_book.pois().first().poiId : spec.poiId;
    if (!m_book.poi(poiId)) {
        // Integrators may test with their own store's id: it simply becomes a store here.
        m_book.addPoi({poiId, QStringLiteral("沙盒门店 ") + poiId,
                       QStringLiteral("沙盒自动创建的门店"), 0, 0});
    }
    return poiId;
}

SandboxOrderBook::Order SandboxOrderMint::newOrder(const Spec &spec, const QString &poiId,
                                                   qint64 now)
{
    SandboxOrderBook::Order order;
    order.productName = spec.productName.isEmpty() ? defaultProductName() : spec.productName;
    order.skuName = spec.skuName.isEmpty() ? order.productName : spec.skuName;
    const QString productKey =
            order.productName + u'\n' + order.skuName + u'\n' + QString::number(spec.grouponType);
    if (!m_products.contains(productKey)) {
        m_products.insert(
                productKey,
                {m_ids.digits(QStringLiteral("17"), 19), m_ids.digits(QStringLiteral("17"), 19)});
    }
    std::tie(order.productId, order.skuId) = m_products.value(productKey);
    order.orderId = SandboxIdGenerator::unique(
            [this] { return m_ids.digits(QStringLiteral("10"), 19); },
            [this](const QString &id) { return m_book.order(id) != nullptr; });
    order.shortLinkId = SandboxIdGenerator::unique(
            [this] { return m_ids.alnum(8); },
            [this](const QString &id) { return m_book.orderByShortLink(id) != nullptr; });
    order.encryptedData = SandboxIdGenerator::unique(
            [this] { return m_ids.opaque(72); },
            [this](const QString &data) { return m_book.orderByEncryptedData(data) != nullptr; });
    order.poiId = poiId;
    order.createTime = spec.createTime.value_or(now);
    order.updateTime = order.createTime;
    order.redirects = spec.redirects;
    return order;
}

SandboxOrderBook::Certificate SandboxOrderMint::newCertificate(const Spec &spec,
                                                               const SandboxOrderBook::Order &order,
                                                               qint64 expireTime)
{
    SandboxOrderBook::Certificate certificate;
    certificate.certificateId = SandboxIdGenerator::unique(
            [this] { return m_ids.digits(QStringLiteral("7"), 19); },
            [this](const QString &id) { return m_book.certificate(id) != nullptr; });
    certificate.code = SandboxIdGenerator::unique(
            [this] { return m_ids.digits(QStringLiteral("10"), 15); },
            [this](const QString &code) { return m_book.certificateByCode(code) != nullptr; });
    certificate.encryptedCode = SandboxIdGenerator::unique(
            [this] { return m_ids.opaque(48); },
            [this](const QString &code) {
                return m_book.certificateByEncryptedCode(code) != nullptr;
            });
    certificate.orderId = order.orderId;
    certificate.productId = order.productId;
    certificate.productName = order.productName;
    certificate.skuId = order.skuId;
    certificate.skuTitle = order.skuName;
    certificate.grouponType = spec.grouponType;
    certificate.timesCount = spec.grouponType == 3 ? std::max(1, spec.timesCount) : 1;
    certificate.exchange = spec.exchange;
    certificate.payAmount = spec.payAmount.value_or(DEFAULT_PAY_AMOUNT);
    certificate.originalAmount = spec.originalAmount.value_or(
            spec.payAmount ? std::max(certificate.payAmount, qint64(0)) : DEFAULT_ORIGINAL_AMOUNT);
    certificate.startTime = order.createTime;
    certificate.expireTime = expireTime;
    return certificate;
}
