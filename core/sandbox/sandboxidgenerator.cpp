#include "core/sandbox/sandboxidgenerator.h"

#include <iterator>

#include <QDateTime>
#include <QTimeZone>
#include <QUuid>

namespace {

constexpr int BEIJING_OFFSET_SECONDS = 8 * 3600;

} // namespace

QString SandboxIdGenerator::digits(const QString &prefix, int length)
{
    QString digits = prefix;
    digits.reserve(length);
    while (digits.size() < length)
        digits.append(QChar(u'0' + char16_t(m_random.bounded(10))));
    return digits;
}

QString SandboxIdGenerator::hex(int bytes)
{
    return QString::fromLatin1(this->bytes(bytes).toHex());
}

QString SandboxIdGenerator::opaque(int bytes)
{
    return QString::fromLatin1(this->bytes(bytes).toBase64(QByteArray::Base64UrlEncoding
                                                           | QByteArray::OmitTrailingEquals));
}

QString SandboxIdGenerator::alnum(int length)
{
    static constexpr char16_t ALPHABET[] =
            u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(QChar(ALPHABET[m_random.bounded(int(std::size(ALPHABET) - 1))]));
    return text;
}

QString SandboxIdGenerator::uuid()
{
    return QUuid::fromRfc4122(bytes(16)).toString(QUuid::WithoutBraces);
}

QString SandboxIdGenerator::logId(qint64 now)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(now, QTimeZone(BEIJING_OFFSET_SECONDS));
    return local.toString(QStringLiteral("yyyyMMddHHmmss"))
            + QStringLiteral("%1").arg(++m_logSequence, 8, 16, QChar(u'0')).toUpper()
            + QStringLiteral("%1").arg(m_random.generate(), 8, 16, QChar(u'0')).toUpper()
            + QStringLiteral("%1").arg(m_random.bounded(0x10000), 4, 16, QChar(u'0')).toUpper();
}

QByteArray SandboxIdGenerator::bytes(int count)
{
    QByteArray raw(count, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(m_random.bounded(256));
    return raw;
}
