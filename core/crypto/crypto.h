#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include "core/result.h"

// Thin, stateless wrappers over OpenSSL 3 so the rest of core never touches EVP contexts or raw
// buffers. Inputs and outputs are raw bytes, never hex.
namespace Crypto {

// Empty only if OpenSSL itself fails (out of memory); an empty digest never matches a real one.
QByteArray sha256(QByteArrayView data);
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

Result<QByteArray> randomBytes(qsizetype count);

// For comparing MACs and tokens: the time taken depends on the lengths only, never on where the
// first differing byte is.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// AES-256-GCM with a 16-byte tag appended to the ciphertext. key is 32 bytes; iv may be any
// non-empty length up to 128 bytes, though 12 bytes is the only size GCM handles without extra
// hashing. Every failure, including a wrong key size, is ErrorCode::Crypto.
Result<QByteArray> aes256GcmSeal(QByteArrayView key, QByteArrayView iv, QByteArrayView plaintext,
                                 QByteArrayView aad = {});
Result<QByteArray> aes256GcmOpen(QByteArrayView key, QByteArrayView iv, QByteArrayView sealed,
                                 QByteArrayView aad = {});

} // namespace Crypto
