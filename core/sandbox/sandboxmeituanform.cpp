#include "core/sandbox/sandboxmeituanform.h"

#include <QStringDecoder>

#include "core/meituan/meituanapi.h"
#include "core/sandbox/sandboxjson.h"

namespace {

using Answer = SandboxMeituanAnswer;

QStringList required(SandboxMeituanForm::Kind kind)
{
    QStringList names = {QStringLiteral("developerId"), QStringLiteral("businessId"),
                         QStringLiteral("timestamp"), QStringLiteral("charset"),
                         QStringLiteral("sign")};
    switch (kind) {
    case SandboxMeituanForm::Kind::Business:
        names << QStringLiteral("version") << QStringLiteral("appAuthToken")
              << QStringLiteral("biz");
        break;
    case SandboxMeituanForm::Kind::Token:
        names << QStringLiteral("code") << QStringLiteral("grantType");
        break;
    case SandboxMeituanForm::Kind::Refresh:
        names << QStringLiteral("refreshToken") << QStringLiteral("grantType")
              << QStringLiteral("scope");
        break;
    }
    return names;
}

// One part of a form body: '+' is a space, then percent-decoding, then UTF-8.
std::optional<QString> formText(QByteArray raw)
{
    raw.replace('+', ' ');
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(QByteArray::fromPercentEncoding(raw));
    if (utf8.hasError())
        return std::nullopt;
    return text;
}

bool near(qint64 a, qint64 b)
{
    return qAbs(a - b) <= MeituanApi::TIMESTAMP_WINDOW_SECONDS;
}

} // namespace

Result<SandboxMeituanForm, Answer> SandboxMeituanForm::read(const SandboxHttpRequest &request,
                                                            Kind kind, const Checks &checks)
{
    const auto fields = decode(request);
    if (!fields)
        return fields.error();
    if (const auto refused = checkNames(fields.value(), kind))
        return *refused;

    SandboxMeituanForm form;
    for (const auto &[key, value] : fields.value())
        form.m_values.insert(key, value);
    bool numeric = false;
    if (form.value(QStringLiteral("developerId")).toLongLong(&numeric) != checks.developerId
        || !numeric)
        return Answer::paramError(QStringLiteral("developerId: unknown developer"));
    const QByteArray expected = MeituanSigner::sign(checks.signKey, fields.value());
    if (form.value(QStringLiteral("sign")).toLatin1() != expected)
        return Answer::failure(QLatin1String(MeituanApi::SIGN_ERROR),
                               QStringLiteral("sign does not match the fields"));
    if (const auto refused = form.checkValues(kind, checks))
        return *refused;
    return form;
}

Result<MeituanSigner::Fields, Answer> SandboxMeituanForm::decode(const SandboxHttpRequest &request)
{
    const QByteArray type = request.contentType.toLower();
    const qsizetype semicolon = type.indexOf(';');
    const QByteArray mediaType = (semicolon < 0 ? type : type.left(semicolon)).trimmed();
    if (mediaType != "application/x-www-form-urlencoded"
        || (type.contains("charset=") && !type.contains("charset=utf-8")))
        return Answer::paramError(QStringLiteral("Content-Type: must be "
                                                 "application/x-www-form-urlencoded (UTF-8)"));
    MeituanSigner::Fields fields;
    for (const QByteArray &part : request.body.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const auto key = formText(eq < 0 ? part : part.left(eq));
        const auto value = formText(eq < 0 ? QByteArray() : part.mid(eq + 1));
        if (!key || !value)
            return Answer::paramError(
                    QStringLiteral("%1: not UTF-8")
                            .arg(QString::fromLatin1(eq < 0 ? part : part.left(eq))));
        fields.append({*key, *value});
    }
    return fields;
}

std::optional<Answer> SandboxMeituanForm::checkNames(const MeituanSigner::Fields &fields, Kind kind)
{
    const QStringList names = required(kind);
    QStringList seen;
    for (const auto &[key, value] : fields) {
        if (!names.contains(key))
            return Answer::paramError(key + QStringLiteral(": unknown field"));
        if (seen.contains(key))
            return Answer::paramError(key + QStringLiteral(": given more than once"));
        if (value.isEmpty())
            return Answer::paramError(key + QStringLiteral(": required"));
        seen.append(key);
    }
    for (const QString &name : names) {
        if (!seen.contains(name))
            return Answer::paramError(name + QStringLiteral(": required"));
    }
    return std::nullopt;
}

std::optional<Answer> SandboxMeituanForm::checkValues(Kind kind, const Checks &checks) const
{
    if (value(QStringLiteral("businessId")) != QString::number(MeituanApi::BUSINESS_ID))
        return Answer::paramError(
                QStringLiteral("businessId: must be %1").arg(MeituanApi::BUSINESS_ID));
    if (value(QStringLiteral("charset"))
                .compare(QLatin1String(MeituanApi::CHARSET), Qt::CaseInsensitive)
        != 0)
        return Answer::paramError(QStringLiteral("charset: must be UTF-8"));
    if (kind == Kind::Business
        && value(QStringLiteral("version")) != QString::number(MeituanApi::VERSION))
        return Answer::paramError(QStringLiteral("version: must be %1").arg(MeituanApi::VERSION));
    bool numeric = false;
    const qint64 timestamp = value(QStringLiteral("timestamp")).toLongLong(&numeric);
    if (!numeric || (!near(timestamp, checks.now) && !near(timestamp, checks.unmovedNow)))
        return Answer::paramError(
                QStringLiteral("timestamp: must be Unix seconds within %1 s of the server's "
                               "time (%2)")
                        .arg(MeituanApi::TIMESTAMP_WINDOW_SECONDS)
                        .arg(checks.now));
    return std::nullopt;
}

Result<QJsonObject, Answer> SandboxMeituanForm::biz(const QStringList &known) const
{
    const auto parsed = SandboxJson::parseObject(value(QStringLiteral("biz")).toUtf8());
    if (!parsed)
        return Answer::paramError(
                QStringLiteral("biz: must be one JSON object (%1)").arg(parsed.error().message));
    const QJsonObject object = parsed.value();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return Answer::paramError(QStringLiteral("biz.") + it.key()
                                      + QStringLiteral(": unknown field"));
    }
    return object;
}
