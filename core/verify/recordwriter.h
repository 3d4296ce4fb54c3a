#pragma once

#include <functional>

#include <QList>
#include <QObject>
#include <QThread>

#include "core/result.h"
#include "core/store/enrichmentjob.h"
#include "core/store/idempotencyentry.h"
#include "core/store/verificationrecord.h"
#include "core/verify/recordcommitter.h"

// Group commit on a writer thread: the writes asked for while the previous group is being
// committed are committed together in one transaction, so one fsync serves every
// verification in flight at that moment, and the gateway thread goes on serving requests while
// the disk works. Each caller still gets its own records back (with ids) or the error of its
// write, on the thread that owns this object, in the order the writes were asked for, and only
// once the write is on disk.
class RecordWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordWriter)

public:
    using InsertCallback = std::function<void(const Result<QList<VerificationRecord>> &)>;
    using UpdateCallback = std::function<void(const Result<Done> &)>;

    // Writes through a connection of its own to databaseFile (opened on the writer thread).
    explicit RecordWriter(const QString &databaseFile, QObject *parent = nullptr);
    // Commits the updates and idempotency entries already asked for (their results are known
    // and worth keeping), then stops the writer thread. Inserts still waiting are dropped:
    // nothing was sent for them.
    ~RecordWriter() override;

    void insertPending(const QList<VerificationRecord> &records, InsertCallback callback);
    // Stores the records with the enrichment jobs they need, in the same transaction.
    void update(const QList<VerificationRecord> &records, const QList<EnrichmentJob> &jobs,
                UpdateCallback callback);
    // VerificationRepository::storeIdempotency(), with the group.
    void storeIdempotency(qint64 appId, const QString &key, const IdempotencyEntry &entry,
                          UpdateCallback callback);

    int batchesWritten() const { return m_batches; }

private:
    struct Write
    {
        enum class Kind { Insert, Update, Idempotency };
        Kind kind = Kind::Insert;
        QList<VerificationRecord> records;
        QList<EnrichmentJob> jobs;
        VerificationRepository::IdempotencyWrite idempotency;
        InsertCallback inserted; // Insert
        UpdateCallback done; // Update, Idempotency
    };

    static RecordCommitter::Batch batchOf(const QList<Write> &writes);
    void scheduleFlush();
    void flush();
    void finishGroup(const RecordCommitter::Outcome &outcome);

    QThread m_thread;
    RecordCommitter *m_committer; // lives on m_thread, which deletes it when it finishes
    QList<Write> m_waiting; // the next group
    // The group on the writer thread. Its callbacks never go there: what they hold (a flow, a
    // responder) must be released on this thread.
    QList<Write> m_committing;
    bool m_flushScheduled = false;
    int m_batches = 0;
};
