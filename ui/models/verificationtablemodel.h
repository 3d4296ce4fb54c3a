#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "core/result.h"
#include "core/store/verificationqueries.h"

class GatewayProxy;

// The records list, newest first, loaded a page at a time as the view scrolls (canFetchMore /
// fetchMore): a million matching records cost one page until someone scrolls. Rows keep no
// raw Douyin answer, the bulk of a record; the detail view asks the gateway for it.
class VerificationTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerificationTableModel)

public:
    enum Column {
        TimeColumn,
        PlatformColumn,
        StatusColumn,
        ProductColumn,
        CodeColumn,
        PayAmountColumn,
        ReceiptAmountColumn,
        StoreColumn,
        AppColumn,
        OrderStatusColumn,
        OperatorColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        PlatformRole, // int(PlatformId), in the platform column only: its badge
    };

    static constexpr int PAGE_SIZE = 100;

    explicit VerificationTableModel(GatewayProxy *gateway, QObject *parent = nullptr);

    // Drops the rows and loads the first page that matches.
    void setFilter(const VerificationFilter &filter);
    VerificationFilter filter() const { return m_filter; }
    void reload();
    // Store names for the store column, by poi id; ids are shown where a name is missing.
    void setPoiNames(const QHash<QString, QString> &names);
    QString poiName(const QString &poiId) const;
    // Headers and words again, in the language just installed.
    void retranslate();

    // Records matching the filter, all pages (known once the first page is in).
    qint64 total() const { return m_total; }
    bool isLoading() const { return m_loading; }
    const VerificationRecord &record(int row) const { return m_rows.at(row); }
    int rowOf(qint64 id) const { return m_rowById.value(id, -1); }

    // Replaces rows the gateway rewrote. Returns true if a record is newer than every row
    // shown, which only a reload can place.
    bool applyChanges(const QList<VerificationRecord> &records);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // A page arrived (rows appended, total known).
    void pageLoaded();
    void loadFailed(const Error &error);

private:
    void fetchPage();
    QString text(const VerificationRecord &record, int column) const;

    GatewayProxy *m_gateway;
    VerificationFilter m_filter;
    QHash<QString, QString> m_poiNames;
    QList<VerificationRecord> m_rows;
    QHash<qint64, int> m_rowById;
    qint64 m_total = 0;
    bool m_loading = false;
    bool m_complete = false; // a short page came back: there is nothing after it
    bool m_failed = false; // a page could not be read: no more until a reload
    int m_nextPage = 1;
    int m_generation = 0; // pages asked for before the last reset are dropped
};
