#include "core/verify/recordwriter.h"

#include <QTimer>

#include "core/store/verificationrepository.h"

RecordWriter::RecordWriter(VerificationRepository *repository, QObject *parent)
    : QObject(parent),
      m_repository(repository)
{
}

void RecordWriter::insertPending(const QList<VerificationRecord> &records, InsertCallback callback)
{
    m_inserts.append({records, std::move(callback)});
    scheduleFlush();
}

void RecordWriter::update(const QList<VerificationRecord> &records,
                          const QList<EnrichmentJob> &jobs, UpdateCallback callback)
{
    m_updates.append({records, jobs, std::move(callback)});
    scheduleFlush();
}

void RecordWriter::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // After the requests already waiting in this pass of the event loop have been read.
    QTimer::singleShot(0, this, &RecordWriter::flush);
}

void RecordWriter::flush()
{
    m_flushScheduled = false;
    const QList<Insert> inserts = std::exchange(m_inserts, {});
    const QList<Update> updates = std::exchange(m_updates, {});

    if (!inserts.isEmpty()) {
        QList<VerificationRecord> all;
        for (const Insert &insert : inserts)
            all.append(insert.records);
        const auto inserted = m_repository->insertPending(all);
        ++m_batches;
        m_records += int(all.size());
        qsizetype offset = 0;
        for (const Insert &insert : inserts) {
            if (inserted.ok()) {
                insert.callback(all.mid(offset, insert.records.size()));
            } else if (inserts.size() == 1) {
                insert.callback(inserted.error());
            } else {
                // One bad write must not fail the others: each goes again on its own.
                QList<VerificationRecord> own = insert.records;
                const auto alone = m_repository->insertPending(own);
                if (alone.ok())
                    insert.callback(own);
                else
                    insert.callback(alone.error());
            }
            offset += insert.records.size();
        }
    }

    if (!updates.isEmpty()) {
        QList<VerificationRecord> records;
        QList<EnrichmentJob> jobs;
        for (const Update &update : updates) {
            records.append(update.records);
            jobs.append(update.jobs);
        }
        const auto written = m_repository->update(records, jobs);
        ++m_batches;
        m_records += int(records.size());
        for (const Update &update : updates) {
            if (written.ok() || updates.size() == 1)
                update.callback(written);
            else
                update.callback(m_repository->update(update.records, update.jobs));
        }
    }
}
