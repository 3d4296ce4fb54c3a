#pragma once

#include <optional>

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include "core/platform/platformid.h"
#include "core/result.h"
#include "core/store/verificationqueries.h"
#include "core/store/verifierapp.h"
#include "core/verify/cancelcommand.h"

class AdminToken;
class AsyncReply;
class QHttpServerRequest;
class RequestAuthenticator;

// Reading LAN API requests (API.md): bodies, fields, query parameters, filters and the two
// kinds of authentication. Failures are values naming the field, or answered right here.
namespace ApiRequest {

qint64 nowMs();

Error badRequest(const QString &message);

void replyBad(const AsyncReply &reply, const Error &error);

QJsonObject data(const QJsonValue &payload);

Result<QJsonObject> parseBody(const QHttpServerRequest &request);

Result<Done> onlyFields(const QJsonObject &object, const QStringList &allowed);

// A string field; absent or null gives an empty string.
Result<QString> text(const QJsonObject &object, const QString &name);

// IDs from Douyin may arrive as numbers; take them exactly, never through double.
Result<QString> identifier(const QJsonObject &object, const QString &name);

// The body of an open POST: a JSON object with only `allowed` fields, whose text fields go
// into `targets` (poi_id and code may also arrive as JSON integers) and whose optional
// `extra` must be an object.
Result<QJsonObject> readCommandBody(const QHttpServerRequest &request, const QStringList &allowed,
                                    const QList<std::pair<QString, QString *>> &targets);

Result<int> intParameter(const QUrlQuery &query, const QString &name, int defaultValue, int min,
                         int max);

Result<std::optional<QDate>> dateParameter(const QUrlQuery &query, const QString &name);

// The id in the path and the optional {"reason"} of a cancel (API.md, Cancel); NotFound for
// an id that cannot be one.
Result<CancelCommand> cancelCommandFrom(const QString &id, const QHttpServerRequest &request);

// The list and summary share their filters.
Result<VerificationFilter> filterFrom(const QUrlQuery &query);

// The optional "platform" of a prepare or verify body (API.md, Extensions → Platforms):
// absent or null = the gateway decides (nullopt), else forced; the Douyin-only sources
// (short_link, encrypted_code, encrypted_data) refused for another platform.
Result<std::optional<PlatformId>> platformOf(const QJsonObject &body);

// Signature check of an open endpoint; answers the failure itself.
std::optional<VerifierApp> authenticateOpen(RequestAuthenticator *authenticator,
                                            const QHttpServerRequest &request,
                                            const AsyncReply &reply);

bool authenticateAdmin(AdminToken *token, const QHttpServerRequest &request,
                       const AsyncReply &reply);

} // namespace ApiRequest
