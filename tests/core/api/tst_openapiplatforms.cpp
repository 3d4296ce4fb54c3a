#include <functional>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/common/jsonpointer.h"

// resources/api/openapi.json's Platforms extension (API.md, Extensions → Platforms): the
// errors of the platform choice where a client generator finds them, and the document's
// examples as OpenAPI 3.0 allows them.
class tst_OpenApiPlatforms : public QObject
{
    Q_OBJECT

    QJsonObject m_document;

private slots:
    void initTestCase()
    {
        QFile file(":/api/openapi.json");
        QVERIFY2(file.open(QIODevice::ReadOnly), "openapi.json is not linked into dygw_core");
        m_document = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(!m_document.isEmpty());
    }

    // API.md, Extensions → Platforms: the errors of the platform choice, documented where a
    // client generator finds them (the 422 of both operations, ErrorResponse's fields).
    void documentsThePlatformErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        for (const QString path : {"verify", "prepare"}) {
            for (const QString code :
                 {"douyin_rejected", "platform_rejected", "platform_ambiguous"})
                QTest::addRow("%s %s", qPrintable(path), qPrintable(code)) << path << code;
        }
    }

    void documentsThePlatformErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, code);
        const QString response = "#/paths/~1v1~1open~1coupons~1" + path + "/post/responses/422";
        QVERIFY(resolve(m_document, response + "/description")
                        .toString()
                        .contains('`' + code + '`'));
        const QJsonObject example =
                resolve(m_document,
                        response + "/content/application~1json/examples/" + code + "/value/error")
                        .toObject();
        QCOMPARE(example.value("code").toString(), code);
        const QString error = "#/components/schemas/ErrorResponse/properties/error/properties";
        const QJsonObject fields = resolve(m_document, error).toObject();
        QVERIFY(fields.value("code")
                        .toObject()
                        .value("description")
                        .toString()
                        .contains('`' + code + '`'));
        for (const QString field : {"douyin", "platform", "platforms"}) // declared if shown
            QVERIFY2(!example.contains(field) || fields.contains(field), qPrintable(field));
        if (code == "platform_ambiguous")
            QCOMPARE(example.value("platforms").toArray(), QJsonArray({"douyin", "meituan"}));
        if (code == "platform_rejected") {
            const QJsonArray required =
                    resolve(m_document, fields.value("platform")["$ref"].toString() + "/required")
                            .toArray();
            QCOMPARE(required, QJsonArray({"platform", "code", "msg", "trace_id"}));
            for (const QJsonValue &field : required)
                QVERIFY(example.value("platform").toObject().contains(field.toString()));
        }
    }

    void platformsFieldIsAnArrayOfPlatforms()
    {
        const QString error = "#/components/schemas/ErrorResponse/properties/error/properties";
        const QJsonObject platforms = resolve(m_document, error + "/platforms").toObject();
        QCOMPARE(platforms.value("type").toString(), "array");
        QCOMPARE(platforms.value("items")["enum"].toArray(), QJsonArray({"douyin", "meituan"}));
        QVERIFY(platforms.value("description").toString().contains("platform_ambiguous"));
        for (const QString request : {"PrepareCouponRequest", "VerifyCouponRequest"}) {
            const QString description =
                    resolve(m_document,
                            "#/components/schemas/" + request + "/properties/platform/description")
                            .toString();
            QVERIFY2(description.contains("platform_ambiguous")
                             && description.contains("not_configured"),
                     qPrintable(request));
        }
    }

    // OpenAPI 3.0: a media type has `example` or `examples`, never both.
    void noMediaTypeHasBothExampleAndExamples()
    {
        QStringList both;
        const std::function<void(const QJsonValue &, const QString &)> walk =
                [&](const QJsonValue &value, const QString &where) {
                    const QJsonObject object = value.toObject();
                    if (object.contains("example") && object.contains("examples"))
                        both.append(where);
                    for (auto it = object.begin(); it != object.end(); ++it)
                        walk(it.value(), where + u'/' + it.key());
                };
        walk(m_document.value("paths"), "#/paths");
        QVERIFY2(both.isEmpty(), qPrintable(both.join(", ")));
    }
};

QTEST_GUILESS_MAIN(tst_OpenApiPlatforms)
#include "tst_openapiplatforms.moc"
