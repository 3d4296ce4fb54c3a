#pragma once

#include <QImage>
#include <QString>

#include "core/result.h"

namespace Scan {

// A QR code of `text` as black modules on white with a four-module quiet zone
// (Grayscale8), `moduleSize` pixels per module. Used to show demo coupons on screen.
Result<QImage> qrImage(const QString &text, int moduleSize = 6);

} // namespace Scan
