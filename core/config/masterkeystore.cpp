#include "core/config/masterkeystore.h"

#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "core/config/keychainentry.h"
#include "core/crypto/crypto.h"
#include "core/logging/categories.h"

using namespace Qt::StringLiterals;

namespace {

QString keyFilePath(const QString &dir)
{
    return QDir(dir).filePath(QLatin1StringView(SecretBox::KEY_FILE_NAME));
}

QString markerPath(const QString &dir)
{
    return QDir(dir).filePath(QLatin1StringView(MasterKeyStore::MARKER_FILE_NAME));
}

// The marker names the keychain entry in its "key=" line; the rest is for people.
std::optional<QString> readMarker(const QString &dir)
{
    QFile file(markerPath(dir));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u"key="_s) && line.size() > 4)
            return line.mid(4);
    }
    return std::nullopt;
}

Result<Done> writeMarker(const QString &dir, const QString &keyName)
{
    QSaveFile file(markerPath(dir));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Storage, file.errorString());
    file.write(u"# The master key of this data dir is in the OS keychain, not in a file.\n"
               "# Do not delete this file: without it a start with no keychain would make a new\n"
               "# key. README: \"Where the master key lives\".\n"
               "service=%1\nkey=%2\n"_s.arg(QLatin1StringView(MasterKeyStore::SERVICE), keyName)
                       .toUtf8());
    if (!file.commit())
        return makeError(ErrorCode::Storage, file.errorString());
    return Done{};
}

Error keyElsewhere(const QString &dir, const KeychainEntry &entry, const QString &why)
{
    return makeError(ErrorCode::Crypto,
                     u"the master key of %1 is in the OS keychain (service %2, key %3) and "
                     "there is no master.key: %4. Start in the desktop session that holds the "
                     "keychain, or put the key back into %1/master.key and set %5=file"_s.arg(
                             dir, entry.service(), entry.key(), why,
                             QLatin1StringView(MasterKeyStore::MODE_VARIABLE)));
}

// A key found in the keychain; a master.key beside it must be the same key (a move that was
// interrupted before the file was removed), or nothing is guessed.
Result<SecretBox> useKeychainKey(const QString &dir, const KeychainEntry &entry,
                                 const QByteArray &key)
{
    if (key.size() != SecretBox::KEY_SIZE)
        return makeError(ErrorCode::Crypto,
                         u"the keychain entry %1/%2 holds %3 bytes, not a master key"_s
                                 .arg(entry.service(), entry.key())
                                 .arg(key.size()));
    const QString file = keyFilePath(dir);
    if (QFile::exists(file)) {
        const auto fileKey = SecretBox::readKeyFile(file);
        if (!fileKey.ok())
            return fileKey.error();
        if (fileKey.value() != key)
            return makeError(ErrorCode::Crypto,
                             u"two different master keys for %1: one in the OS keychain "
                             "(service %2, key %3) and %4. Either may have sealed the saved "
                             "secrets; move away the one that does not (README: \"Where the "
                             "master key lives\")"_s.arg(dir, entry.service(), entry.key(), file));
        if (!readMarker(dir) && !writeMarker(dir, entry.key()).ok())
            return SecretBox(key, SecretBox::Storage::File); // the file stays the safe copy
        if (!QFile::remove(file))
            qCWarning(lcCrypto) << "master key: cannot remove" << file << "(the key is also in"
                                << "the keychain)";
    } else if (!readMarker(dir)) {
        if (const auto written = writeMarker(dir, entry.key()); !written.ok())
            qCWarning(lcCrypto) << "master key: cannot write the marker file:"
                                << written.error().message;
    }
    return SecretBox(key, SecretBox::Storage::Keychain);
}

// Write, read back, compare, mark, and only then remove the file. Any failure on the way
// leaves the file in place and in use.
SecretBox moveIntoKeychain(const QString &dir, const KeychainEntry &entry, const SecretBox &box)
{
    const QString file = keyFilePath(dir);
    const auto keepFile = [&](const QString &why) {
        qCWarning(lcCrypto) << "master key: keeping" << file << "-" << why;
        return box;
    };
    if (const auto written = entry.write(box.key()); !written.ok())
        return keepFile(u"the keychain refused it: "_s + written.error().message);
    const auto readBack = entry.read();
    if (!readBack.ok() || !readBack.value() || *readBack.value() != box.key())
        return keepFile(u"the keychain did not give the same key back"_s);
    if (const auto marked = writeMarker(dir, entry.key()); !marked.ok())
        return keepFile(u"cannot write the marker file: "_s + marked.error().message);
    if (!QFile::remove(file))
        qCWarning(lcCrypto) << "master key: in the keychain now, but cannot remove" << file;
    qCInfo(lcCrypto) << "master key of" << dir << "is in the OS keychain now, as" << entry.service()
                     << entry.key();
    return SecretBox(box.key(), SecretBox::Storage::Keychain);
}

} // namespace

Result<MasterKeyStore::Mode> MasterKeyStore::modeFromEnvironment()
{
    const QString value = qEnvironmentVariable(MODE_VARIABLE).trimmed().toLower();
    if (value.isEmpty() || value == u"auto"_s)
        return Mode::Auto;
    if (value == u"file"_s)
        return Mode::File;
    return makeError(
            ErrorCode::BadConfig,
            u"%1: expected auto or file, got \"%2\""_s.arg(QLatin1StringView(MODE_VARIABLE),
                                                           qEnvironmentVariable(MODE_VARIABLE)));
}

QString MasterKeyStore::keyNameFor(const QString &dataDir)
{
    const QFileInfo info(dataDir);
    const QString path = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    return u"master-key-"_s + QString::fromLatin1(Crypto::sha256(path.toUtf8()).toHex().left(16));
}

Result<SecretBox> MasterKeyStore::open(const QString &dataDir)
{
    const auto mode = modeFromEnvironment();
    if (!mode.ok())
        return mode.error();
    return open(dataDir, mode.value());
}

Result<SecretBox> MasterKeyStore::open(const QString &dataDir, Mode mode)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::Crypto, u"cannot create key directory %1"_s.arg(dataDir));
    const std::optional<QString> marked = readMarker(dataDir);
    const KeychainEntry entry(QLatin1StringView(SERVICE), marked.value_or(keyNameFor(dataDir)));
    const bool hasFile = QFile::exists(keyFilePath(dataDir));
    if (mode == Mode::File) {
        if (marked && !hasFile)
            return keyElsewhere(dataDir, entry, u"%1=file"_s.arg(QLatin1StringView(MODE_VARIABLE)));
        return SecretBox::openOrCreate(dataDir);
    }

    const auto stored = entry.read();
    if (!stored.ok()) {
        if (marked && !hasFile)
            return keyElsewhere(dataDir, entry, stored.error().message);
        qCInfo(lcCrypto) << "master key: no OS keychain (" << stored.error().message << "), using"
                         << keyFilePath(dataDir);
        return SecretBox::openOrCreate(dataDir);
    }
    if (stored.value())
        return useKeychainKey(dataDir, entry, *stored.value());
    if (marked && !hasFile)
        return keyElsewhere(dataDir, entry, u"that keychain entry is gone"_s);
    // A new installation gets its key through the same path as an old one's file, so a
    // failure half-way leaves a usable file, never a key that exists nowhere.
    auto box = SecretBox::openOrCreate(dataDir);
    if (!box.ok())
        return box.error();
    return moveIntoKeychain(dataDir, entry, box.value());
}
