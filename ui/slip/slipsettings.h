#pragma once

#include <QString>
#include <QVariantMap>

// How verification slips (核销凭证) are printed: the cashier's choice in the settings file's
// ui/ group (UiPreferences), saved by the settings page like the sounds, read when a slip is
// printed, so a change applies to the next slip.
struct SlipSettings
{
    enum class Output { Off, System, Network };
    enum class Paper { Thermal58, Thermal80, A4 };

    static constexpr auto OUTPUT_KEY = "slip_output"; // "off" | "system" | "network"
    static constexpr auto PAPER_KEY = "slip_paper"; // "58mm" | "80mm" | "a4"
    static constexpr auto PRINTER_KEY = "slip_printer"; // system printer name; "" = default
    static constexpr auto ADDRESS_KEY = "slip_address"; // ESC/POS printer, HOST[:PORT]
    static constexpr auto AUTO_KEY = "slip_auto"; // bool: after each success and cancel

    Output output = Output::Off;
    Paper paper = Paper::Thermal58;
    QString printerName;
    QString address;
    bool autoPrint = false;

    static SlipSettings fromPreferences(const QVariantMap &preferences);
    // What is saved now, from the settings file.
    static SlipSettings load();
    QVariantMap toPreferences() const;

    bool operator==(const SlipSettings &) const = default;
};
