#include "core/report/recordexport.h"

#include "core/report/asyncsavefile.h"
#include "core/report/report.h"
#include "core/runtime/gatewayproxy.h"

RecordExport::RecordExport(GatewayProxy *gateway, QObject *parent)
    : QObject(parent),
      m_gateway(gateway)
{
}

void RecordExport::start(const VerificationFilter &filter, const QString &path,
                         const QHash<QString, QString> &poiNames)
{
    if (m_running)
        cancel();
    ++m_generation;
    m_filter = filter;
    m_poiNames = poiNames;
    m_running = true;
    m_page = 0;
    m_lastPage = false;
    m_total = 0;
    m_written = 0;
    m_cursorCreatedAt = 0;
    m_cursorId = 0;

    m_file = new AsyncSaveFile(path, this);
    const int generation = m_generation;
    connect(m_file, &AsyncSaveFile::written, this, [this, generation] {
        if (generation == m_generation)
            onWritten();
    });
    connect(m_file, &AsyncSaveFile::committed, this, [this, generation] {
        if (generation != m_generation)
            return;
        m_running = false;
        const QString path = m_file->path();
        m_file->deleteLater();
        m_file.clear();
        emit exported(path, m_written);
    });
    connect(m_file, &AsyncSaveFile::failed, this, [this, generation](const Error &error) {
        if (generation == m_generation)
            fail(error);
    });
    fetch(1);
}

void RecordExport::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    m_running = false;
    discardFile();
    emit cancelled();
}

void RecordExport::fetch(int page)
{
    m_page = page;
    const int generation = m_generation;
    m_gateway->listRecords(m_filter, page, CHUNK_SIZE, this,
                           [this, generation](const Result<VerificationPage> &result) {
                               if (generation != m_generation)
                                   return;
                               if (!result.ok())
                                   fail(result.error());
                               else
                                   writePage(result.value());
                           });
}

void RecordExport::writePage(const VerificationPage &page)
{
    if (m_page == 1)
        m_total = page.total;
    m_lastPage = page.items.size() < CHUNK_SIZE;

    QByteArray bytes;
    if (m_page == 1)
        bytes = QByteArray(Report::UTF8_BOM) + Report::csvLine(Report::recordColumns());
    for (const VerificationRecord &record : page.items) {
        const bool written = m_written > 0
                && (record.createdAt > m_cursorCreatedAt
                    || (record.createdAt == m_cursorCreatedAt && record.id >= m_cursorId));
        if (written)
            continue;
        bytes += Report::csvLine(Report::recordFields(record, m_poiNames.value(record.poiId)));
        m_cursorCreatedAt = record.createdAt;
        m_cursorId = record.id;
        ++m_written;
    }
    // The first page always writes (BOM and header), so every page is acknowledged by one
    // written() and the next page is asked for only then.
    if (bytes.isEmpty())
        onWritten();
    else
        m_file->write(bytes);
}

void RecordExport::onWritten()
{
    emit progressed(m_written, qMax(m_total, m_written));
    if (m_lastPage)
        m_file->commit();
    else
        fetch(m_page + 1);
}

void RecordExport::fail(const Error &error)
{
    ++m_generation;
    m_running = false;
    discardFile();
    emit exportFailed(error);
}

void RecordExport::discardFile()
{
    if (!m_file)
        return;
    // Deleted once its thread has nothing left to do, so the deletion never waits.
    AsyncSaveFile *file = m_file;
    m_file.clear();
    file->disconnect(this);
    connect(file, &AsyncSaveFile::discarded, file, &QObject::deleteLater);
    file->cancel();
}
