#include <chrono>
#include <memory>

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "core/scan/framedecodeworker.h"
#include "tests/core/scan/qrtestimages.h"

using namespace std::chrono_literals;

namespace {

const QString CODE_A = QStringLiteral("https://v.douyin.com/iRNBqkxx/");
const QString CODE_B = QStringLiteral("104123456789012");
const QString CODE_C = QStringLiteral("https://v.douyin.com/Zt8xQw3a/");

// A camera frame showing text, or showing nothing when text is empty.
QImage frameOf(const QString &text)
{
    if (text.isEmpty())
        return QrTestImages::clutteredBackground({640, 360}, 1);
    return QrTestImages::inFrame(QrTestImages::qrImage(text, 3), 1, 0.5, 0.5, {640, 360});
}

struct Sighting
{
    int atMs;
    QString text; // empty: a frame without a code
};

} // namespace

class tst_FrameDecodeWorker : public QObject
{
    Q_OBJECT

signals:
    void frameCaptured(const QImage &frame);

private slots:
    void repeatWindowIsTwoSeconds() { QCOMPARE(FrameDecodeWorker::REPEAT_WINDOW, 2000ms); }

    void reportsADecodedCode()
    {
        FrameDecodeWorker worker;
        QSignalSpy decoded(&worker, &FrameDecodeWorker::codeDecoded);
        QVERIFY(!worker.isBusy());

        worker.decodeFrame(frameOf(CODE_A));
        // The frame waits for this thread's event loop: the worker is busy until then.
        QVERIFY(worker.isBusy());
        QVERIFY(decoded.wait(5000));
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), CODE_A);
        QVERIFY(!worker.isBusy());
        QCOMPARE(worker.droppedFrames(), 0u);
    }

    // With the real clock: a code held in view for a few frames is reported once.
    void sameCodeOnConsecutiveFramesIsReportedOnce()
    {
        FrameDecodeWorker worker;
        QSignalSpy decoded(&worker, &FrameDecodeWorker::codeDecoded);
        const QImage frame = frameOf(CODE_A);
        for (int i = 0; i < 3; ++i) {
            worker.decodeFrame(frame);
            QTRY_VERIFY(!worker.isBusy());
        }
        QCOMPARE(decoded.count(), 1);
    }

    void repeatsAreIgnoredWithinTheWindow_data()
    {
        QTest::addColumn<QList<Sighting>>("sightings");
        QTest::addColumn<QStringList>("reported");

        QTest::newRow("again after 1.999 s: ignored")
                << QList<Sighting>{{0, CODE_A}, {1999, CODE_A}} << QStringList{CODE_A};
        QTest::newRow("again after 2 s: reported")
                << QList<Sighting>{{0, CODE_A}, {2000, CODE_A}} << QStringList{CODE_A, CODE_A};
        QTest::newRow("held in view: each sighting restarts the window")
                << QList<Sighting>{{0, CODE_A}, {1500, CODE_A}, {3000, CODE_A}, {4500, CODE_A}}
                << QStringList{CODE_A};
        QTest::newRow("out of view for 2 s, then shown again")
                << QList<Sighting>{{0, CODE_A}, {1000, {}}, {2000, CODE_A}}
                << QStringList{CODE_A, CODE_A};
        QTest::newRow("another code in between does not reset the window")
                << QList<Sighting>{{0, CODE_A}, {500, CODE_B}, {1000, CODE_A}, {1500, CODE_B}}
                << QStringList{CODE_A, CODE_B};
        QTest::newRow("two codes alternating, each past its window")
                << QList<Sighting>{{0, CODE_A}, {1000, CODE_B}, {2500, CODE_A}, {3500, CODE_B}}
                << QStringList{CODE_A, CODE_B, CODE_A, CODE_B};
        QTest::newRow("frames without a code report nothing")
                << QList<Sighting>{{0, {}}, {100, {}}} << QStringList{};
    }

    void repeatsAreIgnoredWithinTheWindow()
    {
        QFETCH(QList<Sighting>, sightings);
        QFETCH(QStringList, reported);

        auto now = std::make_shared<std::chrono::milliseconds>(0);
        FrameDecodeWorker worker;
        worker.setClock([now] { return *now; });
        QStringList texts;
        connect(&worker, &FrameDecodeWorker::codeDecoded, this,
                [&texts](const QString &text) { texts << text; });

        for (const Sighting &sighting : sightings) {
            *now = std::chrono::milliseconds(sighting.atMs);
            worker.decodeFrame(frameOf(sighting.text));
            QTRY_VERIFY(!worker.isBusy());
        }
        QCOMPARE(texts, reported);
    }

    // Frames that arrive while one waits replace it: only the newest is decoded.
    void newestWaitingFrameWins()
    {
        FrameDecodeWorker worker;
        QStringList texts;
        connect(&worker, &FrameDecodeWorker::codeDecoded, this,
                [&texts](const QString &text) { texts << text; });

        worker.decodeFrame(frameOf(CODE_A));
        worker.decodeFrame(frameOf(CODE_B));
        worker.decodeFrame(frameOf(CODE_C));
        QVERIFY(worker.isBusy());
        QCOMPARE(worker.droppedFrames(), 2u);
        QTRY_VERIFY(!worker.isBusy());
        QCOMPARE(texts, QStringList{CODE_C});
    }

    // The real set-up: frames queued from the camera's thread while the worker's thread is
    // still decoding are dropped, and the newest is decoded next.
    void dropsFramesQueuedWhileDecodingOnItsThread()
    {
        QThread thread;
        auto *worker = new FrameDecodeWorker;
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(this, &tst_FrameDecodeWorker::frameCaptured, worker,
                &FrameDecodeWorker::decodeFrame);
        QStringList texts;
        connect(worker, &FrameDecodeWorker::codeDecoded, this,
                [&texts](const QString &text) { texts << text; });
        thread.start();

        // Stands in for a long decode: the worker's thread is held until the frames are queued.
        QSemaphore decoding;
        QMetaObject::invokeMethod(worker, [&decoding] { decoding.acquire(); });
        const QList<QImage> frames{frameOf(CODE_A), frameOf(CODE_B), frameOf(CODE_C)};
        for (const QImage &frame : frames)
            emit frameCaptured(frame);
        decoding.release();

        QTRY_COMPARE(texts, QStringList{CODE_C});
        QTRY_VERIFY(!worker->isBusy());
        QCOMPARE(worker->droppedFrames(), 2u);

        // A frame offered after the worker went idle is decoded as usual.
        emit frameCaptured(frameOf(CODE_A));
        QTRY_COMPARE(texts, (QStringList{CODE_C, CODE_A}));

        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void nullFrameIsIgnored()
    {
        FrameDecodeWorker worker;
        QSignalSpy decoded(&worker, &FrameDecodeWorker::codeDecoded);
        worker.decodeFrame(QImage());
        QTRY_VERIFY(!worker.isBusy());
        QCOMPARE(decoded.count(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_FrameDecodeWorker)
#include "tst_framedecodeworker.moc"
