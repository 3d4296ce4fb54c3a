#include "ui/slip/slipprinter.h"

#include <QPrinter>

#include "core/slip/escposencoder.h"
#include "core/slip/escposprinter.h"
#include "core/slip/printeraddress.h"
#include "ui/slip/sliprenderer.h"
#include "ui/slip/sliptext.h"

SlipPrinter::SlipPrinter(QObject *parent) : QObject(parent) { }

SlipPrinter::~SlipPrinter() = default;

void SlipPrinter::setNetworkTimeouts(int connectMs, int answerMs)
{
    m_connectTimeoutMs = connectMs;
    m_answerTimeoutMs = answerMs;
}

void SlipPrinter::print(const VerificationSlip &slip, const SlipSettings &settings)
{
    if (settings.output == SlipSettings::Output::Off)
        return;
    m_queue.append(Job{slip, settings});
    startNext();
}

void SlipPrinter::retry()
{
    if (!m_failed)
        return;
    Job job = *m_failed;
    m_failed.reset();
    const SlipSettings now = SlipSettings::load();
    // The settings as saved now: the cashier may just have fixed the address. If slips were
    // turned off meanwhile, the retry asked by hand still goes where the first try went.
    if (now.output != SlipSettings::Output::Off)
        job.settings = now;
    m_queue.append(job);
    startNext();
}

void SlipPrinter::startNext()
{
    while (!m_job && !m_queue.isEmpty()) {
        const Job job = m_queue.takeFirst();
        if (job.settings.output == SlipSettings::Output::Network)
            printToNetwork(job); // leaves m_job running, or fails at once
        else
            printToSystem(job);
    }
}

void SlipPrinter::printToSystem(const Job &job)
{
    QPrinter printer(QPrinter::HighResolution);
    if (!job.settings.printerName.isEmpty())
        printer.setPrinterName(job.settings.printerName);
    printer.setDocName(tr("Verification slip"));
    const QString name = printer.printerName();
    if (!printer.isValid() || name.isEmpty()) {
        fail(job,
             tr("No printer is installed for the slips. Add one in the system settings, "
                "or choose a network printer."));
        return;
    }
    const Result<Done> printedSlip =
            SlipRenderer(job.settings.paper).print(SlipText::document(job.slip), printer);
    if (!printedSlip.ok()) {
        fail(job, errorText(printedSlip.error(), name));
        return;
    }
    emit printed();
}

void SlipPrinter::printToNetwork(const Job &job)
{
    const auto address = PrinterAddress::parse(job.settings.address);
    if (!address.ok()) {
        fail(job,
             tr("The slip printer's address \"%1\" is not valid. Write it as "
                "192.168.1.50:9100.")
                     .arg(job.settings.address));
        return;
    }
    const int columns = job.settings.paper == SlipSettings::Paper::Thermal58
            ? EscPosEncoder::COLUMNS_58MM
            : EscPosEncoder::COLUMNS_80MM;
    const auto bytes = EscPosEncoder(columns).encode(SlipText::document(job.slip));
    if (!bytes.ok()) {
        fail(job, errorText(bytes.error(), address.value().toString()));
        return;
    }
    m_current = job;
    m_job = new EscPosPrinter(address.value(), this);
    if (m_connectTimeoutMs > 0)
        m_job->setTimeouts(m_connectTimeoutMs, m_answerTimeoutMs);
    connect(m_job, &EscPosPrinter::finished, this, [this](const Result<Done> &result) {
        EscPosPrinter *finishedJob = m_job;
        m_job = nullptr;
        finishedJob->deleteLater();
        const Job job = *m_current;
        m_current.reset();
        if (result.ok())
            emit printed();
        else
            fail(job, errorText(result.error(), finishedJob->address().toString()));
        startNext();
    });
    m_job->print(bytes.value());
}

void SlipPrinter::fail(const Job &job, const QString &message)
{
    m_failed = job;
    emit printFailed(message);
}

QString SlipPrinter::errorText(const Error &error, const QString &printer)
{
    const QString reason = EscPosPrinter::reason(error);
    if (reason == QLatin1String(EscPosPrinter::UNREACHABLE))
        return tr("The slip printer at %1 cannot be reached. Check that it is switched on and "
                  "connected to the network.")
                .arg(printer);
    if (reason == QLatin1String(EscPosPrinter::CLOSED))
        return tr("The slip printer at %1 hung up before it confirmed the slip.").arg(printer);
    if (reason == QLatin1String(EscPosPrinter::NO_ANSWER))
        return tr("The slip printer at %1 did not answer. It may be busy or stuck, or it is "
                  "not an ESC/POS printer.")
                .arg(printer);
    if (reason == QLatin1String(EscPosPrinter::OFFLINE))
        return tr("The slip printer at %1 is offline: check its paper and its cover.").arg(printer);
    if (error.code == ErrorCode::BadConfig)
        return tr("This system cannot write Chinese for ESC/POS printers (no GB18030 codec).");
    return tr("The slip could not be printed on %1.").arg(printer);
}
