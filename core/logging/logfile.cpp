#include "core/logging/logfile.h"

#include <cstdio>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

namespace {

LogFile *s_file = nullptr;
bool s_alsoStderr = true;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' '
            + QLatin1String(levelName(type)) + u' '
            + QLatin1String(context.category ? context.category : "default") + QStringLiteral(": ")
            + message;
    if (s_alsoStderr) {
        const QByteArray bytes = line.toLocal8Bit();
        std::fprintf(stderr, "%s\n", bytes.constData());
        std::fflush(stderr);
    }
    if (s_file)
        s_file->write(line);
}

} // namespace

LogFile::LogFile(QString path, qint64 maxBytes, int keep)
    : m_path(std::move(path)),
      m_maxBytes(maxBytes),
      m_keep(keep),
      m_file(m_path)
{
}

Result<Done> LogFile::open()
{
    QMutexLocker lock(&m_mutex);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return makeError(
                ErrorCode::Storage,
                QStringLiteral("cannot open log file %1: %2").arg(m_path, m_file.errorString()));
    return Done{};
}

void LogFile::write(const QString &line)
{
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    const QByteArray bytes = line.toUtf8() + '\n';
    if (m_file.size() + bytes.size() > m_maxBytes && m_file.size() > 0)
        rotate();
    m_file.write(bytes);
    m_file.flush();
}

void LogFile::rotate()
{
    m_file.close();
    const auto numbered = [this](int n) -> QString {
        return m_path + u'.' + QString::number(n);
    };
    QFile::remove(numbered(m_keep));
    for (int n = m_keep - 1; n >= 1; --n)
        QFile::rename(numbered(n), numbered(n + 1));
    if (m_keep > 0)
        QFile::rename(m_path, numbered(1));
    else
        QFile::remove(m_path);
    m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

void LogFile::install(LogFile *file, bool alsoStderr)
{
    s_file = file;
    s_alsoStderr = alsoStderr;
    qInstallMessageHandler(handleMessage);
}

void LogFile::uninstall()
{
    qInstallMessageHandler(nullptr);
    s_file = nullptr;
}

void LogFile::setVerbose(bool verbose)
{
    QLoggingCategory::setFilterRules(verbose ? QStringLiteral("dygw.*.debug=true")
                                             : QStringLiteral("dygw.*.debug=false"));
}
