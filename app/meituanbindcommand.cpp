#include "app/meituanbindcommand.h"

#include <QDateTime>
#include <QEventLoop>
#include <QTextStream>

#include "core/config/gatewaysettings.h"
#include "core/config/masterkeystore.h"
#include "core/config/secretstore.h"
#include "core/crypto/secretbox.h"
#include "core/meituan/meituanclient.h"
#include "core/meituan/meituantokenkeeper.h"
#include "core/store/database.h"
#include "core/store/meituanstorerepository.h"

namespace {

enum ExitCode { BOUND = 0, REFUSED = 1, NOT_SET_UP = 2 };

int failed(QTextStream &err, int code, const QString &message)
{
    err << "dy-gateway meituan-bind: " << message << Qt::endl;
    return code;
}

} // namespace

namespace MeituanBindCommand {

int run(const GatewaySettings &settings, const QString &poiId, const QString &authCode,
        QTextStream &out, QTextStream &err)
{
    auto box = MasterKeyStore::open(settings.dataDir());
    if (!box.ok())
        return failed(err, REFUSED, box.error().message);
    auto database = Database::open(settings.databaseLocation());
    if (!database.ok())
        return failed(err, REFUSED, database.error().message);

    MeituanClient::Config config;
    config.baseUrl = settings.meituanBaseUrl();
    config.developerId = settings.meituanDeveloperId();
    config.signKey = settings.meituanSignKey();
    if (config.signKey.isEmpty()) {
        SecretStore secrets(database.value().get(), &box.value());
        const auto sealed = secrets.value(QString::fromLatin1(SecretStore::MEITUAN_SIGN_KEY));
        config.signKey = sealed.ok() ? sealed.value().value_or(QString()) : QString();
    }
    MeituanClient client;
    client.setConfig(config);
    if (!client.isConfigured())
        return failed(err, NOT_SET_UP,
                      QStringLiteral("Meituan is not set up: set DYGW_MEITUAN_DEVELOPER_ID and "
                                     "DYGW_MEITUAN_SIGN_KEY (or save them in the settings page)"));

    MeituanStoreRepository repository(database.value().get(), &box.value());
    MeituanTokenKeeper keeper(&client, &repository);
    QEventLoop loop;
    int code = REFUSED;
    keeper.bind(poiId, authCode, &loop, [&](const Result<MeituanStore, Meituan::Error> &bound) {
        if (bound.ok()) {
            code = BOUND;
            out << "bound " << poiId << " to Meituan store " << bound.value().opBizCode
                << ", token valid until "
                << QDateTime::fromSecsSinceEpoch(bound.value().expiresAt, Qt::UTC)
                            .toString(Qt::ISODate)
                << Qt::endl;
        } else {
            failed(err, REFUSED,
                   QStringLiteral("Meituan refused the authorization code: ")
                           + bound.error().message);
        }
        loop.quit();
    });
    loop.exec();
    return code;
}

} // namespace MeituanBindCommand
