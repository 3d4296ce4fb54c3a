#pragma once

#include <array>
#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "core/douyin/douyinapi.h"
#include "core/result.h"
#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxanswerjson.h"
#include "core/sandbox/sandboxcancellation.h"
#include "core/sandbox/sandboxclienttokens.h"
#include "core/sandbox/sandboxclock.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxelsewhere.h"
#include "core/sandbox/sandboxfault.h"
#include "core/sandbox/sandboxhistory.h"
#include "core/sandbox/sandboxidgenerator.h"
#include "core/sandbox/sandboxledger.h"
#include "core/sandbox/sandboxmeituanbook.h"
#include "core/sandbox/sandboxmeituanconsumption.h"
#include "core/sandbox/sandboxmeituanqueries.h"
#include "core/sandbox/sandboxmeituantokens.h"
#include "core/sandbox/sandboxorderbook.h"
#include "core/sandbox/sandboxordermint.h"
#include "core/sandbox/sandboxqueries.h"
#include "core/sandbox/sandboxverification.h"
#include "core/sandbox/sandboxverifytokens.h"

// Everything the sandbox knows, in memory: stores, Douyin orders and their certificates,
// client tokens, verify tokens, Meituan's orders, receipts and token pairs, faults and call
// counts. No network: SandboxDouyinApi and
// SandboxControlApi turn HTTP requests into these calls, so the rules here are testable on
// their own with a fake clock.
// The parts live in classes of their own; this holds them together, with the faults and
// call counts the server plays and reports.
//
// [choice] rules not published by Douyin, decided here (see also DouyinApi):
// - prepare by `code` of a certificate that is not usable answers the reason as the call's
//   error: 1241 used, 1221 expired, 1222 refunded; an unknown code or encrypted_data → 1205.
//   By `encrypted_data` with nothing usable left, the same codes (used before expired before
//   refunded).
// - a verify_token covers exactly the certificates its prepare listed; any other code in the
//   verify → per-code 1229, like an unknown or expired token.
// - a verify_token serves one verify request. The identical request again (same token,
//   same poi_id, same codes in any order) is idempotent: codes verified under that token
//   answer 1208 with the original verify_id; codes that failed answer their original
//   failure. Any other request with a spent token → per-code 1229.
// - 次卡 (groupon_type 3) certificates are used up by one verify: time_card reports
//   times_used = times_count afterwards. Per-visit use of a times card is not simulated.
// - only the newest 10,000 client tokens are remembered; an older one answers 2190002.
// Cancel's rules are listed on SandboxCancellation; the history's, the ledger's and those of
// verifications made outside the product on SandboxHistory, SandboxLedger and
// SandboxElsewhere; time on SandboxClock. Meituan's rules are on SandboxMeituanConsumption,
// SandboxMeituanQueries, SandboxMeituanTokens and SandboxMeituanForm.
class SandboxState
{
public:
    using Poi = SandboxOrderBook::Poi;
    using Verification = SandboxOrderBook::Verification;
    using Certificate = SandboxOrderBook::Certificate;
    using Order = SandboxOrderBook::Order;
    using OrderSpec = SandboxOrderMint::Spec;
    using MintedOrder = SandboxOrderMint::Minted;
    using VerifyRequest = SandboxVerification::Request;
    using CancelRequest = SandboxCancellation::Request;
    using HistoryRequest = SandboxHistory::Request;
    using LedgerRequest = SandboxLedger::Request;

    // config.clock is the time source; the control API can move the sandbox ahead of it.
    explicit SandboxState(SandboxConfig config = {});

    qint64 now() const { return m_clock.now(); }

    // ---- Douyin calls. Each answer goes into the envelope as it is.
    SandboxAnswer issueClientToken(const QString &clientKey, const QString &clientSecret,
                                   const QString &grantType)
    {
        return m_clientTokens.issue(clientKey, clientSecret, grantType);
    }
    // OK, TOKEN_INVALID (never issued or forgotten) or TOKEN_EXPIRED (expired or retired).
    qint64 checkAccessToken(const QString &token) const { return m_clientTokens.check(token); }
    // Exactly one of encryptedData and code is non-empty, else BAD_PARAMETER.
    SandboxAnswer prepare(const QString &encryptedData, const QString &code)
    {
        return m_verification.prepare(encryptedData, code);
    }
    SandboxAnswer verify(const VerifyRequest &request) { return m_verification.verify(request); }
    SandboxAnswer cancel(const CancelRequest &request) { return m_cancellation.cancel(request); }
    SandboxAnswer certificateGet(const QString &encryptedCode) const
    {
        return m_queries.certificateGet(encryptedCode);
    }
    SandboxAnswer certificateQuery(const QString &encryptedCode, const QString &orderId) const
    {
        return m_queries.certificateQuery(encryptedCode, orderId);
    }
    SandboxAnswer orderQuery(const QString &accountId, const QString &orderId, int pageNum,
                             int pageSize) const
    {
        return m_queries.orderQuery(accountId, orderId, pageNum, pageSize);
    }
    SandboxAnswer poiQuery(const QString &accountId, int page, int size) const
    {
        return m_queries.poiQuery(accountId, page, size);
    }
    SandboxAnswer verifyRecordQuery(const HistoryRequest &request) const
    {
        return m_history.query(request);
    }
    // Counts a ledger call against its per-second limit; false = answer TOO_FREQUENT.
    bool admitLedgerCall() { return m_ledger.admitCall(); }
    SandboxAnswer ledgerQuery(const LedgerRequest &request) { return m_ledger.query(request); }
    std::optional<QString> shortLinkTarget(const QString &linkId) const
    {
        return m_queries.shortLinkTarget(linkId);
    }
    int shortLinkRedirects(const QString &linkId) const
    {
        return m_queries.shortLinkRedirects(linkId);
    }

    // ---- Control.
    Result<MintedOrder> mintOrder(const OrderSpec &spec) { return m_mint.mint(spec); }
    // Refunds the given certificates of the order, or every usable one when none is given.
    Result<Done> refund(const QString &orderId, const QStringList &certificateIds)
    {
        return m_book.refund(orderId, certificateIds);
    }
    // Verifying and cancelling outside the product (the 抖音来客 app, another till).
    Result<SandboxElsewhere::Verified> verifyElsewhere(const QString &orderId, qint64 count)
    {
        return m_elsewhere.verify(orderId, count);
    }
    Result<SandboxElsewhere::Cancelled> cancelElsewhere(const QString &orderId,
                                                        const QString &certificateId)
    {
        return m_elsewhere.cancel(orderId, certificateId);
    }
    int expireAllTokens() { return m_clientTokens.expireAll(); } // how many were still valid
    // Moves the sandbox's time forward by seconds; answers the new time.
    Result<qint64> advanceClock(qint64 seconds) { return m_clock.advance(seconds); }
    qint64 clockOffset() const { return m_clock.offset(); }
    void addFault(const SandboxFault &fault) { m_faults.append(fault); }
    int clearFaults();
    QList<SandboxFault> faults() const { return m_faults; }
    // The first fault matching endpoint, counted as used.
    std::optional<SandboxFault> takeFault(SandboxEndpoint endpoint);
    void countCall(SandboxEndpoint endpoint) { ++m_calls[std::size_t(endpoint)]; }
    qint64 callCount(SandboxEndpoint endpoint) const { return m_calls[std::size_t(endpoint)]; }
    QString nextLogId() { return m_ids.logId(now()); }

    // ---- Meituan (MEITUAN.md §9): every store is also a Meituan store, opBizCode "mt-<poi_id>".
    using MeituanOrderSpec = SandboxMeituanBook::Spec;
    using MeituanMinted = SandboxMeituanBook::Minted;
    using MeituanOrder = SandboxMeituanBook::Summary;

    Result<MeituanMinted> mintMeituanOrder(const MeituanOrderSpec &spec)
    {
        return m_meituanBook.mint(spec);
    }
    // Every Meituan order, oldest first, each with the receipt codes still usable: what demo
    // mode lists (the Douyin side's equivalent is orderIds() + order() + status()).
    QList<MeituanOrder> meituanOrders() const { return m_meituanBook.summaries(); }
    // The code that exchanges for a store's token pair at /oauth/token, again and again.
    static QString meituanAuthCode(const QString &poiId)
    {
        return SandboxMeituanTokens::standingCode(poiId);
    }
    SandboxMeituanBook &meituanBook() { return m_meituanBook; }
    const SandboxMeituanBook &meituanBook() const { return m_meituanBook; }
    SandboxMeituanTokens &meituanTokens() { return m_meituanTokens; }
    SandboxMeituanConsumption &meituanConsumption() { return m_meituanConsumption; }
    const SandboxMeituanQueries &meituanQueries() const { return m_meituanQueries; }
    QString nextTraceId() { return m_ids.hex(16); }

    // ---- Reading the state.
    const SandboxConfig &config() const { return m_config; } // its clock includes the offset
    DouyinApi::CertificateStatus status(const Certificate &certificate) const
    {
        return m_book.status(certificate);
    }
    DouyinApi::OrderStatus orderStatus(const Order &order) const
    {
        return m_book.orderStatus(order);
    }
    const Order *order(const QString &orderId) const { return m_book.order(orderId); }
    const Certificate *certificate(const QString &certificateId) const
    {
        return m_book.certificate(certificateId);
    }
    const Certificate *certificateByCode(const QString &code) const
    {
        return m_book.certificateByCode(code);
    }
    const Certificate *certificateByEncryptedCode(const QString &encryptedCode) const
    {
        return m_book.certificateByEncryptedCode(encryptedCode);
    }
    QStringList orderIds() const { return m_book.orderIds(); } // creation order
    QList<Poi> pois() const { return m_book.pois(); }
    const Poi *poi(const QString &poiId) const { return m_book.poi(poiId); }
    void addPoi(const Poi &poi) { m_book.addPoi(poi); }

private:
    Q_DISABLE_COPY_MOVE(SandboxState)

    // The parts hold references to one another: declared in the order they are built.
    SandboxClock m_clock;
    SandboxConfig m_config; // its clock reads m_clock, so every part sees the offset
    SandboxIdGenerator m_ids;
    SandboxOrderBook m_book{m_config};
    SandboxAnswerJson m_json{m_config, m_book};
    SandboxClientTokens m_clientTokens{m_config, m_ids};
    SandboxVerifyTokens m_verifyTokens{m_config, m_ids};
    SandboxVerification m_verification{m_book, m_verifyTokens, m_ids, m_json};
    SandboxCancellation m_cancellation{m_config, m_book};
    SandboxQueries m_queries{m_config, m_book, m_json};
    SandboxHistory m_history{m_config, m_book, m_json};
    SandboxLedger m_ledger{m_config, m_book, m_ids};
    SandboxElsewhere m_elsewhere{m_book, m_ids};
    SandboxOrderMint m_mint{m_book, m_ids};
    SandboxMeituanBook m_meituanBook{m_config, m_book, m_ids};
    SandboxMeituanTokens m_meituanTokens{m_config, m_book, m_ids};
    SandboxMeituanConsumption m_meituanConsumption{m_meituanBook};
    SandboxMeituanQueries m_meituanQueries{m_meituanBook};
    QList<SandboxFault> m_faults;
    std::array<qint64, SANDBOX_ENDPOINT_COUNT> m_calls{};
};
