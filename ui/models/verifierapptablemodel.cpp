#include "ui/models/verifierapptablemodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QFontDatabase>

#include "ui/style.h"

namespace {

const char *const HEADERS[VerifierAppTableModel::ColumnCount] = {
        QT_TRANSLATE_NOOP("VerifierAppTableModel", "Name"),
        //: The public id a device sends with each request
        QT_TRANSLATE_NOOP("VerifierAppTableModel", "Client key"),
        QT_TRANSLATE_NOOP("VerifierAppTableModel", "Status"),
        //: Column: whether the app may read the gateway's Douyin access token
        QT_TRANSLATE_NOOP("VerifierAppTableModel", "Reads Douyin token"),
        QT_TRANSLATE_NOOP("VerifierAppTableModel", "Last used"),
        QT_TRANSLATE_NOOP("VerifierAppTableModel", "Created"),
};

} // namespace

VerifierAppTableModel::VerifierAppTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void VerifierAppTableModel::setApps(const QList<VerifierApp> &apps)
{
    beginResetModel();
    m_apps = apps;
    endResetModel();
}

void VerifierAppTableModel::updateApp(const VerifierApp &app)
{
    const int row = rowOf(app.id);
    if (row < 0) {
        beginInsertRows(QModelIndex(), int(m_apps.size()), int(m_apps.size()));
        m_apps.append(app);
        endInsertRows();
        return;
    }
    m_apps[row] = app;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const VerifierApp *VerifierAppTableModel::app(int row) const
{
    return row >= 0 && row < m_apps.size() ? &m_apps.at(row) : nullptr;
}

int VerifierAppTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_apps.size(); ++row) {
        if (m_apps.at(row).id == id)
            return row;
    }
    return -1;
}

void VerifierAppTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_apps.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_apps.size()) - 1, ColumnCount - 1));
}

QString VerifierAppTableModel::statusText(VerifierApp::Status status)
{
    return status == VerifierApp::Status::Active ? tr("Active") : tr("Disabled");
}

QString VerifierAppTableModel::timeText(std::optional<qint64> unixMs)
{
    if (!unixMs || *unixMs <= 0)
        //: An app that has never sent a request
        return tr("Never");
    return QDateTime::fromMSecsSinceEpoch(*unixMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

int VerifierAppTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_apps.size());
}

int VerifierAppTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VerifierAppTableModel::data(const QModelIndex &index, int role) const
{
    const VerifierApp *found = app(index.row());
    if (!found || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const VerifierApp &app = *found;
    const bool disabled = app.status == VerifierApp::Status::Disabled;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return app.name;
        case ClientKey:
            return app.clientKey;
        case Status:
            return statusText(app.status);
        case TokenRead:
            return app.allowTokenRead ? tr("Yes") : tr("No");
        case LastUsed:
            return timeText(app.lastUsedAt);
        case Created:
            return timeText(app.createdAt);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status)
            return QBrush(
                    Style::colour(disabled ? Style::Colour::Failure : Style::Colour::Success));
        if (disabled)
            return QBrush(Style::colour(Style::Colour::Inactive));
        return {};
    case Qt::FontRole:
        if (index.column() == ClientKey)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        if (index.column() == Status) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case APP_ID_ROLE:
        return app.id;
    default:
        return {};
    }
}

QVariant VerifierAppTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    return tr(HEADERS[section]);
}
