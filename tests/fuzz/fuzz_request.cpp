// libFuzzer target over what the gateway parses from strangers: the signature's canonical
// query and string to sign, Douyin's answers, scanned texts, listen addresses and the verify
// request checks. The input is split on 0x00 bytes into the pieces each parser takes.
#include <cstddef>
#include <cstdint>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/api/requestsigner.h"
#include "core/config/hostport.h"
#include "core/douyin/douyinjson.h"
#include "core/scan/scanpayload.h"
#include "core/verify/verifyvalidation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> parts = input.split('\0');
    const QByteArray first = parts.value(0);
    const QByteArray second = parts.value(1);

    const QByteArray canonical = RequestSigner::canonicalQuery(first);
    // Canonical form is a fixed point: signing must not depend on how often it is applied.
    if (RequestSigner::canonicalQuery(canonical) != canonical)
        __builtin_trap();
    (void)RequestSigner::signature(second, "POST", first, first, "1767225600",
                                   "fuzz-nonce-0123456789", input);

    const auto envelope = DouyinJson::envelope(input);
    if (envelope.ok()) {
        (void)DouyinJson::prepare(envelope.value());
        (void)DouyinJson::verify(envelope.value());
        (void)DouyinJson::certificateGet(envelope.value());
        (void)DouyinJson::certificateQuery(envelope.value());
        (void)DouyinJson::orderQuery(envelope.value());
        (void)DouyinJson::poiQuery(envelope.value());
        (void)DouyinJson::clientToken(envelope.value());
    }

    const QString text = QString::fromUtf8(first);
    (void)ScanPayload::classify(text);
    (void)HostPort::parse(text);

    const QJsonObject body = QJsonDocument::fromJson(second).object();
    VerifyCommand command;
    command.poiId = body.value(QLatin1String("poi_id")).toString();
    command.code = body.value(QLatin1String("code")).toString();
    command.shortLink = body.value(QLatin1String("short_link")).toString();
    command.encryptedCode = body.value(QLatin1String("encrypted_code")).toString();
    command.verifyToken = body.value(QLatin1String("verify_token")).toString();
    command.count = body.value(QLatin1String("count")).toInt(1);
    command.extra = body.value(QLatin1String("extra")).toObject();
    (void)VerifyValidation::check(command);
    return 0;
}
