#include "ui/style.h"

namespace Style {

namespace {

struct Tone
{
    const char *background;
    const char *border;
    const char *text;
    const char *padding;
};

// clang-format off
const Tone BOXES[] = {
    {"#fdebd0", "#e67e22", "#6e3b00", "8px 10px"}, // DemoBanner
    {"#fef9e7", "#f1c40f", "#5c4a00", "8px 10px"}, // RestartBanner
    {"#e9f7ef", "#27ae60", "#145a32", "8px"},      // Passed
    {"#fdedec", "#e74c3c", "#78281f", "8px"},      // Failed
    {"#fff4e5", "#f0b36b", "#7a4100", "8px"},      // Warning
};

// Background and text of the result panel, by Panel.
const char *const PANELS[] = {
    "background: #f4f6f8; color: #5f6b76;", // Idle
    "background: #eaf2fb; color: #1f5f99;", // Working
    "background: #1e9e4a; color: white;",   // Success
    "background: #d63031; color: white;",   // Failure
    "background: #f39c12; color: white;",   // Checking
    "background: #6c5b7b; color: white;",   // Cancelled
};
// clang-format on

} // namespace

QColor colour(Colour colour)
{
    return QColor(QRgb(colour));
}

QString label(Colour colour)
{
    return QStringLiteral("QLabel { color: %1; }").arg(Style::colour(colour).name());
}

QString box(Box box)
{
    const Tone &tone = BOXES[int(box)];
    return QStringLiteral("QLabel { background: %1; border: 1px solid %2; color: %3; "
                          "border-radius: 4px; padding: %4; }")
            .arg(QLatin1String(tone.background), QLatin1String(tone.border),
                 QLatin1String(tone.text), QLatin1String(tone.padding));
}

QString button()
{
    return QStringLiteral("QPushButton { padding: 6px 16px; }");
}

QString primaryButton(int horizontalPadding)
{
    return QStringLiteral("QPushButton { font-weight: bold; padding: 6px %1px; }")
            .arg(horizontalPadding);
}

QString dangerButton()
{
    return QStringLiteral("QPushButton { color: #a93226; border: 2px solid #c0392b; "
                          "border-radius: 6px; padding: 6px 16px; background: #fdf2f1; } "
                          "QPushButton:disabled { color: #b3a3a1; border-color: #d9c5c3; }");
}

QString resultPanel(Panel panel)
{
    return QStringLiteral("QFrame#resultPanel { border-radius: 12px; %1 } "
                          "QFrame#resultPanel QLabel { background: transparent; %1 }")
            .arg(QLatin1String(PANELS[int(panel)]));
}

QString preparePanel()
{
    return QStringLiteral("QFrame#preparePanel { background: #fffdf3; border: 2px solid "
                          "#f1c40f; border-radius: 12px; }");
}

QString confirmButton()
{
    return QStringLiteral("QPushButton { background: #1e9e4a; color: white; border-radius: 8px; "
                          "padding: 0 24px; }");
}

QString cameraMessage()
{
    return QStringLiteral("color: #dfe6e9; font-size: 15pt;");
}

QString demoBadge()
{
    return QStringLiteral("QLabel { background: #e67e22; color: white; font-weight: bold; "
                          "padding: 2px 10px; border-radius: 4px; }");
}

QString demoPanel()
{
    return QStringLiteral("QFrame#demoPanel { background: #fff7ec; border: 2px dashed #e67e22; "
                          "border-radius: 10px; }");
}

QString demoCouponCard(bool ownStore, PlatformId platform)
{
    // Other stores' coupons stay clickable (the refusal is worth seeing once) but look greyed
    // out, so the eye goes to the ones that work here. Meituan's wear its yellow edge.
    if (ownStore && platform == PlatformId::Meituan)
        return QStringLiteral("QPushButton { text-align: left; background: #fffbe6; border: "
                              "1px solid %1; border-left: 6px solid %1; border-radius: 8px; "
                              "padding: 6px; }")
                .arg(platformTone(platform).background.name());
    return ownStore ? QStringLiteral("QPushButton { text-align: left; background: white; border: "
                                     "1px solid #e0c09a; border-radius: 8px; padding: 6px; }")
                    : QStringLiteral("QPushButton { text-align: left; background: #f3f0ec; color: "
                                     "#777777; border: 1px dashed #c8c0b8; border-radius: 8px; "
                                     "padding: 6px; }");
}

QString demoOtherStores()
{
    return QStringLiteral("color: #8a5a2b; padding-top: 8px;");
}

QString platformBadge(PlatformId platform)
{
    const PlatformTone tone = platformTone(platform);
    return QStringLiteral("QLabel { background: %1; border: 2px solid %2; color: %3; "
                          "border-radius: 6px; padding: 2px 12px; font-weight: bold; }")
            .arg(tone.background.name(), tone.edge.name(), tone.text.name());
}

QString platformChoiceButton(PlatformId platform)
{
    const PlatformTone tone = platformTone(platform);
    return QStringLiteral("QPushButton { background: %1; border: 3px solid %2; color: %3; "
                          "border-radius: 12px; padding: 0 40px; font-weight: bold; }")
            .arg(tone.background.name(), tone.edge.name(), tone.text.name());
}

QString platformChoicePanel()
{
    return QStringLiteral("QFrame#platformChoicePanel { background: #fffdf3; border: 2px solid "
                          "#f39c12; border-radius: 12px; }");
}

QString platformToggle()
{
    return QStringLiteral("QPushButton { padding: 6px 10px; border: 1px solid #b0b8c0; "
                          "background: white; color: #34495e; } "
                          "QPushButton:checked { background: #34495e; color: white; "
                          "border-color: #34495e; }");
}

QString totalsCard()
{
    return QStringLiteral("QFrame#card { background: palette(base); border: 1px solid #d5dbe0; "
                          "border-radius: 6px; }");
}

QString alertCard()
{
    return QStringLiteral("QFrame#card { background: #fdedec; border: 2px solid #e74c3c; "
                          "border-radius: 6px; }");
}

QString emptyList()
{
    return QStringLiteral("QLabel { color: #555555; font-size: 13pt; padding: 24px; "
                          "background: palette(base); }");
}

QString roomyTable()
{
    return QStringLiteral("QTableView::item { padding: 0 6px; } "
                          "QHeaderView::section { padding: 4px 6px; }");
}

PlatformTone platformTone(PlatformId platform)
{
    switch (platform) {
    case PlatformId::Douyin:
        return {colour(Colour::DouyinBackground), colour(Colour::DouyinEdge),
                colour(Colour::DouyinText)};
    case PlatformId::Meituan:
        return {colour(Colour::MeituanBackground), colour(Colour::MeituanEdge),
                colour(Colour::MeituanText)};
    }
    return {};
}

QString platformLabel(PlatformId platform)
{
    const PlatformTone tone = platformTone(platform);
    return QStringLiteral("QLabel { background: %1; border: 1px solid %2; color: %3; "
                          "border-radius: 4px; padding: 1px 8px; font-weight: bold; }")
            .arg(tone.background.name(), tone.edge.name(), tone.text.name());
}

} // namespace Style
