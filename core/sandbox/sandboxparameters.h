#pragma once

#include <optional>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include "core/result.h"
#include "core/sandbox/sandboxhttprequest.h"
#include "core/sandbox/sandboxstate.h"

// Reading the sandbox's requests: Douyin's query strings and bodies, and the control API's
// bodies. Errors carry the text the caller puts into its answer: for Douyin calls the
// detail after "参数不合法: ", for the control API the whole message, field first.
namespace SandboxParameters {

struct ClientCredentials
{
    QString clientKey;
    QString clientSecret;
    QString grantType;
};

// A query parameter given at most once; an empty string when absent. nullopt when repeated,
// because which of two values Douyin would use is anyone's guess.
std::optional<QString> single(const QUrlQuery &query, const QString &key);
// The same as an integer; absent = fallback, not an integer = nullopt.
std::optional<int> integer(const QUrlQuery &query, const QString &key, int fallback);

// client_token takes a form or a JSON body.
Result<ClientCredentials> clientCredentials(const SandboxHttpRequest &request);
Result<SandboxState::VerifyRequest> verifyRequest(const QByteArray &body);
// verify_id and certificate_id are only type-checked here: SandboxCancellation names a
// missing one.
Result<SandboxState::CancelRequest> cancelRequest(const QByteArray &body);
// The control API's {"advance_seconds": N}; the range is SandboxClock's to check.
Result<qint64> clockAdvance(const QByteArray &body);

// The history's query (DOUYIN.md §13); size's range and the cursor are SandboxHistory's to
// check. Repeated parameters, non-integers and negative times are refused here.
Result<SandboxState::HistoryRequest> historyRequest(const QUrlQuery &query);
// The ledger's query (§14): certificate_ids, 1..LEDGER_BATCH_MAX comma-joined, none empty.
Result<SandboxState::LedgerRequest> ledgerRequest(const QUrlQuery &query);
// verify_elsewhere's {"count": N} (absent or an empty body = 1); the range is
// SandboxElsewhere's to check.
Result<qint64> elsewhereCount(const QByteArray &body);
// cancel_elsewhere's {"certificate_id": "…"} (a string or an integer).
Result<QString> elsewhereCertificate(const QByteArray &body);

// Only type-checked here: SandboxState checks the ranges and names the field.
Result<SandboxState::OrderSpec> orderSpec(const QByteArray &body);
// The refund's certificate_ids; empty when none are given (every usable one).
Result<QStringList> refundIds(const QByteArray &body);

} // namespace SandboxParameters
