#include "core/sandbox/sandboxjson.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

// A double holds every integer of up to 15 digits exactly; beyond that some are lost.
constexpr qsizetype MAX_EXACT_DIGITS = 15;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Rewrites over-long integer literals as strings. Only tokens outside strings are touched;
// malformed JSON passes through unchanged for QJsonDocument to reject.
QByteArray quoteLongIntegers(const QByteArray &body)
{
    QByteArray out;
    out.reserve(body.size() + 16);
    bool inString = false;
    qsizetype i = 0;
    const qsizetype size = body.size();
    while (i < size) {
        const char c = body.at(i);
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < size) {
                out.append(body.at(i + 1));
                i += 2;
                continue;
            }
            if (c == '"')
                inString = false;
            ++i;
            continue;
        }
        if (c == '"') {
            inString = true;
            out.append(c);
            ++i;
            continue;
        }
        if (c == '-' || isDigit(c)) {
            qsizetype end = i + 1;
            while (end < size && isDigit(body.at(end)))
                ++end;
            const bool fractionOrExponent = end < size
                    && (body.at(end) == '.' || body.at(end) == 'e' || body.at(end) == 'E');
            const qsizetype digits = end - i - (c == '-' ? 1 : 0);
            if (!fractionOrExponent && digits > MAX_EXACT_DIGITS) {
                out.append('"');
                out.append(body.constData() + i, end - i);
                out.append('"');
                i = end;
                continue;
            }
            out.append(body.constData() + i, end - i);
            i = end;
            continue;
        }
        out.append(c);
        ++i;
    }
    return out;
}

} // namespace

namespace SandboxJson {

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(quoteLongIntegers(body), &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("body is not valid JSON (%1 at offset %2)")
                                 .arg(error.errorString())
                                 .arg(error.offset));
    if (!document.isObject())
        return makeError(ErrorCode::BadInput, QStringLiteral("body must be a JSON object"));
    return document.object();
}

std::optional<QString> idString(const QJsonValue &value)
{
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.isEmpty())
            return std::nullopt;
        return text;
    }
    const auto number = integerIn(value, -(Q_INT64_C(1) << 53), Q_INT64_C(1) << 53);
    if (!number)
        return std::nullopt;
    return QString::number(*number);
}

std::optional<QStringList> stringList(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString() || item.toString().isEmpty())
            return std::nullopt;
        list.append(item.toString());
    }
    return list;
}

std::optional<qint64> integerIn(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number || number < double(min)
        || number > double(max))
        return std::nullopt;
    return qint64(number);
}

} // namespace SandboxJson
