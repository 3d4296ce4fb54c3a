#pragma once

#include <QFileDialog>

// Where to save a CSV export: a save dialog in the documents folder with a suggested file name
// and the .csv suffix, deleted when closed. open() it (window-modal, no nested event loop)
// and take fileSelected().
class CsvSaveDialog final : public QFileDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvSaveDialog)

public:
    // baseName: the suggested file name without ".csv".
    CsvSaveDialog(QWidget *parent, const QString &title, const QString &baseName);
};
