#pragma once

#include <optional>

#include <QDate>
#include <QMetaType>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include "core/result.h"

class QSqlQuery;

// The small pieces every repository of core/store binds and reads values with, so that NULL
// means the same thing in each of them.
namespace Store {

Error sqlError(const QString &what, const QSqlQuery &query);
Error badInput(const QString &message);

// Binds values by position, then runs the statement.
bool execWith(QSqlQuery &query, const QVariantList &values);

// Empty means "not known yet" in VerificationRecord and NULL in the table.
QVariant nullableText(const QString &text);

template <typename T>
QVariant nullable(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant(QMetaType::fromType<T>());
}

std::optional<int> optionalInt(const QVariant &value);

// business_date's spelling.
QString isoDate(const QDate &date);

qint64 nowMs();

} // namespace Store
