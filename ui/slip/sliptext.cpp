#include "ui/slip/sliptext.h"

#include <QDateTime>

#include "ui/recordtext.h"

namespace {

using Align = SlipDocument::Line::Align;

QString money(std::optional<qint64> fen)
{
    // The full-width yuan sign: the half-width one (U+00A5) is not in GB2312/GBK, which many
    // thermal printers' fonts stop at, while GB18030 has both.
    return RecordText::money(fen).replace(QChar(0x00a5), QChar(0xffe5));
}

} // namespace

QString SlipText::cashier(const VerificationSlip &slip)
{
    if (!slip.cashier.isEmpty())
        return slip.cashier;
    return RecordText::appName(slip.appId, slip.cashier);
}

SlipDocument SlipText::document(const VerificationSlip &slip)
{
    const bool cancel = slip.kind == VerificationSlip::Kind::Cancel;
    SlipDocument doc;
    doc.addText(cancel ? tr("Verification cancelled (slip)") : tr("Verification slip"),
                Align::Centre, true, true);
    if (!slip.storeName.isEmpty())
        doc.addText(slip.storeName, Align::Centre, true);
    doc.addRule();
    //: Slip line; %1 is Douyin or Meituan / Dianping
    doc.addText(tr("Platform: %1").arg(RecordText::platform(slip.platform)));
    doc.addText(tr("Product: %1")
                        .arg(slip.productName.isEmpty() ? RecordText::none() : slip.productName));
    for (const QString &code : slip.maskedCodes)
        doc.addText(tr("Coupon code: %1").arg(code));
    doc.addText(tr("Quantity: %n coupon(s)", nullptr, slip.count));
    doc.addText(tr("Verified at: %1").arg(RecordText::dateTime(slip.verifiedAt)));
    if (cancel) {
        //: Slip line for a cancel (撤销核销); %1 is the time of the cancel
        doc.addText(tr("CANCELLED at: %1").arg(RecordText::dateTime(slip.cancelledAt)), Align::Left,
                    true);
    }
    doc.addText(tr("Cashier: %1").arg(cashier(slip)));
    doc.addRule();
    //: Slip line with the amount, printed large; for a cancel, the amount taken back
    doc.addText(cancel ? tr("Refunded: %1").arg(money(slip.amount))
                       : tr("Amount: %1").arg(money(slip.amount)),
                Align::Left, true, true);
    doc.addRule();
    for (const QString &verifyId : slip.verifyIds)
        doc.addText(tr("Verify ID: %1").arg(verifyId));
    if (!slip.qrPayload.isEmpty())
        doc.addQr(slip.qrPayload);
    doc.addText(cancel ? tr("This verification was cancelled. The coupon can be used again.")
                       : tr("Keep this slip. Scan the code to look up the verification."),
                Align::Centre);
    return doc;
}

VerificationSlip SlipText::sample()
{
    VerificationSlip slip;
    slip.storeName = tr("Sample store");
    slip.productName = tr("Set meal for two (sample)");
    slip.maskedCodes = {VerificationSlip::maskCode(QStringLiteral("102938475612"))};
    slip.count = 1;
    slip.amount = 9900;
    slip.verifiedAt = QDateTime::currentMSecsSinceEpoch();
    slip.cashier = tr("Cashier");
    slip.verifyIds = {QStringLiteral("7300000000000000001")};
    slip.qrPayload = slip.verifyIds.first();
    return slip;
}
