#include "core/api/admintoken.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include "core/crypto/crypto.h"
#include "core/store/database.h"

namespace {

const QString SECRET_NAME = QStringLiteral("admin_token_sha256");

} // namespace

AdminToken::AdminToken(Database *database) : m_database(database) { }

Result<std::optional<QString>> AdminToken::ensure(const QString &fromEnvironment)
{
    if (!fromEnvironment.isEmpty()) {
        if (const auto stored = store(fromEnvironment); !stored.ok())
            return stored.error();
        return std::optional<QString>();
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT sealed_value FROM secrets WHERE name = ?"));
    query.addBindValue(SECRET_NAME);
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    if (query.next()) {
        m_hash = query.value(0).toByteArray();
        return std::optional<QString>();
    }
    const auto fresh = regenerate();
    if (!fresh.ok())
        return fresh.error();
    return std::optional<QString>(fresh.value());
}

Result<QString> AdminToken::regenerate()
{
    const auto random = Crypto::randomBytes(24);
    if (!random.ok())
        return random.error();
    const QString token = QStringLiteral("adm_")
            + QString::fromLatin1(random.value().toBase64(QByteArray::Base64UrlEncoding
                                                          | QByteArray::OmitTrailingEquals));
    if (const auto stored = store(token); !stored.ok())
        return stored.error();
    return token;
}

Result<Done> AdminToken::store(const QString &token)
{
    const QByteArray hash = Crypto::sha256(token.toUtf8());
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO secrets (name, sealed_value, updated_at) VALUES "
                                 "(?, ?, ?) ON CONFLICT (name) DO UPDATE SET sealed_value = "
                                 "excluded.sealed_value, updated_at = excluded.updated_at"));
    query.addBindValue(SECRET_NAME);
    query.addBindValue(hash);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    m_hash = hash;
    return Done{};
}

bool AdminToken::check(QByteArrayView presented) const
{
    if (m_hash.isEmpty() || presented.isEmpty())
        return false;
    return Crypto::constantTimeEquals(Crypto::sha256(presented), m_hash);
}
