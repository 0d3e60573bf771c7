// PassiveListener on the namespace LAN (tests/lab/lab.sh): a DHCP client that joins is known within 2 s,
// a gratuitous ARP is heard, a 100,000-frame flood leaves memory bounded, and without CAP_NET_RAW the
// neighbour table takes over and says so once.
#include "LabSupport.h"
#include "TestSupport.h"
#include "core/monitor/PassiveListener.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <ctime>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

using namespace lanwatch::monitor;
using lanwatch::scan::macToString;

using lanwatch::test::keyValues;
using lanwatch::test::run;
using lanwatch::test::Run;

namespace {

QString ipText(quint32 a)
{
    return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
}

// This thread in another network namespace for the scope (sockets opened meanwhile stay in it).
class InNamespace
{
public:
    explicit InNamespace(const QString &name)
    {
        m_home = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        const int target = ::open(qPrintable(QStringLiteral("/run/netns/") + name), O_RDONLY | O_CLOEXEC);
        m_ok = m_home >= 0 && target >= 0 && ::setns(target, CLONE_NEWNET) == 0;
        if (target >= 0)
            ::close(target);
    }
    ~InNamespace()
    {
        if (m_ok)
            ::setns(m_home, CLONE_NEWNET);
        if (m_home >= 0)
            ::close(m_home);
    }
    bool ok() const { return m_ok; }

private:
    int m_home = -1;
    bool m_ok = false;
};

qint64 monotonicMs() // the clock Announcement::seenMs is read from
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

class TstPassiveLab : public QObject
{
    Q_OBJECT

private:
    const QString m_lab = QStringLiteral("tpas");
    QString m_ns, m_if, m_labDir;
    bool m_labUp = false;
    QString m_flooder = lanwatch::test::binaryPath("tests/monitor/lanwatch-arpflood");

    QString join(const QString &client, const QString &mac, QString *script = nullptr)
    {
        const Run r = lanwatch::test::lab(QStringLiteral("join"), m_lab, {client, mac}, 60000);
        if (r.exitCode != 0) {
            qWarning("lab.sh join: %s", r.err.constData());
            return {};
        }
        const auto values = keyValues(r.out);
        if (script)
            *script = values.value(QStringLiteral("LAB_UDHCPC_SCRIPT"));
        return values.value(QStringLiteral("LAB_CLIENT_NS"));
    }

    // The listener's sockets are opened in the lab's scanner namespace; its thread only reads them.
    lanwatch::Result<void> startIn(PassiveListener &listener)
    {
        InNamespace inLab(m_ns);
        if (!inLab.ok())
            return lanwatch::Result<void>::failure(QStringLiteral("cannot enter ") + m_ns);
        return listener.start({m_if});
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANWATCH_REQUIRE(::geteuid() == 0, "building network namespaces needs root (run the suite as root)");
        LANWATCH_REQUIRE(QFile::exists(QStringLiteral("/bin/busybox")),
                         "busybox is missing (its udhcpc is the DHCP client): scripts/bootstrap.sh deps");
        LANWATCH_LAB_UP(values, m_labUp, m_lab);
        m_ns = values.value(QStringLiteral("LAB_NS"));
        m_if = values.value(QStringLiteral("LAB_IF"));
        m_labDir = values.value(QStringLiteral("LAB_DIR"));
        QVERIFY(!m_ns.isEmpty() && !m_if.isEmpty());
        QVERIFY2(QFile::exists(m_flooder), qPrintable(m_flooder));
    }

    void cleanupTestCase()
    {
        if (m_labUp)
            lanwatch::test::lab(QStringLiteral("down"), m_lab, {}, 60000);
    }

    // A device that joins and asks for an address is known, with its DHCP host name and the address it
    // requests, within 2 s of starting its DHCP client (which is before its first DHCP packet).
    void dhcpClientKnownWithinTwoSeconds()
    {
        PassiveListener listener;
        QList<Announcement> heard;
        qint64 completeAtMs = -1;
        const QString mac = QStringLiteral("02:1a:b0:00:0c:01");
        const QString name = QStringLiteral("lab-phone");
        connect(&listener, &PassiveListener::announced, this, [&](const QList<Announcement> &batch) {
            for (const Announcement &a : batch) {
                heard.append(a);
                if (completeAtMs < 0 && macToString(a.mac) == mac && a.hostName == name && a.ip != 0)
                    completeAtMs = monotonicMs();
            }
        });
        const auto started = startIn(listener);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QCOMPARE(listener.mode(), PassiveListener::Mode::Packet);

        QString script;
        const QString client = join(QStringLiteral("c1"), mac, &script);
        QVERIFY(!client.isEmpty());
        QProcess dhcp;
        QElapsedTimer sinceStart;
        sinceStart.start();
        dhcp.start(QStringLiteral("ip"), {QStringLiteral("netns"),
                                          QStringLiteral("exec"),
                                          client,
                                          QStringLiteral("busybox"),
                                          QStringLiteral("udhcpc"),
                                          QStringLiteral("-f"),
                                          QStringLiteral("-q"),
                                          QStringLiteral("-n"),
                                          QStringLiteral("-t"),
                                          QStringLiteral("5"),
                                          QStringLiteral("-T"),
                                          QStringLiteral("1"),
                                          QStringLiteral("-i"),
                                          QStringLiteral("eth0"),
                                          QStringLiteral("-s"),
                                          script,
                                          QStringLiteral("-x"),
                                          QStringLiteral("hostname:") + name,
                                          QStringLiteral("-V"),
                                          QStringLiteral("lanwatch-lab")});
        QTRY_VERIFY_WITH_TIMEOUT(completeAtMs >= 0, 2000);
        const qint64 latencyMs = sinceStart.elapsed();

        // What was heard, in order: the DISCOVER (MAC, name, no address yet) before the REQUEST.
        const Announcement *discover = nullptr, *request = nullptr;
        for (const Announcement &a : std::as_const(heard)) {
            if (macToString(a.mac) != mac)
                continue;
            if (a.kind == AnnounceKind::DhcpDiscover && !discover)
                discover = &a;
            if (a.kind == AnnounceKind::DhcpRequest && !request)
                request = &a;
        }
        QVERIFY(discover && request);
        QCOMPARE(discover->hostName, name);
        QCOMPARE(discover->vendorClass, QStringLiteral("lanwatch-lab"));
        QCOMPARE(discover->interfaceName, m_if);
        QVERIFY(!discover->frameSourceDiffers);
        QVERIFY(ipText(request->ip).startsWith(QLatin1String("10.251.7.")));
        const int octet = int(request->ip & 0xff);
        QVERIFY2(octet >= 100 && octet <= 199, qPrintable(ipText(request->ip))); // the lab's dhcp-range
        qInfo("DHCP client known %lld ms after udhcpc was started; first packet to full announcement: %lld ms "
              "(discover read at %lld, request read at %lld, delivered at %lld, monotonic ms)",
              latencyMs, completeAtMs - discover->seenMs, discover->seenMs, request->seenMs, completeAtMs);
        QTRY_COMPARE_WITH_TIMEOUT(dhcp.state(), QProcess::NotRunning, 10000);
        QCOMPARE(dhcp.exitCode(), 0); // it got its lease: the announcement named the address it holds now
        const Run addr =
            run(QStringLiteral("ip"), {QStringLiteral("-n"), client, QStringLiteral("-4"), QStringLiteral("-o"),
                                       QStringLiteral("addr"), QStringLiteral("show"), QStringLiteral("eth0")});
        QVERIFY2(addr.out.contains(QByteArray(ipText(request->ip).toLatin1() + '/')), addr.out.constData());
    }

    void gratuitousArpHeard()
    {
        PassiveListener listener;
        QList<Announcement> heard;
        connect(&listener, &PassiveListener::announced, this,
                [&](const QList<Announcement> &batch) { heard.append(batch); });
        const auto started = startIn(listener);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        // Host .3 announces its own address the way arping -U does.
        const Run sent = run(QStringLiteral("ip"),
                             {QStringLiteral("netns"), QStringLiteral("exec"),
                              QStringLiteral("lw") + m_lab + QStringLiteral("-h3"), m_flooder, QStringLiteral("eth0"),
                              QStringLiteral("1"), QStringLiteral("--ip"), QStringLiteral("10.251.7.3")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        auto found = [&] {
            for (const Announcement &a : std::as_const(heard))
                if (a.kind == AnnounceKind::ArpGratuitous && macToString(a.mac) == QLatin1String("f0:b4:79:00:00:03") &&
                    a.ip == 0x0afb0703u && a.arpTargetIp == 0x0afb0703u && !a.frameSourceDiffers)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(found(), 2000);
    }

    // 100,000 gratuitous ARP frames: one repeated claim is posted once; 100,000 different (spoofed) claims
    // are posted at most maxBatch per batch, the rest counted as dropped, and memory stays flat.
    void floodStaysBounded()
    {
        PassiveListener::Options options; // the defaults: what the application runs with
        PassiveListener listener(options, nullptr);
        quint64 received = 0, repeatedClaim = 0, largestBatch = 0, droppedSignalled = 0;
        connect(&listener, &PassiveListener::announced, this, [&](const QList<Announcement> &batch) {
            received += quint64(batch.size());
            largestBatch = std::max<quint64>(largestBatch, quint64(batch.size()));
            for (const Announcement &a : batch)
                if (a.ip == 0x0afb07fau) // 10.251.7.250, the repeated claim
                    ++repeatedClaim;
        });
        connect(&listener, &PassiveListener::dropped, this, [&](quint64 newly, quint64) { droppedSignalled += newly; });
        const auto started = startIn(listener);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        const QString flooder = join(QStringLiteral("f1"), QStringLiteral("02:1a:b0:00:0f:01"));
        QVERIFY(!flooder.isEmpty());
        const qint64 rssBefore = rssKiB();
        QVERIFY(rssBefore > 0);
        qint64 rssPeak = rssBefore;
        auto flood = [&](const QStringList &extra) {
            QProcess p;
            p.start(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), flooder,
                                                      m_flooder, QStringLiteral("eth0"), QStringLiteral("100000")} +
                                              extra);
            // Keep the event loop turning (batches are delivered) and sample the RSS while it runs.
            QElapsedTimer t;
            t.start();
            while (p.state() != QProcess::NotRunning && t.elapsed() < 120000) {
                p.waitForFinished(20);
                QCoreApplication::processEvents();
                rssPeak = std::max(rssPeak, rssKiB());
            }
            return p.exitCode() == 0 && p.readAllStandardOutput().startsWith("sent 100000");
        };
        auto settled = [&] { // every frame read or counted as dropped by the kernel, everything posted
            const PassiveStats s = listener.stats();
            return s.announcements == s.posted + s.coalesced + s.suppressed + s.dropped &&
                   s.framesRead + s.kernelDrops >= 100000;
        };

        // 1. One station repeating one claim: posted once, everything else coalesced or suppressed.
        QElapsedTimer floodTime;
        floodTime.start();
        QVERIFY(flood({QStringLiteral("--ip"), QStringLiteral("10.251.7.250")}));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 5000);
        const qint64 repeatMs = floodTime.elapsed();
        const PassiveStats a = listener.stats();
        QCOMPARE(repeatedClaim, quint64(1));
        QVERIFY(a.framesRead + a.kernelDrops >= 100000);
        QVERIFY2(a.framesRead + a.kernelDrops < 100000 + 200, "frames that were not the flood's"); // lab chatter
        QCOMPARE(a.dropped, quint64(0));
        QVERIFY(a.posted <= 10); // the repeated claim and whatever else the lab said meanwhile

        // 2. One namespace claiming 100,000 different stations: the caps decide, not the traffic.
        floodTime.restart();
        QVERIFY(flood({QStringLiteral("--distinct")}));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && listener.stats().framesRead + listener.stats().kernelDrops >= 200000,
                                 5000);
        const qint64 distinctMs = floodTime.elapsed();
        QTRY_COMPARE_WITH_TIMEOUT(received, listener.stats().posted, 2000); // everything posted was delivered
        const PassiveStats b = listener.stats();
        QVERIFY(largestBatch <= quint64(options.maxBatch));
        // No more than one full batch per interval reached the owner during the flood (+1: the last).
        const quint64 intervals = quint64(distinctMs / options.batchIntervalMs) + 2;
        QVERIFY2(b.posted - a.posted <= intervals * quint64(options.maxBatch),
                 qPrintable(QStringLiteral("%1 posted in %2 ms").arg(b.posted - a.posted).arg(distinctMs)));
        QVERIFY(b.dropped > 0); // 100,000 distinct claims in ~1 s cannot all fit: they were counted
        QCOMPARE(droppedSignalled, b.dropped);
        QCOMPARE(b.announcements, b.posted + b.coalesced + b.suppressed + b.dropped);
        const qint64 growth = rssPeak - rssBefore;
        qInfo("flood of 100,000 repeated claims: %lld ms; of 100,000 distinct claims: %lld ms; posted %llu, "
              "dropped %llu, kernel drops %llu, largest batch %llu; RSS %lld KiB before, peak %lld KiB (+%lld KiB)",
              repeatMs, distinctMs, static_cast<unsigned long long>(b.posted - a.posted),
              static_cast<unsigned long long>(b.dropped), static_cast<unsigned long long>(b.kernelDrops),
              static_cast<unsigned long long>(largestBatch), rssBefore, rssPeak, growth);
        // The bound: the listener's fixed tables (~0.2 MB) plus at most maxBatchesInFlight batches of
        // maxBatch announcements (~0.3 MB) and allocator slack. Keeping one Announcement (~120 bytes
        // with its QString headers) per frame would be 12 MB for 100,000 frames; 4 MiB separates them.
        QVERIFY2(growth < 4096, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(growth)));
    }

    // Without CAP_NET_RAW: the kernel's neighbour table, announced once as a warning, still reports a
    // host the moment the kernel learns it.
    void unprivilegedFallsBackToNeighbourTable()
    {
        const QString helper = lanwatch::test::binaryPath("tests/monitor/lanwatch-passive-listen");
        QVERIFY2(QFile::exists(helper), qPrintable(helper));
        run(QStringLiteral("ip"),
            {QStringLiteral("-n"), m_ns, QStringLiteral("neigh"), QStringLiteral("flush"), QStringLiteral("all")});
        QProcess listen;
        listen.start(QStringLiteral("ip"),
                     {QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("setpriv"),
                      QStringLiteral("--inh-caps=-all"), QStringLiteral("--bounding-set=-net_raw"), helper, m_if});
        QVERIFY(listen.waitForStarted());
        QByteArray out;
        auto lines = [&] {
            out += listen.readAllStandardOutput();
            return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        };
        QTRY_VERIFY_WITH_TIMEOUT(lines().contains(QStringLiteral("mode neighbour")), 5000);
        // Host .5 talks: the kernel resolves it, the listener hears the table change.
        const Run ping =
            run(QStringLiteral("ip"),
                {QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("ping"), QStringLiteral("-c"),
                 QStringLiteral("1"), QStringLiteral("-W"), QStringLiteral("2"), QStringLiteral("10.251.7.5")});
        QCOMPARE(ping.exitCode, 0);
        const QString expected = QStringLiteral("announce neighbour 20:85:93:b0:00:05 10.251.7.5 ");
        QTRY_VERIFY_WITH_TIMEOUT(lines().contains(expected), 2000);
        // A second host later: still one warning in all.
        run(QStringLiteral("ip"),
            {QStringLiteral("netns"), QStringLiteral("exec"), m_ns, QStringLiteral("ping"), QStringLiteral("-c"),
             QStringLiteral("1"), QStringLiteral("-W"), QStringLiteral("2"), QStringLiteral("10.251.7.6")});
        QTRY_VERIFY_WITH_TIMEOUT(lines().contains(QStringLiteral("announce neighbour 70:b3:d5:f2:f0:06 10.251.7.6 ")),
                                 2000);
        listen.closeWriteChannel();
        QVERIFY(listen.waitForFinished(5000));
        QCOMPARE(listen.exitCode(), 0);
        const QStringList all = lines();
        QCOMPARE(all.count(QStringLiteral("warning ") + PassiveListener::fallbackWarning()), 1);
    }
};

QTEST_GUILESS_MAIN(TstPassiveLab)
#include "tst_passive_lab.moc"
