#include "ui/widgets/gatewaychooser.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

GatewayChooser::GatewayChooser(QWidget *parent)
    : QWidget(parent),
      m_label(new QLabel(this)),
      m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("gatewayFilter"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->addItem(QString(), QString());
    m_label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, &GatewayChooser::gatewayChanged);
    retranslateUi();
    hide();
}

void GatewayChooser::setNames(const QStringList &names)
{
    const QString chosen = gatewayName();
    m_names = names;
    while (m_combo->count() > 1)
        m_combo->removeItem(1);
    for (const QString &name : names)
        m_combo->addItem(name, name);
    setGatewayName(chosen);
    setVisible(!names.isEmpty());
    if (gatewayName() != chosen)
        emit gatewayChanged();
}

QString GatewayChooser::gatewayName() const
{
    return m_combo->currentData().toString();
}

void GatewayChooser::setGatewayName(const QString &name)
{
    m_combo->setCurrentIndex(qMax(0, m_combo->findData(name)));
}

void GatewayChooser::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void GatewayChooser::retranslateUi()
{
    //: Filter: which gateway (till) of a chain made the records
    m_label->setText(tr("&Gateway:"));
    m_combo->setItemText(0, tr("All gateways"));
    m_combo->setToolTip(tr("Show the records of one gateway (till) of the chain"));
}
