#include "ui/widgets/codeinput.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QImage>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>

#include "ui/widgets/platformtoggle.h"
#include "ui/widgets/preparepanel.h"

CodeInput::CodeInput(QWidget *parent)
    : QWidget(parent),
      m_line(new QLineEdit(this)),
      m_toggle(new PlatformToggle(this)),
      m_openImage(new QPushButton(this))
{
    QFont lineFont = m_line->font();
    lineFont.setPointSizeF(lineFont.pointSizeF() * 1.8);
    m_line->setFont(lineFont);
    m_line->setMinimumHeight(56);
    m_line->setClearButtonEnabled(true);
    m_line->installEventFilter(this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_line, 1);
    layout->addWidget(m_toggle);
    layout->addWidget(m_openImage);

    connect(m_line, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_line->text();
        m_line->clear();
        if (!text.trimmed().isEmpty())
            emit submitted(text);
        else
            emit confirmed();
    });
    connect(m_openImage, &QPushButton::clicked, this, [this] {
        emit openImageClicked();
        focusLine();
    });
    connect(m_toggle, &PlatformToggle::choiceChanged, this, &CodeInput::focusLine);
    retranslateUi();
}

void CodeInput::focusLine()
{
    m_line->setFocus();
}

void CodeInput::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (mime && mime->hasImage())
        emit imagePasted(qvariant_cast<QImage>(mime->imageData()));
    else
        m_line->paste();
}

bool CodeInput::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_line && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Paste)) {
            paste();
            return true;
        }
        if (m_countTarget && m_countTarget->isVisible() && m_line->text().isEmpty()) {
            if (key->key() == Qt::Key_Up || key->key() == Qt::Key_Plus) {
                m_countTarget->stepCount(+1);
                return true;
            }
            if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Minus) {
                m_countTarget->stepCount(-1);
                return true;
            }
        }
        if (key->key() == Qt::Key_Escape) {
            emit escaped();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CodeInput::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CodeInput::retranslateUi()
{
    m_line->setPlaceholderText(tr("Scan or type the coupon code, then Enter"));
    m_openImage->setText(tr("Open image…"));
}
