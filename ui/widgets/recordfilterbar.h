#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QPair>
#include <QWidget>

#include "core/store/verificationqueries.h"
#include "core/store/verificationrecord.h"
#include "ui/widgets/daterangepicker.h"

class GatewayChooser;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;

// The filters above the records list: dates, status, platform, store, app, the gateway (chain
// mode), and a search for exact codes and numbers. Each control applies at once: filterChanged().
class RecordFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordFilterBar)

public:
    using DateRange = DateRangePicker::Range;

    explicit RecordFilterBar(QWidget *parent = nullptr);

    VerificationFilter filter() const;
    // Buttons about the records shown (details, export) go at the right of the search row.
    void addButton(QPushButton *button);

    void setDateRange(DateRange range);
    void setCustomDates(const QDate &from, const QDate &to);
    void setStatus(std::optional<VerificationRecord::Status> status);
    void setPlatform(std::optional<PlatformId> platform);
    void setPoi(const QString &poiId);
    void setApp(std::optional<qint64> appId);
    void setSearchText(const QString &text);
    void clear();
    void focusSearch();

    // The choices of the store and app filters; poi id → name, and (id, name) without this till.
    void setPoiNames(const QHash<QString, QString> &poiNames);
    void setApps(const QList<QPair<qint64, QString>> &apps);
    // Chain mode: the gateways to choose from (the chooser stays hidden while empty).
    void setGatewayNames(const QStringList &names);

signals:
    void filterChanged();
    // The search box was emptied (its clear button); whether that changes the filter is for
    // whoever last applied it.
    void searchEmptied();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslateUi();

    QLabel *m_datesLabel;
    DateRangePicker *m_dates;
    QLabel *m_statusLabel;
    QComboBox *m_status;
    QLabel *m_platformLabel;
    QComboBox *m_platform;
    QLabel *m_poiLabel;
    QComboBox *m_poi;
    QLabel *m_appLabel;
    QComboBox *m_app;
    QLineEdit *m_search;
    QPushButton *m_searchButton;
    QPushButton *m_clearButton;
    GatewayChooser *m_gateway;
    QHBoxLayout *m_searchRow = nullptr;
};
