#pragma once

#include <QString>

class GatewaySettings;
class QTextStream;

// `dy-gateway meituan-bind POI_ID AUTH_CODE` (CLI.md): exchanges a Meituan authorization code
// for the store's token pair and binds it to the POI, in the database the gateway uses, with
// the gateway's Meituan settings. Returns the exit code: 0 bound, 1 refused by Meituan (or the
// database is unusable), 2 Meituan is not set up (no developer id or sign key).
namespace MeituanBindCommand {

int run(const GatewaySettings &settings, const QString &poiId, const QString &authCode,
        QTextStream &out, QTextStream &err);

} // namespace MeituanBindCommand
