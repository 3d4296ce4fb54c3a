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
};
