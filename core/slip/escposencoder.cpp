#include "core/slip/escposencoder.h"

#include <algorithm>

#include <QStringEncoder>

namespace {

constexpr char ESC = 0x1b;
constexpr char GS = 0x1d;
constexpr char FS = 0x1c;
constexpr char LF = 0x0a;
constexpr int FEED_LINES_BEFORE_CUT = 4;

char alignment(SlipDocument::Line::Align align)
{
    switch (align) {
    case SlipDocument::Line::Align::Left:
        return 0;
    case SlipDocument::Line::Align::Centre:
        return 1;
    case SlipDocument::Line::Align::Right:
        return 2;
    }
    return 0;
}

QByteArray command(std::initializer_list<char> bytes)
{
    return QByteArray(bytes.begin(), qsizetype(bytes.size()));
}

// GS ( k with function code fn and its parameters: pL pH count cn (49, the QR code), fn and
// the parameters.
QByteArray qrFunction(char fn, const QByteArray &parameters)
{
    const int length = int(parameters.size()) + 2;
    QByteArray out =
            command({GS, '(', 'k', char(length & 0xff), char((length >> 8) & 0xff), 49, fn});
    return out + parameters;
}

} // namespace

EscPosEncoder::EscPosEncoder(int columns, int qrModuleSize)
    : m_columns(std::max(columns, 16)),
      m_qrModuleSize(std::clamp(qrModuleSize, 1, 16))
{
}

QByteArray EscPosEncoder::qrCode(const QByteArray &payload, int moduleSize)
{
    QByteArray out;
    out += qrFunction(65, command({50, 0})); // model 2
    out += qrFunction(67, command({char(std::clamp(moduleSize, 1, 16))})); // module size
    out += qrFunction(69, command({49})); // error correction M (15 %)
    out += qrFunction(80, QByteArray(1, '0') + payload); // store the data (m = 48)
    out += qrFunction(81, QByteArray(1, '0')); // print it
    return out;
}

Result<QByteArray> EscPosEncoder::encode(const SlipDocument &document) const
{
    QStringEncoder gb18030("GB18030");
    if (!gb18030.isValid())
        return makeError(ErrorCode::BadConfig, QStringLiteral("no GB18030 codec in this Qt"));

    // ESC @ resets the printer; FS & turns on its Chinese (double-byte) mode, which printers
    // sold in China start in anyway but others need before GB18030 text.
    QByteArray out = command({ESC, '@', FS, '&'});
    for (const SlipDocument::Line &line : document.lines) {
        out += command({ESC, 'a', alignment(line.align)});
        switch (line.kind) {
        case SlipDocument::Line::Kind::Text:
            out += command({ESC, 'E', char(line.bold ? 1 : 0)});
            out += command({GS, '!', char(line.large ? 0x11 : 0x00)});
            out += gb18030.encode(line.text);
            out += LF;
            break;
        case SlipDocument::Line::Kind::Rule:
            out += command({ESC, 'E', 0});
            out += command({GS, '!', 0});
            out += QByteArray(m_columns, '-');
            out += LF;
            break;
        case SlipDocument::Line::Kind::Qr:
            out += qrCode(line.text.toUtf8(), m_qrModuleSize);
            out += LF;
            break;
        }
    }
    // Feed past the cutter, then a partial cut (GS V 66 n: feed n more and cut).
    out += command({ESC, 'd', char(FEED_LINES_BEFORE_CUT)});
    out += command({GS, 'V', 66, 0});
    return out;
}
