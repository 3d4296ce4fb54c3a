#pragma once

#include <QTableView>

class QFontMetrics;
class VerificationTableModel;

// The records list: one row per verification in the gateway's order, newest first, one
// selected at a time. Rows have a fixed height so the view never measures them and stays
// quick however many are loaded.
class VerificationTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerificationTableView)

public:
    explicit VerificationTableView(VerificationTableModel *model, QWidget *parent = nullptr);

    // Row height and column widths for typical values in the font of `metrics`.
    void sizeForFont(const QFontMetrics &metrics);
};
