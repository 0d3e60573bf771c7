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
    for (Target &t : m_targets)
        t.nextDue = std::min(t.nextDue, now);
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
    if (const auto r = m_source->start(next->set); !r) {
        Q_EMIT warning(tr("Sweep of %1 could not start: %2").arg(next->watched.target, r.error()));
        return;
    }
    m_current = next->watched.target;
    Q_EMIT sweepStarted(m_current);
}

void Monitor::onSweepFinished(const QList<scan::HostRecord> &hosts, bool cancelled)
{
    const QString targetText = m_current;
    m_current.clear();
    auto it = std::find_if(m_targets.begin(), m_targets.end(),
                           [&](const Target &t) { return t.watched.target == targetText; });
    if (cancelled || !m_running || it == m_targets.end()) {
        m_heardDuringSweep.clear();
        startNext();
        return;
    }

    Sweep sweep;
    for (const scan::HostRecord &h : hosts) {
        Observation o;
        o.ip = h.ip;
        o.mac = h.macString();
        o.vendor = h.vendor;
        if (!h.hostname.isEmpty())
            o.names.append({h.hostname, NameSource::Dns});
        o.rttMs = h.rttMs;
        sweep.observations.append(o);
    }
    // What the listener heard meanwhile joins the sweep: a second MAC answering the sweep's ARP for one IP is
    // a duplicate IP in this sweep, not an IP taken over.
    for (const Observation &o : std::as_const(m_heardDuringSweep))
        if (it->set.contains(o.ip) && std::none_of(sweep.observations.begin(), sweep.observations.end(),
                                                   [&](const Observation &s) { return sameObservation(s, o); }))
            sweep.observations.append(o);
    m_heardDuringSweep.clear();
    for (const auto &r : it->set.ranges())
        sweep.covered.append({r.first, r.last});

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
        events = result->events;
        // A device named by the sweep no longer waits for a name from the listener's side.
        for (DeviceId id : result->devices)
            if (m_held.contains(id))
                release(id);
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
    Q_EMIT sweepFinished(target, int(hosts.size()));
    checkSchedule();
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
        auto same = std::find_if(sweep.observations.begin(), sweep.observations.end(),
                                 [&](const Observation &s) { return sameObservation(s, o); });
        if (same != sweep.observations.end()) {
            same->names += o.names;
            continue;
        }
        sweep.observations.append(o);
        if (!m_current.isEmpty() && o.ip)
            m_heardDuringSweep.append(o);
    }
    if (sweep.observations.isEmpty())
        return;
    const auto result = m_store->recordSweep(sweep);
    if (!result) {
        Q_EMIT warning(result.error());
        return;
    }
    QList<Event> ready;
    for (const Event &e : result->events) {
        if (e.kind == EventKind::NewDevice && e.deviceName.isEmpty() && m_options.enrichWaitMs > 0)
            hold(e);
        else
            ready.append(e);
    }
    // A name heard now (DHCP option 12) completes a device that was waiting for one.
    for (DeviceId id : result->devices)
        if (m_held.contains(id) && !refreshed(m_held[id].event).deviceName.isEmpty())
            release(id);
    publish(ready, false);
}

void Monitor::hold(const Event &event)
{
    Held h;
    h.event = event;
    h.timer = new QTimer(this);
    h.timer->setSingleShot(true);
    const DeviceId id = event.deviceId;
    connect(h.timer, &QTimer::timeout, this, [this, id] { release(id); });
    h.timer->start(m_options.enrichWaitMs);
    m_held.insert(id, h);
    if (event.ip)
        lookUpName(id, event.ip, event.mac);
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

void Monitor::release(DeviceId id)
{
    const auto it = m_held.find(id);
    if (it == m_held.end())
        return;
    const Held h = it.value();
    m_held.erase(it);
    h.timer->stop();
    h.timer->deleteLater();
    publish({refreshed(h.event)}, false);
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
