#include "core/sandbox/sandboxstate.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>
#include <QUuid>

#include "core/sandbox/sandboxdemodata.h"

namespace {

using Status = DouyinApi::CertificateStatus;

constexpr int MAX_ACCESS_TOKENS = 10000;
constexpr int PURGE_EVERY_PREPARES = 1024;
constexpr int DEFAULT_EXPIRE_DAYS = 90;
constexpr int MAX_EXPIRE_DAYS = 36500;
constexpr qint64 DEFAULT_PAY_AMOUNT = 9900;
constexpr qint64 DEFAULT_ORIGINAL_AMOUNT = 12800;
constexpr qint64 MAX_AMOUNT = Q_INT64_C(100000000000); // 10^9 yuan in fen: absurd but exact
constexpr qint64 SECONDS_PER_DAY = 86400;
constexpr int BEIJING_OFFSET_SECONDS = 8 * 3600;
constexpr int MAX_PAGE_SIZE = 100;
constexpr int MAX_TEXT_LENGTH = 200;
constexpr int MAX_POI_ID_LENGTH = 64;
// The demo data draws its ids from this seed, so they are the same on every start.
constexpr quint32 DEMO_SEED = 20240601;

QString defaultProductName()
{
    return QStringLiteral("沙盒双人套餐");
}

Error badField(const QString &field, const QString &why)
{
    return makeError(ErrorCode::BadInput, field + QStringLiteral(": ") + why);
}

SandboxAnswer badParameter(const QString &detail)
{
    return SandboxAnswer::failure(DouyinApi::BAD_PARAMETER,
                                  SandboxState::describe(DouyinApi::BAD_PARAMETER)
                                          + QStringLiteral(": ") + detail);
}

SandboxAnswer notFound(const QString &what)
{
    return SandboxAnswer::failure(DouyinApi::CERTIFICATE_NOT_FOUND,
                                  SandboxState::describe(DouyinApi::CERTIFICATE_NOT_FOUND)
                                          + QStringLiteral(": ") + what);
}

template <typename T>
QList<T> pageOf(const QList<T> &all, int page, int size)
{
    const qsizetype from = qsizetype(page - 1) * size;
    if (from >= all.size())
        return {};
    return all.mid(from, size);
}

} // namespace

SandboxState::SandboxState(SandboxConfig config) : m_config(std::move(config)), m_random(DEMO_SEED)
{
    if (!m_config.clock)
        m_config.clock = [] {
            return QDateTime::currentSecsSinceEpoch();
        };
    for (const Poi &store : SandboxDemoData::stores())
        addPoi(store);
    if (m_config.seedDemoData) {
        for (const OrderSpec &spec : SandboxDemoData::orders()) {
            const auto minted = mintOrder(spec);
            Q_ASSERT(minted.ok());
            Q_UNUSED(minted);
        }
    }
    // From here on ids and tokens must not be predictable from one run to the next.
    m_random = QRandomGenerator::securelySeeded();
}

QString SandboxState::describe(qint64 code)
{
    switch (code) {
    case DouyinApi::OK:
        return {};
    case DouyinApi::UNKNOWN_ERROR:
        return QStringLiteral("未知错误");
    case DouyinApi::SYSTEM_BUSY:
        return QStringLiteral("系统繁忙，此时请开发者稍候再试");
    case DouyinApi::BAD_PARAMETER:
    case DouyinApi::PARAMETER_INVALID:
        return QStringLiteral("参数不合法");
    case DouyinApi::BUSY:
        return QStringLiteral("系统繁忙，请稍候再试");
    case DouyinApi::TOO_FREQUENT:
        return QStringLiteral("请求太过频繁，请稍后再试");
    case DouyinApi::MERCHANT_NOT_AUTHORISED:
        return QStringLiteral("应用未获商家授权");
    case DouyinApi::TOKEN_INVALID:
        return QStringLiteral("access_token无效");
    case DouyinApi::CAPABILITY_NOT_GRANTED:
        return QStringLiteral("应用未获得该能力, 请去https://open.douyin.com/申请");
    case DouyinApi::TOKEN_EXPIRED:
        return QStringLiteral("access_token过期,请刷新或重新授权");
    case DouyinApi::CLIENT_KEY_INVALID:
        return QStringLiteral("client_key无效");
    case DouyinApi::CLIENT_SECRET_INVALID:
        return QStringLiteral("client_secret错误");
    case DouyinApi::CLIENT_TOKEN_THROTTLED:
        return QStringLiteral("获取client_token过于频繁，请稍后再试");
    case DouyinApi::VERIFY_REPEATED:
        return QStringLiteral("重复的核销请求");
    case DouyinApi::VERIFY_ALREADY_UNDER_TOKEN:
        return QStringLiteral("该券已使用此verify_token核销");
    case DouyinApi::CERTIFICATE_EXPIRED:
        return QStringLiteral("券码已过期");
    case DouyinApi::CERTIFICATE_REFUNDED:
        return QStringLiteral("券码已退款");
    case DouyinApi::VERIFY_TOKEN_INVALID:
        return QStringLiteral("verify_token无效或已过期，请重新验券准备");
    case DouyinApi::CERTIFICATE_USED:
        return QStringLiteral("券码已使用");
    case DouyinApi::POI_NOT_ALLOWED:
        return QStringLiteral("该门店不可核销此券");
    case DouyinApi::CERTIFICATE_NOT_FOUND:
        return QStringLiteral("券码不存在");
    case DouyinApi::CANCEL_NOT_ALLOWED:
        return QStringLiteral("不可撤销核销");
    default:
        return QStringLiteral("系统错误");
    }
}

// ---- client_token

SandboxAnswer SandboxState::issueClientToken(const QString &clientKey, const QString &clientSecret,
                                             const QString &grantType)
{
    if (clientKey != m_config.clientKey)
        return SandboxAnswer::failure(DouyinApi::CLIENT_KEY_INVALID,
                                      describe(DouyinApi::CLIENT_KEY_INVALID));
    const qint64 t = now();
    while (!m_clientTokenCalls.empty()
           && m_clientTokenCalls.front() <= t - DouyinApi::CLIENT_TOKEN_THROTTLE_WINDOW_SECONDS)
        m_clientTokenCalls.pop_front();
    // Refused calls are not counted, so a client that backs off recovers after the window.
    if (m_clientTokenCalls.size() >= std::size_t(DouyinApi::CLIENT_TOKEN_THROTTLE_CALLS))
        return SandboxAnswer::failure(DouyinApi::CLIENT_TOKEN_THROTTLED,
                                      describe(DouyinApi::CLIENT_TOKEN_THROTTLED));
    m_clientTokenCalls.push_back(t);
    if (clientSecret != m_config.clientSecret)
        return SandboxAnswer::failure(DouyinApi::CLIENT_SECRET_INVALID,
                                      describe(DouyinApi::CLIENT_SECRET_INVALID));
    if (grantType != QLatin1String(DouyinApi::GRANT_TYPE_CLIENT_CREDENTIAL))
        return badParameter(QStringLiteral("grant_type must be client_credential"));

    // Douyin keeps at most the two newest tokens alive: the previous one for the grace
    // period, every older one not at all.
    for (qsizetype i = 0; i < m_accessTokenOrder.size(); ++i) {
        qint64 &validUntil = m_accessTokenValidUntil[m_accessTokenOrder.at(i)];
        const bool previous = i == m_accessTokenOrder.size() - 1;
        validUntil = std::min(validUntil, previous ? t + m_config.tokenGraceSeconds : t);
    }
    QString token;
    do {
        token = QStringLiteral("clt.") + newHex(16) + newAlnum(30);
    } while (m_accessTokenValidUntil.contains(token));
    m_accessTokenValidUntil.insert(token, t + m_config.tokenLifetimeSeconds);
    m_accessTokenOrder.append(token);
    while (m_accessTokenOrder.size() > MAX_ACCESS_TOKENS)
        m_accessTokenValidUntil.remove(m_accessTokenOrder.takeFirst());

    return SandboxAnswer::success({{QStringLiteral("access_token"), token},
                                   {QStringLiteral("expires_in"), m_config.tokenLifetimeSeconds}});
}

qint64 SandboxState::checkAccessToken(const QString &token) const
{
    const auto it = m_accessTokenValidUntil.constFind(token);
    if (token.isEmpty() || it == m_accessTokenValidUntil.constEnd())
        return DouyinApi::TOKEN_INVALID;
    return now() < *it ? DouyinApi::OK : DouyinApi::TOKEN_EXPIRED;
}

int SandboxState::expireAllTokens()
{
    const qint64 t = now();
    int expired = 0;
    for (auto it = m_accessTokenValidUntil.begin(); it != m_accessTokenValidUntil.end(); ++it) {
        if (*it > t) {
            *it = t;
            ++expired;
        }
    }
    return expired;
}

// ---- prepare / verify / cancel

SandboxAnswer SandboxState::prepare(const QString &encryptedData, const QString &code)
{
    if (encryptedData.isEmpty() == code.isEmpty())
        return badParameter(QStringLiteral("exactly one of encrypted_data and code is required"));

    QString orderId;
    QList<const Certificate *> candidates;
    if (!code.isEmpty()) {
        const Certificate *found = certificateByCode(code);
        if (!found)
            return notFound(QStringLiteral("code"));
        orderId = found->orderId;
        candidates.append(found);
    } else {
        orderId = m_orderByEncryptedData.value(encryptedData);
        if (orderId.isEmpty())
            return notFound(QStringLiteral("encrypted_data"));
        for (const QString &id : std::as_const(m_orders[orderId].certificateIds))
            candidates.append(certificate(id));
    }

    VerifyToken record;
    record.orderId = orderId;
    record.expiresAt = now() + m_config.verifyTokenLifetimeSeconds;
    QJsonArray listed;
    for (const Certificate *candidate : std::as_const(candidates)) {
        if (!isUsable(*candidate))
            continue;
        record.certificateIds.insert(candidate->certificateId);
        listed.append(certificateJson(*candidate, false));
    }
    if (listed.isEmpty()) {
        const qint64 reason = unusableReason(candidates);
        return SandboxAnswer::failure(reason, describe(reason));
    }

    QString token;
    do {
        QByteArray bytes(16, Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(m_random.bounded(256));
        token = QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
    } while (m_verifyTokens.contains(token));
    m_verifyTokens.insert(token, record);
    if (++m_preparesSincePurge >= PURGE_EVERY_PREPARES)
        purgeVerifyTokens();

    return SandboxAnswer::success({{QStringLiteral("verify_token"), token},
                                   {QStringLiteral("order_id"), orderId},
                                   {QStringLiteral("certificates"), listed}});
}

void SandboxState::purgeVerifyTokens()
{
    // An expired token answers exactly like an unknown one (1229), so forgetting it is safe.
    m_preparesSincePurge = 0;
    const qint64 t = now();
    for (auto it = m_verifyTokens.begin(); it != m_verifyTokens.end();) {
        if (t >= it->expiresAt)
            it = m_verifyTokens.erase(it);
        else
            ++it;
    }
}

SandboxAnswer SandboxState::verify(const VerifyRequest &request)
{
    if (request.verifyToken.isEmpty())
        return badParameter(QStringLiteral("verify_token is required"));
    if (request.poiId.isEmpty())
        return badParameter(QStringLiteral("poi_id is required"));
    if (request.codes.isEmpty() || request.codes.size() > DouyinApi::MAX_CODES_PER_VERIFY)
        return badParameter(QStringLiteral("encrypted_codes (or codes) must list 1 to %1 codes")
                                    .arg(DouyinApi::MAX_CODES_PER_VERIFY));
    QStringList sorted = request.codes;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.cbegin(), sorted.cend()) != sorted.cend())
        return badParameter(QStringLiteral("a code is listed twice"));

    const auto lookup = [&](const QString &sent) {
        return request.plainCodes ? certificateByCode(sent) : certificateByEncryptedCode(sent);
    };
    const auto answer = [](const QJsonArray &results) {
        return SandboxAnswer::success({{QStringLiteral("verify_results"), results}});
    };
    const auto everyCode = [&](qint64 result) {
        QJsonArray results;
        for (const QString &sent : request.codes)
            results.append(verifyResult(sent, lookup(sent), result));
        return answer(results);
    };

    const qint64 t = now();
    const auto tokenIt = m_verifyTokens.find(request.verifyToken);
    if (tokenIt == m_verifyTokens.end() || t >= tokenIt->expiresAt)
        return everyCode(DouyinApi::VERIFY_TOKEN_INVALID);
    VerifyToken &token = *tokenIt;
    if (!request.orderId.isEmpty() && request.orderId != token.orderId)
        return badParameter(QStringLiteral("order_id does not match the verify_token's order"));

    if (token.used) {
        const bool identical = token.poiId == request.poiId && token.sortedCodes == sorted
                && token.plainCodes == request.plainCodes;
        if (!identical)
            return everyCode(DouyinApi::VERIFY_TOKEN_INVALID);
        QJsonArray results;
        for (const QString &sent : request.codes) {
            const Certificate *found = lookup(sent);
            const VerifyRecord *record = found ? activeRecord(*found) : nullptr;
            if (record && record->verifyToken == request.verifyToken) {
                // A repeat right after the first is a duplicate request (2); later, the token
                // is reported as already used for this code (1208).
                const bool duplicate =
                        t - record->verifyTime < DouyinApi::VERIFY_DUPLICATE_WINDOW_SECONDS;
                QJsonObject result =
                        verifyResult(sent, found,
                                     duplicate ? DouyinApi::VERIFY_REPEATED
                                               : DouyinApi::VERIFY_ALREADY_UNDER_TOKEN);
                result.insert(QStringLiteral("verify_id"), record->verifyId);
                result.insert(QStringLiteral("verify_time"), record->verifyTime);
                results.append(result);
                continue;
            }
            // A failure stays the same failure; a success since cancelled is a spent token.
            const qint64 original = token.results.value(sent, DouyinApi::VERIFY_TOKEN_INVALID);
            results.append(verifyResult(sent, found,
                                        original == DouyinApi::OK
                                                ? qint64(DouyinApi::VERIFY_TOKEN_INVALID)
                                                : original));
        }
        return answer(results);
    }

    token.used = true;
    token.poiId = request.poiId;
    token.sortedCodes = sorted;
    token.plainCodes = request.plainCodes;
    QJsonArray results;
    for (const QString &sent : request.codes) {
        const Certificate *found = lookup(sent);
        qint64 result = DouyinApi::OK;
        if (!found || !token.certificateIds.contains(found->certificateId))
            result = DouyinApi::VERIFY_TOKEN_INVALID;
        else if (status(*found) == Status::Verified)
            result = DouyinApi::CERTIFICATE_USED;
        else if (status(*found) == Status::Refunded)
            result = DouyinApi::CERTIFICATE_REFUNDED;
        else if (status(*found) == Status::Expired)
            result = DouyinApi::CERTIFICATE_EXPIRED;
        else if (order(found->orderId)->poiId != request.poiId)
            result = DouyinApi::POI_NOT_ALLOWED;
        token.results.insert(sent, result);
        if (result != DouyinApi::OK) {
            results.append(verifyResult(sent, found, result));
            continue;
        }

        Certificate &certificate = m_certificates[found->certificateId];
        VerifyRecord record;
        do {
            record.verifyId = newDigits(QStringLiteral("7"), 19);
        } while (m_certificateByVerifyId.contains(record.verifyId));
        record.certificateId = certificate.certificateId;
        record.poiId = request.poiId;
        record.verifyToken = request.verifyToken;
        record.verifyTime = t;
        certificate.verifyRecords.append(record);
        certificate.storedStatus = Status::Verified;
        m_certificateByVerifyId.insert(record.verifyId, certificate.certificateId);
        m_orders[certificate.orderId].updateTime = t;

        QJsonObject json = verifyResult(sent, &certificate, DouyinApi::OK);
        json.insert(QStringLiteral("verify_id"), record.verifyId);
        json.insert(QStringLiteral("verify_time"), record.verifyTime);
        results.append(json);
    }
    return answer(results);
}

SandboxAnswer SandboxState::cancel(const QString &verifyId, const QString &certificateId)
{
    if (verifyId.isEmpty())
        return badParameter(QStringLiteral("verify_id is required"));
    if (certificateId.isEmpty())
        return badParameter(QStringLiteral("certificate_id is required"));
    const QString owner = m_certificateByVerifyId.value(verifyId);
    if (owner.isEmpty())
        return notFound(QStringLiteral("verify_id"));
    if (owner != certificateId)
        return badParameter(QStringLiteral("certificate_id does not match verify_id"));

    Certificate &certificate = m_certificates[owner];
    for (VerifyRecord &record : certificate.verifyRecords) {
        if (record.verifyId != verifyId)
            continue;
        if (record.cancelled)
            return SandboxAnswer::failure(DouyinApi::CANCEL_NOT_ALLOWED,
                                          describe(DouyinApi::CANCEL_NOT_ALLOWED)
                                                  + QStringLiteral(": 该核销已撤销"));
        if (!canCancel(record))
            return SandboxAnswer::failure(DouyinApi::CANCEL_NOT_ALLOWED,
                                          describe(DouyinApi::CANCEL_NOT_ALLOWED)
                                                  + QStringLiteral(": 已超过1小时撤销期限"));
        const qint64 t = now();
        record.cancelled = true;
        record.cancelTime = t;
        certificate.storedStatus = Status::Usable;
        m_orders[certificate.orderId].updateTime = t;
        return SandboxAnswer::success({});
    }
    return notFound(QStringLiteral("verify_id"));
}

// ---- queries

SandboxAnswer SandboxState::certificateGet(const QString &encryptedCode) const
{
    if (encryptedCode.isEmpty())
        return badParameter(QStringLiteral("encrypted_code is required"));
    const Certificate *found = certificateByEncryptedCode(encryptedCode);
    if (!found)
        return notFound(QStringLiteral("encrypted_code"));
    return SandboxAnswer::success({{QStringLiteral("certificate"), certificateJson(*found, true)}});
}

SandboxAnswer SandboxState::certificateQuery(const QString &encryptedCode,
                                             const QString &orderId) const
{
    if (encryptedCode.isEmpty() && orderId.isEmpty())
        return badParameter(QStringLiteral("encrypted_code or order_id is required"));
    QJsonArray certificates;
    if (!encryptedCode.isEmpty()) {
        const Certificate *found = certificateByEncryptedCode(encryptedCode);
        if (!found || (!orderId.isEmpty() && found->orderId != orderId))
            return notFound(QStringLiteral("encrypted_code"));
        certificates.append(numericIds(certificateJson(*found, true)));
    } else {
        const Order *found = order(orderId);
        if (!found)
            return notFound(QStringLiteral("order_id"));
        for (const QString &id : found->certificateIds)
            certificates.append(numericIds(certificateJson(*certificate(id), true)));
    }
    return SandboxAnswer::success({{QStringLiteral("certificates"), certificates}});
}

SandboxAnswer SandboxState::orderQuery(const QString &accountId, const QString &orderId,
                                       int pageNum, int pageSize) const
{
    if (!accountId.isEmpty() && accountId != m_config.accountId)
        return SandboxAnswer::failure(DouyinApi::MERCHANT_NOT_AUTHORISED,
                                      describe(DouyinApi::MERCHANT_NOT_AUTHORISED));
    if (pageNum < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
        return badParameter(
                QStringLiteral("page_num must be >= 1 and page_size 1 to %1").arg(MAX_PAGE_SIZE));
    QStringList ids;
    if (!orderId.isEmpty()) {
        if (m_orders.contains(orderId))
            ids.append(orderId);
    } else {
        // Newest first, as a merchant's order list reads.
        ids = m_orderIds;
        std::reverse(ids.begin(), ids.end());
    }
    QJsonArray orders;
    for (const QString &id : pageOf(ids, pageNum, pageSize))
        orders.append(orderJson(m_orders[id]));
    return SandboxAnswer::success({{QStringLiteral("orders"), orders},
                                   {QStringLiteral("page_num"), pageNum},
                                   {QStringLiteral("page_size"), pageSize},
                                   {QStringLiteral("total"), int(ids.size())}});
}

SandboxAnswer SandboxState::poiQuery(const QString &accountId, int page, int size) const
{
    if (!accountId.isEmpty() && accountId != m_config.accountId)
        return SandboxAnswer::failure(DouyinApi::MERCHANT_NOT_AUTHORISED,
                                      describe(DouyinApi::MERCHANT_NOT_AUTHORISED));
    if (page < 1 || size < 1 || size > MAX_PAGE_SIZE)
        return badParameter(
                QStringLiteral("page must be >= 1 and size 1 to %1").arg(MAX_PAGE_SIZE));
    QJsonArray pois;
    for (const Poi &store : pageOf(m_pois, page, size)) {
        pois.append(QJsonObject{{QStringLiteral("poi_id"), store.poiId},
                                {QStringLiteral("poi_name"), store.name},
                                {QStringLiteral("address"), store.address},
                                {QStringLiteral("latitude"), store.latitude},
                                {QStringLiteral("longitude"), store.longitude}});
    }
    return SandboxAnswer::success(
            {{QStringLiteral("pois"), pois}, {QStringLiteral("total"), int(m_pois.size())}});
}

// ---- short links

std::optional<QString> SandboxState::shortLinkTarget(const QString &linkId) const
{
    const Order *found = order(m_orderByShortLink.value(linkId));
    if (!found)
        return std::nullopt;
    for (const QString &id : found->certificateIds) {
        if (isUsable(*certificate(id)))
            return found->encryptedData;
    }
    return std::nullopt;
}

int SandboxState::shortLinkRedirects(const QString &linkId) const
{
    const Order *found = order(m_orderByShortLink.value(linkId));
    return found ? found->redirects : 0;
}

// ---- control

Result<SandboxState::MintedOrder> SandboxState::mintOrder(const OrderSpec &spec)
{
    if (spec.certificates < 1 || spec.certificates > DouyinApi::MAX_CODES_PER_VERIFY)
        return badField(QStringLiteral("certificates"),
                        QStringLiteral("must be 1 to %1").arg(DouyinApi::MAX_CODES_PER_VERIFY));
    if (spec.productName.size() > MAX_TEXT_LENGTH)
        return badField(QStringLiteral("product_name"),
                        QStringLiteral("at most %1 characters").arg(MAX_TEXT_LENGTH));
    if (spec.skuName.size() > MAX_TEXT_LENGTH)
        return badField(QStringLiteral("sku_name"),
                        QStringLiteral("at most %1 characters").arg(MAX_TEXT_LENGTH));
    if (spec.grouponType < 1 || spec.grouponType > 3)
        return badField(QStringLiteral("groupon_type"), QStringLiteral("must be 1, 2 or 3"));
    if (spec.payAmount && (*spec.payAmount < 0 || *spec.payAmount > MAX_AMOUNT))
        return badField(QStringLiteral("pay_amount"),
                        QStringLiteral("must be 0 to %1 fen").arg(MAX_AMOUNT));
    if (spec.originalAmount && (*spec.originalAmount < 0 || *spec.originalAmount > MAX_AMOUNT))
        return badField(QStringLiteral("original_amount"),
                        QStringLiteral("must be 0 to %1 fen").arg(MAX_AMOUNT));
    if (spec.expireInDays && std::abs(*spec.expireInDays) > MAX_EXPIRE_DAYS)
        return badField(QStringLiteral("expire_in_days"),
                        QStringLiteral("must be -%1 to %1").arg(MAX_EXPIRE_DAYS));
    if (spec.poiId.size() > MAX_POI_ID_LENGTH)
        return badField(QStringLiteral("poi_id"),
                        QStringLiteral("at most %1 characters").arg(MAX_POI_ID_LENGTH));
    if (spec.redirects < 1 || spec.redirects > 2)
        return badField(QStringLiteral("redirects"), QStringLiteral("must be 1 or 2"));

    if (m_pois.isEmpty())
        addPoi({QStringLiteral("7000000000000000001"), QStringLiteral("沙盒门店"), QString(), 0,
                0});
    QString poiId = spec.poiId.isEmpty() ? m_pois.first().poiId : spec.poiId;
    if (!poi(poiId)) {
        // Integrators may test with their own store's id: it simply becomes a store here.
        addPoi({poiId, QStringLiteral("沙盒门店 ") + poiId, QStringLiteral("沙盒自动创建的门店"), 0,
                0});
    }

    const qint64 t = now();
    const QString productName =
            spec.productName.isEmpty() ? defaultProductName() : spec.productName;
    const QString skuName = spec.skuName.isEmpty() ? productName : spec.skuName;
    const QString productKey =
            productName + u'\n' + skuName + u'\n' + QString::number(spec.grouponType);
    if (!m_products.contains(productKey)) {
        m_products.insert(
                productKey,
                {newDigits(QStringLiteral("17"), 19), newDigits(QStringLiteral("17"), 19)});
    }
    const auto [productId, skuId] = m_products.value(productKey);
    const qint64 payAmount = spec.payAmount.value_or(DEFAULT_PAY_AMOUNT);
    const qint64 originalAmount = spec.originalAmount.value_or(
            spec.payAmount ? std::max(payAmount, qint64(0)) : DEFAULT_ORIGINAL_AMOUNT);
    const qint64 createTime = spec.createTime.value_or(t);
    const qint64 expireTime = spec.expireTime.value_or(
            t + spec.expireInDays.value_or(DEFAULT_EXPIRE_DAYS) * SECONDS_PER_DAY);

    Order newOrder;
    do {
        newOrder.orderId = newDigits(QStringLiteral("10"), 19);
    } while (m_orders.contains(newOrder.orderId));
    do {
        newOrder.shortLinkId = newAlnum(8);
    } while (m_orderByShortLink.contains(newOrder.shortLinkId));
    do {
        newOrder.encryptedData = newOpaque(72);
    } while (m_orderByEncryptedData.contains(newOrder.encryptedData));
    newOrder.poiId = poiId;
    newOrder.productId = productId;
    newOrder.productName = productName;
    newOrder.skuId = skuId;
    newOrder.skuName = skuName;
    newOrder.createTime = createTime;
    newOrder.updateTime = createTime;
    newOrder.redirects = spec.redirects;

    MintedOrder minted;
    minted.orderId = newOrder.orderId;
    minted.shortLinkId = newOrder.shortLinkId;
    minted.poiId = poiId;
    for (int i = 0; i < spec.certificates; ++i) {
        Certificate certificate;
        do {
            certificate.certificateId = newDigits(QStringLiteral("7"), 19);
        } while (m_certificates.contains(certificate.certificateId));
        do {
            certificate.code = newDigits(QStringLiteral("10"), 15);
        } while (m_certificateByCode.contains(certificate.code));
        do {
            certificate.encryptedCode = newOpaque(48);
        } while (m_certificateByEncryptedCode.contains(certificate.encryptedCode));
        certificate.orderId = newOrder.orderId;
        certificate.productId = productId;
        certificate.productName = productName;
        certificate.skuId = skuId;
        certificate.skuTitle = skuName;
        certificate.grouponType = spec.grouponType;
        certificate.timesCount = spec.grouponType == 3 ? std::max(1, spec.timesCount) : 1;
        certificate.originalAmount = originalAmount;
        certificate.payAmount = payAmount;
        certificate.startTime = createTime;
        certificate.expireTime = expireTime;

        newOrder.certificateIds.append(certificate.certificateId);
        minted.certificateIds.append(certificate.certificateId);
        minted.codes.append(certificate.code);
        minted.encryptedCodes.append(certificate.encryptedCode);
        m_certificateByCode.insert(certificate.code, certificate.certificateId);
        m_certificateByEncryptedCode.insert(certificate.encryptedCode, certificate.certificateId);
        m_certificates.insert(certificate.certificateId, certificate);
    }
    m_orderByShortLink.insert(newOrder.shortLinkId, newOrder.orderId);
    m_orderByEncryptedData.insert(newOrder.encryptedData, newOrder.orderId);
    m_orderIds.append(newOrder.orderId);
    m_orders.insert(newOrder.orderId, newOrder);
    return minted;
}

Result<Done> SandboxState::refund(const QString &orderId, const QStringList &certificateIds)
{
    const Order *found = order(orderId);
    if (!found)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order: %1").arg(orderId));
    QStringList targets = certificateIds;
    if (targets.isEmpty()) {
        for (const QString &id : found->certificateIds) {
            const Status current = status(*certificate(id));
            if (current != Status::Verified && current != Status::Refunded)
                targets.append(id);
        }
    }
    for (const QString &id : std::as_const(targets)) {
        if (!found->certificateIds.contains(id))
            return badField(QStringLiteral("certificate_ids"),
                            QStringLiteral("%1 is not a certificate of order %2").arg(id, orderId));
        if (status(*certificate(id)) == Status::Verified)
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("certificate_ids: %1 is verified; cancel the "
                                            "verification before refunding")
                                     .arg(id));
    }
    for (const QString &id : std::as_const(targets))
        m_certificates[id].storedStatus = Status::Refunded;
    if (!targets.isEmpty())
        m_orders[orderId].updateTime = now();
    return Done{};
}

void SandboxState::addFault(const SandboxFault &fault)
{
    m_faults.append(fault);
}

int SandboxState::clearFaults()
{
    const int cleared = int(m_faults.size());
    m_faults.clear();
    return cleared;
}

std::optional<SandboxFault> SandboxState::takeFault(SandboxEndpoint endpoint)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        if (!m_faults.at(i).matches(endpoint))
            continue;
        SandboxFault fault = m_faults.at(i);
        if (--m_faults[i].count <= 0)
            m_faults.removeAt(i);
        return fault;
    }
    return std::nullopt;
}

void SandboxState::countCall(SandboxEndpoint endpoint)
{
    ++m_calls[std::size_t(endpoint)];
}

qint64 SandboxState::callCount(SandboxEndpoint endpoint) const
{
    return m_calls[std::size_t(endpoint)];
}

QString SandboxState::nextLogId()
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(now(), QTimeZone(BEIJING_OFFSET_SECONDS));
    return local.toString(QStringLiteral("yyyyMMddHHmmss"))
            + QStringLiteral("%1").arg(++m_logSequence, 8, 16, QChar(u'0')).toUpper()
            + QStringLiteral("%1").arg(m_random.generate(), 8, 16, QChar(u'0')).toUpper()
            + QStringLiteral("%1").arg(m_random.bounded(0x10000), 4, 16, QChar(u'0')).toUpper();
}

// ---- reading

DouyinApi::CertificateStatus SandboxState::status(const Certificate &certificate) const
{
    if (certificate.storedStatus != Status::Usable)
        return certificate.storedStatus;
    return now() >= certificate.expireTime ? Status::Expired : Status::Usable;
}

bool SandboxState::isUsable(const Certificate &certificate) const
{
    return status(certificate) == Status::Usable;
}

DouyinApi::OrderStatus SandboxState::orderStatus(const Order &order) const
{
    qsizetype verified = 0;
    qsizetype refunded = 0;
    for (const QString &id : order.certificateIds) {
        const Status current = status(*certificate(id));
        verified += current == Status::Verified;
        refunded += current == Status::Refunded;
    }
    const qsizetype total = order.certificateIds.size();
    if (refunded == total)
        return DouyinApi::OrderStatus::Refunded;
    if (verified == 0)
        return DouyinApi::OrderStatus::Paid;
    if (verified + refunded == total)
        return DouyinApi::OrderStatus::Used;
    return DouyinApi::OrderStatus::PartlyUsed;
}

const SandboxState::Order *SandboxState::order(const QString &orderId) const
{
    const auto it = m_orders.constFind(orderId);
    return it == m_orders.constEnd() ? nullptr : &*it;
}

const SandboxState::Certificate *SandboxState::certificate(const QString &certificateId) const
{
    const auto it = m_certificates.constFind(certificateId);
    return it == m_certificates.constEnd() ? nullptr : &*it;
}

const SandboxState::Certificate *SandboxState::certificateByCode(const QString &code) const
{
    return certificate(m_certificateByCode.value(code));
}

const SandboxState::Certificate *
SandboxState::certificateByEncryptedCode(const QString &encryptedCode) const
{
    return certificate(m_certificateByEncryptedCode.value(encryptedCode));
}

const SandboxState::Poi *SandboxState::poi(const QString &poiId) const
{
    for (const Poi &store : m_pois) {
        if (store.poiId == poiId)
            return &store;
    }
    return nullptr;
}

void SandboxState::addPoi(const Poi &store)
{
    if (!poi(store.poiId))
        m_pois.append(store);
}

// ---- JSON shapes

QJsonObject SandboxState::certificateJson(const Certificate &certificate, bool full) const
{
    const QJsonObject amount{
            {QStringLiteral("original_amount"), certificate.originalAmount},
            {QStringLiteral("pay_amount"), certificate.payAmount},
            {QStringLiteral("coupon_pay_amount"), certificate.payAmount},
            {QStringLiteral("merchant_ticket_amount"), 0},
            {QStringLiteral("list_market_amount"), certificate.originalAmount},
            {QStringLiteral("platform_discount_amount"), 0},
            {QStringLiteral("payment_discount_amount"), 0},
            {QStringLiteral("brand_ticket_amount"), 0},
    };
    const QJsonObject sku{
            {QStringLiteral("sku_id"), certificate.skuId},
            {QStringLiteral("title"), certificate.skuTitle},
            {QStringLiteral("groupon_type"), certificate.grouponType},
            {QStringLiteral("market_price"), certificate.originalAmount},
            {QStringLiteral("sold_start_time"), certificate.startTime},
            {QStringLiteral("third_sku_id"), QString()},
            {QStringLiteral("account_id"), m_config.accountId},
            {QStringLiteral("product_id"), certificate.productId},
    };
    QJsonObject json{
            {QStringLiteral("encrypted_code"), certificate.encryptedCode},
            {QStringLiteral("certificate_id"), certificate.certificateId},
            {QStringLiteral("start_time"), certificate.startTime},
            {QStringLiteral("expire_time"), certificate.expireTime},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("sku"), sku},
    };
    if (!full)
        return json;

    const Status current = status(certificate);
    json.insert(QStringLiteral("code"), certificate.code);
    json.insert(QStringLiteral("status"), int(current));
    QJsonArray records;
    for (const VerifyRecord &record : certificate.verifyRecords) {
        if (!record.cancelled)
            records.append(verifyRecordJson(record));
    }
    json.insert(QStringLiteral("verify_records"), records);
    if (const VerifyRecord *active = activeRecord(certificate))
        json.insert(QStringLiteral("verify"), verifyRecordJson(*active));
    if (certificate.grouponType == 3) {
        json.insert(QStringLiteral("time_card"),
                    QJsonObject{{QStringLiteral("times_count"), certificate.timesCount},
                                {QStringLiteral("times_used"),
                                 current == Status::Verified ? certificate.timesCount : 0}});
    }
    return json;
}

// Seed 003's example answers certificate_id and poi_id as JSON numbers (beyond 2^53): the
// batch query does the same here, so clients are tested against both forms.
QJsonObject SandboxState::numericIds(QJsonObject certificate)
{
    const auto asNumber = [](QJsonObject &object, const QString &key) {
        bool ok = false;
        const qint64 value = object.value(key).toString().toLongLong(&ok);
        if (ok)
            object.insert(key, value);
    };
    asNumber(certificate, QStringLiteral("certificate_id"));
    for (const QString &key : {QStringLiteral("verify")}) {
        QJsonObject verify = certificate.value(key).toObject();
        if (verify.isEmpty())
            continue;
        asNumber(verify, QStringLiteral("poi_id"));
        certificate.insert(key, verify);
    }
    QJsonArray records;
    for (const QJsonValue &value : certificate.value(QStringLiteral("verify_records")).toArray()) {
        QJsonObject record = value.toObject();
        asNumber(record, QStringLiteral("poi_id"));
        records.append(record);
    }
    certificate.insert(QStringLiteral("verify_records"), records);
    return certificate;
}

QJsonObject SandboxState::verifyRecordJson(const VerifyRecord &record) const
{
    return {{QStringLiteral("verify_id"), record.verifyId},
            {QStringLiteral("certificate_id"), record.certificateId},
            {QStringLiteral("verify_type"), 1},
            {QStringLiteral("verify_time"), record.verifyTime},
            {QStringLiteral("can_cancel"), canCancel(record)},
            {QStringLiteral("verifier_unique_id"), m_config.clientKey},
            {QStringLiteral("poi_id"), record.poiId}};
}

QJsonObject SandboxState::orderJson(const Order &order) const
{
    qint64 originalAmount = 0;
    qint64 payAmount = 0;
    QJsonArray certificates;
    for (const QString &id : order.certificateIds) {
        const Certificate &item = *certificate(id);
        originalAmount += item.originalAmount;
        payAmount += item.payAmount;
        certificates.append(QJsonObject{{QStringLiteral("certificate_id"), id},
                                        {QStringLiteral("item_status"), int(status(item))}});
    }
    return {{QStringLiteral("order_id"), order.orderId},
            {QStringLiteral("order_status"), int(orderStatus(order))},
            {QStringLiteral("sku_id"), order.skuId},
            {QStringLiteral("sku_name"), order.skuName},
            {QStringLiteral("product_id"), order.productId},
            {QStringLiteral("product_name"), order.productName},
            {QStringLiteral("count"), int(order.certificateIds.size())},
            {QStringLiteral("original_amount"), originalAmount},
            {QStringLiteral("pay_amount"), payAmount},
            {QStringLiteral("discount_amount"), originalAmount - payAmount},
            {QStringLiteral("create_order_time"), order.createTime},
            {QStringLiteral("pay_time"), order.createTime},
            {QStringLiteral("update_order_time"), order.updateTime},
            {QStringLiteral("certificate"), certificates}};
}

bool SandboxState::canCancel(const VerifyRecord &record) const
{
    return !record.cancelled && now() - record.verifyTime <= DouyinApi::CANCEL_WINDOW_SECONDS;
}

const SandboxState::VerifyRecord *SandboxState::activeRecord(const Certificate &certificate) const
{
    if (certificate.storedStatus != Status::Verified || certificate.verifyRecords.isEmpty())
        return nullptr;
    const VerifyRecord &last = certificate.verifyRecords.last();
    return last.cancelled ? nullptr : &last;
}

qint64 SandboxState::unusableReason(const QList<const Certificate *> &certificates) const
{
    bool expired = false;
    for (const Certificate *candidate : certificates) {
        const Status current = status(*candidate);
        if (current == Status::Verified)
            return DouyinApi::CERTIFICATE_USED;
        expired = expired || current == Status::Expired;
    }
    return expired ? DouyinApi::CERTIFICATE_EXPIRED : DouyinApi::CERTIFICATE_REFUNDED;
}

QJsonObject SandboxState::verifyResult(const QString &sentCode, const Certificate *certificate,
                                       qint64 result) const
{
    QJsonObject json{{QStringLiteral("result"), result},
                     {QStringLiteral("msg"), describe(result)},
                     {QStringLiteral("code"), sentCode}};
    if (certificate) {
        json.insert(QStringLiteral("origin_code"), certificate->code);
        json.insert(QStringLiteral("certificate_id"), certificate->certificateId);
        json.insert(QStringLiteral("order_id"), certificate->orderId);
        json.insert(QStringLiteral("account_id"), m_config.accountId);
    }
    return json;
}

// ---- ids

QString SandboxState::newDigits(const QString &prefix, int length)
{
    QString digits = prefix;
    digits.reserve(length);
    while (digits.size() < length)
        digits.append(QChar(u'0' + char16_t(m_random.bounded(10))));
    return digits;
}

QString SandboxState::newHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(m_random.bounded(256));
    return QString::fromLatin1(raw.toHex());
}

QString SandboxState::newOpaque(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(m_random.bounded(256));
    return QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString SandboxState::newAlnum(int length)
{
    static constexpr char16_t ALPHABET[] =
            u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(QChar(ALPHABET[m_random.bounded(int(std::size(ALPHABET) - 1))]));
    return text;
}
