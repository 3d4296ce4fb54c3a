#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxidgenerator.h"

// The verify_tokens prepare hands out: what each covers, and once spent, the request that
// spent it, so an identical retry can be recognised.
class SandboxVerifyTokens
{
public:
    struct Token
    {
        QString orderId;
        qint64 expiresAt = 0;
        QSet<QString> certificateIds; // what its prepare listed
        bool used = false;
        // The request that spent it, for recognising an identical retry.
        QString poiId;
        QStringList sortedCodes;
        bool plainCodes = false;
        QHash<QString, qint64> results; // sent code → per-code result of that request
    };

    SandboxVerifyTokens(const SandboxConfig &config, SandboxIdGenerator &ids)
        : m_config(config),
          m_ids(ids)
    {
    }

    // Stores token, valid from now for the configured lifetime, under a new id.
    QString issue(Token token);
    // nullptr when unknown or expired: Douyin answers both alike.
    Token *find(const QString &id);

private:
    void purge();

    const SandboxConfig &m_config;
    SandboxIdGenerator &m_ids;
    QHash<QString, Token> m_tokens;
    int m_issuedSincePurge = 0;
};
