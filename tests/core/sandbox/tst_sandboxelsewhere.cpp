#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxdouyinrig.h"

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxcancellation.h"

// Verifying and cancelling outside the product over real HTTP (POST /sandbox/orders/{id}/
// verify_elsewhere and cancel_elsewhere): what the product then meets (1241, a cancel that
// was already made), what the history shows, and the control API's errors.
class tst_SandboxElsewhere : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxDouyinRig;
    std::unique_ptr<Rig> m_rig;

    Rig::Reply prepareByCode(const QString &code)
    {
        return m_rig->send("GET", QString::fromLatin1(DouyinApi::PATH_PREPARE) + "?code=" + code);
    }

    QString certificateStatus(const Rig::Order &order, int index)
    {
        return m_rig->send("GET", "/sandbox/orders/" + order.orderId)
                .json.value("certificates")
                .toArray()
                .at(index)
                .toObject()
                .value("status_name")
                .toString();
    }

private slots:
    void init() { m_rig = std::make_unique<Rig>(); }
    void cleanup() { m_rig.reset(); }

    void verifyElsewhere_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("count");
        QTest::newRow("empty body: one") << QJsonObject() << 1;
        QTest::newRow("count 1") << QJsonObject{{"count", 1}} << 1;
        QTest::newRow("count 3 of 3") << QJsonObject{{"count", 3}} << 3;
    }

    // The certificates become used; the product's prepare then says 1241; the history lists
    // the verifications with the answered verify_ids.
    void verifyElsewhere()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, count);
        const Rig::Order order = m_rig->mint({{"certificates", 3}});
        const Rig::Reply verified = m_rig->verifyElsewhere(order.orderId, body);
        QCOMPARE(verified.status, 200);
        QCOMPARE(verified.json.value("order_id").toString(), order.orderId);
        QCOMPARE(verified.json.value("verify_time").toInteger(), Rig::START);
        const QJsonArray verifyIds = verified.json.value("verify_ids").toArray();
        const QJsonArray certificateIds = verified.json.value("certificate_ids").toArray();
        QCOMPARE(verifyIds.size(), count);
        QCOMPARE(certificateIds, QJsonArray::fromStringList(order.certificateIds.first(count)));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(certificateStatus(order, i),
                     i < count ? QStringLiteral("verified") : QStringLiteral("usable"));
            QCOMPARE(prepareByCode(order.codes.at(i)).errorCode(),
                     i < count ? qint64(DouyinApi::CERTIFICATE_USED) : qint64(0));
        }
        const QJsonArray records = m_rig->history(QString()).records();
        QCOMPARE(records.size(), count);
        for (int i = 0; i < count; ++i) {
            const QJsonObject record = records.at(i).toObject();
            QCOMPARE(record.value("verify_id"), verifyIds.at(i));
            QCOMPARE(record.value("certificate_id"), certificateIds.at(i));
            QCOMPARE(record.value("poi_id").toString(), order.poiId);
            QCOMPARE(record.value("status").toInt(), int(DouyinApi::HistoryStatus::Verified));
        }
    }

    // A till that prepared before the coupon was used in the 来客 app cannot verify it.
    void productVerifyAfterElsewhere()
    {
        const Rig::Order order = m_rig->mint();
        const QString token =
                prepareByCode(order.codes.first()).data().value("verify_token").toString();
        QCOMPARE(m_rig->verifyElsewhere(order.orderId).status, 200);
        const Rig::Reply verified =
                m_rig->send("POST", QString::fromLatin1(DouyinApi::PATH_VERIFY),
                            {{"verify_token", token},
                             {"poi_id", order.poiId},
                             {"encrypted_codes", QJsonArray{order.encryptedCodes.first()}}});
        QCOMPARE(verified.errorCode(), 0);
        const QJsonObject result =
                verified.data().value("verify_results").toArray().first().toObject();
        QCOMPARE(result.value("result").toInteger(), qint64(DouyinApi::CERTIFICATE_USED));
    }

    void cancelElsewhere_data()
    {
        QTest::addColumn<bool>("byProduct");
        QTest::newRow("verified by the product") << true;
        QTest::newRow("verified elsewhere") << false;
    }

    // Whoever verified, the cancel made elsewhere undoes it: usable again, history status 2
    // with cancel_time; the product's own cancel then finds it cancelled already.
    void cancelElsewhere()
    {
        QFETCH(bool, byProduct);
        const Rig::Order order = m_rig->mint();
        const QString certificateId = order.certificateIds.first();
        const QString verifyId = byProduct ? m_rig->verify(order)
                                           : m_rig->verifyElsewhere(order.orderId)
                                                     .json.value("verify_ids")
                                                     .toArray()
                                                     .first()
                                                     .toString();
        QVERIFY(!verifyId.isEmpty());
        m_rig->advance(DouyinApi::CANCEL_WINDOW_SECONDS); // the last second of the window
        const Rig::Reply cancelled = m_rig->cancelElsewhere(order.orderId, certificateId);
        QCOMPARE(cancelled.status, 200);
        const QJsonObject expected{{"order_id", order.orderId},
                                   {"certificate_id", certificateId},
                                   {"verify_id", verifyId},
                                   {"cancel_time", Rig::START + DouyinApi::CANCEL_WINDOW_SECONDS}};
        QCOMPARE(cancelled.json, expected);
        QCOMPARE(certificateStatus(order, 0), QStringLiteral("usable"));
        QCOMPARE(prepareByCode(order.codes.first()).errorCode(), 0);

        const Rig::Reply again = m_rig->cancel(verifyId, certificateId);
        QCOMPARE(again.errorCode(), SandboxCancellation::CANCEL_REFUSED);
        QCOMPARE(again.extra().value("sub_error_code").toInteger(),
                 SandboxCancellation::ALREADY_CANCELLED);

        const QJsonObject record = m_rig->history(QString()).records().first().toObject();
        QCOMPARE(record.value("status").toInt(), int(DouyinApi::HistoryStatus::Cancelled));
        QCOMPARE(record.value("cancel_time").toInteger(),
                 Rig::START + DouyinApi::CANCEL_WINDOW_SECONDS);

        // Verified anew (here in the app again): a second record, another verify_id.
        const Rig::Reply reverified = m_rig->verifyElsewhere(order.orderId);
        const QString second = reverified.json.value("verify_ids").toArray().first().toString();
        QVERIFY(!second.isEmpty() && second != verifyId);
        QCOMPARE(m_rig->history(QString()).data().value("total").toInt(), 2);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("action"); // verify or cancel
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("verify: unknown order") << "verify"
                                               << "unknown order" << QJsonObject() << 404 << "";
        QTest::newRow("verify: count 0") << "verify"
                                         << "" << QJsonObject{{"count", 0}} << 400 << "count";
        QTest::newRow("verify: count 11") << "verify"
                                          << "" << QJsonObject{{"count", 11}} << 400 << "count";
        QTest::newRow("verify: count a string")
                << "verify"
                << "" << QJsonObject{{"count", "1"}} << 400 << "count";
        QTest::newRow("verify: unknown field") << "verify"
                                               << "" << QJsonObject{{"codes", 1}} << 400 << "codes";
        QTest::newRow("verify: beyond the usable")
                << "verify"
                << "" << QJsonObject{{"count", 3}} << 409 << "count";
        QTest::newRow("verify: all used already")
                << "verify"
                << "all verified" << QJsonObject{{"count", 1}} << 409 << "count";
        QTest::newRow("cancel: unknown order")
                << "cancel"
                << "unknown order" << QJsonObject{{"certificate_id", "1"}} << 404 << "";
        QTest::newRow("cancel: no certificate_id")
                << "cancel"
                << "" << QJsonObject() << 400 << "certificate_id";
        QTest::newRow("cancel: another order's certificate")
                << "cancel"
                << "" << QJsonObject{{"certificate_id", "7000"}} << 400 << "certificate_id";
        QTest::newRow("cancel: not verified") << "cancel"
                                              << "" << QJsonObject() << 409 << "certificate_id";
        QTest::newRow("cancel: past the hour")
                << "cancel"
                << "all verified, 3601 s" << QJsonObject() << 409 << "certificate_id";
        QTest::newRow("cancel: cancelled already")
                << "cancel"
                << "all verified, cancelled" << QJsonObject() << 409 << "certificate_id";
    }

    void errors()
    {
        QFETCH(QString, action);
        QFETCH(QString, setup);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const Rig::Order order = m_rig->mint({{"certificates", 2}});
        if (setup.startsWith(u"all verified"))
            QCOMPARE(m_rig->verifyElsewhere(order.orderId, {{"count", 2}}).status, 200);
        if (setup.endsWith(u"3601 s"))
            m_rig->advance(DouyinApi::CANCEL_WINDOW_SECONDS + 1);
        if (setup.endsWith(u"cancelled"))
            QCOMPARE(m_rig->cancelElsewhere(order.orderId, order.certificateIds.first()).status,
                     200);
        const QString orderId = setup == u"unknown order" ? QStringLiteral("1") : order.orderId;
        if (action == u"cancel" && body.isEmpty() && !field.isEmpty() && status == 409)
            body.insert("certificate_id", order.certificateIds.first());
        const Rig::Reply refused = m_rig->send(
                "POST", QStringLiteral("/sandbox/orders/%1/%2_elsewhere").arg(orderId, action),
                body);
        QCOMPARE(refused.status, status);
        const QJsonObject error = refused.json.value("error").toObject();
        QCOMPARE(error.value("code").toString(),
                 status == 404           ? "not_found"
                         : status == 409 ? "conflict"
                                         : "bad_request");
        QVERIFY(!error.value("message").toString().isEmpty());
        QCOMPARE(refused.errorField(), field);
        // Nothing changed: the history holds only what the setup made.
        const int made = setup.startsWith(u"all verified") ? 2 : 0;
        QCOMPARE(m_rig->history(QString()).data().value("total").toInt(), made);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxElsewhere)
#include "tst_sandboxelsewhere.moc"
