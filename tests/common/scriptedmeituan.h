#pragma once

#include <optional>

#include <QTest>

#include "tests/common/scripteddouyin.h"

#include "core/meituan/meituanapi.h"
#include "core/meituan/meituanclient.h"
#include "core/runtime/meituansetup.h"

// Meituan's open platform as literal answers in MEITUAN.md's shapes (§1 token, §2 prepare,
// §3 consume, §7 error codes), served over loopback by the generic scripted server; for the
// tests where the answer about a code must be chosen: one that Douyin knows too, one that
// Meituan knows as used. The answer holds until another is chosen.
class ScriptedMeituan
{
public:
    using Action = ScriptedDouyin::Action;

    static constexpr qint64 DEVELOPER_ID = 100001;
    static inline const QString SIGN_KEY = QStringLiteral("scripted_meituan_sign_key");

    ScriptedMeituan()
    {
        m_server.setDefault(MeituanApi::PATH_TOKEN, Action::answer(tokenAnswer()));
        reset();
    }

    MeituanClient::Config config() const
    {
        MeituanClient::Config config;
        config.baseUrl = QUrl(m_server.baseUrl());
        config.developerId = DEVELOPER_ID;
        config.signKey = SIGN_KEY;
        config.requestTimeoutMs = 1500;
        return config;
    }

    ScriptedDouyin &server() { return m_server; }
    int prepares() const { return m_server.count(MeituanApi::PATH_PREPARE); }
    int consumes() const { return m_server.count(MeituanApi::PATH_CONSUME); }

    // From now on a prepare knows `code`, and a consume uses it up.
    void knows(const QString &code, const QString &title = QStringLiteral("美团双人午餐"))
    {
        m_server.setDefault(MeituanApi::PATH_PREPARE, Action::answer(prepareAnswer(code, title)));
        m_server.setDefault(MeituanApi::PATH_CONSUME, Action::answer(consumeAnswer(code, title)));
    }
    // From now on a prepare answers with Meituan's error (§7: "1008" used, "1006" no such).
    void refuses(const QByteArray &code, const QByteArray &msg)
    {
        m_server.setDefault(MeituanApi::PATH_PREPARE, Action::answer(error(code, msg)));
    }
    // From now on a prepare goes unanswered: the connection is reset.
    void unreachable() { m_server.setDefault(MeituanApi::PATH_PREPARE, Action::reset()); }
    // Back to knowing no code.
    void reset() { refuses("1006", "券码不存在"); }

    // Binds the store to a Meituan store through §1's token exchange.
    static bool bind(MeituanSetup *setup, const QString &poiId)
    {
        std::optional<bool> bound;
        QObject context;
        setup->bind(poiId, QStringLiteral("auth-") + poiId, &context,
                    [&bound](const Result<MeituanStore, Meituan::Error> &store) {
                        bound = store.ok();
                    });
        return QTest::qWaitFor([&bound] { return bound.has_value(); }, 10000) && *bound;
    }

    static QByteArray tokenAnswer()
    {
        return R"({"code": 0, "msg": "success", "data": {"accessToken": "at-scripted",
 "expireIn": 2592000, "refreshToken": "rt-scripted", "scope": "all", "opBizCode": "mt-store"}})";
    }

    static QByteArray error(const QByteArray &code, const QByteArray &msg)
    {
        return R"({"code": ")" + code + R"(", "msg": ")" + msg
                + R"(", "traceId": "trace-scripted-error", "data": null})";
    }

    static QByteArray prepareAnswer(const QString &code, const QString &title)
    {
        return QStringLiteral(R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-prepare",
 "data": {"count": 1, "orderId": 4812345678901234567, "receiptCode": "%1",
  "dealId": 900000001234, "dealGroupId": 800000005678, "dealTitle": "%2",
  "dealPrice": 88, "dealMarketPrice": 128, "mobile": "138****5678", "bizType": 0,
  "paymentDetail": [{"paymentDetailId": "p-1", "amount": "88.00", "amountType": 1}],
  "receiptEndDate": 4102444799000, "platformAmount": 0, "merchantAmount": "88.00",
  "productType": 1, "productItemId": "item-7"}})")
                .arg(code, title)
                .toUtf8();
    }

    static QByteArray consumeAnswer(const QString &code, const QString &title)
    {
        return QStringLiteral(R"({"code": "OP_SUCCESS", "msg": "成功", "traceId": "trace-consume",
 "data": {"result": [
  {"orderId": "4812345678901234567", "receiptCode": "%1", "dealId": 900000001234,
   "dealgroupId": 800000005678, "dealTitle": "%2", "dealPrice": 88, "dealMarketPrice": "128.00",
   "mobile": "138****5678", "bizType": 0, "paymentDetail": [], "receiptEndDate": "4102444799000",
   "flowId": "flow-%1", "platformAmount": 0, "merchantAmount": 88}]}})")
                .arg(code, title)
                .toUtf8();
    }

private:
    ScriptedDouyin m_server;
};
