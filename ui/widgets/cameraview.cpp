#include "ui/widgets/cameraview.h"

#include <QCamera>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QPainter>
#include <QVBoxLayout>
#include <QVideoFrame>
#include <QVideoSink>

#include "ui/style.h"

CameraView::CameraView(QWidget *parent)
    : QWidget(parent),
      m_chooser(new QComboBox(this)),
      m_message(new QLabel(this)),
      m_session(new QMediaCaptureSession(this)),
      m_sink(new QVideoSink(this))
{
    setMinimumSize(320, 240);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(Style::cameraMessage());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_chooser);
    layout->addStretch();
    layout->addWidget(m_message);
    layout->addStretch();

    m_session->setVideoSink(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &CameraView::onFrame);
    connect(m_chooser, &QComboBox::currentIndexChanged, this, &CameraView::startCamera);
    listCameras();
    retranslateUi();
}

CameraView::~CameraView()
{
    if (m_camera)
        m_camera->stop();
}

bool CameraView::hasCamera() const
{
    return !QMediaDevices::videoInputs().isEmpty();
}

void CameraView::listCameras()
{
    const auto cameras = QMediaDevices::videoInputs();
    m_chooser->blockSignals(true);
    m_chooser->clear();
    for (const QCameraDevice &device : cameras)
        m_chooser->addItem(device.description());
    m_chooser->blockSignals(false);
    m_chooser->setVisible(cameras.size() > 1);
    if (!cameras.isEmpty())
        startCamera(0);
}

void CameraView::startCamera(int index)
{
    const auto cameras = QMediaDevices::videoInputs();
    if (index < 0 || index >= cameras.size())
        return;
    delete m_camera;
    m_camera = new QCamera(cameras.at(index), this);
    m_session->setCamera(m_camera);
    m_camera->start();
}

void CameraView::onFrame(const QVideoFrame &frame)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastFrameMs < MIN_FRAME_INTERVAL_MS)
        return;
    m_lastFrameMs = now;
    m_lastFrame = frame.toImage();
    update();
    if (!m_ready || m_ready())
        emit frameCaptured(m_lastFrame);
}

void CameraView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Style::colour(Style::Colour::CameraBackground));
    if (m_lastFrame.isNull())
        return;
    const QImage scaled = m_lastFrame.scaled(size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    painter.drawImage((width() - scaled.width()) / 2, (height() - scaled.height()) / 2, scaled);
}

void CameraView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CameraView::retranslateUi()
{
    if (!hasCamera()) {
        m_message->setText(tr("No camera found.\nUse the scanner gun, type the code, or paste a "
                              "screenshot (Ctrl+V)."));
    } else {
        m_message->setText(m_lastFrame.isNull() ? tr("Starting the camera…") : QString());
    }
    m_message->setVisible(!hasCamera() || m_lastFrame.isNull());
}
