#pragma once

#include <QString>
#include <QUrl>

// What a scanned or typed text is, so the engine knows how to use it. The camera, a scanner
// gun, a pasted screenshot and the decode command all classify through here.
class ScanPayload final
{
public:
    enum class Kind {
        Unknown, // nothing the engine can use
        ShortLink, // a v.douyin.com (or configured base) link: resolve it to encrypted_data
        Code, // a plain coupon code: digits only
        Url, // any other http(s) URL, e.g. a www.douyin.com page that carries object_id
    };

    // Douyin's coupon codes are 12 to 16 digits long (the sandbox's are 15). Fewer than 8
    // digits is a count, a price or a PIN typed into the wrong field; more than 24 is no
    // code anyone reads out. Order ids (19 digits) fall inside the bounds and come back from
    // Douyin as an unknown code, which is the right answer for them.
    static constexpr int MIN_CODE_DIGITS = 8;
    static constexpr int MAX_CODE_DIGITS = 24;
    static constexpr char DEFAULT_SHORT_LINK_BASE[] = "https://v.douyin.com";

    ScanPayload() = default;

    // shortLinkBase: the --short-link-base setting. Links on its scheme, host and port count
    // as short links besides v.douyin.com, so the sandbox's links classify like real ones.
    static ScanPayload
    classify(const QString &text,
             const QUrl &shortLinkBase = QUrl(QString::fromLatin1(DEFAULT_SHORT_LINK_BASE)));

    // "short_link", "code", "url" or "unknown": the names of CLI.md and the LAN API.
    static QString kindName(Kind kind);

    Kind kind() const { return m_kind; }
    QString kindName() const { return kindName(m_kind); }
    // Trimmed (line ends, spaces, control and zero-width characters), never truncated. A
    // code keeps its digits only. A link is converted to half-width and otherwise kept
    // exactly as scanned, never re-encoded, because its object_id must reach Douyin unchanged;
    // a short link typed without "https://" gets the scheme. Unknown text is only trimmed.
    const QString &value() const { return m_value; }

private:
    ScanPayload(Kind kind, QString value);

    Kind m_kind = Kind::Unknown;
    QString m_value;
};
