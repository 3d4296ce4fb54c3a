#include "core/report/asyncsavefile.h"

#include <QMetaObject>
#include <QSaveFile>

AsyncSaveFile::AsyncSaveFile(const QString &path, QObject *parent)
    : QObject(parent),
      m_path(path),
      m_file(new QSaveFile(path))
{
    m_thread.setObjectName(QStringLiteral("save file"));
    m_file->moveToThread(&m_thread);
    // Deleting an uncommitted QSaveFile removes its temporary file.
    connect(&m_thread, &QThread::finished, m_file, &QObject::deleteLater);
    m_thread.start();
    QSaveFile *file = m_file;
    QMetaObject::invokeMethod(file, [this, file] {
        if (file->open(QIODevice::WriteOnly))
            return;
        const QString message = file->errorString();
        QMetaObject::invokeMethod(this, [this, message] {
            emit failed(makeError(ErrorCode::Storage, m_path + QStringLiteral(": ") + message));
        });
    });
}

AsyncSaveFile::~AsyncSaveFile()
{
    m_thread.quit();
    m_thread.wait();
}

void AsyncSaveFile::post(std::function<QString(QSaveFile *)> work, std::function<void(qint64)> done)
{
    // `this` outlives the work: the destructor waits for the thread.
    QSaveFile *file = m_file;
    QMetaObject::invokeMethod(file, [this, file, work, done] {
        if (!file->isOpen())
            return;
        const QString failure = work(file);
        if (!failure.isEmpty() && file->isOpen()) {
            file->cancelWriting();
            (void)file->commit(); // refuses, closes and removes the temporary file
        }
        const qint64 total = m_total;
        QMetaObject::invokeMethod(this, [this, failure, done, total] {
            if (failure.isEmpty())
                done(total);
            else
                emit failed(makeError(ErrorCode::Storage, m_path + QStringLiteral(": ") + failure));
        });
    });
}

void AsyncSaveFile::write(const QByteArray &bytes)
{
    post(
            [this, bytes](QSaveFile *file) {
                if (file->write(bytes) != bytes.size())
                    return file->errorString();
                m_total += bytes.size();
                return QString();
            },
            [this](qint64 total) { emit written(total); });
}

void AsyncSaveFile::commit()
{
    post([](QSaveFile *file) { return file->commit() ? QString() : file->errorString(); },
         [this](qint64) { emit committed(); });
}

void AsyncSaveFile::cancel()
{
    QSaveFile *file = m_file;
    QMetaObject::invokeMethod(file, [this, file] {
        if (file->isOpen()) {
            file->cancelWriting();
            (void)file->commit(); // refuses, closes and removes the temporary file
        }
        QMetaObject::invokeMethod(this, [this] { emit discarded(); });
    });
}
