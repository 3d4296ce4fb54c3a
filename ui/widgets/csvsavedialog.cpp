#include "ui/widgets/csvsavedialog.h"

#include <QDir>
#include <QStandardPaths>

CsvSaveDialog::CsvSaveDialog(QWidget *parent, const QString &title, const QString &baseName)
    : QFileDialog(parent, title)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    setDirectory(folder);
    selectFile(baseName + QStringLiteral(".csv"));
    setNameFilter(tr("CSV files (*.csv)"));
    setAcceptMode(QFileDialog::AcceptSave);
    setDefaultSuffix(QStringLiteral("csv"));
    setAttribute(Qt::WA_DeleteOnClose);
}
