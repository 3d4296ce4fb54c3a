#include <optional>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/crypto/secretbox.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype KEY_SIZE = 32;
constexpr qsizetype HEADER_SIZE = 1 + 12; // version byte + nonce
constexpr qsizetype TAG_SIZE = 16;
constexpr auto CONTEXT = "douyin.client_secret";

QString keyPath(const QString &dir)
{
    return QDir(dir).filePath(QLatin1StringView(SecretBox::KEY_FILE_NAME));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

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

class tst_SecretBox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createsKeyFileOwnerOnly();
    void reopenLoadsSameKey();
    void roundTrip_data();
    void roundTrip();
    void sealedLayout();
    void sealsOfSamePlaintextDiffer();
    void openRejects_data();
    void openRejects();
    void otherKeyCannotOpen();
    void wrongSizeKeyFileIsKept_data();
    void wrongSizeKeyFileIsKept();
    void unusableKeyLocation_data();
    void unusableKeyLocation();

private:
    QTemporaryDir m_dir;
    std::optional<SecretBox> m_box;
};

void tst_SecretBox::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto box = SecretBox::openOrCreate(m_dir.filePath(u"shared"_s));
    QVERIFY2(box.ok(), errorText(box).constData());
    m_box = std::move(box).value();
}

void tst_SecretBox::createsKeyFileOwnerOnly()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // Two missing levels: openOrCreate must create the whole path.
    const QString dir = tmp.filePath(u"data/keys"_s);
    QVERIFY(!QDir(dir).exists());

    const auto box = SecretBox::openOrCreate(dir);
    QVERIFY2(box.ok(), errorText(box).constData());

    const QString path = keyPath(dir);
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile(path).size(), KEY_SIZE);

    // ReadUser/WriteUser describe the current user, who is the owner here; compare owner,
    // group and other bits only.
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    const QFileDevice::Permissions ownerBits =
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QCOMPARE((permissions & ownerBits).toInt(),
             (QFileDevice::ReadOwner | QFileDevice::WriteOwner).toInt());
#ifdef Q_OS_UNIX
    const QFileDevice::Permissions othersBits = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther;
    QCOMPARE((permissions & othersBits).toInt(), 0);
#endif
}

void tst_SecretBox::reopenLoadsSameKey()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const auto first = SecretBox::openOrCreate(tmp.path());
    QVERIFY2(first.ok(), errorText(first).constData());
    const QByteArray keyBytes = readFile(keyPath(tmp.path()));

    const auto sealed = first.value().seal("app secret", CONTEXT);
    QVERIFY(sealed.ok());

    const auto second = SecretBox::openOrCreate(tmp.path());
    QVERIFY2(second.ok(), errorText(second).constData());
    QCOMPARE(readFile(keyPath(tmp.path())), keyBytes);

    const auto opened = second.value().open(sealed.value(), CONTEXT);
    QVERIFY2(opened.ok(), errorText(opened).constData());
    QCOMPARE(opened.value(), QByteArray("app secret"));
}

void tst_SecretBox::roundTrip_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("context");

    QTest::newRow("empty plaintext, no context") << QByteArray() << QByteArray();
    QTest::newRow("empty plaintext with context") << QByteArray() << QByteArray(CONTEXT);
    QTest::newRow("short secret") << QByteArray("s3cr3t") << QByteArray(CONTEXT);
    QTest::newRow("no context") << QByteArray("s3cr3t") << QByteArray();
    QTest::newRow("binary with zero bytes") << QByteArray("\0\x01\xff\0", 4) << QByteArray(CONTEXT);
    QTest::newRow("utf-8") << u"抖音密钥"_s.toUtf8() << QByteArray("douyin.access_token");
    QTest::newRow("several blocks") << QByteArray(4099, 'x') << QByteArray(CONTEXT);
}

void tst_SecretBox::roundTrip()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, context);

    const auto sealed = m_box->seal(plaintext, context);
    QVERIFY2(sealed.ok(), errorText(sealed).constData());
    const auto opened = m_box->open(sealed.value(), context);
    QVERIFY2(opened.ok(), errorText(opened).constData());
    QCOMPARE(opened.value(), plaintext);
}

void tst_SecretBox::sealedLayout()
{
    const QByteArray plaintext("twelve bytes");
    const auto sealed = m_box->seal(plaintext, CONTEXT);
    QVERIFY(sealed.ok());
    QCOMPARE(sealed.value().size(), HEADER_SIZE + plaintext.size() + TAG_SIZE);
    QCOMPARE(sealed.value().at(0), '\x01');
    QVERIFY(!sealed.value().contains(plaintext));
}

void tst_SecretBox::sealsOfSamePlaintextDiffer()
{
    const auto first = m_box->seal("same", CONTEXT);
    const auto second = m_box->seal("same", CONTEXT);
    QVERIFY(first.ok());
    QVERIFY(second.ok());
    QVERIFY(first.value().sliced(1, 12) != second.value().sliced(1, 12));
    QVERIFY(first.value() != second.value());
}

void tst_SecretBox::openRejects_data()
{
    QTest::addColumn<QByteArray>("sealed");
    QTest::addColumn<QByteArray>("context");

    const QByteArray context(CONTEXT);
    const auto result = m_box->seal("client secret value", context);
    QVERIFY(result.ok());
    const QByteArray sealed = result.value();
    const qsizetype tagStart = sealed.size() - TAG_SIZE;

    QTest::newRow("version 0x02") << QByteArray(sealed).replace(0, 1, "\x02") << context;
    QTest::newRow("version 0x00") << QByteArray(sealed).replace(0, 1, QByteArray(1, '\0'))
                                  << context;
    QTest::newRow("nonce first byte") << flipBit(sealed, 1) << context;
    QTest::newRow("nonce last byte") << flipBit(sealed, HEADER_SIZE - 1) << context;
    QTest::newRow("ciphertext first byte") << flipBit(sealed, HEADER_SIZE) << context;
    QTest::newRow("ciphertext last byte") << flipBit(sealed, tagStart - 1) << context;
    QTest::newRow("tag first byte") << flipBit(sealed, tagStart) << context;
    QTest::newRow("tag last byte") << flipBit(sealed, sealed.size() - 1) << context;
    QTest::newRow("truncated by one byte") << sealed.chopped(1) << context;
    QTest::newRow("ciphertext removed")
            << QByteArray(sealed.first(HEADER_SIZE) + sealed.sliced(tagStart)) << context;
    QTest::newRow("header only") << sealed.first(HEADER_SIZE) << context;
    QTest::newRow("version byte only") << sealed.first(1) << context;
    QTest::newRow("empty") << QByteArray() << context;
    QTest::newRow("byte appended") << QByteArray(sealed + '\0') << context;
    QTest::newRow("wrong context") << sealed << QByteArray("douyin.access_token");
    QTest::newRow("context missing") << sealed << QByteArray();
    QTest::newRow("context with extra byte") << sealed << QByteArray(context + '\0');
}

void tst_SecretBox::openRejects()
{
    QFETCH(QByteArray, sealed);
    QFETCH(QByteArray, context);

    const auto opened = m_box->open(sealed, context);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Crypto);
}

void tst_SecretBox::otherKeyCannotOpen()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const auto other = SecretBox::openOrCreate(tmp.path());
    QVERIFY(other.ok());

    const auto sealed = m_box->seal("secret", CONTEXT);
    QVERIFY(sealed.ok());
    const auto opened = other.value().open(sealed.value(), CONTEXT);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Crypto);
}

void tst_SecretBox::wrongSizeKeyFileIsKept_data()
{
    QTest::addColumn<QByteArray>("contents");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("31 bytes") << QByteArray(31, '\x5a');
    QTest::newRow("33 bytes") << QByteArray(33, '\x5a');
    QTest::newRow("64 bytes") << QByteArray(64, '\x5a');
    QTest::newRow("hex text of a key") << QByteArray(KEY_SIZE, '\x5a').toHex();
}

void tst_SecretBox::wrongSizeKeyFileIsKept()
{
    QFETCH(QByteArray, contents);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = keyPath(tmp.path());
    QVERIFY(writeFile(path, contents));

    const auto box = SecretBox::openOrCreate(tmp.path());
    QVERIFY(!box.ok());
    QCOMPARE(box.error().code, ErrorCode::Crypto);
    QCOMPARE(readFile(path), contents);
}

void tst_SecretBox::unusableKeyLocation_data()
{
    QTest::addColumn<QString>("relativeDir");
    QTest::addColumn<QString>("relativeFileToCreate");
    QTest::addColumn<bool>("keyPathIsDirectory");

    QTest::newRow("directory is a regular file") << u"blocker"_s << u"blocker"_s << false;
    QTest::newRow("parent is a regular file") << u"blocker/keys"_s << u"blocker"_s << false;
    QTest::newRow("key path is a directory") << u"keys"_s << QString() << true;
}

void tst_SecretBox::unusableKeyLocation()
{
    QFETCH(QString, relativeDir);
    QFETCH(QString, relativeFileToCreate);
    QFETCH(bool, keyPathIsDirectory);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(relativeDir);
    if (!relativeFileToCreate.isEmpty()) {
        QVERIFY(writeFile(tmp.filePath(relativeFileToCreate), "not a directory"));
    }
    if (keyPathIsDirectory) {
        QVERIFY(QDir().mkpath(keyPath(dir)));
    }

    const auto box = SecretBox::openOrCreate(dir);
    QVERIFY(!box.ok());
    QCOMPARE(box.error().code, ErrorCode::Crypto);
}

QTEST_GUILESS_MAIN(tst_SecretBox)
#include "tst_secretbox.moc"
