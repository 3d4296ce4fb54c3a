#include <QSet>
#include <QTest>
#include <QTranslator>

#include "ui/errortext.h"

namespace {

const QList<ErrorCode> ALL_CODES{
        ErrorCode::BadInput, ErrorCode::BadConfig, ErrorCode::NotFound,
        ErrorCode::Conflict, ErrorCode::Storage,   ErrorCode::NewerDatabase,
        ErrorCode::Crypto,   ErrorCode::Network,   ErrorCode::Timeout,
};

bool hasHan(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

} // namespace

class tst_ErrorText : public QObject
{
    Q_OBJECT

private slots:
    void everyCodeHasItsOwnText()
    {
        QSet<QString> seen;
        for (const ErrorCode code : ALL_CODES) {
            const QString text = ErrorText::title(code);
            QVERIFY(!text.isEmpty());
            QVERIFY2(!seen.contains(text), qPrintable(text));
            seen.insert(text);
        }
    }

    void chineseTranslationIsComplete()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/dygateway_zh_CN.qm")));
        QCoreApplication::installTranslator(&translator);
        for (const ErrorCode code : ALL_CODES) {
            const QString text = ErrorText::title(code);
            QVERIFY2(hasHan(text), qPrintable(text));
        }
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_GUILESS_MAIN(tst_ErrorText)
#include "tst_errortext.moc"
