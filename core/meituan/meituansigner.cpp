#include "core/meituan/meituansigner.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QUrl>

QByteArray MeituanSigner::stringToSign(const QString &signKey, const Fields &fields)
{
    // Sorted as UTF-8 bytes, not as QString (UTF-16 code units): the two orders differ above
    // U+FFFF, and Meituan's SDKs compare bytes.
    QList<QPair<QByteArray, QByteArray>> kept;
    kept.reserve(fields.size());
    for (const auto &[key, value] : fields) {
        if (key == u"sign" || value.isEmpty())
            continue;
        kept.append({key.toUtf8(), value.toUtf8()});
    }
    std::sort(kept.begin(), kept.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });

    QByteArray text = signKey.toUtf8();
    for (const auto &[key, value] : kept)
        text += key + value;
    return text;
}

QByteArray MeituanSigner::sign(const QString &signKey, const Fields &fields)
{
    return QCryptographicHash::hash(stringToSign(signKey, fields), QCryptographicHash::Sha1)
            .toHex();
}

QByteArray MeituanSigner::formBody(const Fields &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}
