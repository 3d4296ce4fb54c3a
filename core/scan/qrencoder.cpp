#include "core/scan/qrencoder.h"

#include <exception>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace Scan {

Result<QImage> qrImage(const QString &text, int moduleSize)
{
    constexpr int QUIET = 4;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setMargin(0);
        writer.setEncoding(ZXing::CharacterSet::UTF8);
        const ZXing::BitMatrix matrix = writer.encode(text.toStdString(), 0, 0);
        QImage image((matrix.width() + 2 * QUIET) * moduleSize,
                     (matrix.height() + 2 * QUIET) * moduleSize, QImage::Format_Grayscale8);
        image.fill(255);
        for (int y = 0; y < matrix.height(); ++y) {
            for (int x = 0; x < matrix.width(); ++x) {
                if (!matrix.get(x, y))
                    continue;
                for (int dy = 0; dy < moduleSize; ++dy) {
                    uchar *line = image.scanLine((y + QUIET) * moduleSize + dy);
                    std::fill_n(line + (x + QUIET) * moduleSize, moduleSize, uchar(0));
                }
            }
        }
        return image;
    } catch (const std::exception &error) {
        // ZXing throws for text that does not fit a QR code.
        return makeError(
                ErrorCode::BadInput,
                QStringLiteral("cannot encode a QR code: %1").arg(QString::fromUtf8(error.what())));
    }
}

} // namespace Scan
