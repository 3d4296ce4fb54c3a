#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "tests/core/sandbox/sandboxdouyinrig.h"

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxledger.h"

// The sandbox's ledger by certificate (DOUYIN.md §14) over real HTTP: the hour's delay moved
// by POST /sandbox/clock, the fees and how they add up, exchange coupons, the batch limit and
// the per-second limit.
class tst_SandboxLedger : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxDouyinRig;
    std::unique_ptr<Rig> m_rig;

    static qint64 amount(const QJsonObject &record, const char *group, const char *key)
    {
        return record.value(QLatin1String(group))
                .toObject()
                .value(QLatin1String(key))
                .toInteger(-1);
    }

private slots:
    void init() { m_rig = std::make_unique<Rig>(); }
    void cleanup() { m_rig.reset(); }

    void delay_data()
    {
        QTest::addColumn<qint64>("after");
        QTest::addColumn<bool>("listed");
        QTest::newRow("at once") << qint64(0) << false;
        QTest::newRow("59 min") << qint64(59 * 60) << false;
        QTest::newRow("60 min: the cancel window's last second") << qint64(3600) << false;
        QTest::newRow("60 min 1 s") << qint64(3601) << true;
        QTest::newRow("61 min") << qint64(61 * 60) << true;
        QTest::newRow("a week") << qint64(7 * 86400) << true;
    }

    void delay()
    {
        QFETCH(qint64, after);
        QFETCH(bool, listed);
        const Rig::Order order = m_rig->mint({{"pay_amount", 9900}});
        const QString verifyId = m_rig->verify(order);
        m_rig->advance(after);
        const Rig::Reply answer = m_rig->ledger(order.certificateIds);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.errorCode(), 0);
        QCOMPARE(answer.records().size(), listed ? 1 : 0);
        if (!listed)
            return;
        const QJsonObject record = answer.records().first().toObject();
        QCOMPARE(record.keys(),
                 QStringList({"amount", "certificate_id", "code", "fund_amount", "ledger_id",
                              "order_id", "status", "verify_id", "verify_time"}));
        QCOMPARE(record.value("verify_id").toString(), verifyId);
        QCOMPARE(record.value("certificate_id").toString(), order.certificateIds.first());
        QCOMPARE(record.value("order_id").toString(), order.orderId);
        QCOMPARE(record.value("code").toString(), order.codes.first());
        QCOMPARE(record.value("verify_time").toInteger(), Rig::START);
        QCOMPARE(record.value("status").toInt(), int(DouyinApi::LedgerStatus::Done));
        QCOMPARE(
                record.value("amount").toObject().keys(),
                QStringList({"coupon_pay_amount", "merchant_ticket_amount", "original_amount",
                             "pay_amount", "payment_discount_amount", "platform_discount_amount"}));
        // 9900 fen: 0.6 % = 59.4 → 59, 2.5 % = 247.5 → 248 (half up), 9900 − 59 − 248 = 9593.
        const QJsonObject fund{{"goods", 9593},
                               {"pay_handling", 59},
                               {"total_commission", 248},
                               {"talent_commission", 0},
                               {"total_merchant_platform_service", 248}};
        QCOMPARE(record.value("fund_amount").toObject(), fund);
        // The same record on the next call, ledger_id and all.
        QCOMPARE(m_rig->ledger(order.certificateIds).records().first().toObject(), record);
    }

    void notListed_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::newRow("never verified") << "usable";
        QTest::newRow("cancelled by the product") << "cancel";
        QTest::newRow("cancelled elsewhere") << "cancel_elsewhere";
        QTest::newRow("refunded") << "refund";
        QTest::newRow("unknown certificate") << "unknown";
    }

    void notListed()
    {
        QFETCH(QString, setup);
        const Rig::Order order = m_rig->mint();
        QString certificateId = order.certificateIds.first();
        if (setup.startsWith(u"cancel")) {
            const QString verifyId = m_rig->verify(order);
            m_rig->advance(600);
            if (setup == u"cancel")
                QCOMPARE(m_rig->cancel(verifyId, certificateId).errorCode(), 0);
            else
                QCOMPARE(m_rig->cancelElsewhere(order.orderId, certificateId).status, 200);
        } else if (setup == u"refund") {
            QCOMPARE(m_rig->send("POST", "/sandbox/orders/" + order.orderId + "/refund").status,
                     200);
        } else if (setup == u"unknown") {
            certificateId = QStringLiteral("7999999999999999999");
        }
        m_rig->advance(2 * 3600);
        const Rig::Reply answer = m_rig->ledger({certificateId});
        QCOMPARE(answer.errorCode(), 0);
        QCOMPARE(answer.records(), QJsonArray());
    }

    void fees_data()
    {
        QTest::addColumn<qint64>("pay");
        QTest::addColumn<qint64>("payHandling");
        QTest::addColumn<qint64>("commission");
        QTest::newRow("free coupon") << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("1 fen: everything rounds down") << qint64(1) << qint64(0) << qint64(0);
        QTest::newRow("20 fen: commission 0.5 rounds up") << qint64(20) << qint64(0) << qint64(1);
        QTest::newRow("250 fen: pay_handling 1.5 rounds up")
                << qint64(250) << qint64(2) << qint64(6);
        QTest::newRow("99.00 yuan") << qint64(9900) << qint64(59) << qint64(248);
        QTest::newRow("1000.00 yuan") << qint64(100000) << qint64(600) << qint64(2500);
    }

    // goods + pay_handling + total_commission is pay_amount to the fen.
    void fees()
    {
        QFETCH(qint64, pay);
        QFETCH(qint64, payHandling);
        QFETCH(qint64, commission);
        const Rig::Order order = m_rig->mint({{"pay_amount", pay}});
        m_rig->verify(order);
        m_rig->advance(DouyinApi::LEDGER_DELAY_SECONDS + 1);
        const QJsonObject record = m_rig->ledger(order.certificateIds).records().first().toObject();
        QCOMPARE(amount(record, "amount", "pay_amount"), pay);
        QCOMPARE(amount(record, "fund_amount", "pay_handling"), payHandling);
        QCOMPARE(amount(record, "fund_amount", "total_commission"), commission);
        QCOMPARE(amount(record, "fund_amount", "goods"), pay - payHandling - commission);
        const SandboxLedger::Fees computed = SandboxLedger::fees(pay, SandboxConfig());
        QCOMPARE(computed.payHandling, payHandling);
        QCOMPARE(computed.totalCommission(), commission);
    }

    // An exchange coupon (通兑券): two records under one verify_id that add up to the coupon.
    void exchangeCoupon()
    {
        const Rig::Order order =
                m_rig->mint({{"pay_amount", 9901}, {"original_amount", 12801}, {"exchange", true}});
        const Rig::Order plain = m_rig->mint({{"pay_amount", 9901}, {"original_amount", 12801}});
        const QString verifyId = m_rig->verify(order);
        m_rig->verify(plain);
        m_rig->advance(DouyinApi::LEDGER_DELAY_SECONDS + 1);
        const QJsonArray records = m_rig->ledger(order.certificateIds).records();
        QCOMPARE(records.size(), 2);
        const QJsonObject whole = m_rig->ledger(plain.certificateIds).records().first().toObject();
        QVERIFY(records.at(0).toObject().value("ledger_id")
                != records.at(1).toObject().value("ledger_id"));
        for (const char *group : {"amount", "fund_amount"}) {
            for (const QString &key : whole.value(QLatin1String(group)).toObject().keys()) {
                const QByteArray name = key.toLatin1();
                QCOMPARE(amount(records.at(0).toObject(), group, name.constData())
                                 + amount(records.at(1).toObject(), group, name.constData()),
                         amount(whole, group, name.constData()));
            }
        }
        for (const QJsonValue &value : records) {
            const QJsonObject record = value.toObject();
            QCOMPARE(record.value("verify_id").toString(), verifyId);
            QCOMPARE(amount(record, "fund_amount", "goods"),
                     amount(record, "amount", "pay_amount")
                             - amount(record, "fund_amount", "pay_handling")
                             - amount(record, "fund_amount", "total_commission"));
        }
    }

    void batch_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("raw"); // instead of count ids, when given
        QTest::addColumn<qint64>("code");
        QTest::newRow("1") << 1 << "" << qint64(0);
        QTest::newRow("50") << 50 << "" << qint64(0);
        QTest::newRow("51") << 51 << "" << qint64(DouyinApi::BAD_PARAMETER);
        QTest::newRow("none") << 0 << "" << qint64(DouyinApi::BAD_PARAMETER);
        QTest::newRow("an empty id") << 0 << "{A},,{B}" << qint64(DouyinApi::BAD_PARAMETER);
        QTest::newRow("the same id twice: one record") << 0 << "{A},{A}" << qint64(0);
    }

    // 50 verified certificates (five orders of ten); the ids beyond them are unknown ones.
    void batch()
    {
        QFETCH(int, count);
        QFETCH(QString, raw);
        QFETCH(qint64, code);
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const Rig::Order order = m_rig->mint({{"certificates", 10}});
            QCOMPARE(m_rig->verifyElsewhere(order.orderId, {{"count", 10}}).status, 200);
            ids += order.certificateIds;
        }
        m_rig->advance(DouyinApi::LEDGER_DELAY_SECONDS + 1);
        QStringList asked = ids.first(std::min(count, 50));
        for (int i = 50; i < count; ++i)
            asked.append(QStringLiteral("79000000000000000%1").arg(i));
        if (!raw.isEmpty())
            asked = {raw.replace("{A}", ids.at(0)).replace("{B}", ids.at(1))};
        const Rig::Reply answer = m_rig->ledger(asked);
        QCOMPARE(answer.errorCode(), code);
        if (code != 0) {
            QCOMPARE(answer.extra().value("error_code").toInteger(), code);
            QVERIFY2(answer.description().contains("certificate_ids"),
                     qPrintable(answer.description()));
            return;
        }
        QCOMPARE(answer.records().size(), raw.isEmpty() ? count : 1);
    }

    // 300 calls in one second pass, the 301st is too frequent; a second later they pass again.
    void perSecondLimit()
    {
        const Rig::Order order = m_rig->mint();
        for (int i = 0; i < DouyinApi::LEDGER_MAX_QPS; ++i) {
            if (i == DouyinApi::LEDGER_MAX_QPS / 2)
                m_rig->advanceWallMs(999); // still within the second of the first call
            const Rig::Reply answer = m_rig->ledger(order.certificateIds);
            if (answer.errorCode() != 0)
                QFAIL(qPrintable(
                        QStringLiteral("call %1 refused: %2").arg(i + 1).arg(answer.errorCode())));
        }
        const Rig::Reply refused = m_rig->ledger(order.certificateIds);
        QCOMPARE(refused.errorCode(), qint64(DouyinApi::TOO_FREQUENT));
        QCOMPARE(refused.extra().value("error_code").toInteger(), qint64(DouyinApi::TOO_FREQUENT));
        // The first half's second is over: 150 calls may come again, not 151.
        m_rig->advanceWallMs(1);
        for (int i = 0; i < DouyinApi::LEDGER_MAX_QPS / 2; ++i)
            QCOMPARE(m_rig->ledger(order.certificateIds).errorCode(), 0);
        QCOMPARE(m_rig->ledger(order.certificateIds).errorCode(), qint64(DouyinApi::TOO_FREQUENT));
        // Other endpoints are not limited by it.
        QCOMPARE(m_rig->history(QString()).errorCode(), 0);
        QCOMPARE(m_rig->stat("ledger_query"), qint64(DouyinApi::LEDGER_MAX_QPS * 3 / 2 + 2));
    }

    void accountAndToken()
    {
        const Rig::Order order = m_rig->mint();
        const Rig::Reply other = m_rig->send("GET",
                                             QString::fromLatin1(DouyinApi::PATH_LEDGER_QUERY)
                                                     + "?account_id=x&certificate_ids="
                                                     + order.certificateIds.first());
        QCOMPARE(other.errorCode(), qint64(DouyinApi::MERCHANT_NOT_AUTHORISED));
        m_rig->setToken(QStringLiteral("clt.never-issued"));
        QCOMPARE(m_rig->ledger(order.certificateIds).errorCode(), qint64(DouyinApi::TOKEN_INVALID));
    }
};

QTEST_GUILESS_MAIN(tst_SandboxLedger)
#include "tst_sandboxledger.moc"
