#include "core/sandbox/sandboxqueries.h"

#include <algorithm>

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxmessages.h"

namespace {

using SandboxMessages::badParameter;
using SandboxMessages::notFound;

constexpr int MAX_PAGE_SIZE = 100;

template <typename T>
QList<T> pageOf(const QList<T> &all, int page, int size)
{
    const qsizetype from = qsizetype(page - 1) * size;
    if (from >= all.size())
        return {};
    return all.mid(from, size);
}

} // namespace

SandboxAnswer SandboxQueries::certificateGet(const QString &encryptedCode) const
{
    if (encryptedCode.isEmpty())
        return badParameter(QStringLiteral("encrypted_code is required"));
    const SandboxOrderBook::Certificate *found = m_book.certificateByEncryptedCode(encryptedCode);
    if (!found)
        return notFound(QStringLiteral("encrypted_code"));
    return SandboxAnswer::success(
            {{QStringLiteral("certificate"), m_json.certificate(*found, true)}});
}

SandboxAnswer SandboxQueries::certificateQuery(const QString &encryptedCode,
                                               const QString &orderId) const
{
    if (encryptedCode.isEmpty() && orderId.isEmpty())
        return badParameter(QStringLiteral("encrypted_code or order_id is required"));
    const auto entry = [this](const SandboxOrderBook::Certificate &certificate) {
        return SandboxAnswerJson::numericIds(m_json.certificate(certificate, true));
    };
    QJsonArray certificates;
    if (!encryptedCode.isEmpty()) {
        const SandboxOrderBook::Certificate *found =
                m_book.certificateByEncryptedCode(encryptedCode);
        if (!found || (!orderId.isEmpty() && found->orderId != orderId))
            return notFound(QStringLiteral("encrypted_code"));
        certificates.append(entry(*found));
    } else {
        const SandboxOrderBook::Order *found = m_book.order(orderId);
        if (!found)
            return notFound(QStringLiteral("order_id"));
        for (const QString &id : found->certificateIds)
            certificates.append(entry(*m_book.certificate(id)));
    }
    return SandboxAnswer::success({{QStringLiteral("certificates"), certificates}});
}

SandboxAnswer SandboxQueries::orderQuery(const QString &accountId, const QString &orderId,
                                         int pageNum, int pageSize) const
{
    if (const auto refused =
                refusePage(accountId, pageNum >= 1 && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE,
                           QStringLiteral("page_num must be >= 1 and page_size")))
        return *refused;
    QStringList ids;
    if (!orderId.isEmpty()) {
        if (m_book.order(orderId))
            ids.append(orderId);
    } else {
        // Newest first, as a merchant's order list reads.
        ids = m_book.orderIds();
        std::reverse(ids.begin(), ids.end());
    }
    QJsonArray orders;
    for (const QString &id : pageOf(ids, pageNum, pageSize))
        orders.append(m_json.order(*m_book.order(id)));
    return SandboxAnswer::success({{QStringLiteral("orders"), orders},
                                   {QStringLiteral("page_num"), pageNum},
                                   {QStringLiteral("page_size"), pageSize},
                                   {QStringLiteral("total"), int(ids.size())}});
}

SandboxAnswer SandboxQueries::poiQuery(const QString &accountId, int page, int size) const
{
    if (const auto refused = refusePage(accountId, page >= 1 && size >= 1 && size <= MAX_PAGE_SIZE,
                                        QStringLiteral("page must be >= 1 and size")))
        return *refused;
    const QList<SandboxOrderBook::Poi> all = m_book.pois();
    QJsonArray pois;
    for (const SandboxOrderBook::Poi &store : pageOf(all, page, size))
        pois.append(SandboxAnswerJson::poi(store));
    return SandboxAnswer::success(
            {{QStringLiteral("pois"), pois}, {QStringLiteral("total"), int(all.size())}});
}

std::optional<SandboxAnswer> SandboxQueries::refusePage(const QString &accountId, bool pageValid,
                                                        const QString &rule) const
{
    if (!accountId.isEmpty() && accountId != m_config.accountId)
        return SandboxMessages::failure(DouyinApi::MERCHANT_NOT_AUTHORISED);
    if (!pageValid)
        return badParameter(rule + QStringLiteral(" 1 to %1").arg(MAX_PAGE_SIZE));
    return std::nullopt;
}

std::optional<QString> SandboxQueries::shortLinkTarget(const QString &linkId) const
{
    const SandboxOrderBook::Order *found = m_book.orderByShortLink(linkId);
    if (!found)
        return std::nullopt;
    for (const QString &id : found->certificateIds) {
        if (m_book.isUsable(*m_book.certificate(id)))
            return found->encryptedData;
    }
    return std::nullopt;
}

int SandboxQueries::shortLinkRedirects(const QString &linkId) const
{
    const SandboxOrderBook::Order *found = m_book.orderByShortLink(linkId);
    return found ? found->redirects : 0;
}
