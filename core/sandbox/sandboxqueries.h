#pragma once

#include <optional>

#include <QString>

#include "core/sandbox/sandboxanswer.h"
#include "core/sandbox/sandboxanswerjson.h"
#include "core/sandbox/sandboxconfig.h"
#include "core/sandbox/sandboxorderbook.h"

// The read-only Douyin calls (certificate get and query, order and store lists) and where
// short links lead. Nothing here changes the sandbox.
class SandboxQueries
{
public:
    SandboxQueries(const SandboxConfig &config, const SandboxOrderBook &book,
                   const SandboxAnswerJson &json)
        : m_config(config),
          m_book(book),
          m_json(json)
    {
    }

    SandboxAnswer certificateGet(const QString &encryptedCode) const;
    // At least one of the two; both = the certificate must belong to that order.
    SandboxAnswer certificateQuery(const QString &encryptedCode, const QString &orderId) const;
    // Empty accountId = the sandbox account; empty orderId = every order, paged.
    SandboxAnswer orderQuery(const QString &accountId, const QString &orderId, int pageNum,
                             int pageSize) const;
    SandboxAnswer poiQuery(const QString &accountId, int page, int size) const;

    // The object_id a live link redirects to; nullopt when the link is unknown or dead (no
    // certificate of its order is usable any more).
    std::optional<QString> shortLinkTarget(const QString &linkId) const;
    int shortLinkRedirects(const QString &linkId) const;

private:
    // nullopt when the account and page are fine; else the answer refusing them.
    std::optional<SandboxAnswer> refusePage(const QString &accountId, bool pageValid,
                                            const QString &rule) const;

    const SandboxConfig &m_config;
    const SandboxOrderBook &m_book;
    const SandboxAnswerJson &m_json;
};
