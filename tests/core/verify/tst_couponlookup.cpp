#include <QTemporaryDir>
#include <QTest>

#include "tests/common/twoplatformrig.h"

// A prepare command on its own (CouponLookup) through the engine, on TwoPlatformRig: it goes
// where the router sends it, says where it was made and whether its token verifies by itself,
// and carries the router's refusals (ambiguous, not set up) as prepare outcomes.
class tst_CouponLookup : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TwoPlatformRig m_rig;

private slots:
    void initTestCase() { QVERIFY(m_rig.start(m_dir.path())); }

    void init()
    {
        m_rig.control.clearFaults();
        m_rig.meituanServer.reset();
    }

    void prepares_data()
    {
        QTest::addColumn<QString>("code"); // whose code: "douyin", "meituan", "both"
        QTest::addColumn<bool>("storeA");
        QTest::addColumn<QString>("forced");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("platform"); // of the prepare, or the refusal's
        QTest::addColumn<bool>("byToken");

        const int prepared = int(PrepareOutcome::Kind::Prepared);
        QTest::newRow("Douyin code") << "douyin" << true << "" << prepared << "douyin" << true;
        QTest::newRow("Meituan code") << "meituan" << true << "" << prepared << "meituan" << false;
        QTest::newRow("Meituan code forced")
                << "meituan" << true << "meituan" << prepared << "meituan" << false;
        QTest::newRow("Douyin code, Douyin-only store")
                << "douyin" << false << "" << prepared << "douyin" << true;
        QTest::newRow("a code both know")
                << "both" << true << "" << int(PrepareOutcome::Kind::Ambiguous) << "" << false;
        QTest::newRow("forced to Meituan, store not bound")
                << "douyin" << false << "meituan" << int(PrepareOutcome::Kind::NotConfigured)
                << "meituan" << false;
        QTest::newRow("used on Meituan")
                << "used" << true << "" << int(PrepareOutcome::Kind::Rejected) << "meituan"
                << false;
    }

    void prepares()
    {
        QFETCH(QString, code);
        QFETCH(bool, storeA);
        QFETCH(QString, forced);
        QFETCH(int, kind);
        QFETCH(QString, platform);
        QFETCH(bool, byToken);

        PrepareCommand command;
        command.poiId = storeA ? m_rig.storeA : m_rig.storeB;
        command.platform = Platforms::fromString(forced);
        const bool douyins = code == "douyin" || code == "both";
        command.code = douyins ? m_rig.douyinCode(command.poiId) : m_rig.meituanCode();
        if (code == "meituan" || code == "both")
            m_rig.meituanServer.knows(command.code);
        if (code == "used")
            m_rig.meituanServer.refuses("1008", "券码已使用");
        const std::optional<PrepareOutcome> outcome = m_rig.prepare(command, this);
        QVERIFY(outcome);
        QVERIFY2(int(outcome->kind) == kind, qPrintable(outcome->error.message));
        if (outcome->kind == PrepareOutcome::Kind::Prepared) {
            QCOMPARE(Platforms::toString(outcome->prepared.platform), platform);
            QCOMPARE(outcome->verifiableByToken, byToken);
            QCOMPARE(outcome->prepared.certificates.size(), 1);
            QCOMPARE(outcome->poiId, command.poiId);
        } else if (outcome->kind == PrepareOutcome::Kind::Ambiguous) {
            QCOMPARE(outcome->platforms,
                     (QList<PlatformId>{PlatformId::Douyin, PlatformId::Meituan}));
        } else {
            QVERIFY(outcome->platformError);
            QCOMPARE(Platforms::toString(outcome->platformError->platform), platform);
            if (outcome->kind == PrepareOutcome::Kind::Rejected)
                QCOMPARE(outcome->platformError->reason, RejectReason::Used);
        }
    }
};

QTEST_GUILESS_MAIN(tst_CouponLookup)
#include "tst_couponlookup.moc"
