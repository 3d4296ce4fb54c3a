#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "core/douyin/douyinapi.h"
#include "core/sandbox/sandboxstate.h"

namespace {

constexpr qint64 START = 1700000000;
const QString KEY = QStringLiteral("sandbox_client_key");
const QString SECRET = QStringLiteral("sandbox_client_secret");
const QString GRANT = QStringLiteral("client_credential");

using Status = DouyinApi::CertificateStatus;

struct Fixture
{
    std::shared_ptr<qint64> clock = std::make_shared<qint64>(START);
    std::unique_ptr<SandboxState> state;

    explicit Fixture(bool demo = false)
    {
        SandboxConfig config;
        config.seedDemoData = demo;
        config.tokenLifetimeSeconds = 7200;
        config.tokenGraceSeconds = 300;
        config.verifyTokenLifetimeSeconds = 1800;
        config.clock = [c = clock] {
            return *c;
        };
        state = std::make_unique<SandboxState>(config);
    }

    void advance(qint64 seconds) { *clock += seconds; }

    SandboxState::MintedOrder mint(int certificates = 1, const QString &poiId = {},
                                   std::optional<qint64> expireTime = {})
    {
        SandboxState::OrderSpec spec;
        spec.certificates = certificates;
        spec.poiId = poiId;
        spec.expireTime = expireTime;
        auto minted = state->mintOrder(spec);
        if (!minted.ok())
            qFatal("mint failed: %s", qPrintable(minted.error().message));
        return minted.value();
    }

    QString token()
    {
        const SandboxAnswer answer = state->issueClientToken(KEY, SECRET, GRANT);
        return answer.data.value(QStringLiteral("access_token")).toString();
    }

    SandboxAnswer prepareCode(const QString &code) { return state->prepare({}, code); }

    static QString verifyToken(const SandboxAnswer &prepared)
    {
        return prepared.data.value(QStringLiteral("verify_token")).toString();
    }

    SandboxAnswer verify(const QString &verifyToken, const QString &poiId, const QStringList &codes,
                         bool plain = false)
    {
        SandboxState::VerifyRequest request;
        request.verifyToken = verifyToken;
        request.poiId = poiId;
        request.codes = codes;
        request.plainCodes = plain;
        return state->verify(request);
    }

    static QJsonObject result(const SandboxAnswer &answer, int index = 0)
    {
        return answer.data.value(QStringLiteral("verify_results")).toArray().at(index).toObject();
    }

    static qint64 resultCode(const SandboxAnswer &answer, int index = 0)
    {
        return result(answer, index).value(QStringLiteral("result")).toInteger(-1);
    }

    Status status(const QString &certificateId) const
    {
        return state->status(*state->certificate(certificateId));
    }

    SandboxAnswer cancel(const QString &verifyId, const QString &certificateId,
                         const QString &cancelToken = {})
    {
        SandboxState::CancelRequest request;
        request.verifyId = verifyId;
        request.certificateId = certificateId;
        request.cancelToken = cancelToken;
        return state->cancel(request);
    }

    // Prepares and verifies the certificate by its code; the verify_id.
    QString verifyOne(const SandboxState::MintedOrder &order, int index = 0)
    {
        const QString token = verifyToken(prepareCode(order.codes.at(index)));
        return result(verify(token, order.poiId, {order.encryptedCodes.at(index)}))
                .value(QStringLiteral("verify_id"))
                .toString();
    }
};

} // namespace

class tst_SandboxState : public QObject
{
    Q_OBJECT

private slots:
    // ---- client tokens

    void clientTokenCredentials_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("grant");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("right credentials") << KEY << SECRET << GRANT << qint64(DouyinApi::OK);
        QTest::newRow("wrong key")
                << "nope" << SECRET << GRANT << qint64(DouyinApi::CLIENT_KEY_INVALID);
        QTest::newRow("empty key")
                << "" << SECRET << GRANT << qint64(DouyinApi::CLIENT_KEY_INVALID);
        QTest::newRow("wrong secret")
                << KEY << "nope" << GRANT << qint64(DouyinApi::CLIENT_SECRET_INVALID);
        QTest::newRow("wrong grant type")
                << KEY << SECRET << "authorization_code" << qint64(DouyinApi::BAD_PARAMETER);
    }

    void clientTokenCredentials()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        QFETCH(QString, grant);
        QFETCH(qint64, expected);
        Fixture f;
        const SandboxAnswer answer = f.state->issueClientToken(key, secret, grant);
        QCOMPARE(answer.errorCode, expected);
        if (expected == DouyinApi::OK) {
            const QString token = answer.data.value(QStringLiteral("access_token")).toString();
            QVERIFY2(token.startsWith(QStringLiteral("clt.")), qPrintable(token));
            QVERIFY(token.size() > 40);
            QCOMPARE(answer.data.value(QStringLiteral("expires_in")).toInt(), 7200);
            QCOMPARE(f.state->checkAccessToken(token), qint64(DouyinApi::OK));
        } else {
            QVERIFY(!answer.description.isEmpty());
        }
    }

    void tokenExpiresAfterLifetime()
    {
        Fixture f;
        const QString token = f.token();
        f.advance(7199);
        QCOMPARE(f.state->checkAccessToken(token), qint64(DouyinApi::OK));
        f.advance(1);
        QCOMPARE(f.state->checkAccessToken(token), qint64(DouyinApi::TOKEN_EXPIRED));
    }

    void previousTokenKeepsGracePeriod()
    {
        Fixture f;
        const QString first = f.token();
        f.advance(1000);
        const QString second = f.token();
        QVERIFY(first != second);
        QCOMPARE(f.state->checkAccessToken(first), qint64(DouyinApi::OK));
        f.advance(299);
        QCOMPARE(f.state->checkAccessToken(first), qint64(DouyinApi::OK));
        f.advance(1);
        QCOMPARE(f.state->checkAccessToken(first), qint64(DouyinApi::TOKEN_EXPIRED));
        QCOMPARE(f.state->checkAccessToken(second), qint64(DouyinApi::OK));
    }

    void onlyTheTwoNewestTokensAreValid()
    {
        Fixture f;
        const QString first = f.token();
        const QString second = f.token();
        const QString third = f.token();
        QCOMPARE(f.state->checkAccessToken(first), qint64(DouyinApi::TOKEN_EXPIRED));
        QCOMPARE(f.state->checkAccessToken(second), qint64(DouyinApi::OK));
        QCOMPARE(f.state->checkAccessToken(third), qint64(DouyinApi::OK));
    }

    void graceNeverExtendsLifetime()
    {
        Fixture f;
        const QString first = f.token();
        f.advance(7100); // 100 s of life left, less than the grace period
        const QString second = f.token();
        f.advance(100);
        QCOMPARE(f.state->checkAccessToken(first), qint64(DouyinApi::TOKEN_EXPIRED));
        QCOMPARE(f.state->checkAccessToken(second), qint64(DouyinApi::OK));
    }

    void unknownTokensAreInvalid_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("never issued") << QStringLiteral("clt.0123456789abcdef");
        QTest::newRow("garbage") << QStringLiteral("\x01\x02 not a token");
    }

    void unknownTokensAreInvalid()
    {
        QFETCH(QString, token);
        Fixture f;
        const QString issued = f.token();
        QCOMPARE(f.state->checkAccessToken(token), qint64(DouyinApi::TOKEN_INVALID));
        QCOMPARE(f.state->checkAccessToken(issued), qint64(DouyinApi::OK));
    }

    void expireAllTokens()
    {
        Fixture f;
        const QString first = f.token();
        const QString second = f.token();
        QCOMPARE(f.state->expireAllTokens(), 2);
        QCOMPARE(f.state->checkAccessToken(first), qint64(DouyinApi::TOKEN_EXPIRED));
        QCOMPARE(f.state->checkAccessToken(second), qint64(DouyinApi::TOKEN_EXPIRED));
        QCOMPARE(f.state->expireAllTokens(), 0);
        QCOMPARE(f.state->checkAccessToken(f.token()), qint64(DouyinApi::OK));
    }

    void clientTokenIsThrottled()
    {
        Fixture f;
        for (int i = 0; i < DouyinApi::CLIENT_TOKEN_THROTTLE_CALLS; ++i)
            QCOMPARE(f.state->issueClientToken(KEY, SECRET, GRANT).errorCode, qint64(0));
        QCOMPARE(f.state->issueClientToken(KEY, SECRET, GRANT).errorCode,
                 qint64(DouyinApi::CLIENT_TOKEN_THROTTLED));
        // Wrong keys are not counted against the real key.
        QCOMPARE(f.state->issueClientToken(QStringLiteral("other"), SECRET, GRANT).errorCode,
                 qint64(DouyinApi::CLIENT_KEY_INVALID));
        f.advance(DouyinApi::CLIENT_TOKEN_THROTTLE_WINDOW_SECONDS);
        QCOMPARE(f.state->issueClientToken(KEY, SECRET, GRANT).errorCode, qint64(0));
    }

    // ---- prepare

    void prepareParameters_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<int>("listed");
        QTest::newRow("by code") << "code" << qint64(DouyinApi::OK) << 1;
        QTest::newRow("by encrypted_data") << "encrypted_data" << qint64(DouyinApi::OK) << 3;
        QTest::newRow("neither") << "neither" << qint64(DouyinApi::BAD_PARAMETER) << 0;
        QTest::newRow("both") << "both" << qint64(DouyinApi::BAD_PARAMETER) << 0;
        QTest::newRow("unknown code")
                << "unknown code" << qint64(DouyinApi::CERTIFICATE_NOT_FOUND) << 0;
        QTest::newRow("unknown encrypted_data")
                << "unknown encrypted_data" << qint64(DouyinApi::CERTIFICATE_NOT_FOUND) << 0;
        QTest::newRow("used code") << "used code" << qint64(DouyinApi::CERTIFICATE_USED) << 0;
        QTest::newRow("expired code")
                << "expired code" << qint64(DouyinApi::CERTIFICATE_EXPIRED) << 0;
        QTest::newRow("refunded code")
                << "refunded code" << qint64(DouyinApi::CERTIFICATE_REFUNDED) << 0;
        QTest::newRow("whole order used")
                << "whole order used" << qint64(DouyinApi::CERTIFICATE_USED) << 0;
        QTest::newRow("order partly used") << "order partly used" << qint64(DouyinApi::OK) << 2;
    }

    void prepareParameters()
    {
        QFETCH(QString, scenario);
        QFETCH(qint64, expected);
        QFETCH(int, listed);
        Fixture f;
        const auto order = f.mint(3);
        const auto expired = f.mint(1, {}, START - 1);
        const QString encryptedData = f.state->order(order.orderId)->encryptedData;
        const auto verifyAll = [&](const QStringList &codes) {
            const QString token = Fixture::verifyToken(f.state->prepare(encryptedData, {}));
            QCOMPARE(Fixture::resultCode(f.verify(token, order.poiId, codes)), qint64(0));
        };

        SandboxAnswer answer;
        if (scenario == u"code") {
            answer = f.prepareCode(order.codes.at(1));
        } else if (scenario == u"encrypted_data") {
            answer = f.state->prepare(encryptedData, {});
        } else if (scenario == u"neither") {
            answer = f.state->prepare({}, {});
        } else if (scenario == u"both") {
            answer = f.state->prepare(encryptedData, order.codes.at(0));
        } else if (scenario == u"unknown code") {
            answer = f.prepareCode(QStringLiteral("999999999999999"));
        } else if (scenario == u"unknown encrypted_data") {
            answer = f.state->prepare(QStringLiteral("bm90LWEtcmVhbC1vcmRlcg"), {});
        } else if (scenario == u"used code") {
            verifyAll({order.encryptedCodes.at(0)});
            answer = f.prepareCode(order.codes.at(0));
        } else if (scenario == u"expired code") {
            answer = f.prepareCode(expired.codes.at(0));
        } else if (scenario == u"refunded code") {
            QVERIFY(f.state->refund(order.orderId, {order.certificateIds.at(2)}).ok());
            answer = f.prepareCode(order.codes.at(2));
        } else if (scenario == u"whole order used") {
            verifyAll(order.encryptedCodes);
            answer = f.state->prepare(encryptedData, {});
        } else if (scenario == u"order partly used") {
            verifyAll({order.encryptedCodes.at(0)});
            answer = f.state->prepare(encryptedData, {});
        }

        QCOMPARE(answer.errorCode, expected);
        QCOMPARE(answer.data.value(QStringLiteral("certificates")).toArray().size(), listed);
        if (expected != DouyinApi::OK) {
            QVERIFY(!answer.description.isEmpty());
            QVERIFY(Fixture::verifyToken(answer).isEmpty());
            return;
        }
        QVERIFY(!Fixture::verifyToken(answer).isEmpty());
        QCOMPARE(answer.data.value(QStringLiteral("order_id")).toString(), order.orderId);
        const QJsonObject first =
                answer.data.value(QStringLiteral("certificates")).toArray().first().toObject();
        QVERIFY(first.value(QStringLiteral("certificate_id")).isString());
        QVERIFY(!first.value(QStringLiteral("encrypted_code")).toString().isEmpty());
        const QJsonObject amount = first.value(QStringLiteral("amount")).toObject();
        QCOMPARE(amount.value(QStringLiteral("pay_amount")).toInteger(), 9900);
        const QJsonObject sku = first.value(QStringLiteral("sku")).toObject();
        QCOMPARE(sku.value(QStringLiteral("groupon_type")).toInt(), 1);
        QVERIFY(!sku.value(QStringLiteral("title")).toString().isEmpty());
    }

    void prepareIssuesAFreshTokenEachTime()
    {
        Fixture f;
        const auto order = f.mint();
        const QString first = Fixture::verifyToken(f.prepareCode(order.codes.at(0)));
        const QString second = Fixture::verifyToken(f.prepareCode(order.codes.at(0)));
        QVERIFY(!first.isEmpty());
        QVERIFY(first != second);
        // Both stay usable until one of them is spent: only the verify decides.
        QCOMPARE(Fixture::resultCode(f.verify(second, order.poiId, order.encryptedCodes)),
                 qint64(0));
    }

    // ---- verify

    void verifyRules_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("success") << "success" << qint64(DouyinApi::OK);
        QTest::newRow("success by plain code") << "plain code" << qint64(DouyinApi::OK);
        QTest::newRow("used under another token")
                << "used elsewhere" << qint64(DouyinApi::CERTIFICATE_USED);
        QTest::newRow("expired between prepare and verify")
                << "expired" << qint64(DouyinApi::CERTIFICATE_EXPIRED);
        QTest::newRow("refunded between prepare and verify")
                << "refunded" << qint64(DouyinApi::CERTIFICATE_REFUNDED);
        QTest::newRow("wrong poi") << "wrong poi" << qint64(DouyinApi::POI_NOT_ALLOWED);
        QTest::newRow("unknown verify_token")
                << "unknown token" << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
        QTest::newRow("expired verify_token")
                << "expired token" << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
        QTest::newRow("code from another prepare")
                << "other prepare" << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
        QTest::newRow("reused token with different codes")
                << "reused other codes" << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
        QTest::newRow("reused token at another poi")
                << "reused other poi" << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
        QTest::newRow("identical retry at once (duplicate request)")
                << "identical retry" << qint64(DouyinApi::VERIFY_REPEATED);
        QTest::newRow("identical retry later")
                << "identical retry later" << qint64(DouyinApi::VERIFY_ALREADY_UNDER_TOKEN);
        QTest::newRow("identical retry of a failure")
                << "identical retry of failure" << qint64(DouyinApi::POI_NOT_ALLOWED);
        QTest::newRow("identical retry after cancel")
                << "retry after cancel" << qint64(DouyinApi::VERIFY_TOKEN_INVALID);
    }

    void verifyRules()
    {
        QFETCH(QString, scenario);
        QFETCH(qint64, expected);
        Fixture f;
        const auto order = f.mint(2, {}, START + 600);
        const auto other = f.mint(1);
        const QString poi = order.poiId;
        const QString otherPoi = QStringLiteral("7000000000000000999");
        f.state->addPoi({otherPoi, QStringLiteral("别的门店"), {}, 0, 0});
        const QString code = order.encryptedCodes.at(0);
        QString token = Fixture::verifyToken(f.prepareCode(order.codes.at(0)));
        QVERIFY(!token.isEmpty());
        QStringList codes{code};
        QString verifyPoi = poi;
        bool plain = false;
        QString firstVerifyId;

        if (scenario == u"plain code") {
            codes = QStringList{order.codes.at(0)};
            plain = true;
        } else if (scenario == u"used elsewhere") {
            const QString earlier = Fixture::verifyToken(f.prepareCode(order.codes.at(0)));
            QCOMPARE(Fixture::resultCode(f.verify(earlier, poi, codes)), qint64(0));
        } else if (scenario == u"expired") {
            f.advance(601);
        } else if (scenario == u"refunded") {
            QVERIFY(f.state->refund(order.orderId, {order.certificateIds.at(0)}).ok());
        } else if (scenario == u"wrong poi") {
            verifyPoi = otherPoi;
        } else if (scenario == u"unknown token") {
            token = QStringLiteral("00000000-0000-4000-8000-000000000000");
        } else if (scenario == u"expired token") {
            f.advance(1800);
        } else if (scenario == u"other prepare") {
            codes = QStringList{other.encryptedCodes.at(0)};
        } else if (scenario == u"reused other codes" || scenario == u"reused other poi") {
            QCOMPARE(Fixture::resultCode(f.verify(token, poi, codes)), qint64(0));
            if (scenario == u"reused other poi")
                verifyPoi = otherPoi;
            else
                codes = QStringList{order.encryptedCodes.at(1)};
        } else if (scenario.startsWith(u"identical retry") && !scenario.contains(u"failure")) {
            const SandboxAnswer first = f.verify(token, poi, codes);
            QCOMPARE(Fixture::resultCode(first), qint64(0));
            firstVerifyId = Fixture::result(first).value(QStringLiteral("verify_id")).toString();
            if (scenario.endsWith(u"later"))
                f.advance(DouyinApi::VERIFY_DUPLICATE_WINDOW_SECONDS);
        } else if (scenario == u"identical retry of failure") {
            verifyPoi = otherPoi;
            QCOMPARE(Fixture::resultCode(f.verify(token, verifyPoi, codes)),
                     qint64(DouyinApi::POI_NOT_ALLOWED));
        } else if (scenario == u"retry after cancel") {
            const QJsonObject first = Fixture::result(f.verify(token, poi, codes));
            QCOMPARE(first.value(QStringLiteral("result")).toInteger(), 0);
            QVERIFY(f.cancel(first.value(QStringLiteral("verify_id")).toString(),
                             order.certificateIds.at(0))
                            .ok());
        }

        const SandboxAnswer answer = f.verify(token, verifyPoi, codes, plain);
        QCOMPARE(answer.errorCode, qint64(DouyinApi::OK)); // per-code results, never the call
        const QJsonObject result = Fixture::result(answer);
        QCOMPARE(result.value(QStringLiteral("result")).toInteger(-1), expected);
        QCOMPARE(result.value(QStringLiteral("code")).toString(), codes.at(0));
        if (expected == DouyinApi::OK || expected == DouyinApi::VERIFY_ALREADY_UNDER_TOKEN
            || expected == DouyinApi::VERIFY_REPEATED) {
            QCOMPARE(result.value(QStringLiteral("certificate_id")).toString(),
                     order.certificateIds.at(0));
            QCOMPARE(result.value(QStringLiteral("origin_code")).toString(), order.codes.at(0));
            QCOMPARE(result.value(QStringLiteral("order_id")).toString(), order.orderId);
            QCOMPARE(result.value(QStringLiteral("account_id")).toString(),
                     QStringLiteral("sandbox_account"));
            QVERIFY(!result.value(QStringLiteral("verify_id")).toString().isEmpty());
            // The verification's own time, also when a retry reports it.
            QCOMPARE(result.value(QStringLiteral("verify_time")).toInteger(),
                     scenario.endsWith(u"later")
                             ? *f.clock - DouyinApi::VERIFY_DUPLICATE_WINDOW_SECONDS
                             : *f.clock);
            QCOMPARE(f.status(order.certificateIds.at(0)), Status::Verified);
            QCOMPARE(f.state->certificate(order.certificateIds.at(0))->verifyRecords.size(), 1);
        } else {
            QVERIFY(!result.value(QStringLiteral("msg")).toString().isEmpty());
        }
        if (!firstVerifyId.isEmpty())
            QCOMPARE(result.value(QStringLiteral("verify_id")).toString(), firstVerifyId);
    }

    void verifyRejectsBadRequests_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("poi");
        QTest::addColumn<int>("codeCount");
        QTest::addColumn<bool>("duplicate");
        QTest::newRow("no verify_token") << ""
                                         << "p" << 1 << false;
        QTest::newRow("no poi_id") << "t"
                                   << "" << 1 << false;
        QTest::newRow("no codes") << "t"
                                  << "p" << 0 << false;
        QTest::newRow("eleven codes") << "t"
                                      << "p" << 11 << false;
        QTest::newRow("code twice") << "t"
                                    << "p" << 2 << true;
    }

    void verifyRejectsBadRequests()
    {
        QFETCH(QString, token);
        QFETCH(QString, poi);
        QFETCH(int, codeCount);
        QFETCH(bool, duplicate);
        Fixture f;
        QStringList codes;
        for (int i = 0; i < codeCount; ++i)
            codes.append(duplicate ? QStringLiteral("same") : QString::number(i));
        const SandboxAnswer answer = f.verify(token, poi, codes);
        QCOMPARE(answer.errorCode, qint64(DouyinApi::BAD_PARAMETER));
        QVERIFY(!answer.description.isEmpty());
    }

    void verifyWholeOrderKillsShortLink()
    {
        Fixture f;
        const auto order = f.mint(3);
        const QString link = f.state->order(order.orderId)->shortLinkId;
        const QString encryptedData = f.state->order(order.orderId)->encryptedData;
        QCOMPARE(f.state->shortLinkTarget(link), std::optional<QString>(encryptedData));

        QString token = Fixture::verifyToken(f.state->prepare(encryptedData, {}));
        SandboxAnswer answer = f.verify(token, order.poiId, {order.encryptedCodes.at(0)});
        QCOMPARE(Fixture::resultCode(answer), qint64(0));
        QCOMPARE(f.state->orderStatus(*f.state->order(order.orderId)),
                 DouyinApi::OrderStatus::PartlyUsed);
        QVERIFY(f.state->shortLinkTarget(link).has_value());

        token = Fixture::verifyToken(f.state->prepare(encryptedData, {}));
        answer = f.verify(token, order.poiId, order.encryptedCodes.mid(1));
        QCOMPARE(Fixture::resultCode(answer, 0), qint64(0));
        QCOMPARE(Fixture::resultCode(answer, 1), qint64(0));
        QCOMPARE(f.state->orderStatus(*f.state->order(order.orderId)),
                 DouyinApi::OrderStatus::Used);
        QVERIFY(!f.state->shortLinkTarget(link).has_value());
        QVERIFY(!f.state->shortLinkTarget(QStringLiteral("nope")).has_value());
    }

    // ---- cancel

    void cancelMakesCertificateUsableAgain()
    {
        Fixture f;
        const auto order = f.mint();
        const QString link = f.state->order(order.orderId)->shortLinkId;
        const QString verifyId = f.verifyOne(order);
        QVERIFY(!f.state->shortLinkTarget(link).has_value());

        f.advance(3600); // the window includes its last second
        const SandboxAnswer cancelled = f.cancel(verifyId, order.certificateIds.at(0));
        QCOMPARE(cancelled.errorCode, qint64(0));
        const QJsonObject result =
                cancelled.data.value(QStringLiteral("cancel_results")).toArray().first().toObject();
        QCOMPARE(result.value(QStringLiteral("result_code")).toInt(-1), 0);
        QCOMPARE(result.value(QStringLiteral("verify_id")).toString(), verifyId);
        QCOMPARE(result.value(QStringLiteral("order_id")).toString(), order.orderId);
        QCOMPARE(f.status(order.certificateIds.at(0)), Status::Usable);
        QVERIFY(f.state->shortLinkTarget(link).has_value());
        QCOMPARE(f.prepareCode(order.codes.at(0)).errorCode, qint64(0));

        // Twice is refused, with the reason as the sub code.
        const SandboxAnswer again = f.cancel(verifyId, order.certificateIds.at(0));
        QCOMPARE(again.errorCode, SandboxCancellation::CANCEL_REFUSED);
        QCOMPARE(again.subErrorCode, SandboxCancellation::ALREADY_CANCELLED);
        QCOMPARE(again.description, QStringLiteral("该核销记录已撤销"));
    }

    void cancelRules_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<qint64>("sub");
        QTest::newRow("after the 1-hour window") << "late" << SandboxCancellation::CANCEL_REFUSED
                                                 << SandboxCancellation::WINDOW_CLOSED;
        QTest::newRow("unknown verify_id")
                << "unknown" << qint64(DouyinApi::CERTIFICATE_NOT_FOUND) << qint64(0);
        QTest::newRow("certificate_id of another certificate")
                << "mismatch" << qint64(DouyinApi::BAD_PARAMETER) << qint64(0);
        QTest::newRow("missing certificate_id")
                << "missing" << qint64(DouyinApi::BAD_PARAMETER) << qint64(0);
        QTest::newRow("missing verify_id")
                << "no verify_id" << qint64(DouyinApi::BAD_PARAMETER) << qint64(0);
        QTest::newRow("another merchant's account_id")
                << "account" << qint64(DouyinApi::MERCHANT_NOT_AUTHORISED) << qint64(0);
    }

    void cancelRules()
    {
        QFETCH(QString, scenario);
        QFETCH(qint64, expected);
        QFETCH(qint64, sub);
        Fixture f;
        const auto order = f.mint(2);
        SandboxState::CancelRequest request;
        request.verifyId = f.verifyOne(order);
        request.certificateId = order.certificateIds.at(0);
        if (scenario == u"late")
            f.advance(3601);
        else if (scenario == u"unknown")
            request.verifyId = QStringLiteral("7000000000000000000");
        else if (scenario == u"mismatch")
            request.certificateId = order.certificateIds.at(1);
        else if (scenario == u"missing")
            request.certificateId.clear();
        else if (scenario == u"no verify_id")
            request.verifyId.clear();
        else if (scenario == u"account")
            request.accountId = QStringLiteral("someone_else");
        const SandboxAnswer refused = f.state->cancel(request);
        QCOMPARE(refused.errorCode, expected);
        QCOMPARE(refused.subErrorCode, sub);
        QVERIFY(!refused.description.isEmpty());
        QCOMPARE(f.status(order.certificateIds.at(0)), Status::Verified);
    }

    void cancelTokenMakesAResendHarmless()
    {
        Fixture f;
        const auto order = f.mint();
        const QString certificateId = order.certificateIds.at(0);
        const QString first = f.verifyOne(order);
        const SandboxAnswer cancelled = f.cancel(first, certificateId, QStringLiteral("ct-1"));
        QCOMPARE(cancelled.errorCode, qint64(0));
        // Verified again under a new verify_id before the resend of the first cancel arrives.
        const QString second = f.verifyOne(order);
        QVERIFY(second != first);

        f.advance(3599);
        const SandboxAnswer resent = f.cancel(first, certificateId, QStringLiteral("ct-1"));
        QCOMPARE(resent.errorCode, qint64(0));
        QCOMPARE(resent.data, cancelled.data);
        QCOMPARE(f.status(certificateId), Status::Verified); // the new verification stands
        QCOMPARE(f.state->certificate(certificateId)->verifyRecords.size(), 2);
        // The same token for another verification is a mistake, not a cancel.
        QCOMPARE(f.cancel(second, certificateId, QStringLiteral("ct-1")).errorCode,
                 qint64(DouyinApi::BAD_PARAMETER));
        QCOMPARE(f.status(certificateId), Status::Verified);

        f.advance(1); // the token's hour is over: an old resend is just a second cancel
        const SandboxAnswer late = f.cancel(first, certificateId, QStringLiteral("ct-1"));
        QCOMPARE(late.subErrorCode, SandboxCancellation::ALREADY_CANCELLED);
    }

    void refusedCancelDoesNotSpendItsToken()
    {
        Fixture f;
        const auto order = f.mint(2);
        const QString verifyId = f.verifyOne(order);
        QCOMPARE(f.cancel(verifyId, order.certificateIds.at(1), QStringLiteral("t")).errorCode,
                 qint64(DouyinApi::BAD_PARAMETER));
        QCOMPARE(f.cancel(verifyId, order.certificateIds.at(0), QStringLiteral("t")).errorCode,
                 qint64(0));
    }

    // ---- the clock

    void advancedClockMovesEveryLifetime()
    {
        Fixture f;
        const auto order = f.mint(1, {}, START + 4000);
        const QString clientToken = f.token();
        const QString verifyToken = Fixture::verifyToken(f.prepareCode(order.codes.at(0)));
        QCOMPARE(f.state->advanceClock(1800).value(), START + 1800);
        QCOMPARE(f.state->now(), START + 1800);
        // The verify_token's 30 minutes are over.
        QCOMPARE(Fixture::resultCode(f.verify(verifyToken, order.poiId, order.encryptedCodes)),
                 qint64(DouyinApi::VERIFY_TOKEN_INVALID));
        QCOMPARE(f.state->checkAccessToken(clientToken), qint64(DouyinApi::OK));
        f.advance(1000); // the test's own clock still counts, under the offset
        QCOMPARE(f.state->now(), START + 2800);
        QVERIFY(f.state->advanceClock(5400).ok());
        QCOMPARE(f.state->checkAccessToken(clientToken), qint64(DouyinApi::TOKEN_EXPIRED));
        QCOMPARE(f.status(order.certificateIds.at(0)), Status::Expired);
        QCOMPARE(f.state->clockOffset(), qint64(7200));
    }

    void clockOnlyMovesForward_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("zero") << qint64(0) << true;
        QTest::newRow("ten years") << SandboxClock::MAX_ADVANCE_SECONDS << true;
        QTest::newRow("backwards") << qint64(-1) << false;
        QTest::newRow("beyond ten years") << SandboxClock::MAX_ADVANCE_SECONDS + 1 << false;
    }

    void clockOnlyMovesForward()
    {
        QFETCH(qint64, seconds);
        QFETCH(bool, accepted);
        Fixture f;
        const auto moved = f.state->advanceClock(seconds);
        QCOMPARE(moved.ok(), accepted);
        QCOMPARE(f.state->now(), accepted ? START + seconds : START);
        if (!accepted)
            QVERIFY(moved.error().message.startsWith(u"advance_seconds: "));
    }

    // ---- queries

    void queriesReflectState()
    {
        Fixture f;
        const auto order = f.mint(2);
        const QString token = Fixture::verifyToken(f.prepareCode(order.codes.at(0)));
        QCOMPARE(Fixture::resultCode(f.verify(token, order.poiId, {order.encryptedCodes.at(0)})),
                 qint64(0));

        const SandboxAnswer got = f.state->certificateGet(order.encryptedCodes.at(0));
        QCOMPARE(got.errorCode, qint64(0));
        const QJsonObject certificate = got.data.value(QStringLiteral("certificate")).toObject();
        QCOMPARE(certificate.value(QStringLiteral("status")).toInt(), int(Status::Verified));
        QCOMPARE(certificate.value(QStringLiteral("code")).toString(), order.codes.at(0));
        const QJsonObject verify = certificate.value(QStringLiteral("verify")).toObject();
        QCOMPARE(verify.value(QStringLiteral("poi_id")).toString(), order.poiId);
        QCOMPARE(verify.value(QStringLiteral("can_cancel")).toBool(), true);
        QCOMPARE(f.state->certificateGet(QStringLiteral("nope")).errorCode,
                 qint64(DouyinApi::CERTIFICATE_NOT_FOUND));

        const SandboxAnswer queried = f.state->certificateQuery({}, order.orderId);
        const QJsonArray certificates =
                queried.data.value(QStringLiteral("certificates")).toArray();
        QCOMPARE(certificates.size(), 2);
        QCOMPARE(certificates.at(0)
                         .toObject()
                         .value(QStringLiteral("verify_records"))
                         .toArray()
                         .size(),
                 1);
        QCOMPARE(certificates.at(1).toObject().value(QStringLiteral("status")).toInt(),
                 int(Status::Usable));
        QCOMPARE(f.state->certificateQuery({}, {}).errorCode, qint64(DouyinApi::BAD_PARAMETER));

        const SandboxAnswer orders = f.state->orderQuery({}, order.orderId, 1, 10);
        const QJsonObject first =
                orders.data.value(QStringLiteral("orders")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("order_status")).toInt(),
                 int(DouyinApi::OrderStatus::PartlyUsed));
        QCOMPARE(first.value(QStringLiteral("count")).toInt(), 2);
        QCOMPARE(first.value(QStringLiteral("pay_amount")).toInteger(), 2 * 9900);
        QCOMPARE(f.state->orderQuery(QStringLiteral("someone_else"), {}, 1, 10).errorCode,
                 qint64(DouyinApi::MERCHANT_NOT_AUTHORISED));
    }

    void poiQueryPages()
    {
        Fixture f;
        const SandboxAnswer all = f.state->poiQuery({}, 1, 10);
        QCOMPARE(all.data.value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(all.data.value(QStringLiteral("pois")).toArray().size(), 3);
        const SandboxAnswer second = f.state->poiQuery(QStringLiteral("sandbox_account"), 2, 2);
        QCOMPARE(second.data.value(QStringLiteral("pois")).toArray().size(), 1);
        QCOMPARE(f.state->poiQuery({}, 0, 10).errorCode, qint64(DouyinApi::BAD_PARAMETER));
        QCOMPARE(f.state->poiQuery({}, 1, 1000).errorCode, qint64(DouyinApi::BAD_PARAMETER));
    }

    // ---- control

    void mintValidatesFields_data()
    {
        QTest::addColumn<int>("certificates");
        QTest::addColumn<qint64>("payAmount");
        QTest::addColumn<int>("grouponType");
        QTest::addColumn<QString>("field");
        QTest::newRow("zero certificates") << 0 << qint64(100) << 1 << "certificates";
        QTest::newRow("eleven certificates") << 11 << qint64(100) << 1 << "certificates";
        QTest::newRow("negative amount") << 1 << qint64(-1) << 1 << "pay_amount";
        QTest::newRow("unknown groupon type") << 1 << qint64(100) << 7 << "groupon_type";
    }

    void mintValidatesFields()
    {
        QFETCH(int, certificates);
        QFETCH(qint64, payAmount);
        QFETCH(int, grouponType);
        QFETCH(QString, field);
        Fixture f;
        SandboxState::OrderSpec spec;
        spec.certificates = certificates;
        spec.payAmount = payAmount;
        spec.grouponType = grouponType;
        const auto minted = f.state->mintOrder(spec);
        QVERIFY(!minted.ok());
        QCOMPARE(minted.error().code, ErrorCode::BadInput);
        QVERIFY2(minted.error().message.startsWith(field + u':'),
                 qPrintable(minted.error().message));
    }

    void mintedIdsAreLongNumericStrings()
    {
        Fixture f;
        const auto order = f.mint(10, QStringLiteral("123"));
        QCOMPARE(order.codes.size(), 10);
        QCOMPARE(order.encryptedCodes.size(), 10);
        QCOMPARE(order.certificateIds.size(), 10);
        QVERIFY(f.state->poi(QStringLiteral("123"))); // unknown stores become stores
        const auto isDigits = [](const QString &text) {
            return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
        };
        for (int i = 0; i < 10; ++i) {
            QVERIFY(isDigits(order.certificateIds.at(i)));
            QVERIFY(order.certificateIds.at(i).toULongLong() > (Q_UINT64_C(1) << 53));
            QVERIFY(isDigits(order.codes.at(i)));
            QCOMPARE(f.state->certificateByCode(order.codes.at(i))->certificateId,
                     order.certificateIds.at(i));
            QCOMPARE(f.state->certificateByEncryptedCode(order.encryptedCodes.at(i))->code,
                     order.codes.at(i));
        }
        QVERIFY(order.orderId.toULongLong() > (Q_UINT64_C(1) << 53));
    }

    void demoDataIsDeterministic()
    {
        Fixture first(true);
        Fixture second(true);
        QCOMPARE(first.state->pois().size(), 3);
        QCOMPARE(first.state->orderIds(), second.state->orderIds());
        QCOMPARE(first.state->orderIds().size(), 6);
        for (const QString &id : first.state->orderIds()) {
            const auto *a = first.state->order(id);
            const auto *b = second.state->order(id);
            QCOMPARE(a->shortLinkId, b->shortLinkId);
            QCOMPARE(a->encryptedData, b->encryptedData);
            QVERIFY(a->certificateIds.size() >= 1 && a->certificateIds.size() <= 3);
            for (const QString &certificateId : a->certificateIds) {
                QCOMPARE(first.state->certificate(certificateId)->code,
                         second.state->certificate(certificateId)->code);
                QCOMPARE(first.status(certificateId), Status::Usable);
            }
        }
        // Runtime ids are not predictable, even though the demo ones are.
        QVERIFY(first.mint().orderId != second.mint().orderId);
    }

    void faultsAreCounted()
    {
        Fixture f;
        SandboxFault verify;
        verify.endpoint = SandboxEndpoint::Verify;
        verify.mode = SandboxFault::Mode::Http500;
        verify.count = 2;
        SandboxFault any;
        any.mode = SandboxFault::Mode::RateLimit;
        f.state->addFault(verify);
        f.state->addFault(any);

        QCOMPARE(f.state->takeFault(SandboxEndpoint::Verify)->mode, SandboxFault::Mode::Http500);
        QCOMPARE(f.state->takeFault(SandboxEndpoint::Prepare)->mode, SandboxFault::Mode::RateLimit);
        QVERIFY(!f.state->takeFault(SandboxEndpoint::Prepare));
        QCOMPARE(f.state->takeFault(SandboxEndpoint::Verify)->mode, SandboxFault::Mode::Http500);
        QVERIFY(!f.state->takeFault(SandboxEndpoint::Verify));

        f.state->addFault(verify);
        QCOMPARE(f.state->clearFaults(), 1);
        QVERIFY(!f.state->takeFault(SandboxEndpoint::Verify));
    }

    void logIdsAreUnique()
    {
        Fixture f;
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i)
            seen.insert(f.state->nextLogId());
        QCOMPARE(seen.size(), 1000);
        QVERIFY(seen.begin()->startsWith(QStringLiteral("2023111506"))); // START in UTC+8
    }
};

QTEST_GUILESS_MAIN(tst_SandboxState)
#include "tst_sandboxstate.moc"
