#include "core/config/keychainentry.h"

#include <atomic>
#include <future>
#include <memory>
#include <utility>

#include <QThread>

#include <qt6keychain/keychain.h>

#include "core/logging/categories.h"

using namespace Qt::StringLiterals;

namespace {

enum class Operation { Read, Write, Remove };

struct Answer
{
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QByteArray data;
};

std::atomic<bool> s_unreachable = false;

// Deliberately never destroyed: a job abandoned after a timeout may still hold on to it, and
// a QThread destroyed while running aborts the process at exit.
QObject *keychainThreadAnchor()
{
    static QObject *anchor = [] {
        auto *thread = new QThread;
        thread->setObjectName(u"keychain"_s);
        thread->start();
        auto *object = new QObject;
        object->moveToThread(thread);
        return object;
    }();
    return anchor;
}

QKeychain::Job *makeJob(Operation operation, const QString &service, const QString &key,
                        const QByteArray &secret)
{
    QKeychain::Job *job = nullptr;
    if (operation == Operation::Read) {
        job = new QKeychain::ReadPasswordJob(service);
    } else if (operation == Operation::Write) {
        auto *write = new QKeychain::WritePasswordJob(service);
        write->setBinaryData(secret);
        job = write;
    } else {
        job = new QKeychain::DeletePasswordJob(service);
    }
    job->setKey(key);
    job->setAutoDelete(true); // deletes itself once finished, also when nobody waits any more
    job->setInsecureFallback(false); // never QtKeychain's clear-text QSettings store
    return job;
}

// Starts the job on the keychain thread; the future is fulfilled when it finishes.
std::future<Answer> startJob(Operation operation, const QString &service, const QString &key,
                             const QByteArray &secret)
{
    auto promise = std::make_shared<std::promise<Answer>>();
    std::future<Answer> answer = promise->get_future();
    QMetaObject::invokeMethod(keychainThreadAnchor(), [=] {
        QKeychain::Job *job = makeJob(operation, service, key, secret);
        QObject::connect(job, &QKeychain::Job::finished, job, [promise](QKeychain::Job *done) {
            Answer result{done->error(), done->errorString(), {}};
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
                result.data = read->binaryData();
            promise->set_value(std::move(result));
        });
        job->start();
    });
    return answer;
}

Result<Answer> run(Operation operation, const QString &service, const QString &key,
                   std::chrono::milliseconds timeout, const QByteArray &secret = {})
{
    if (s_unreachable)
        return makeError(ErrorCode::Timeout, u"the keychain did not answer earlier"_s);
    std::future<Answer> answer = startJob(operation, service, key, secret);
    if (answer.wait_for(timeout) != std::future_status::ready) {
        s_unreachable = true;
        qCWarning(lcConfig) << "keychain: no answer within" << timeout.count() << "ms";
        return makeError(ErrorCode::Timeout,
                         u"the keychain did not answer within %1 ms"_s.arg(timeout.count()));
    }
    return answer.get();
}

Error keychainError(const Answer &answer)
{
    return makeError(ErrorCode::Storage,
                     u"keychain error %1: %2"_s.arg(int(answer.error)).arg(answer.message));
}

} // namespace

KeychainEntry::KeychainEntry(QString service, QString key, std::chrono::milliseconds timeout)
    : m_service(std::move(service)),
      m_key(std::move(key)),
      m_timeout(timeout)
{
}

Result<std::optional<QByteArray>> KeychainEntry::read() const
{
    const auto answer = run(Operation::Read, m_service, m_key, m_timeout);
    if (!answer.ok())
        return answer.error();
    if (answer.value().error == QKeychain::EntryNotFound)
        return std::optional<QByteArray>();
    if (answer.value().error != QKeychain::NoError)
        return keychainError(answer.value());
    return std::optional<QByteArray>(answer.value().data);
}

Result<Done> KeychainEntry::write(const QByteArray &secret) const
{
    const auto answer = run(Operation::Write, m_service, m_key, m_timeout, secret);
    if (!answer.ok())
        return answer.error();
    if (answer.value().error != QKeychain::NoError)
        return keychainError(answer.value());
    return Done{};
}

Result<Done> KeychainEntry::remove() const
{
    const auto answer = run(Operation::Remove, m_service, m_key, m_timeout);
    if (!answer.ok())
        return answer.error();
    if (answer.value().error != QKeychain::NoError
        && answer.value().error != QKeychain::EntryNotFound)
        return keychainError(answer.value());
    return Done{};
}
