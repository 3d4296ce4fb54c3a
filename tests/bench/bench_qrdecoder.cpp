#include <algorithm>
#include <cmath>
#include <vector>

#include <QElapsedTimer>
#include <QTest>

#include "core/scan/qrdecoder.h"
#include "tests/core/scan/qrtestimages.h"

using QrTestImages::Distortion;

namespace {

const QSize FRAME_SIZE(1280, 720);

// QVideoFrame::toImage() hands the camera path 32-bit premultiplied frames; timing them in
// that format includes the opacity check the decoder does on every camera frame.
QImage asCameraFrame(const QImage &image)
{
    return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

struct Frame
{
    QString label;
    QImage image;
    QString text; // empty: the frame holds no code
};

// Codes as a customer holds them up: every payload, 2.5 to 5 px per module, at different
// places on a cluttered counter, with one of the distortions of the decoder test.
QList<Frame> framesWithCode()
{
    QList<Frame> frames;
    const auto payloads = QrTestImages::payloads();
    const auto distortions = QrTestImages::distortions();
    for (int i = 0; i < 48; ++i) {
        const auto &payload = payloads.at(i % payloads.size());
        const auto &[name, distortion] = distortions.at(i % distortions.size());
        QImage code = QrTestImages::distorted(payload.text, distortion);
        if (distortion != Distortion::InFrame && distortion != Distortion::Small) {
            // distorted() draws at 4 px per module; scale to 2.5..5.
            const double scale = 0.625 + 0.625 * ((i * 7) % 5) / 4.0;
            code = code.scaled(code.size() * scale, Qt::IgnoreAspectRatio,
                               Qt::SmoothTransformation);
        }
        const QImage frame = code.size() == FRAME_SIZE
                ? code
                : QrTestImages::inFrame(code, quint32(100 + i), 0.3 + 0.4 * ((i * 3) % 5) / 4.0,
                                        0.35 + 0.3 * ((i * 5) % 3) / 2.0, FRAME_SIZE);
        frames.append(
                {QStringLiteral("%1, %2").arg(QLatin1String(payload.name), QLatin1String(name)),
                 asCameraFrame(frame), payload.text});
    }
    return frames;
}

QList<Frame> framesWithoutCode()
{
    QList<Frame> frames;
    for (quint32 seed = 1; seed <= 4; ++seed) {
        frames.append({QStringLiteral("counter %1").arg(seed),
                       asCameraFrame(QrTestImages::clutteredBackground(FRAME_SIZE, seed)),
                       {}});
        frames.append({QStringLiteral("photo %1").arg(seed),
                       asCameraFrame(QrTestImages::photoFrame(seed, FRAME_SIZE)),
                       {}});
        frames.append({QStringLiteral("text %1").arg(seed),
                       asCameraFrame(QrTestImages::textFrame(seed, FRAME_SIZE)),
                       {}});
        frames.append({QStringLiteral("noise %1").arg(seed),
                       asCameraFrame(QrTestImages::noiseFrame(seed, FRAME_SIZE)),
                       {}});
        frames.append({QStringLiteral("bars %1").arg(seed),
                       asCameraFrame(QrTestImages::barsFrame(seed, FRAME_SIZE)),
                       {}});
    }
    frames.append({QStringLiteral("gradient"), asCameraFrame(QrTestImages::gradientFrame()), {}});
    return frames;
}

// Beyond the test's levels: where the decoder starts to fail. Its floor is what ZXing reads of
// it today, so a decoder change that reads less fails here rather than in a shop.
QList<Frame> hardSet()
{
    QList<Frame> frames;
    using namespace QrTestImages;
    for (const auto &payload : payloads()) {
        const QString &text = payload.text;
        const QImage code = qrImage(text, 4);
        const auto add = [&](const char *what, const QImage &image) {
            frames.append(
                    {QStringLiteral("%1, %2").arg(QLatin1String(payload.name), QLatin1String(what)),
                     image, text});
        };
        add("noise sigma 40", withNoise(code, 40, 3));
        add("moire 0.4", withMoire(code, 0.4));
        add("contrast 130-150", withContrast(code, 130, 150));
        add("rotated 15 + blur", blurred(rotated(code, 15), 1));
        add("rotated 40", rotated(code, 40));
        add("2 px per module in frame",
            inFrame(qrImage(text, 8).scaled(code.size() / 2, Qt::IgnoreAspectRatio,
                                            Qt::SmoothTransformation),
                    21));
        add("jpeg q10", jpegRoundTrip(code, 10));
        add("blur radius 2", blurred(code, 2));
        add("mirrored", code.mirrored(true, false));
        add("low contrast + noise in frame",
            inFrame(withNoise(withContrast(qrImage(text, 3), 90, 170), 12, 5), 22));
    }
    return frames;
}

struct Stats
{
    double median = 0;
    double p95 = 0;
};

Stats statsOf(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) {
        // Nearest rank.
        const auto rank = std::max<size_t>(1, size_t(std::ceil(q * double(ms.size()))));
        return ms.at(rank - 1);
    };
    return {at(0.5), at(0.95)};
}

} // namespace

class bench_QrDecoder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_withCode = framesWithCode();
        m_withoutCode = framesWithoutCode();
    }

    void timePerFrame_data()
    {
        QTest::addColumn<bool>("withCode");
        QTest::newRow("1280x720 with code") << true;
        QTest::newRow("1280x720 without code") << false;
    }

    // Median and p95 over many different frames, which QBENCHMARK's mean does not give.
    void timePerFrame()
    {
        QFETCH(bool, withCode);
        const QList<Frame> &frames = withCode ? m_withCode : m_withoutCode;
        const QrDecoder decoder;
        std::vector<double> ms;
        int correct = 0;
        const int rounds = 3;
        for (int round = 0; round < rounds; ++round) {
            for (const Frame &frame : frames) {
                QElapsedTimer timer;
                timer.start();
                const auto decoded = decoder.decode(frame.image);
                ms.push_back(timer.nsecsElapsed() / 1e6);
                if (decoded.ok() ? decoded.value().text == frame.text : frame.text.isEmpty())
                    ++correct;
            }
        }
        const Stats stats = statsOf(ms);
        const auto slowest = std::max_element(ms.begin(), ms.end()) - ms.begin();
        qInfo("%s: median %.1f ms, p95 %.1f ms over %d decodes of %d frames (slowest %.1f ms: "
              "%s); %s %.1f%%",
              QTest::currentDataTag(), stats.median, stats.p95, int(ms.size()), int(frames.size()),
              ms.at(slowest), qPrintable(frames.at(int(slowest % frames.size())).label),
              withCode ? "decoded" : "correctly empty", 100.0 * correct / double(ms.size()));
        // Misses are decodeRate's business; a false positive is a failure anywhere.
        if (!withCode)
            QCOMPARE(correct, int(ms.size()));
    }

    void decodeRate_data()
    {
        QTest::addColumn<QList<Frame>>("frames");
        // Floors are frame counts, as measured with Debian 12's ZXing 1.4: the frames
        // are generated from fixed seeds and decoding is deterministic, so any drop is real.
        // Raise a floor when the decoder gets better, never lower it to make a change pass.
        QTest::addColumn<int>("required");

        QList<Frame> testSet;
        for (const auto &payload : QrTestImages::payloads()) {
            for (const auto &[name, distortion] : QrTestImages::distortions()) {
                testSet.append({QStringLiteral("%1, %2").arg(QLatin1String(payload.name),
                                                             QLatin1String(name)),
                                QrTestImages::distorted(payload.text, distortion), payload.text});
            }
        }
        const qsizetype all = testSet.size();
        QTest::newRow("distortion set of tst_qrdecoder") << testSet << int(all);
        // 2.5 px per module combined with a 35 degree tilt or a faint screen in a bright
        // scene is at the edge of what ZXing 1.4 reads: today it misses 3 of the 48 (two
        // perspective, one low contrast).
        QTest::newRow("camera frames") << m_withCode << 45;
        // Today 28 of 40: contrast 130-150 and blur radius 2 defeat it for every payload,
        // mirrored for two, noise sigma 40 and moire 0.4 for the short link.
        QTest::newRow("harder distortions") << hardSet() << 28;
    }

    void decodeRate()
    {
        QFETCH(QList<Frame>, frames);
        QFETCH(int, required);
        const QrDecoder decoder;
        int decoded = 0;
        QStringList missed;
        for (const Frame &frame : frames) {
            const auto result = decoder.decode(frame.image);
            if (result.ok() && result.value().text == frame.text)
                ++decoded;
            else
                missed << frame.label;
        }
        const double rate = 100.0 * decoded / double(frames.size());
        qInfo("%s: %d/%d decoded (%.1f%%)", QTest::currentDataTag(), decoded, int(frames.size()),
              rate);
        if (!missed.isEmpty())
            qInfo("  missed: %s", qPrintable(missed.join(QStringLiteral("; "))));
        QVERIFY2(decoded >= required,
                 qPrintable(QStringLiteral("%1 of %2 frames decoded, the floor is %3")
                                    .arg(decoded)
                                    .arg(frames.size())
                                    .arg(required)));
    }

    void meanWithCode()
    {
        const QrDecoder decoder;
        const QImage frame = m_withCode.at(11).image;
        QBENCHMARK {
            const auto decoded = decoder.decode(frame);
            QVERIFY(decoded.ok());
        }
    }

    void meanWithoutCode()
    {
        const QrDecoder decoder;
        const QImage frame = m_withoutCode.at(0).image;
        QBENCHMARK {
            const auto decoded = decoder.decode(frame);
            QVERIFY(!decoded.ok());
        }
    }

private:
    QList<Frame> m_withCode;
    QList<Frame> m_withoutCode;
};

QTEST_GUILESS_MAIN(bench_QrDecoder)
#include "bench_qrdecoder.moc"
