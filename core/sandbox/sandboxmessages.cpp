#include "core/sandbox/sandboxmessages.h"

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxcancellation.h"

namespace SandboxMessages {

QString describe(qint64 code)
{
    switch (code) {
    case DouyinApi::OK:
        return {};
    case DouyinApi::UNKNOWN_ERROR:
        return QStringLiteral("未知错误");
    case DouyinApi::SYSTEM_BUSY:
        return QStringLiteral("系统繁忙，此时请开发者稍候再试");
    case DouyinApi::BAD_PARAMETER:
    case DouyinApi::PARAMETER_INVALID:
        return QStringLiteral("参数不合法");
    case DouyinApi::BUSY:
        return QStringLiteral("系统繁忙，请稍候再试");
    case DouyinApi::TOO_FREQUENT:
        return QStringLiteral("请求太过频繁，请稍后再试");
    case DouyinApi::MERCHANT_NOT_AUTHORISED:
        return QStringLiteral("应用未获商家授权");
    case DouyinApi::TOKEN_INVALID:
        return QStringLiteral("access_token无效");
    case DouyinApi::CAPABILITY_NOT_GRANTED:
        return QStringLiteral("应用未获得该能力, 请去https://open.douyin.com/申请");
    case DouyinApi::TOKEN_EXPIRED:
        return QStringLiteral("access_token过期,请刷新或重新授权");
    case DouyinApi::CLIENT_KEY_INVALID:
        return QStringLiteral("client_key无效");
    case DouyinApi::CLIENT_SECRET_INVALID:
        return QStringLiteral("client_secret错误");
    case DouyinApi::CLIENT_TOKEN_THROTTLED:
        return QStringLiteral("获取client_token过于频繁，请稍后再试");
    case DouyinApi::VERIFY_REPEATED:
        return QStringLiteral("重复的核销请求");
    case DouyinApi::VERIFY_ALREADY_UNDER_TOKEN:
        return QStringLiteral("该券已使用此verify_token核销");
    case DouyinApi::CERTIFICATE_EXPIRED:
        return QStringLiteral("券码已过期");
    case DouyinApi::CERTIFICATE_REFUNDED:
        return QStringLiteral("券码已退款");
    case DouyinApi::VERIFY_TOKEN_INVALID:
        return QStringLiteral("verify_token无效或已过期，请重新验券准备");
    case DouyinApi::CERTIFICATE_USED:
        return QStringLiteral("券码已使用");
    case DouyinApi::POI_NOT_ALLOWED:
        return QStringLiteral("该门店不可核销此券");
    case DouyinApi::CERTIFICATE_NOT_FOUND:
        return QStringLiteral("券码不存在");
    case SandboxCancellation::CANCEL_REFUSED:
        return QStringLiteral("撤销核销失败");
    case SandboxCancellation::WINDOW_CLOSED:
        return QStringLiteral("已超过可撤销时限,无法撤销核销");
    case SandboxCancellation::ALREADY_CANCELLED:
        return QStringLiteral("该核销记录已撤销");
    default:
        return QStringLiteral("系统错误");
    }
}

SandboxAnswer failure(qint64 code)
{
    return SandboxAnswer::failure(code, describe(code));
}

SandboxAnswer failure(qint64 code, const QString &detail)
{
    return SandboxAnswer::failure(code, describe(code) + QStringLiteral(": ") + detail);
}

SandboxAnswer badParameter(const QString &detail)
{
    return failure(DouyinApi::BAD_PARAMETER, detail);
}

SandboxAnswer notFound(const QString &what)
{
    return failure(DouyinApi::CERTIFICATE_NOT_FOUND, what);
}

SandboxAnswer cancelRefused(qint64 subCode)
{
    SandboxAnswer answer =
            SandboxAnswer::failure(SandboxCancellation::CANCEL_REFUSED, describe(subCode));
    answer.subErrorCode = subCode;
    answer.subDescription = describe(subCode);
    return answer;
}

} // namespace SandboxMessages
