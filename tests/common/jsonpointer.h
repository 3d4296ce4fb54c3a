#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Resolves a local JSON pointer ("#/components/schemas/X", "~1" for "/" in a key) in a
// document such as resources/api/openapi.json; undefined when it does not resolve.
inline QJsonValue resolve(const QJsonObject &document, const QString &ref)
{
    if (!ref.startsWith(QStringLiteral("#/")))
        return QJsonValue(QJsonValue::Undefined);
    QJsonValue current = document;
    for (QString token : ref.mid(2).split(u'/')) {
        token.replace(QStringLiteral("~1"), QStringLiteral("/"))
                .replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (current.isObject() && current.toObject().contains(token)) {
            current = current.toObject().value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0 || index >= current.toArray().size())
                return QJsonValue(QJsonValue::Undefined);
            current = current.toArray().at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}
