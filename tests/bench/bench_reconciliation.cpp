#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "tests/common/enginerig.h"
#include "tests/common/sandboxcontrol.h"

#include "core/reconcile/historyfetcher.h"
#include "core/reconcile/reconciliationservice.h"
#include "core/sandbox/sandboxdemodata.h"
#include "core/sandbox/sandboxserver.h"

// How long a day of 1,000 platform rows takes to fetch (Douyin: 50 pages of 20, one after
// another, as the platform's rate rules want), beside the same-run baseline of one history
// page's round trip; then a whole run (fetch, store, ledger of the day's pending successes)
// and the report over the stored day. Prints the figures; fails only when a fetch fails or
// finds other than 1,000 rows.
class bench_Reconciliation : public QObject
{
    Q_OBJECT

private:
    static constexpr int ROWS = 1000;

    QJsonObject elsewhere(const QString &poiId)
    {
        const QJsonObject order =
                m_control.mintOrder(10, {{"poi_id", poiId}, {"pay_amount", 1000}});
        return m_control.call("POST",
                              "/sandbox/orders/" + order.value("order_id").toString()
                                      + "/verify_elsewhere",
                              {{"count", 10}});
    }

    Result<QList<HistoryRow>, PlatformError> fetch(int pageSize, int *pages)
    {
        HistoryQuery query;
        query.date = QDate::currentDate();
        std::tie(query.startTime, query.endTime) = ReconciliationService::dayBounds(query.date);
        query.pageSize = pageSize;
        std::optional<Result<QList<HistoryRow>, PlatformError>> result;
        const int before = m_control.stat("verify_record_query");
        QEventLoop loop; // not qWaitFor: its 10 ms naps would be most of what is measured
        auto *fetcher = new HistoryFetcher(m_rig.platform.get(), query, [&](const auto &rows) {
            result = rows;
            loop.quit();
        });
        fetcher->start();
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        if (!result)
            loop.exec();
        *pages = m_control.stat("verify_record_query") - before;
        if (!result)
            return PlatformError::make(PlatformId::Douyin, PlatformError::Kind::Unknown,
                                       QStringLiteral("timed out"));
        return *result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SandboxConfig config;
        config.seedDemoData = false;
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY(m_sandbox->listen({"127.0.0.1", 0}).ok());
        m_control.setBaseUrl(m_sandbox->baseUrl().toString());
        QVERIFY(m_rig.start(m_dir.path(), EngineRig::sandboxConfig(m_sandbox->baseUrl()), {}));
        const QString poiId = SandboxDemoData::stores().at(0).poiId;
        for (int i = 0; i < ROWS / 10; ++i)
            QVERIFY(!elsewhere(poiId).isEmpty());
    }

    void aDayOfAThousandRows()
    {
        // Baseline: the first page (20 rows) asked 20 times, one after another: the floor each
        // of the day's 50 pages costs.
        constexpr int BASELINE_CALLS = 20;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < BASELINE_CALLS; ++i) {
            HistoryQuery first;
            first.date = QDate::currentDate();
            std::tie(first.startTime, first.endTime) = ReconciliationService::dayBounds(first.date);
            QEventLoop loop;
            bool ok = false;
            m_rig.platform->history(first, this, [&](const auto &page) {
                ok = page.ok();
                loop.quit();
            });
            loop.exec();
            QVERIFY(ok);
        }
        const double perPageMs = double(timer.nsecsElapsed()) / 1e6 / BASELINE_CALLS;

        int pages = 0;
        timer.restart();
        const auto day = fetch(0, &pages);
        const double dayMs = double(timer.nsecsElapsed()) / 1e6;
        QVERIFY(day.ok());
        QCOMPARE(day.value().size(), ROWS);
        qInfo().noquote() << QStringLiteral("fetch of %1 rows: %2 ms in %3 pages (%4 ms a page); "
                                            "baseline: one page's round trip %5 ms")
                                     .arg(ROWS)
                                     .arg(dayMs, 0, 'f', 1)
                                     .arg(pages)
                                     .arg(dayMs / qMax(1, pages), 0, 'f', 2)
                                     .arg(perPageMs, 0, 'f', 2);
    }

    void aWholeRunAndItsReport()
    {
        ReconciliationService service(m_rig.database.get(), {m_rig.platform.get()}, [] {
            return QList<ReconciliationService::Target>{{PlatformId::Douyin, QString()}};
        });
        QSignalSpy finished(&service, &ReconciliationService::runFinished);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(service.startRun(QDate::currentDate()).ok());
        QVERIFY(finished.wait(120000));
        const double runMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        const auto report = service.report({QDate::currentDate(), {}, std::nullopt});
        const double reportMs = double(timer.nsecsElapsed()) / 1e6;
        QVERIFY(report.ok());
        QCOMPARE(report.value().onlyPlatform.size(), ROWS);
        qInfo().noquote() << QStringLiteral("run of a %1-row day (fetch, store, ledger): %2 ms; "
                                            "report over it: %3 ms")
                                     .arg(ROWS)
                                     .arg(runMs, 0, 'f', 1)
                                     .arg(reportMs, 0, 'f', 1);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    SandboxControl m_control;
    EngineRig m_rig;
};

QTEST_GUILESS_MAIN(bench_Reconciliation)
#include "bench_reconciliation.moc"
