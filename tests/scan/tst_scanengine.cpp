// ScanEngine on loopback (the only network a unit test may touch): signals, progress, cancel, reuse,
// destruction mid-scan, refusal of a second start.
#include "core/scan/ScanEngine.h"

#include "../net/FakeDnsServer.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace lanwatch::scan;

class TstScanEngine : public QObject
{
    Q_OBJECT

private:
    static TargetSet targets(const char *text, bool large = false)
    {
        auto set = TargetSet::parse(QString::fromLatin1(text), large);
        Q_ASSERT(set.ok());
        return set.value();
    }

private Q_SLOTS:
    void tcpFindsEveryLoopbackAddress()
    {
        ScanEngine engine;
        QSignalSpy found(&engine, &ScanEngine::hostFound);
        QSignalSpy updated(&engine, &ScanEngine::hostUpdated);
        QSignalSpy progress(&engine, &ScanEngine::progress);
        QSignalSpy finished(&engine, &ScanEngine::finished);
        ScanOptions options;
        options.method = MethodChoice::Tcp;
        options.resolveNames = false;
        QVERIFY(engine.start(targets("127.0.0.1-127.0.0.20"), options).ok());
        QVERIFY(engine.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!engine.isRunning());
        QCOMPARE(found.size(), 20);
        QCOMPARE(updated.size(), 20);
        QSet<quint32> ips;
        for (const auto &args : std::as_const(updated)) {
            const auto host = args.first().value<HostRecord>();
            QVERIFY(host.enriched);
            ips.insert(host.ip);
            // 127.0.0.1 is this machine's own address; the others answer with a TCP refusal.
            QCOMPARE(host.foundBy, host.ip == 0x7f000001u ? FoundBy::Local : FoundBy::Tcp);
        }
        QCOMPARE(ips.size(), 20);
        QVERIFY(!progress.isEmpty());
        const auto last = progress.last();
        QCOMPARE(last.at(0).toULongLong(), quint64(20));
        QCOMPARE(last.at(1).toULongLong(), quint64(20));
        QCOMPARE(last.at(2).toInt(), 20);
    }

    void openPortIsAlsoProof()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress(QStringLiteral("127.0.0.77")), 0));
        ScanEngine engine;
        QSignalSpy found(&engine, &ScanEngine::hostFound);
        QSignalSpy finished(&engine, &ScanEngine::finished);
        ScanOptions options;
        options.method = MethodChoice::Tcp;
        options.tcpPorts = {server.serverPort()};
        options.resolveNames = false;
        QVERIFY(engine.start(targets("127.0.0.77"), options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().first().value<HostRecord>().ipString(), QStringLiteral("127.0.0.77"));
    }

    void icmpOnLoopback()
    {
        const Capabilities caps = probeCapabilities();
        LANWATCH_REQUIRE(caps.icmpDatagram || caps.rawIcmp,
                         "ICMP echo needs net.ipv4.ping_group_range to include this user, or CAP_NET_RAW");
        ScanEngine engine;
        QSignalSpy updated(&engine, &ScanEngine::hostUpdated);
        QSignalSpy finished(&engine, &ScanEngine::finished);
        ScanOptions options;
        options.method = MethodChoice::Icmp;
        options.resolveNames = false;
        QVERIFY(engine.start(targets("127.0.0.2-127.0.0.9"), options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(updated.size(), 8);
        for (const auto &args : std::as_const(updated)) {
            const auto host = args.first().value<HostRecord>();
            QCOMPARE(host.foundBy, FoundBy::Icmp);
            QVERIFY(host.rttMs >= 0);
        }
    }

    void cancelStopsAndEngineIsReusable()
    {
        ScanEngine engine;
        QSignalSpy found(&engine, &ScanEngine::hostFound);
        QSignalSpy finished(&engine, &ScanEngine::finished);
        ScanOptions options;
        options.method = MethodChoice::Tcp;
        options.tcpPorts = {9};
        options.ratePps = 200; // 65,534 targets would take minutes: only cancel can end this in time
        options.resolveNames = false;
        QVERIFY(engine.start(targets("127.1.0.0/16"), options).ok());
        QTRY_VERIFY_WITH_TIMEOUT(found.size() >= 3, 10000);
        engine.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!engine.isRunning());
        const qsizetype afterCancel = found.size();
        QVERIFY(afterCancel < 65534);
        // Nothing from the cancelled scan arrives later, and the same engine scans again.
        finished.clear();
        options.ratePps = 0;
        QVERIFY(engine.start(targets("127.0.0.2-127.0.0.4"), options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(found.size() - afterCancel, 3);
    }

    void secondStartRefused()
    {
        ScanEngine engine;
        ScanOptions options;
        options.method = MethodChoice::Tcp;
        options.ratePps = 100;
        options.resolveNames = false;
        QVERIFY(engine.start(targets("127.2.0.0/24"), options).ok());
        const auto again = engine.start(targets("127.2.0.0/24"), options);
        QVERIFY(!again.ok());
        QVERIFY(again.error().contains(QStringLiteral("already running")));
        QSignalSpy finished(&engine, &ScanEngine::finished);
        engine.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    }

    void destroyMidScan()
    {
        {
            auto *engine = new ScanEngine;
            ScanOptions options;
            options.method = MethodChoice::Tcp;
            options.ratePps = 500;
            QVERIFY(engine->start(targets("127.3.0.0/16"), options).ok());
            QSignalSpy found(engine, &ScanEngine::hostFound);
            QTRY_VERIFY_WITH_TIMEOUT(found.size() >= 2, 10000);
            delete engine; // must neither crash nor deliver anything afterwards
        }
        // The pool is still healthy: a new engine completes a scan.
        ScanEngine engine;
        QSignalSpy finished(&engine, &ScanEngine::finished);
        ScanOptions options;
        options.method = MethodChoice::Tcp;
        options.resolveNames = false;
        QVERIFY(engine.start(targets("127.0.0.5"), options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    }

    void namesComeFromTheResolverAndNeverHoldTheScan()
    {
        using namespace lanwatch::test;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FakeDnsServer dns;
        QVERIFY(dns.listen(QHostAddress(QStringLiteral("127.0.0.86"))));
        dns.hold = true; // silent until released
        dns.answer = [](const QByteArray &q) {
            return QList<QByteArray>{dnsReply(q, 0, {dnsRecord(QByteArray("\xc0\x0c", 2), 12, dnsName("late.lan"))})};
        };
        QFile conf(dir.filePath(QStringLiteral("resolv.conf"))), hosts(dir.filePath(QStringLiteral("hosts")));
        QVERIFY(conf.open(QIODevice::WriteOnly) && hosts.open(QIODevice::WriteOnly));
        conf.write("nameserver 127.0.0.86\n");
        conf.close();
        lanwatch::net::ReverseResolver::Config config;
        config.resolvConfPath = conf.fileName();
        config.hostsPath = hosts.fileName();
        config.port = dns.port();

        ScanEngine engine;
        engine.setResolverConfig(config);
        QSignalSpy updated(&engine, &ScanEngine::hostUpdated);
        QSignalSpy warnings(&engine, &ScanEngine::warning);
        QSignalSpy finished(&engine, &ScanEngine::finished);
        ScanOptions options;
        options.method = MethodChoice::Tcp;
        options.nameGraceMs = 100; // far below the resolver's 1.5 s per try
        QVERIFY(engine.start(targets("127.0.0.3"), options).ok());
        // The silent server costs the grace, not the resolver's timeout: finished comes with the host
        // (nameless, shown when the sweep ended) and one warning.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 1000);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(updated.first().first().value<HostRecord>().hostname, QString());
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().first().toString().startsWith(
                     QStringLiteral("reverse DNS: no answer from 127.0.0.86 within 1.5 s; names are missing")),
                 qPrintable(warnings.first().first().toString()));
        QCOMPARE(dns.queries.size(), 1);

        // A name that comes after finished still updates the host.
        dns.release();
        QTRY_COMPARE(updated.size(), 2);
        QCOMPARE(updated.last().first().value<HostRecord>().hostname, QStringLiteral("late.lan"));
        QCOMPARE(updated.last().first().value<HostRecord>().ip, 0x7f000003u);

        // Cancel drops a name in flight: its answer comes, and nothing reports it.
        dns.hold = true;
        updated.clear();
        finished.clear();
        QVERIFY(engine.start(targets("127.0.0.3"), options).ok());
        QTRY_COMPARE(dns.queries.size(), 2);
        engine.cancel();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        const auto before = updated.size();
        dns.release(); // answers the cancelled query now
        // A witness datagram sent after that answer: once it has been dispatched, so has the answer.
        QUdpSocket witness, poke;
        QVERIFY(witness.bind(QHostAddress(QHostAddress::LocalHost), 0));
        QSignalSpy witnessed(&witness, &QUdpSocket::readyRead);
        poke.writeDatagram("x", QHostAddress(QHostAddress::LocalHost), witness.localPort());
        QTRY_COMPARE(witnessed.size(), 1);
        QCOMPARE(updated.size(), before);
        for (const auto &args : std::as_const(updated))
            QCOMPARE(args.first().value<HostRecord>().hostname, QString());
    }

    void describesMethods()
    {
        ScanOptions options;
        Capabilities none;
        const QStringList unprivileged = ScanEngine::describeMethods(options, none);
        QVERIFY(unprivileged.join(QLatin1Char('\n')).contains(QStringLiteral("TCP connect")));
        QVERIFY(!unprivileged.join(QLatin1Char('\n')).contains(QStringLiteral("ARP")));
        QVERIFY(ScanEngine::privilegeHint(none).contains(QStringLiteral("setcap cap_net_raw+ep")));
        Capabilities root{true, true, false};
        QVERIFY(ScanEngine::describeMethods(options, root).first().contains(QStringLiteral("ARP")));
        QVERIFY(ScanEngine::privilegeHint(root).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstScanEngine)
#include "tst_scanengine.moc"
