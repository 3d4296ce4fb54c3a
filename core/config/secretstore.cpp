#include "core/config/secretstore.h"

#include <QDateTime>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>

#include "core/config/masterkeystore.h"
#include "core/crypto/secretbox.h"
#include "core/logging/categories.h"
#include "core/store/database.h"

SecretStore::SecretStore(Database *database, const SecretBox *box)
    : m_database(database),
      m_box(box)
{
}

SecretStore::~SecretStore() = default;

Result<std::unique_ptr<SecretStore>> SecretStore::openInDir(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::Storage,
                         QStringLiteral("cannot create data dir %1").arg(dataDir));
    return open(dataDir, QDir(dataDir).filePath(QString::fromLatin1(Database::FILE_NAME)));
}

Result<std::unique_ptr<SecretStore>> SecretStore::open(const QString &dataDir,
                                                       const QString &databaseLocation)
{
    auto box = MasterKeyStore::open(dataDir);
    if (!box.ok())
        return box.error();
    auto database = Database::open(databaseLocation);
    if (!database.ok())
        return database.error();
    auto ownBox = std::make_unique<SecretBox>(box.value());
    auto store = std::make_unique<SecretStore>(database.value().get(), ownBox.get());
    store->m_ownDatabase = std::move(database).value();
    store->m_ownBox = std::move(ownBox);
    return store;
}

Result<std::optional<QString>> SecretStore::value(const QString &name)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT sealed_value FROM secrets WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    if (!query.next())
        return std::optional<QString>();
    const auto opened = m_box->open(query.value(0).toByteArray(), name.toUtf8());
    if (!opened.ok())
        return opened.error();
    return std::optional<QString>(QString::fromUtf8(opened.value()));
}

Result<Done> SecretStore::checkKey()
{
    const QString name = QString::fromLatin1(KEY_CHECK);
    const auto sealed = m_box->seal("dy-gateway", name.toUtf8());
    if (!sealed.ok())
        return sealed.error();
    // DO NOTHING: of gateways starting at once on a new database, the first one's value stays
    // and the others are checked against it.
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO secrets (name, sealed_value, updated_at) VALUES "
                                 "(?, ?, ?) ON CONFLICT (name) DO NOTHING"));
    query.addBindValue(name);
    query.addBindValue(sealed.value());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    const auto opened = value(name);
    if (opened.ok() || opened.error().code == ErrorCode::Storage)
        return opened.ok() ? Result<Done>(Done{}) : Result<Done>(opened.error());
    return makeError(ErrorCode::Crypto,
                     QStringLiteral("the master key does not open this database's secrets: "
                                    "every gateway on one database needs the same key (copy "
                                    "master.key from the data dir of the gateway that first "
                                    "used it)"));
}

Result<Done> SecretStore::setValue(const QString &name, const QString &value)
{
    const auto sealed = m_box->seal(value.toUtf8(), name.toUtf8());
    if (!sealed.ok())
        return sealed.error();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO secrets (name, sealed_value, updated_at) VALUES "
                                 "(?, ?, ?) ON CONFLICT (name) DO UPDATE SET sealed_value = "
                                 "excluded.sealed_value, updated_at = excluded.updated_at"));
    query.addBindValue(name);
    query.addBindValue(sealed.value());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    qCInfo(lcConfig) << "secret stored:" << name;
    return Done{};
}

Result<Done> SecretStore::remove(const QString &name)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM secrets WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return makeError(ErrorCode::Storage, query.lastError().text());
    return Done{};
}
