// Monitor: the watching engine (schedule, grace period, passive announcements, enrichment wait).
#include "core/monitor/Monitor.h"

#include "core/Settings.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/ScanSource.h"
#include "core/scan/NetInfo.h"
#include "core/scan/OuiDatabase.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMonitor, "lanwatch.monitor", QtWarningMsg)

namespace lanwatch::monitor {

int minimumIntervalSeconds()
{
    static const int minimum = [] {
        bool ok = false;
        const int v = qEnvironmentVariableIntValue("LANWATCH_TEST_MIN_INTERVAL", &ok);
        return ok && v >= 1 && v < MonitorLimits::MinIntervalSeconds ? v : MonitorLimits::MinIntervalSeconds;
    }();
    return minimum;
}

int effectiveGraceSeconds(int intervalSeconds, int graceSeconds)
{
    if (graceSeconds > 0)
        return graceSeconds;
    return std::max(MonitorLimits::DefaultGraceSweeps * intervalSeconds, MonitorLimits::DefaultGraceMinSeconds);
}

namespace {

void defaultLookup(quint32 ip, QObject *context, std::function<void(const QString &)> done)
{
    const QString text = ipToString(ip);
    // QHostInfo resolves on Qt's own lookup threads and drops the answer when context is gone, so an exit
    // never waits on a dead DNS server.
    QHostInfo::lookupHost(text, context, [text, done = std::move(done)](const QHostInfo &info) {
        const QString name = info.hostName();
        done(info.error() == QHostInfo::NoError && name != text ? name : QString());
    });
}

bool sameObservation(const Observation &a, const Observation &b)
{
    return a.ip == b.ip && a.mac == b.mac;
}

} // namespace

Monitor::Monitor(DeviceStore *store, std::unique_ptr<ScanSource> source, QObject *parent)
    : Monitor(store, std::move(source), Options{}, parent)
{}

Monitor::Monitor(DeviceStore *store, std::unique_ptr<ScanSource> source, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_source(std::move(source)), m_options(options), m_lookup(defaultLookup),
      m_timer(new QTimer(this))
{
    Q_ASSERT(m_store && m_source);
    m_timer->setInterval(m_options.tickMs);
    connect(m_timer, &QTimer::timeout, this, &Monitor::checkSchedule);
    connect(m_source.get(), &ScanSource::finished, this, &Monitor::onSweepFinished);
    connect(m_source.get(), &ScanSource::warning, this, &Monitor::warning);
}

Monitor::~Monitor()
{
    // Held events are not published from a destructor (receivers may be going away too); stop() from an
    // owner's shutdown path publishes them.
    for (const Held &h : std::as_const(m_held))
        delete h.timer;
    m_held.clear();
    stop();
    // The source's pending finished() must not reach a half-destroyed Monitor.
    disconnect(m_source.get(), nullptr, this, nullptr);
}

void Monitor::useSettings(core::Settings *settings)
{
    m_settings = nullptr; // no saving while loading
    m_targets.clear();
    for (const WatchedTarget &t : settings->watchedTargets())
        if (const auto r = watch(t.target, t.intervalSeconds); !r)
            Q_EMIT warning(r.error());
    (void)setGraceSeconds(settings->monitorGraceSeconds());
    m_options.passive = settings->monitorPassive();
    m_settings = settings;
}

Result<void> Monitor::watch(const QString &target, int intervalSeconds)
{
    const int minimum = minimumIntervalSeconds();
    if (intervalSeconds < minimum || intervalSeconds > MonitorLimits::MaxIntervalSeconds)
        return Result<void>::failure(tr("The interval must be from %1 to %2 seconds, not %3.")
                                         .arg(minimum)
                                         .arg(MonitorLimits::MaxIntervalSeconds)
                                         .arg(intervalSeconds));
    auto set = scan::TargetSet::parse(target);
    if (!set)
        return Result<void>::failure(tr("Cannot watch \"%1\": %2").arg(target, set.error()));
    const QString text = target.trimmed();
    const QDateTime now = m_store->now();
    auto it =
        std::find_if(m_targets.begin(), m_targets.end(), [&](const Target &t) { return t.watched.target == text; });
    if (it != m_targets.end()) {
        it->watched.intervalSeconds = intervalSeconds;
        it->nextDue = std::min(it->nextDue, now.addSecs(intervalSeconds));
    } else {
        Target t;
        t.watched = {text, intervalSeconds};
        t.set = std::move(set).value();
        t.nextDue = now; // a newly watched target is swept at once
        m_targets.append(t);
    }
    save();
    return {};
}

void Monitor::unwatch(const QString &target)
{
    const QString text = target.trimmed();
    m_targets.removeIf([&](const Target &t) { return t.watched.target == text; });
    if (m_current == text)
        m_source->cancel();
    save();
}

QList<WatchedTarget> Monitor::watched() const
{
    QList<WatchedTarget> list;
    for (const Target &t : m_targets)
        list.append(t.watched);
    return list;
}

Result<void> Monitor::setGraceSeconds(int seconds)
{
    if (seconds != 0 && (seconds < minimumIntervalSeconds() || seconds > MonitorLimits::MaxGraceSeconds))
        return Result<void>::failure(tr("The grace period must be from %1 to %2 seconds (or 0 for automatic), not %3.")
                                         .arg(minimumIntervalSeconds())
                                         .arg(MonitorLimits::MaxGraceSeconds)
                                         .arg(seconds));
    m_graceSeconds = seconds;
    if (m_settings)
        m_settings->setMonitorGraceSeconds(seconds);
    return {};
}

int Monitor::graceSecondsFor(const QString &target) const
{
    for (const Target &t : m_targets)
        if (t.watched.target == target.trimmed())
            return effectiveGraceSeconds(t.watched.intervalSeconds, m_graceSeconds);
    return effectiveGraceSeconds(MonitorLimits::DefaultIntervalSeconds, m_graceSeconds);
}

void Monitor::setNameLookup(NameLookup lookup)
{
    m_lookup = lookup ? std::move(lookup) : NameLookup(defaultLookup);
}

QDateTime Monitor::nextSweep(const QString &target) const
{
    for (const Target &t : m_targets)
        if (t.watched.target == target.trimmed())
            return t.nextDue;
    return {};
}

void Monitor::save()
{
    if (m_settings)
        m_settings->setWatchedTargets(watched());
}

Result<void> Monitor::start()
{
    if (m_running)
        return {};
    m_running = true;
    const QDateTime now = m_store->now();
    for (Target &t : m_targets) {
        t.nextDue = std::min(t.nextDue, now);
        t.sweeps = 0; // a (re)start sweeps every target whole first
    }
    if (m_options.passive) {
        const QStringList interfaces = attachedInterfaces();
        if (interfaces.isEmpty()) {
            if (!m_targets.isEmpty())
                Q_EMIT warning(tr("No watched target is on a network this computer is attached to: devices are "
                                  "found by the scheduled sweeps only."));
        } else {
            m_listener = new PassiveListener(m_options.listener, this);
            connect(m_listener, &PassiveListener::announced, this, &Monitor::recordAnnouncements);
            connect(m_listener, &PassiveListener::warning, this, &Monitor::warning);
            if (const auto r = m_listener->start(interfaces); !r) {
                Q_EMIT warning(r.error());
                delete m_listener;
                m_listener = nullptr;
            }
        }
    }
    m_timer->start();
    QMetaObject::invokeMethod(this, &Monitor::checkSchedule, Qt::QueuedConnection);
    return {};
}

void Monitor::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer->stop();
    if (m_listener) {
        m_listener->stop();
        delete m_listener;
        m_listener = nullptr;
    }
    if (!m_current.isEmpty())
        m_source->cancel();
    for (Target &t : m_targets)
        t.queued = false;
    const QList<DeviceId> held = m_held.keys();
    for (DeviceId id : held)
        release(id);
}

QStringList Monitor::attachedInterfaces() const
{
    QStringList names;
    for (const scan::InterfaceInfo &i : scan::ipv4Interfaces()) {
        if (i.loopback || !i.mac || names.contains(i.name))
            continue;
        for (const Target &t : m_targets) {
            const bool attached = std::any_of(t.set.ranges().begin(), t.set.ranges().end(), [&](const auto &r) {
                return i.onLink(r.first) || i.onLink(r.last) || (r.first <= i.ip && i.ip <= r.last);
            });
            if (attached) {
                names.append(i.name);
                break;
            }
        }
    }
    return names;
}

bool Monitor::inTargets(quint32 ip) const
{
    return std::any_of(m_targets.begin(), m_targets.end(), [ip](const Target &t) { return t.set.contains(ip); });
}

void Monitor::checkSchedule()
{
    if (!m_running)
        return;
    const QDateTime now = m_store->now();
    for (Target &t : m_targets) {
        // The clock was set back: the deadline is never further away than one interval.
        if (t.nextDue > now.addSecs(t.watched.intervalSeconds))
            t.nextDue = now.addSecs(t.watched.intervalSeconds);
        if (!t.queued && t.watched.target != m_current && t.nextDue <= now)
            t.queued = true;
    }
    startNext();
}

void Monitor::startNext()
{
    if (!m_running || !m_current.isEmpty())
        return;
    // Targets take turns (one sweep at a time), the longest overdue first.
    Target *next = nullptr;
    for (Target &t : m_targets)
        if (t.queued && (!next || t.nextDue < next->nextDue))
            next = &t;
    if (!next)
        return;
    next->queued = false;
    // The next slot counts from this start: after a long sleep the missed slots collapse into this one run.
    next->nextDue = m_store->now().addSecs(next->watched.intervalSeconds);
    m_heardDuringSweep.clear();
    quint64 slice = 0;
    scan::TargetSet retried;
    const scan::TargetSet set = sweepSet(*next, &slice, &retried);
    if (const auto r = m_source->start(set, retried); !r) {
        Q_EMIT warning(tr("Sweep of %1 could not start: %2").arg(next->watched.target, r.error()));
        return;
    }
    m_current = next->watched.target;
    m_currentSet = set;
    m_currentSlice = slice;
    Q_EMIT sweepStarted(m_current);
}

scan::TargetSet Monitor::sweepSet(const Target &t, quint64 *sliceSize, scan::TargetSet *retried) const
{
    *sliceSize = 0;
    *retried = t.set;
    const quint64 size = t.set.size();
    if (t.sweeps == 0)
        return t.set;
    const auto held = m_store->currentAddresses();
    if (!held)
        return t.set; // without the held addresses a slice could miss a device leaving: sweep it all
    QList<scan::TargetSet::Range> heldRanges;
    for (quint32 ip : held.value())
        if (t.set.contains(ip))
            heldRanges.append({ip, ip});
    // A held address decides "offline" and gets every retry; one no device holds is tried once: it comes
    // round again at the next sweep (or slice), and a device that joins announces itself meanwhile.
    *retried = scan::TargetSet::fromRanges(heldRanges);
    if (size <= quint64(MonitorLimits::SliceAddresses))
        return t.set;
    QList<scan::TargetSet::Range> ranges = t.set.slice(t.sliceStart % size, MonitorLimits::SliceAddresses);
    quint64 taken = 0;
    for (const auto &r : std::as_const(ranges))
        taken += quint64(r.last) - r.first + 1;
    if (taken < quint64(MonitorLimits::SliceAddresses)) // the slice wraps round to the start
        ranges += t.set.slice(0, quint64(MonitorLimits::SliceAddresses) - taken);
    ranges += heldRanges;
    *sliceSize = MonitorLimits::SliceAddresses;
    return scan::TargetSet::fromRanges(std::move(ranges));
}

void Monitor::onSweepFinished(const QList<scan::HostRecord> &hosts, bool cancelled)
{
    const QString targetText = m_current;
    const scan::TargetSet probed = std::exchange(m_currentSet, {});
    const quint64 slice = std::exchange(m_currentSlice, 0);
    m_current.clear();
    auto it = std::find_if(m_targets.begin(), m_targets.end(),
                           [&](const Target &t) { return t.watched.target == targetText; });
    if (cancelled || !m_running || it == m_targets.end()) {
        m_heardDuringSweep.clear();
        startNext();
        return;
    }

    if (slice > 0)
        it->sliceStart = (it->sliceStart + slice) % it->set.size();
    // covered: what was probed; a device that no longer answers at an address outside it has not left it.
    Sweep sweep = sweepOf(hosts, probed);
    // What the listener heard meanwhile joins the sweep: a second MAC answering the sweep's ARP for one IP is
    // a duplicate IP in this sweep, not an IP taken over.
    Sweep elsewhere; // heard during the sweep, outside its target: recorded as passive observations
    for (const Observation &o : std::as_const(m_heardDuringSweep)) {
        if (o.ip && !it->set.contains(o.ip))
            elsewhere.observations.append(o);
        else if (std::none_of(sweep.observations.begin(), sweep.observations.end(),
                              [&](const Observation &s) { return sameObservation(s, o); }))
            sweep.observations.append(o);
    }
    m_heardDuringSweep.clear();

    QElapsedTimer timer;
    timer.start();
    const auto result = m_store->recordSweep(sweep);
    qCDebug(lcMonitor) << "recorded a sweep of" << sweep.observations.size() << "hosts in" << timer.elapsed() << "ms";
    QList<Event> events;
    bool firstSweep = false;
    if (!result) {
        Q_EMIT warning(result.error());
    } else {
        ++it->sweeps;
        firstSweep = it->sweeps == 1 && result->newDevices > 0;
        // Devices the listener heard first wait no longer: the sweep has enriched them. Their events join the
        // sweep's, so the first sweep of a network is one burst however its devices were first heard.
        events = takeHeldSeenIn(result.value());
        events += result->events;
    }
    const QString target = it->watched.target;
    const int grace = effectiveGraceSeconds(it->watched.intervalSeconds, m_graceSeconds);
    const QDateTime cutoff = m_store->now().addSecs(-grace);
    if (const auto stale = m_store->onlineDevicesNotSeenSince(cutoff); !stale) {
        Q_EMIT warning(stale.error());
    } else {
        // Only this target's devices: another target may be swept less often, with a longer grace.
        QList<DeviceId> gone;
        for (DeviceId id : stale.value()) {
            const auto d = m_store->device(id);
            if (d && d.value() && std::any_of(d.value()->ips.begin(), d.value()->ips.end(), [&](quint32 ip) {
                    return it->set.contains(ip);
                }))
                gone.append(id);
        }
        if (!gone.isEmpty()) {
            if (const auto offline = m_store->markOffline(gone); !offline)
                Q_EMIT warning(offline.error());
            else
                events += offline.value();
        }
    }
    publish(events, firstSweep);
    recordHeard(elsewhere);
    Q_EMIT sweepFinished(target, int(hosts.size()));
    checkSchedule();
}

Sweep Monitor::sweepOf(const QList<scan::HostRecord> &hosts, const scan::TargetSet &targets)
{
    Sweep sweep;
    for (const scan::HostRecord &h : hosts) {
        Observation o;
        o.ip = h.ip;
        o.mac = h.macString();
        o.vendor = h.vendor;
        // The names the device announces itself (the scan's name stage), kept with their sources. Worst first:
        // names first seen together tie on time, and the store shows the last inserted (scan::nameSources()).
        if (const QString netbios = h.names.value(QStringLiteral("netbios")); !netbios.isEmpty())
            o.names.append({netbios, NameSource::NetBios});
        if (const QString mdns = h.names.value(QStringLiteral("mdns")); !mdns.isEmpty())
            o.names.append({mdns, NameSource::Mdns});
        if (!h.hostname.isEmpty())
            o.names.append({h.hostname, NameSource::Dns});
        o.rttMs = h.rttMs;
        sweep.observations.append(o);
    }
    for (const auto &r : targets.ranges())
        sweep.covered.append({r.first, r.last});
    return sweep;
}

QList<Event> Monitor::takeHeldSeenIn(const SweepResult &result)
{
    QList<Event> events;
    for (DeviceId id : result.devices)
        if (m_held.contains(id))
            events.append(takeHeld(id).event);
    return events;
}

void Monitor::recordScan(const QList<scan::HostRecord> &hosts, const scan::TargetSet &targets)
{
    if (hosts.isEmpty())
        return;
    const Sweep sweep = sweepOf(hosts, targets);
    // "First scan of this network": no stored device holds an address the scan probed. Asked before the
    // recording, which would make every found device such a holder.
    const auto devices = m_store->devices();
    if (!devices) {
        Q_EMIT warning(devices.error());
        return;
    }
    const bool knownNetwork = std::any_of(devices->begin(), devices->end(), [&](const Device &d) {
        return std::any_of(d.ips.begin(), d.ips.end(), [&](quint32 ip) {
            return std::any_of(sweep.covered.begin(), sweep.covered.end(),
                               [ip](const IpRange &r) { return r.contains(ip); });
        });
    });
    const auto result = m_store->recordSweep(sweep);
    if (!result) {
        Q_EMIT warning(result.error());
        return;
    }
    QList<Event> events = takeHeldSeenIn(result.value());
    events += result->events;
    publish(events, !knownNetwork && !sweep.covered.isEmpty() && result->newDevices > 0);
}

void Monitor::recordAnnouncements(const QList<Announcement> &batch)
{
    Sweep sweep;
    for (const Announcement &a : batch) {
        if (a.mac == scan::MacAddress{} || (a.mac[0] & 1)) // no device is all zeros or a group address
            continue;
        if (a.ip && !inTargets(a.ip))
            continue;
        Observation o;
        o.ip = a.ip;
        o.mac = scan::macToString(a.mac);
        o.vendor = scan::OuiDatabase::instance().vendorFor(a.mac);
        if (!a.hostName.isEmpty())
            o.names.append({a.hostName, NameSource::Dhcp});
        // A DHCP client's DISCOVER (no address yet) and REQUEST (its address) in one batch are one device with
        // that address: its new-device event then says where it is.
        auto same = std::find_if(sweep.observations.begin(), sweep.observations.end(), [&](const Observation &s) {
            return s.mac == o.mac && (s.ip == o.ip || s.ip == 0 || o.ip == 0);
        });
        if (same != sweep.observations.end()) {
            if (!same->ip)
                same->ip = o.ip;
            for (const NameSighting &n : std::as_const(o.names))
                if (std::none_of(same->names.begin(), same->names.end(),
                                 [&](const NameSighting &m) { return m.name == n.name; }))
                    same->names.append(n);
            continue;
        }
        sweep.observations.append(o);
    }
    if (!m_current.isEmpty()) {
        // During a sweep, what known devices say is kept for the sweep's record, which sees the whole picture
        // (an address moved from .18 to .48, two MACs for one IP). Newcomers are recorded at once all the same.
        QList<Observation> now;
        for (const Observation &o : std::as_const(sweep.observations)) {
            const auto known = m_store->deviceByMac(o.mac);
            if (!known || !known.value() || m_held.contains(known.value()->id)) // a newcomer still completing
                now.append(o);
            m_heardDuringSweep.append(o);
        }
        sweep.observations = now;
    }
    recordHeard(sweep);
}

void Monitor::recordHeard(const Sweep &sweep)
{
    if (sweep.observations.isEmpty())
        return;
    const auto result = m_store->recordSweep(sweep);
    if (!result) {
        Q_EMIT warning(result.error());
        return;
    }
    const bool burst = inFirstSweep();
    QList<Event> ready;
    for (const Event &e : result->events) {
        if (e.kind == EventKind::NewDevice && (e.deviceName.isEmpty() || !e.ip) && m_options.enrichWaitMs > 0)
            hold(e, burst);
        else if (e.kind == EventKind::IpChanged && !e.otherIp && m_held.contains(e.deviceId))
            continue; // a waiting newcomer's first address: its new-device event will say it
        else
            ready.append(e);
    }
    // A name (DHCP option 12) or an address (the REQUEST after a DISCOVER) heard now completes a waiting device.
    for (DeviceId id : result->devices)
        if (m_held.contains(id))
            enrichHeld(id);
    publish(ready, burst);
}

bool Monitor::inFirstSweep() const
{
    if (m_current.isEmpty())
        return false;
    return std::any_of(m_targets.begin(), m_targets.end(),
                       [this](const Target &t) { return t.watched.target == m_current && t.sweeps == 0; });
}

void Monitor::hold(const Event &event, bool burst)
{
    Held h;
    h.event = event;
    h.burst = burst;
    h.timer = new QTimer(this);
    h.timer->setSingleShot(true);
    h.timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early: the wait is a promise
    const DeviceId id = event.deviceId;
    connect(h.timer, &QTimer::timeout, this, [this, id] { release(id); });
    h.timer->start(m_options.enrichWaitMs);
    m_held.insert(id, h);
    enrichHeld(id);
}

void Monitor::enrichHeld(DeviceId id)
{
    const auto d = m_store->device(id);
    if (!d || !d.value())
        return;
    const Device &device = *d.value();
    const bool named = !device.customName.isEmpty() || !device.lockedName.isEmpty() || !device.seenName.isEmpty();
    if (named && !device.ips.isEmpty()) {
        release(id);
        return;
    }
    Held &h = m_held[id];
    if (!named && !device.ips.isEmpty() && !h.lookedUp) {
        h.lookedUp = true;
        lookUpName(id, device.ips.first(), device.mac);
    }
}

void Monitor::lookUpName(DeviceId id, quint32 ip, const QString &mac)
{
    m_lookup(ip, this, [this, id, mac](const QString &name) {
        if (name.isEmpty())
            return;
        const auto d = m_store->device(id);
        if (!d || !d.value() || !d.value()->seenName.isEmpty())
            return; // forgotten, or named by DHCP meanwhile: that name stays
        Sweep sweep;
        Observation o;
        o.mac = mac;
        o.ip = mac.isEmpty() ? d.value()->ips.value(0) : 0;
        o.names.append({name, NameSource::Dns});
        sweep.observations.append(o);
        const auto result = m_store->recordSweep(sweep);
        if (!result) {
            Q_EMIT warning(result.error());
            return;
        }
        publish(result->events, false);
        if (m_held.contains(id))
            release(id);
        else
            Q_EMIT deviceChanged(id); // its new-device event already went out: views re-read the name
    });
}

Monitor::Held Monitor::takeHeld(DeviceId id)
{
    Held h = m_held.take(id);
    h.timer->stop();
    h.timer->deleteLater();
    h.event = refreshed(h.event);
    if (!h.event.ip) // stored as first heard (a DISCOVER has no address); shown with the address it has now
        if (const auto d = m_store->device(id); d && d.value())
            h.event.ip = d.value()->ips.value(0);
    return h;
}

void Monitor::release(DeviceId id)
{
    if (!m_held.contains(id))
        return;
    const Held h = takeHeld(id);
    publish({h.event}, h.burst);
}

Event Monitor::refreshed(const Event &event) const
{
    EventFilter filter;
    filter.device = event.deviceId;
    if (const auto events = m_store->events(filter))
        for (const Event &e : events.value())
            if (e.id == event.id)
                return e;
    return event;
}

void Monitor::publish(const QList<Event> &events, bool firstSweep)
{
    if (events.isEmpty())
        return;
    for (const Event &e : events)
        Q_EMIT event(e);
    Q_EMIT eventBatch(events, firstSweep);
}

} // namespace lanwatch::monitor
