// ScanEngine: plans a sweep from options and capabilities, runs it on core's pool, and enriches each
// live host (MAC, vendor) in further pool jobs; results come back queued to this thread. Reverse DNS is
// net::ReverseResolver's UDP queries in this thread, dropped at once on cancel or destruction, so a dead
// DNS server holds no thread, no Ctrl-C and no exit, and delays finished by at most nameGraceMs.
#include "core/scan/ScanEngine.h"

#include "core/JobLink.h"
#include "core/ThreadPool.h"
#include "core/scan/NameProbe.h"
#include "core/scan/NetInfo.h"
#include "core/scan/OuiDatabase.h"
#include "core/scan/Sweep.h"

#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>

namespace lanwatch::scan {

namespace {

// How long after the sweep a host still waits for its name before it is shown without one. Names from
// /etc/hosts or a working server take milliseconds, so most hosts appear once, named; a dead server
// delays them by this much, not by the resolver's timeout (the name, if any, follows as an update).
constexpr int ShowNamelessAfterMs = 200;

// One scan's link between its jobs and the engine, plus the eventfd that wakes the sweep on cancel.
struct ScanState : core::JobLink<ScanEngine>
{
    int wakeFd = -1;

    ScanState() { wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }
    ~ScanState()
    {
        if (wakeFd >= 0)
            ::close(wakeFd);
    }
    void wake()
    {
        const quint64 one = 1;
        if (wakeFd >= 0) [[maybe_unused]]
            const ssize_t r = ::write(wakeFd, &one, sizeof(one));
    }
};

std::optional<MacAddress> neighbourMac(quint32 ip)
{
    const auto table = neighbourTable();
    if (!table)
        return std::nullopt;
    for (const NeighbourEntry &e : table.value())
        if (e.ip == ip && e.resolved())
            return e.mac;
    return std::nullopt;
}

} // namespace

struct ScanEngine::Private
{
    QThreadPool *pool = nullptr;
    std::shared_ptr<ScanState> state; // the running scan, if any
    ScanOptions options;
    bool sweepRunning = false;
    int enrichPending = 0; // enrichment jobs not yet back
    // Reverse DNS: one resolver per scan (it reads /etc/hosts and resolv.conf once), kept after finished
    // so late names still arrive; replaced by the next scan, dropped by cancel and destruction.
    net::ReverseResolver::Config resolverConfig;
    std::unique_ptr<net::ReverseResolver> resolver;
    QHash<quint32, HostRecord> named; // hosts of the resolver's scan, by address, to update with names
    QSet<quint32> held;               // enriched, not yet emitted: waiting for a name (see ShowNamelessAfterMs)
    QTimer *showNameless = nullptr;   // the sweep's end + ShowNamelessAfterMs: held hosts are shown
    bool showingNameless = false;     // that moment has passed: hosts are shown at once, names follow
    QSet<quint32> namesPending;       // lookups not yet back
    // mDNS and NetBIOS (NameProbe): one per scan like the resolver; a host is shown named once both are back.
    NameProbe::Config probeConfig;
    std::unique_ptr<NameProbe> probe;
    QSet<quint32> probesPending;
    bool namesOn() const { return resolver || probe; }
    QTimer *grace = nullptr; // the sweep's end + nameGraceMs: finished without the late names
    bool graceOver = false;
    bool dnsWarned = false;      // dead-server warning given for this scan
    bool dnsErrorWarned = false; // one other DNS error given for this scan
    quint64 total = 0;
    int found = 0;
    QHash<quint32, QList<MacAddress>> otherMacs; // duplicate IPs: the extra MACs that answered, by address
    QHash<quint32, HostRecord> shown;            // the last record emitted per address, to amend
};

ScanEngine::ScanEngine(QObject *parent, QThreadPool *pool) : QObject(parent), d(std::make_unique<Private>())
{
    d->pool = pool ? pool : core::threadPool();
    d->showNameless = new QTimer(this);
    d->showNameless->setSingleShot(true);
    connect(d->showNameless, &QTimer::timeout, this, [this] {
        d->showingNameless = true;
        releaseHeldHosts();
    });
    d->grace = new QTimer(this);
    d->grace->setSingleShot(true);
    connect(d->grace, &QTimer::timeout, this, [this] {
        d->graceOver = true;
        if (!d->namesPending.isEmpty())
            warnSilentServers();
        d->probesPending.clear(); // the probe's own deadline is shorter: nothing should be left
        maybeFinish(false);
    });
    qRegisterMetaType<lanwatch::scan::HostRecord>();
}

void ScanEngine::setResolverConfig(const net::ReverseResolver::Config &config)
{
    d->resolverConfig = config;
}

void ScanEngine::setNameProbeConfig(const NameProbe::Config &config)
{
    d->probeConfig = config;
}

ScanEngine::~ScanEngine()
{
    // The resolver (in d) drops its lookups when it is destroyed: no callback, no waiting.
    // Safe mid-scan: detaching stops every post to this object, the flag and the wake-up stop the sweep
    // within one loop turn; the jobs own their shared state and finish on their own.
    if (d->state) {
        d->state->detach();
        d->state->cancel = true;
        d->state->wake();
    }
}

bool ScanEngine::isRunning() const
{
    return d->state != nullptr;
}

QStringList ScanEngine::describeMethods(const ScanOptions &options, const Capabilities &caps)
{
    QStringList lines;
    const bool wantArp = options.method == MethodChoice::Auto || options.method == MethodChoice::Arp;
    const bool wantIcmp = options.method != MethodChoice::Tcp && options.method != MethodChoice::Arp;
    const bool wantTcp = options.method == MethodChoice::Auto || options.method == MethodChoice::Tcp;
    if (wantArp && caps.rawPacket)
        lines << tr("ARP requests on directly attached subnets (raw packet socket)");
    if (wantIcmp || (options.method == MethodChoice::Arp && !caps.rawPacket)) {
        if (caps.icmpDatagram)
            lines << tr("ICMP echo (unprivileged ping socket)");
        else if (caps.rawIcmp)
            lines << tr("ICMP echo (raw socket)");
    }
    if (wantTcp || (options.method == MethodChoice::Arp && !caps.rawPacket)) {
        QStringList ports;
        for (quint16 p : options.tcpPorts)
            ports << QString::number(p);
        lines << tr("TCP connect to ports %1").arg(ports.join(QStringLiteral(", ")));
    }
    if ((options.method == MethodChoice::Auto || options.method == MethodChoice::Arp) && !caps.rawPacket)
        lines << tr("Kernel neighbour table for MAC addresses and hosts that ignore ping");
    return lines;
}

QString ScanEngine::privilegeHint(const Capabilities &caps)
{
    if (caps.rawPacket)
        return {};
    return tr("Without CAP_NET_RAW there is no ARP sweep: hosts are found by ICMP, TCP and the kernel's "
              "neighbour table, which is slower on large subnets. Grant it to the helper that opens raw "
              "sockets for lanwatch: sudo setcap cap_net_raw+ep <path to lanwatch-netcap>");
}

Result<void> ScanEngine::start(const TargetSet &targets, const ScanOptions &options)
{
    if (d->state)
        return Result<void>::failure(tr("A scan is already running; stop it first."));
    if (targets.isEmpty())
        return Result<void>::failure(tr("There is no address to scan."));

    const Capabilities caps = probeCapabilities();
    SweepPlan plan;
    plan.targets = targets;
    plan.options = options;
    plan.interfaces = ipv4Interfaces();
    QStringList warnings;
    // Which targets are on-link is the kernel's routing decision, not the interface prefix alone.
    if (auto routes = ipv4Routes())
        plan.routes = std::move(routes).value();
    else
        warnings << tr("%1 Targets are taken as on-link by the interfaces' prefixes.").arg(routes.error());
    const auto icmpKind = caps.icmpDatagram ? SweepPlan::Icmp::Datagram
                          : caps.rawIcmp    ? SweepPlan::Icmp::Raw
                                            : SweepPlan::Icmp::None;
    switch (options.method) {
    case MethodChoice::Auto:
    case MethodChoice::Arp:
        // ARP where the target is on an attached Ethernet subnet; ICMP, TCP and the neighbour table for
        // the rest (and for everything when ARP is not allowed).
        plan.arp = caps.rawPacket;
        plan.icmp = icmpKind;
        plan.tcp = true;
        plan.neighbour = true;
        if (!caps.rawPacket)
            warnings << tr("ARP scanning needs CAP_NET_RAW (run as root, or: sudo setcap cap_net_raw+ep on the "
                           "lanwatch-netcap helper); using ICMP, TCP and the kernel's neighbour table instead.");
        if (icmpKind == SweepPlan::Icmp::None)
            warnings << tr("ICMP echo is not allowed for this user (net.ipv4.ping_group_range excludes it and "
                           "there is no CAP_NET_RAW); using TCP probes.");
        break;
    case MethodChoice::Icmp:
        if (icmpKind == SweepPlan::Icmp::None)
            return Result<void>::failure(
                tr("ICMP echo is not allowed for this user: add its group to net.ipv4.ping_group_range "
                   "(sysctl), grant CAP_NET_RAW, or choose another method."));
        plan.icmp = icmpKind;
        break;
    case MethodChoice::Tcp:
        if (options.tcpPorts.isEmpty())
            return Result<void>::failure(tr("TCP probing needs at least one port."));
        plan.tcp = true;
        break;
    }
    if (options.method == MethodChoice::Arp) {
        // Tell the user when some targets cannot be reached by ARP at all.
        bool allOnLink = true;
        for (const TargetSet::Range &r : targets.ranges()) {
            const int a = Sweep::onLinkInterface(plan.interfaces, plan.routes, r.first);
            const int b = Sweep::onLinkInterface(plan.interfaces, plan.routes, r.last);
            if (a < 0 || a != b || plan.interfaces[a].loopback || !plan.interfaces[a].mac)
                allOnLink = false;
        }
        if (!allOnLink)
            warnings << tr("Some targets are not on a directly attached Ethernet subnet, where ARP cannot reach; "
                           "they are probed with ICMP and TCP.");
    }

    auto state = std::make_shared<ScanState>();
    state->attach(this);
    d->state = state;
    d->options = options;
    d->sweepRunning = true;
    d->enrichPending = 0;
    d->named.clear();
    d->held.clear();
    d->namesPending.clear();
    d->probesPending.clear();
    d->grace->stop();
    d->graceOver = false;
    d->showNameless->stop();
    d->showingNameless = false;
    d->dnsWarned = d->dnsErrorWarned = false;
    d->resolver.reset();
    d->probe.reset();
    if (options.localNames) {
        // Multicast only where the targets are: out of the interfaces whose subnet holds some of them.
        QList<InterfaceInfo> scope;
        for (const InterfaceInfo &i : std::as_const(plan.interfaces)) {
            if (i.loopback || i.prefix == 0)
                continue;
            const quint32 first = i.ip & i.netmask(), last = first | ~i.netmask();
            for (const TargetSet::Range &r : targets.ranges())
                if (r.first <= last && r.last >= first) {
                    scope.append(i);
                    break;
                }
        }
        d->probe =
            std::make_unique<NameProbe>(d->probeConfig, scope, [targets](quint32 ip) { return targets.contains(ip); });
        warnings << d->probe->warnings();
        d->probe->browse();
    }
    if (options.resolveNames) {
        d->resolver = std::make_unique<net::ReverseResolver>(d->resolverConfig);
        connect(d->resolver.get(), &net::ReverseResolver::serverSilent, this, [this] { warnSilentServers(); });
    }
    d->total = targets.size();
    d->found = 0;
    d->otherMacs.clear();
    d->shown.clear();

    const quint64 total = targets.size();
    state->post([this, state, total, warnings] {
        if (d->state != state)
            return;
        Q_EMIT started(total);
        for (const QString &w : warnings)
            Q_EMIT warning(w);
    });

    SweepCallbacks callbacks;
    callbacks.alive = [state, this](const HostRecord &host) {
        state->post([this, state, host] { onAlive(state.get(), host); });
    };
    callbacks.duplicate = [state, this](quint32 ip, const MacAddress &mac) {
        state->post([this, state, ip, mac] { onDuplicate(state.get(), ip, mac); });
    };
    callbacks.progress = [state, this](quint64 probed, quint64 all, int found) {
        state->post([this, state, probed, all, found] {
            if (d->state == state)
                Q_EMIT progress(probed, all, found);
        });
    };
    callbacks.warning = [state, this](const QString &message) {
        state->post([this, state, message] {
            if (d->state == state)
                Q_EMIT warning(message);
        });
    };
    d->pool->start(QRunnable::create([state, plan, callbacks, this] {
        Sweep sweep(plan, callbacks, &state->cancel, state->wakeFd);
        const bool completed = sweep.run();
        state->post([this, state, completed] { onSweepDone(state.get(), !completed); });
    }));
    return {};
}

void ScanEngine::cancel()
{
    // Also after finished: late names are dropped at once.
    if (d->resolver)
        d->resolver->cancelAll();
    d->namesPending.clear();
    if (d->probe)
        d->probe->cancelAll();
    d->probesPending.clear();
    if (!d->state)
        return;
    const auto state = d->state;
    state->cancel = true;
    state->wake();
    if (!d->sweepRunning)
        maybeFinish(true);
    // The sweep answers within one loop turn (<= 50 ms); onSweepDone emits finished(true). Enrichment
    // jobs still in flight are dropped by detaching then.
}

void ScanEngine::emitUpdated(HostRecord record)
{
    record.otherMacs = d->otherMacs.value(record.ip);
    d->shown.insert(record.ip, record);
    Q_EMIT hostUpdated(record);
}

void ScanEngine::onDuplicate(const void *stateKey, quint32 ip, const MacAddress &mac)
{
    if (!d->state || d->state.get() != stateKey)
        return;
    QList<MacAddress> &macs = d->otherMacs[ip];
    if (macs.contains(mac))
        return;
    macs.append(mac);
    if (const auto it = d->shown.constFind(ip); it != d->shown.constEnd())
        emitUpdated(it.value());
}

void ScanEngine::onAlive(const void *stateKey, const HostRecord &host)
{
    if (!d->state || d->state.get() != stateKey)
        return;
    ++d->found;
    Q_EMIT hostFound(host);

    const auto state = d->state;
    ++d->enrichPending;
    d->pool->start(QRunnable::create([state, found = host, this] {
        HostRecord record = found;
        // The seeds' second stage: MAC (the ARP reply, else the neighbour table the probes filled) and
        // vendor from the IEEE registries. The name follows from this thread (onEnriched).
        if (!state->cancel.load()) {
            if (!record.mac && record.foundBy != FoundBy::Local)
                record.mac = neighbourMac(record.ip);
            if (record.mac)
                record.vendor = OuiDatabase::instance().vendorFor(*record.mac);
        }
        state->post([this, state, record] { onEnriched(state.get(), record); });
    }));
}

void ScanEngine::onEnriched(const void *stateKey, const HostRecord &host)
{
    if (!d->state || d->state.get() != stateKey)
        return;
    --d->enrichPending;
    HostRecord record = host;
    record.enriched = true;
    if (!d->namesOn() || d->state->cancel.load()) {
        emitUpdated(record);
        maybeFinish(false);
        return;
    }
    d->named.insert(record.ip, record);
    if (d->sweepRunning || !d->showingNameless)
        d->held.insert(record.ip); // shown with its name if that comes soon enough
    else
        emitUpdated(record);
    const quint32 ip = record.ip;
    if (d->probe && record.foundBy != FoundBy::Local) {
        d->probesPending.insert(ip);
        // The engine owns the probe: its callbacks end with it.
        d->probe->probe(ip, [this](quint32 from, const NameProbe::Result &result) { onProbed(from, result); });
    }
    if (d->resolver) {
        d->namesPending.insert(ip);
        // The engine is the context: the resolver drops the answer if the engine is gone.
        d->resolver->lookup(ip, this,
                            [this, ip](const QString &name, net::ReverseResolver::Status status, const QString &error) {
                                onNamed(ip, name, status, error);
                            });
    }
    if (!d->namesPending.contains(ip) && !d->probesPending.contains(ip) && d->held.remove(ip))
        emitUpdated(record);
}

void ScanEngine::onProbed(quint32 ip, const NameProbe::Result &result)
{
    d->probesPending.remove(ip);
    const auto it = d->named.find(ip);
    if (it == d->named.end())
        return;
    for (auto n = result.names.begin(); n != result.names.end(); ++n)
        it->names.insert(n.key(), n.value());
    it->services = result.services;
    it->model = result.model;
    if (!it->mac && result.netbiosMac)
        it->mac = result.netbiosMac; // a routed host: the MAC it reports is the only one there is
    const bool learned = !result.names.isEmpty() || !result.services.isEmpty() || !result.model.isEmpty();
    const bool wasHeld = !d->namesPending.contains(ip) && d->held.remove(ip);
    if (wasHeld || (learned && !d->held.contains(ip)))
        emitUpdated(it.value());
    maybeFinish(false);
}

void ScanEngine::onNamed(quint32 ip, const QString &name, net::ReverseResolver::Status status, const QString &error)
{
    // Only the current resolver calls back (a new scan destroys the old one), also after finished.
    d->namesPending.remove(ip);
    const auto it = d->named.find(ip);
    if (it == d->named.end())
        return;
    const bool wasHeld = !d->probesPending.contains(ip) && d->held.remove(ip);
    if (status == net::ReverseResolver::Status::Found) {
        it->hostname = name;
        it->names.insert(QStringLiteral("dns"), name);
    }
    if (wasHeld || (status == net::ReverseResolver::Status::Found && !d->held.contains(ip)))
        emitUpdated(it.value());
    if (status == net::ReverseResolver::Status::Timeout)
        warnSilentServers();
    else if (status == net::ReverseResolver::Status::Error && !d->dnsErrorWarned) {
        d->dnsErrorWarned = true;
        Q_EMIT warning(tr("reverse DNS: %1").arg(error));
    }
    maybeFinish(false);
}

void ScanEngine::warnSilentServers()
{
    if (d->dnsWarned || !d->resolver)
        return;
    QStringList servers;
    for (const QHostAddress &server : d->resolver->silentServers())
        servers << server.toString();
    if (servers.isEmpty())
        return; // the servers answer; these names are only slow
    d->dnsWarned = true;
    Q_EMIT warning(tr("reverse DNS: no answer from %1 within %2 s; names are missing")
                       .arg(servers.join(QStringLiteral(", ")))
                       .arg(d->resolver->timeoutMs() / 1000.0, 0, 'g', 3));
}

void ScanEngine::releaseHeldHosts()
{
    // Show what is known now rather than wait for slow names; a name that comes later is an update.
    const QSet<quint32> held = std::exchange(d->held, {});
    for (const quint32 ip : held)
        emitUpdated(d->named.value(ip));
}

void ScanEngine::onSweepDone(const void *stateKey, bool cancelled)
{
    if (!d->state || d->state.get() != stateKey)
        return;
    d->sweepRunning = false;
    if (cancelled || !d->namesOn())
        releaseHeldHosts();
    else
        // A short sweep ends before the SSDP answers are in (devices take up to MX = 1 s): hold the hosts
        // until then, so they are shown once, named, rather than nameless and again.
        d->showNameless->start(qBound(0,
                                      std::max(ShowNamelessAfterMs, d->probe ? d->probe->ssdpRemainingMs() + 100 : 0),
                                      d->options.nameGraceMs));
    // Also with no name pending yet: enrichment jobs still in flight may start lookups after this.
    if (!cancelled && d->namesOn())
        d->grace->start(qMax(0, d->options.nameGraceMs));
    maybeFinish(cancelled);
}

void ScanEngine::maybeFinish(bool cancelled)
{
    if (!d->state)
        return;
    cancelled = cancelled || d->state->cancel.load();
    if (cancelled && d->sweepRunning)
        return;
    if (!cancelled && (d->sweepRunning || d->enrichPending > 0 ||
                       ((!d->namesPending.isEmpty() || !d->probesPending.isEmpty()) && !d->graceOver)))
        return;
    releaseHeldHosts();
    d->grace->stop();
    d->showNameless->stop();
    // Late enrichment results of a cancelled scan must not reach a new scan: detach this one. Late names
    // (the resolver stays) still update the hosts.
    d->state->detach();
    d->state.reset();
    Q_EMIT finished(cancelled);
}

} // namespace lanwatch::scan
