#pragma once

#include <optional>

#include <QLabel>

#include "core/platform/platformid.h"

// The coupon's platform, as a small label in the platform's colours (抖音 / 美团): on the
// result of a verify and on a prepared coupon. Hidden while no platform is set.
class PlatformBadge final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformBadge)

public:
    explicit PlatformBadge(QWidget *parent = nullptr);

    // The platform's short name, as cashiers say it and as its app is called.
    static QString shortName(PlatformId platform);

    std::optional<PlatformId> platform() const { return m_platform; }
    void setPlatform(std::optional<PlatformId> platform);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    std::optional<PlatformId> m_platform;
};
