#pragma once

#include <QPolygon>
#include <QString>

// One code found in an image. A plain value, so it can travel through queued signals.
struct DecodedCode
{
    QString text; // the payload exactly as encoded (UTF-8 decoded), never trimmed
    QString format; // ZXing's symbology name: "QRCode" or "Code128"
    // Corners (top-left, top-right, bottom-right, bottom-left of the code itself) in the
    // pixel coordinates of the image the caller passed in, even when it was shrunk to decode.
    QPolygon position;
};
