#pragma once

#include <optional>

#include <QHash>
#include <QWidget>

#include "core/platform/platformid.h"
#include "core/reconcile/reconciliationquery.h"

class QComboBox;
class QDateEdit;
class QLabel;

// Which day, store and platform the reconciliation page shows: a day (yesterday at first, no
// later than today), all stores or one, 全部 / 抖音 / 美团.
class ReconciliationFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationFilterBar)

public:
    explicit ReconciliationFilterBar(QWidget *parent = nullptr);

    // Each emits changed() if the choice changes.
    void setDate(const QDate &date);
    void setPoiId(const QString &poiId);
    void setPlatform(std::optional<PlatformId> platform);
    // The stores to choose from, by poi id; a chosen store stays chosen.
    void setPoiNames(const QHash<QString, QString> &poiNames);
    ReconciliationQuery query() const;

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitDate();
    void retranslateUi();

    QLabel *m_dateLabel;
    QDateEdit *m_date;
    QLabel *m_storeLabel;
    QComboBox *m_store;
    QLabel *m_platformLabel;
    QComboBox *m_platform;
};
