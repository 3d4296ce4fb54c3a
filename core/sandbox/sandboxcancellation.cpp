#include "core/sandbox/sandboxcancellation.h"

#include <QJsonArray>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxmessages.h"

namespace {

using SandboxMessages::badParameter;

} // namespace

SandboxAnswer SandboxCancellation::cancel(const Request &request)
{
    if (request.verifyId.isEmpty())
        return badParameter(QStringLiteral("verify_id is required"));
    if (request.certificateId.isEmpty())
        return badParameter(QStringLiteral("certificate_id is required"));
    if (!request.accountId.isEmpty() && request.accountId != m_config.accountId)
        return SandboxMessages::failure(DouyinApi::MERCHANT_NOT_AUTHORISED);
    if (auto replayed = replay(request))
        return *replayed;

    const SandboxOrderBook::Verification *record = m_book.verifyRecord(request.verifyId);
    if (!record)
        return SandboxMessages::failure(
                DouyinApi::CERTIFICATE_NOT_FOUND,
                QStringLiteral("no verification has verify_id %1").arg(request.verifyId));
    if (record->certificateId != request.certificateId)
        return badParameter(QStringLiteral("certificate_id does not match verify_id"));
    if (record->cancelled)
        return SandboxMessages::cancelRefused(ALREADY_CANCELLED);
    if (!m_book.canCancel(*record))
        return SandboxMessages::cancelRefused(WINDOW_CLOSED);
    return apply(request, *record);
}

std::optional<SandboxAnswer> SandboxCancellation::replay(const Request &request) const
{
    if (request.cancelToken.isEmpty())
        return std::nullopt;
    const auto it = m_tokens.constFind(request.cancelToken);
    if (it == m_tokens.constEnd() || m_config.clock() >= it->expiresAt)
        return std::nullopt;
    if (it->verifyId != request.verifyId || it->certificateId != request.certificateId)
        return badParameter(QStringLiteral("cancel_token was used for another verification"));
    return SandboxAnswer::success(it->data);
}

SandboxAnswer SandboxCancellation::apply(const Request &request,
                                         const SandboxOrderBook::Verification &record)
{
    const SandboxOrderBook::Certificate *certificate = m_book.certificate(record.certificateId);
    const QJsonObject result{{QStringLiteral("result_code"), 0},
                             {QStringLiteral("result_msg"), QString()},
                             {QStringLiteral("verify_id"), record.verifyId},
                             {QStringLiteral("order_id"), certificate->orderId}};
    const QJsonObject data{{QStringLiteral("cancel_results"), QJsonArray{result}}};
    m_book.cancelVerifyRecord(record.certificateId, record.verifyId);
    if (!request.cancelToken.isEmpty()) {
        forgetExpiredTokens();
        m_tokens.insert(request.cancelToken,
                        {request.verifyId, request.certificateId,
                         m_config.clock() + TOKEN_LIFETIME_SECONDS, data});
    }
    return SandboxAnswer::success(data);
}

void SandboxCancellation::forgetExpiredTokens()
{
    // An expired token answers like one never seen, so forgetting it is safe.
    const qint64 t = m_config.clock();
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (t >= it->expiresAt)
            it = m_tokens.erase(it);
        else
            ++it;
    }
}
