#include "core/scan/decodecommand.h"

#include <algorithm>

#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include "core/scan/qrdecoder.h"

namespace {

// QJsonObject would sort the keys; CLI.md's order (file, text, kind) is easier to read, so
// each value is encoded on its own and the object is assembled by hand.
QString jsonValue(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString resultLine(const QString &file, const QJsonValue &text, const QJsonValue &kind,
                   const QString &error = {})
{
    QString line = QStringLiteral("{\"file\":") + jsonValue(file) + QStringLiteral(",\"text\":")
            + jsonValue(text) + QStringLiteral(",\"kind\":") + jsonValue(kind);
    if (!error.isEmpty())
        line += QStringLiteral(",\"error\":") + jsonValue(error);
    return line + u'}';
}

} // namespace

namespace Scan {

int runDecodeCommand(const QStringList &files, QTextStream &out, QTextStream &err,
                     const QUrl &shortLinkBase)
{
    if (files.isEmpty()) {
        err << "decode: no image files given (usage: dy-gateway decode FILE...)" << Qt::endl;
        return DECODE_UNREADABLE;
    }

    const QrDecoder decoder;
    int exitCode = DECODE_ALL_FOUND;
    for (const QString &file : files) {
        QImageReader reader(file);
        // Phone photos store their orientation in EXIF; the code is found either way, but
        // positions then match what an image viewer shows.
        reader.setAutoTransform(true);
        const QImage image = reader.read();
        if (image.isNull()) {
            const QString reason = QStringLiteral("cannot read image: ") + reader.errorString();
            out << resultLine(file, QJsonValue::Null, QJsonValue::Null, reason) << Qt::endl;
            err << "decode: " << file << ": " << reason << Qt::endl;
            exitCode = DECODE_UNREADABLE;
            continue;
        }

        const auto decoded = decoder.decode(image);
        if (!decoded.ok()) {
            out << resultLine(file, QJsonValue::Null, QJsonValue::Null, decoded.error().message)
                << Qt::endl;
            exitCode = std::max(exitCode, DECODE_SOME_NOT_FOUND);
            continue;
        }
        const QString &text = decoded.value().text;
        const ScanPayload payload = ScanPayload::classify(text, shortLinkBase);
        out << resultLine(file, text, payload.kindName()) << Qt::endl;
    }
    return exitCode;
}

} // namespace Scan
