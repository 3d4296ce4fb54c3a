#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "core/result.h"

// Encrypts secrets at rest (API keys, client secrets) under a per-installation master key that
// lives in a 0600 file next to the data, so a copied database alone reveals nothing.
//
// Sealed layout: 1 version byte (0x01) | 12-byte random nonce | ciphertext | 16-byte GCM tag.
// The caller's context string is the AAD, so a value sealed for one slot (for example
// "douyin.client_secret") fails to open in any other.
class SecretBox
{
public:
    static constexpr auto KEY_FILE_NAME = "master.key";

    // Loads DIR/master.key, or creates DIR and a fresh random key file readable by the owner only.
    // A key file of the wrong size is an error and is never overwritten: replacing it would make
    // every secret sealed so far unreadable.
    static Result<SecretBox> openOrCreate(const QString &dir);

    explicit SecretBox(QByteArray key); // 32 bytes

    Result<QByteArray> seal(QByteArrayView plaintext, QByteArrayView context = {}) const;
    Result<QByteArray> open(QByteArrayView sealed, QByteArrayView context = {}) const;

private:
    QByteArray m_key;
};
