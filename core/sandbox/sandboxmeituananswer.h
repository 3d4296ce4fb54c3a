#pragma once

#include <QJsonValue>
#include <QString>

// One Meituan answer before it goes into its envelope (SandboxMeituanApi): the `code` as text
// ("OP_SUCCESS", "1008", "OP_SIGN_ERROR"), the `msg` and the call's `data`.
struct SandboxMeituanAnswer
{
    QString code;
    QString msg;
    QJsonValue data = QJsonValue::Null;

    bool ok() const;

    static SandboxMeituanAnswer success(QJsonValue data);
    // msg is Meituan's text for the code, then ": detail" when there is one.
    static SandboxMeituanAnswer failure(const QString &code, const QString &detail = {});
    // OP_PARAM_ERROR; detail starts with the field it is about ("biz.count: …").
    static SandboxMeituanAnswer paramError(const QString &detail);
    // The Chinese text Meituan sends with a code; empty for a code it does not know.
    static QString describe(const QString &code);
};
