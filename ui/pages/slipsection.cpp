#include "ui/pages/slipsection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPrinterInfo>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/pages/settingsrow.h"
#include "ui/slip/slipprinter.h"
#include "ui/slip/sliprenderer.h"
#include "ui/slip/sliptext.h"
#include "ui/style.h"

namespace {

constexpr int PREVIEW_HEIGHT = 420;

} // namespace

SlipSection::SlipSection(QWidget *parent)
    : QGroupBox(parent),
      m_previewPrinter(std::make_unique<QPrinter>(QPrinter::HighResolution)),
      m_testPrinter(new SlipPrinter(this))
{
    setObjectName(QStringLiteral("slipSection"));
    buildUi();
    connect(m_output, &QComboBox::currentIndexChanged, this, &SlipSection::edited);
    connect(m_printer, &QComboBox::currentIndexChanged, this, &SlipSection::edited);
    connect(m_paper, &QComboBox::currentIndexChanged, this, &SlipSection::edited);
    connect(m_address, &QLineEdit::editingFinished, this, &SlipSection::edited);
    connect(m_auto, &QCheckBox::toggled, this, &SlipSection::edited);
    connect(m_test, &QPushButton::clicked, this, &SlipSection::testPrint);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, &SlipSection::paintPreview);
    connect(m_testPrinter, &SlipPrinter::printed, this, [this] {
        m_testResult->setStyleSheet(Style::label(Style::Colour::Success));
        m_testResult->setText(tr("The test slip was sent to the printer."));
        m_test->setEnabled(true);
    });
    connect(m_testPrinter, &SlipPrinter::printFailed, this, [this](const QString &message) {
        m_testResult->setStyleSheet(Style::label(Style::Colour::Failure));
        m_testResult->setText(message);
        m_test->setEnabled(true);
    });
    updateFields();
}

SlipSection::~SlipSection() = default;

void SlipSection::buildUi()
{
    m_outputRow = std::make_unique<SettingsRow>(this);
    m_printerRow = std::make_unique<SettingsRow>(this);
    m_paperRow = std::make_unique<SettingsRow>(this);
    m_addressRow = std::make_unique<SettingsRow>(this);
    m_output = new QComboBox(this);
    m_output->setObjectName(QStringLiteral("slipOutput"));
    m_printer = new QComboBox(this);
    m_printer->setObjectName(QStringLiteral("slipPrinter"));
    m_paper = new QComboBox(this);
    m_paper->setObjectName(QStringLiteral("slipPaper"));
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("slipAddress"));
    m_address->setPlaceholderText(QStringLiteral("192.168.1.50:9100"));
    m_auto = new QCheckBox(this);
    m_auto->setObjectName(QStringLiteral("slipAuto"));
    m_hint = SettingsRow::hintLabel(this);
    m_preview = new QPrintPreviewWidget(m_previewPrinter.get(), this);
    m_preview->setObjectName(QStringLiteral("slipPreview"));
    m_preview->setMinimumHeight(PREVIEW_HEIGHT);
    m_preview->setZoomMode(QPrintPreviewWidget::FitInView);
    m_test = new QPushButton(this);
    m_test->setObjectName(QStringLiteral("slipTestButton"));
    m_test->setStyleSheet(Style::button());
    m_testResult = SettingsRow::selectableLabel(this);
    m_testResult->setObjectName(QStringLiteral("slipTestResult"));
    fillChoices();

    QGridLayout *grid = SettingsRow::formGrid();
    int row = 0;
    m_outputRow->addTo(grid, row, m_output);
    m_printerRow->addTo(grid, row, m_printer);
    m_paperRow->addTo(grid, row, m_paper);
    m_addressRow->addTo(grid, row, m_address);
    grid->addWidget(m_auto, row++, 1);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_hint);
    layout->addWidget(m_preview);
    layout->addLayout(testRow);
}

// The items' data are what SlipSettings stores; their texts come in retranslateUi().
void SlipSection::fillChoices()
{
    m_output->addItem(QString(), int(SlipSettings::Output::Off));
    m_output->addItem(QString(), int(SlipSettings::Output::System));
    m_output->addItem(QString(), int(SlipSettings::Output::Network));
    m_paper->addItem(QString(), int(SlipSettings::Paper::Thermal58));
    m_paper->addItem(QString(), int(SlipSettings::Paper::Thermal80));
    m_paper->addItem(QString(), int(SlipSettings::Paper::A4));
    m_printer->addItem(QString(), QString()); // the system's default printer
    for (const QString &name : QPrinterInfo::availablePrinterNames())
        m_printer->addItem(name, name);
}

void SlipSection::showSnapshot(const SettingsSnapshot &snapshot)
{
    const SlipSettings saved = SlipSettings::fromPreferences(snapshot.uiPreferences);
    const QSignalBlocker blockOutput(m_output);
    const QSignalBlocker blockPrinter(m_printer);
    const QSignalBlocker blockPaper(m_paper);
    const QSignalBlocker blockAuto(m_auto);
    m_output->setCurrentIndex(std::max(0, m_output->findData(int(saved.output))));
    m_paper->setCurrentIndex(std::max(0, m_paper->findData(int(saved.paper))));
    int printer = m_printer->findData(saved.printerName);
    if (printer < 0) { // saved, but not installed now: kept, so it is not lost
        m_printer->addItem(saved.printerName, saved.printerName);
        printer = m_printer->count() - 1;
    }
    m_printer->setCurrentIndex(printer);
    m_address->setText(saved.address);
    m_auto->setChecked(saved.autoPrint);
    m_loaded = true;
    updateFields();
}

SlipSettings SlipSection::chosen() const
{
    SlipSettings settings;
    settings.output = SlipSettings::Output(m_output->currentData().toInt());
    settings.paper = SlipSettings::Paper(m_paper->currentData().toInt());
    settings.printerName = m_printer->currentData().toString();
    settings.address = m_address->text().trimmed();
    settings.autoPrint = m_auto->isChecked();
    return settings;
}

void SlipSection::edited()
{
    updateFields();
    if (m_loaded)
        emit slipSettingsChosen(chosen());
}

void SlipSection::updateFields()
{
    const SlipSettings settings = chosen();
    const bool on = settings.output != SlipSettings::Output::Off;
    const bool network = settings.output == SlipSettings::Output::Network;
    m_printer->setEnabled(settings.output == SlipSettings::Output::System);
    m_address->setEnabled(network);
    m_paper->setEnabled(on);
    m_auto->setEnabled(on);
    m_test->setEnabled(on && !m_testPrinter->isBusy());
    m_previewPrinter->setDocName(tr("Verification slip"));
    SlipRenderer(settings.paper)
            .setUpPrinter(*m_previewPrinter, SlipText::document(SlipText::sample()));
    m_preview->updatePreview();
}

void SlipSection::paintPreview(QPrinter *printer)
{
    const Result<Done> painted =
            SlipRenderer(chosen().paper).print(SlipText::document(SlipText::sample()), *printer);
    if (!painted.ok())
        m_testResult->setText(tr("The preview could not be drawn."));
}

void SlipSection::testPrint()
{
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(Style::label(Style::Colour::Muted));
    m_testResult->setText(tr("Printing a test slip…"));
    m_testPrinter->print(SlipText::sample(), chosen());
}

void SlipSection::retranslateUi()
{
    setTitle(tr("Verification slips"));
    m_outputRow->caption()->setText(tr("Print slips"));
    m_output->setItemText(0, tr("Off"));
    m_output->setItemText(1, tr("On a system printer"));
    m_output->setItemText(2, tr("On a network ESC/POS printer"));
    m_printerRow->caption()->setText(tr("Printer"));
    m_printer->setItemText(0, tr("System default"));
    m_paperRow->caption()->setText(tr("Paper"));
    m_paper->setItemText(0, tr("58 mm roll"));
    m_paper->setItemText(1, tr("80 mm roll"));
    m_paper->setItemText(2, tr("A4"));
    m_addressRow->caption()->setText(tr("Printer address"));
    m_auto->setText(tr("Print automatically after each success and cancel"));
    m_hint->setText(tr("A slip shows the store, product, coupon code (all but the "
                       "last 4 digits hidden), amount, time, cashier and verify ID, with a QR "
                       "code of the verify ID. Network printers are reached on their raw port, "
                       "usually 9100. Any slip can be printed again from its record. Changes "
                       "at once."));
    m_test->setText(tr("Print a test slip"));
    updateFields();
}
