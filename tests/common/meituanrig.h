#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include "tests/common/scripteddouyin.h"

#include "core/meituan/meituanclient.h"
#include "core/meituan/meituansigner.h"

// A MeituanClient over real loopback HTTP to a scripted server (the generic one in
// tests/common: raw HTTP/1.1, literal answers or lost ones; only its name says Douyin).
// Calls wait for the callback while the event loop keeps running.
struct MeituanRig
{
    static inline const QString SIGN_KEY = QStringLiteral("sandbox_meituan_sign_key");
    static inline const QString TOKEN = QStringLiteral("mt-token-poi1");
    static constexpr qint64 DEVELOPER_ID = 100001;

    std::unique_ptr<ScriptedDouyin> server = std::make_unique<ScriptedDouyin>();
    std::unique_ptr<MeituanClient> client = std::make_unique<MeituanClient>();

    MeituanRig() { client->setConfig(config()); }

    MeituanClient::Config config() const
    {
        MeituanClient::Config c;
        c.baseUrl = QUrl(server->baseUrl());
        c.developerId = DEVELOPER_ID;
        c.signKey = SIGN_KEY;
        c.requestTimeoutMs = 1500; // the silent server's cases end sooner
        return c;
    }

    template <typename T>
    static Result<T, Meituan::Error>
    await(const std::function<void(MeituanClient::Callback<T>)> &start)
    {
        std::optional<Result<T, Meituan::Error>> outcome;
        start([&outcome](const Result<T, Meituan::Error> &r) { outcome = r; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
            return Meituan::Error::make(PlatformError::Kind::Unavailable, "test timed out");
        return *outcome;
    }

    // A received form body, decoded: keys in order, values by key.
    struct Form
    {
        QStringList keys;
        QHash<QString, QString> values;
        MeituanSigner::Fields fields;
    };

    static Form decode(const QByteArray &body)
    {
        Form form;
        for (const QByteArray &pair : body.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq)));
            const QString value =
                    QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(eq + 1)));
            form.keys << key;
            form.values.insert(key, value);
            form.fields.append({key, value});
        }
        return form;
    }
};
