// ScanEngine on loopback (the only network a unit test may touch): signals, progress, cancel, reuse,
// destruction mid-scan, refusal of a second start.
#include "core/scan/ScanEngine.h"

#include "TestSupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

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
