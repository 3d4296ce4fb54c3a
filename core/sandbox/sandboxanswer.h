#pragma once

#include <utility>

#include <QJsonObject>
#include <QString>

#include "core/douyin/douyinapi.h"

// One Douyin business answer before it is wrapped in the {data, extra} envelope: the code and
// description go into data or extra (see SandboxDouyinApi::envelope), `data` carries the
// call's own fields. A sub code, when Douyin gives one, always goes into extra.
struct SandboxAnswer
{
    qint64 errorCode = DouyinApi::OK;
    QString description;
    QJsonObject data;
    qint64 subErrorCode = 0;
    QString subDescription;

    bool ok() const { return errorCode == DouyinApi::OK; }

    static SandboxAnswer success(QJsonObject data)
    {
        SandboxAnswer answer;
        answer.data = std::move(data);
        return answer;
    }
    static SandboxAnswer failure(qint64 code, const QString &description)
    {
        SandboxAnswer answer;
        answer.errorCode = code;
        answer.description = description;
        return answer;
    }
};
