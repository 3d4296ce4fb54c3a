#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "tests/core/sandbox/sandboxdouyinrig.h"

#include "core/douyin/douyinapi.h"

// Every fault mode on the reconciliation endpoints (fault names verify_record_query and
// ledger_query), what each puts on the wire, and their keys in /sandbox/stats.
class tst_SandboxReconFaults : public QObject
{
    Q_OBJECT

private:
    using Rig = SandboxDouyinRig;
    std::unique_ptr<Rig> m_rig;
    Rig::Order m_order;

    Rig::Reply call(const QString &endpoint, int timeoutMs = 10000)
    {
        if (endpoint == u"ledger_query")
            return m_rig->send("GET",
                               QString::fromLatin1(DouyinApi::PATH_LEDGER_QUERY)
                                       + "?certificate_ids=" + m_order.certificateIds.first(),
                               {}, timeoutMs);
        return m_rig->send("GET", QString::fromLatin1(DouyinApi::PATH_VERIFY_RECORD_QUERY), {},
                           timeoutMs);
    }

private slots:
    // One verified certificate whose ledger record is there, so a normal answer has a record.
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_order = m_rig->mint();
        QVERIFY(!m_rig->verify(m_order).isEmpty());
        m_rig->advance(DouyinApi::LEDGER_DELAY_SECONDS + 1);
    }
    void cleanup() { m_rig.reset(); }

    void faults_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("mode");
        // 0: the connection is cut instead of an answer; -1: cut before any answer byte, which
        // Qt resends on its own (a GET is idempotent), so the client sees the normal answer.
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<qint64>("code"); // the envelope's error code when JSON
        for (const char *endpoint : {"verify_record_query", "ledger_query"}) {
            const auto row = [endpoint](const char *mode) -> QTestData & {
                return QTest::addRow("%s on %s", mode, endpoint)
                        << QString::fromLatin1(endpoint) << QString::fromLatin1(mode);
            };
            row("error_code") << 200 << qint64(DouyinApi::SYSTEM_BUSY);
            row("rate_limit") << 200 << qint64(DouyinApi::TOO_FREQUENT);
            row("http_500") << 500 << qint64(-1);
            row("delay") << 200 << qint64(0);
            row("drop_before_commit") << 0 << qint64(-1);
            row("drop_after_commit") << 0 << qint64(-1);
            row("fin_after_commit") << -1 << qint64(0);
            row("rst_after_commit") << -1 << qint64(0);
            row("half_answer_after_commit") << 0 << qint64(-1);
        }
    }

    // The fault plays once, counted like any call; the next call answers normally.
    void faults()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, mode);
        QFETCH(int, httpStatus);
        QFETCH(qint64, code);
        QJsonObject fault{{"endpoint", endpoint}, {"mode", mode}};
        if (mode == u"error_code")
            fault.insert("error_code", qint64(DouyinApi::SYSTEM_BUSY));
        if (mode == u"delay")
            fault.insert("delay_ms", 300);
        QVERIFY(m_rig->fault(fault));

        QElapsedTimer timer;
        timer.start();
        const Rig::Reply faulted = call(endpoint);
        if (httpStatus == 0) {
            QVERIFY2(faulted.error != QNetworkReply::NoError, qPrintable(mode));
            QVERIFY(faulted.json.isEmpty());
        } else if (httpStatus == -1) {
            QCOMPARE(faulted.status, 200);
            QCOMPARE(faulted.errorCode(), 0);
            QCOMPARE(faulted.records().size(), 1);
        } else {
            QCOMPARE(faulted.status, httpStatus);
        }
        if (httpStatus == 500) {
            QVERIFY(faulted.json.isEmpty());
            QVERIFY(faulted.body.contains("500"));
        }
        if (httpStatus == 200) {
            QCOMPARE(faulted.errorCode(), code);
            QVERIFY(!faulted.extra().value("logid").toString().isEmpty());
        }
        if (mode == u"delay") {
            QVERIFY(timer.elapsed() >= 290);
            QCOMPARE(faulted.records().size(), 1);
        }
        const Rig::Reply normal = call(endpoint);
        QCOMPARE(normal.errorCode(), 0);
        QCOMPARE(normal.records().size(), 1);
        QCOMPARE(m_rig->stat(endpoint), httpStatus == -1 ? 3 : 2);
    }

    // A client that gives up on a delayed answer gets nothing; the sandbox stays fine.
    void delayBeyondTheClient()
    {
        QVERIFY(m_rig->fault({{"endpoint", "ledger_query"}, {"mode", "delay"}, {"delay_ms", 800}}));
        const Rig::Reply gaveUp = call(QStringLiteral("ledger_query"), 200);
        QVERIFY(gaveUp.error != QNetworkReply::NoError);
        QVERIFY(gaveUp.json.isEmpty());
        QTest::qWait(900);
        QCOMPARE(call(QStringLiteral("ledger_query")).records().size(), 1);
    }

    void faultOnEveryEndpointHitsThemToo()
    {
        QVERIFY(m_rig->fault({{"endpoint", "*"}, {"mode", "rate_limit"}, {"count", 2}}));
        QCOMPARE(call(QStringLiteral("verify_record_query")).errorCode(),
                 qint64(DouyinApi::TOO_FREQUENT));
        QCOMPARE(call(QStringLiteral("ledger_query")).errorCode(), qint64(DouyinApi::TOO_FREQUENT));
        QCOMPARE(call(QStringLiteral("ledger_query")).errorCode(), 0);
    }

    void faultsListed()
    {
        QVERIFY(m_rig->fault({{"endpoint", "verify_record_query"}, {"mode", "http_500"}}));
        QVERIFY(m_rig->fault(
                {{"endpoint", "ledger_query"}, {"mode", "drop_after_commit"}, {"count", 3}}));
        const QJsonArray listed = m_rig->send("GET", QStringLiteral("/sandbox/faults"))
                                          .json.value("faults")
                                          .toArray();
        QCOMPARE(listed,
                 QJsonArray({QJsonObject{{"endpoint", "verify_record_query"},
                                         {"mode", "http_500"},
                                         {"count", 1}},
                             QJsonObject{{"endpoint", "ledger_query"},
                                         {"mode", "drop_after_commit"},
                                         {"count", 3}}}));
        QCOMPARE(m_rig->send("POST", QStringLiteral("/sandbox/faults"),
                             {{"endpoint", "ledger"}, {"mode", "http_500"}})
                         .status,
                 400);
    }

    // Both keys in /sandbox/stats, counting every call, faulted, refused or not.
    void stats()
    {
        QCOMPARE(m_rig->stat("verify_record_query"), 0);
        QCOMPARE(m_rig->stat("ledger_query"), 0);
        call(QStringLiteral("verify_record_query"));
        m_rig->history(QStringLiteral("size=0"));
        m_rig->ledger({});
        m_rig->setToken(QStringLiteral("clt.never-issued"));
        call(QStringLiteral("ledger_query"));
        QCOMPARE(m_rig->stat("verify_record_query"), 2);
        QCOMPARE(m_rig->stat("ledger_query"), 2);
        const QJsonObject all = m_rig->send("GET", QStringLiteral("/sandbox/stats")).json;
        QCOMPARE(all.size(), 18);
        QCOMPARE(all.value("verify").toInteger(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_SandboxReconFaults)
#include "tst_sandboxreconfaults.moc"
