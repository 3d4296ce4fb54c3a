#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxmeituanrig.h"

#include "core/meituan/meituanapi.h"

// Meituan's 撤销验券 in the sandbox (MEITUAN.md §5, SandboxMeituanConsumption) through the
// product's MeituanClient: the 10-minute window by the sandbox clock, and every refusal.
class tst_SandboxMeituanReverse : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxMeituanRig;

    std::unique_ptr<Rig> m_rig;
    QString m_token; // the first demo store's

private slots:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_token = m_rig->bind(Rig::store(0));
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void cancelWindow_data()
    {
        QTest::addColumn<qint64>("after");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("at once") << qint64(0) << true;
        QTest::newRow("599 s later") << qint64(599) << true;
        QTest::newRow("600 s later, the last second") << qint64(600) << true;
        QTest::newRow("601 s later") << qint64(601) << false;
        QTest::newRow("an hour later") << qint64(3600) << false;
    }

    // The clock moves, the client's timestamps do not: the form check accepts both.
    void cancelWindow()
    {
        QFETCH(qint64, after);
        QFETCH(bool, cancelled);
        const Rig::Order order = m_rig->mint(Rig::store(0));
        QCOMPARE(m_rig->consumeFlowIds(m_token, order.codes.first(), 1, QStringLiteral("w")).size(),
                 1);
        QVERIFY(m_rig->advanceClock(after) > 0);
        const auto reversed = m_rig->reverse(m_token, order.codes.first(), order.dealId);
        QCOMPARE(reversed.ok(), cancelled);
        QCOMPARE(m_rig->receiptStatus(order.codes.first()),
                 cancelled ? QStringLiteral("unused") : QStringLiteral("used"));
        if (!cancelled) {
            QCOMPARE(reversed.error().code, QStringLiteral("OP_REVERSE_NOT_ALLOWED"));
            QCOMPARE(reversed.error().reason, RejectReason::TooLateToCancel);
        }
    }

    void cancelRefusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("code");
        QTest::newRow("not consumed") << "none"
                                      << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("consumed in Meituan's app") << "elsewhere"
                                                   << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("dealGroupId for dealId") << "group"
                                                << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("another deal's id") << "otherdeal"
                                           << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("cancelled already") << "twice"
                                           << "OP_REVERSE_NOT_ALLOWED";
        QTest::newRow("refunded after use") << "refunded"
                                            << "1011";
        QTest::newRow("another store's") << "store"
                                         << "1012";
        QTest::newRow("unknown code") << "unknown"
                                      << "1006";
    }

    void cancelRefusals()
    {
        QFETCH(QString, setup);
        QFETCH(QString, code);
        const Rig::Order order = m_rig->mint(setup == u"store" ? Rig::store(1) : Rig::store(0));
        QString receipt = order.codes.first();
        QString dealId = order.dealId;
        if (setup == u"elsewhere")
            m_rig->control(
                    "POST",
                    QStringLiteral("/sandbox/meituan/receipts/%1/consume_elsewhere").arg(receipt));
        if (setup == u"group" || setup == u"otherdeal" || setup == u"twice" || setup == u"refunded")
            QCOMPARE(m_rig->consumeFlowIds(m_token, order.codes.first(), 1, QStringLiteral("c"))
                             .size(),
                     1);
        if (setup == u"group")
            dealId = order.dealGroupId;
        if (setup == u"otherdeal")
            dealId = m_rig->mint(Rig::store(0), 1, {{"deal_title", "另一个团购"}}).dealId;
        if (setup == u"twice")
            QVERIFY(m_rig->reverse(m_token, receipt, dealId).ok());
        if (setup == u"refunded")
            m_rig->control("POST",
                           QStringLiteral("/sandbox/meituan/orders/%1/refund").arg(order.orderId),
                           {{"receipt_codes", QJsonArray{receipt}}});
        if (setup == u"unknown")
            receipt = QStringLiteral("1111111111");
        const QString before = m_rig->receiptStatus(receipt);

        const auto reversed = m_rig->reverse(m_token, receipt, dealId);
        QVERIFY(!reversed.ok());
        QCOMPARE(reversed.error().code, code);
        QCOMPARE(m_rig->receiptStatus(receipt), before);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxMeituanReverse)
#include "tst_sandboxmeituanreverse.moc"
