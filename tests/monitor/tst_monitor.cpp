// Monitor with an injected clock and a fake scan source: scheduling, grace period, IP change, duplicate IP,
// spoofing, the new-device enrichment wait, settings persistence, and the cost of recording a /24.
#include "core/monitor/Monitor.h"

#include "core/Settings.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/ScanSource.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace lanwatch;
using namespace lanwatch::monitor;

namespace {

quint32 ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text)).toIPv4Address();
}

scan::HostRecord host(const char *address, const char *mac, const char *name = "")
{
    scan::HostRecord h;
    h.ip = ip(address);
    h.mac = scan::macFromString(QString::fromLatin1(mac));
    h.hostname = QString::fromLatin1(name);
    h.enriched = true;
    return h;
}

Announcement heard(AnnounceKind kind, const char *address, const char *mac, const char *hostName = "")
{
    Announcement a;
    a.kind = kind;
    a.ip = address ? ip(address) : 0;
    a.mac = *scan::macFromString(QString::fromLatin1(mac));
    a.hostName = QString::fromLatin1(hostName);
    return a;
}

// Sweeps on demand: the test decides what each sweep found and when it ends.
class FakeSource final : public ScanSource
{
public:
    int starts = 0;
    int overlaps = 0;
    bool running = false;
    scan::TargetSet probed;  // what the last sweep was asked to probe
    scan::TargetSet retried; // and which of those addresses get every retry
    Result<void> start(const scan::TargetSet &targets, const scan::TargetSet &retriedAddresses) override
    {
        retried = retriedAddresses;
        if (running) {
            ++overlaps;
            return Result<void>::failure(QStringLiteral("a sweep is already running"));
        }
        running = true;
        probed = targets;
        ++starts;
        return {};
    }
    void cancel() override
    {
        if (!running)
            return;
        running = false;
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished({}, true); }, Qt::QueuedConnection);
    }
    void complete(const QList<scan::HostRecord> &hosts)
    {
        QVERIFY(running);
        running = false;
        Q_EMIT finished(hosts, false);
    }
};

QList<Event> eventsOf(const QSignalSpy &spy, EventKind kind)
{
    QList<Event> list;
    for (const QList<QVariant> &args : spy) {
        const auto e = args.at(0).value<Event>();
        if (e.kind == kind)
            list.append(e);
    }
    return list;
}

} // namespace

class TstMonitor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QDateTime m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    std::unique_ptr<DeviceStore> m_store;
    FakeSource *m_source = nullptr;
    std::unique_ptr<Monitor> m_monitor;
    QList<std::function<void(const QString &)>> m_lookups;
    QList<quint32> m_lookedUp;

    // A monitor whose timer never fires by itself: the test moves the clock and calls checkSchedule().
    void make(const QString &target = QStringLiteral("10.0.0.0/24"), int interval = 60)
    {
        m_monitor.reset();
        m_store.reset();
        auto store = DeviceStore::open(m_dir.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction())),
                                       [this] { return m_now; });
        QVERIFY2(store.ok(), qPrintable(store.error()));
        m_store = std::move(store).value();
        auto source = std::make_unique<FakeSource>();
        m_source = source.get();
        Monitor::Options options;
        options.tickMs = 24 * 3600 * 1000;
        options.passive = false;
        m_monitor = std::make_unique<Monitor>(m_store.get(), std::move(source), options);
        m_lookups.clear();
        m_lookedUp.clear();
        m_monitor->setNameLookup([this](quint32 address, QObject *, std::function<void(const QString &)> done) {
            m_lookedUp.append(address);
            m_lookups.append(std::move(done));
        });
        QVERIFY(m_monitor->watch(target, interval).ok());
        QVERIFY(m_monitor->start().ok());
        QTRY_COMPARE(m_source->starts, 1);
    }

    void advance(int seconds) { m_now = m_now.addSecs(seconds); }

    // Advances to the next slot and runs one sweep that finds hosts.
    void sweep(const QList<scan::HostRecord> &hosts, int seconds = 60)
    {
        if (!m_source->running) {
            advance(seconds);
            const int before = m_source->starts;
            m_monitor->checkSchedule();
            QCOMPARE(m_source->starts, before + 1);
        }
        m_source->complete(hosts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("LANWATCH_IEEE_DIR", "/usr/share/ieee-data");
    }

    void cleanup()
    {
        m_monitor.reset();
        m_store.reset();
    }

    void refusesBadTargetsAndIntervals()
    {
        make();
        QVERIFY(!m_monitor->watch(QStringLiteral("10.0.0.300/24"), 60).ok());
        const auto tooShort = m_monitor->watch(QStringLiteral("10.0.1.0/24"), minimumIntervalSeconds() - 1);
        QVERIFY(!tooShort.ok());
        QVERIFY(tooShort.error().contains(QString::number(minimumIntervalSeconds())));
        QVERIFY(!m_monitor->setGraceSeconds(1).ok());
        QCOMPARE(m_monitor->watched().size(), 1);
        QCOMPARE(effectiveGraceSeconds(300, 0), 600);   // 2 sweeps = 10 min
        QCOMPARE(effectiveGraceSeconds(3600, 0), 7200); // 2 sweeps of an hour beat 10 min
        QCOMPARE(effectiveGraceSeconds(300, 45), 45);
    }

    // Never two sweeps of one target at once; a slot missed while sweeping runs right after; a long sleep
    // gives one catch-up sweep, not one per missed slot.
    void scheduling()
    {
        make(QStringLiteral("10.0.0.0/24"), 60);
        QSignalSpy started(m_monitor.get(), &Monitor::sweepStarted);
        QSignalSpy finished(m_monitor.get(), &Monitor::sweepFinished);
        advance(30);
        m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 1);
        advance(200); // the sweep is slow: slots pass while it runs
        m_monitor->checkSchedule();
        m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 1);
        QCOMPARE(m_source->overlaps, 0);
        m_source->complete({host("10.0.0.2", "00:11:32:00:00:04")});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("10.0.0.0/24"));
        QCOMPARE(finished.at(0).at(1).toInt(), 1);
        QCOMPARE(m_source->starts, 2); // the missed slot, once
        m_source->complete({});
        QCOMPARE(m_source->starts, 2);
        QCOMPARE(m_monitor->nextSweep(QStringLiteral("10.0.0.0/24")), m_now.addSecs(60));

        advance(59);
        m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 2);
        advance(1);
        m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 3);
        m_source->complete({});

        advance(10 * 3600); // suspended overnight: 600 slots missed
        for (int i = 0; i < 5; ++i)
            m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 4);
        m_source->complete({});
        m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 4);
        QCOMPARE(m_source->overlaps, 0);
        QCOMPARE(started.size(), 3); // the spy came after the first start
    }

    // Two targets take turns: the second waits for the first instead of overlapping on one engine.
    void targetsTakeTurns()
    {
        make(QStringLiteral("10.0.0.0/24"), 60);
        QVERIFY(m_monitor->watch(QStringLiteral("10.0.1.0/24"), 60).ok());
        QSignalSpy started(m_monitor.get(), &Monitor::sweepStarted);
        m_monitor->checkSchedule();
        QCOMPARE(m_source->starts, 1);
        m_source->complete({});
        QCOMPARE(m_source->starts, 2);
        QCOMPARE(started.at(0).at(0).toString(), QStringLiteral("10.0.1.0/24"));
        QCOMPARE(m_source->overlaps, 0);
    }

    // A device that misses sweeps is offline once, after the grace period and not before; back: online once.
    void gracePeriod()
    {
        make(QStringLiteral("10.0.0.0/24"), 60); // automatic grace: max(2 x 60 s, 10 min) = 10 min
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        QSignalSpy batches(m_monitor.get(), &Monitor::eventBatch);
        const auto nas = host("10.0.0.4", "00:11:32:00:00:04", "nas.lab");
        const auto phone = host("10.0.0.14", "f4:f5:d8:00:00:0e");
        sweep({nas, phone});
        QCOMPARE(eventsOf(events, EventKind::NewDevice).size(), 2);
        QCOMPARE(batches.size(), 1);
        QVERIFY(batches.at(0).at(1).toBool()); // the first sweep of the network: a burst to summarise
        for (int i = 0; i < 9; ++i)            // 9 minutes without the phone
            sweep({nas});
        QCOMPARE(eventsOf(events, EventKind::Offline).size(), 0);
        sweep({nas}); // 10 min: still within the grace (not seen *since* the cutoff is strict)
        sweep({nas}); // 11 min
        const auto offline = eventsOf(events, EventKind::Offline);
        QCOMPARE(offline.size(), 1);
        QCOMPARE(offline.at(0).mac, QStringLiteral("f4:f5:d8:00:00:0e"));
        for (int i = 0; i < 5; ++i)
            sweep({nas});
        QCOMPARE(eventsOf(events, EventKind::Offline).size(), 1);
        sweep({nas, phone});
        sweep({nas, phone});
        const auto online = eventsOf(events, EventKind::Online);
        QCOMPARE(online.size(), 1);
        QCOMPARE(online.at(0).mac, QStringLiteral("f4:f5:d8:00:00:0e"));
        QVERIFY(!batches.last().at(1).toBool());
        QCOMPARE(eventsOf(events, EventKind::NewDevice).size(), 2);
    }

    // A /16 watched every minute: the first sweep probes it whole, the next ones a 4,096-address slice each plus
    // every address a device holds, so every address is probed again within 16 sweeps and a device that leaves
    // is still noticed within the grace, wherever its address is.
    void largeTargetIsSweptInSlices()
    {
        make(QStringLiteral("10.9.0.0/16"), 60);
        const auto whole = scan::TargetSet::parse(QStringLiteral("10.9.0.0/16")).value();
        QCOMPARE(m_source->probed.size(), whole.size());
        QCOMPARE(m_source->retried.ranges(), whole.ranges()); // the first sweep tries every address hard
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        const auto low = host("10.9.0.5", "00:11:32:00:00:05");     // inside the first slice
        const auto high = host("10.9.200.7", "f4:f5:d8:00:00:07"); // index 51206: in slice 12
        const auto gone = host("10.9.99.9", "28:cf:e9:00:00:09");  // leaves after the first sweep
        m_source->complete({low, high, gone});
        QCOMPARE(eventsOf(events, EventKind::NewDevice).size(), 3);

        QList<scan::TargetSet::Range> seen;
        const int slices = int((whole.size() + MonitorLimits::SliceAddresses - 1) / MonitorLimits::SliceAddresses);
        QCOMPARE(slices, 16);
        for (int i = 0; i < slices; ++i) {
            advance(60);
            m_monitor->checkSchedule();
            QVERIFY(m_source->running);
            const scan::TargetSet probed = m_source->probed;
            QVERIFY2(probed.size() <= quint64(MonitorLimits::SliceAddresses) + 3, qPrintable(QString::number(probed.size())));
            QVERIFY(probed.size() >= quint64(MonitorLimits::SliceAddresses));
            for (const auto &h : {low, high, gone})
                QVERIFY2(probed.contains(h.ip), qPrintable(h.ipString()));
            // Retried: exactly the held addresses (an offline device still holds its last one).
            QCOMPARE(m_source->retried.size(), quint64(3));
            for (const auto &h : {low, high, gone})
                QVERIFY(m_source->retried.contains(h.ip));
            seen += probed.ranges();
            m_source->complete({low, high});
        }
        QCOMPARE(scan::TargetSet::fromRanges(seen).ranges(), whole.ranges());
        // gone missed 16 sweeps (16 min > the 10 min grace): offline once, though its slice came round only once.
        const auto offline = eventsOf(events, EventKind::Offline);
        QCOMPARE(offline.size(), 1);
        QCOMPARE(offline.at(0).mac, QStringLiteral("28:cf:e9:00:00:09"));
        // The devices that answered at addresses outside a slice kept them: no IP change, nobody else offline.
        QCOMPARE(eventsOf(events, EventKind::IpChanged).size(), 0);
        // A restart sweeps the whole target again first.
        m_monitor->stop();
        QVERIFY(m_monitor->start().ok());
        QTRY_VERIFY(m_source->running);
        QCOMPARE(m_source->probed.size(), whole.size());
    }

    // A /24 is small enough to sweep whole every time.
    void smallTargetIsSweptWhole()
    {
        make(QStringLiteral("10.0.0.0/24"), 60);
        QCOMPARE(m_source->probed.size(), quint64(254));
        QCOMPARE(m_source->retried.size(), quint64(254));
        sweep({host("10.0.0.4", "00:11:32:00:00:04")});
        advance(60);
        m_monitor->checkSchedule();
        QCOMPARE(m_source->probed.size(), quint64(254));
        // Only the held address is retried at a re-sweep: the empty ones come round again in a minute.
        QCOMPARE(m_source->retried.ranges(), (QList<scan::TargetSet::Range>{{ip("10.0.0.4"), ip("10.0.0.4")}}));
    }

    void configuredGrace()
    {
        make(QStringLiteral("10.0.0.0/24"), 60);
        QVERIFY(m_monitor->setGraceSeconds(90).ok());
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        sweep({host("10.0.0.4", "00:11:32:00:00:04")});
        sweep({});
        QCOMPARE(eventsOf(events, EventKind::Offline).size(), 0);
        sweep({});
        QCOMPARE(eventsOf(events, EventKind::Offline).size(), 1);
    }

    void ipChanged()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        sweep({host("10.0.0.19", "28:cf:e9:00:00:13", "printer.lab")});
        sweep({host("10.0.0.42", "28:cf:e9:00:00:13", "printer.lab")});
        const auto changed = eventsOf(events, EventKind::IpChanged);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).ip, ip("10.0.0.42"));
        QCOMPARE(changed.at(0).otherIp, ip("10.0.0.19"));
        QCOMPARE(changed.at(0).deviceName, QStringLiteral("printer.lab"));
        QCOMPARE(eventsOf(events, EventKind::IpClaimed).size(), 0);
    }

    // The listener hears the first sweep's ARP replies before the engine reports: those devices' events still
    // come in the sweep's one burst, with the sweep's names.
    void firstSweepIsOneBurst()
    {
        make();
        QSignalSpy batches(m_monitor.get(), &Monitor::eventBatch);
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpReply, "10.0.0.4", "00:11:32:00:00:04"),
                                        heard(AnnounceKind::ArpReply, "10.0.0.19", "28:cf:e9:00:00:13")});
        QCOMPARE(batches.size(), 0);
        m_source->complete({host("10.0.0.4", "00:11:32:00:00:04", "nas.lab"), host("10.0.0.19", "28:cf:e9:00:00:13"),
                            host("10.0.0.30", "b8:27:eb:00:00:1e")});
        QCOMPARE(batches.size(), 1);
        QVERIFY(batches.at(0).at(1).toBool());
        const auto events = batches.at(0).at(0).value<QList<Event>>();
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.at(0).deviceName, QStringLiteral("nas.lab"));
        QTest::qWait(MonitorLimits::EnrichWaitMs + 100);
        QCOMPARE(batches.size(), 1);
    }

    // The sweep's own ARP reply from a moved device is heard before the engine reports: it waits for the
    // sweep, which knows the old address is gone (an IP change *from* .19, not just a new address).
    void ipChangedHeardDuringSweep()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        sweep({host("10.0.0.19", "28:cf:e9:00:00:13")});
        advance(60);
        m_monitor->checkSchedule();
        QVERIFY(m_source->running);
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpReply, "10.0.0.42", "28:cf:e9:00:00:13")});
        QCOMPARE(eventsOf(events, EventKind::IpChanged).size(), 0);
        m_source->complete({host("10.0.0.42", "28:cf:e9:00:00:13")});
        const auto changed = eventsOf(events, EventKind::IpChanged);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).otherIp, ip("10.0.0.19"));
    }

    // The engine reports one MAC per IP; the second ARP reply to the same request is heard by the listener
    // during the sweep, and the two together are one sweep's duplicate IP.
    void duplicateIp()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpReply, "10.0.0.5", "20:85:93:b0:00:05"),
                                        heard(AnnounceKind::ArpReply, "10.0.0.5", "00:1b:21:00:00:08")});
        m_source->complete({host("10.0.0.5", "20:85:93:b0:00:05")});
        const auto duplicates = eventsOf(events, EventKind::DuplicateIp);
        QCOMPARE(duplicates.size(), 1);
        QCOMPARE(duplicates.at(0).ip, ip("10.0.0.5"));
        QCOMPARE(QSet<QString>({duplicates.at(0).mac, duplicates.at(0).otherMac}),
                 QSet<QString>({QStringLiteral("20:85:93:b0:00:05"), QStringLiteral("00:1b:21:00:00:08")}));
        QCOMPARE(eventsOf(events, EventKind::IpClaimed).size(), 0);
        // Both still answer in the next sweep: not reported again.
        sweep({host("10.0.0.5", "20:85:93:b0:00:05")});
        QCOMPARE(eventsOf(events, EventKind::DuplicateIp).size(), 1);
    }

    // Between sweeps, another MAC claims an online device's IP (gratuitous ARP): possible spoofing, at once.
    void spoofing()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        sweep({host("10.0.0.254", "00:00:0c:00:00:fe", "gw.lab"), host("10.0.0.20", "00:00:0c:00:00:14")});
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpGratuitous, "10.0.0.254", "00:00:0c:00:00:14")});
        const auto claimed = eventsOf(events, EventKind::IpClaimed);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.at(0).ip, ip("10.0.0.254"));
        QCOMPARE(claimed.at(0).mac, QStringLiteral("00:00:0c:00:00:14"));
        QCOMPARE(claimed.at(0).otherMac, QStringLiteral("00:00:0c:00:00:fe"));
    }

    // Announcements outside every watched target are not the monitor's business.
    void ignoresOtherNetworks()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpGratuitous, "192.168.9.9", "00:11:32:00:00:99"),
                                        heard(AnnounceKind::ArpGratuitous, "10.0.0.9", "ff:ff:ff:ff:ff:ff")});
        QTest::qWait(50);
        QCOMPARE(m_store->devices()->size(), 0);
        QCOMPARE(events.size(), 0);
    }

    // A DHCP client's host name arrives in its own packet: the new-device event says it at once.
    void dhcpNameAtOnce()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        m_monitor->recordAnnouncements(
            {heard(AnnounceKind::DhcpRequest, "10.0.0.150", "f4:f5:d8:00:00:77", "Pixel-7")});
        QCOMPARE(events.size(), 1);
        const auto e = events.at(0).at(0).value<Event>();
        QCOMPARE(e.kind, EventKind::NewDevice);
        QCOMPARE(e.deviceName, QStringLiteral("Pixel-7"));
        QCOMPARE(e.vendor, QStringLiteral("Google, Inc."));
        QVERIFY(e.describe().contains(QStringLiteral("Pixel-7 (Google, Inc.)")));
        QVERIFY(m_lookedUp.isEmpty());
    }

    // DISCOVER (no address) and REQUEST (the address) in one batch: one device, one event with both.
    void dhcpDiscoverAndRequestAreOneDevice()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        m_monitor->recordAnnouncements(
            {heard(AnnounceKind::DhcpDiscover, nullptr, "f4:f5:d8:00:00:77", "Pixel-7"),
             heard(AnnounceKind::DhcpRequest, "10.0.0.150", "f4:f5:d8:00:00:77", "Pixel-7")});
        QCOMPARE(events.size(), 1);
        const auto e = events.at(0).at(0).value<Event>();
        QCOMPARE(e.ip, ip("10.0.0.150"));
        QCOMPARE(e.deviceName, QStringLiteral("Pixel-7"));
        QCOMPARE(m_store->devices()->size(), 1);
    }

    // The DISCOVER (name, no address) in one batch, the REQUEST (address) in the next: one event with both.
    void dhcpDiscoverWaitsForTheAddress()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        m_monitor->recordAnnouncements({heard(AnnounceKind::DhcpDiscover, nullptr, "f4:f5:d8:00:00:77", "Pixel-7")});
        QCOMPARE(events.size(), 0);
        m_monitor->recordAnnouncements(
            {heard(AnnounceKind::DhcpRequest, "10.0.0.150", "f4:f5:d8:00:00:77", "Pixel-7")});
        QCOMPARE(events.size(), 1);
        const auto e = events.at(0).at(0).value<Event>();
        QCOMPARE(e.ip, ip("10.0.0.150"));
        QCOMPARE(e.deviceName, QStringLiteral("Pixel-7"));
        QVERIFY(m_lookedUp.isEmpty());
    }

    // An ARP-only newcomer: the event waits for reverse DNS, at most EnrichWaitMs.
    void enrichmentWaitNameInTime()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        QElapsedTimer clock;
        clock.start();
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpRequest, "10.0.0.77", "f4:f5:d8:00:00:78")});
        QCOMPARE(events.size(), 0);
        QCOMPARE(m_lookedUp, QList<quint32>{ip("10.0.0.77")});
        QCOMPARE(m_store->devices()->size(), 1); // known at once, only the event waits
        QTest::qWait(300);
        QCOMPARE(events.size(), 0);
        m_lookups.takeFirst()(QStringLiteral("pixel-7.lab"));
        QCOMPARE(events.size(), 1);
        QVERIFY(clock.elapsed() < MonitorLimits::EnrichWaitMs);
        const auto e = events.at(0).at(0).value<Event>();
        QCOMPARE(e.kind, EventKind::NewDevice);
        QCOMPARE(e.deviceName, QStringLiteral("pixel-7.lab"));
        QCOMPARE(e.vendor, QStringLiteral("Google, Inc."));
        QTest::qWait(MonitorLimits::EnrichWaitMs + 200);
        QCOMPARE(events.size(), 1); // the deadline does not emit it a second time
    }

    void enrichmentWaitGivesUp()
    {
        make();
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        QSignalSpy changed(m_monitor.get(), &Monitor::deviceChanged);
        QElapsedTimer clock;
        clock.start();
        m_monitor->recordAnnouncements({heard(AnnounceKind::ArpRequest, "10.0.0.78", "f4:f5:d8:00:00:79")});
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 5000);
        const qint64 waited = clock.elapsed();
        // Never before the wait is over; the upper bound only says it gave up (a loaded machine is slow).
        QVERIFY2(waited >= MonitorLimits::EnrichWaitMs && waited < MonitorLimits::EnrichWaitMs + 3000,
                 qPrintable(QString::number(waited)));
        const auto e = events.at(0).at(0).value<Event>();
        QCOMPARE(e.kind, EventKind::NewDevice);
        QVERIFY(e.deviceName.isEmpty());
        QCOMPARE(e.vendor, QStringLiteral("Google, Inc."));
        // The name comes late: the device gets it, and views are told to re-read it.
        m_lookups.takeFirst()(QStringLiteral("late.lab"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_store->device(e.deviceId)->value().displayName(), QStringLiteral("late.lab"));
        QCOMPARE(m_store->events()->constFirst().deviceName, QStringLiteral("late.lab"));
        QCOMPARE(events.size(), 1);
    }

    // A manual scan is recorded like a sweep and its events are published the same way, but it marks nothing
    // offline (a rescan of one host says nothing about the others); the first scan of a network is a burst.
    void recordScan()
    {
        make(QStringLiteral("10.0.0.0/24"), 3600);
        const auto nas = host("10.0.0.4", "00:11:32:00:00:04", "nas.lab");
        const auto phone = host("10.0.0.14", "f4:f5:d8:00:00:0e");
        const auto printer = host("10.0.0.19", "28:cf:e9:00:00:13", "printer.lab");
        m_source->complete({nas, phone, printer});
        QSignalSpy events(m_monitor.get(), &Monitor::event);
        QSignalSpy batches(m_monitor.get(), &Monitor::eventBatch);
        const auto targets = [](const char *text) { return scan::TargetSet::parse(QString::fromLatin1(text)).value(); };

        advance(3 * 3600); // far past any grace period
        m_monitor->recordScan({nas}, targets("10.0.0.4"));
        QCOMPARE(events.size(), 0);
        QCOMPARE(batches.size(), 0);
        for (const char *mac : {"f4:f5:d8:00:00:0e", "28:cf:e9:00:00:13", "00:11:32:00:00:04"})
            QVERIFY2(m_store->deviceByMac(QString::fromLatin1(mac))->value().online, mac);
        QCOMPARE(m_store->deviceByMac(QStringLiteral("00:11:32:00:00:04"))->value().lastSeen, m_now);
        QCOMPARE(m_store->deviceByMac(QStringLiteral("f4:f5:d8:00:00:0e"))->value().lastSeen, m_now.addSecs(-3 * 3600));

        // A new host on a network already in the inventory: a new-device event on its own, not a burst.
        const auto tv = host("10.0.0.33", "a4:77:33:00:00:21", "tv.lab");
        m_monitor->recordScan({nas, tv}, targets("10.0.0.0/24"));
        QCOMPARE(batches.size(), 1);
        QVERIFY(!batches.at(0).at(1).toBool());
        auto batch = batches.at(0).at(0).value<QList<Event>>();
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.at(0).kind, EventKind::NewDevice);
        QCOMPARE(batch.at(0).ip, ip("10.0.0.33"));
        QCOMPARE(batch.at(0).deviceName, QStringLiteral("tv.lab"));
        QCOMPARE(events.size(), 1);

        // The probed range says which addresses a device left: the printer moved from .19 to .42.
        m_monitor->recordScan({host("10.0.0.42", "28:cf:e9:00:00:13", "printer.lab")}, targets("10.0.0.0/24"));
        const auto moved = eventsOf(events, EventKind::IpChanged);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.at(0).ip, ip("10.0.0.42"));
        QCOMPARE(moved.at(0).otherIp, ip("10.0.0.19"));

        // The first scan of another network: its devices come as one burst.
        m_monitor->recordScan({host("192.168.7.1", "00:0d:b9:00:00:01"), host("192.168.7.2", "00:0d:b9:00:00:02")},
                              targets("192.168.7.0/24"));
        QCOMPARE(batches.size(), 3);
        QVERIFY(batches.last().at(1).toBool());
        QCOMPARE(batches.last().at(0).value<QList<Event>>().size(), 2);
        // Its second scan finds one more device: that one is news.
        m_monitor->recordScan({host("192.168.7.1", "00:0d:b9:00:00:01"), host("192.168.7.9", "00:0d:b9:00:00:09")},
                              targets("192.168.7.1-9"));
        QCOMPARE(batches.size(), 4);
        QVERIFY(!batches.last().at(1).toBool());
        batch = batches.last().at(0).value<QList<Event>>();
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.at(0).mac, QStringLiteral("00:0d:b9:00:00:09"));
        QCOMPARE(eventsOf(events, EventKind::Offline).size(), 0);
        QCOMPARE(eventsOf(events, EventKind::NewDevice).size(), 4);
    }

    void settingsPersist()
    {
        const QString file = m_dir.filePath(QStringLiteral("lanwatch.conf"));
        {
            core::Settings settings(file);
            make();
            m_monitor->useSettings(&settings); // empty settings: no targets
            QVERIFY(m_monitor->watched().isEmpty());
            QVERIFY(m_monitor->watch(QStringLiteral("10.0.0.0/24"), 120).ok());
            QVERIFY(m_monitor->setGraceSeconds(900).ok());
            settings.sync();
        }
        core::Settings settings(file);
        QCOMPARE(settings.watchedTargets(), QList<WatchedTarget>{(WatchedTarget{QStringLiteral("10.0.0.0/24"), 120})});
        QCOMPARE(settings.monitorGraceSeconds(), 900);
        make(QStringLiteral("10.9.0.0/24"), 60);
        m_monitor->useSettings(&settings);
        QCOMPARE(m_monitor->watched(), settings.watchedTargets());
        QCOMPARE(m_monitor->graceSecondsFor(QStringLiteral("10.0.0.0/24")), 900);
    }

    // The store lives on the monitor's (GUI) thread: one /24 sweep must not stall it noticeably.
    void recordingASlash24IsQuick()
    {
        make();
        QList<scan::HostRecord> hosts;
        for (int i = 1; i < 255; ++i) {
            scan::HostRecord h;
            h.ip = ip("10.0.0.0") + quint32(i);
            h.mac = scan::MacAddress{0x00, 0x16, 0x3e, 0x00, 0x00, quint8(i)};
            h.hostname = QStringLiteral("host-%1.lab").arg(i);
            h.rttMs = 0.4;
            hosts.append(h);
        }
        QElapsedTimer t;
        t.start();
        m_source->complete(hosts);
        const qint64 first = t.elapsed();
        advance(60);
        m_monitor->checkSchedule();
        t.restart();
        m_source->complete(hosts);
        const qint64 again = t.elapsed();
        qInfo("recording a /24 (254 hosts): first sweep %lld ms, next sweep %lld ms", first, again);
        QCOMPARE(m_store->devices()->size(), 254);
        QVERIFY2(again < 500, "a repeat sweep of a /24 should take milliseconds");
    }
};

QTEST_GUILESS_MAIN(TstMonitor)
#include "tst_monitor.moc"
