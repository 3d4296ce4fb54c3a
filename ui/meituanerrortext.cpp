#include "ui/meituanerrortext.h"

#include <QStringList>

#include "core/meituan/meituanapi.h"

QString MeituanErrorText::bindFailure(const Meituan::Error &error)
{
    using Kind = Meituan::Error::Kind;
    QStringList lines{headline(error)};
    if (error.kind == Kind::Rejected) {
        //: %1 is Meituan's own message, %2 its error code
        lines << tr("Meituan said: \"%1\" (code %2)")
                         .arg(error.msg.isEmpty() ? error.message : error.msg, error.code);
    } else if (error.kind != Kind::NotConfigured && !error.message.isEmpty()) {
        //: Technical detail under an explanation, for support
        lines << tr("Details: %1").arg(error.message);
    }
    if (!error.traceId.isEmpty())
        lines << tr("Meituan's reference for support: %1").arg(error.traceId);
    return lines.join(u'\n');
}

QString MeituanErrorText::headline(const Meituan::Error &error)
{
    using Kind = Meituan::Error::Kind;
    switch (error.kind) {
    case Kind::Rejected:
        // A wrong key fails every call, so it must not read as a bad code to type again.
        if (error.isRejected(MeituanApi::SIGN_ERROR))
            return tr("Meituan did not accept the signature: the sign key does not belong to "
                      "this developer id. Check both, save, and start dy-gateway again.");
        return tr("Meituan did not accept the authorization code. Each code works once, for "
                  "10 minutes: open Meituan's page again to get a new one.");
    case Kind::NotConfigured:
        return tr("Meituan is not set up yet: enter the developer id and the sign key, save, "
                  "and start dy-gateway again.");
    case Kind::Unavailable:
    case Kind::Unknown:
        return tr("Meituan could not be reached. Check this computer's internet connection and "
                  "try again.");
    case Kind::Cooldown:
        return tr("Meituan asked for fewer calls. Wait a minute and try again.");
    case Kind::BadAnswer:
    case Kind::BadLink: // not a bind's failure; worded as what it would be
        return tr("Meituan's answer could not be understood.");
    }
    return {};
}
