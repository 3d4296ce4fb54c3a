#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include "core/result.h"
#include "core/slip/escposprinter.h"
#include "core/slip/verificationslip.h"
#include "ui/slip/slipsettings.h"

// Prints verification slips the way SlipSettings say: painted to a system printer (QPrinter,
// spooled at once) or as ESC/POS bytes to a network printer (asynchronous, one job at a time,
// the others wait in turn). A failure is reported with its words and kept for retry(); the
// verification it belongs to is not touched.
class SlipPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlipPrinter)

public:
    explicit SlipPrinter(QObject *parent = nullptr);
    ~SlipPrinter() override;

    // Output::Off prints nothing (and reports nothing).
    void print(const VerificationSlip &slip, const SlipSettings &settings);
    // The slip that failed last, with the settings as saved now.
    void retry();
    bool hasFailedSlip() const { return m_failed.has_value(); }
    bool isBusy() const { return m_job != nullptr; }
    void setNetworkTimeouts(int connectMs, int answerMs);

    // The cashier's words for a failed print.
    static QString errorText(const Error &error, const QString &printer);

signals:
    void printed();
    void printFailed(const QString &message);

private:
    struct Job
    {
        VerificationSlip slip;
        SlipSettings settings;
    };

    void startNext();
    void printToSystem(const Job &job);
    void printToNetwork(const Job &job);
    void fail(const Job &job, const QString &message);

    QList<Job> m_queue;
    std::optional<Job> m_current; // the network job m_job runs
    std::optional<Job> m_failed;
    QPointer<EscPosPrinter> m_job;
    int m_connectTimeoutMs = 0; // 0: EscPosPrinter's defaults
    int m_answerTimeoutMs = 0;
};
