#include <QTest>

#include "core/slip/escposencoder.h"
#include "core/slip/printeraddress.h"
#include "core/slip/verificationslip.h"

Q_DECLARE_METATYPE(SlipDocument)

using Align = SlipDocument::Line::Align;

namespace {

// Written out byte by byte, not with the encoder's own helpers, so a change in the encoder
// cannot change what it is compared with.
const QByteArray INIT("\x1b\x40\x1c\x26", 4); // ESC @, FS &
const QByteArray CUT("\x1b\x64\x04\x1d\x56\x42\x00", 7); // ESC d 4, GS V 66 0

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (int value : values)
        out += char(value);
    return out;
}

} // namespace

class tst_EscPosEncoder : public QObject
{
    Q_OBJECT

private slots:
    void encode_data();
    void encode();
    void lengthsAndColumns();
    void maskCode_data();
    void maskCode();
    void slipFromRecords();
    void address_data();
    void address();
};

void tst_EscPosEncoder::encode_data()
{
    QTest::addColumn<SlipDocument>("document");
    QTest::addColumn<QByteArray>("expected");

    SlipDocument chinese;
    chinese.addText(QStringLiteral("核销凭证"));
    QTest::newRow("chinese line in GB18030, left, plain")
            << chinese
            << INIT + bytes({0x1b, 0x61, 0, 0x1b, 0x45, 0, 0x1d, 0x21, 0x00})
                    + bytes({0xba, 0xcb, 0xcf, 0xfa, 0xc6, 0xbe, 0xd6, 0xa4, 0x0a}) + CUT;

    SlipDocument amount;
    amount.addText(QStringLiteral("￥99.00"), Align::Right, true, true);
    QTest::newRow("amount right, bold, double size")
            << amount
            << INIT + bytes({0x1b, 0x61, 2, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11}) + bytes({0xa3, 0xa4})
                    + QByteArray("99.00\n") + CUT;

    SlipDocument centred;
    centred.addText(QStringLiteral("Store"), Align::Centre, true);
    QTest::newRow("centred bold ascii")
            << centred
            << INIT + bytes({0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x00}) + "Store\n" + CUT;

    SlipDocument rule;
    rule.addRule();
    QTest::newRow("rule of 32 columns")
            << rule
            << INIT + bytes({0x1b, 0x61, 0, 0x1b, 0x45, 0, 0x1d, 0x21, 0}) + QByteArray(32, '-')
                    + "\n" + CUT;

    SlipDocument qr;
    qr.addQr(QStringLiteral("7300000000000000001")); // 19 bytes
    const QByteArray qrBytes = bytes({0x1b, 0x61, 1})
            // GS ( k pL pH 49 65 50 0: model 2
            + bytes({0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00})
            // GS ( k 3 0 49 67 6: module size 6
            + bytes({0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06})
            // GS ( k 3 0 49 69 49: error correction M
            + bytes({0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31})
            // GS ( k 22 0 49 80 48 + 19 bytes: store the data (pL = 19 + 3)
            + bytes({0x1d, 0x28, 0x6b, 0x16, 0x00, 0x31, 0x50, 0x30})
            + "7300000000000000001"
            // GS ( k 3 0 49 81 48: print
            + bytes({0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30}) + "\n";
    QTest::newRow("QR code, model 2, exact lengths") << qr << INIT + qrBytes + CUT;
}

void tst_EscPosEncoder::encode()
{
    QFETCH(SlipDocument, document);
    QFETCH(QByteArray, expected);
    const auto encoded = EscPosEncoder().encode(document);
    QVERIFY2(encoded.ok(), qPrintable(encoded.ok() ? QString() : encoded.error().message));
    QCOMPARE(encoded.value().toHex(' '), expected.toHex(' '));
}

// A long QR payload: the store function's length crosses 255, so pH counts.
void tst_EscPosEncoder::lengthsAndColumns()
{
    const QByteArray payload(300, 'A');
    const QByteArray qr = EscPosEncoder::qrCode(payload, 4);
    const QByteArray store = bytes({0x1d, 0x28, 0x6b, 0x2f, 0x01, 0x31, 0x50, 0x30}); // 303
    QVERIFY(qr.contains(QByteArray(store + payload)));

    SlipDocument doc;
    doc.addText(QStringLiteral("A"));
    doc.addRule();
    const auto wide = EscPosEncoder(EscPosEncoder::COLUMNS_80MM).encode(doc);
    QVERIFY(wide.ok());
    QVERIFY(wide.value().contains(QByteArray(QByteArray(48, '-') + '\n')));
    QVERIFY(!wide.value().contains(QByteArray(49, '-')));
    QVERIFY(wide.value().startsWith(INIT));
    QVERIFY(wide.value().endsWith(CUT));
}

void tst_EscPosEncoder::maskCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("masked");
    QTest::newRow("douyin 12 digits") << "102938471234"
                                      << "****1234";
    QTest::newRow("spaces trimmed") << " 5566778899 "
                                    << "****8899";
    QTest::newRow("five characters") << "12345"
                                     << "****2345";
    QTest::newRow("four characters all hidden") << "1234"
                                                << "****";
    QTest::newRow("empty") << ""
                           << "****";
}

void tst_EscPosEncoder::maskCode()
{
    QFETCH(QString, code);
    QFETCH(QString, masked);
    QCOMPARE(VerificationSlip::maskCode(code), masked);
}

void tst_EscPosEncoder::slipFromRecords()
{
    VerificationRecord a;
    a.originCode = "111122223333";
    a.productName = "双人套餐";
    a.payAmount = 9900;
    a.verifyId = "v1";
    a.verifyTime = 1700000000;
    a.verifyStatus = VerificationRecord::Status::Success;
    a.extra.insert("operator_id", "小王");
    VerificationRecord b = a;
    b.originCode = "444455556666";
    b.verifyId = "v2";

    const auto slip =
            VerificationSlip::fromRecords({a, b}, "测试门店", VerificationSlip::Kind::Success);
    QCOMPARE(slip.count, 2);
    QCOMPARE(slip.amount, std::optional<qint64>(19800));
    QCOMPARE(slip.maskedCodes, QStringList({"****3333", "****6666"}));
    QCOMPARE(slip.qrPayload, QString("v1,v2"));
    QCOMPARE(slip.cashier, QString("小王"));
    QCOMPARE(slip.verifiedAt, qint64(1700000000) * 1000);

    a.cancel.status = VerificationRecord::Cancel::Status::Cancelled;
    a.cancel.requestedBy = "店长";
    a.cancel.requestedAt = 1700000100000;
    a.cancel.cancelledAt = 1700000123000;
    const auto cancel = VerificationSlip::fromRecord(a, "测试门店");
    QCOMPARE(cancel.kind, VerificationSlip::Kind::Cancel);
    QCOMPARE(cancel.cancelledAt, std::optional<qint64>(1700000123000));
    QCOMPARE(cancel.cashier, QString("店长"));
    QCOMPARE(cancel.qrPayload, QString("v1"));
}

void tst_EscPosEncoder::address_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("ip, default port") << "192.168.1.50" << true << "192.168.1.50" << 9100;
    QTest::newRow("ip and port") << "192.168.1.50:9101" << true << "192.168.1.50" << 9101;
    QTest::newRow("name and port") << "printer.local:9100" << true << "printer.local" << 9100;
    QTest::newRow("ipv6 in brackets") << "[fe80::1]:9100" << true << "fe80::1" << 9100;
    QTest::newRow("bare ipv6") << "fe80::1" << true << "fe80::1" << 9100;
    QTest::newRow("empty") << "" << false << "" << 0;
    QTest::newRow("port zero") << "10.0.0.1:0" << false << "" << 0;
    QTest::newRow("port too big") << "10.0.0.1:70000" << false << "" << 0;
    QTest::newRow("port not a number") << "10.0.0.1:abc" << false << "" << 0;
}

void tst_EscPosEncoder::address()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto parsed = PrinterAddress::parse(text);
    QCOMPARE(parsed.ok(), ok);
    if (!ok)
        return;
    QCOMPARE(parsed.value().host, host);
    QCOMPARE(int(parsed.value().port), port);
    QCOMPARE(PrinterAddress::parse(parsed.value().toString()).value(), parsed.value());
}

QTEST_GUILESS_MAIN(tst_EscPosEncoder)
#include "tst_escposencoder.moc"
