#include "core/sandbox/sandboxmeituananswer.h"

#include <array>

#include "core/meituan/meituanapi.h"

namespace {

struct Text
{
    const char *code;
    const char16_t *text;
};

// [choice] MEITUAN.md §7 gives the meanings, not the words: these read like Meituan's.
const std::array<Text, 15> TEXTS = {{
        {MeituanApi::SUCCESS, u"成功"},
        {MeituanApi::CODE_NOT_FOUND, u"券码不存在"},
        {MeituanApi::CODE_USED, u"券码已使用"},
        {MeituanApi::CODE_EXPIRED, u"券码已过期"},
        {MeituanApi::CODE_REFUNDING, u"券码退款中"},
        {MeituanApi::CODE_REFUNDED, u"券码已退款"},
        {MeituanApi::CODE_WRONG_STORE, u"券码不能在该门店使用"},
        {MeituanApi::CODE_NOT_STARTED, u"券码未到使用时间"},
        {MeituanApi::CODE_WRONG_COUNT, u"验券数量不正确"},
        {MeituanApi::REVERSE_NOT_ALLOWED, u"撤销验券失败：只能撤销本开发者10分钟内的验券"},
        {MeituanApi::PARAM_ERROR, u"参数错误"},
        {MeituanApi::TOKEN_EXPIRED, u"appAuthToken已过期或已失效"},
        {MeituanApi::RATE_LIMIT, u"调用过于频繁"},
        {MeituanApi::SIGN_ERROR, u"签名错误"},
        {MeituanApi::SYSTEM_BUSY, u"系统繁忙，请稍后重试"},
}};

} // namespace

bool SandboxMeituanAnswer::ok() const
{
    return code == QLatin1String(MeituanApi::SUCCESS);
}

SandboxMeituanAnswer SandboxMeituanAnswer::success(QJsonValue data)
{
    return {QString::fromLatin1(MeituanApi::SUCCESS), describe(QLatin1String(MeituanApi::SUCCESS)),
            std::move(data)};
}

SandboxMeituanAnswer SandboxMeituanAnswer::failure(const QString &code, const QString &detail)
{
    QString msg = describe(code);
    if (msg.isEmpty())
        msg = QStringLiteral("错误");
    if (!detail.isEmpty())
        msg += QStringLiteral(": ") + detail;
    return {code, msg, QJsonValue::Null};
}

SandboxMeituanAnswer SandboxMeituanAnswer::paramError(const QString &detail)
{
    return failure(QLatin1String(MeituanApi::PARAM_ERROR), detail);
}

QString SandboxMeituanAnswer::describe(const QString &code)
{
    for (const Text &entry : TEXTS) {
        if (code == QLatin1String(entry.code))
            return QString::fromUtf16(entry.text);
    }
    return {};
}
