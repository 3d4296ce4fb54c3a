#pragma once

#include <functional>

#include <QList>
#include <QObject>

#include "core/result.h"
#include "core/store/enrichmentjob.h"
#include "core/verify/verificationrecord.h"

class VerificationRepository;

// Group commit: writes asked for during one pass of the event loop are committed together
// in one transaction, so one fsync serves every verification in flight at that moment.
// Each caller still gets its own records back (with ids) or the error of the shared write.
class RecordWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordWriter)

public:
    using InsertCallback = std::function<void(const Result<QList<VerificationRecord>> &)>;
    using UpdateCallback = std::function<void(const Result<Done> &)>;

    explicit RecordWriter(VerificationRepository *repository, QObject *parent = nullptr);

    void insertPending(const QList<VerificationRecord> &records, InsertCallback callback);
    // Stores the records with the enrichment jobs they need, in the same transaction.
    void update(const QList<VerificationRecord> &records, const QList<EnrichmentJob> &jobs,
                UpdateCallback callback);

    int batchesWritten() const { return m_batches; }
    int recordsWritten() const { return m_records; }

private:
    void scheduleFlush();
    void flush();

    struct Insert
    {
        QList<VerificationRecord> records;
        InsertCallback callback;
    };
    struct Update
    {
        QList<VerificationRecord> records;
        QList<EnrichmentJob> jobs;
        UpdateCallback callback;
    };

    VerificationRepository *m_repository;
    QList<Insert> m_inserts;
    QList<Update> m_updates;
    bool m_flushScheduled = false;
    int m_batches = 0;
    int m_records = 0;
};
