#include "ui/pages/meituanaccountsection.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "ui/pages/meituanstorelist.h"

MeituanAccountSection::MeituanAccountSection(GatewayProxy *gateway, QWidget *parent)
    : QGroupBox(parent),
      m_developerRow(this),
      m_signKeyRow(this),
      m_baseUrlRow(this),
      m_stores(new MeituanStoreList(gateway, this))
{
    buildUi();
    for (QLineEdit *edit : {m_developerId, m_signKey, m_baseUrl})
        connect(edit, &QLineEdit::textChanged, this, &MeituanAccountSection::edited);
}

void MeituanAccountSection::buildUi()
{
    m_intro = SettingsRow::hintLabel(this);
    m_developerId = new QLineEdit(this);
    m_developerId->setObjectName(QStringLiteral("meituanDeveloperIdEdit"));
    // Meituan's developer ids are numbers; the settings file refuses anything else.
    m_developerId->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9]{0,18}")), m_developerId));
    m_signKey = new QLineEdit(this);
    m_signKey->setObjectName(QStringLiteral("meituanSignKeyEdit"));
    m_signKey->setEchoMode(QLineEdit::Password);
    m_baseUrlRow.note()->show();
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("meituanBaseUrlEdit"));
    m_restartHint = SettingsRow::hintLabel(this);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *grid = SettingsRow::formGrid();
    int row = 0;
    m_developerRow.addTo(grid, row, m_developerId);
    m_signKeyRow.addTo(grid, row, m_signKey);
    m_baseUrlRow.addTo(grid, row, m_baseUrl);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(m_intro);
    layout->addLayout(grid);
    layout->addWidget(m_restartHint);
    layout->addWidget(line);
    layout->addWidget(m_stores);
}

void MeituanAccountSection::showSnapshot(const SettingsSnapshot &snapshot)
{
    const QSignalBlocker blockId(m_developerId);
    const QSignalBlocker blockUrl(m_baseUrl);
    m_developerId->setText(SettingsRow::value(snapshot, Setting::MeituanDeveloperId));
    m_baseUrl->setText(SettingsRow::value(snapshot, Setting::MeituanBaseUrl));
    m_stores->refresh();
}

void MeituanAccountSection::updateLocks(const SettingsSnapshot &snapshot)
{
    if (!m_developerRow.showLock(snapshot, Setting::MeituanDeveloperId, m_developerId))
        m_developerRow.note()->hide();
    if (!m_baseUrlRow.showLock(snapshot, Setting::MeituanBaseUrl, m_baseUrl))
        m_baseUrlRow.note()->setText(tr("Leave this as it is unless support tells you otherwise."));
    m_signKeyRow.showSecretSource(snapshot.meituanSignKey, Setting::MeituanSignKey, m_signKey);
}

bool MeituanAccountSection::hasUnsavedChanges(const SettingsSnapshot &snapshot) const
{
    return SettingsRow::isEdited(snapshot, Setting::MeituanDeveloperId,
                                 m_developerId->text().trimmed())
            || !m_signKey->text().trimmed().isEmpty()
            || SettingsRow::isEdited(snapshot, Setting::MeituanBaseUrl,
                                     SettingsRow::normalisedUrl(m_baseUrl->text()));
}

bool MeituanAccountSection::hasValidBaseUrl(const SettingsSnapshot &snapshot)
{
    if (SettingsRow::isLocked(snapshot, Setting::MeituanBaseUrl)
        || SettingsRow::isServerUrl(SettingsRow::normalisedUrl(m_baseUrl->text())))
        return true;
    m_baseUrl->setFocus();
    return false;
}

void MeituanAccountSection::addChanges(const SettingsSnapshot &snapshot,
                                       SettingsUpdate &update) const
{
    const auto put = [&snapshot, &update](Setting setting, const QString &shown) {
        if (SettingsRow::isEdited(snapshot, setting, shown))
            update.values.insert(setting, shown);
    };
    put(Setting::MeituanDeveloperId, m_developerId->text().trimmed());
    put(Setting::MeituanBaseUrl, SettingsRow::normalisedUrl(m_baseUrl->text()));
    if (const QString key = m_signKey->text().trimmed(); !key.isEmpty())
        update.meituanSignKey = key;
}

void MeituanAccountSection::clearSignKey()
{
    m_signKey->clear();
}

void MeituanAccountSection::retranslateUi()
{
    //: Settings section of the Meituan / Dianping (美团/点评) group-buy platform
    setTitle(tr("Meituan / Dianping"));
    m_intro->setText(tr("The developer id and sign key are on your developer page in the "
                        "Meituan open platform. One developer serves every store."));
    m_developerRow.caption()->setText(tr("Developer id"));
    m_signKeyRow.caption()->setText(tr("Sign key"));
    m_baseUrlRow.caption()->setText(tr("Meituan server"));
    m_restartHint->setText(tr("Saved changes here take effect the next time dy-gateway "
                              "starts."));
    m_stores->retranslateUi();
}
