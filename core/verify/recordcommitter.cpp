#include "core/verify/recordcommitter.h"

#include "core/store/database.h"

RecordCommitter::RecordCommitter(QString databaseFile, QObject *parent)
    : QObject(parent),
      m_databaseFile(std::move(databaseFile))
{
}

RecordCommitter::~RecordCommitter() = default;

Result<Done> RecordCommitter::open()
{
    if (m_repository)
        return Done{};
    // A failed open is tried again with the next batch.
    auto database = Database::open(m_databaseFile);
    if (!database.ok())
        return database.error();
    m_database = std::move(database).value();
    m_repository = std::make_unique<VerificationRepository>(m_database.get());
    return Done{};
}

RecordCommitter::Outcome RecordCommitter::commit(const Batch &batch)
{
    Outcome outcome;
    if (const auto opened = open(); !opened.ok()) {
        for (qsizetype i = 0; i < batch.inserts.size(); ++i)
            outcome.inserted.append(opened.error());
        for (qsizetype i = 0; i < batch.updates.size(); ++i)
            outcome.updated.append(opened.error());
        for (qsizetype i = 0; i < batch.idempotency.size(); ++i)
            outcome.stored.append(opened.error());
        return outcome;
    }

    QList<VerificationRecord> inserts;
    for (const QList<VerificationRecord> &records : batch.inserts)
        inserts.append(records);
    QList<VerificationRecord> updates;
    QList<EnrichmentJob> jobs;
    for (const Update &update : batch.updates) {
        updates.append(update.records);
        jobs.append(update.jobs);
    }
    const auto written = m_repository->write(inserts, updates, jobs, batch.idempotency);
    if (written.ok()
        || batch.inserts.size() + batch.updates.size() + batch.idempotency.size() == 1) {
        qsizetype offset = 0;
        for (const QList<VerificationRecord> &records : batch.inserts) {
            if (written.ok())
                outcome.inserted.append(inserts.mid(offset, records.size()));
            else
                outcome.inserted.append(written.error());
            offset += records.size();
        }
        const Result<Done> done = written.ok() ? Result<Done>(Done{}) : written.error();
        for (qsizetype i = 0; i < batch.updates.size(); ++i)
            outcome.updated.append(done);
        for (qsizetype i = 0; i < batch.idempotency.size(); ++i)
            outcome.stored.append(done);
        return outcome;
    }

    // One bad write must not fail the others: each goes again on its own.
    for (const QList<VerificationRecord> &records : batch.inserts) {
        QList<VerificationRecord> own = records;
        const auto alone = m_repository->insertPending(own);
        if (alone.ok())
            outcome.inserted.append(own);
        else
            outcome.inserted.append(alone.error());
    }
    for (const Update &update : batch.updates)
        outcome.updated.append(m_repository->update(update.records, update.jobs));
    for (const auto &entry : batch.idempotency)
        outcome.stored.append(m_repository->storeIdempotency(entry.appId, entry.key, entry.entry));
    return outcome;
}
