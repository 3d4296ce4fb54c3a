#include "core/store/store.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Store {

Error sqlError(const QString &what, const QSqlQuery &query)
{
    return makeError(ErrorCode::Storage, what + QStringLiteral(": ") + query.lastError().text());
}

Error badInput(const QString &message)
{
    return makeError(ErrorCode::BadInput, message);
}

bool execWith(QSqlQuery &query, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    return query.exec();
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

std::optional<int> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<int>(value.toInt());
}

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Store
