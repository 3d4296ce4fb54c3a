#include "core/scan/qrdecoder.h"

#include <algorithm>
#include <exception>

#include <QPainter>

#include <ZXing/ReadBarcode.h>

#include "core/logging/categories.h"

namespace {

// QR for the Douyin app's coupon codes and links. Code 128 is what receipt printers and
// voucher tools use for a printed numeric code, and reading it costs little. EAN/UPC are left
// out on purpose: every product on the counter carries one, and a product barcode in view
// must not turn into a bogus coupon code.
constexpr ZXing::BarcodeFormats FORMATS =
        ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::Code128;

ZXing::DecodeHints hints(ZXing::BarcodeFormats formats, ZXing::Binarizer binarizer)
{
    ZXing::DecodeHints hints;
    hints.setFormats(formats);
    hints.setBinarizer(binarizer);
    hints.setTryHarder(true);
    // A phone held sideways or upside down in front of the camera is the normal case.
    hints.setTryRotate(true);
    hints.setMaxNumberOfSymbols(1);
    return hints;
}

// The local binarizer copes with shadows and uneven light, but it turns the dark modules of
// a uniformly faint code (a dimmed screen, glare, a greyed-out screenshot) white, and strong
// screen moiré breaks it up. A global threshold reads those. It runs only when the first pass
// found nothing and only for QR: the 1D readers already threshold each line globally.
const ZXing::DecodeHints FIRST_PASS = hints(FORMATS, ZXing::Binarizer::LocalAverage);
const ZXing::DecodeHints SECOND_PASS =
        hints(ZXing::BarcodeFormat::QRCode, ZXing::Binarizer::GlobalHistogram);

// The formats ZXing can read in place; everything else is converted once to Grayscale8.
ZXing::ImageFormat viewFormatOf(QImage::Format format)
{
    switch (format) {
    case QImage::Format_Grayscale8:
        return ZXing::ImageFormat::Lum;
    case QImage::Format_RGB32:
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        // 0xAARRGGBB as a native 32-bit word.
        return Q_BYTE_ORDER == Q_LITTLE_ENDIAN ? ZXing::ImageFormat::BGRX
                                               : ZXing::ImageFormat::XRGB;
    case QImage::Format_RGBX8888:
    case QImage::Format_RGBA8888:
    case QImage::Format_RGBA8888_Premultiplied:
        return ZXing::ImageFormat::RGBX;
    case QImage::Format_RGB888:
        return ZXing::ImageFormat::RGB;
    case QImage::Format_BGR888:
        return ZXing::ImageFormat::BGR;
    default:
        return ZXing::ImageFormat::None;
    }
}

// Cheaper than painting every camera frame: most frames with an alpha format are opaque.
bool isOpaque(const QImage &image)
{
    switch (image.format()) {
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        for (int y = 0; y < image.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            if (!std::all_of(line, line + image.width(),
                             [](QRgb pixel) { return qAlpha(pixel) == 0xff; }))
                return false;
        }
        return true;
    case QImage::Format_RGBA8888:
    case QImage::Format_RGBA8888_Premultiplied:
        for (int y = 0; y < image.height(); ++y) {
            const uchar *line = image.constScanLine(y);
            for (int x = 0; x < image.width(); ++x) {
                if (line[4 * x + 3] != 0xff)
                    return false;
            }
        }
        return true;
    default:
        return !image.hasAlphaChannel();
    }
}

// ZXing ignores alpha, and the transparent pixels of a generated PNG usually hold black: the
// code would vanish into its own background. Seen on white, as a person sees it, it does not.
QImage flattenedOnWhite(const QImage &image)
{
    QImage flat(image.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter painter(&flat);
    painter.drawImage(0, 0, image);
    return flat;
}

} // namespace

QrDecoder::QrDecoder(int maxDimension) : m_maxDimension(std::max(1, maxDimension)) { }

Result<DecodedCode> QrDecoder::decode(const QImage &image) const
{
    if (image.isNull())
        return makeError(ErrorCode::BadInput, QStringLiteral("empty image"));

    QImage source = image; // implicitly shared: copied only if converted below
    double scale = 1.0;
    if (const int longest = std::max(image.width(), image.height()); longest > m_maxDimension) {
        // A smooth (area-averaging) shrink also damps screen moiré; a nearest-pixel one
        // would alias it into the modules.
        source = image.scaled(m_maxDimension, m_maxDimension, Qt::KeepAspectRatio,
                              Qt::SmoothTransformation);
        scale = double(source.width()) / image.width();
    }
    if (!isOpaque(source))
        source = flattenedOnWhite(source);
    ZXing::ImageFormat format = viewFormatOf(source.format());
    if (format == ZXing::ImageFormat::None) {
        source = source.convertToFormat(QImage::Format_Grayscale8);
        format = ZXing::ImageFormat::Lum;
    }

    const ZXing::ImageView view(source.constBits(), source.width(), source.height(), format,
                                int(source.bytesPerLine()));
    ZXing::Result found;
    try {
        found = ZXing::ReadBarcode(view, FIRST_PASS);
        if (!found.isValid())
            found = ZXing::ReadBarcode(view, SECOND_PASS);
    } catch (const std::exception &e) {
        qCWarning(lcScan) << "ZXing failed on a" << image.size() << "image:" << e.what();
        return makeError(ErrorCode::BadInput,
                         QStringLiteral("decoder failed: %1").arg(QString::fromUtf8(e.what())));
    }
    if (!found.isValid())
        return makeError(ErrorCode::NotFound, QStringLiteral("no code found"));

    DecodedCode code;
    code.text = QString::fromStdString(found.text());
    if (code.text.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("the code holds no text"));
    code.format = QString::fromLatin1(ZXing::ToString(found.format()));
    for (const ZXing::PointI &corner : found.position())
        code.position << QPoint(qRound(corner.x / scale), qRound(corner.y / scale));
    return code;
}
