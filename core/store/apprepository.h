#pragma once

#include <QHash>
#include <QList>

#include "core/result.h"
#include "core/store/verifierapp.h"

class Database;
class SecretBox;

// Verifier apps: creation with a one-time secret, listing, permissions, and the lookups the
// request authenticator makes on every signed request (kept in memory, refreshed on change).
class AppRepository
{
public:
    static constexpr int MAX_NAME_LENGTH = 64;

    struct Created
    {
        VerifierApp app;
        QString clientSecret; // shown once, never stored in clear
    };

    struct Credentials
    {
        VerifierApp app;
        QByteArray secret;
    };

    // Both must outlive the repository and belong to the calling thread.
    AppRepository(Database *database, const SecretBox *box);

    Result<Created> create(const QString &name, bool allowTokenRead);
    Result<QList<VerifierApp>> list(); // without the built-in till app
    Result<VerifierApp> get(qint64 id);
    Result<Credentials> credentialsFor(const QString &clientKey);
    Result<VerifierApp> setTokenAccess(qint64 id, bool allowTokenRead);
    Result<VerifierApp> setStatus(qint64 id, VerifierApp::Status status);
    // Records use; writes at most once a minute per app so a busy device costs no I/O.
    void touch(qint64 id, qint64 nowMs);

private:
    Result<VerifierApp> update(qint64 id, const QString &column, const QVariant &value);

    Database *m_database;
    const SecretBox *m_box;
    QHash<QString, Credentials> m_byKey;
    QHash<qint64, qint64> m_lastTouchWritten;
};
