#include "core/store/apprepository.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/crypto/crypto.h"
#include "core/crypto/secretbox.h"
#include "core/store/database.h"

namespace {

constexpr char SEAL_CONTEXT[] = "verifier_app.client_secret";
constexpr qint64 TOUCH_INTERVAL_MS = 60 * 1000;
const QString COLUMNS = QStringLiteral(
        "id, name, client_key, status, allow_token_read, created_at, updated_at, last_used_at");

VerifierApp readApp(const QSqlQuery &query)
{
    VerifierApp app;
    app.id = query.value(0).toLongLong();
    app.name = query.value(1).toString();
    app.clientKey = query.value(2).toString();
    app.status = query.value(3).toString() == u"disabled" ? VerifierApp::Status::Disabled
                                                          : VerifierApp::Status::Active;
    app.allowTokenRead = query.value(4).toInt() != 0;
    app.createdAt = query.value(5).toLongLong();
    app.updatedAt = query.value(6).toLongLong();
    if (!query.value(7).isNull())
        app.lastUsedAt = query.value(7).toLongLong();
    return app;
}

Error storage(const QSqlQuery &query)
{
    return makeError(ErrorCode::Storage, query.lastError().text());
}

// URL-safe, no padding: easy to paste into a device's settings.
Result<QString> randomToken(int bytes)
{
    const auto random = Crypto::randomBytes(bytes);
    if (!random.ok())
        return random.error();
    return QString::fromLatin1(random.value().toBase64(QByteArray::Base64UrlEncoding
                                                       | QByteArray::OmitTrailingEquals));
}

} // namespace

AppRepository::AppRepository(Database *database, const SecretBox *box)
    : m_database(database),
      m_box(box)
{
}

Result<AppRepository::Created> AppRepository::create(const QString &name, bool allowTokenRead)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > MAX_NAME_LENGTH)
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("name: 1..%1 characters").arg(MAX_NAME_LENGTH));
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM verifier_apps WHERE name = ?"));
    query.addBindValue(trimmed);
    if (!query.exec())
        return storage(query);
    if (query.next())
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("name: an app named '%1' exists").arg(trimmed));

    const auto key = randomToken(12);
    const auto secret = randomToken(32);
    if (!key.ok() || !secret.ok())
        return makeError(ErrorCode::Crypto, QStringLiteral("no randomness for a new app"));
    const auto sealed = m_box->seal(secret.value().toUtf8(), SEAL_CONTEXT);
    if (!sealed.ok())
        return sealed.error();

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    query.prepare(QStringLiteral("INSERT INTO verifier_apps (name, client_key, "
                                 "client_secret_sealed, status, allow_token_read, created_at, "
                                 "updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?)")
                  + m_database->dialect().returningId());
    query.addBindValue(trimmed);
    query.addBindValue(QString(QStringLiteral("ak_") + key.value()));
    query.addBindValue(sealed.value());
    query.addBindValue(m_database->dialect().flag(allowTokenRead));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        // Two creations racing for one name end here, on the UNIQUE constraint.
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("name: %1").arg(query.lastError().text()));
    }
    const auto app = get(m_database->dialect().insertedId(query));
    if (!app.ok())
        return app.error();
    return Created{app.value(), secret.value()};
}

Result<QList<VerifierApp>> AppRepository::list()
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT ") + COLUMNS
                    + QStringLiteral(" FROM verifier_apps WHERE builtin = 0 ORDER BY id")))
        return storage(query);
    QList<VerifierApp> apps;
    while (query.next())
        apps.append(readApp(query));
    return apps;
}

Result<VerifierApp> AppRepository::get(qint64 id)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT ") + COLUMNS
                  + QStringLiteral(" FROM verifier_apps WHERE id = ? AND builtin = 0"));
    query.addBindValue(id);
    if (!query.exec())
        return storage(query);
    if (!query.next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no app with id %1").arg(id));
    return readApp(query);
}

Result<AppRepository::Credentials> AppRepository::credentialsFor(const QString &clientKey)
{
    if (const auto cached = m_byKey.constFind(clientKey); cached != m_byKey.cend())
        return *cached;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT ") + COLUMNS
                  + QStringLiteral(", client_secret_sealed FROM verifier_apps "
                                   "WHERE client_key = ? AND builtin = 0"));
    query.addBindValue(clientKey);
    if (!query.exec())
        return storage(query);
    if (!query.next())
        return makeError(ErrorCode::NotFound, QStringLiteral("unknown client key"));
    const auto secret = m_box->open(query.value(8).toByteArray(), SEAL_CONTEXT);
    if (!secret.ok())
        return secret.error();
    Credentials credentials{readApp(query), secret.value()};
    m_byKey.insert(clientKey, credentials);
    return credentials;
}

Result<VerifierApp> AppRepository::update(qint64 id, const QString &column, const QVariant &value)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE verifier_apps SET %1 = ?, updated_at = ? "
                                 "WHERE id = ? AND builtin = 0")
                          .arg(column));
    query.addBindValue(value);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec())
        return storage(query);
    if (query.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("no app with id %1").arg(id));
    m_byKey.clear();
    return get(id);
}

Result<VerifierApp> AppRepository::setTokenAccess(qint64 id, bool allowTokenRead)
{
    return update(id, QStringLiteral("allow_token_read"),
                  m_database->dialect().flag(allowTokenRead));
}

Result<VerifierApp> AppRepository::setStatus(qint64 id, VerifierApp::Status status)
{
    return update(id, QStringLiteral("status"), VerifierApp::toString(status));
}

void AppRepository::touch(qint64 id, qint64 nowMs)
{
    if (nowMs - m_lastTouchWritten.value(id, 0) < TOUCH_INTERVAL_MS)
        return;
    m_lastTouchWritten.insert(id, nowMs);
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE verifier_apps SET last_used_at = ? WHERE id = ?"));
    query.addBindValue(nowMs);
    query.addBindValue(id);
    query.exec();
    for (Credentials &credentials : m_byKey) {
        if (credentials.app.id == id)
            credentials.app.lastUsedAt = nowMs;
    }
}
