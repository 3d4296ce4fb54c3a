#include "ui/pages/meituanstorelist.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/runtime/gatewayproxy.h"
#include "ui/douyinerrortext.h"
#include "ui/pages/settingsrow.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/meituanbinddialog.h"

namespace {

QString timeText(qint64 unixSeconds)
{
    return RecordText::dateTime(unixSeconds * 1000);
}

} // namespace

MeituanStoreList::MeituanStoreList(GatewayProxy *gateway, QWidget *parent)
    : QWidget(parent),
      m_gateway(gateway),
      m_intro(SettingsRow::hintLabel(this)),
      m_note(SettingsRow::hintLabel(this))
{
    m_note->setObjectName(QStringLiteral("meituanStoresNote"));
    m_note->hide();
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    m_layout->addWidget(m_intro);
    m_layout->addWidget(m_note);
    retranslateUi();
}

void MeituanStoreList::refresh()
{
    const int generation = ++m_generation;
    m_waiting = 2;
    // Douyin's list is cached by the gateway for ten minutes: asking each time costs nothing.
    m_gateway->pois(
            this, [this, generation](const Result<Douyin::PoiQueryResult, Douyin::Error> &result) {
                if (generation != m_generation)
                    return;
                if (result.ok()) {
                    m_pois.clear();
                    for (const Douyin::Poi &poi : result.value().pois)
                        m_pois.append({poi.poiId, poi.poiName});
                    m_poiError.reset();
                } else {
                    m_poiError = DouyinErrorText::describe(result.error());
                }
                arrived(generation);
            });
    m_gateway->meituanStatus(this, [this, generation](const MeituanStatus &status) {
        if (generation != m_generation)
            return;
        m_status = status;
        arrived(generation);
    });
}

void MeituanStoreList::arrived(int generation)
{
    if (generation != m_generation || --m_waiting > 0)
        return;
    m_loaded = true;
    showStores();
    emit refreshed();
}

void MeituanStoreList::showStores()
{
    QStringList ids;
    for (const auto &[id, name] : m_pois)
        ids.append(id);
    // Bound with the command line, or a store Douyin no longer lists: still Meituan's.
    for (const MeituanStatus::Store &store : m_status.stores) {
        if (!ids.contains(store.poiId))
            ids.append(store.poiId);
    }
    if (ids != m_shownIds)
        rebuildRows(ids);
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        updateRow(it.key(), it.value());
    updateNote();
}

void MeituanStoreList::rebuildRows(const QStringList &poiIds)
{
    delete m_rowsWidget;
    m_rows.clear();
    m_shownIds = poiIds;
    m_rowsWidget = new QWidget(this);
    auto *grid = new QGridLayout(m_rowsWidget);
    grid->setContentsMargins(0, 4, 0, 0);
    grid->setColumnStretch(0, 1);
    grid->setVerticalSpacing(2);
    int line = 0;
    for (const QString &poiId : poiIds) {
        Row row;
        row.name = new QLabel(m_rowsWidget);
        QFont bold = row.name->font();
        bold.setBold(true);
        row.name->setFont(bold);
        row.name->setTextFormat(Qt::PlainText);
        row.state = SettingsRow::selectableLabel(m_rowsWidget);
        row.state->setObjectName(QStringLiteral("meituanState_") + poiId);
        row.refreshError = SettingsRow::selectableLabel(m_rowsWidget);
        row.refreshError->setObjectName(QStringLiteral("meituanRefreshError_") + poiId);
        row.refreshError->setStyleSheet(Style::label(Style::Colour::Failure));
        row.bind = new QPushButton(m_rowsWidget);
        row.bind->setObjectName(QStringLiteral("meituanBindButton_") + poiId);
        row.bind->setStyleSheet(Style::button());
        connect(row.bind, &QPushButton::clicked, this, [this, poiId] { startBinding(poiId); });
        if (line > 0)
            grid->setRowMinimumHeight(line++, 8); // a gap between stores
        grid->addWidget(row.name, line, 0);
        grid->addWidget(row.bind, line, 1, 2, 1, Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(row.state, line + 1, 0);
        grid->addWidget(row.refreshError, line + 2, 0, 1, 2);
        line += 3;
        m_rows.insert(poiId, row);
    }
    m_layout->addWidget(m_rowsWidget);
    m_rowsWidget->show(); // now, not when the layout gets round to it
}

void MeituanStoreList::updateRow(const QString &poiId, const Row &row) const
{
    const QString name = nameOf(poiId);
    //: A store in the Meituan list: its name, then Douyin's store id
    row.name->setText(name == poiId ? poiId : tr("%1 (store id %2)").arg(name, poiId));
    const MeituanStatus::Store *bound = bindingOf(poiId);
    Style::Colour colour = Style::Colour::Muted;
    if (!bound) {
        row.state->setText(tr("Not bound to Meituan yet."));
    } else if (bound->tokenValidUntil > 0
               && bound->tokenValidUntil <= QDateTime::currentSecsSinceEpoch()) {
        row.state->setText(tr("Bound to Meituan store %1, but its authorization expired at %2. "
                              "Bind the store again.")
                                   .arg(bound->opBizCode, timeText(bound->tokenValidUntil)));
        colour = Style::Colour::Failure;
    } else {
        row.state->setText(tr("Bound to Meituan store %1 · authorized until %2")
                                   .arg(bound->opBizCode, timeText(bound->tokenValidUntil)));
        colour = Style::Colour::Success;
    }
    row.state->setStyleSheet(Style::label(colour));
    const bool refreshFailed = bound && !bound->refreshError.isEmpty();
    row.refreshError->setVisible(refreshFailed);
    if (refreshFailed)
        row.refreshError->setText(
                //: %1 is when, %2 Meituan's answer
                tr("Renewing the authorization failed at %1: %2. The current one still works "
                   "until it expires; if this stays, bind the store again.")
                        .arg(timeText(bound->refreshFailedAt), bound->refreshError));
    row.bind->setText(bound ? tr("Bind again") : tr("Bind Meituan store"));
    row.bind->setEnabled(m_status.configured);
}

void MeituanStoreList::updateNote()
{
    QStringList lines;
    if (m_loaded && !m_status.configured)
        lines << tr("To bind stores, enter the developer id and the sign key above, save, and "
                    "start dy-gateway again.");
    if (m_poiError)
        lines << tr("The list of stores comes from the Douyin account and could not be read:")
                        + u'\n' + *m_poiError;
    else if (m_loaded && m_shownIds.isEmpty())
        lines << tr("The Douyin account lists no stores yet.");
    m_note->setText(lines.join(u'\n'));
    m_note->setStyleSheet(Style::label(Style::Colour::Locked));
    m_note->setVisible(!lines.isEmpty());
}

void MeituanStoreList::startBinding(const QString &poiId)
{
    m_gateway->meituanAuthorizationUrl(poiId, this, [this, poiId](const QUrl &url) {
        // The manager's browser is where the store's Meituan account is signed in.
        const bool opened = QDesktopServices::openUrl(url);
        auto *dialog = new MeituanBindDialog(m_gateway, poiId, nameOf(poiId), url, opened, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &MeituanBindDialog::bound, this,
                [this](const MeituanStatus::Store &store) { emit storeBound(store.poiId); });
        // Closed either way: a bind that finished after Cancel shows as well.
        connect(dialog, &QDialog::finished, this, &MeituanStoreList::refresh);
        dialog->open(); // window-modal without a nested event loop
        emit bindDialogOpened(dialog);
    });
}

QString MeituanStoreList::nameOf(const QString &poiId) const
{
    for (const auto &[id, name] : m_pois) {
        if (id == poiId && !name.isEmpty())
            return name;
    }
    return poiId;
}

const MeituanStatus::Store *MeituanStoreList::bindingOf(const QString &poiId) const
{
    for (const MeituanStatus::Store &store : m_status.stores) {
        if (store.poiId == poiId)
            return &store;
    }
    return nullptr;
}

void MeituanStoreList::retranslateUi()
{
    m_intro->setText(tr("A store verifies Meituan and Dianping coupons once it is bound to its "
                        "Meituan store: its manager agrees on Meituan's page, then pastes the "
                        "code Meituan gives here."));
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        updateRow(it.key(), it.value());
    updateNote();
}
