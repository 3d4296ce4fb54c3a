#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMap>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core/api/apijson.h"
#include "core/douyin/douyinapi.h"
#include "core/report/recordexport.h"
#include "core/sandbox/sandboxdemodata.h"
#include "core/store/verificationrepository.h"
#include "tests/ui/demogateway.h"
#include "ui/models/verificationtablemodel.h"
#include "ui/pages/recordspage.h"
#include "ui/recordtext.h"
#include "ui/style.h"
#include "ui/widgets/platformbadgedelegate.h"
#include "ui/widgets/recorddetaildialog.h"

using Status = VerificationRecord::Status;
using Model = VerificationTableModel;

namespace {

// A product name with every character CSV must escape.
const QString TRICKY_PRODUCT = "Lunch \"Special\", 2 pax\nweekdays";
const QString OPERATOR = "王芳";
constexpr int SYNTHETIC_RECORDS = 1234;
constexpr int SYNTHETIC_DAYS_AGO = 40;
const QString MEITUAN_CODE = "3081624957"; // Meituan's codes are 10 digits
const QString MEITUAN_USED_CODE = "3081624958";

// RFC 4180 with CRLF records; a bare LF only ever appears inside quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text.at(i + 1) == '\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

bool hasHan(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

} // namespace

// The records page against a whole demo gateway: coupons verified through GatewayProxy show up
// in the list, filters narrow it, details show every field, CSV is exact.
class tst_RecordsPage : public QObject
{
    Q_OBJECT

private:
    DemoGateway m_gateway;
    QList<SandboxState::Poi> m_stores = SandboxDemoData::stores();
    QString m_setMealCode; // verified at the first store by the till
    QString m_lunchOrderId; // two certificates verified at once at the second store
    qint64 m_appId = 0; // a LAN kiosk
    std::unique_ptr<RecordsPage> m_page;
    QTemporaryDir m_out;
    int m_douyinRecords = 0; // before the Meituan ones arrive

    VerifyOutcome verifyNew(const QJsonObject &spec, qint64 appId = 0, int count = 1,
                            bool byShortLink = false, QJsonObject *order = nullptr)
    {
        const QJsonObject minted = m_gateway.mintOrder(spec);
        if (order)
            *order = minted;
        VerifyCommand command;
        command.appId = appId;
        command.poiId = minted.value("poi_id").toString();
        command.count = count;
        command.extra = QJsonObject{{"operator_id", OPERATOR}, {"note", "前台, \"窗口 2\""}};
        if (byShortLink)
            command.shortLink = minted.value("short_link").toString();
        else
            command.code = minted.value("codes").toArray().at(0).toString();
        return m_gateway.verify(command);
    }

    // Waits until the model answered its current filter.
    bool settled() const
    {
        return QTest::qWaitFor([this] { return !m_page->model()->isLoading(); }, 10000);
    }

    QList<qint64> shownIds() const
    {
        QList<qint64> ids;
        for (int row = 0; row < m_page->model()->rowCount(); ++row)
            ids << m_page->model()->record(row).id;
        return ids;
    }

    int rowOfCode(const QString &code) const
    {
        for (int row = 0; row < m_page->model()->rowCount(); ++row) {
            if (m_page->model()->record(row).originCode == code)
                return row;
        }
        return -1;
    }

    // Meituan records as the engine writes them, written straight to the repository: a success
    // at the first store and a refusal (already used) at the second, both today.
    bool insertMeituanRecords()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<VerificationRecord> records(2);
        for (int i = 0; i < 2; ++i) {
            VerificationRecord &record = records[i];
            record.platform = PlatformId::Meituan;
            record.mode = VerificationRecord::Mode::Code;
            record.poiId = m_stores.at(i).poiId;
            record.sourceInput = i == 0 ? MEITUAN_CODE : MEITUAN_USED_CODE;
            record.originCode = record.sourceInput;
            record.productName = "美团双人火锅套餐";
            record.extra = QJsonObject{{"operator_id", OPERATOR}};
            record.createdAt = now + i;
        }
        records[0].verifyStatus = Status::Success;
        records[0].payAmount = 19900;
        records[0].receiptAmount = 18900;
        records[0].orderId = "mt-order-1";
        records[0].platformResponse = QJsonObject{{"code", "OP_SUCCESS"}, {"msg", "成功"}};
        records[1].verifyStatus = Status::Failed;
        records[1].errorCode = 1008;
        records[1].errorDescription = "券码已使用";
        records[1].platformResponse = QJsonObject{{"code", "1008"}, {"msg", "券码已使用"}};
        return m_gateway.onEngine([&records](GatewayRuntime *runtime) {
            return runtime->engine()->repository()->insertPending(records).ok();
        });
    }

    // The colours painted in a cell of the table.
    QSet<QRgb> coloursIn(const QModelIndex &index) const
    {
        const QRect cell = m_page->table()->visualRect(index);
        const QImage image = m_page->table()->viewport()->grab(cell).toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                colours.insert(image.pixel(x, y) & 0xffffff);
        }
        return colours;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_gateway.start());
        QVERIFY(m_out.isValid());
        const auto app = m_gateway.await<Result<AppRepository::Created>>(
                [this](QObject *context, auto done) {
                    m_gateway.proxy()->createApp("自助机 1号", false, context, done);
                });
        QVERIFY(app && app->ok());
        m_appId = app->value().app.id;

        QJsonObject order;
        VerifyOutcome outcome = verifyNew({{"poi_id", m_stores.at(0).poiId},
                                           {"product_name", "双人套餐"},
                                           {"sku_name", "【周末通用】双人精品套餐"},
                                           {"pay_amount", 16800},
                                           {"original_amount", 25800}},
                                          0, 1, false, &order);
        QCOMPARE(outcome.kind, VerifyOutcome::Kind::Answered);
        QCOMPARE(outcome.records.first().verifyStatus, Status::Success);
        m_setMealCode = order.value("codes").toArray().at(0).toString();

        outcome = verifyNew({{"poi_id", m_stores.at(1).poiId},
                             {"product_name", TRICKY_PRODUCT},
                             {"pay_amount", 5900},
                             {"certificates", 2}},
                            0, 2, true, &order);
        QCOMPARE(outcome.kind, VerifyOutcome::Kind::Answered);
        QCOMPARE(outcome.records.size(), 2);
        m_lunchOrderId = order.value("order_id").toString();

        outcome = verifyNew({{"poi_id", m_stores.at(0).poiId},
                             {"product_name", "10次卡"},
                             {"pay_amount", 29900}},
                            m_appId);
        QCOMPARE(outcome.records.first().verifyStatus, Status::Success);

        m_gateway.fault("verify", "error_code", {{"error_code", qint64(DouyinApi::SYSTEM_BUSY)}});
        outcome = verifyNew({{"poi_id", m_stores.at(2).poiId},
                             {"product_name", "100元代金券"},
                             {"pay_amount", 8800}});
        QCOMPARE(outcome.records.first().verifyStatus, Status::Failed);

        m_gateway.fault("verify", "drop_before_commit");
        outcome = verifyNew({{"poi_id", m_stores.at(2).poiId},
                             {"product_name", "50元代金券"},
                             {"pay_amount", 4500}});
        QCOMPARE(outcome.kind, VerifyOutcome::Kind::Unknown);
        QVERIFY(m_gateway.waitForEnrichment());

        m_page = std::make_unique<RecordsPage>(m_gateway.proxy());
        m_page->resize(1500, 820);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void tableShowsTheVerifiedRecords()
    {
        QTRY_COMPARE(m_page->model()->total(), qint64(6));
        QTRY_COMPARE(m_page->model()->rowCount(), 6);
        const VerificationPage gateway = m_gateway.list(m_page->model()->filter());
        QCOMPARE(gateway.items.size(), 6);
        QList<qint64> engineIds;
        for (const VerificationRecord &record : gateway.items)
            engineIds << record.id;
        QCOMPARE(shownIds(), engineIds); // newest first, as the gateway lists them

        QAbstractItemModel *model = m_page->table()->model();
        const int setMeal = rowOfCode(m_setMealCode);
        QVERIFY(setMeal >= 0);
        QCOMPARE(model->index(setMeal, Model::StatusColumn).data().toString(), "Success");
        QCOMPARE(model->index(setMeal, Model::ProductColumn).data().toString(), "双人套餐");
        QCOMPARE(model->index(setMeal, Model::PayAmountColumn).data().toString(), "¥168.00");
        QCOMPARE(model->index(setMeal, Model::StoreColumn).data().toString(), m_stores.at(0).name);
        QCOMPARE(model->index(setMeal, Model::AppColumn).data().toString(), "This till");
        QCOMPARE(model->index(setMeal, Model::OperatorColumn).data().toString(), OPERATOR);
        QCOMPARE(model->index(setMeal, Model::OrderStatusColumn).data().toString(),
                 RecordText::orderStatus(m_page->model()->record(setMeal)));

        QStringList statuses;
        for (int row = 0; row < model->rowCount(); ++row)
            statuses << model->index(row, Model::StatusColumn).data().toString();
        QCOMPARE(statuses.count("Success"), 4);
        QCOMPARE(statuses.count("Failed"), 1);
        QCOMPARE(statuses.count("Checking"), 1);
        QCOMPARE(m_page->table()->horizontalHeader()->model()->headerData(
                         Model::ReceiptAmountColumn, Qt::Horizontal),
                 QVariant("Received"));
    }

    void filtersNarrowTheList_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("expected");
        QTest::newRow("failed only") << "status:failed" << 1;
        QTest::newRow("being checked") << "status:unknown" << 1;
        QTest::newRow("successes") << "status:success" << 4;
        QTest::newRow("second store") << "store:1" << 2;
        QTest::newRow("first store") << "store:0" << 2;
        QTest::newRow("the kiosk app") << "app:kiosk" << 1;
        QTest::newRow("this till") << "app:till" << 5;
        QTest::newRow("coupon code") << "search:code" << 1;
        QTest::newRow("order number") << "search:order" << 2;
        QTest::newRow("unknown code") << "search:nothing" << 0;
        QTest::newRow("yesterday") << "dates:yesterday" << 0;
        QTest::newRow("today") << "dates:today" << 6;
        QTest::newRow("all dates") << "dates:all" << 6;
    }

    void filtersNarrowTheList()
    {
        QFETCH(QString, filter);
        QFETCH(int, expected);
        m_page->clearFilters();
        QVERIFY(settled());
        const QString kind = filter.section(':', 0, 0);
        const QString value = filter.section(':', 1);
        if (kind == "status") {
            const auto status = VerificationRecord::statusFromString(value);
            QVERIFY(status);
            m_page->setStatusFilter(*status);
        } else if (kind == "store") {
            m_page->setPoiFilter(m_stores.at(value.toInt()).poiId);
        } else if (kind == "app") {
            m_page->setAppFilter(value == "till" ? 0 : m_appId);
        } else if (kind == "search") {
            m_page->search(value == "code"            ? m_setMealCode
                                   : value == "order" ? m_lunchOrderId
                                                      : "000000000000");
        } else if (kind == "dates") {
            m_page->setDateRange(value == "yesterday"       ? RecordsPage::DateRange::Yesterday
                                         : value == "today" ? RecordsPage::DateRange::Today
                                                            : RecordsPage::DateRange::AllDates);
        }
        QVERIFY(settled());
        QCOMPARE(m_page->model()->rowCount(), expected);
        QCOMPARE(m_page->model()->total(), qint64(expected));

        // Every row shown satisfies the filter, and the gateway agrees on which rows.
        const VerificationFilter applied = m_page->model()->filter();
        QList<qint64> engineIds;
        for (const VerificationRecord &record : m_gateway.list(applied).items)
            engineIds << record.id;
        QCOMPARE(shownIds(), engineIds);
        for (int row = 0; row < m_page->model()->rowCount(); ++row) {
            const VerificationRecord &record = m_page->model()->record(row);
            if (applied.verifyStatus)
                QCOMPARE(record.verifyStatus, *applied.verifyStatus);
            if (!applied.poiId.isEmpty())
                QCOMPARE(record.poiId, applied.poiId);
            if (applied.appId)
                QCOMPARE(record.appId, *applied.appId);
        }
        m_page->clearFilters();
        QVERIFY(settled());
    }

    void detailViewShowsEveryField()
    {
        QTRY_COMPARE(m_page->model()->rowCount(), 6);
        const int row = rowOfCode(m_setMealCode);
        QVERIFY(row >= 0);
        RecordDetailDialog *dialog = m_page->showDetails(row);
        QVERIFY(dialog);
        QSignalSpy loaded(dialog, &RecordDetailDialog::recordLoaded);
        QVERIFY(loaded.wait(5000));

        const auto full =
                m_gateway.await<Result<VerificationRecord>>([&](QObject *context, auto done) {
                    m_gateway.proxy()->record(dialog->record().id, context, done);
                });
        QVERIFY(full && full->ok());
        const VerificationRecord &record = full->value();
        QVERIFY(!record.platformResponse.isEmpty());

        // Every VerificationView field has a row with a value.
        const QJsonObject view = ApiJson::verificationView(record);
        QCOMPARE(view.size(), 43);
        for (const QString &field : view.keys()) {
            // douyin_response repeats platform_response: one pane shows both.
            const QString shown = field == "douyin_response" ? "platform_response" : field;
            QVERIFY2(dialog->findChild<QWidget *>("value_" + shown), qPrintable(field));
            QVERIFY2(!dialog->valueText(field).isEmpty(), qPrintable(field));
        }
        QCOMPARE(dialog->valueText("id"), QString::number(record.id));
        QCOMPARE(dialog->valueText("verify_status"), "Success");
        QCOMPARE(dialog->valueText("certificate_id"), record.certificateId);
        QCOMPARE(dialog->valueText("encrypted_code"), record.encryptedCode);
        QCOMPARE(dialog->valueText("origin_code"), m_setMealCode);
        QCOMPARE(dialog->valueText("order_id"), record.orderId);
        QCOMPARE(dialog->valueText("verify_id"), record.verifyId);
        QCOMPARE(dialog->valueText("product_name"), "双人套餐");
        QCOMPARE(dialog->valueText("sku_name"), "【周末通用】双人精品套餐");
        QCOMPARE(dialog->valueText("pay_amount"), "¥168.00");
        QCOMPARE(dialog->valueText("receipt_amount"), RecordText::money(record.receiptAmount));
        QCOMPARE(dialog->valueText("order_status"), RecordText::orderStatus(record));
        QCOMPARE(dialog->valueText("coupon_status"), RecordText::couponStatus(record));
        QCOMPARE(dialog->valueText("app_name"), "This till");
        QCOMPARE(dialog->valueText("poi_id"),
                 QString("%1 (%2)").arg(m_stores.at(0).name, m_stores.at(0).poiId));
        QCOMPARE(dialog->valueText("created_at"), RecordText::dateTime(record.createdAt));
        QVERIFY(dialog->valueText("extra").contains("operator_id: " + OPERATOR));
        QCOMPARE(dialog->valueText("error_code"), RecordText::none());
        QCOMPARE(dialog->valueText("enrichment_status"), "Order details complete");

        // The raw answer is Douyin's object, unchanged.
        const auto raw = qobject_cast<QPlainTextEdit *>(
                dialog->findChild<QWidget *>("value_platform_response"));
        QVERIFY(raw);
        QCOMPARE(QJsonDocument::fromJson(raw->toPlainText().toUtf8()).object(),
                 record.platformResponse);

        QVERIFY(DemoGateway::saveScreenshot(dialog, "record_detail_en"));
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(dialog->valueText("verify_status"), "成功");
        QVERIFY(hasHan(dialog->windowTitle()));
        QVERIFY(DemoGateway::saveScreenshot(dialog, "record_detail_zh_CN"));
        QVERIFY(m_gateway.setChinese(false));
        dialog->close();
    }

    void failedRecordShowsItsReason()
    {
        m_page->setStatusFilter(Status::Failed);
        QVERIFY(settled());
        QCOMPARE(m_page->model()->rowCount(), 1);
        const VerificationRecord &record = m_page->model()->record(0);
        QCOMPARE(record.errorCode.value_or(0), qint64(DouyinApi::SYSTEM_BUSY));
        QCOMPARE(m_page->model()->index(0, Model::ReasonColumn).data().toString(),
                 record.errorDescription);
        RecordDetailDialog *dialog = m_page->showDetails(0);
        QSignalSpy loaded(dialog, &RecordDetailDialog::recordLoaded);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(dialog->valueText("verify_status"), "Failed");
        QCOMPARE(dialog->valueText("error_code"), QString::number(DouyinApi::SYSTEM_BUSY));
        QCOMPARE(dialog->valueText("error_description"), record.errorDescription);
        dialog->close();
        m_page->clearFilters();
        QVERIFY(settled());
    }

    void csvExportIsExact()
    {
        QVERIFY(settled());
        const QString path = m_out.filePath("records.csv");
        RecordExport *exporter = m_page->exportCsv(path);
        QSignalSpy exported(exporter, &RecordExport::exported);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().at(1).toLongLong(), qint64(6));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        QVERIFY(bytes.endsWith("\r\n"));
        const QByteArray header =
                "id,app_id,app_name,poi_id,verify_status,error_code,error_description,"
                "certificate_id,encrypted_code,origin_code,coupon_status,product_id,product_name,"
                "sku_id,sku_name,verify_records_count,verify_id,order_id,source_order_id,"
                "ext_order_id,order_status,pay_amount,receipt_amount,discount_amount,"
                "enrichment_status,enrichment_retry_count,douyin_response,verify_time,"
                "create_order_time,pay_time,created_at,updated_at,extra,platform,"
                "platform_response,cancel_status,cancelled_at,cancel_reason,cancel_deadline,"
                "settlement_status,commission_amount,settled_at,gateway,poi_name,"
                "created_at_local,pay_amount_yuan,receipt_amount_yuan,discount_amount_yuan\r\n";
        QVERIFY(bytes.mid(3).startsWith(header));
        // Quotes doubled, the comma and the newline kept inside one quoted field.
        QVERIFY(bytes.contains(",\"Lunch \"\"Special\"\", 2 pax\nweekdays\","));

        const QList<QStringList> rows = parseCsv(QString::fromUtf8(bytes.mid(3)));
        QCOMPARE(rows.size(), 7);
        const QStringList columns = rows.first();
        QCOMPARE(columns.size(), 48);
        const auto column = [&columns](const char *name) {
            return columns.indexOf(name);
        };

        const VerificationPage gateway = m_gateway.list(m_page->model()->filter());
        QCOMPARE(gateway.items.size(), 6);
        for (int i = 0; i < gateway.items.size(); ++i) {
            const auto full =
                    m_gateway.await<Result<VerificationRecord>>([&](QObject *context, auto done) {
                        m_gateway.proxy()->record(gateway.items.at(i).id, context, done);
                    });
            QVERIFY(full && full->ok());
            const VerificationRecord &record = full->value();
            const QStringList &row = rows.at(i + 1);
            QCOMPARE(row.size(), 48);
            const QJsonObject view = ApiJson::verificationView(record);
            // Every API field: strings as they are, numbers in full, null as an empty field,
            // objects as compact JSON.
            for (const QString &field : view.keys()) {
                const QJsonValue value = view.value(field);
                const QString cell = row.at(column(field.toLatin1().constData()));
                if (value.isNull())
                    QVERIFY2(cell.isEmpty(), qPrintable(field));
                else if (value.isString())
                    QCOMPARE(cell, value.toString());
                else if (value.isDouble())
                    QCOMPARE(cell, QString::number(value.toInteger()));
                else if (value.isObject())
                    QCOMPARE(QJsonDocument::fromJson(cell.toUtf8()).object(), value.toObject());
            }
            QCOMPARE(row.at(column("poi_name")),
                     m_page->model()->poiName(record.poiId) == record.poiId
                             ? QString()
                             : m_page->model()->poiName(record.poiId));
            const auto yuan = [](std::optional<qint64> fen) {
                return fen ? QString("%1.%2").arg(*fen / 100).arg(*fen % 100, 2, 10, QChar('0'))
                           : QString();
            };
            QCOMPARE(row.at(column("pay_amount_yuan")), yuan(record.payAmount));
            QCOMPARE(row.at(column("receipt_amount_yuan")), yuan(record.receiptAmount));
            QCOMPARE(row.at(column("discount_amount_yuan")), yuan(record.discountAmount));
            QCOMPARE(row.at(column("created_at_local")),
                     QDateTime::fromMSecsSinceEpoch(record.createdAt)
                             .toString("yyyy-MM-dd HH:mm:ss"));
        }
        const int setMeal = rowOfCode(m_setMealCode);
        QCOMPARE(rows.at(setMeal + 1).at(column("pay_amount")), "16800");
        QCOMPARE(rows.at(setMeal + 1).at(column("pay_amount_yuan")), "168.00");
        QCOMPARE(rows.at(setMeal + 1).at(column("product_name")), "双人套餐");
        QCOMPARE(rows.at(setMeal + 1).at(column("verify_status")), "success");
    }

    void newRecordsAppearWhileShown()
    {
        QTRY_COMPARE(m_page->model()->rowCount(), 6);
        const VerifyOutcome outcome = verifyNew({{"poi_id", m_stores.at(1).poiId},
                                                 {"product_name", "单人午市套餐"},
                                                 {"pay_amount", 5900}});
        QCOMPARE(outcome.records.first().verifyStatus, Status::Success);
        QTRY_COMPARE(m_page->model()->rowCount(), 7);
        QCOMPARE(m_page->model()->record(0).id, outcome.records.first().id);
        // Its order details arrive later and update the row in place.
        QVERIFY(m_gateway.waitForEnrichment());
        QTRY_VERIFY(m_page->model()->record(0).enrichmentStatus
                    != VerificationRecord::Enrichment::Pending);
    }

    void meituanRecordsShowTheirPlatform()
    {
        m_page->clearFilters();
        QVERIFY(settled());
        m_douyinRecords = m_page->model()->rowCount();
        QVERIFY(insertMeituanRecords());
        m_page->clearFilters(); // written behind the engine's back: nothing announced them
        QVERIFY(settled());
        QCOMPARE(m_page->model()->rowCount(), m_douyinRecords + 2);
        QCOMPARE(m_page->model()->headerData(Model::PlatformColumn, Qt::Horizontal).toString(),
                 "Platform");

        QAbstractItemModel *model = m_page->table()->model();
        int meituanRows = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const VerificationRecord &record = m_page->model()->record(row);
            const QModelIndex cell = model->index(row, Model::PlatformColumn);
            QCOMPARE(cell.data().toString(),
                     record.platform == PlatformId::Meituan ? "Meituan" : "Douyin");
            QCOMPARE(cell.data(Model::PlatformRole).toInt(), int(record.platform));
            QCOMPARE(cell.data(Qt::ToolTipRole).toString(), RecordText::platform(record.platform));
            QVERIFY(!model->index(row, Model::StatusColumn).data(Model::PlatformRole).isValid());
            meituanRows += record.platform == PlatformId::Meituan;
        }
        QCOMPARE(meituanRows, 2);
        // The newest is the Meituan refusal: its reason is Meituan's own.
        QCOMPARE(model->index(0, Model::CodeColumn).data().toString(), MEITUAN_USED_CODE);
        QCOMPARE(model->index(0, Model::ReasonColumn).data().toString(), QString("券码已使用"));

        // The cells are badges in the platforms' colours.
        QVERIFY(qobject_cast<PlatformBadgeDelegate *>(
                m_page->table()->itemDelegateForColumn(Model::PlatformColumn)));
        const QRgb meituan = Style::colour(Style::Colour::MeituanBackground).rgb() & 0xffffff;
        const QRgb douyin = Style::colour(Style::Colour::DouyinBackground).rgb() & 0xffffff;
        const QSet<QRgb> meituanCell = coloursIn(model->index(0, Model::PlatformColumn));
        QVERIFY(meituanCell.contains(meituan));
        QVERIFY(!meituanCell.contains(douyin));
        const QSet<QRgb> douyinCell =
                coloursIn(model->index(model->rowCount() - 1, Model::PlatformColumn));
        QVERIFY(douyinCell.contains(douyin));
        QVERIFY(!douyinCell.contains(meituan));
        QVERIFY(!coloursIn(model->index(0, Model::StatusColumn)).contains(meituan));
    }

    void platformFilterNarrowsTheList_data()
    {
        QTest::addColumn<int>("platform"); // -1: all
        QTest::addColumn<bool>("byCombo"); // chosen in the filter bar, or set by the page
        QTest::newRow("all platforms") << -1 << true;
        QTest::newRow("Douyin, in the combo") << int(PlatformId::Douyin) << true;
        QTest::newRow("Meituan, in the combo") << int(PlatformId::Meituan) << true;
        QTest::newRow("Meituan, set by the page") << int(PlatformId::Meituan) << false;
    }

    void platformFilterNarrowsTheList()
    {
        QFETCH(int, platform);
        QFETCH(bool, byCombo);
        m_page->clearFilters();
        QVERIFY(settled());
        const std::optional<PlatformId> chosen =
                platform < 0 ? std::nullopt : std::optional(PlatformId(platform));
        if (byCombo) {
            auto *combo = m_page->findChild<QComboBox *>("platformCombo");
            QVERIFY(combo);
            QCOMPARE(combo->count(), 3);
            QCOMPARE(combo->itemText(0), QString("All"));
            combo->setFocus();
            combo->setCurrentIndex(combo->findData(platform));
            emit combo->activated(combo->currentIndex()); // as a click on the item does
        } else {
            m_page->setPlatformFilter(chosen);
        }
        QVERIFY(settled());
        QCOMPARE(m_page->model()->filter().platform, chosen);
        const int expected = !chosen             ? m_douyinRecords + 2
                : *chosen == PlatformId::Meituan ? 2
                                                 : m_douyinRecords;
        QCOMPARE(m_page->model()->rowCount(), expected);
        QCOMPARE(m_page->model()->total(), qint64(expected));
        QList<qint64> engineIds;
        for (const VerificationRecord &record : m_gateway.list(m_page->model()->filter()).items)
            engineIds << record.id;
        QCOMPARE(shownIds(), engineIds);
        for (int row = 0; row < m_page->model()->rowCount(); ++row) {
            if (chosen)
                QCOMPARE(m_page->model()->record(row).platform, *chosen);
        }
        // Other filters still apply on top of it.
        m_page->setStatusFilter(Status::Success);
        QVERIFY(settled());
        const VerificationFilter both = m_page->model()->filter();
        QCOMPARE(both.platform, chosen);
        QCOMPARE(m_page->model()->total(), m_gateway.list(both).total);
        for (int row = 0; row < m_page->model()->rowCount(); ++row) {
            QCOMPARE(m_page->model()->record(row).verifyStatus, Status::Success);
            if (chosen)
                QCOMPARE(m_page->model()->record(row).platform, *chosen);
        }
        if (chosen == PlatformId::Meituan)
            QCOMPARE(m_page->model()->rowCount(), 1);
        m_page->clearFilters();
        QVERIFY(settled());
        QVERIFY(!m_page->model()->filter().platform);
    }

    void meituanRecordDetailShowsThePlatform()
    {
        m_page->setPlatformFilter(PlatformId::Meituan);
        QVERIFY(settled());
        const int row = rowOfCode(MEITUAN_CODE);
        QVERIFY(row >= 0);
        RecordDetailDialog *dialog = m_page->showDetails(row);
        QSignalSpy loaded(dialog, &RecordDetailDialog::recordLoaded);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(dialog->valueText("platform"), "Meituan / Dianping");
        auto *badge = dialog->findChild<QLabel *>("value_platform");
        QVERIFY(badge->styleSheet().contains(
                Style::colour(Style::Colour::MeituanBackground).name()));
        QCOMPARE(dialog->valueText("origin_code"), MEITUAN_CODE);
        QCOMPARE(dialog->valueText("pay_amount"), "¥199.00");
        bool named = false;
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            named = named || label->text() == "Meituan's answer, as received";
        QVERIFY(named);
        QCOMPARE(QJsonDocument::fromJson(dialog->rawAnswerText().toUtf8()).object().value("code"),
                 QJsonValue("OP_SUCCESS"));
        QVERIFY(DemoGateway::saveScreenshot(dialog, "record_detail_meituan_en"));
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(dialog->valueText("platform"), "美团/点评");
        QVERIFY(DemoGateway::saveScreenshot(dialog, "record_detail_meituan_zh_CN"));
        QVERIFY(m_gateway.setChinese(false));
        dialog->close();
        m_page->clearFilters();
        QVERIFY(settled());
    }

    void csvCarriesThePlatform_data()
    {
        QTest::addColumn<int>("platform"); // -1: all
        QTest::newRow("every record") << -1;
        QTest::newRow("Meituan only") << int(PlatformId::Meituan);
    }

    void csvCarriesThePlatform()
    {
        QFETCH(int, platform);
        m_page->setPlatformFilter(platform < 0 ? std::nullopt
                                               : std::optional(PlatformId(platform)));
        QVERIFY(settled());
        const QString path = m_out.filePath(QString("platform%1.csv").arg(platform));
        RecordExport *exporter = m_page->exportCsv(path);
        QSignalSpy exported(exporter, &RecordExport::exported);
        QVERIFY(exported.wait(10000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll().mid(3)));
        const int column = rows.first().indexOf("platform");
        QVERIFY(column >= 0);
        QMap<QString, int> platforms; // the column's values, counted
        QHash<QString, QString> byCode;
        for (int i = 1; i < rows.size(); ++i) {
            ++platforms[rows.at(i).at(column)];
            byCode.insert(rows.at(i).at(rows.first().indexOf("origin_code")),
                          rows.at(i).at(column));
        }
        QMap<QString, int> expected{{"meituan", 2}};
        if (platform < 0)
            expected.insert("douyin", m_douyinRecords);
        QCOMPARE(platforms, expected);
        QCOMPARE(byCode.value(MEITUAN_CODE), QString("meituan"));
        m_page->clearFilters();
        QVERIFY(settled());
    }

    void screenshots()
    {
        m_page->clearFilters();
        QVERIFY(settled());
        m_page->table()->selectRow(1);
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "records_en"));
        QVERIFY(m_gateway.setChinese(true));
        QCOMPARE(m_page->model()->headerData(Model::StatusColumn, Qt::Horizontal).toString(),
                 "状态");
        QVERIFY(hasHan(m_page->model()->index(0, Model::StatusColumn).data().toString()));
        QVERIFY(DemoGateway::saveScreenshot(m_page.get(), "records_zh_CN"));
        QVERIFY(m_gateway.setChinese(false));
    }

    void largeListsLoadLazilyAndExportInChunks()
    {
        // Records of a day long ago, written straight to the repository: the list and the
        // export must page through them.
        const QDate day = QDate::currentDate().addDays(-SYNTHETIC_DAYS_AGO);
        const qint64 start = QDateTime(day, QTime(9, 0)).toMSecsSinceEpoch();
        const bool inserted = m_gateway.onEngine([&](GatewayRuntime *runtime) {
            QList<VerificationRecord> records;
            for (int i = 0; i < SYNTHETIC_RECORDS; ++i) {
                VerificationRecord record;
                record.poiId = m_stores.at(i % 3).poiId;
                record.sourceInput = QString("%1").arg(100000000 + i);
                record.originCode = record.sourceInput;
                record.verifyStatus = i % 10 == 0 ? Status::Failed : Status::Success;
                record.productName = "批量, \"测试\"";
                record.payAmount = 1000 + i;
                record.createdAt = start + i * 1000;
                records << record;
            }
            return runtime->engine()->repository()->insertPending(records).ok();
        });
        QVERIFY(inserted);

        m_page->setCustomDates(day, day);
        QVERIFY(settled());
        QCOMPARE(m_page->model()->total(), qint64(SYNTHETIC_RECORDS));
        // One page only, until the list is scrolled to its end.
        QCOMPARE(m_page->model()->rowCount(), Model::PAGE_SIZE);
        m_page->table()->scrollToBottom();
        QTRY_COMPARE(m_page->model()->rowCount(), 2 * Model::PAGE_SIZE);

        const QString path = m_out.filePath("many.csv");
        RecordExport *exporter = m_page->exportCsv(path);
        QSignalSpy progressed(exporter, &RecordExport::progressed);
        QSignalSpy exported(exporter, &RecordExport::exported);
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.first().at(1).toLongLong(), qint64(SYNTHETIC_RECORDS));
        // 500, 1000, 1234: one chunk at a time.
        QCOMPARE(progressed.size(), 3);
        QCOMPARE(progressed.at(0).at(0).toLongLong(), qint64(RecordExport::CHUNK_SIZE));
        QCOMPARE(progressed.at(0).at(1).toLongLong(), qint64(SYNTHETIC_RECORDS));
        QCOMPARE(progressed.last().at(0).toLongLong(), qint64(SYNTHETIC_RECORDS));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll().mid(3)));
        QCOMPARE(rows.size(), SYNTHETIC_RECORDS + 1);
        QSet<QString> ids;
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows.at(i).size(), 48);
            QCOMPARE(rows.at(i).at(12), "批量, \"测试\"");
            ids.insert(rows.at(i).at(0));
        }
        QCOMPARE(ids.size(), SYNTHETIC_RECORDS);
    }

    void exportCanBeCancelled()
    {
        QCOMPARE(m_page->model()->total(), qint64(SYNTHETIC_RECORDS));
        const QString path = m_out.filePath("cancelled.csv");
        RecordExport *exporter = m_page->exportCsv(path);
        QSignalSpy progressed(exporter, &RecordExport::progressed);
        QSignalSpy cancelled(exporter, &RecordExport::cancelled);
        QSignalSpy exported(exporter, &RecordExport::exported);
        QVERIFY(progressed.wait(10000));
        auto *progress = m_page->findChild<QProgressDialog *>();
        QVERIFY(progress);
        QCOMPARE(progress->maximum(), SYNTHETIC_RECORDS);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QCOMPARE(cancelled.size(), 1);
        QVERIFY(!exporter->isRunning());
        // No file, not even the temporary one, once the file's thread has dropped it.
        QTRY_COMPARE(QDir(m_out.path()).entryList({"cancelled.csv*"}, QDir::Files).size(), 0);
        QCOMPARE(exported.size(), 0);
        QVERIFY(!m_page->findChild<QProgressDialog *>()
                || !m_page->findChild<QProgressDialog *>()->isVisible());
    }
};

QTEST_MAIN(tst_RecordsPage)
#include "tst_recordspage.moc"
