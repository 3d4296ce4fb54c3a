#include "ui/widgets/storebar.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include "core/runtime/gatewayproxy.h"
#include "ui/uipreferences.h"

StoreBar::StoreBar(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_storeLabel(new QLabel(this)),
      m_store(new QComboBox(this)),
      m_operatorLabel(new QLabel(this)),
      m_operator(new QLineEdit(this))
{
    m_store->setEditable(true); // a POI id can be typed when Douyin's list is unreachable
    m_store->setMinimumWidth(280);
    m_operator->setMaximumWidth(200);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_storeLabel);
    layout->addWidget(m_store, 1);
    layout->addSpacing(24);
    layout->addWidget(m_operatorLabel);
    layout->addWidget(m_operator);

    connect(m_store, &QComboBox::currentIndexChanged, this, &StoreBar::rememberPreferences);
    connect(m_store, &QComboBox::currentIndexChanged, this, &StoreBar::storeChanged);
    connect(m_operator, &QLineEdit::editingFinished, this, &StoreBar::rememberPreferences);

    m_operator->setText(UiPreferences::value(QStringLiteral("operator")).toString());
    retranslateUi();
}

void StoreBar::loadStores()
{
    m_gateway->pois(this, [this](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
        if (!result.ok() || result.value().pois.isEmpty())
            return;
        const QString remembered = UiPreferences::value(QStringLiteral("poi")).toString();
        m_store->blockSignals(true);
        m_store->clear();
        for (const Douyin::Poi &poi : result.value().pois)
            m_store->addItem(poi.poiName, poi.poiId);
        const int index = m_store->findData(remembered);
        m_store->setCurrentIndex(index >= 0 ? index : 0);
        m_store->blockSignals(false);
        emit storeChanged();
    });
}

QString StoreBar::poiId() const
{
    const QString poiId = m_store->currentData().toString();
    return poiId.isEmpty() ? m_store->currentText().trimmed() : poiId;
}

QString StoreBar::cashier() const
{
    return m_operator->text().trimmed();
}

void StoreBar::rememberPreferences()
{
    const QVariant poi = m_store->currentData();
    UiPreferences::setValue(QStringLiteral("poi"), poi.isValid() ? poi : m_store->currentText());
    UiPreferences::setValue(QStringLiteral("operator"), m_operator->text().trimmed());
    emit edited();
}

void StoreBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StoreBar::retranslateUi()
{
    m_storeLabel->setText(tr("Store:"));
    m_operatorLabel->setText(tr("Cashier:"));
    m_operator->setPlaceholderText(tr("your name"));
}
