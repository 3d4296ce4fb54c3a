#include "ui/widgets/imagecodereader.h"

#include <QFileDialog>
#include <QImage>
#include <QImageReader>
#include <QPointer>

#include "core/scan/framedecodeworker.h"
#include "core/scan/qrdecoder.h"
#include "ui/widgets/cameraview.h"

ImageCodeReader::ImageCodeReader(CameraView *camera, QObject *parent)
    : QObject(parent),
      m_cameraWorker(new FrameDecodeWorker)
{
    m_cameraThread.setObjectName(QStringLiteral("qr-decoder"));
    m_cameraWorker->moveToThread(&m_cameraThread);
    connect(&m_cameraThread, &QThread::finished, m_cameraWorker, &QObject::deleteLater);
    m_cameraThread.start();
    // The camera does not even convert the frames the worker would drop.
    camera->setAcceptFrames([worker = m_cameraWorker] { return !worker->isBusy(); });
    connect(camera, &CameraView::frameCaptured, m_cameraWorker, &FrameDecodeWorker::decodeFrame);
    connect(m_cameraWorker, &FrameDecodeWorker::codeDecoded, this, &ImageCodeReader::codeRead);
}

ImageCodeReader::~ImageCodeReader()
{
    m_cameraThread.quit();
    m_cameraThread.wait();
}

void ImageCodeReader::readImage(const QImage &image)
{
    if (image.isNull()) {
        emit failed(tr("That image cannot be read."));
        return;
    }
    emit reading();
    QPointer<ImageCodeReader> self(this);
    QThread *thread = QThread::create([self, image] {
        const auto decoded = QrDecoder().decode(image);
        QMetaObject::invokeMethod(qApp, [self, decoded] {
            if (!self)
                return;
            if (decoded.ok())
                emit self->codeRead(decoded.value().text);
            else
                emit self->failed(tr("No QR code found in that image."));
        });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void ImageCodeReader::readFile(QWidget *dialogParent)
{
    const QString file = QFileDialog::getOpenFileName(
            dialogParent, tr("Open a screenshot of the coupon"), QString(),
            tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)"));
    if (file.isEmpty())
        return;
    QImageReader reader(file);
    reader.setAutoTransform(true);
    readImage(reader.read());
}
