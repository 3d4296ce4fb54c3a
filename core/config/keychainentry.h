#pragma once

#include <chrono>
#include <optional>

#include <QByteArray>
#include <QString>

#include "core/result.h"

// One secret in the OS keychain (Windows Credential Manager, macOS Keychain, the Secret
// Service on Linux) through QtKeychain, with a bounded wait: a keychain that is missing, locked
// behind a prompt nobody answers, or on a session bus that never replies costs at most
// `timeout` per call, never a hang at start-up.
//
// QtKeychain's jobs are asynchronous and run one at a time through a queue that lives in the
// thread of the first job, and its Linux backend (libsecret) answers through the GLib main
// context of that thread. So every job runs on one dedicated, process-wide thread with its own
// event loop, and the caller only waits for the answer: no event loop is needed (or spun) in
// the calling thread, and a job that never finishes is abandoned without freezing anybody.
// After one timeout the keychain counts as unreachable for the rest of the process: QtKeychain
// would queue every later job behind the stuck one.
class KeychainEntry
{
public:
    static constexpr std::chrono::milliseconds DEFAULT_TIMEOUT{3000};

    KeychainEntry(QString service, QString key,
                  std::chrono::milliseconds timeout = DEFAULT_TIMEOUT);

    // nullopt: the keychain answered that there is no such entry. An Error: no keychain, or it
    // did not answer (ErrorCode::Timeout), or it refused.
    Result<std::optional<QByteArray>> read() const;
    Result<Done> write(const QByteArray &secret) const;
    Result<Done> remove() const;

    QString service() const { return m_service; }
    QString key() const { return m_key; }

private:
    QString m_service;
    QString m_key;
    std::chrono::milliseconds m_timeout;
};
