#pragma once

#include <QImage>

#include "core/result.h"
#include "core/scan/decodedcode.h"

// Finds a coupon's QR code (or a printed Code 128 barcode) in a photo, screenshot or camera
// frame. It keeps no state besides its settings, so one instance may be used from any number
// of threads at once.
class QrDecoder final
{
public:
    // ZXing's time grows with the pixel count. Camera frames up to 1080p are read as they
    // come, because a code held far from the camera needs every pixel; phone photos and
    // screenshots are shrunk to this size, where a code that fills a tenth of a 12 MP photo
    // still has about 3 px per module.
    static constexpr int DEFAULT_MAX_DIMENSION = 1920;

    explicit QrDecoder(int maxDimension = DEFAULT_MAX_DIMENSION);

    int maxDimension() const { return m_maxDimension; }

    // ErrorCode::NotFound when the image holds no readable code, BadInput for a null image
    // or when ZXing fails on it.
    Result<DecodedCode> decode(const QImage &image) const;

private:
    int m_maxDimension;
};
