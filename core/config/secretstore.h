#pragma once

#include <memory>
#include <optional>

#include <QString>

#include "core/result.h"

class Database;
class SecretBox;

// Secrets the store manager types into the desktop app (the Douyin client secret), sealed
// with the installation's master key into the database's `secrets` table, so neither the
// settings file nor a copied database shows them. Each value is sealed with its own name as
// context: a value copied to another name's row does not open.
class SecretStore
{
public:
    static constexpr auto DOUYIN_CLIENT_SECRET = "douyin.client_secret";
    static constexpr auto MEITUAN_SIGN_KEY = "meituan.sign_key";
    // A value only the right master key opens, sealed by the first gateway on the database.
    static constexpr auto KEY_CHECK = "master_key.check";

    // Uses the caller's connection and key; both must outlive the store and belong to the
    // calling thread.
    SecretStore(Database *database, const SecretBox *box);
    // Opens a connection and the master key of its own in dataDir (creating them if needed):
    // for demo mode, whose engine runs on a separate data dir while the secrets belong to
    // the real one.
    static Result<std::unique_ptr<SecretStore>> openInDir(const QString &dataDir);
    // The same with the database elsewhere: a SQLite file or a postgresql:// URL (chain mode);
    // the master key stays in dataDir.
    static Result<std::unique_ptr<SecretStore>> open(const QString &dataDir,
                                                     const QString &databaseLocation);
    ~SecretStore();
    Q_DISABLE_COPY_MOVE(SecretStore)

    // nullopt when nothing is stored under the name; an Error when something is stored but
    // cannot be opened (another master key) or the database cannot be read.
    Result<std::optional<QString>> value(const QString &name);
    Result<Done> setValue(const QString &name, const QString &value);
    Result<Done> remove(const QString &name);
    // The master key is the one this database's secrets are sealed with: the first gateway on
    // a database leaves KEY_CHECK, every later one must open it (chain mode: each till needs
    // the same master.key). A Crypto error names the fix.
    Result<Done> checkKey();

private:
    std::unique_ptr<Database> m_ownDatabase;
    std::unique_ptr<SecretBox> m_ownBox;
    Database *m_database;
    const SecretBox *m_box;
};
