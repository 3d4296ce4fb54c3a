#pragma once

#include <utility>

#include <QJsonObject>
#include <QString>

#include "core/douyin/douyinapi.h"

// One Douyin business answer before it is wrapped in the {data, extra} envelope: the code and
// description go into both data and extra, `data` carries the call's own fields.
struct SandboxAnswer
{
    qint64 errorCode = DouyinApi::OK;
    QString description;
    QJsonObject data;

    bool ok() const { return errorCode == DouyinApi::OK; }

    static SandboxAnswer success(QJsonObject data)
    {
        return {DouyinApi::OK, QString(), std::move(data)};
    }
    static SandboxAnswer failure(qint64 code, const QString &description)
    {
        return {code, description, QJsonObject()};
    }
};
