#include "core/sandbox/sandboxfault.h"

#include <array>

#include <QStringList>

#include "core/sandbox/sandboxjson.h"

namespace {

constexpr int MAX_DELAY_MS = 120000;
constexpr int MAX_COUNT = 1000000;

// Indexed by SandboxEndpoint; these names are the control API's and /sandbox/stats' keys.
const std::array<const char16_t *, SANDBOX_ENDPOINT_COUNT> ENDPOINT_NAMES = {
        u"client_token",
        u"prepare",
        u"verify",
        u"certificate_get",
        u"certificate_query",
        u"order_query",
        u"poi_query",
        u"short_link",
        u"cancel",
        u"verify_record_query",
        u"ledger_query",
        u"meituan.prepare",
        u"meituan.consume",
        u"meituan.getconsumed",
        u"meituan.reverseconsume",
        u"meituan.querylistbydate",
        u"meituan.oauth_token",
        u"meituan.oauth_refresh",
};

struct ModeName
{
    SandboxFault::Mode mode;
    const char16_t *name;
};

const std::array<ModeName, 9> MODE_NAMES = {{
        {SandboxFault::Mode::Delay, u"delay"},
        {SandboxFault::Mode::Http500, u"http_500"},
        {SandboxFault::Mode::ErrorCode, u"error_code"},
        {SandboxFault::Mode::DropBeforeCommit, u"drop_before_commit"},
        {SandboxFault::Mode::DropAfterCommit, u"drop_after_commit"},
        {SandboxFault::Mode::RateLimit, u"rate_limit"},
        {SandboxFault::Mode::FinAfterCommit, u"fin_after_commit"},
        {SandboxFault::Mode::RstAfterCommit, u"rst_after_commit"},
        {SandboxFault::Mode::HalfAnswerAfterCommit, u"half_answer_after_commit"},
}};

constexpr int MAX_CODE_TEXT_LENGTH = 64;

Error badField(const QString &field, const QString &why)
{
    return makeError(ErrorCode::BadInput, field + QStringLiteral(": ") + why);
}

QString endpointChoices()
{
    QStringList names;
    for (const char16_t *name : ENDPOINT_NAMES)
        names.append(QString::fromUtf16(name));
    return names.join(QStringLiteral(", "));
}

// A Meituan code given as text: anything but success in disguise.
bool isErrorCodeText(const QString &code)
{
    return !code.trimmed().isEmpty() && code.size() <= MAX_CODE_TEXT_LENGTH && code != u"OP_SUCCESS"
            && code != u"0";
}

} // namespace

QString SandboxFault::endpointName(SandboxEndpoint endpoint)
{
    return QString::fromUtf16(ENDPOINT_NAMES.at(std::size_t(endpoint)));
}

std::optional<SandboxEndpoint> SandboxFault::endpointFromName(const QString &name)
{
    for (std::size_t i = 0; i < ENDPOINT_NAMES.size(); ++i) {
        if (name == QStringView(ENDPOINT_NAMES[i]))
            return SandboxEndpoint(i);
    }
    return std::nullopt;
}

QString SandboxFault::modeName(Mode mode)
{
    for (const ModeName &entry : MODE_NAMES) {
        if (entry.mode == mode)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

Result<SandboxFault> SandboxFault::fromJson(const QJsonObject &object)
{
    static const QStringList known = {QStringLiteral("endpoint"), QStringLiteral("mode"),
                                      QStringLiteral("delay_ms"), QStringLiteral("error_code"),
                                      QStringLiteral("count")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return badField(it.key(), QStringLiteral("unknown field"));
    }

    SandboxFault fault;
    const QJsonValue endpoint = object.value(QStringLiteral("endpoint"));
    if (!endpoint.isString())
        return badField(QStringLiteral("endpoint"),
                        QStringLiteral("required: one of %1, *").arg(endpointChoices()));
    if (endpoint.toString() != u"*") {
        fault.endpoint = endpointFromName(endpoint.toString());
        if (!fault.endpoint)
            return badField(QStringLiteral("endpoint"),
                            QStringLiteral("unknown endpoint '%1'").arg(endpoint.toString()));
    }

    const QJsonValue mode = object.value(QStringLiteral("mode"));
    bool modeFound = false;
    for (const ModeName &entry : MODE_NAMES) {
        if (mode.isString() && mode.toString() == QStringView(entry.name)) {
            fault.mode = entry.mode;
            modeFound = true;
        }
    }
    if (!modeFound)
        return badField(QStringLiteral("mode"),
                        QStringLiteral("required: one of delay, http_500, error_code, "
                                       "drop_before_commit, drop_after_commit, rate_limit, "
                                       "fin_after_commit, rst_after_commit, "
                                       "half_answer_after_commit"));

    const QJsonValue delay = object.value(QStringLiteral("delay_ms"));
    if (fault.mode == Mode::Delay || !delay.isUndefined()) {
        const auto ms = SandboxJson::integerIn(delay, 0, MAX_DELAY_MS);
        if (!ms)
            return badField(QStringLiteral("delay_ms"),
                            QStringLiteral("an integer from 0 to %1 (required for delay)")
                                    .arg(MAX_DELAY_MS));
        fault.delayMs = int(*ms);
    }

    const QJsonValue code = object.value(QStringLiteral("error_code"));
    const bool meituan = fault.endpoint && isMeituan(*fault.endpoint);
    if (meituan && code.isString()) {
        if (!isErrorCodeText(code.toString()))
            return badField(QStringLiteral("error_code"),
                            QStringLiteral("a Meituan code such as \"OP_SYSTEM_BUSY\" or "
                                           "\"1008\", never a success"));
        fault.errorCodeText = code.toString();
    } else if (fault.mode == Mode::ErrorCode || !code.isUndefined()) {
        // Any code a client might meet, but never 0: that would be a success in disguise.
        const auto value = SandboxJson::integerIn(code, 1, Q_INT64_C(1) << 53);
        if (!value)
            return badField(QStringLiteral("error_code"),
                            QStringLiteral("a positive integer (required for error_code; on "
                                           "a meituan.* endpoint also a string)"));
        fault.errorCode = *value;
    }

    const QJsonValue count = object.value(QStringLiteral("count"));
    if (!count.isUndefined()) {
        const auto value = SandboxJson::integerIn(count, 1, MAX_COUNT);
        if (!value)
            return badField(QStringLiteral("count"),
                            QStringLiteral("an integer from 1 to %1").arg(MAX_COUNT));
        fault.count = int(*value);
    }
    return fault;
}

QJsonObject SandboxFault::toJson() const
{
    QJsonObject object{
            {QStringLiteral("endpoint"), endpoint ? endpointName(*endpoint) : QStringLiteral("*")},
            {QStringLiteral("mode"), modeName(mode)},
            {QStringLiteral("count"), count},
    };
    if (mode == Mode::Delay)
        object.insert(QStringLiteral("delay_ms"), delayMs);
    if (mode == Mode::ErrorCode && !errorCodeText.isEmpty())
        object.insert(QStringLiteral("error_code"), errorCodeText);
    else if (mode == Mode::ErrorCode)
        object.insert(QStringLiteral("error_code"), errorCode);
    return object;
}
