#include "core/meituan/meituanmoney.h"

#include <cmath>

#include <QLocale>

namespace {

Error bad(const QString &text, const QString &why)
{
    return makeError(ErrorCode::BadInput, QStringLiteral("amount \"%1\": %2").arg(text, why));
}

bool allDigits(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace

Result<qint64> MeituanMoney::fenFromText(const QString &yuan)
{
    QStringView rest(yuan);
    const bool negative = rest.startsWith(u'-');
    if (negative)
        rest = rest.mid(1);

    int exponent = 0;
    if (const qsizetype e = rest.indexOf(u'e', 0, Qt::CaseInsensitive); e >= 0) {
        QStringView digits = rest.mid(e + 1);
        const bool expNegative = digits.startsWith(u'-');
        if (expNegative || digits.startsWith(u'+'))
            digits = digits.mid(1);
        if (digits.isEmpty() || digits.size() > 3 || !allDigits(digits))
            return bad(yuan, QStringLiteral("malformed exponent"));
        exponent = digits.toInt() * (expNegative ? -1 : 1);
        rest = rest.left(e);
    }

    const qsizetype dot = rest.indexOf(u'.');
    const QStringView whole = dot < 0 ? rest : rest.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : rest.mid(dot + 1);
    if (whole.isEmpty() || !allDigits(whole) || (dot >= 0 && fraction.isEmpty())
        || !allDigits(fraction))
        return bad(yuan, QStringLiteral("not a decimal number"));

    // All digits as one integer D with value D * 10^(exponent - fraction.size()) yuan; fen
    // multiply by 100 more. Leading zeros are dropped so their count cannot overflow anything.
    QString digits = whole.toString() + fraction.toString();
    int shift = exponent - int(fraction.size()) + 2;
    while (digits.size() > 1 && digits.startsWith(u'0'))
        digits.remove(0, 1);
    while (shift < 0 && digits.size() > 1 && digits.endsWith(u'0')) {
        digits.chop(1);
        ++shift;
    }
    if (digits == u"0")
        return qint64(0);
    if (shift < 0)
        return bad(yuan, QStringLiteral("finer than one fen"));
    if (digits.size() + shift > 15)
        return bad(yuan, QStringLiteral("too large"));
    digits += QString(shift, u'0');
    const qint64 fen = digits.toLongLong();
    if (fen > MAX_ABS_FEN)
        return bad(yuan, QStringLiteral("too large"));
    return negative ? -fen : fen;
}

Result<qint64> MeituanMoney::fenFromJson(const QJsonValue &yuan)
{
    if (yuan.isString())
        return fenFromText(yuan.toString());
    if (!yuan.isDouble())
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("amount is neither number nor string"));
    const double value = yuan.toDouble();
    if (!std::isfinite(value))
        return makeError(ErrorCode::BadInput, QStringLiteral("amount is not finite"));
    // Shortest text that reads back as the same double: "0.1", not "0.10000000000000001".
    return fenFromText(QString::number(value, 'g', QLocale::FloatingPointShortest));
}
