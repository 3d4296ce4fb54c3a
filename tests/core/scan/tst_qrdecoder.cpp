#include <thread>
#include <vector>

#include <QPainter>
#include <QTest>

#include "core/scan/qrdecoder.h"
#include "tests/core/scan/qrtestimages.h"

using QrTestImages::Distortion;

namespace {

QPointF centreOf(const QPolygon &polygon)
{
    QPointF sum;
    for (const QPoint &p : polygon)
        sum += p;
    return polygon.isEmpty() ? QPointF() : sum / polygon.size();
}

// QVERIFY2 builds its message before it checks: it must not touch error() of a success.
const char *why(const Result<DecodedCode> &decoded)
{
    static thread_local QByteArray message;
    message = decoded.ok() ? QByteArray() : decoded.error().message.toUtf8();
    return message.constData();
}

} // namespace

class tst_QrDecoder : public QObject
{
    Q_OBJECT

private slots:
    void decodesDistortedCodes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Distortion>("distortion");
        for (const auto &payload : QrTestImages::payloads()) {
            for (const auto &[name, distortion] : QrTestImages::distortions())
                QTest::addRow("%s, %s", payload.name, name) << payload.text << distortion;
        }
    }

    void decodesDistortedCodes()
    {
        QFETCH(QString, text);
        QFETCH(Distortion, distortion);
        const QImage image = QrTestImages::distorted(text, distortion);
        QVERIFY(!image.isNull());

        const auto decoded = QrDecoder().decode(image);
        QVERIFY2(decoded.ok(), why(decoded));
        QCOMPARE(decoded.value().text, text);
        QCOMPARE(decoded.value().format, QStringLiteral("QRCode"));
        QCOMPARE(decoded.value().position.size(), 4);
    }

    // Camera frames, pasted screenshots and files arrive in many formats; the ones ZXing
    // cannot view in place are converted, the ones with alpha are seen on white.
    void decodesEveryPixelFormat_data()
    {
        QTest::addColumn<QImage>("image");
        const QImage code = QrTestImages::qrImage(QStringLiteral("https://v.douyin.com/iRNBqkxx/"));
        QTest::newRow("Grayscale8") << code;
        QTest::newRow("RGB32") << code.convertToFormat(QImage::Format_RGB32);
        QTest::newRow("ARGB32 opaque") << code.convertToFormat(QImage::Format_ARGB32);
        QTest::newRow("RGBX8888") << code.convertToFormat(QImage::Format_RGBX8888);
        QTest::newRow("RGBA8888 opaque") << code.convertToFormat(QImage::Format_RGBA8888);
        QTest::newRow("RGB888") << code.convertToFormat(QImage::Format_RGB888);
        QTest::newRow("BGR888") << code.convertToFormat(QImage::Format_BGR888);
        QTest::newRow("Indexed8") << code.convertToFormat(QImage::Format_Indexed8);
        QTest::newRow("Mono") << code.convertToFormat(QImage::Format_Mono);
        QTest::newRow("Grayscale16") << code.convertToFormat(QImage::Format_Grayscale16);
        QTest::newRow("RGB16") << code.convertToFormat(QImage::Format_RGB16);

        // A generated PNG: black modules on a transparent background, whose pixels hold
        // transparent black. Without flattening the code is black on black.
        for (const QImage::Format format :
             {QImage::Format_ARGB32_Premultiplied, QImage::Format_ARGB32,
              QImage::Format_RGBA8888_Premultiplied, QImage::Format_RGBA8888}) {
            QImage transparent(code.size(), format);
            transparent.fill(Qt::transparent);
            for (int y = 0; y < code.height(); ++y) {
                for (int x = 0; x < code.width(); ++x) {
                    if (code.pixelColor(x, y).value() < 128)
                        transparent.setPixelColor(x, y, Qt::black);
                }
            }
            QTest::addRow("transparent background, format %d", int(format)) << transparent;
        }
    }

    void decodesEveryPixelFormat()
    {
        QFETCH(QImage, image);
        const auto decoded = QrDecoder().decode(image);
        QVERIFY2(decoded.ok(), why(decoded));
        QCOMPARE(decoded.value().text, QStringLiteral("https://v.douyin.com/iRNBqkxx/"));
    }

    void decodesPrintedCode128()
    {
        const QImage bars = QrTestImages::linearImage(ZXing::BarcodeFormat::Code128,
                                                      QStringLiteral("104123456789012"));
        const QrDecoder decoder;
        for (const qreal degrees : {0, 90}) {
            const auto decoded = decoder.decode(bars.transformed(QTransform().rotate(degrees)));
            QVERIFY2(decoded.ok(), why(decoded));
            QCOMPARE(decoded.value().text, QStringLiteral("104123456789012"));
            QCOMPARE(decoded.value().format, QStringLiteral("Code128"));
        }
    }

    // Every product on the counter carries an EAN-13; it must never become a coupon code.
    void ignoresProductBarcodes()
    {
        const QImage ean = QrTestImages::linearImage(ZXing::BarcodeFormat::EAN13,
                                                     QStringLiteral("6901234567892"));
        const auto decoded = QrDecoder().decode(ean);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::NotFound);
    }

    void findsNothingInFramesWithoutCode_data()
    {
        QTest::addColumn<QImage>("image");
        QImage white(1280, 720, QImage::Format_Grayscale8);
        white.fill(255);
        QImage black(1280, 720, QImage::Format_Grayscale8);
        black.fill(0);
        QTest::newRow("white") << white;
        QTest::newRow("black") << black;
        for (quint32 seed = 1; seed <= 3; ++seed) {
            QTest::addRow("noise %u", seed) << QrTestImages::noiseFrame(seed);
            QTest::addRow("printed text %u", seed) << QrTestImages::textFrame(seed);
            QTest::addRow("photo-like %u", seed) << QrTestImages::photoFrame(seed);
            QTest::addRow("random bars %u", seed) << QrTestImages::barsFrame(seed);
        }
        QTest::newRow("gradient") << QrTestImages::gradientFrame();
        QTest::newRow("checkerboard 6 px") << QrTestImages::checkerboardFrame();
        QTest::newRow("checkerboard 2 px") << QrTestImages::checkerboardFrame({1280, 720}, 2);
        QTest::newRow("cluttered counter") << QrTestImages::clutteredBackground({1280, 720}, 5);
        QTest::newRow("moire on white")
                << QrTestImages::withMoire(QImage(white).convertToFormat(QImage::Format_RGB32));
    }

    void findsNothingInFramesWithoutCode()
    {
        QFETCH(QImage, image);
        const auto decoded = QrDecoder().decode(image);
        QVERIFY2(!decoded.ok(),
                 qPrintable(QStringLiteral("false positive: ")
                            + (decoded.ok() ? decoded.value().text : QString())));
        QCOMPARE(decoded.error().code, ErrorCode::NotFound);
    }

    void nullImageIsBadInput()
    {
        const auto decoded = QrDecoder().decode(QImage());
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::BadInput);
    }

    void positionIsInFrameCoordinates()
    {
        const QString text = QStringLiteral("https://v.douyin.com/iRNBqkxx/");
        const QImage frame = QrTestImages::inFrame(QrTestImages::qrImage(text, 3), 3, 0.25, 0.7);
        const auto decoded = QrDecoder().decode(frame);
        QVERIFY2(decoded.ok(), why(decoded));
        const QPointF centre = centreOf(decoded.value().position);
        QVERIFY2(QLineF(centre, QPointF(320, 504)).length() < 6,
                 qPrintable(QStringLiteral("centre %1,%2").arg(centre.x()).arg(centre.y())));
    }

    // A 12 MP phone photo is shrunk before decoding; the position still refers to the photo.
    void largePhotoIsShrunkAndPositionMappedBack()
    {
        const QString text = QrTestImages::payloads().at(2).text; // the long object_id URL
        QImage photo = QrTestImages::clutteredBackground({4032, 3024}, 9);
        const QImage code = QrTestImages::qrImage(text, 10);
        QPainter painter(&photo);
        painter.drawImage(QPoint(3000, 2000) - QPoint(code.width() / 2, code.height() / 2), code);
        painter.end();

        const QrDecoder decoder;
        QCOMPARE(decoder.maxDimension(), QrDecoder::DEFAULT_MAX_DIMENSION);
        const auto decoded = decoder.decode(photo);
        QVERIFY2(decoded.ok(), why(decoded));
        QCOMPARE(decoded.value().text, text);
        const QPointF centre = centreOf(decoded.value().position);
        QVERIFY2(QLineF(centre, QPointF(3000, 2000)).length() < 20,
                 qPrintable(QStringLiteral("centre %1,%2").arg(centre.x()).arg(centre.y())));
    }

    void smallerMaxDimensionStillDecodes()
    {
        const QImage frame = QrTestImages::inFrame(
                QrTestImages::qrImage(QStringLiteral("104123456789012"), 6), 4);
        const auto decoded = QrDecoder(640).decode(frame);
        QVERIFY2(decoded.ok(), why(decoded));
        QCOMPARE(decoded.value().text, QStringLiteral("104123456789012"));
    }

    // One decoder serves the camera worker and a pasted image at the same time.
    void oneDecoderServesManyThreads()
    {
        const QrDecoder decoder;
        const auto samples = QrTestImages::payloads();
        std::vector<int> correct(samples.size(), 0);
        std::vector<std::thread> threads;
        for (int i = 0; i < samples.size(); ++i) {
            threads.emplace_back([&decoder, &samples, &correct, i] {
                const QImage frame =
                        QrTestImages::inFrame(QrTestImages::qrImage(samples.at(i).text, 3), i);
                for (int round = 0; round < 5; ++round) {
                    const auto decoded = decoder.decode(frame);
                    if (decoded.ok() && decoded.value().text == samples.at(i).text)
                        ++correct[i];
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        for (int count : correct)
            QCOMPARE(count, 5);
    }
};

QTEST_GUILESS_MAIN(tst_QrDecoder)
#include "tst_qrdecoder.moc"
