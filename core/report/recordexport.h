#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include "core/result.h"
#include "core/store/verificationqueries.h"

class AsyncSaveFile;
class GatewayProxy;

// Writes every record a filter matches to a CSV file (report.h's columns), a chunk of pages at
// a time: one page is asked of the gateway, written on the file's thread, and only then the
// next is asked for, so neither the window nor memory notices a million records.
class RecordExport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordExport)

public:
    // The repository's largest page: fewest round trips to the gateway.
    static constexpr int CHUNK_SIZE = 500;

    explicit RecordExport(GatewayProxy *gateway, QObject *parent = nullptr);

    // poiNames: store names for the poi_name column, by poi id.
    void start(const VerificationFilter &filter, const QString &path,
               const QHash<QString, QString> &poiNames);
    // Stops asking for pages and discards the file; cancelled() follows at once.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    // total is the gateway's count when the export started; records that arrive meanwhile can
    // make `written` end a little above it.
    void progressed(qint64 written, qint64 total);
    void exported(const QString &path, qint64 records);
    void exportFailed(const Error &error);
    void cancelled();

private:
    void fetch(int page);
    void writePage(const VerificationPage &page);
    void onWritten();
    void fail(const Error &error);
    void discardFile();

    GatewayProxy *m_gateway;
    QPointer<AsyncSaveFile> m_file;
    VerificationFilter m_filter;
    QHash<QString, QString> m_poiNames;
    bool m_running = false;
    int m_generation = 0; // answers of an earlier run or a cancelled one are dropped
    int m_page = 0; // the last page asked for
    bool m_lastPage = false;
    qint64 m_total = 0;
    qint64 m_written = 0;
    // The last record written, in the list's order (created_at, then id, both descending).
    // Records inserted during the export push later pages down; a page that then repeats
    // rows already written is recognised by this cursor.
    qint64 m_cursorCreatedAt = 0;
    qint64 m_cursorId = 0;
};
