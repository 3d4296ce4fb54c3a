#include <QByteArray>
#include <QTest>

#include "core/api/requestsigner.h"

// The reference signer against API.md ("Open endpoints"). Every expected string_to_sign and
// signature below was computed outside this code base, with Python's hashlib/hmac and
// urllib.parse.unquote_to_bytes, from the contract's rules alone:
//
//   def enc(b): return ''.join(chr(c) if chr(c).isascii() and (chr(c).isalnum()
//                              or chr(c) in '-._~') else '%%%02X' % c for c in b)
//   def canon(q): pairs = sorted((enc(unquote_to_bytes(n)), enc(unquote_to_bytes(v)))
//                                for n, _, v in (p.partition('=') for p in q.split('&') if p))
//                 return '&'.join(n + '=' + v for n, v in pairs)
//   sts = '\n'.join([METHOD, PATH, canon(query), ts, nonce, sha256(body).hexdigest()])
//   sig = hmac.new(secret.encode('utf-8'), sts.encode(), sha256).hexdigest()
namespace {

// The worked example of the README.
const QByteArray EXAMPLE_SECRET = "demo-secret";
const QByteArray EXAMPLE_METHOD = "POST";
const QByteArray EXAMPLE_PATH = "/v1/open/coupons/verify";
const QByteArray EXAMPLE_QUERY = "b=2&a=1&a=0&c=%7e+x";
const QByteArray EXAMPLE_TIMESTAMP = "1767225600";
const QByteArray EXAMPLE_NONCE = "n0nce-0123456789abcdef";
const QByteArray EXAMPLE_BODY = R"({"poi_id":"1","code":"123"})";
const QByteArray EXAMPLE_STRING_TO_SIGN =
        "POST\n"
        "/v1/open/coupons/verify\n"
        "a=0&a=1&b=2&c=~%2Bx\n"
        "1767225600\n"
        "n0nce-0123456789abcdef\n"
        "36d73dd28d2c449669e6a569198d985d5d1b9b55284cc28443203baa41ef8f0d";
const QByteArray EXAMPLE_SIGNATURE =
        "fe920781a326395dfa4712ad18b6c928aea19df704bd39c7d7004fd429ac23cb";

const QByteArray EMPTY_BODY_SHA256 =
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

} // namespace

class tst_RequestSigner : public QObject
{
    Q_OBJECT

private slots:
    void workedExample()
    {
        QCOMPARE(RequestSigner::canonicalQuery(EXAMPLE_QUERY), QByteArray("a=0&a=1&b=2&c=~%2Bx"));
        QCOMPARE(RequestSigner::stringToSign(EXAMPLE_METHOD, EXAMPLE_PATH, EXAMPLE_QUERY,
                                             EXAMPLE_TIMESTAMP, EXAMPLE_NONCE, EXAMPLE_BODY),
                 EXAMPLE_STRING_TO_SIGN);
        QCOMPARE(RequestSigner::signature(EXAMPLE_SECRET, EXAMPLE_METHOD, EXAMPLE_PATH,
                                          EXAMPLE_QUERY, EXAMPLE_TIMESTAMP, EXAMPLE_NONCE,
                                          EXAMPLE_BODY),
                 EXAMPLE_SIGNATURE);
    }

    void signatures_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("stringToSign");
        QTest::addColumn<QByteArray>("signature");

        QTest::newRow("worked example")
                << EXAMPLE_SECRET << EXAMPLE_METHOD << EXAMPLE_PATH << EXAMPLE_QUERY << EXAMPLE_BODY
                << EXAMPLE_STRING_TO_SIGN << EXAMPLE_SIGNATURE;
        QTest::newRow("lower-case method is signed upper case")
                << EXAMPLE_SECRET << QByteArray("post") << EXAMPLE_PATH << EXAMPLE_QUERY
                << EXAMPLE_BODY << EXAMPLE_STRING_TO_SIGN << EXAMPLE_SIGNATURE;
        QTest::newRow("GET, query out of order, empty body")
                << EXAMPLE_SECRET << QByteArray("GET") << QByteArray("/v1/open/pois")
                << QByteArray("size=20&page=1") << QByteArray()
                << "GET\n/v1/open/pois\npage=1&size=20\n1767225600\nn0nce-0123456789abcdef\n"
                        + EMPTY_BODY_SHA256
                << QByteArray("7e3e44be1815ae16b00848274746e469cfaa3178f1ab315423532b16ba4431e8");
        QTest::newRow("no query, non-ASCII secret as UTF-8")
                << QByteArray("密钥-secret") << QByteArray("GET")
                << QByteArray("/v1/open/douyin/access-token") << QByteArray() << QByteArray()
                << "GET\n/v1/open/douyin/access-token\n\n1767225600\nn0nce-0123456789abcdef\n"
                        + EMPTY_BODY_SHA256
                << QByteArray("be409073c14f9e35b44654df732b27bfd72d04608d006c69019b50e8b36dd537");
    }

    void signatures()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, stringToSign);
        QFETCH(QByteArray, signature);

        QCOMPARE(RequestSigner::stringToSign(method, path, query, EXAMPLE_TIMESTAMP, EXAMPLE_NONCE,
                                             body),
                 stringToSign);
        const QByteArray signed_ = RequestSigner::signature(secret, method, path, query,
                                                            EXAMPLE_TIMESTAMP, EXAMPLE_NONCE, body);
        QCOMPARE(signed_, signature);
        QCOMPARE(signed_, signed_.toLower()); // lowercase hex is the rule
        QCOMPARE(signed_.size(), 64);
    }

    void signatureCoversEveryPart_data()
    {
        QTest::addColumn<int>("part");
        QTest::newRow("secret") << 0;
        QTest::newRow("method") << 1;
        QTest::newRow("path") << 2;
        QTest::newRow("query value") << 3;
        QTest::newRow("timestamp") << 4;
        QTest::newRow("nonce") << 5;
        QTest::newRow("body, one byte") << 6;
    }

    void signatureCoversEveryPart()
    {
        QFETCH(int, part);
        QList<QByteArray> parts{EXAMPLE_SECRET,    EXAMPLE_METHOD, EXAMPLE_PATH, EXAMPLE_QUERY,
                                EXAMPLE_TIMESTAMP, EXAMPLE_NONCE,  EXAMPLE_BODY};
        QByteArray &changed = parts[part];
        changed[changed.size() - 1] = changed.at(changed.size() - 1) == 'x' ? 'y' : 'x';
        const QByteArray other = RequestSigner::signature(parts[0], parts[1], parts[2], parts[3],
                                                          parts[4], parts[5], parts[6]);
        QVERIFY(other != EXAMPLE_SIGNATURE);
    }

    void canonicalQuery_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("canonical");

        // clang-format off
        QTest::newRow("no query")                        << QByteArray("") << QByteArray("");
        QTest::newRow("one pair")                        << QByteArray("a=1") << QByteArray("a=1");
        QTest::newRow("sorted by name")                  << QByteArray("b=2&a=1") << QByteArray("a=1&b=2");
        QTest::newRow("same name sorted by value, bytewise") << QByteArray("a=2&a=10&a=1") << QByteArray("a=1&a=10&a=2");
        QTest::newRow("upper case sorts before lower")   << QByteArray("b=1&B=1&a=2") << QByteArray("B=1&a=2&b=1");
        QTest::newRow("escaped unreserved are decoded")  << QByteArray("%41=%7E%2d%2E%5f") << QByteArray("A=~-._");
        QTest::newRow("lower-case escape upper-cased")   << QByteArray("k=%2f%c3%a9") << QByteArray("k=%2F%C3%A9");
        QTest::newRow("plus is a literal plus")          << QByteArray("k=a+b") << QByteArray("k=a%2Bb");
        QTest::newRow("escaped plus stays a plus")       << QByteArray("k=a%2Bb") << QByteArray("k=a%2Bb");
        QTest::newRow("escaped space stays %20")         << QByteArray("k=a%20b") << QByteArray("k=a%20b");
        QTest::newRow("gen-delims are escaped")          << QByteArray("k=/?:@[]#") << QByteArray("k=%2F%3F%3A%40%5B%5D%23");
        QTest::newRow("sub-delims are escaped")          << QByteArray("k=!$'()*,;") << QByteArray("k=%21%24%27%28%29%2A%2C%3B");
        QTest::newRow("raw UTF-8 is escaped")            << QByteArray("q=中") << QByteArray("q=%E4%B8%AD");
        QTest::newRow("escaped UTF-8 kept")              << QByteArray("q=%E4%B8%AD") << QByteArray("q=%E4%B8%AD");
        QTest::newRow("empty pieces dropped")            << QByteArray("&a=1&&b=2&") << QByteArray("a=1&b=2");
        QTest::newRow("name without = has empty value")  << QByteArray("flag&a=1") << QByteArray("a=1&flag=");
        QTest::newRow("empty value")                     << QByteArray("a=") << QByteArray("a=");
        QTest::newRow("empty name")                      << QByteArray("=x") << QByteArray("=x");
        QTest::newRow("second = belongs to the value")   << QByteArray("a==b") << QByteArray("a=%3Db");
        QTest::newRow("escaped = stays in the name")     << QByteArray("a%3Db=c") << QByteArray("a%3Db=c");
        QTest::newRow("escaped & stays in the value")    << QByteArray("k=a%26b") << QByteArray("k=a%26b");
        QTest::newRow("stray % at the end is literal")   << QByteArray("k=50%") << QByteArray("k=50%25");
        QTest::newRow("% before one hex digit is literal") << QByteArray("k=%4") << QByteArray("k=%254");
        QTest::newRow("% before non-hex is literal")     << QByteArray("k=%zz&d=50%off") << QByteArray("d=50%25off&k=%25zz");
        QTest::newRow("duplicates kept")                 << QByteArray("a=1&a=1") << QByteArray("a=1&a=1");
        // Sorted after re-encoding: "%2F" (0x25…) comes before "." (0x2E).
        QTest::newRow("sorted by encoded name")          << QByteArray("a.=1&a/=2") << QByteArray("a%2F=2&a.=1");
        // clang-format on
    }

    void canonicalQuery()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, canonical);
        QCOMPARE(RequestSigner::canonicalQuery(raw), canonical);
    }
};

QTEST_GUILESS_MAIN(tst_RequestSigner)
#include "tst_requestsigner.moc"
