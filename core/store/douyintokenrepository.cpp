#include "core/store/douyintokenrepository.h"

#include <QSqlError>
#include <QSqlQuery>

#include "core/crypto/secretbox.h"
#include "core/logging/categories.h"
#include "core/store/database.h"
#include "core/store/namedlock.h"

namespace {

constexpr char SEAL_CONTEXT[] = "douyin.client_token";

QString lockName(const QString &clientKey)
{
    return QStringLiteral("douyin_tokens:") + clientKey;
}

} // namespace

DouyinTokenRepository::DouyinTokenRepository(Database *database, const SecretBox *box)
    : m_database(database),
      m_box(box)
{
}

std::optional<DouyinTokenRepository::Stored>
DouyinTokenRepository::load(const QString &clientKey) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT token_sealed, expires_at, fetched_at FROM douyin_tokens "
                                 "WHERE client_key = ?"));
    query.addBindValue(clientKey);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const auto opened = m_box->open(query.value(0).toByteArray(), SEAL_CONTEXT);
    if (!opened.ok()) {
        qCWarning(lcDouyin) << "stored client_token cannot be opened; a new one will be fetched";
        return std::nullopt;
    }
    return Stored{QString::fromUtf8(opened.value()), query.value(1).toLongLong(),
                  query.value(2).toLongLong()};
}

Result<Done> DouyinTokenRepository::save(const QString &clientKey, const Stored &token,
                                         const std::optional<Stored> &previous)
{
    const auto sealed = m_box->seal(token.token.toUtf8(), SEAL_CONTEXT);
    if (!sealed.ok())
        return sealed.error();
    QVariant previousSealed(QMetaType::fromType<QByteArray>());
    QVariant previousUntil(QMetaType::fromType<qint64>());
    if (previous) {
        const auto sealedPrevious = m_box->seal(previous->token.toUtf8(), SEAL_CONTEXT);
        if (!sealedPrevious.ok())
            return sealedPrevious.error();
        previousSealed = sealedPrevious.value();
        previousUntil = previous->expiresAt;
    }

    QSqlQuery query(m_database->connection());
    // Portable upsert: SQLite and PostgreSQL both speak ON CONFLICT … DO UPDATE.
    query.prepare(QStringLiteral(
            "INSERT INTO douyin_tokens (client_key, token_sealed, expires_at, fetched_at, "
            "previous_token_sealed, previous_valid_until) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (client_key) DO UPDATE SET token_sealed = excluded.token_sealed, "
            "expires_at = excluded.expires_at, fetched_at = excluded.fetched_at, "
            "previous_token_sealed = excluded.previous_token_sealed, "
            "previous_valid_until = excluded.previous_valid_until"));
    query.addBindValue(clientKey);
    query.addBindValue(sealed.value());
    query.addBindValue(token.expiresAt);
    query.addBindValue(token.fetchedAt);
    query.addBindValue(previousSealed);
    query.addBindValue(previousUntil);
    if (!query.exec())
        return makeError(
                ErrorCode::Storage,
                QStringLiteral("cannot store client_token: %1").arg(query.lastError().text()));
    return Done{};
}

Result<bool> DouyinTokenRepository::tryLeadRefresh(const QString &clientKey)
{
    return NamedLock::tryAcquire(m_database, lockName(clientKey));
}

void DouyinTokenRepository::endRefresh(const QString &clientKey)
{
    NamedLock::release(m_database, lockName(clientKey));
}
