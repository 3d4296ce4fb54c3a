#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "core/result.h"

// Reading request bodies the way Douyin's ids demand: ids can exceed 2^53, and a JSON number
// read through a double silently loses digits.
namespace SandboxJson {

// Parses a JSON object. Integer literals too long to be exact as a double (16+ digits) come
// back as strings holding the literal unchanged, so "poi_id": 7630290236999731263 keeps
// every digit. Anything but a JSON object is an error.
Result<QJsonObject> parseObject(const QByteArray &body);

// An id given as a string, or as a JSON number that is an exact integer: the decimal
// string. Empty or any other type → nullopt.
std::optional<QString> idString(const QJsonValue &value);

// A list of non-empty strings (codes). Anything else → nullopt.
std::optional<QStringList> stringList(const QJsonValue &value);

// An exact integer in [min, max]; strings (and over-long literals) are refused.
std::optional<qint64> integerIn(const QJsonValue &value, qint64 min, qint64 max);

} // namespace SandboxJson
