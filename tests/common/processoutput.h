#pragma once

#include <QProcess>
#include <QRegularExpression>

// The URL of the first stdout line of `process` that is `prefix` + "http://…" (CLI.md's
// "listening on …" lines), waiting up to 20 s for each chunk; empty if none came.
inline QString waitForUrlLine(QProcess &process, const QString &prefix)
{
    QByteArray out;
    const QRegularExpression pattern("^" + QRegularExpression::escape(prefix) + "(http://\\S+)$",
                                     QRegularExpression::MultilineOption);
    while (process.waitForReadyRead(20000)) {
        out += process.readAllStandardOutput();
        const auto match = pattern.match(QString::fromUtf8(out));
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}
