#include <QComboBox>
#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "core/store/verificationrepository.h"
#include "tests/ui/demogateway.h"
#include "ui/models/summarytablemodel.h"
#include "ui/pages/recordspage.h"
#include "ui/pages/summarypage.h"
#include "ui/widgets/gatewaychooser.h"
#include "ui/widgets/recordfilterbar.h"

using GroupKey = SummaryQuery::GroupKey;

// Chain mode at the pages: records that name their gateways bring a 网关 filter to the records
// and summary pages and a "by gateway" group to the summary; a lone gateway never shows either.
class tst_GatewayFilter : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;

    // Successes of today made by `gateway`, written as that gateway's engine writes them.
    bool insertRecords(const QString &gateway, int count)
    {
        QList<VerificationRecord> records;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < count; ++i) {
            VerificationRecord record;
            record.mode = VerificationRecord::Mode::Code;
            record.poiId = QStringLiteral("7000000000000001");
            record.sourceInput = gateway + QString::number(i);
            record.verifyStatus = VerificationRecord::Status::Success;
            record.payAmount = 1000;
            record.createdAt = now + i;
            records << record;
        }
        return m_gateway.onEngine([&](GatewayRuntime *runtime) {
            VerificationRepository *repository = runtime->engine()->repository();
            const QString own = repository->gatewayName();
            repository->setGatewayName(gateway);
            const bool ok = repository->insertPending(records).ok();
            repository->setGatewayName(own);
            return ok;
        });
    }

    static GatewayChooser *chooserOf(QWidget *page) { return page->findChild<GatewayChooser *>(); }

    static bool refreshed(SummaryPage &page)
    {
        QSignalSpy spy(&page, &SummaryPage::refreshed);
        page.refresh();
        return spy.wait(10000);
    }

private slots:
    void initTestCase() { QVERIFY(m_gateway.start()); }

    void aLoneGatewayShowsNoGatewayFilter()
    {
        SummaryPage page(m_gateway.proxy());
        page.show();
        QSignalSpy first(&page, &SummaryPage::refreshed);
        QVERIFY(first.wait(10000));
        QVERIFY(!chooserOf(&page)->isVisibleTo(&page));
        QComboBox *group = page.findChildren<QComboBox *>().first();
        QCOMPARE(group->findData(int(GroupKey::Gateway)), -1);
    }

    void theSummaryFiltersAndGroupsByGateway()
    {
        QVERIFY(insertRecords(QStringLiteral("till-1"), 3));
        QVERIFY(insertRecords(QStringLiteral("till-2"), 2));
        SummaryPage page(m_gateway.proxy());
        page.resize(1366, 768);
        page.show();
        QSignalSpy first(&page, &SummaryPage::refreshed);
        QVERIFY(first.wait(10000));
        GatewayChooser *chooser = chooserOf(&page);
        QTRY_VERIFY(chooser->isVisibleTo(&page));
        QCOMPARE(chooser->names(), (QStringList{"till-1", "till-2"}));

        page.setGroupKey(GroupKey::Gateway);
        QVERIFY(refreshed(page));
        QCOMPARE(page.query().groupBy, QList<GroupKey>{GroupKey::Gateway});
        const QAbstractItemModel *model = page.findChild<QTableView *>()->model();
        QStringList rows;
        for (int row = 0; row < model->rowCount(); ++row)
            rows << model->index(row, 0).data().toString();
        QVERIFY2(rows.contains("till-1") && rows.contains("till-2"), qPrintable(rows.join(',')));
        QDir().mkpath(QStringLiteral("shots"));
        QVERIFY(page.grab().save(QStringLiteral("shots/summary-by-gateway.png")));

        chooser->setGatewayName(QStringLiteral("till-2"));
        emit chooser->gatewayChanged();
        QCOMPARE(page.query().gatewayName, QStringLiteral("till-2"));
        QVERIFY(refreshed(page));
        rows.clear();
        for (int row = 0; row < model->rowCount(); ++row)
            rows << model->index(row, 0).data().toString();
        QVERIFY2(rows.contains("till-2") && !rows.contains("till-1"), qPrintable(rows.join(',')));
        QVERIFY(page.grab().save(QStringLiteral("shots/summary-one-gateway.png")));
    }

    void theRecordsPageFiltersByGateway()
    {
        RecordsPage page(m_gateway.proxy());
        page.resize(1366, 768);
        page.show();
        auto *bar = page.findChild<RecordFilterBar *>();
        GatewayChooser *chooser = chooserOf(&page);
        QTRY_VERIFY_WITH_TIMEOUT(chooser->isVisibleTo(&page), 10000);
        QCOMPARE(bar->filter().gatewayName, QString());
        QSignalSpy changed(bar, &RecordFilterBar::filterChanged);
        chooser->setGatewayName(QStringLiteral("till-1"));
        emit chooser->gatewayChanged();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(bar->filter().gatewayName, QStringLiteral("till-1"));
        const QAbstractItemModel *model = page.findChild<QTableView *>()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 10000); // till-1's records only
        QVERIFY(page.grab().save(QStringLiteral("shots/records-gateway-filter.png")));
        bar->clear();
        QCOMPARE(bar->filter().gatewayName, QString());
    }
};

QTEST_MAIN(tst_GatewayFilter)
#include "tst_gatewayfilter.moc"
