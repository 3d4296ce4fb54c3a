#include <QByteArray>
#include <QTest>

#include "core/crypto/crypto.h"

// Vector sources:
//   SHA-256      FIPS 180-2 appendix B ("abc", 448-bit message); the empty-string digest is the
//                well-known one, also listed in NIST's CAVP short-message vectors (Len = 0).
//   HMAC-SHA256  RFC 4231 section 4, test cases 1-7; empty key and message from the HMAC
//                article's published example.
//   AES-256-GCM  McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", appendix B,
//                test cases 13-18.
namespace {

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

// GCM spec test cases 15-18 share their key and plaintext.
const QByteArray GCM_KEY = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
const QByteArray GCM_PLAINTEXT =
        hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
const QByteArray GCM_AAD = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
const QByteArray GCM_IV_96 = hex("cafebabefacedbaddecaf888");

// QVERIFY2 evaluates its message even when the check passes, so never call error() on success.
template <typename T>
QByteArray errorText(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

QByteArray flipBit(QByteArray data, qsizetype index)
{
    data[index] = char(data.at(index) ^ 0x01);
    return data;
}

} // namespace

class tst_Crypto : public QObject
{
    Q_OBJECT

private slots:
    void sha256_data();
    void sha256();
    void hmacSha256_data();
    void hmacSha256();
    void aes256Gcm_data();
    void aes256Gcm();
    void gcmOpenRejects_data();
    void gcmOpenRejects();
    void gcmSealRejects_data();
    void gcmSealRejects();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void randomBytes_data();
    void randomBytes();
    void randomBytesDiffer();
    void randomBytesRejectsNegativeCount();
};

void tst_Crypto::sha256_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("digest");

    // clang-format off
    QTest::newRow("abc")
            << QByteArray("abc")
            << hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("empty")
            << QByteArray()
            << hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("448-bit message")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // clang-format on
}

void tst_Crypto::sha256()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, digest);

    QCOMPARE(Crypto::sha256(input), digest);
}

void tst_Crypto::hmacSha256_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    // Shorter than 32 bytes when the vector is truncated (RFC 4231 case 5).
    QTest::addColumn<QByteArray>("mac");

    const QByteArray aa131(131, '\xaa');

    // clang-format off
    QTest::newRow("RFC 4231 case 1")
            << QByteArray(20, '\x0b')
            << QByteArray("Hi There")
            << hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("RFC 4231 case 2: key shorter than output")
            << QByteArray("Jefe")
            << QByteArray("what do ya want for nothing?")
            << hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("RFC 4231 case 3: key and data over 64 bytes")
            << QByteArray(20, '\xaa')
            << QByteArray(50, '\xdd')
            << hex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("RFC 4231 case 4")
            << hex("0102030405060708090a0b0c0d0e0f10111213141516171819")
            << QByteArray(50, '\xcd')
            << hex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::newRow("RFC 4231 case 5: truncated to 128 bits")
            << QByteArray(20, '\x0c')
            << QByteArray("Test With Truncation")
            << hex("a3b6167473100ee06e0c796c2955552b");
    QTest::newRow("RFC 4231 case 6: key larger than block")
            << aa131
            << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
            << hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("RFC 4231 case 7: key and data larger than block")
            << aa131
            << QByteArray("This is a test using a larger than block-size key and a larger than "
                          "block-size data. The key needs to be hashed before being used by the "
                          "HMAC algorithm.")
            << hex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    QTest::newRow("empty key and message")
            << QByteArray()
            << QByteArray()
            << hex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    // clang-format on
}

void tst_Crypto::hmacSha256()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac);

    const QByteArray actual = Crypto::hmacSha256(key, data);
    QCOMPARE(actual.size(), 32);
    QCOMPARE(actual.first(mac.size()), mac);
}

void tst_Crypto::aes256Gcm_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");

    const QByteArray zeroKey(32, '\0');
    const QByteArray zeroIv(12, '\0');
    // Cases 16-18 seal the first 60 bytes only, so the last block is partial.
    const QByteArray plaintext60 = GCM_PLAINTEXT.first(60);

    // clang-format off
    QTest::newRow("GCM case 13: empty")
            << zeroKey << zeroIv << QByteArray() << QByteArray()
            << QByteArray()
            << hex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::newRow("GCM case 14: one zero block")
            << zeroKey << zeroIv << QByteArray(16, '\0') << QByteArray()
            << hex("cea7403d4d606b6e074ec5d3baf39d18")
            << hex("d0d1c8a799996bf0265b98b5d48ab919");
    QTest::newRow("GCM case 15: four blocks")
            << GCM_KEY << GCM_IV_96 << GCM_PLAINTEXT << QByteArray()
            << hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                   "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad")
            << hex("b094dac5d93471bdec1a502270e3cc6c");
    QTest::newRow("GCM case 16: with AAD")
            << GCM_KEY << GCM_IV_96 << plaintext60 << GCM_AAD
            << hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                   "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662")
            << hex("76fc6ece0f4e1768cddf8853bb2d551b");
    QTest::newRow("GCM case 17: 64-bit IV")
            << GCM_KEY << hex("cafebabefacedbad") << plaintext60 << GCM_AAD
            << hex("c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
                   "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f")
            << hex("3a337dbf46a792c45e454913fe2ea8f2");
    QTest::newRow("GCM case 18: 480-bit IV")
            << GCM_KEY
            << hex("9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
                   "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b")
            << plaintext60 << GCM_AAD
            << hex("5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
                   "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f")
            << hex("a44a8266ee1c8eb0c8b5d4cf5ae9f19a");
    // clang-format on
}

void tst_Crypto::aes256Gcm()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);

    const auto sealed = Crypto::aes256GcmSeal(key, iv, plaintext, aad);
    QVERIFY2(sealed.ok(), errorText(sealed).constData());
    QCOMPARE(sealed.value(), QByteArray(ciphertext + tag));

    const auto opened = Crypto::aes256GcmOpen(key, iv, QByteArray(ciphertext + tag), aad);
    QVERIFY2(opened.ok(), errorText(opened).constData());
    QCOMPARE(opened.value(), plaintext);
}

void tst_Crypto::gcmOpenRejects_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("sealed");
    QTest::addColumn<QByteArray>("aad");

    // Built on GCM case 16, which opens cleanly with exactly these inputs.
    const QByteArray sealed = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                                  "76fc6ece0f4e1768cddf8853bb2d551b");
    const qsizetype tagStart = sealed.size() - 16;

    QTest::newRow("ciphertext first byte flipped")
            << GCM_KEY << GCM_IV_96 << flipBit(sealed, 0) << GCM_AAD;
    QTest::newRow("ciphertext last byte flipped")
            << GCM_KEY << GCM_IV_96 << flipBit(sealed, tagStart - 1) << GCM_AAD;
    QTest::newRow("tag first byte flipped")
            << GCM_KEY << GCM_IV_96 << flipBit(sealed, tagStart) << GCM_AAD;
    QTest::newRow("tag last byte flipped")
            << GCM_KEY << GCM_IV_96 << flipBit(sealed, sealed.size() - 1) << GCM_AAD;
    QTest::newRow("aad bit flipped") << GCM_KEY << GCM_IV_96 << sealed << flipBit(GCM_AAD, 3);
    QTest::newRow("aad missing") << GCM_KEY << GCM_IV_96 << sealed << QByteArray();
    QTest::newRow("wrong key") << flipBit(GCM_KEY, 31) << GCM_IV_96 << sealed << GCM_AAD;
    QTest::newRow("wrong iv") << GCM_KEY << flipBit(GCM_IV_96, 11) << sealed << GCM_AAD;
    QTest::newRow("truncated by one byte") << GCM_KEY << GCM_IV_96 << sealed.chopped(1) << GCM_AAD;
    QTest::newRow("ciphertext dropped, tag kept")
            << GCM_KEY << GCM_IV_96 << sealed.sliced(tagStart) << GCM_AAD;
    QTest::newRow("shorter than a tag") << GCM_KEY << GCM_IV_96 << sealed.first(15) << GCM_AAD;
    QTest::newRow("empty") << GCM_KEY << GCM_IV_96 << QByteArray() << GCM_AAD;
    QTest::newRow("31-byte key") << GCM_KEY.first(31) << GCM_IV_96 << sealed << GCM_AAD;
    QTest::newRow("16-byte key") << GCM_KEY.first(16) << GCM_IV_96 << sealed << GCM_AAD;
    QTest::newRow("empty iv") << GCM_KEY << QByteArray() << sealed << GCM_AAD;
}

void tst_Crypto::gcmOpenRejects()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, sealed);
    QFETCH(QByteArray, aad);

    const auto opened = Crypto::aes256GcmOpen(key, iv, sealed, aad);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Crypto);
    QVERIFY(!opened.error().message.isEmpty());
}

void tst_Crypto::gcmSealRejects_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");

    QTest::newRow("empty key") << QByteArray() << GCM_IV_96;
    QTest::newRow("31-byte key") << GCM_KEY.first(31) << GCM_IV_96;
    QTest::newRow("33-byte key") << QByteArray(GCM_KEY + '\0') << GCM_IV_96;
    QTest::newRow("empty iv") << GCM_KEY << QByteArray();
    QTest::newRow("iv over 128 bytes") << GCM_KEY << QByteArray(129, '\x01');
}

void tst_Crypto::gcmSealRejects()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);

    const auto sealed = Crypto::aes256GcmSeal(key, iv, GCM_PLAINTEXT);
    QVERIFY(!sealed.ok());
    QCOMPARE(sealed.error().code, ErrorCode::Crypto);
}

void tst_Crypto::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    const QByteArray mac = hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");

    QTest::newRow("same bytes") << mac << QByteArray(mac.constData(), mac.size()) << true;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("embedded zero bytes") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3) << true;
    QTest::newRow("first byte differs") << mac << flipBit(mac, 0) << false;
    QTest::newRow("last byte differs") << mac << flipBit(mac, mac.size() - 1) << false;
    QTest::newRow("prefix") << mac << mac.first(16) << false;
    QTest::newRow("longer") << mac << QByteArray(mac + '\0') << false;
    QTest::newRow("empty against non-empty") << QByteArray() << mac << false;
    QTest::newRow("differs after a zero byte")
            << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
}

void tst_Crypto::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);

    QCOMPARE(Crypto::constantTimeEquals(a, b), equal);
    QCOMPARE(Crypto::constantTimeEquals(b, a), equal);
}

void tst_Crypto::randomBytes_data()
{
    QTest::addColumn<qsizetype>("count");

    QTest::newRow("none") << qsizetype(0);
    QTest::newRow("one") << qsizetype(1);
    QTest::newRow("key size") << qsizetype(32);
    QTest::newRow("several kilobytes") << qsizetype(5000);
}

void tst_Crypto::randomBytes()
{
    QFETCH(qsizetype, count);

    const auto random = Crypto::randomBytes(count);
    QVERIFY2(random.ok(), errorText(random).constData());
    QCOMPARE(random.value().size(), count);
}

void tst_Crypto::randomBytesDiffer()
{
    const auto first = Crypto::randomBytes(32);
    const auto second = Crypto::randomBytes(32);
    QVERIFY(first.ok());
    QVERIFY(second.ok());
    // Equal outputs happen with probability 2^-256; seeing one means the generator is broken.
    QVERIFY(first.value() != second.value());
    QVERIFY(first.value() != QByteArray(32, '\0'));
}

void tst_Crypto::randomBytesRejectsNegativeCount()
{
    const auto random = Crypto::randomBytes(-1);
    QVERIFY(!random.ok());
    QCOMPARE(random.error().code, ErrorCode::BadInput);
}

QTEST_GUILESS_MAIN(tst_Crypto)
#include "tst_crypto.moc"
