#include "app/headlessgateway.h"

#include <QDir>

#include "core/api/lanapiserver.h"
#include "core/crypto/secretbox.h"
#include "core/logging/categories.h"
#include "core/logging/logfile.h"
#include "core/store/database.h"
#include "core/version.h"

HeadlessGateway::HeadlessGateway(GatewaySettings settings, QObject *parent)
    : QObject(parent),
      m_settings(std::move(settings))
{
}

HeadlessGateway::~HeadlessGateway()
{
    m_api.reset();
    m_database.reset();
    if (m_logFile)
        LogFile::uninstall();
}

Result<HostPort> HeadlessGateway::start(bool verbose)
{
    const QString dataDir = m_settings.dataDir();
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot create data dir %1").arg(dataDir));

    LogFile::setVerbose(verbose);
    m_logFile = std::make_unique<LogFile>(
            QDir(dataDir).filePath(QStringLiteral("logs/dy-gateway.log")));
    if (const auto opened = m_logFile->open(); !opened.ok())
        return opened.error();
    LogFile::install(m_logFile.get());
    qCInfo(lcApp) << "dy-gateway" << DYGW_VERSION << "starting headless, data dir" << dataDir;

    auto box = SecretBox::openOrCreate(dataDir);
    if (!box.ok())
        return box.error();
    m_secretBox = std::make_unique<SecretBox>(box.value());

    auto database = Database::openInDir(dataDir);
    if (!database.ok())
        return database.error();
    m_database = std::move(database).value();

    m_api = std::make_unique<LanApiServer>(m_database.get());
    m_api->setDouyinConfigured(m_settings.hasDouyinCredentials());
    return m_api->listen(m_settings.listen());
}
