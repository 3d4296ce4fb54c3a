#pragma once

#include <QString>

class QTranslator;

// Installs the Chinese translations (ours and Qt's own, for standard dialog buttons) for a
// language setting, replacing what it installed before. Installing or removing a translator
// sends QEvent::LanguageChange to every widget, so each page retranslates itself; switching
// at run time therefore needs no restart.
class AppTranslator
{
public:
    static constexpr auto QM_FILE = ":/i18n/dygateway_zh_CN.qm";

    // language: "" (the system's), "zh_CN" or "en". Needs a QCoreApplication.
    static void apply(const QString &language);
    // Whether apply(language) shows Chinese.
    static bool isChinese(const QString &language);

private:
    static QTranslator *s_ours;
    static QTranslator *s_qt;
};
