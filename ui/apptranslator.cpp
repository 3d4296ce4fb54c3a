#include "ui/apptranslator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

QTranslator *AppTranslator::s_ours = nullptr;
QTranslator *AppTranslator::s_qt = nullptr;

bool AppTranslator::isChinese(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    return locale.language() == QLocale::Chinese;
}

void AppTranslator::apply(const QString &language)
{
    // Owned by the application object, so they outlive every widget that uses them.
    if (!s_ours) {
        s_ours = new QTranslator(QCoreApplication::instance());
        s_qt = new QTranslator(QCoreApplication::instance());
        if (!s_ours->load(QString::fromLatin1(QM_FILE)))
            qWarning("AppTranslator: %s is missing", QM_FILE);
        // Absent on systems without Qt's translations; our own strings still show in Chinese.
        (void)s_qt->load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"),
                         QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    }
    // Installing twice would list a translator twice; removing first keeps one of each.
    QCoreApplication::removeTranslator(s_qt);
    QCoreApplication::removeTranslator(s_ours);
    if (!isChinese(language))
        return;
    if (!s_ours->isEmpty())
        QCoreApplication::installTranslator(s_ours);
    if (!s_qt->isEmpty())
        QCoreApplication::installTranslator(s_qt);
}
