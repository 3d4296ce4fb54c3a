#pragma once

#include <QCryptographicHash>
#include <QDateTime>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QPair>
#include <QUuid>

// The four signature headers of an open GET (API.md, Authentication) for pathAndQuery, as a
// verifier app computes them; the query must already be canonical.
inline QList<QPair<QByteArray, QByteArray>>
signedGetHeaders(const QByteArray &key, const QByteArray &secret, const QByteArray &pathAndQuery)
{
    const qsizetype question = pathAndQuery.indexOf('?');
    const QByteArray path = question < 0 ? pathAndQuery : pathAndQuery.left(question);
    const QByteArray query = question < 0 ? QByteArray() : pathAndQuery.mid(question + 1);
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray nonce = QUuid::createUuid().toByteArray(QUuid::Id128);
    const QByteArray toSign = "GET\n" + path + "\n" + query + "\n" + timestamp + "\n" + nonce + "\n"
            + QCryptographicHash::hash({}, QCryptographicHash::Sha256).toHex();
    const QByteArray signature =
            QMessageAuthenticationCode::hash(toSign, secret, QCryptographicHash::Sha256).toHex();
    return {{"X-Client-Key", key},
            {"X-Timestamp", timestamp},
            {"X-Nonce", nonce},
            {"X-Signature", signature}};
}

// The request bytes of that GET, with extra header lines (each ending in \r\n) after them.
inline QByteArray signedGetRequest(const QByteArray &key, const QByteArray &secret,
                                   const QByteArray &pathAndQuery, const QByteArray &extra = {})
{
    QByteArray request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &header : signedGetHeaders(key, secret, pathAndQuery))
        request += header.first + ": " + header.second + "\r\n";
    return request + extra + "\r\n";
}
