#pragma once

#include <QCoreApplication>
#include <QTranslator>

// The app's Chinese translation for tests that have no DemoGateway to switch it: installed or
// removed, with the LanguageChange delivered so widgets retranslate themselves.
class UiLanguage
{
public:
    bool setChinese(bool chinese)
    {
        if (chinese) {
            if (!m_translator.load(":/i18n/dygateway_zh_CN.qm"))
                return false;
            QCoreApplication::installTranslator(&m_translator);
        } else {
            QCoreApplication::removeTranslator(&m_translator);
        }
        QCoreApplication::processEvents();
        return true;
    }

private:
    QTranslator m_translator;
};
