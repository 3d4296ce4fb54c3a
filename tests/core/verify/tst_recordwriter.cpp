#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "core/store/database.h"
#include "core/store/verificationrepository.h"
#include "core/verify/recordwriter.h"
#include "tests/common/testdatabase.h"

using Status = VerificationRecord::Status;

// Group commit on the writer thread against a real SQLite file, read back through a connection
// of the test's own, as the engine reads.
class tst_RecordWriter : public QObject
{
    Q_OBJECT

private:
    static VerificationRecord pendingRecord(const QString &batchId)
    {
        VerificationRecord r;
        r.poiId = QStringLiteral("poi-w");
        r.batchId = batchId;
        r.orderId = QStringLiteral("order-") + batchId;
        return r;
    }

    void openDatabase(const QString &name)
    {
        m_writer.reset();
        m_repository.reset();
        m_database.reset();
        auto opened = TestDatabase::openInDir(m_dir.filePath(name));
        QVERIFY(opened.ok());
        m_database = std::move(opened).value();
        m_repository = std::make_unique<VerificationRepository>(m_database.get());
        m_writer = std::make_unique<RecordWriter>(m_database->filePath());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<VerificationRepository> m_repository;
    std::unique_ptr<RecordWriter> m_writer;

private slots:
    void cleanup()
    {
        m_writer.reset();
        m_repository.reset();
        m_database.reset();
    }

    void callbacksComeBackInOrderOnceCommitted()
    {
        openDatabase(QStringLiteral("order"));
        QStringList calls;
        QList<qint64> ids;
        bool offThread = false;
        bool unseen = false;
        const auto check = [&](const QString &batchId) {
            offThread = offThread || QThread::currentThread() != thread();
            // Committed before the callback: visible to another connection.
            unseen = unseen || m_repository->findByBatch(batchId).value().isEmpty();
        };
        for (int i = 0; i < 5; ++i) {
            const QString batchId = QStringLiteral("b%1").arg(i);
            m_writer->insertPending({pendingRecord(batchId)},
                                    [&, batchId](const Result<QList<VerificationRecord>> &in) {
                                        QVERIFY(in.ok());
                                        check(batchId);
                                        calls << batchId;
                                        ids << in.value().constFirst().id;
                                    });
        }
        QTRY_COMPARE(calls.size(), 5);
        QCOMPARE(calls, (QStringList{"b0", "b1", "b2", "b3", "b4"}));
        QVERIFY(!offThread);
        QVERIFY(!unseen);
        QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));

        // An update and the next insert asked for together are stored together.
        VerificationRecord settled = m_repository->get(ids.first()).value();
        settled.verifyStatus = Status::Success;
        const int batchesBefore = m_writer->batchesWritten();
        bool updated = false;
        bool inserted = false;
        m_writer->update({settled}, {}, [&](const Result<Done> &done) {
            QVERIFY(done.ok());
            QCOMPARE(m_repository->get(settled.id).value().verifyStatus, Status::Success);
            QVERIFY(!inserted);
            updated = true;
        });
        m_writer->insertPending({pendingRecord(QStringLiteral("b5"))},
                                [&](const Result<QList<VerificationRecord>> &in) {
                                    QVERIFY(in.ok());
                                    inserted = true;
                                });
        QTRY_VERIFY(updated && inserted);
        QCOMPARE(m_writer->batchesWritten(), batchesBefore + 1);
    }

    void oneBadWriteDoesNotFailTheOthers()
    {
        openDatabase(QStringLiteral("bad"));
        VerificationRecord bad = pendingRecord(QStringLiteral("bad"));
        bad.appId = 999; // no such app: the foreign key refuses it
        std::optional<bool> goodOk;
        std::optional<bool> badOk;
        std::optional<bool> unknownOk;
        m_writer->insertPending(
                {pendingRecord(QStringLiteral("good"))},
                [&](const Result<QList<VerificationRecord>> &in) { goodOk = in.ok(); });
        m_writer->insertPending(
                {bad}, [&](const Result<QList<VerificationRecord>> &in) { badOk = in.ok(); });
        VerificationRecord unknown = pendingRecord(QStringLiteral("unknown"));
        unknown.id = 424242;
        std::optional<ErrorCode> unknownError;
        m_writer->update({unknown}, {}, [&](const Result<Done> &done) {
            unknownOk = done.ok();
            if (!done.ok())
                unknownError = done.error().code;
        });
        QTRY_VERIFY(goodOk && badOk && unknownOk);
        QVERIFY(*goodOk);
        QVERIFY(!*badOk);
        QVERIFY(!*unknownOk);
        QCOMPARE(unknownError, ErrorCode::NotFound);
        QCOMPARE(m_repository->findByBatch(QStringLiteral("good")).value().size(), 1);
    }

    void destructionKeepsAskedForUpdates()
    {
        openDatabase(QStringLiteral("shutdown"));
        std::optional<VerificationRecord> stored;
        m_writer->insertPending({pendingRecord(QStringLiteral("s"))},
                                [&](const Result<QList<VerificationRecord>> &in) {
                                    stored = in.value().constFirst();
                                });
        QTRY_VERIFY(stored);
        VerificationRecord settled = *stored;
        settled.verifyStatus = Status::Success;
        bool called = false;
        m_writer->update({settled}, {}, [&](const Result<Done> &) { called = true; });
        m_writer->insertPending({pendingRecord(QStringLiteral("never"))},
                                [&](const Result<QList<VerificationRecord>> &) { called = true; });
        m_writer.reset(); // before the group was sent: the update is still written
        QVERIFY(!called);
        QCOMPARE(m_repository->get(settled.id).value().verifyStatus, Status::Success);
        QVERIFY(m_repository->findByBatch(QStringLiteral("never")).value().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RecordWriter)
#include "tst_recordwriter.moc"
