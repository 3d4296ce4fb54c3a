#include "core/crypto/secretbox.h"

#include <utility>

#include <QDir>
#include <QFile>

#include "core/crypto/crypto.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype NONCE_SIZE = 12;
constexpr qsizetype TAG_SIZE = 16;
constexpr char FORMAT_VERSION = 0x01;
constexpr qsizetype HEADER_SIZE = 1 + NONCE_SIZE;

Error keyFileError(const QString &path, const QString &reason)
{
    return makeError(ErrorCode::Crypto, u"master key file %1: %2"_s.arg(path, reason));
}

} // namespace

Result<QByteArray> SecretBox::readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return keyFileError(path, file.errorString());
    }
    // One byte more than a key, so an oversized file is caught without reading all of it.
    QByteArray key = file.read(KEY_SIZE + 1);
    if (file.error() != QFileDevice::NoError) {
        return keyFileError(path, file.errorString());
    }
    if (key.size() != KEY_SIZE) {
        return keyFileError(path,
                            u"expected %1 bytes, found %2%3"_s.arg(KEY_SIZE)
                                    .arg(key.size())
                                    .arg(key.size() > KEY_SIZE ? u" or more"_s : QString()));
    }
    return key;
}

namespace {

Result<SecretBox> loadKeyFile(const QString &path)
{
    auto key = SecretBox::readKeyFile(path);
    if (!key.ok())
        return key.error();
    return SecretBox(std::move(key).value(), SecretBox::Storage::File);
}

} // namespace

Result<SecretBox> SecretBox::openOrCreate(const QString &dir)
{
    if (!QDir().mkpath(dir)) {
        return makeError(ErrorCode::Crypto, u"cannot create key directory %1"_s.arg(dir));
    }
    const QString path = QDir(dir).filePath(QLatin1StringView(KEY_FILE_NAME));
    if (QFile::exists(path)) {
        return loadKeyFile(path);
    }

    auto key = Crypto::randomBytes(KEY_SIZE);
    if (!key.ok()) {
        return key.error();
    }
    QFile file(path);
    // NewOnly with explicit permissions: the file is 0600 from the moment it exists, and a key
    // written by a concurrent start-up is never clobbered.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (QFile::exists(path)) {
            return loadKeyFile(path);
        }
        return keyFileError(path, file.errorString());
    }
    if (file.write(key.value()) != KEY_SIZE || !file.flush()) {
        const QString reason = file.errorString();
        file.close();
        // A partial key would be rejected on every later start; better to leave no file at all.
        file.remove();
        return keyFileError(path, reason);
    }
    file.close();
    return SecretBox(std::move(key).value(), Storage::File);
}

SecretBox::SecretBox(QByteArray key, Storage storage) : m_key(std::move(key)), m_storage(storage)
{
    Q_ASSERT(m_key.size() == KEY_SIZE);
}

QString SecretBox::storageName(Storage storage)
{
    switch (storage) {
    case Storage::Keychain:
        return u"keychain"_s;
    case Storage::File:
        return u"file"_s;
    case Storage::Memory:
        break;
    }
    return u"memory"_s;
}

Result<QByteArray> SecretBox::seal(QByteArrayView plaintext, QByteArrayView context) const
{
    auto nonce = Crypto::randomBytes(NONCE_SIZE);
    if (!nonce.ok()) {
        return nonce.error();
    }
    auto body = Crypto::aes256GcmSeal(m_key, nonce.value(), plaintext, context);
    if (!body.ok()) {
        return body.error();
    }
    QByteArray sealed;
    sealed.reserve(HEADER_SIZE + body.value().size());
    sealed.append(FORMAT_VERSION).append(nonce.value()).append(body.value());
    return sealed;
}

Result<QByteArray> SecretBox::open(QByteArrayView sealed, QByteArrayView context) const
{
    if (sealed.size() < HEADER_SIZE + TAG_SIZE) {
        return makeError(ErrorCode::Crypto, u"sealed value is truncated"_s);
    }
    if (sealed.front() != FORMAT_VERSION) {
        return makeError(
                ErrorCode::Crypto,
                u"sealed value has unknown format version %1"_s.arg(int(uchar(sealed.front()))));
    }
    return Crypto::aes256GcmOpen(m_key, sealed.sliced(1, NONCE_SIZE), sealed.sliced(HEADER_SIZE),
                                 context);
}
