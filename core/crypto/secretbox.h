#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "core/result.h"

// Encrypts secrets at rest (API keys, client secrets) under a per-installation master key that
// lives in the OS keychain or in a 0600 file next to the data (MasterKeyStore chooses), so a
// copied database alone reveals nothing.
//
// Sealed layout: 1 version byte (0x01) | 12-byte random nonce | ciphertext | 16-byte GCM tag.
// The caller's context string is the AAD, so a value sealed for one slot (for example
// "douyin.client_secret") fails to open in any other.
class SecretBox
{
public:
    static constexpr auto KEY_FILE_NAME = "master.key";
    static constexpr qsizetype KEY_SIZE = 32;

    // Where the key came from: /health and the settings page report it.
    enum class Storage { Memory, File, Keychain };

    // Loads DIR/master.key, or creates DIR and a fresh random key file readable by the owner only.
    // A key file of the wrong size is an error and is never overwritten: replacing it would make
    // every secret sealed so far unreadable.
    static Result<SecretBox> openOrCreate(const QString &dir);
    // The key in a key file, checked for its size.
    static Result<QByteArray> readKeyFile(const QString &path);

    explicit SecretBox(QByteArray key, Storage storage = Storage::Memory); // 32 bytes

    Storage storage() const { return m_storage; }
    // "keychain", "file" or "memory": /health's "secrets".
    static QString storageName(Storage storage);
    // The raw key: for MasterKeyStore, which moves it into the keychain and compares copies.
    const QByteArray &key() const { return m_key; }

    Result<QByteArray> seal(QByteArrayView plaintext, QByteArrayView context = {}) const;
    Result<QByteArray> open(QByteArrayView sealed, QByteArrayView context = {}) const;

private:
    QByteArray m_key;
    Storage m_storage = Storage::Memory;
};
