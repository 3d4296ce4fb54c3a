#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "core/meituan/meituansigner.h"
#include "core/result.h"
#include "core/sandbox/sandboxhttprequest.h"
#include "core/sandbox/sandboxmeituananswer.h"

// One Meituan request as the open platform reads it (MEITUAN.md §Conventions, §1): an
// application/x-www-form-urlencoded UTF-8 body whose system fields are all there and right
// and whose SHA-1 signature matches. Every refusal is the answer Meituan would give.
//
// [choice] rules not published by Meituan, decided here:
// - a field given twice, a field the call does not take, and a missing or empty one are
//   OP_PARAM_ERROR naming the field; so are developerId other than the sandbox's, businessId
//   other than 58, charset other than UTF-8, version other than 2 and a timestamp more than
//   300 s from the sandbox clock. "The sandbox clock" is read with and without what
//   POST /sandbox/clock moved it by, and either is fine: a test moves the sandbox's time, but
//   the client's clock did not move with it.
// - the signature is checked once the fields are all present and developerId is known, and
//   before their values are: a wrong one is OP_SIGN_ERROR. It must be the lowercase hex.
// - the checks run in that order, then appAuthToken (OP_TOKEN_EXPIRED), then biz: one JSON
//   object with only the call's keys (else OP_PARAM_ERROR naming biz or biz.<key>).
class SandboxMeituanForm
{
public:
    enum class Kind {
        Business, // the 团购 receipt calls
        Token, // /oauth/token
        Refresh, // /oauth/refresh
    };

    struct Checks
    {
        qint64 developerId = 0;
        QString signKey;
        qint64 now = 0; // the sandbox clock
        qint64 unmovedNow = 0; // the same without POST /sandbox/clock's advance
    };

    using Answer = SandboxMeituanAnswer;

    static Result<SandboxMeituanForm, Answer> read(const SandboxHttpRequest &request, Kind kind,
                                                   const Checks &checks);

    QString value(const QString &key) const { return m_values.value(key); }
    // biz as an object holding only keys from known.
    Result<QJsonObject, Answer> biz(const QStringList &known) const;

private:
    static Result<MeituanSigner::Fields, Answer> decode(const SandboxHttpRequest &request);
    static std::optional<Answer> checkNames(const MeituanSigner::Fields &fields, Kind kind);
    std::optional<Answer> checkValues(Kind kind, const Checks &checks) const;

    QHash<QString, QString> m_values;
};
