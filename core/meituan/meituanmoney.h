#pragma once

#include <QJsonValue>
#include <QString>

#include "core/result.h"

// Meituan's amounts are yuan, as a JSON number (`99.9`) or a string (`"12.50"`); the product
// stores integer fen. The conversion is exact or it fails: it works on the decimal text and
// never rounds, because a silently rounded price is a wrong record nobody notices.
//
// Accepted: an optional '-', digits, an optional '.' followed by digits, an optional exponent
// (`1e2`, `1.5E-1`), as long as the value is a whole number of fen ("12.50", "12.500" and
// "1.2345e3" are fine; "12.505" is an error) and |fen| < 10^15. A minus sign is kept: the
// converter is exact and leaves range rules (a price is never negative) to its callers.
// Refused: empty text, spaces, '+', a bare '.', "5.", ".5", hex, "NaN", "Infinity".
//
// A JSON number arrives as a double (QJsonDocument parses it so). Its shortest round-trip
// text (the one QJsonDocument would write back) is the decimal the answer carried whenever
// that had at most 15 significant digits — every real price does, and the 10^15 fen limit
// (13 integer digits of yuan + 2 decimals) keeps it so.
class MeituanMoney final
{
public:
    static constexpr qint64 MAX_ABS_FEN = 999'999'999'999'999; // < 2^53: exact in a double too

    static Result<qint64> fenFromText(const QString &yuan);
    static Result<qint64> fenFromJson(const QJsonValue &yuan);
};
