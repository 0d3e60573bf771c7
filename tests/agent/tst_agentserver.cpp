// The agent's HTTP endpoint in-process, on loopback, over a real inventory file: the exact /metrics page
// for a known inventory, the JSON API with the CLI's fields, the bearer token, and small answers to
// anything unexpected (bad or huge query strings, unknown paths, other methods).
#include "agent/AgentServer.h"
#include "agent/Metrics.h"
#include "core/monitor/DeviceStore.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace lanwatch;
using namespace lanwatch::agent;
using namespace lanwatch::monitor;

namespace {

quint32 ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text)).toIPv4Address();
}

Observation obs(const char *address, const char *mac, const char *vendor, const char *name, double rttMs = -1)
{
    Observation o;
    o.ip = ip(address);
    o.mac = QString::fromLatin1(mac);
    o.vendor = QString::fromLatin1(vendor);
    if (name)
        o.names.append({QString::fromUtf8(name), NameSource::Dns});
    o.rttMs = rttMs;
    return o;
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray authenticate;
};

} // namespace

class TstAgentServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QDateTime m_now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
    std::unique_ptr<DeviceStore> m_store;
    AgentStats m_stats;
    QList<WatchedTarget> m_watched{{QStringLiteral("10.0.0.0/24"), 60}};
    std::unique_ptr<AgentServer> m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_net;

    Reply request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &token = {},
                  const QByteArray &body = {})
    {
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery)));
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token);
        if (!body.isEmpty())
            r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_net.sendCustomRequest(r, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            [&] { QVERIFY(done.wait(5000)); }();
        Reply out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                  reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                  reply->rawHeader("WWW-Authenticate")};
        reply->deleteLater();
        return out;
    }

    Reply patch(const QString &path, const QByteArray &body, const QByteArray &token = {})
    {
        return request("PATCH", path, token, body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto store = DeviceStore::open(m_dir.filePath(QStringLiteral("devices.sqlite")), [this] { return m_now; });
        QVERIFY2(store, qPrintable(store.error()));
        m_store = std::move(store).value();
        Sweep s;
        s.observations = {obs("10.0.0.2", "00:11:32:aa:bb:cc", "Synology Incorporated", "nas.lan", 1.5),
                          obs("10.0.0.7", "b8:27:eb:00:00:07", "Raspberry Pi Foundation", "pi \"kitchen\"\\1"),
                          obs("192.168.50.3", "", "", nullptr)};
        s.covered = {IpRange{ip("10.0.0.0"), ip("10.0.0.255")}};
        const auto recorded = m_store->recordSweep(s);
        QVERIFY2(recorded, qPrintable(recorded.error()));
        const DeviceId pi = recorded->devices.at(1);
        QVERIFY(m_store->markOffline({pi}));
        QVERIFY(m_store->setCustomName(recorded->devices.at(0), QStringLiteral("Storage")));
        QVERIFY(m_store->setWatch(recorded->devices.at(0), true));
        m_stats.events[EventKind::NewDevice] = 3;
        m_stats.events[EventKind::Offline] = 1;
        m_stats.sweeps[QStringLiteral("10.0.0.0/24")] = {2, 3.5};

        m_server = std::make_unique<AgentServer>(m_store.get(),
                                                 [this] { return renderMetrics(*m_store, m_watched, m_stats); });
        const auto port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY2(port, qPrintable(port.error()));
        m_port = port.value();
        QVERIFY(m_port != 0);
    }

    void cleanup() { m_server->setToken({}); }

    // The whole page: device series keyed by mac and network only, names and addresses in _info, escaped labels.
    void metricsPage()
    {
        const Reply r = request("GET", QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QStringList samples;
        for (const QByteArray &line : r.body.split('\n'))
            if (!line.isEmpty() && !line.startsWith('#'))
                samples << QString::fromUtf8(line);
        const QStringList expected{
            QStringLiteral("lanwatch_device_up{mac=\"00:11:32:aa:bb:cc\",network=\"10.0.0.0/24\"} 1"),
            QStringLiteral("lanwatch_device_up{mac=\"b8:27:eb:00:00:07\",network=\"10.0.0.0/24\"} 0"),
            QStringLiteral("lanwatch_device_up{mac=\"192.168.50.3\",network=\"other\"} 1"),
            QStringLiteral("lanwatch_device_info{mac=\"00:11:32:aa:bb:cc\",ip=\"10.0.0.2\",name=\"Storage\","
                           "vendor=\"Synology Incorporated\",watch=\"true\"} 1"),
            QStringLiteral("lanwatch_device_info{mac=\"b8:27:eb:00:00:07\",ip=\"10.0.0.7\",name=\"pi "
                           "\\\"kitchen\\\"\\\\1\",vendor=\"Raspberry Pi Foundation\",watch=\"false\"} 1"),
            QStringLiteral("lanwatch_device_info{mac=\"192.168.50.3\",ip=\"192.168.50.3\",name=\"192.168.50.3\","
                           "vendor=\"\",watch=\"false\"} 1"),
            QStringLiteral("lanwatch_device_last_seen_timestamp_seconds{mac=\"00:11:32:aa:bb:cc\",network=\"10.0.0.0/"
                           "24\"} 1795435200"),
            QStringLiteral("lanwatch_device_last_seen_timestamp_seconds{mac=\"b8:27:eb:00:00:07\",network=\"10.0.0.0/"
                           "24\"} 1795435200"),
            QStringLiteral("lanwatch_device_last_seen_timestamp_seconds{mac=\"192.168.50.3\",network=\"other\"} "
                           "1795435200"),
            QStringLiteral("lanwatch_device_rtt_seconds{mac=\"00:11:32:aa:bb:cc\",network=\"10.0.0.0/24\"} 0.0015"),
            QStringLiteral("lanwatch_devices{network=\"10.0.0.0/24\",state=\"online\"} 1"),
            QStringLiteral("lanwatch_devices{network=\"10.0.0.0/24\",state=\"offline\"} 1"),
            QStringLiteral("lanwatch_devices{network=\"other\",state=\"online\"} 1"),
            QStringLiteral("lanwatch_devices{network=\"other\",state=\"offline\"} 0"),
            QStringLiteral("lanwatch_events_total{kind=\"new-device\"} 3"),
            QStringLiteral("lanwatch_events_total{kind=\"offline\"} 1"),
            QStringLiteral("lanwatch_events_total{kind=\"online\"} 0"),
            QStringLiteral("lanwatch_events_total{kind=\"ip-changed\"} 0"),
            QStringLiteral("lanwatch_events_total{kind=\"ip-claimed\"} 0"),
            QStringLiteral("lanwatch_events_total{kind=\"duplicate-ip\"} 0"),
            QStringLiteral("lanwatch_events_total{kind=\"name-changed\"} 0"),
            QStringLiteral("lanwatch_sweep_duration_seconds_sum{network=\"10.0.0.0/24\"} 3.5"),
            QStringLiteral("lanwatch_sweep_duration_seconds_count{network=\"10.0.0.0/24\"} 2"),
            QStringLiteral("lanwatch_sweeps_total{network=\"10.0.0.0/24\"} 2"),
        };
        if (samples != expected)
            qWarning().noquote() << r.body;
        QCOMPARE(samples, expected);
        // Every family is announced once, before its samples.
        QCOMPARE(r.body.count("# TYPE "), 8);
        QVERIFY(r.body.contains("# TYPE lanwatch_events_total counter\n"));
        QVERIFY(r.body.contains("# TYPE lanwatch_sweep_duration_seconds summary\n"));
    }

    void devicesAndEvents()
    {
        const Reply devices = request("GET", QStringLiteral("/api/v1/devices"));
        QCOMPARE(devices.status, 200);
        QCOMPARE(devices.contentType, QByteArray("application/json"));
        const QJsonArray list = QJsonDocument::fromJson(devices.body).array();
        QCOMPARE(list.size(), 3);
        const QJsonObject nas = list.at(0).toObject();
        QCOMPARE(nas[QStringLiteral("mac")].toString(), QStringLiteral("00:11:32:aa:bb:cc"));
        QCOMPARE(nas[QStringLiteral("name")].toString(), QStringLiteral("Storage"));
        QCOMPARE(nas[QStringLiteral("seenName")].toString(), QStringLiteral("nas.lan"));
        QCOMPARE(nas[QStringLiteral("ips")].toArray(), QJsonArray{QStringLiteral("10.0.0.2")});
        QCOMPARE(nas[QStringLiteral("online")].toBool(), true);
        QCOMPARE(list.at(1).toObject()[QStringLiteral("online")].toBool(), false);

        const Reply all = request("GET", QStringLiteral("/api/v1/events"));
        QCOMPARE(all.status, 200);
        const QJsonArray events = QJsonDocument::fromJson(all.body).array();
        QStringList kinds;
        for (const QJsonValue &e : events)
            kinds << e.toObject()[QStringLiteral("kind")].toString();
        QCOMPARE(kinds, QStringList({QStringLiteral("new-device"), QStringLiteral("new-device"),
                                     QStringLiteral("new-device"), QStringLiteral("offline")}));
        QCOMPARE(events.at(3).toObject()[QStringLiteral("mac")].toString(), QStringLiteral("b8:27:eb:00:00:07"));

        const Reply offline = request("GET", QStringLiteral("/api/v1/events?kind=offline&since=2026-11-23T11:59:00Z"));
        QCOMPARE(offline.status, 200);
        QCOMPARE(QJsonDocument::fromJson(offline.body).array().size(), 1);
        const Reply later =
            request("GET", QStringLiteral("/api/v1/events?since=%40") + QString::number(m_now.toSecsSinceEpoch() + 1));
        QCOMPARE(later.status, 200);
        QCOMPARE(QJsonDocument::fromJson(later.body).array().size(), 0);
        const Reply limited = request("GET", QStringLiteral("/api/v1/events?limit=2"));
        QCOMPARE(QJsonDocument::fromJson(limited.body).array().size(), 2);
        QCOMPARE(request("GET", QStringLiteral("/healthz")).body, QByteArray("ok\n"));
    }

    void token()
    {
        m_server->setToken("s3cret-token");
        for (const QString &path :
             {QStringLiteral("/metrics"), QStringLiteral("/api/v1/devices"), QStringLiteral("/api/v1/events")}) {
            const Reply none = request("GET", path);
            QCOMPARE(none.status, 401);
            QCOMPARE(none.authenticate, QByteArray("Bearer realm=\"lanwatch\""));
            QVERIFY(!none.body.contains("lanwatch_device"));
            QCOMPARE(request("GET", path, "s3cret-tokeN").status, 401);
            QCOMPARE(request("GET", path, "s3cret-token-longer").status, 401);
            QCOMPARE(request("GET", path, "s3cret-token").status, 200);
        }
        QCOMPARE(request("GET", QStringLiteral("/healthz")).status, 200); // for a load balancer's probe
    }

    void refusesSmall_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("bad since") << QByteArray("GET") << QStringLiteral("/api/v1/events?since=yesterday") << 400;
        QTest::newRow("bad kind") << QByteArray("GET") << QStringLiteral("/api/v1/events?kind=%3Cscript%3E") << 400;
        QTest::newRow("limit 0") << QByteArray("GET") << QStringLiteral("/api/v1/events?limit=0") << 400;
        QTest::newRow("limit huge") << QByteArray("GET") << QStringLiteral("/api/v1/events?limit=99999999999") << 400;
        QTest::newRow("unknown parameter") << QByteArray("GET") << QStringLiteral("/api/v1/events?format=xml") << 400;
        QTest::newRow("metrics parameter") << QByteArray("GET") << QStringLiteral("/metrics?name[]=x") << 400;
        QTest::newRow("long query") << QByteArray("GET")
                                    << QStringLiteral("/api/v1/events?since=") + QString(20000, QLatin1Char('9'))
                                    << 400;
        QTest::newRow("many parameters") << QByteArray("GET")
                                         << QStringLiteral("/api/v1/events?") +
                                                QStringLiteral("kind=offline&").repeated(500)
                                         << 400;
        QTest::newRow("traversal") << QByteArray("GET") << QStringLiteral("/api/v1/../../etc/passwd") << 404;
        QTest::newRow("encoded traversal")
            << QByteArray("GET") << QStringLiteral("/api/v1/%2e%2e/%2e%2e/etc/passwd") << 404;
        QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/api/v1/devices/1/delete") << 404;
        QTest::newRow("POST metrics") << QByteArray("POST") << QStringLiteral("/metrics") << 405;
        QTest::newRow("DELETE devices") << QByteArray("DELETE") << QStringLiteral("/api/v1/devices") << 405;
    }

    void refusesSmall()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        const auto before = m_store->devices();
        const Reply r = request(method, path);
        QCOMPARE(r.status, status);
        QVERIFY2(r.body.size() < 200, r.body.constData()); // nothing echoed back, nothing listed
        QVERIFY(!r.body.contains("root:"));
        const auto after = m_store->devices();
        QCOMPARE(after->size(), before->size());
    }

    // Changes only by PATCH, only with the token (and only when one is configured); a bad field changes nothing.
    void patchDevice()
    {
        const QString path = QStringLiteral("/api/v1/devices/00-11-32-AA-BB-CC"); // any MAC spelling
        const QByteArray body = R"({"name": "Big NAS", "notes": "rack 2", "known": true, "watch": false})";
        QCOMPARE(patch(path, body).status, 403); // no token configured: nobody may change anything
        m_server->setToken("s3cret-token");
        QCOMPARE(patch(path, body).status, 401);
        QCOMPARE(patch(path, body, "wrong").status, 401);
        const auto before = m_store->deviceByMac(QStringLiteral("00:11:32:aa:bb:cc"));
        for (const QByteArray &bad :
             {QByteArray("not json"), QByteArray("[1]"), QByteArray(R"({"name": 5})"),
              QByteArray(R"({"known": "yes"})"), QByteArray(R"({"name": "x", "mac": "y"})"),
              QByteArray(QByteArray(R"({"name": ")") + QByteArray(300, 'n') + "\"}"), QByteArray(20000, ' ')}) {
            const Reply r = patch(path, bad, "s3cret-token");
            QVERIFY2(r.status == 400 || r.status == 413, bad.left(40).constData());
            QVERIFY(r.body.size() < 200);
        }
        QCOMPARE(m_store->deviceByMac(QStringLiteral("00:11:32:aa:bb:cc")).value()->customName,
                 before.value()->customName);
        QCOMPARE(patch(QStringLiteral("/api/v1/devices/00:11:32:00:00:99"), body, "s3cret-token").status, 404);
        QCOMPARE(patch(QStringLiteral("/api/v1/devices/nonsense"), body, "s3cret-token").status, 400);

        const Reply ok = patch(path, body, "s3cret-token");
        QCOMPARE(ok.status, 200);
        QCOMPARE(QJsonDocument::fromJson(ok.body).object()[QStringLiteral("name")].toString(),
                 QStringLiteral("Big NAS"));
        const auto after = m_store->deviceByMac(QStringLiteral("00:11:32:aa:bb:cc"));
        QCOMPARE(after.value()->customName, QStringLiteral("Big NAS"));
        QCOMPARE(after.value()->notes, QStringLiteral("rack 2"));
        QCOMPARE(after.value()->known, true);
        QCOMPARE(after.value()->watch, false);
        // GET of one device (with the token), by MAC or by the key IP of an IP-keyed device.
        const Reply one = request("GET", path, "s3cret-token");
        QCOMPARE(one.status, 200);
        QCOMPARE(QJsonDocument::fromJson(one.body).object()[QStringLiteral("notes")].toString(),
                 QStringLiteral("rack 2"));
        QCOMPARE(request("GET", QStringLiteral("/api/v1/devices/192.168.50.3"), "s3cret-token").status, 200);
        QCOMPARE(request("POST", path, "s3cret-token").status, 405);
        // Put back what metricsPage() expects, in case it runs again.
        QVERIFY(m_store->setCustomName(after.value()->id, QStringLiteral("Storage")));
        QVERIFY(m_store->setWatch(after.value()->id, true));
        QVERIFY(m_store->setKnown(after.value()->id, false));
        QVERIFY(m_store->setNotes(after.value()->id, QString()));
    }

    // A second listen() moves the endpoint (a reload): the old port stops answering.
    void relisten()
    {
        const quint16 old = m_port;
        const auto port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        m_port = port.value();
        QCOMPARE(request("GET", QStringLiteral("/healthz")).status, 200);
        m_port = old;
        QCOMPARE(request("GET", QStringLiteral("/healthz")).status, 0); // connection refused
        m_port = port.value();
        // A port in use is refused with the reason, and nothing is left listening.
        AgentServer other(m_store.get(), [] { return Result<QByteArray>(QByteArray()); });
        const auto busy = other.listen(QHostAddress::LocalHost, m_port);
        QVERIFY(!busy);
        QVERIFY2(busy.error().contains(QStringLiteral("127.0.0.1:%1").arg(m_port)), qPrintable(busy.error()));
        QVERIFY(!other.isListening());
    }

    // tls_cert/tls_key: the endpoint speaks HTTPS only, with the given certificate.
    void https()
    {
        QFile cert(QStringLiteral(LANWATCH_SOURCE_DIR "/tests/agent/fixtures/tls-cert.pem"));
        QFile key(QStringLiteral(LANWATCH_SOURCE_DIR "/tests/agent/fixtures/tls-key.pem"));
        QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
        const QByteArray certPem = cert.readAll();
        AgentServer tls(m_store.get(), [this] { return renderMetrics(*m_store, m_watched, m_stats); });
        tls.setTls(certPem, key.readAll());
        const auto port = tls.listen(QHostAddress::LocalHost, 0);
        QVERIFY2(port, qPrintable(port.error()));

        QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
        trust.setCaCertificates(QSslCertificate::fromData(certPem));
        QNetworkRequest r(QUrl(QStringLiteral("https://127.0.0.1:%1/metrics").arg(port.value())));
        r.setSslConfiguration(trust);
        QNetworkReply *reply = m_net.get(r);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->readAll().contains("lanwatch_device_up{mac=\"00:11:32:aa:bb:cc\""));
        reply->deleteLater();

        const quint16 saved = m_port;
        m_port = port.value();
        QCOMPARE(request("GET", QStringLiteral("/healthz")).status, 0); // plain HTTP gets no answer
        m_port = saved;

        AgentServer broken(m_store.get(), [] { return Result<QByteArray>(QByteArray()); });
        broken.setTls(certPem, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        const auto refused = broken.listen(QHostAddress::LocalHost, 0);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("unencrypted private key")), qPrintable(refused.error()));
    }
};

QTEST_GUILESS_MAIN(TstAgentServer)
#include "tst_agentserver.moc"
