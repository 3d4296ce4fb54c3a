#pragma once

#include <QColor>
#include <QString>

#include "core/platform/platformid.h"

// Every colour and style sheet of the ui in one place, so a colour says the same thing on
// every page and a change of look is made once. Colours are named after what they tell
// staff, not after their hue.
namespace Style {

enum class Colour : QRgb {
    Success = 0x1e8449, // verified, active, saved
    Failure = 0xc0392b, // failed, disabled, could not
    Checking = 0xd35400, // the outcome is still being asked of Douyin
    Cancelled = 0x6c5b7b, // a verification taken back (撤销): neither success nor failure
    Muted = 0x5d6d7e, // captions and neutral states
    Hint = 0x666666, // the grey line under a field
    Locked = 0x8a5a00, // why a field cannot be changed, or what it still lacks
    Inactive = 0x808080, // rows of apps that may no longer verify
    CameraBackground = 0x2d3436,
    ChartCount = 0x2e86de,
    ChartPay = 0x76d7c4,
    ChartReceipt = 0x117a65,
    ChartGrid = 0xdde1e5,
    ChartText = 0x34495e,
    ChartMutedText = 0x7f8c8d,
    // A platform's own colours (its app's), so 抖音 and 美团 are told apart at a glance.
    DouyinBackground = 0x161823,
    DouyinEdge = 0xfe2c55,
    DouyinText = 0xffffff,
    MeituanBackground = 0xffd100,
    MeituanEdge = 0xd4a800,
    MeituanText = 0x222222,
};

QColor colour(Colour colour);

// A label whose text has this colour.
QString label(Colour colour);

// Framed labels: banners at the top of a page, the outcome of a check, warnings.
enum class Box { DemoBanner, RestartBanner, Passed, Failed, Warning };
QString box(Box box);

// Push buttons: padded to be easy to hit; the one that finishes a form is bold.
QString button();
QString primaryButton(int horizontalPadding);
// A button that takes something back (撤销): red-bordered, so it is not pressed by habit.
QString dangerButton();

// The framed state shown after each scan on the verify page.
enum class Panel { Idle, Working, Success, Failure, Checking, Cancelled };
QString resultPanel(Panel panel);

QString preparePanel(); // QFrame#preparePanel
QString confirmButton(); // the big green button that verifies
QString cameraMessage();
QString demoBadge(); // in the status bar while in demo mode
QString demoPanel(); // QFrame#demoPanel
QString demoCouponCard(bool ownStore, PlatformId platform);
QString demoOtherStores();
// A platform in its own colours, so 抖音 and 美团 are told apart at a glance: the badge on a
// result or a prepared coupon, and the big buttons that choose the platform of a code.
QString platformBadge(PlatformId platform);
QString platformChoiceButton(PlatformId platform);
QString platformChoicePanel(); // QFrame#platformChoicePanel
QString platformToggle(); // the exclusive 自动 / 抖音 / 美团 buttons beside the code input
QString totalsCard(); // QFrame#card on the summary page
QString alertCard(); // a QFrame#card whose numbers disagree: the reconciliation's difference
QString emptyList(); // the apps page before any app exists
QString roomyTable(); // a table whose columns size to their contents

// A platform's colours wherever it is shown: badges, choice buttons, list cells, chart bars.
struct PlatformTone
{
    QColor background;
    QColor edge;
    QColor text;
};
PlatformTone platformTone(PlatformId platform);
// A label in the platform's colours, as small as its text (the record detail's platform).
QString platformLabel(PlatformId platform);

} // namespace Style
