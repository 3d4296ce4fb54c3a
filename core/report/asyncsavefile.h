#pragma once

#include <functional>

#include <QObject>
#include <QThread>

#include "core/result.h"

class QSaveFile;

// A QSaveFile whose opening, writes and commit run on a thread of its own, so a large export,
// a slow USB stick or the fsync in commit() never stalls the window. Calls run in the order
// they were made; their outcomes come back as signals on the caller's thread. The target file
// changes only on a successful commit: a failure or cancel leaves it as it was.
class AsyncSaveFile final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncSaveFile)

public:
    explicit AsyncSaveFile(const QString &path, QObject *parent = nullptr);
    // Stops the thread, waiting for a write or commit that is running. Delete after
    // committed(), failed() or discarded() and there is nothing left to wait for.
    ~AsyncSaveFile() override;

    QString path() const { return m_path; }

    // After the first failure, later writes and the commit do nothing.
    void write(const QByteArray &bytes);
    void commit();
    // Drops what was written; discarded() follows.
    void cancel();

signals:
    // Everything written so far is in the temporary file; `total` bytes in all.
    void written(qint64 total);
    void committed();
    // Reported once; the temporary file is gone.
    void failed(const Error &error);
    void discarded();

private:
    // Runs `work` on the file's thread. A non-empty answer is a failure (the file's error
    // string), reported as failed(); otherwise `done(bytes written so far)` runs back on this
    // thread. Work on a file that a failure or commit already closed is skipped.
    void post(std::function<QString(QSaveFile *)> work, std::function<void(qint64)> done);

    QString m_path;
    QThread m_thread;
    QSaveFile *m_file; // lives on m_thread, touched only there
    qint64 m_total = 0; // bytes written; touched only on m_thread
};
