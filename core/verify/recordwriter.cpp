#include "core/verify/recordwriter.h"

#include <QTimer>

RecordWriter::RecordWriter(const QString &databaseFile, QObject *parent)
    : QObject(parent),
      m_committer(new RecordCommitter(databaseFile))
{
    m_thread.setObjectName(QStringLiteral("RecordWriter"));
    m_committer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_committer, &QObject::deleteLater);
    m_thread.start();
}

RecordWriter::~RecordWriter()
{
    QList<Write> updates;
    for (const Write &write : std::as_const(m_waiting)) {
        if (write.kind != Write::Kind::Insert)
            updates.append(write);
    }
    RecordCommitter *committer = m_committer;
    if (!updates.isEmpty()) {
        QMetaObject::invokeMethod(
                committer, [committer, batch = batchOf(updates)] { committer->commit(batch); });
    }
    // Queued behind the groups handed over, so they are committed before the thread ends.
    QThread *thread = &m_thread;
    QMetaObject::invokeMethod(committer, [thread] { thread->quit(); });
    m_thread.wait();
}

RecordCommitter::Batch RecordWriter::batchOf(const QList<Write> &writes)
{
    RecordCommitter::Batch batch;
    for (const Write &write : writes) {
        switch (write.kind) {
        case Write::Kind::Insert:
            batch.inserts.append(write.records);
            break;
        case Write::Kind::Update:
            batch.updates.append({write.records, write.jobs});
            break;
        case Write::Kind::Idempotency:
            batch.idempotency.append(write.idempotency);
            break;
        }
    }
    return batch;
}

void RecordWriter::insertPending(const QList<VerificationRecord> &records, InsertCallback callback)
{
    Write write;
    write.records = records;
    write.inserted = std::move(callback);
    m_waiting.append(write);
    scheduleFlush();
}

void RecordWriter::update(const QList<VerificationRecord> &records,
                          const QList<EnrichmentJob> &jobs, UpdateCallback callback)
{
    Write write;
    write.kind = Write::Kind::Update;
    write.records = records;
    write.jobs = jobs;
    write.done = std::move(callback);
    m_waiting.append(write);
    scheduleFlush();
}

void RecordWriter::storeIdempotency(qint64 appId, const QString &key, const IdempotencyEntry &entry,
                                    UpdateCallback callback)
{
    Write write;
    write.kind = Write::Kind::Idempotency;
    write.idempotency = {appId, key, entry};
    write.done = std::move(callback);
    m_waiting.append(write);
    scheduleFlush();
}

void RecordWriter::scheduleFlush()
{
    // While a group is being committed, the next one grows; it goes when that one is done.
    if (m_flushScheduled || !m_committing.isEmpty())
        return;
    m_flushScheduled = true;
    // After the requests already waiting in this pass of the event loop have been read.
    QTimer::singleShot(0, this, &RecordWriter::flush);
}

void RecordWriter::flush()
{
    m_flushScheduled = false;
    if (!m_committing.isEmpty() || m_waiting.isEmpty())
        return;
    m_committing = std::exchange(m_waiting, {});
    RecordCommitter *committer = m_committer;
    QMetaObject::invokeMethod(committer, [this, committer, batch = batchOf(m_committing)] {
        const RecordCommitter::Outcome outcome = committer->commit(batch);
        // The destructor waits for the writer thread, so this object still exists here; an
        // answer it does not take before it goes is dropped with it.
        QMetaObject::invokeMethod(this, [this, outcome] { finishGroup(outcome); });
    });
}

void RecordWriter::finishGroup(const RecordCommitter::Outcome &outcome)
{
    const QList<Write> group = std::exchange(m_committing, {});
    ++m_batches;
    qsizetype inserts = 0;
    qsizetype updates = 0;
    qsizetype stored = 0;
    for (const Write &write : group) {
        switch (write.kind) {
        case Write::Kind::Insert:
            write.inserted(outcome.inserted.at(inserts++));
            break;
        case Write::Kind::Update:
            write.done(outcome.updated.at(updates++));
            break;
        case Write::Kind::Idempotency:
            write.done(outcome.stored.at(stored++));
            break;
        }
    }
    if (!m_waiting.isEmpty())
        scheduleFlush();
}
