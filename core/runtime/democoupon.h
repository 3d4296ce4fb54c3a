#pragma once

#include <QString>
#include <QStringList>

#include "core/platform/platformid.h"

// A sandbox order shown on the demo-coupons panel: what a customer's phone would show.
struct DemoCoupon
{
    PlatformId platform = PlatformId::Douyin;
    QString orderId;
    QString poiId;
    QString poiName; // the store the coupon can be used at, as Douyin names it
    QString productName;
    QString shortLink; // absolute URL on the embedded sandbox; what the QR code carries (Douyin)
    QStringList codes; // the plain codes of its still-usable certificates (Meituan: the QR's)
    qint64 payAmount = 0; // per certificate, fen
};
