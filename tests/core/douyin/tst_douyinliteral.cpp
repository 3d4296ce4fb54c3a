#include <optional>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "tests/common/scripteddouyin.h"

#include "core/douyin/douyinclient.h"
#include "core/douyin/douyinplatform.h"
#include "core/store/database.h"
#include "core/store/verificationrepository.h"
#include "core/verify/verificationservice.h"

using Action = ScriptedDouyin::Action;

namespace {

// ---- Douyin's answers as its documents print them (DOUYIN.md, seed 003) ----

// DOUYIN.md §1.
const QByteArray TOKEN_ANSWER =
        R"({"data": {"access_token": "clt.943da17996fb5cebfbc70c044c3fc25a57T54DcjT6HNKGqnUdxzy1KcxFnZ", "expires_in": 7200, "error_code": 0,
"description": ""}, "message": "success"})";

// Seed 003, 正常响应示例, unchanged.
const QByteArray SEED_003_ANSWER =
        R"SEED({ "data": { "certificates": [ { "additional_map": { "1": "uyILMUeXbZ" }, "amount": { "brand_ticket_amount": 8357158639585252000, "coupon_pay_amount": 7807497714196966000, "list_market_amount": 3619152578950003700, "merchant_ticket_amount": 4560406754322597400, "origin_list_market_amount": 4352579040395800000, "original_amount": 6694326159446408000, "original_currency": "A3VoTMGwWt", "pay_amount": 1837460149164296700, "payment_discount_amount": 906248503493487500, "platform_discount_amount": 5104683162675751000 }, "book_info": { "book_poi_id": "cjD4xHuEBg", "book_product_number": 3513574289915437000 }, "certificate_id": 40340243935541530, "code": "cws3HcqS5v", "encrypted_code": "e8H3fyOC0g", "expire_time": 5888656226836721000, "not_available_time_info": { "can_no_use_date": [ { "end_time": 9040272521292018000, "start_time": 5430971732306888000 } ], "can_no_use_week_day": [ 3182477009653998600 ], "fulfil_enable": false }, "off_peak_discount_info": { "has_off_peak_discount": false, "idle_time_limit_type": 1, "off_peak_time_range": [ { "daily_time_range_list": [ { "end_time": "IAapiuJ73f", "end_time_is_next_day": false, "start_time": "C0ElBGt4UD" } ], "end_time": 4482368287561413000, "start_time": 81831449023452850, "week_day_list": [ 1 ] } ] }, "period_card": { "period_type": 1 }, "reserve_info": { "order_reserve_user_info_list": [ { "credential_numb": "N7FHvcmraU", "credential_type": 1, "name": "TA0UfwjElB", "phone": "CkIeDIq1Gc" } ] }, "sku": { "account_id": "botujGbDuO", "groupon_type": 1, "market_price": 3686800331415622700, "product_id": "mt1YM5hWoB", "product_out_id": "HcVCfKrJkl", "sku_id": "d2LZwIQ4y2", "sku_out_id": "MwBaRekeyU", "sold_start_time": 559141672905138560, "third_sku_id": "ZEFaBbprkt", "title": "1o0wN21Vzg" }, "start_time": 1847684367554818000, "status": 1, "time_card": { "serial_amount_list": [ { "amount": { "brand_ticket_amount": 1593680747448080400, "coupon_pay_amount": 1992430894850719000, "list_market_amount": 1480303845681506800, "merchant_ticket_amount": 971988706139910900, "origin_list_market_amount": 788915051522937300, "original_amount": 4246645804976319000, "original_currency": "tS9JOrjB0Q", "pay_amount": 3381296529552896500, "payment_discount_amount": 7913994109094023000, "platform_discount_amount": 4774734410388958000 }, "serial_numb": 5334298521804750000 } ], "times_count": 6598224680460579000, "times_used": 4481550764903564000 }, "use_time_info": { "time_period_list": [ { "end_time": "M1qv3F85YQ", "end_time_is_next_day": false, "start_time": "TOdOYoDG8k" } ], "use_time_type": 1 }, "used_status_type": 1, "verify": { "can_cancel": false, "certificate_id": "84g0z3FKmF", "poi_id": 3392495962948926000, "times_card_serial_num": 4637733343372667000, "verifier_unique_id": "JRs2hQWQW6", "verify_id": "rJacp13kZ6", "verify_time": 8685657061963264000, "verify_type": 1 }, "verify_records": [ { "can_cancel": false, "certificate_id": "w7UEtIkEwl", "poi_id": 8762731658845330000, "times_card_serial_num": 4805067508546278000, "verifier_unique_id": "bBWgdyiT8H", "verify_id": "0HFc1dto99", "verify_time": 2573227616408257500, "verify_type": 1 } ] } ], "certificates_v2": [ { "additional_map": { "1": "CRsNJvHNQI" }, "amount": { "brand_ticket_amount": 1732774248132947000, "coupon_pay_amount": 5466668210686048000, "list_market_amount": 7153276670801893000, "merchant_ticket_amount": 5437520476186095000, "origin_list_market_amount": 263277126909104060, "original_amount": 2343392106112534000, "original_currency": "UxYzlhhvun", "pay_amount": 1246604906955555000, "payment_discount_amount": 8777412434407065000, "platform_discount_amount": 1861352403156947200 }, "book_info": { "book_poi_id": "LRpUfsBfrP", "book_product_number": 6224605326555846000 }, "certificate_id": 125451843249261810, "code": "Xol8vl0xpj", "encrypted_code": "l8J0AJdYfP", "expire_time": 4775373367967075000, "not_available_time_info": { "can_no_use_date": [ { "end_time": 9029854410889110000, "start_time": 4550403549563378000 } ], "can_no_use_week_day": [ 3252879261348353500 ], "fulfil_enable": false }, "off_peak_discount_info": { "has_off_peak_discount": false, "idle_time_limit_type": 1, "off_peak_time_range": [ { "daily_time_range_list": [ { "end_time": "XKIWBAHZwY", "end_time_is_next_day": false, "start_time": "0qSyINOln9" } ], "end_time": 4303893753096507400, "start_time": 1788299719004126700, "week_day_list": [ 1 ] } ] }, "period_card": { "period_type": 1 }, "reserve_info": { "order_reserve_user_info_list": [ { "credential_numb": "j22zeMykew", "credential_type": 1, "name": "roN2AjNcvt", "phone": "Ypnjb3Hfyv" } ] }, "sku": { "account_id": "10BKP8DcKD", "groupon_type": 1, "market_price": 7208486722720028000, "product_id": "MVAgLTWTDu", "product_out_id": "98qZmQU96G", "sku_id": "7229DtO88C", "sku_out_id": "12gF8Y6Sex", "sold_start_time": 1686581037456668000, "third_sku_id": "ixlIhTvcDs", "title": "Yvn1dj0Xjb" }, "start_time": 4495865421297407500, "status": 1, "time_card": { "serial_amount_list": [ { "amount": { "brand_ticket_amount": 3261062799856547300, "coupon_pay_amount": 7163076619342783000, "list_market_amount": 5177715257021877000, "merchant_ticket_amount": 7191692292507111000, "origin_list_market_amount": 8066336774513625000, "original_amount": 2572646666840376300, "original_currency": "1OgOzNXZA5", "pay_amount": 6421355762846010000, "payment_discount_amount": 5264689718262844000, "platform_discount_amount": 3617400034881739300 }, "serial_numb": 4750574331595699000 } ], "times_count": 6475167142850470000, "times_used": 4825116024161921000 }, "use_time_info": { "time_period_list": [ { "end_time": "ML2DvuSh3J", "end_time_is_next_day": false, "start_time": "AzjoGr2Yjk" } ], "use_time_type": 1 }, "used_status_type": 1, "verify": { "can_cancel": false, "certificate_id": "uTmR52T5nq", "poi_id": 8132391789364797000, "times_card_serial_num": 4586282792075720000, "verifier_unique_id": "4xqvR5evYz", "verify_id": "9fB2CTFYuc", "verify_time": 8841434190948871000, "verify_type": 1 }, "verify_records": [ { "can_cancel": false, "certificate_id": "uNHXTypiaL", "poi_id": 8930346993461892000, "times_card_serial_num": 2764819111680258600, "verifier_unique_id": "SWBpO7FfaZ", "verify_id": "vmsP1Kr0V5", "verify_time": 3444442507459414500, "verify_type": 1 } ] } ], "error_code": 0, "description": "" }, "extra": { "error_code": 0, "description": "", "sub_error_code": 0, "sub_description": "", "logid": "202412141738028C85F64D6CE2147AF797", "now": 1734169082 } })SEED";

// DOUYIN.md §2's shape, with values.
const QByteArray PREPARE_ANSWER =
        R"({"data": {"verify_token": "vt-7f3a", "order_id": "1064421963820712345",
 "certificates": [{"encrypted_code": "CgwIARC2ChiZj6QFIAEaIA", "certificate_id": 7200000000000012345,
                   "start_time": 1733000000, "expire_time": 1764536000,
                   "amount": {"original_amount": 12800, "pay_amount": 9900, "coupon_pay_amount": 9900,
                              "merchant_ticket_amount": 0, "list_market_amount": 12800,
                              "platform_discount_amount": 0, "payment_discount_amount": 0},
                   "sku": {"sku_id": "1789012345678901234", "title": "双人套餐", "groupon_type": 1, "market_price": 12800,
                           "sold_start_time": 1730000000, "third_sku_id": "", "account_id": "7000000000000000001"}}],
 "error_code": 0, "description": ""},
 "extra": {"error_code": 0, "description": "", "sub_error_code": 0, "sub_description": "", "logid": "20241214173802PREPARE", "now": 1734169082}})";

// DOUYIN.md §3's shape; `result` is the one thing the rows change.
QByteArray verifyAnswer(int result)
{
    return QByteArray(R"({"data": {"verify_results": [{"result": )") + QByteArray::number(result)
            + R"(, "msg": "", "code": "CgwIARC2ChiZj6QFIAEaIA", "origin_code": "104215899012345",
                     "verify_id": "7010000000000054321", "certificate_id": 7200000000000012345, "verify_time": 1734169090,
                     "account_id": "7000000000000000001", "order_id": "1064421963820712345"}],
 "error_code": 0, "description": ""},
 "extra": {"error_code": 0, "description": "", "sub_error_code": 0, "sub_description": "", "logid": "20241214173810VERIFY", "now": 1734169090}})";
}

// An error only in extra (data empty), and only in data (extra all zero).
const QByteArray ERROR_IN_EXTRA =
        R"({"data": {}, "extra": {"error_code": 2119005, "description": "应用未获商家授权", "sub_error_code": 0, "sub_description": "", "logid": "2024121417380EXTRA", "now": 1734169082}})";
const QByteArray ERROR_IN_DATA =
        R"({"data": {"error_code": 1205, "description": "券码不存在"}, "extra": {"error_code": 0, "description": "", "sub_error_code": 0, "sub_description": "", "logid": "2024121417380DATA", "now": 1734169082}})";
const QByteArray TOKEN_THROTTLED =
        R"({"data": {"error_code": 10020, "description": "请求太频繁"}, "message": "error"})";

constexpr char TOKEN_PATH[] = "/oauth/client_token/";
constexpr char PREPARE_PATH[] = "/goodlife/v1/fulfilment/certificate/prepare/";
constexpr char VERIFY_PATH[] = "/goodlife/v1/fulfilment/certificate/verify/";
constexpr char QUERY_PATH[] = "/goodlife/v1/compre_retail/fulfilment/certificate/query/";

template <typename T>
Result<T, Douyin::Error>
await(const std::function<void(std::function<void(const Result<T, Douyin::Error> &)>)> &start)
{
    std::optional<Result<T, Douyin::Error>> outcome;
    start([&outcome](const Result<T, Douyin::Error> &r) { outcome = r; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return Douyin::Error::make(Douyin::Error::Kind::Unavailable, "test timed out");
    return *outcome;
}

} // namespace

// The client against literal answers from Douyin's documents, served by a scripted server
// this project's sandbox has no part in, and against every way an answer gets lost.
class tst_DouyinLiteral : public QObject
{
    Q_OBJECT

private:
    void newClient()
    {
        m_douyin = std::make_unique<ScriptedDouyin>();
        m_douyin->setDefault(TOKEN_PATH, Action::answer(TOKEN_ANSWER));
        m_client = std::make_unique<DouyinClient>();
        DouyinClient::Config config;
        config.baseUrl = QUrl(m_douyin->baseUrl());
        config.clientKey = "literal_key";
        config.clientSecret = "literal_secret";
        config.requestTimeoutMs = 1000;
        m_client->setConfig(config);
    }

    Result<Douyin::VerifyResult, Douyin::Error> verify()
    {
        Douyin::VerifyRequest request;
        request.verifyToken = "vt-7f3a";
        request.poiId = "7000000000000000777";
        request.encryptedCodes = {"CgwIARC2ChiZj6QFIAEaIA"};
        return await<Douyin::VerifyResult>(
                [&](auto done) { m_client->verify(request, this, done); });
    }

    std::unique_ptr<ScriptedDouyin> m_douyin;
    std::unique_ptr<DouyinClient> m_client;

private slots:
    void init() { newClient(); }

    void seed003BatchQuery()
    {
        m_douyin->script(QUERY_PATH, Action::answer(SEED_003_ANSWER));
        const auto result = await<Douyin::CertificateQueryResult>([&](auto done) {
            m_client->certificateQuery({"ffDD4CBXHx", "1tLlOeYCID"}, this, done);
        });
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(m_douyin->received().last().query,
                 "encrypted_code=ffDD4CBXHx&order_id=1tLlOeYCID");
        const Douyin::CertificateState &state = result.value().certificates.first();
        QCOMPARE(state.certificateId, "40340243935541530"); // a number beyond 2^53, exact
        QCOMPARE(state.encryptedCode, "e8H3fyOC0g");
        QCOMPARE(state.code, "cws3HcqS5v");
        QCOMPARE(state.status, 1);
        QCOMPARE(state.sku.skuId, "d2LZwIQ4y2");
        QCOMPARE(state.sku.title, "1o0wN21Vzg");
        QVERIFY(state.hasVerify);
        QCOMPARE(state.verify.verifyId, "rJacp13kZ6");
        QCOMPARE(state.verify.poiId, "3392495962948926000");
        QCOMPARE(state.verify.verifierUniqueId, "JRs2hQWQW6");
        QCOMPARE(state.verifyRecords.size(), 1);
        QCOMPARE(state.verifyRecords.first().verifyId, "0HFc1dto99");
        QCOMPARE(state.verifyRecords.first().poiId, "8762731658845330000");
        QCOMPARE(result.value().raw.value("extra").toObject().value("logid").toString(),
                 "202412141738028C85F64D6CE2147AF797");
    }

    void prepareAsDocumented()
    {
        m_douyin->script(PREPARE_PATH, Action::answer(PREPARE_ANSWER));
        const auto result = await<Douyin::PrepareResult>([&](auto done) {
            m_client->prepare({{}, "104215899012345", {}}, this, done);
        });
        QVERIFY(result.ok());
        QCOMPARE(result.value().verifyToken, "vt-7f3a");
        QCOMPARE(result.value().orderId, "1064421963820712345");
        const Douyin::PreparedCertificate &certificate = result.value().certificates.first();
        QCOMPARE(certificate.certificateId, "7200000000000012345");
        QCOMPARE(certificate.amount.payAmount, 9900);
        QCOMPARE(certificate.sku.title, QString::fromUtf8("双人套餐"));
        QCOMPARE(m_douyin->received().last().query, "code=104215899012345");
    }

    void errorPlacement_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<qint64>("code");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("logid");
        QTest::newRow("only in extra")
                << ERROR_IN_EXTRA << qint64(2119005) << QString::fromUtf8("应用未获商家授权")
                << "2024121417380EXTRA";
        QTest::newRow("only in data") << ERROR_IN_DATA << qint64(1205)
                                      << QString::fromUtf8("券码不存在") << "2024121417380DATA";
    }

    void errorPlacement()
    {
        QFETCH(QByteArray, answer);
        QFETCH(qint64, code);
        QFETCH(QString, description);
        QFETCH(QString, logid);
        m_douyin->script(PREPARE_PATH, Action::answer(answer));
        const auto result = await<Douyin::PrepareResult>([&](auto done) {
            m_client->prepare({{}, "104215899012345", {}}, this, done);
        });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Douyin::Error::Kind::Rejected);
        QCOMPARE(result.error().code, code);
        QCOMPARE(result.error().description, description);
        QCOMPARE(result.error().logid, logid);
        QCOMPARE(m_douyin->count(PREPARE_PATH), 1); // a refusal is not retried
    }

    // What the client does with each way the verify answer gets lost. Qt resends the POST on
    // FIN/RST before any answer byte: the client sees the second answer (1208: applied).
    void lostVerifyAnswer_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<bool>("answered");
        QTest::addColumn<int>("requests");
        QTest::newRow("FIN, no byte") << int(Action::Kind::Fin) << true << 2;
        QTest::newRow("RST, no byte") << int(Action::Kind::Reset) << true << 2;
        QTest::newRow("half an answer") << int(Action::Kind::Half) << false << 1;
        QTest::newRow("silence until the timeout") << int(Action::Kind::Silence) << false << 1;
    }

    void lostVerifyAnswer()
    {
        QFETCH(int, shape);
        QFETCH(bool, answered);
        QFETCH(int, requests);
        Action lost{Action::Kind(shape), verifyAnswer(0)};
        m_douyin->script(VERIFY_PATH, lost);
        m_douyin->script(VERIFY_PATH, Action::answer(verifyAnswer(1208)));
        const auto result = verify();
        QCOMPARE(m_douyin->count(VERIFY_PATH), requests);
        if (answered) {
            QVERIFY(result.ok());
            QCOMPARE(result.value().results.first().result, 1208);
            // The resend is byte for byte the request: same verify_token.
            QCOMPARE(m_douyin->received().last().body,
                     m_douyin->received().at(m_douyin->received().size() - 2).body);
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().kind, Douyin::Error::Kind::Unknown);
        }
    }

    void clientTokenThrottled()
    {
        m_douyin->setDefault(TOKEN_PATH, Action::answer(TOKEN_THROTTLED));
        const auto first = verify();
        QVERIFY(!first.ok());
        QCOMPARE(first.error().code, qint64(10020));
        const auto second = verify();
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, Douyin::Error::Kind::Cooldown);
        QVERIFY(second.error().retryAfterSeconds > 0);
        QCOMPARE(m_douyin->count(TOKEN_PATH), 1);
        QCOMPARE(m_douyin->count(VERIFY_PATH), 0);
    }

    // The engine on the scripted Douyin: a first answer of 1208 or 2 under our own token is
    // this verification's success, with Douyin's logid kept.
    void engineTakesAlreadyAppliedAsSuccess_data()
    {
        QTest::addColumn<int>("result");
        QTest::newRow("0") << 0;
        QTest::newRow("1208 in the first answer") << 1208;
        QTest::newRow("2 in the first answer") << 2;
    }

    void engineTakesAlreadyAppliedAsSuccess()
    {
        QFETCH(int, result);
        QTemporaryDir dir;
        auto database = Database::openInDir(dir.path());
        QVERIFY(database.ok());
        DouyinPlatform platform(m_client.get());
        VerificationService engine(database.value().get(), {&platform});
        engine.start();
        m_douyin->script(PREPARE_PATH, Action::answer(PREPARE_ANSWER));
        m_douyin->script(VERIFY_PATH, Action::answer(verifyAnswer(result)));
        VerifyCommand command;
        command.poiId = "7000000000000000777";
        command.code = "104215899012345";
        std::optional<VerifyOutcome> outcome;
        engine.verify(command, this, [&](const VerifyOutcome &o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
        QCOMPARE(outcome->kind, VerifyOutcome::Kind::Answered);
        const VerificationRecord &record = outcome->records.first();
        QCOMPARE(record.verifyStatus, VerificationRecord::Status::Success);
        QVERIFY(!record.errorCode.has_value());
        QCOMPARE(record.verifyId, "7010000000000054321");
        QCOMPARE(record.certificateId, "7200000000000012345");
        QCOMPARE(record.logid, "20241214173810VERIFY");
        QCOMPARE(m_douyin->count(VERIFY_PATH), 1);
    }
};

QTEST_GUILESS_MAIN(tst_DouyinLiteral)
#include "tst_douyinliteral.moc"
