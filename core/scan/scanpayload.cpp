#include "core/scan/scanpayload.h"

#include <utility>

#include "core/douyin/shortlinkresolver.h"

namespace {

// A scanner gun typing through a Chinese input method in full-width mode sends U+FF01..U+FF5E
// instead of ASCII, and U+3000 for a space. Only that block is mapped: NFKC would also
// rewrite circled digits, superscripts and ligatures, which no scanner sends.
QString halfWidth(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if (u >= 0xFF01 && u <= 0xFF5E)
            c = QChar(char16_t(u - 0xFEE0));
        else if (u == 0x3000)
            c = QLatin1Char(' ');
    }
    return out;
}

// Scanner guns end with CR, LF or Tab depending on their setup, and pasted text can carry a
// byte order mark or zero-width characters; none of them is ever part of a payload.
bool isPadding(QChar c)
{
    return c.isSpace() || c.category() == QChar::Other_Control
            || c.category() == QChar::Other_Format;
}

QString trimmedPadding(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPadding(text.at(begin)))
        ++begin;
    while (end > begin && isPadding(text.at(end - 1)))
        --end;
    return text.mid(begin, end - begin);
}

int defaultPort(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
            && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

bool isShortLink(const QUrl &url, const QUrl &base)
{
    const bool douyinHost = url.host().compare(QLatin1String(ShortLinkResolver::DOUYIN_SHORT_HOST),
                                               Qt::CaseInsensitive)
            == 0;
    const bool baseHost = !base.host().isEmpty() && sameOrigin(url, base);
    // The bare host is Douyin's home page, not a coupon.
    return (douyinHost || baseHost) && !url.path().isEmpty() && url.path() != u"/";
}

// "v.douyin.com/iRNBqkxx/" as typed by hand: the resolver needs the scheme. Only the short
// link hosts get one; any other text without a scheme is not ours to turn into a URL.
QString withScheme(const QString &text, const QUrl &base)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0)
        return {};
    const QString authority = text.left(slash);
    if (authority.compare(QLatin1String(ShortLinkResolver::DOUYIN_SHORT_HOST), Qt::CaseInsensitive)
        == 0)
        return QStringLiteral("https://") + text;
    if (!base.host().isEmpty() && authority.compare(base.authority(), Qt::CaseInsensitive) == 0)
        return base.scheme() + QStringLiteral("://") + text;
    return {};
}

// Codes are read out and typed in groups ("1234 5678 9012", "1234-5678-9012"). Line breaks
// inside are not separators: they mean two scans ran together.
QString codeDigitsOf(const QString &text)
{
    QString digits;
    digits.reserve(text.size());
    for (const QChar c : text) {
        if (c >= u'0' && c <= u'9')
            digits.append(c);
        else if (c == u' ' || c == u'\t' || c == QChar(0x00A0) || c == QChar(0x2212)
                 || c.category() == QChar::Punctuation_Dash)
            continue;
        else
            return {};
    }
    return digits;
}

} // namespace

ScanPayload::ScanPayload(Kind kind, QString value) : m_kind(kind), m_value(std::move(value)) { }

ScanPayload ScanPayload::classify(const QString &text, const QUrl &shortLinkBase)
{
    const QString normalised = trimmedPadding(halfWidth(text));
    if (normalised.isEmpty())
        return {};
    // Text we cannot use keeps its full-width punctuation: in Chinese it is correct.
    const auto unknown = [&text] {
        return ScanPayload(Kind::Unknown, trimmedPadding(text));
    };

    const bool scannedLink = ShortLinkResolver::looksLikeLink(normalised);
    const QString link = scannedLink ? normalised : withScheme(normalised, shortLinkBase);
    if (!link.isEmpty()) {
        // Parsed as strictly as ShortLinkResolver parses it, so a link passed on resolves.
        const QUrl url(link, QUrl::StrictMode);
        if (url.isValid() && !url.host().isEmpty()) {
            if (isShortLink(url, shortLinkBase))
                return {Kind::ShortLink, link};
            if (scannedLink)
                return {Kind::Url, normalised};
        }
        return unknown();
    }

    const QString digits = codeDigitsOf(normalised);
    if (digits.size() >= MIN_CODE_DIGITS && digits.size() <= MAX_CODE_DIGITS)
        return {Kind::Code, digits};
    return unknown();
}

QString ScanPayload::kindName(Kind kind)
{
    switch (kind) {
    case Kind::ShortLink:
        return QStringLiteral("short_link");
    case Kind::Code:
        return QStringLiteral("code");
    case Kind::Url:
        return QStringLiteral("url");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}
