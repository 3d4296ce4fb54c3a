#include "ui/pages/lanapisection.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/config/hostport.h"
#include "ui/style.h"

namespace {

const QString ALL_NETWORKS = QStringLiteral("0.0.0.0");
const QString THIS_COMPUTER = QStringLiteral("127.0.0.1");

} // namespace

LanApiSection::LanApiSection(QWidget *parent) : QGroupBox(parent), m_hostRow(this), m_portRow(this)
{
    buildUi();
    connect(m_apiEnabled, &QCheckBox::toggled, this, &LanApiSection::edited);
    connect(m_host, &QComboBox::currentIndexChanged, this, &LanApiSection::edited);
    connect(m_port, &QSpinBox::valueChanged, this, &LanApiSection::edited);
}

void LanApiSection::buildUi()
{
    m_apiEnabled = new QCheckBox(this);
    m_apiEnabled->setObjectName(QStringLiteral("apiEnabledBox"));
    m_apiEnabledNote = SettingsRow::hintLabel(this);
    m_apiEnabledNote->hide();
    m_host = new QComboBox(this);
    m_host->setObjectName(QStringLiteral("hostCombo"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setMinimumWidth(110);
    m_apiState = SettingsRow::selectableLabel(this);
    m_apiState->setObjectName(QStringLiteral("apiState"));
    m_restartHint = SettingsRow::hintLabel(this);

    auto *grid = SettingsRow::formGrid();
    int row = 0;
    m_hostRow.addTo(grid, row, m_host);
    m_portRow.addTo(grid, row, m_port, Qt::AlignLeft);
    m_layout = new QVBoxLayout(this);
    m_layout->setSpacing(8);
    m_layout->addWidget(m_apiEnabled);
    m_layout->addWidget(m_apiEnabledNote);
    m_layout->addLayout(grid);
    m_layout->addWidget(m_apiState);
    m_layout->addWidget(m_restartHint);
}

void LanApiSection::addPart(QWidget *part)
{
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_layout->addWidget(line);
    m_layout->addWidget(part);
}

void LanApiSection::showSnapshot(const SettingsSnapshot &snapshot)
{
    const QSignalBlocker blockApi(m_apiEnabled);
    const QSignalBlocker blockPort(m_port);
    m_apiEnabled->setChecked(SettingsRow::value(snapshot, Setting::ApiEnabled) == u"true");
    const auto listen = HostPort::parse(SettingsRow::value(snapshot, Setting::Listen));
    fillHostCombo(listen.ok() ? listen.value().host : ALL_NETWORKS);
    m_port->setValue(listen.ok() ? listen.value().port : 0);
}

void LanApiSection::fillHostCombo(const QString &host)
{
    const QSignalBlocker block(m_host);
    m_host->clear();
    m_host->addItem(tr("Every device on the store network"), ALL_NETWORKS);
    m_host->addItem(tr("Only this computer"), THIS_COMPUTER);
    if (host != ALL_NETWORKS && host != THIS_COMPUTER && !host.isEmpty())
        //: A listening address typed into the settings file, e.g. 192.168.1.5
        m_host->addItem(tr("Only the address %1").arg(host), host);
    m_host->setCurrentIndex(std::max(0, m_host->findData(host)));
}

void LanApiSection::updateLocks(const SettingsSnapshot &snapshot)
{
    const bool listenLocked = m_hostRow.showLock(snapshot, Setting::Listen, m_host);
    m_port->setEnabled(!listenLocked);
    if (!listenLocked)
        m_hostRow.note()->hide();
    m_portRow.note()->hide();

    const bool apiLocked = SettingsRow::isLocked(snapshot, Setting::ApiEnabled);
    m_apiEnabled->setEnabled(!apiLocked);
    m_apiEnabledNote->setVisible(apiLocked);
    m_apiEnabledNote->setText(SettingsRow::overrideNote(snapshot, Setting::ApiEnabled));
    m_apiEnabledNote->setStyleSheet(Style::label(Style::Colour::Locked));
}

void LanApiSection::updateState(const SettingsSnapshot &snapshot)
{
    const bool apiOn = m_apiEnabled->isChecked();
    const bool listenLocked = SettingsRow::isLocked(snapshot, Setting::Listen);
    m_host->setEnabled(apiOn && !listenLocked);
    m_port->setEnabled(apiOn && !listenLocked);
    if (snapshot.api)
        m_apiState->setText(tr("Running now at %1").arg(snapshot.api->toUrl()));
    else if (!snapshot.started)
        m_apiState->setText(tr("The gateway is starting…"));
    else
        m_apiState->setText(tr("Not running now."));
}

QString LanApiSection::apiEnabledText() const
{
    return m_apiEnabled->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
}

QString LanApiSection::listenText() const
{
    return HostPort{m_host->currentData().toString(), quint16(m_port->value())}.toString();
}

bool LanApiSection::hasUnsavedChanges(const SettingsSnapshot &snapshot) const
{
    return SettingsRow::isEdited(snapshot, Setting::ApiEnabled, apiEnabledText())
            || SettingsRow::isEdited(snapshot, Setting::Listen, listenText());
}

void LanApiSection::addChanges(const SettingsSnapshot &snapshot, SettingsUpdate &update) const
{
    if (const QString shown = apiEnabledText();
        SettingsRow::isEdited(snapshot, Setting::ApiEnabled, shown))
        update.values.insert(Setting::ApiEnabled, shown);
    if (const QString shown = listenText(); SettingsRow::isEdited(snapshot, Setting::Listen, shown))
        update.values.insert(Setting::Listen, shown);
}

void LanApiSection::retranslateUi()
{
    setTitle(tr("Service for other devices (LAN API)"));
    m_apiEnabled->setText(tr("Let other devices in the store verify coupons through this "
                             "computer"));
    m_hostRow.caption()->setText(tr("Who can connect"));
    m_portRow.caption()->setText(tr("Port"));
    //: Port 0 in the port field: the system picks a free port at each start
    m_port->setSpecialValueText(tr("any free port"));
    m_restartHint->setText(tr("Changes here take effect the next time dy-gateway starts."));
    fillHostCombo(m_host->count() > 0 ? m_host->currentData().toString() : ALL_NETWORKS);
}
