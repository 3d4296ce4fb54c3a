#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "core/scan/qrdecoder.h"
#include "core/slip/escposprinter.h"
#include "core/slip/verificationslip.h"
#include "silentgateway.h"
#include "ui/pages/settingspage.h"
#include "ui/pages/slipsection.h"
#include "ui/slip/slipprinter.h"
#include "ui/slip/sliprenderer.h"
#include "ui/slip/slipsettings.h"
#include "ui/slip/sliptext.h"
#include "ui/uipreferences.h"
#include "ui/widgets/recorddetaildialog.h"
#include "ui/widgets/slipprintbar.h"
#include "uilanguage.h"

Q_DECLARE_METATYPE(SlipSettings::Paper)
Q_DECLARE_METATYPE(SlipSettings)

namespace {

const QString VERIFY_ID = QStringLiteral("7301234567890123456");
constexpr int PNG_DPI = 200;

VerificationRecord sampleRecord(bool cancelled)
{
    VerificationRecord record;
    record.id = 42;
    record.poiId = "poi-1";
    record.verifyStatus = VerificationRecord::Status::Success;
    record.originCode = "998877661234";
    record.productName = "双人套餐";
    record.payAmount = 12345;
    record.verifyId = VERIFY_ID;
    record.verifyTime = 1700000000;
    record.createdAt = 1700000000000;
    record.extra.insert("operator_id", "Lily");
    if (cancelled) {
        record.cancel.status = VerificationRecord::Cancel::Status::Cancelled;
        record.cancel.requestedBy = "Lily";
        record.cancel.cancelledAt = 1700000600000;
    }
    return record;
}

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return QStringLiteral("<%1 failed: %2>")
                .arg(program, QString::fromUtf8(process.readAllStandardError()));
    return QString::fromUtf8(process.readAllStandardOutput());
}

void saveShot(const QImage &image, const QString &name)
{
    const QString dir = qEnvironmentVariable("DYGW_SHOTS_DIR");
    if (!dir.isEmpty() && QDir().mkpath(dir))
        image.save(dir + "/" + name);
}

// Answers DLE EOT 1 like an online printer, keeping what it received.
class AnsweringPrinter : public QObject
{
public:
    AnsweringPrinter()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                received += socket->readAll();
                if (received.endsWith(EscPosPrinter::statusRequest()))
                    socket->write(QByteArray(1, 0x12));
            });
        });
    }
    QString address() const { return "127.0.0.1:" + QString::number(m_server.serverPort()); }
    QByteArray received;

private:
    QTcpServer m_server;
};

QString closedAddress()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return "127.0.0.1:" + QString::number(server.serverPort()); // closed when it goes
}

void saveSlipSettings(const SlipSettings &settings)
{
    const QVariantMap preferences = settings.toPreferences();
    for (auto it = preferences.cbegin(); it != preferences.cend(); ++it)
        UiPreferences::setValue(it.key(), it.value());
}

} // namespace

class tst_SlipPrint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void pdf_data();
    void pdf();
    void escPosSlipInChinese();
    void settingsPreview();
    void reprintFromRecordDetail();
    void autoPrintFailureIsANote();

private:
    QTemporaryDir m_dir;
    UiLanguage m_language;
};

void tst_SlipPrint::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qApp->setProperty("dygwConfigFile", m_dir.filePath("ui.ini"));
}

void tst_SlipPrint::cleanup()
{
    QVERIFY(m_language.setChinese(false));
    QFile::remove(m_dir.filePath("ui.ini"));
}

void tst_SlipPrint::pdf_data()
{
    QTest::addColumn<SlipSettings::Paper>("paper");
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<bool>("chinese");
    QTest::addColumn<int>("widthMm"); // of the PNG page
    QTest::newRow("58mm success en") << SlipSettings::Paper::Thermal58 << false << false << 58;
    QTest::newRow("58mm cancel zh") << SlipSettings::Paper::Thermal58 << true << true << 58;
    QTest::newRow("80mm success zh") << SlipSettings::Paper::Thermal80 << false << true << 80;
    QTest::newRow("80mm cancel en") << SlipSettings::Paper::Thermal80 << true << false << 80;
    QTest::newRow("A4 success zh") << SlipSettings::Paper::A4 << false << true << 210;
    QTest::newRow("A4 cancel zh") << SlipSettings::Paper::A4 << true << true << 210;
}

// The slip printed to PDF through QPrinter, read back with poppler: its words with
// pdftotext, its picture with pdftoppm, whose QR code the till's own decoder must read.
void tst_SlipPrint::pdf()
{
    QFETCH(SlipSettings::Paper, paper);
    QFETCH(bool, cancelled);
    QFETCH(bool, chinese);
    QFETCH(int, widthMm);
    QVERIFY(m_language.setChinese(chinese));

    const VerificationSlip slip = VerificationSlip::fromRecord(sampleRecord(cancelled), "测试门店");
    const QString pdf = m_dir.filePath("slip.pdf");
    QFile::remove(pdf);
    {
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(pdf);
        const Result<Done> printed = SlipRenderer(paper).print(SlipText::document(slip), printer);
        QVERIFY2(printed.ok(), qPrintable(printed.ok() ? QString() : printed.error().message));
    }
    QVERIFY(QFileInfo(pdf).size() > 0);

    const QString text = run("pdftotext", {"-enc", "UTF-8", pdf, "-"});
    for (const QString &expected : {QString("测试门店"), QString("双人套餐"), QString("****1234"),
                                    QString("123.45"), VERIFY_ID, QString("Lily")})
        QVERIFY2(text.contains(expected), qPrintable(expected + " not in:\n" + text));
    QVERIFY2(!text.contains("998877661234"), "the full coupon code is printed");
    if (chinese) {
        QVERIFY2(text.contains(cancelled ? "撤销" : "核销凭证"), qPrintable(text));
        QVERIFY2(text.contains("核销时间"), qPrintable(text));
    } else {
        QVERIFY2(text.contains(cancelled ? "CANCELLED" : "Verification slip"), qPrintable(text));
    }
    const QString day = QDateTime::fromSecsSinceEpoch(1700000000).toString("yyyy-MM-dd");
    QVERIFY2(text.contains(day), qPrintable(text)); // the verify time, in local time

    const QString prefix = m_dir.filePath("slip");
    run("pdftoppm", {"-png", "-r", QString::number(PNG_DPI), "-singlefile", pdf, prefix});
    QImage png(prefix + ".png");
    QVERIFY(!png.isNull());
    saveShot(png, QString("slip-%1.png").arg(QTest::currentDataTag()).replace(' ', '-'));
    QVERIFY2(qAbs(png.width() - widthMm * PNG_DPI / 25.4) < 4,
             qPrintable(QString::number(png.width())));
    const QImage grey = png.convertToFormat(QImage::Format_Grayscale8);
    qint64 dark = 0;
    for (int y = 0; y < grey.height(); ++y) {
        const uchar *line = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x)
            dark += line[x] < 128;
    }
    QVERIFY2(dark > grey.width() * grey.height() / 2000, "the page is (nearly) blank");
    const auto decoded = QrDecoder().decode(png);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value().text, VERIFY_ID);
}

// The same words as ESC/POS to a listener: the Chinese title in GB18030, the masked code,
// the QR of the verify id, the cut, then the status question.
void tst_SlipPrint::escPosSlipInChinese()
{
    QVERIFY(m_language.setChinese(true));
    AnsweringPrinter listener;
    SlipSettings settings;
    settings.output = SlipSettings::Output::Network;
    settings.paper = SlipSettings::Paper::Thermal80;
    settings.address = listener.address();
    SlipPrinter printer;
    QSignalSpy printed(&printer, &SlipPrinter::printed);
    printer.print(VerificationSlip::fromRecord(sampleRecord(false), "测试门店"), settings);
    QVERIFY(printed.wait(5000));
    const QByteArray &bytes = listener.received;
    QVERIFY(bytes.startsWith(QByteArray("\x1b\x40\x1c\x26", 4)));
    QVERIFY(bytes.contains(QByteArray::fromHex("bacbcffac6bed6a4"))); // 核销凭证
    QVERIFY(bytes.contains(QByteArray::fromHex("b2e2cad4c3c5b5ea"))); // 测试门店
    QVERIFY(bytes.contains("****1234"));
    QVERIFY(bytes.contains(QByteArray(QByteArray("\x31\x50\x30", 3) + VERIFY_ID.toLatin1())));
    QVERIFY(bytes.contains(QByteArray(48, '-')));
    QVERIFY(bytes.endsWith(QByteArray("\x1d\x56\x42\x00\x10\x04\x01", 7)));
}

void tst_SlipPrint::settingsPreview()
{
    QVERIFY(m_language.setChinese(true));
    SlipSection section;
    section.retranslateUi();
    SettingsSnapshot snapshot;
    SlipSettings saved;
    saved.output = SlipSettings::Output::Network;
    saved.paper = SlipSettings::Paper::Thermal80;
    saved.address = "192.168.1.50:9100";
    saved.autoPrint = true;
    snapshot.uiPreferences = saved.toPreferences();
    section.showSnapshot(snapshot);
    QCOMPARE(section.chosen(), saved);
    section.resize(560, 900);
    section.show();
    QVERIFY(QTest::qWaitForWindowExposed(&section));
    QTRY_COMPARE(section.preview()->pageCount(), 1);
    QVERIFY(section.testButton()->isEnabled());
    QTest::qWait(200); // the preview paints its page in the event loop
    saveShot(section.grab().toImage(), "slip-settings.png");

    QSignalSpy chosen(&section, &SlipSection::slipSettingsChosen);
    auto *paper = section.findChild<QComboBox *>("slipPaper");
    paper->setCurrentIndex(paper->findData(int(SlipSettings::Paper::A4)));
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().first().value<SlipSettings>().paper, SlipSettings::Paper::A4);

    // The whole page, for a look at the section among the others.
    SilentGateway gateway;
    SettingsPage page(gateway.proxy());
    page.resize(1400, 1800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.findChild<SlipSection *>("slipSection"));
    QTest::qWait(200);
    saveShot(page.grab().toImage(), "slip-settings-page.png");
}

// 打印凭证 in the record detail: off → says where to turn it on; an unreachable printer →
// a note with 重试, the record untouched; retry once the printer is there → printed.
void tst_SlipPrint::reprintFromRecordDetail()
{
    QVERIFY(m_language.setChinese(true));
    SilentGateway gateway;
    RecordDetailDialog dialog(gateway.proxy(), sampleRecord(false), {{"poi-1", "测试门店"}});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.printButton()->isEnabled());

    dialog.printButton()->click();
    QVERIFY(dialog.slipBar()->isVisible());
    QVERIFY(!dialog.slipBar()->retryButton()->isVisible());

    SlipSettings settings;
    settings.output = SlipSettings::Output::Network;
    settings.address = closedAddress();
    saveSlipSettings(settings);
    dialog.printButton()->click();
    QTRY_VERIFY(dialog.slipBar()->retryButton()->isVisible());
    QVERIFY2(dialog.slipBar()->message().contains(settings.address),
             qPrintable(dialog.slipBar()->message()));
    QCOMPARE(dialog.record().verifyStatus, VerificationRecord::Status::Success);
    saveShot(dialog.grab().toImage(), "slip-record-detail.png");

    AnsweringPrinter listener;
    settings.address = listener.address();
    saveSlipSettings(settings);
    QSignalSpy printed(dialog.slipBar()->printer(), &SlipPrinter::printed);
    dialog.slipBar()->retryButton()->click();
    QVERIFY(printed.wait(5000));
    QVERIFY(listener.received.contains("****1234"));
    QVERIFY(!dialog.slipBar()->retryButton()->isVisible());

    VerificationRecord failed = sampleRecord(false);
    failed.verifyStatus = VerificationRecord::Status::Failed;
    RecordDetailDialog failedDialog(gateway.proxy(), failed, {});
    QVERIFY(!failedDialog.printButton()->isEnabled());
}

void tst_SlipPrint::autoPrintFailureIsANote()
{
    SlipPrintBar bar; // hidden until it has something to say
    SlipSettings settings;
    settings.output = SlipSettings::Output::Network;
    settings.address = closedAddress();
    saveSlipSettings(settings);
    bar.printIfAutomatic(VerificationSlip::fromRecord(sampleRecord(false), "店"));
    QTest::qWait(300);
    QVERIFY(!bar.isVisible()); // automatic printing is off: nothing tried

    settings.autoPrint = true;
    saveSlipSettings(settings);
    QSignalSpy failed(bar.printer(), &SlipPrinter::printFailed);
    bar.printIfAutomatic(VerificationSlip::fromRecord(sampleRecord(true), "店"));
    QVERIFY(failed.wait(3000));
    QVERIFY(bar.isVisible());
    QVERIFY(bar.retryButton()->isVisible());
}

QTEST_MAIN(tst_SlipPrint)
#include "tst_slipprint.moc"
