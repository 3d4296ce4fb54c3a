#pragma once

#include <memory>

#include <QObject>

#include "core/config/gatewaysettings.h"
#include "core/result.h"

class Database;
class LanApiServer;
class LogFile;
class SecretBox;

// The gateway without a window: data dir, log file, master key, database and LAN API, all
// on the calling (main) thread, which has nothing else to do in headless mode.
class HeadlessGateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessGateway)

public:
    explicit HeadlessGateway(GatewaySettings settings, QObject *parent = nullptr);
    ~HeadlessGateway() override;

    // Returns the LAN API's bound address; any error means the process should exit 1.
    Result<HostPort> start(bool verbose);

private:
    GatewaySettings m_settings;
    std::unique_ptr<LogFile> m_logFile;
    std::unique_ptr<SecretBox> m_secretBox;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<LanApiServer> m_api;
};
