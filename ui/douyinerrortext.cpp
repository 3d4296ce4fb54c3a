#include "ui/douyinerrortext.h"

QString DouyinErrorText::describe(const Douyin::Error &error)
{
    QString text;
    switch (error.kind) {
    case Douyin::Error::Kind::NotConfigured:
        text = tr("Enter the client key and the client secret first.");
        break;
    case Douyin::Error::Kind::Cooldown:
        text = tr("Douyin is busy or received too many requests. Wait a minute and try again.");
        break;
    case Douyin::Error::Kind::Unavailable:
        text = tr("The Douyin server could not be reached. Check the internet connection and "
                  "the server address.");
        break;
    case Douyin::Error::Kind::Unknown:
        text = tr("The Douyin server did not answer in time. Check the internet connection "
                  "and try again.");
        break;
    case Douyin::Error::Kind::BadAnswer:
        text = tr("The server at this address does not answer like Douyin. Check the server "
                  "address.");
        break;
    case Douyin::Error::Kind::Rejected:
    case Douyin::Error::Kind::BadLink:
        text = rejection(ConnectionProbe::problemOf(error));
        break;
    }
    if (error.kind == Douyin::Error::Kind::Rejected && !error.description.isEmpty())
        //: %1 is Douyin's own error text (often Chinese), %2 its error code
        text += u'\n' + tr("Douyin said: \"%1\" (code %2)").arg(error.description).arg(error.code);
    if (!error.logid.isEmpty())
        text += u'\n' + tr("Reference for Douyin support: %1").arg(error.logid);
    return text;
}

QString DouyinErrorText::rejection(ConnectionProbe::Problem problem)
{
    using Problem = ConnectionProbe::Problem;
    switch (problem) {
    case Problem::BadClientKey:
        return tr("Douyin does not know this client key. Check that it was copied "
                  "completely.");
    case Problem::BadClientSecret:
        return tr("Douyin did not accept the client secret. Check that it was copied "
                  "completely, without spaces.");
    case Problem::NotAuthorised:
        return tr("Douyin says the merchant account has not authorised this app. Check "
                  "the account id and the authorisation in the Douyin console.");
    case Problem::NoCapability:
        return tr("This Douyin app may not verify coupons yet. Apply for the capability "
                  "in the Douyin Open Platform.");
    case Problem::Busy:
        return tr("Douyin is busy or received too many requests. Wait a minute and try "
                  "again.");
    case Problem::None:
    case Problem::Other:
        break;
    }
    return tr("Douyin refused the request.");
}
