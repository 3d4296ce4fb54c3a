#pragma once

#include <QImage>
#include <QWidget>

class QCamera;
class QComboBox;
class QLabel;
class QMediaCaptureSession;
class QVideoFrame;
class QVideoSink;

// The live camera preview. Frames go out (throttled) for QR decoding on a worker thread; a
// machine without a camera says so here and never starts one (a camera started without a
// device feeds test colour bars under GStreamer).
class CameraView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CameraView)

public:
    static constexpr int MIN_FRAME_INTERVAL_MS = 100; // decoding 10 frames/s is plenty

    explicit CameraView(QWidget *parent = nullptr);
    ~CameraView() override;

    bool hasCamera() const;
    // Whether the consumer can take another frame; a busy decoder gets none.
    void setAcceptFrames(std::function<bool()> ready) { m_ready = std::move(ready); }

signals:
    void frameCaptured(const QImage &frame);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void listCameras();
    void startCamera(int index);
    void onFrame(const QVideoFrame &frame);
    void retranslateUi();

    QComboBox *m_chooser;
    QLabel *m_message;
    QMediaCaptureSession *m_session;
    QVideoSink *m_sink;
    QCamera *m_camera = nullptr;
    QImage m_lastFrame;
    qint64 m_lastFrameMs = 0;
    std::function<bool()> m_ready;
};
