#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QString>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxorderbook.h"

// Douyin's 撤销核销 (DOUYIN.md §12): a verification can be undone within the hour of the
// sandbox clock, which makes its certificate usable again; a cancel_token makes a resend after
// a lost answer harmless.
//
// [choice] rules not published by Douyin, decided here:
// - a second cancel of a cancelled verification, without the cancel_token that cancelled it
//   (or after that token's hour), answers 3000001 with sub code 2034000911 "该核销记录已撤销".
// - the cancel_token that cancelled a verification, sent again within its hour with the same
//   verify_id and certificate_id, answers the first success again and changes nothing, as a
//   resend after a lost answer must. The same token with other ids is a bad parameter
//   (2100005). A refused cancel does not spend its token.
// - the window is inclusive: exactly 3600 s after the verify still cancels.
// - an unknown verify_id answers 1205 (in data); a certificate_id that is not the verify_id's
//   is a bad parameter (2100005, in extra); an account_id other than the merchant's 2119005.
//   shop_order_id is accepted and not checked.
// - Douyin's answers forget a cancelled verification: certificate/get and the batch query show
//   `status` 1 again (4 if the certificate expired meanwhile), no `verify`, and in
//   verify_records only the verifications still in force, so order_status, item_status and
//   time_card.times_used drop with it. The control API keeps the record, marked cancelled.
class SandboxCancellation
{
public:
    struct Request
    {
        QString verifyId;
        QString certificateId;
        QString cancelToken; // optional
        QString accountId; // optional
        QString shopOrderId; // optional, not checked
    };

    // Douyin's codes for a refused cancel. They belong next to DouyinApi's codes once the
    // client reads them; until then the sandbox keeps them here, in one place.
    static constexpr qint64 CANCEL_REFUSED = DouyinApi::CANCEL_REFUSED; // data.error_code
    static constexpr qint64 WINDOW_CLOSED = DouyinApi::CANCEL_TOO_LATE; // extra.sub_error_code
    static constexpr qint64 ALREADY_CANCELLED = DouyinApi::CANCEL_ALREADY_DONE;
    static constexpr int TOKEN_LIFETIME_SECONDS = 3600; // [doc] a cancel_token lives an hour

    SandboxCancellation(const SandboxConfig &config, SandboxOrderBook &book)
        : m_config(config),
          m_book(book)
    {
    }

    SandboxAnswer cancel(const Request &request);

private:
    // What a spent cancel_token cancelled, and the answer it got.
    struct Token
    {
        QString verifyId;
        QString certificateId;
        qint64 expiresAt = 0;
        QJsonObject data;
    };

    // The answer to a resend under a live cancel_token; nullopt when the token is new.
    std::optional<SandboxAnswer> replay(const Request &request) const;
    SandboxAnswer apply(const Request &request, const SandboxOrderBook::Verification &record);
    void forgetExpiredTokens();

    const SandboxConfig &m_config;
    SandboxOrderBook &m_book;
    QHash<QString, Token> m_tokens;
};
