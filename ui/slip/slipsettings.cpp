#include "ui/slip/slipsettings.h"

#include "ui/uipreferences.h"

namespace {

QString outputName(SlipSettings::Output output)
{
    switch (output) {
    case SlipSettings::Output::Off:
        return QStringLiteral("off");
    case SlipSettings::Output::System:
        return QStringLiteral("system");
    case SlipSettings::Output::Network:
        return QStringLiteral("network");
    }
    return QStringLiteral("off");
}

QString paperName(SlipSettings::Paper paper)
{
    switch (paper) {
    case SlipSettings::Paper::Thermal58:
        return QStringLiteral("58mm");
    case SlipSettings::Paper::Thermal80:
        return QStringLiteral("80mm");
    case SlipSettings::Paper::A4:
        return QStringLiteral("a4");
    }
    return QStringLiteral("58mm");
}

QVariant preference(const QVariantMap &preferences, const char *key)
{
    return preferences.value(QLatin1String(key));
}

} // namespace

SlipSettings SlipSettings::fromPreferences(const QVariantMap &preferences)
{
    SlipSettings settings;
    const QString output = preference(preferences, OUTPUT_KEY).toString();
    if (output == QLatin1String("system"))
        settings.output = Output::System;
    else if (output == QLatin1String("network"))
        settings.output = Output::Network;
    const QString paper = preference(preferences, PAPER_KEY).toString();
    if (paper == QLatin1String("80mm"))
        settings.paper = Paper::Thermal80;
    else if (paper == QLatin1String("a4"))
        settings.paper = Paper::A4;
    settings.printerName = preference(preferences, PRINTER_KEY).toString();
    settings.address = preference(preferences, ADDRESS_KEY).toString();
    settings.autoPrint = preference(preferences, AUTO_KEY).toBool();
    return settings;
}

SlipSettings SlipSettings::load()
{
    QVariantMap preferences;
    for (const char *key : {OUTPUT_KEY, PAPER_KEY, PRINTER_KEY, ADDRESS_KEY, AUTO_KEY}) {
        const QVariant value = UiPreferences::value(QLatin1String(key));
        if (value.isValid())
            preferences.insert(QLatin1String(key), value);
    }
    return fromPreferences(preferences);
}

QVariantMap SlipSettings::toPreferences() const
{
    return {{QLatin1String(OUTPUT_KEY), outputName(output)},
            {QLatin1String(PAPER_KEY), paperName(paper)},
            {QLatin1String(PRINTER_KEY), printerName},
            {QLatin1String(ADDRESS_KEY), address},
            {QLatin1String(AUTO_KEY), autoPrint}};
}
