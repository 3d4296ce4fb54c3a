#include "core/sandbox/sandboxverification.h"

#include <algorithm>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxmessages.h"

namespace {

using Status = DouyinApi::CertificateStatus;
using SandboxMessages::badParameter;
using SandboxMessages::notFound;

SandboxAnswer verifyAnswer(const QJsonArray &results)
{
    return SandboxAnswer::success({{QStringLiteral("verify_results"), results}});
}

} // namespace

// ---- prepare

SandboxAnswer SandboxVerification::prepare(const QString &encryptedData, const QString &code)
{
    if (encryptedData.isEmpty() == code.isEmpty())
        return badParameter(QStringLiteral("exactly one of encrypted_data and code is required"));
    const Candidates found = candidates(encryptedData, code);
    if (found.orderId.isEmpty())
        return notFound(code.isEmpty() ? QStringLiteral("encrypted_data") : QStringLiteral("code"));

    SandboxVerifyTokens::Token token;
    token.orderId = found.orderId;
    QJsonArray listed;
    for (const Certificate *candidate : found.certificates) {
        if (!m_book.isUsable(*candidate))
            continue;
        token.certificateIds.insert(candidate->certificateId);
        listed.append(m_json.certificate(*candidate, false));
    }
    if (listed.isEmpty())
        return SandboxMessages::failure(unusableReason(found.certificates));

    return SandboxAnswer::success({{QStringLiteral("verify_token"), m_tokens.issue(token)},
                                   {QStringLiteral("order_id"), found.orderId},
                                   {QStringLiteral("certificates"), listed}});
}

SandboxVerification::Candidates SandboxVerification::candidates(const QString &encryptedData,
                                                                const QString &code) const
{
    Candidates found;
    if (!code.isEmpty()) {
        if (const Certificate *certificate = m_book.certificateByCode(code)) {
            found.orderId = certificate->orderId;
            found.certificates.append(certificate);
        }
        return found;
    }
    if (const SandboxOrderBook::Order *order = m_book.orderByEncryptedData(encryptedData)) {
        found.orderId = order->orderId;
        for (const QString &id : order->certificateIds)
            found.certificates.append(m_book.certificate(id));
    }
    return found;
}

qint64 SandboxVerification::unusableReason(const QList<const Certificate *> &certificates) const
{
    bool expired = false;
    for (const Certificate *candidate : certificates) {
        const Status current = m_book.status(*candidate);
        if (current == Status::Verified)
            return DouyinApi::CERTIFICATE_USED;
        expired = expired || current == Status::Expired;
    }
    return expired ? DouyinApi::CERTIFICATE_EXPIRED : DouyinApi::CERTIFICATE_REFUNDED;
}

// ---- verify

SandboxAnswer SandboxVerification::verify(const Request &request)
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

    SandboxVerifyTokens::Token *token = m_tokens.find(request.verifyToken);
    if (!token)
        return verifyAnswer(everyCode(request, DouyinApi::VERIFY_TOKEN_INVALID));
    if (!request.orderId.isEmpty() && request.orderId != token->orderId)
        return badParameter(QStringLiteral("order_id does not match the verify_token's order"));
    if (!token->used)
        return verifyAnswer(firstUse(*token, request, sorted));
    const bool identical = token->poiId == request.poiId && token->sortedCodes == sorted
            && token->plainCodes == request.plainCodes;
    return verifyAnswer(identical ? repeat(*token, request)
                                  : everyCode(request, DouyinApi::VERIFY_TOKEN_INVALID));
}

const SandboxVerification::Certificate *SandboxVerification::lookup(const Request &request,
                                                                    const QString &sent) const
{
    return request.plainCodes ? m_book.certificateByCode(sent)
                              : m_book.certificateByEncryptedCode(sent);
}

QJsonArray SandboxVerification::everyCode(const Request &request, qint64 result) const
{
    QJsonArray results;
    for (const QString &sent : request.codes)
        results.append(m_json.verifyResult(sent, lookup(request, sent), result));
    return results;
}

QJsonArray SandboxVerification::repeat(const SandboxVerifyTokens::Token &token,
                                       const Request &request) const
{
    const qint64 t = m_book.now();
    QJsonArray results;
    for (const QString &sent : request.codes) {
        const Certificate *found = lookup(request, sent);
        const SandboxOrderBook::Verification *record =
                found ? m_book.activeRecord(*found) : nullptr;
        if (record && record->verifyToken == request.verifyToken) {
            // A repeat right after the first is a duplicate request (2); later, the token
            // is reported as already used for this code (1208).
            const bool duplicate =
                    t - record->verifyTime < DouyinApi::VERIFY_DUPLICATE_WINDOW_SECONDS;
            results.append(m_json.verifyResult(sent, found,
                                               duplicate ? DouyinApi::VERIFY_REPEATED
                                                         : DouyinApi::VERIFY_ALREADY_UNDER_TOKEN,
                                               record));
            continue;
        }
        // A failure stays the same failure; a success since cancelled is a spent token.
        const qint64 original = token.results.value(sent, DouyinApi::VERIFY_TOKEN_INVALID);
        results.append(m_json.verifyResult(
                sent, found,
                original == DouyinApi::OK ? qint64(DouyinApi::VERIFY_TOKEN_INVALID) : original));
    }
    return results;
}

QJsonArray SandboxVerification::firstUse(SandboxVerifyTokens::Token &token, const Request &request,
                                         const QStringList &sortedCodes)
{
    token.used = true;
    token.poiId = request.poiId;
    token.sortedCodes = sortedCodes;
    token.plainCodes = request.plainCodes;
    QJsonArray results;
    for (const QString &sent : request.codes) {
        const Certificate *found = lookup(request, sent);
        const qint64 result = verdict(found, token, request.poiId);
        token.results.insert(sent, result);
        if (result != DouyinApi::OK) {
            results.append(m_json.verifyResult(sent, found, result));
            continue;
        }
        const SandboxOrderBook::Verification record = commit(*found, request);
        results.append(m_json.verifyResult(sent, m_book.certificate(record.certificateId),
                                           DouyinApi::OK, &record));
    }
    return results;
}

qint64 SandboxVerification::verdict(const Certificate *found,
                                    const SandboxVerifyTokens::Token &token,
                                    const QString &poiId) const
{
    if (!found || !token.certificateIds.contains(found->certificateId))
        return DouyinApi::VERIFY_TOKEN_INVALID;
    switch (m_book.status(*found)) {
    case Status::Verified:
        return DouyinApi::CERTIFICATE_USED;
    case Status::Refunded:
        return DouyinApi::CERTIFICATE_REFUNDED;
    case Status::Expired:
        return DouyinApi::CERTIFICATE_EXPIRED;
    case Status::Usable:
        break;
    }
    if (m_book.order(found->orderId)->poiId != poiId)
        return DouyinApi::POI_NOT_ALLOWED;
    return DouyinApi::OK;
}

SandboxOrderBook::Verification SandboxVerification::commit(const Certificate &certificate,
                                                           const Request &request)
{
    SandboxOrderBook::Verification record;
    record.verifyId = m_book.newVerifyId(m_ids);
    record.certificateId = certificate.certificateId;
    record.poiId = request.poiId;
    record.verifyToken = request.verifyToken;
    record.verifyTime = m_book.now();
    m_book.addVerifyRecord(record);
    return record;
}
