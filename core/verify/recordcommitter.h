#pragma once

#include <memory>

#include <QList>
#include <QObject>
#include <QString>

#include "core/result.h"
#include "core/store/enrichmentjob.h"
#include "core/store/verificationrecord.h"
#include "core/store/verificationrepository.h"

class Database;

// The writing half of RecordWriter. Lives on the writer thread with a connection of its own,
// opened there on first use, and commits each batch of record writes in one transaction, so
// the fsync of a commit never holds up the gateway thread.
class RecordCommitter final : public QObject
{
    Q_DISABLE_COPY_MOVE(RecordCommitter)

public:
    struct Update
    {
        QList<VerificationRecord> records;
        QList<EnrichmentJob> jobs;
    };
    // The writes of one group commit, each as one caller asked for it.
    struct Batch
    {
        QList<QList<VerificationRecord>> inserts;
        QList<Update> updates;
        QList<VerificationRepository::IdempotencyWrite> idempotency;
    };
    // One result per write of the batch, in the batch's order; inserts come back with ids.
    struct Outcome
    {
        QList<Result<QList<VerificationRecord>>> inserted;
        QList<Result<Done>> updated;
        QList<Result<Done>> stored; // the idempotency entries
    };

    explicit RecordCommitter(QString databaseFile, QObject *parent = nullptr);
    ~RecordCommitter() override;

    Outcome commit(const Batch &batch);

private:
    Result<Done> open();

    QString m_databaseFile;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<VerificationRepository> m_repository;
};
