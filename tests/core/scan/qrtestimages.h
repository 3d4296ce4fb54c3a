#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>

#include <QBuffer>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QRadialGradient>
#include <QRandomGenerator>
#include <QTransform>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

// Generated codes and the ways a camera or a phone screen spoils them, shared by the decoder
// test and its benchmark. Everything is drawn with QPainter's raster engine or by hand, never
// with fonts, so it runs under QCoreApplication. Every random pattern has a fixed seed.
namespace QrTestImages {

enum class Distortion {
    None,
    Rotate90,
    Rotate180,
    Rotate270,
    Rotate15, // a phone held slightly askew
    Perspective, // a phone tilted away from the camera
    Blur, // out of focus
    Noise, // a dark shop, high sensor gain
    LowContrast, // a dimmed phone screen under glare
    Small, // held far from the camera: 80 px wide, or 2.5 px per module for dense codes
    InFrame, // a 1280x720 camera frame with a cluttered background
    Moire, // a phone screen filmed: its pixel grid beats with the camera's
    Jpeg, // a screenshot sent through a chat app
};

struct Sample
{
    const char *name;
    QString text;
};

// The payloads a till sees (DOUYIN.md section 8), plus non-ASCII text for the UTF-8 path.
inline QList<Sample> payloads()
{
    QString objectId;
    QRandomGenerator random(20240501);
    const QString alphabet =
            QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    for (int i = 0; i < 240; ++i)
        objectId += alphabet.at(random.bounded(int(alphabet.size())));
    return {
            {"short link", QStringLiteral("https://v.douyin.com/iRNBqkxx/")},
            {"numeric code", QStringLiteral("104123456789012")},
            {"object_id url",
             QStringLiteral("https://www.douyin.com/life/coupon?object_id=") + objectId
                     + QStringLiteral("&enter_from=qrcode&utm_source=share")},
            {"chinese text",
             QString::fromUtf8("抖音团购券 · 双人套餐 · 券码 1041 2345 6789 012 · 到店核销")},
    };
}

inline bool isLatin1(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x100; });
}

// One pixel per module, no quiet zone.
inline ZXing::BitMatrix qrMatrix(const QString &text)
{
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(0);
    // ASCII stays without an ECI header, like the codes the Douyin app shows; other text is
    // written as UTF-8 with its ECI, as any current generator does.
    if (!isLatin1(text))
        writer.setEncoding(ZXing::CharacterSet::UTF8);
    return writer.encode(text.toStdString(), 0, 0);
}

inline int modulesOf(const QString &text)
{
    return qrMatrix(text).width();
}

// Black modules on white with a quiet zone of four modules, as Grayscale8.
inline QImage render(const ZXing::BitMatrix &matrix, int moduleSize, int quietModules = 4)
{
    const int side = (matrix.width() + 2 * quietModules) * moduleSize;
    QImage image(side, (matrix.height() + 2 * quietModules) * moduleSize,
                 QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < matrix.height(); ++y) {
        for (int x = 0; x < matrix.width(); ++x) {
            if (!matrix.get(x, y))
                continue;
            for (int dy = 0; dy < moduleSize; ++dy) {
                uchar *line = image.scanLine((y + quietModules) * moduleSize + dy);
                std::fill_n(line + (x + quietModules) * moduleSize, moduleSize, uchar(0));
            }
        }
    }
    return image;
}

inline QImage qrImage(const QString &text, int moduleSize = 4)
{
    return render(qrMatrix(text), moduleSize);
}

// 1D codes for the format choice: Code 128 is read, a product's EAN-13 must not be.
inline QImage linearImage(ZXing::BarcodeFormat format, const QString &text, int height = 120)
{
    ZXing::MultiFormatWriter writer(format);
    writer.setMargin(0);
    const ZXing::BitMatrix bars = writer.encode(text.toStdString(), 0, 1);
    const int moduleSize = 3;
    const int quiet = 12 * moduleSize;
    QImage image(bars.width() * moduleSize + 2 * quiet, height + 2 * quiet,
                 QImage::Format_Grayscale8);
    image.fill(255);
    for (int x = 0; x < bars.width(); ++x) {
        if (!bars.get(x, 0))
            continue;
        for (int y = quiet; y < quiet + height; ++y)
            std::fill_n(image.scanLine(y) + quiet + x * moduleSize, moduleSize, uchar(0));
    }
    return image;
}

inline uchar clampToByte(double value)
{
    return uchar(std::clamp(qRound(value), 0, 255));
}

// Two box blurs approximate a Gaussian well enough for a lens out of focus.
inline QImage blurred(const QImage &source, int radius)
{
    QImage image = source.convertToFormat(QImage::Format_Grayscale8);
    const int w = image.width();
    const int h = image.height();
    std::vector<int> row(std::max(w, h));
    for (int pass = 0; pass < 2; ++pass) {
        for (int y = 0; y < h; ++y) {
            uchar *line = image.scanLine(y);
            for (int x = 0; x < w; ++x) {
                int sum = 0;
                for (int k = -radius; k <= radius; ++k)
                    sum += line[std::clamp(x + k, 0, w - 1)];
                row[x] = sum / (2 * radius + 1);
            }
            std::transform(row.begin(), row.begin() + w, line, [](int v) { return uchar(v); });
        }
        for (int x = 0; x < w; ++x) {
            for (int y = 0; y < h; ++y) {
                int sum = 0;
                for (int k = -radius; k <= radius; ++k)
                    sum += image.constScanLine(std::clamp(y + k, 0, h - 1))[x];
                row[y] = sum / (2 * radius + 1);
            }
            for (int y = 0; y < h; ++y)
                image.scanLine(y)[x] = uchar(row[y]);
        }
    }
    return image;
}

inline QImage withNoise(const QImage &source, double sigma, quint32 seed)
{
    QImage image = source.convertToFormat(QImage::Format_Grayscale8);
    QRandomGenerator random(seed);
    for (int y = 0; y < image.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            // Box-Muller: sensor noise is Gaussian.
            const double u1 = std::max(random.generateDouble(), 1e-12);
            const double u2 = random.generateDouble();
            const double gauss =
                    std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
            line[x] = clampToByte(line[x] + sigma * gauss);
        }
    }
    return image;
}

inline QImage withContrast(const QImage &source, int dark, int light)
{
    QImage image = source.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < image.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x)
            line[x] = uchar(dark + (light - dark) * line[x] / 255);
    }
    return image;
}

// A fine sinusoidal grating over the code, then a non-integer shrink that turns it into the
// coarse beat pattern seen when a camera films a screen.
inline QImage withMoire(const QImage &source, double strength = 0.3)
{
    QImage image = source.convertToFormat(QImage::Format_Grayscale8);
    const double angle = 7.0 * std::numbers::pi / 180.0;
    const double period = 2.3;
    for (int y = 0; y < image.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            const double phase = (x * std::cos(angle) + y * std::sin(angle)) / period;
            const double grating = 127.5 * (1.0 + std::sin(2.0 * std::numbers::pi * phase));
            line[x] = clampToByte(line[x] * (1.0 - strength) + grating * strength);
        }
    }
    return image.scaled(image.size() * 0.77, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

inline QImage jpegRoundTrip(const QImage &source, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    source.save(&buffer, "JPG", quality);
    return QImage::fromData(bytes, "JPG");
}

// Draws source through transform onto a white canvas big enough for the result.
inline QImage transformedOnWhite(const QImage &source, const QTransform &transform)
{
    const QRect bounds = transform.mapRect(QRectF(source.rect())).toAlignedRect();
    QImage canvas(bounds.size() + QSize(40, 40), QImage::Format_Grayscale8);
    canvas.fill(255);
    QPainter painter(&canvas);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setTransform(transform * QTransform::fromTranslate(20 - bounds.x(), 20 - bounds.y()));
    painter.drawImage(0, 0, source);
    painter.end();
    return canvas;
}

inline QImage rotated(const QImage &source, qreal degrees)
{
    return transformedOnWhite(source, QTransform().rotate(degrees));
}

inline QImage tilted(const QImage &source)
{
    const qreal w = source.width();
    const qreal h = source.height();
    const QPolygonF from({QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h)});
    // The top edge 30% narrower than the bottom one: about 35 degrees of tilt.
    const QPolygonF to({QPointF(w * 0.15, h * 0.05), QPointF(w * 0.85, 0), QPointF(w, h),
                        QPointF(0, h * 0.95)});
    QTransform transform;
    QTransform::quadToQuad(from, to, transform);
    return transformedOnWhite(source, transform);
}

// A cluttered counter: light gradient, blobs, boxes, lines. Deterministic for a seed.
inline QImage clutteredBackground(QSize size, quint32 seed)
{
    QImage image(size, QImage::Format_RGB32);
    QRandomGenerator random(seed);
    QPainter painter(&image);
    QLinearGradient light(0, 0, size.width(), size.height());
    light.setColorAt(0, QColor(200, 190, 170));
    light.setColorAt(1, QColor(90, 100, 120));
    painter.fillRect(image.rect(), light);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < 40; ++i) {
        const QColor color(random.bounded(256), random.bounded(256), random.bounded(256));
        const QRectF box(random.bounded(size.width()), random.bounded(size.height()),
                         20 + random.bounded(300), 20 + random.bounded(200));
        switch (i % 3) {
        case 0: {
            QRadialGradient blob(box.center(), box.width() / 2);
            blob.setColorAt(0, color);
            blob.setColorAt(1, Qt::transparent);
            painter.setPen(Qt::NoPen);
            painter.setBrush(blob);
            painter.drawEllipse(box);
            break;
        }
        case 1:
            painter.setPen(QPen(color.darker(), 2));
            painter.setBrush(color);
            painter.drawRect(box);
            break;
        default:
            painter.setPen(QPen(color, 1 + random.bounded(6)));
            painter.drawLine(box.topLeft(), box.bottomRight());
            break;
        }
    }
    painter.end();
    return image;
}

// The code placed on a cluttered 1280x720 frame, centre at (x%, y%) of the frame.
inline QImage inFrame(const QImage &code, quint32 seed, double xFraction = 0.6,
                      double yFraction = 0.45, QSize frameSize = QSize(1280, 720))
{
    QImage frame = clutteredBackground(frameSize, seed);
    QPainter painter(&frame);
    const QPoint centre(int(frameSize.width() * xFraction), int(frameSize.height() * yFraction));
    painter.drawImage(centre - QPoint(code.width() / 2, code.height() / 2), code);
    painter.end();
    return frame;
}

inline QImage smallCode(const QString &text)
{
    // 2.5 px per module is where a camera frame still resolves modules.
    const int modules = modulesOf(text) + 8;
    const int side = std::max(80, qRound(modules * 2.5));
    return qrImage(text, 8).scaled(side, side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

inline QImage distorted(const QString &text, Distortion distortion)
{
    const QImage code = qrImage(text, 4);
    switch (distortion) {
    case Distortion::None:
        return code;
    case Distortion::Rotate90:
        return code.transformed(QTransform().rotate(90));
    case Distortion::Rotate180:
        return code.transformed(QTransform().rotate(180));
    case Distortion::Rotate270:
        return code.transformed(QTransform().rotate(270));
    case Distortion::Rotate15:
        return rotated(code, 15);
    case Distortion::Perspective:
        return tilted(code);
    case Distortion::Blur:
        return blurred(code, 1);
    case Distortion::Noise:
        return withNoise(code, 25, 7);
    case Distortion::LowContrast:
        return withContrast(code, 110, 150);
    case Distortion::Small:
        return smallCode(text);
    case Distortion::InFrame:
        return inFrame(qrImage(text, 3), 11);
    case Distortion::Moire:
        return withMoire(code);
    case Distortion::Jpeg:
        return jpegRoundTrip(code, 30);
    }
    return code;
}

inline QList<std::pair<const char *, Distortion>> distortions()
{
    return {
            {"clean", Distortion::None},
            {"rotated 90", Distortion::Rotate90},
            {"rotated 180", Distortion::Rotate180},
            {"rotated 270", Distortion::Rotate270},
            {"rotated 15", Distortion::Rotate15},
            {"perspective", Distortion::Perspective},
            {"blur", Distortion::Blur},
            {"noise", Distortion::Noise},
            {"low contrast", Distortion::LowContrast},
            {"small", Distortion::Small},
            {"in 1280x720 frame", Distortion::InFrame},
            {"screen moire", Distortion::Moire},
            {"jpeg q30", Distortion::Jpeg},
    };
}

// Frames that hold no code and must not produce one.
inline QImage noiseFrame(quint32 seed, QSize size = QSize(1280, 720))
{
    QImage image(size, QImage::Format_Grayscale8);
    QRandomGenerator random(seed);
    for (int y = 0; y < size.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < size.width(); ++x)
            line[x] = uchar(random.bounded(256));
    }
    return image;
}

inline QImage gradientFrame(QSize size = QSize(1280, 720))
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, size.width(), size.height() / 3.0);
    gradient.setColorAt(0, Qt::black);
    gradient.setColorAt(0.5, QColor(230, 120, 40));
    gradient.setColorAt(1, Qt::white);
    painter.fillRect(image.rect(), gradient);
    return image;
}

// A printed page: lines of "words" made of glyph-sized strokes, dense high-contrast detail
// of the kind that fools finder-pattern and bar searches.
inline QImage textFrame(quint32 seed, QSize size = QSize(1280, 720))
{
    QImage image(size, QImage::Format_Grayscale8);
    image.fill(250);
    QRandomGenerator random(seed);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(20, 20, 20));
    const int glyphHeight = 14;
    for (int baseline = 30; baseline < size.height() - 20; baseline += 26) {
        int x = 20 + random.bounded(40);
        while (x < size.width() - 60) {
            const int letters = 2 + random.bounded(8);
            for (int i = 0; i < letters; ++i, x += 9) {
                // A stem, maybe a bowl or a bar: enough to look like Latin or Han glyphs.
                const int stemX = x + random.bounded(6);
                painter.drawRect(stemX, baseline - glyphHeight, 2, glyphHeight);
                if (random.bounded(2))
                    painter.drawRect(x, baseline - glyphHeight / 2 - random.bounded(6), 8, 2);
                if (random.bounded(3) == 0)
                    painter.drawRect(x, baseline - 2, 8, 2);
            }
            x += 10 + random.bounded(8);
        }
    }
    painter.end();
    return image;
}

inline QImage photoFrame(quint32 seed, QSize size = QSize(1280, 720))
{
    return blurred(clutteredBackground(size, seed), 2);
}

// Random bars of random widths, the worst case for a 1D reader.
inline QImage barsFrame(quint32 seed, QSize size = QSize(1280, 720))
{
    QImage image(size, QImage::Format_Grayscale8);
    image.fill(255);
    QRandomGenerator random(seed);
    for (int x = 40; x < size.width() - 40;) {
        const int width = 1 + random.bounded(4);
        if (random.bounded(2)) {
            for (int y = 100; y < size.height() - 100; ++y)
                std::fill_n(image.scanLine(y) + x, width, uchar(0));
        }
        x += width;
    }
    return image;
}

inline QImage checkerboardFrame(QSize size = QSize(1280, 720), int cell = 6)
{
    QImage image(size, QImage::Format_Grayscale8);
    for (int y = 0; y < size.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < size.width(); ++x)
            line[x] = ((x / cell + y / cell) % 2) ? 255 : 0;
    }
    return image;
}

} // namespace QrTestImages
