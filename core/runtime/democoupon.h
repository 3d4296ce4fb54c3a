#pragma once

#include <QString>
#include <QStringList>

// A sandbox order shown on the demo-coupons panel: what a customer's phone would show.
struct DemoCoupon
{
    QString orderId;
    QString poiId;
    QString poiName; // the store the coupon can be used at, as Douyin names it
    QString productName;
    QString shortLink; // absolute URL on the embedded sandbox; what the QR code carries
    QStringList codes; // the plain codes of its still-usable certificates
    qint64 payAmount = 0; // per certificate, fen
};
