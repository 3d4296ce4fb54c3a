#pragma once

#include <QObject>
#include <QThread>

class CameraView;
class FrameDecodeWorker;
class QImage;
class QWidget;

// Turns pictures into coupon texts off the GUI thread: the camera's frames, through a worker
// that drops frames while it is busy, and single images (a pasted screenshot, a file), which
// take tens of milliseconds when large.
class ImageCodeReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageCodeReader)

public:
    explicit ImageCodeReader(CameraView *camera, QObject *parent = nullptr);
    ~ImageCodeReader() override;

    // Emits reading() then codeRead() or failed().
    void readImage(const QImage &image);
    // Asks for an image file first; nothing happens when the dialog is cancelled.
    void readFile(QWidget *dialogParent);

signals:
    void reading();
    void codeRead(const QString &text);
    void failed(const QString &message);

private:
    QThread m_cameraThread;
    FrameDecodeWorker *m_cameraWorker;
};
