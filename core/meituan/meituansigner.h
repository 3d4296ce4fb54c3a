#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// Meituan's request signature (MEITUAN.md §Conventions): every field but `sign`, empty values
// dropped, sorted by key in byte order, key+value concatenated without separators, the
// developer's signKey in front, SHA-1 of the UTF-8 bytes, lowercase hex.
class MeituanSigner final
{
public:
    using Fields = QList<QPair<QString, QString>>;

    // The exact bytes that are hashed; public so tests and logs can show what was signed.
    static QByteArray stringToSign(const QString &signKey, const Fields &fields);
    // 40 lowercase hex characters.
    static QByteArray sign(const QString &signKey, const Fields &fields);
    // The fields as an application/x-www-form-urlencoded body, UTF-8: everything but
    // A-Z a-z 0-9 - . _ ~ percent-encoded. QUrlQuery would leave '+' alone, which a form
    // decoder reads as a space, and the signature would no longer match the biz JSON.
    static QByteArray formBody(const Fields &fields);
};
