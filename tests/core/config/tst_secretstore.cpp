#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/config/secretstore.h"
#include "core/crypto/secretbox.h"
#include "core/store/database.h"
#include "tests/common/testdatabase.h"

namespace {

// The store on the engine under test: its database next to the key, or on the test server.
Result<std::unique_ptr<SecretStore>> openStore(const QString &dataDir)
{
    return SecretStore::open(dataDir, TestDatabase::location(dataDir));
}

} // namespace

class tst_SecretStore : public QObject
{
    Q_OBJECT

private:
    static QString douyinSecret() { return QString::fromLatin1(SecretStore::DOUYIN_CLIENT_SECRET); }

private slots:
    void nothingStoredIsNullopt()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store.ok());
        const auto value = store.value()->value(douyinSecret());
        QVERIFY(value.ok());
        QVERIFY(!value.value().has_value());
    }

    void storesReplacesAndRemoves()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store.ok());
        QVERIFY(store.value()->setValue(douyinSecret(), "first-secret").ok());
        QCOMPARE(store.value()->value(douyinSecret()).value().value(), QString("first-secret"));
        QVERIFY(store.value()->setValue(douyinSecret(), "second-秘密").ok());
        QCOMPARE(store.value()->value(douyinSecret()).value().value(), QString("second-秘密"));
        QVERIFY(store.value()->remove(douyinSecret()).ok());
        QVERIFY(!store.value()->value(douyinSecret()).value().has_value());
    }

    void survivesReopeningAndSharesTheRuntimesConnection()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path());
            QVERIFY(store.ok());
            QVERIFY(store.value()->setValue(douyinSecret(), "kept").ok());
        }
        auto box = SecretBox::openOrCreate(dir.path());
        QVERIFY(box.ok());
        auto database = TestDatabase::openInDir(dir.path());
        QVERIFY(database.ok());
        SecretStore shared(database.value().get(), &box.value());
        QCOMPARE(shared.value(douyinSecret()).value().value(), QString("kept"));
    }

    void neverInClearOnDisk()
    {
        QTemporaryDir dir;
        const QByteArray secret = "clear-text-must-not-appear-0123456789";
        {
            auto store = openStore(dir.path());
            QVERIFY(store.ok());
            QVERIFY(store.value()->setValue(douyinSecret(), QString::fromLatin1(secret)).ok());
        }
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files)) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret), qPrintable(name));
        }
    }

    void anotherNameDoesNotOpen()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store.ok());
        QVERIFY(store.value()->setValue(douyinSecret(), "bound-to-its-name").ok());
        auto database = TestDatabase::openInDir(dir.path());
        QVERIFY(database.ok());
        QSqlQuery query(database.value()->connection());
        QVERIFY(query.exec("INSERT INTO secrets (name, sealed_value, updated_at) SELECT "
                           "'other.secret', sealed_value, updated_at FROM secrets WHERE name = "
                           "'douyin.client_secret'"));
        const auto moved = store.value()->value("other.secret");
        QVERIFY(!moved.ok());
        QCOMPARE(moved.error().code, ErrorCode::Crypto);
    }

    void anotherMasterKeyIsAnError()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path());
            QVERIFY(store.ok());
            QVERIFY(store.value()->setValue(douyinSecret(), "sealed").ok());
        }
        QVERIFY(QFile::remove(dir.filePath(QString::fromLatin1(SecretBox::KEY_FILE_NAME))));
        auto store = openStore(dir.path()); // a fresh key
        QVERIFY(store.ok());
        const auto value = store.value()->value(douyinSecret());
        QVERIFY(!value.ok());
        QCOMPARE(value.error().code, ErrorCode::Crypto);
    }
};

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
