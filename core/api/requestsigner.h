#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The reference signer of the LAN API (API.md, "Open endpoints"). Integrators can check their
// own implementation against it and against the worked example in README.md.
//
//   string_to_sign = METHOD "\n" PATH "\n" CANONICAL_QUERY "\n" X-Timestamp "\n" X-Nonce "\n"
//                    hex(SHA-256(raw body))
//   X-Signature    = lowercase hex(HMAC-SHA256(UTF-8 client_secret, string_to_sign))
namespace RequestSigner {

// Percent-decodes every name and value ('+' stays a literal plus), re-encodes them per
// RFC 3986 (unreserved bare, everything else %XX upper case), sorts the pairs by encoded
// name then encoded value, and joins them as name=value with '&'. Empty pieces are dropped.
QByteArray canonicalQuery(QByteArrayView rawQuery);

QByteArray stringToSign(QByteArrayView method, QByteArrayView path, QByteArrayView rawQuery,
                        QByteArrayView timestamp, QByteArrayView nonce, QByteArrayView body);

// Lowercase hex, 64 characters.
QByteArray signature(QByteArrayView clientSecret, QByteArrayView method, QByteArrayView path,
                     QByteArrayView rawQuery, QByteArrayView timestamp, QByteArrayView nonce,
                     QByteArrayView body);

} // namespace RequestSigner
