#include <QTemporaryDir>
#include <QTest>

#include "core/crypto/secretbox.h"
#include "core/store/database.h"
#include "core/store/douyintokenrepository.h"
#include "tests/common/testdatabase.h"

// The client_token row, and in chain mode the election of the one gateway that refreshes it.
class tst_DouyinTokenRepository : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void savesAndLoads()
    {
        auto db = TestDatabase::openInDir(m_dir.filePath(QStringLiteral("save")));
        QVERIFY(db.ok());
        DouyinTokenRepository tokens(db.value().get(), &m_box);
        QVERIFY(!tokens.load(QStringLiteral("ck")).has_value());
        QVERIFY(tokens.save(QStringLiteral("ck"), {QStringLiteral("t-1"), 1000, 10}, std::nullopt)
                        .ok());
        QVERIFY(tokens.save(QStringLiteral("ck"), {QStringLiteral("t-2"), 2000, 20},
                            DouyinTokenRepository::Stored{QStringLiteral("t-1"), 1000, 10})
                        .ok());
        const auto loaded = tokens.load(QStringLiteral("ck"));
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->token, QStringLiteral("t-2"));
        QCOMPARE(loaded->expiresAt, 2000);
        QCOMPARE(loaded->fetchedAt, 20);
    }

    // Three gateways with an expired token: one of them refreshes, the others read its row.
    void oneGatewayLeadsTheRefresh()
    {
        const QString dir = m_dir.filePath(QStringLiteral("elect"));
        std::vector<std::unique_ptr<Database>> databases;
        std::vector<std::unique_ptr<DouyinTokenRepository>> gateways;
        for (int i = 0; i < 3; ++i) {
            auto db = TestDatabase::openInDir(dir);
            QVERIFY(db.ok());
            databases.push_back(std::move(db).value());
            gateways.push_back(
                    std::make_unique<DouyinTokenRepository>(databases.back().get(), &m_box));
        }
        const QString key = QStringLiteral("ck-chain");
        int leaders = 0;
        for (auto &gateway : gateways) {
            const auto lead = gateway->tryLeadRefresh(key);
            QVERIFY(lead.ok());
            leaders += lead.value() ? 1 : 0;
        }
        if (!TestDatabase::usesPostgresql()) {
            QCOMPARE(leaders, 3); // one gateway per SQLite file: each leads its own
            return;
        }
        QCOMPARE(leaders, 1);
        // Another client_key is another election.
        QVERIFY(gateways[1]->tryLeadRefresh(QStringLiteral("other-key")).value());
        gateways[1]->endRefresh(QStringLiteral("other-key"));

        QVERIFY(gateways[0]->save(key, {QStringLiteral("fresh"), 5000, 50}, std::nullopt).ok());
        gateways[0]->endRefresh(key);
        QCOMPARE(gateways[2]->load(key)->token, QStringLiteral("fresh"));
        // Released: the next expiry elects again.
        QVERIFY(gateways[2]->tryLeadRefresh(key).value());
        QVERIFY(!gateways[0]->tryLeadRefresh(key).value());
        // A leader whose connection ends (its gateway died) hands over by itself.
        databases[2].reset();
        gateways[2].reset();
        QTRY_VERIFY(gateways[0]->tryLeadRefresh(key).value());
    }

private:
    QTemporaryDir m_dir;
    SecretBox m_box{QByteArray(32, 'k')};
};

QTEST_GUILESS_MAIN(tst_DouyinTokenRepository)
#include "tst_douyintokenrepository.moc"
