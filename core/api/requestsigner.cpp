#include "core/api/requestsigner.h"

#include <algorithm>
#include <utility>

#include <QList>

#include "core/crypto/crypto.h"

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 3986 decoding: "%XX" becomes a byte; a '%' not followed by two hex digits stays a
// literal '%' (as the gateway's URL parser reads it); '+' stays '+'.
QByteArray percentDecode(QByteArrayView text)
{
    QByteArray decoded;
    decoded.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '%' && i + 2 < text.size() && hexValue(text.at(i + 1)) >= 0
            && hexValue(text.at(i + 2)) >= 0) {
            decoded += char(hexValue(text.at(i + 1)) * 16 + hexValue(text.at(i + 2)));
            i += 2;
        } else {
            decoded += text.at(i);
        }
    }
    return decoded;
}

QByteArray rfc3986Encode(const QByteArray &bytes)
{
    // toPercentEncoding leaves exactly the RFC 3986 unreserved set bare and writes %XX in
    // upper case.
    return bytes.toPercentEncoding();
}

} // namespace

namespace RequestSigner {

QByteArray canonicalQuery(QByteArrayView rawQuery)
{
    QList<std::pair<QByteArray, QByteArray>> pairs;
    for (const QByteArrayView piece : QByteArray(rawQuery.toByteArray()).split('&')) {
        if (piece.isEmpty())
            continue;
        const qsizetype equals = piece.indexOf('=');
        const QByteArrayView name = equals < 0 ? piece : piece.first(equals);
        const QByteArrayView value = equals < 0 ? QByteArrayView() : piece.sliced(equals + 1);
        pairs.append({rfc3986Encode(percentDecode(name)), rfc3986Encode(percentDecode(value))});
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray canonical;
    for (const auto &[name, value] : std::as_const(pairs)) {
        if (!canonical.isEmpty())
            canonical += '&';
        canonical += name + '=' + value;
    }
    return canonical;
}

QByteArray stringToSign(QByteArrayView method, QByteArrayView path, QByteArrayView rawQuery,
                        QByteArrayView timestamp, QByteArrayView nonce, QByteArrayView body)
{
    QByteArray text;
    text += method.toByteArray().toUpper();
    text += '\n';
    text += path;
    text += '\n';
    text += canonicalQuery(rawQuery);
    text += '\n';
    text += timestamp;
    text += '\n';
    text += nonce;
    text += '\n';
    text += Crypto::sha256(body).toHex();
    return text;
}

QByteArray signature(QByteArrayView clientSecret, QByteArrayView method, QByteArrayView path,
                     QByteArrayView rawQuery, QByteArrayView timestamp, QByteArrayView nonce,
                     QByteArrayView body)
{
    return Crypto::hmacSha256(clientSecret,
                              stringToSign(method, path, rawQuery, timestamp, nonce, body))
            .toHex();
}

} // namespace RequestSigner
