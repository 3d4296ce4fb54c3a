#pragma once

#include <QFile>
#include <QMutex>
#include <QString>

#include "core/result.h"

// An append-only log file that rotates by size: dy-gateway.log, .log.1 … .log.N.
// Qt calls the message handler from any thread, so writes are serialised here.
class LogFile
{
public:
    static constexpr qint64 DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
    static constexpr int DEFAULT_KEEP = 5;

    LogFile(QString path, qint64 maxBytes = DEFAULT_MAX_BYTES, int keep = DEFAULT_KEEP);
    Q_DISABLE_COPY_MOVE(LogFile)

    Result<Done> open();
    void write(const QString &line);
    QString path() const { return m_path; }

    // Routes qDebug/qInfo/qWarning… of every thread to this file (and stderr). The file must
    // outlive the handler: call uninstall() before destroying it.
    static void install(LogFile *file, bool alsoStderr = true);
    static void uninstall();
    // Enables debug output of the dygw.* categories.
    static void setVerbose(bool verbose);

private:
    void rotate();

    QString m_path;
    qint64 m_maxBytes;
    int m_keep;
    QFile m_file;
    QMutex m_mutex;
};
