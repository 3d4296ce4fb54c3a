#include "core/crypto/crypto.h"

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <optional>

#include <QString>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int SHA256_SIZE = 32;
constexpr qsizetype AES256_KEY_SIZE = 32;
constexpr qsizetype GCM_TAG_SIZE = 16;
// OpenSSL's GCM context stores the IV in a fixed 128-byte buffer.
constexpr qsizetype GCM_MAX_IV_SIZE = 128;

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

unsigned char *bytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}

// OpenSSL's EVP update calls take int lengths.
bool fitsInt(QByteArrayView view)
{
    return view.size() <= INT_MAX - GCM_TAG_SIZE;
}

Error cryptoError(QString message)
{
    return makeError(ErrorCode::Crypto, std::move(message));
}

// Checked up front so that every bad input becomes a readable Error instead of an opaque EVP
// failure half-way through.
std::optional<Error> checkGcmInputs(QByteArrayView key, QByteArrayView iv, QByteArrayView text,
                                    QByteArrayView aad)
{
    if (key.size() != AES256_KEY_SIZE) {
        return cryptoError(u"AES-256-GCM needs a 32-byte key, got %1 bytes"_s.arg(key.size()));
    }
    if (iv.isEmpty() || iv.size() > GCM_MAX_IV_SIZE) {
        return cryptoError(
                u"AES-256-GCM needs an IV of 1 to %1 bytes, got %2 bytes"_s.arg(GCM_MAX_IV_SIZE)
                        .arg(iv.size()));
    }
    if (!fitsInt(text) || !fitsInt(aad)) {
        return cryptoError(u"AES-256-GCM input is too large"_s);
    }
    return std::nullopt;
}

} // namespace

namespace Crypto {

QByteArray sha256(QByteArrayView data)
{
    QByteArray digest(SHA256_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    if (EVP_Digest(data.data(), size_t(data.size()), bytes(digest), &size, EVP_sha256(), nullptr)
                != 1
        || size != SHA256_SIZE) {
        return {};
    }
    return digest;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    if (key.size() > INT_MAX) {
        return {};
    }
    // An empty key is valid HMAC, but to OpenSSL a null key pointer means "reuse the previous
    // key", and there is none.
    static const unsigned char emptyKey = 0;
    const unsigned char *keyData = key.isEmpty() ? &emptyKey : bytes(key);

    QByteArray mac(SHA256_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), keyData, int(key.size()), bytes(data), size_t(data.size()), bytes(mac),
             &size)
                == nullptr
        || size != SHA256_SIZE) {
        return {};
    }
    return mac;
}

Result<QByteArray> randomBytes(qsizetype count)
{
    if (count < 0 || count > INT_MAX) {
        return makeError(ErrorCode::BadInput, u"cannot generate %1 random bytes"_s.arg(count));
    }
    QByteArray buffer(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(bytes(buffer), int(count)) != 1) {
        return cryptoError(u"the OpenSSL random generator failed"_s);
    }
    return buffer;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size()) {
        return false;
    }
    if (a.isEmpty()) {
        return true;
    }
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

Result<QByteArray> aes256GcmSeal(QByteArrayView key, QByteArrayView iv, QByteArrayView plaintext,
                                 QByteArrayView aad)
{
    if (auto error = checkGcmInputs(key, iv, plaintext, aad)) {
        return *error;
    }

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray sealed(plaintext.size() + GCM_TAG_SIZE, Qt::Uninitialized);
    int written = 0;
    int finalWritten = 0;
    // The IV length must be set between choosing the cipher and supplying the IV.
    const bool ok = ctx
            && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
            && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(iv.size()), nullptr) == 1
            && EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(iv)) == 1
            && (aad.isEmpty()
                || EVP_EncryptUpdate(ctx.get(), nullptr, &written, bytes(aad), int(aad.size()))
                        == 1)
            && (plaintext.isEmpty()
                || EVP_EncryptUpdate(ctx.get(), bytes(sealed), &written, bytes(plaintext),
                                     int(plaintext.size()))
                        == 1)
            && EVP_EncryptFinal_ex(ctx.get(), bytes(sealed) + plaintext.size(), &finalWritten) == 1
            && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(GCM_TAG_SIZE),
                                   bytes(sealed) + plaintext.size())
                    == 1;
    if (!ok) {
        OPENSSL_cleanse(sealed.data(), size_t(sealed.size()));
        return cryptoError(u"AES-256-GCM encryption failed"_s);
    }
    return sealed;
}

Result<QByteArray> aes256GcmOpen(QByteArrayView key, QByteArrayView iv, QByteArrayView sealed,
                                 QByteArrayView aad)
{
    if (auto error = checkGcmInputs(key, iv, sealed, aad)) {
        return *error;
    }
    if (sealed.size() < GCM_TAG_SIZE) {
        return cryptoError(u"AES-256-GCM input is shorter than its tag"_s);
    }

    const QByteArrayView ciphertext = sealed.first(sealed.size() - GCM_TAG_SIZE);
    // EVP_CTRL_GCM_SET_TAG takes a non-const pointer, so the tag gets its own buffer.
    std::array<unsigned char, GCM_TAG_SIZE> tag{};
    std::copy_n(bytes(sealed.last(GCM_TAG_SIZE)), GCM_TAG_SIZE, tag.begin());

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray plaintext(ciphertext.size(), Qt::Uninitialized);
    int written = 0;
    int finalWritten = 0;
    const bool ok = ctx
            && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
            && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(iv.size()), nullptr) == 1
            && EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(iv)) == 1
            && (aad.isEmpty()
                || EVP_DecryptUpdate(ctx.get(), nullptr, &written, bytes(aad), int(aad.size()))
                        == 1)
            && (ciphertext.isEmpty()
                || EVP_DecryptUpdate(ctx.get(), bytes(plaintext), &written, bytes(ciphertext),
                                     int(ciphertext.size()))
                        == 1)
            && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(GCM_TAG_SIZE), tag.data())
                    == 1
            && EVP_DecryptFinal_ex(ctx.get(), bytes(plaintext) + ciphertext.size(), &finalWritten)
                    == 1;
    if (!ok) {
        // The plaintext was never authenticated; wipe it rather than leave it in freed memory.
        OPENSSL_cleanse(plaintext.data(), size_t(plaintext.size()));
        return cryptoError(u"AES-256-GCM authentication failed"_s);
    }
    return plaintext;
}

} // namespace Crypto
