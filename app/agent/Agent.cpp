// Agent: applies the config to the session's monitor and keeps the counters /metrics shows.
#include "agent/Agent.h"

#include "agent/AgentServer.h"
#include "agent/Notifier.h"
#include "core/Session.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/Monitor.h"
#include "core/sync/SyncRunner.h"
#include "core/sync/SyncScheduler.h"

#include <QFile>
#include <QMap>

#include <algorithm>

#include <sys/statvfs.h>

namespace lanwatch::agent {

using namespace lanwatch::monitor;

Agent::Agent(QObject *parent) : QObject(parent) {}

Agent::~Agent()
{
    stop();
}

Result<void> Agent::start(const AgentConfig &config)
{
    auto session = core::Session::withInventory(config.databasePath());
    if (!session->deviceStore())
        return Result<void>::failure(session->deviceStoreProblem());
    if (!session->deviceStoreProblem().isEmpty())
        Q_EMIT log(session->deviceStoreProblem()); // e.g. a corrupt file moved aside
    m_session = std::move(session);
    m_server = new AgentServer(
        m_session->deviceStore(), [this] { return metrics(); }, this);
    m_server->setToken(config.token);
    m_server->setTls(config.tlsCertPem, config.tlsKeyPem);
    const auto bound = m_server->listen(config.listenAddress, config.listenPort);
    if (!bound) {
        m_session.reset();
        delete m_server;
        m_server = nullptr;
        return Result<void>::failure(bound.error());
    }
    m_config = config;

    m_notifier = new Notifier([this] { return dailyReport(); }, this);
    connect(m_notifier, &Notifier::log, this, &Agent::log);
    m_notifier->setConfig(config.notify);

    Monitor *monitor = m_session->monitor();
    connect(monitor, &Monitor::eventBatch, m_notifier, &Notifier::notify);
    connect(monitor, &Monitor::event, this, [this](const Event &e) {
        ++m_stats.events[e.kind];
        Q_EMIT log(e.describe());
    });
    connect(monitor, &Monitor::warning, this, &Agent::log);
    connect(monitor, &Monitor::sweepStarted, this, [this](const QString &target) { m_sweepClock[target].start(); });
    connect(monitor, &Monitor::sweepFinished, this, [this](const QString &target, int) {
        AgentStats::Sweeps &s = m_stats.sweeps[target];
        ++s.count;
        if (const auto it = m_sweepClock.constFind(target); it != m_sweepClock.cend() && it->isValid())
            s.seconds += double(it->nsecsElapsed()) / 1e9;
    });
    applyMonitor(config);

    sync::SyncScheduler *scheduler = m_session->syncScheduler();
    connect(scheduler, &sync::SyncScheduler::runFinished, this,
            [this](const QString &id, const sync::SyncReport &report) {
                static const QHash<sync::RunOutcome, QString> results{
                    {sync::RunOutcome::Ok, QStringLiteral("ok")},
                    {sync::RunOutcome::Partial, QStringLiteral("partial")},
                    {sync::RunOutcome::Failed, QStringLiteral("failed")},
                    {sync::RunOutcome::HeldBack, QStringLiteral("held-back")},
                    {sync::RunOutcome::Cancelled, QStringLiteral("cancelled")}};
                AgentStats::Sync &s = m_stats.sync[id];
                const sync::RunOutcome outcome = report.outcome();
                ++s.runs[results.value(outcome)];
                const QDateTime now = QDateTime::currentDateTimeUtc();
                m_syncRuns.removeIf([&](const SyncRun &r) { return r.time < now.addDays(-1); });
                m_syncRuns.append({now, id, results.value(outcome)});
                s.bytes += quint64(std::max<qint64>(report.bytes, 0));
                if (outcome == sync::RunOutcome::Ok)
                    s.lastSuccess = QDateTime::currentDateTimeUtc();
                if (outcome != sync::RunOutcome::Cancelled)
                    Q_EMIT log(QStringLiteral("sync %1: %2, %3 copied, %4 updated, %5 deleted, %6 bytes")
                                   .arg(id, sync::runOutcomeName(outcome))
                                   .arg(report.copied)
                                   .arg(report.updated)
                                   .arg(report.deleted + report.foldersDeleted)
                                   .arg(report.bytes));
            });
    connect(scheduler, &sync::SyncScheduler::runFailed, this, [this](const QString &id, const QString &reason) {
        Q_EMIT log(QStringLiteral("sync %1 failed: %2").arg(id, reason));
    });
    connect(scheduler, &sync::SyncScheduler::heldBack, this, [this](const QString &id, const QString &reason) {
        Q_EMIT log(QStringLiteral("sync %1 held back: %2").arg(id, reason));
    });
    connect(scheduler, &sync::SyncScheduler::runPartial, this, [this](const QString &id, const QString &summary) {
        Q_EMIT log(QStringLiteral("sync %1 incomplete: %2").arg(id, summary));
    });
    scheduler->setPairs(config.pairs);
    return {};
}

void Agent::applyMonitor(const AgentConfig &config)
{
    Monitor *monitor = m_session->monitor();
    monitor->stop(); // the listener's interfaces follow the targets: it is reopened by start()
    const QList<WatchedTarget> targets = config.targets();
    for (const WatchedTarget &w : monitor->watched())
        if (!targets.contains(w))
            monitor->unwatch(w.target);
    for (const WatchedTarget &w : targets)
        if (const auto r = monitor->watch(w.target, w.intervalSeconds); !r)
            Q_EMIT log(r.error()); // checked by AgentConfig already; kept for a changed minimum
    if (const auto r = monitor->setGraceSeconds(config.graceSeconds); !r)
        Q_EMIT log(r.error());
    monitor->setPassive(config.passive);
    if (!config.watch.isEmpty())
        if (const auto r = monitor->start(); !r)
            Q_EMIT log(r.error());
}

Result<QString> Agent::reload(const AgentConfig &config)
{
    if (!m_session)
        return Result<QString>::failure(QStringLiteral("the agent is not running"));
    QString notice;
    if (config.listenAddress != m_config.listenAddress || config.listenPort != m_config.listenPort ||
        config.tlsCertPem != m_config.tlsCertPem || config.tlsKeyPem != m_config.tlsKeyPem) {
        m_server->setTls(config.tlsCertPem, config.tlsKeyPem);
        const auto bound = m_server->listen(config.listenAddress, config.listenPort);
        if (!bound) {
            // Back to the old address, so the endpoint stays reachable where it was.
            m_server->setTls(m_config.tlsCertPem, m_config.tlsKeyPem);
            (void)m_server->listen(m_config.listenAddress, m_config.listenPort);
            return Result<QString>::failure(bound.error() + QStringLiteral("; still listening on ") +
                                            m_config.listenText());
        }
    }
    if (config.databasePath() != m_config.databasePath())
        notice = QStringLiteral("the database stays %1 until the agent is restarted").arg(m_config.databasePath());
    m_server->setToken(config.token);
    const bool monitorChanged = config.targets() != m_config.targets() ||
                                config.graceSeconds != m_config.graceSeconds || config.passive != m_config.passive;
    const QString database = m_config.database;
    m_config = config;
    m_config.database = database;
    if (monitorChanged)
        applyMonitor(config);
    m_session->syncScheduler()->setPairs(config.pairs); // unchanged pairs are left as they are
    m_notifier->setConfig(config.notify);
    return notice;
}

void Agent::stop()
{
    delete m_notifier; // cancels deliveries in progress
    m_notifier = nullptr;
    if (m_server)
        m_server->close();
    if (m_session)
        m_session->shutdown();
    m_session.reset();
}

quint16 Agent::port() const
{
    return m_server ? m_server->port() : 0;
}

Result<QByteArray> Agent::metrics() const
{
    if (!m_session || !m_session->deviceStore())
        return Result<QByteArray>::failure(QStringLiteral("the agent is not running"));
    return renderMetrics(*m_session->deviceStore(), m_session->monitor()->watched(), m_stats, m_config.pairs);
}

} // namespace lanwatch::agent

namespace lanwatch::agent {

QString Agent::dailyReport() const
{
    if (!m_session || !m_session->deviceStore())
        return QStringLiteral("The agent is not running.\n");
    const DeviceStore &store = *m_session->deviceStore();
    const QDateTime since = store.now().addDays(-1);
    QString text = QStringLiteral("Daily report, the 24 hours since %1\n\n")
                       .arg(since.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    auto eventsOf = [&](EventKind kind) {
        EventFilter filter;
        filter.since = since;
        filter.kind = kind;
        const auto list = store.events(filter);
        return list ? list.value() : QList<Event>();
    };
    auto section = [&](const QString &title, const QList<Event> &events) {
        text += title.arg(events.size()) + QLatin1Char('\n');
        for (auto it = events.crbegin(); it != events.crend(); ++it)
            text += QStringLiteral("  %1  %2\n")
                        .arg(it->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), it->describe());
        text += QLatin1Char('\n');
    };
    section(QStringLiteral("New devices: %1"), eventsOf(EventKind::NewDevice));
    section(QStringLiteral("Devices that went offline: %1"), eventsOf(EventKind::Offline));
    if (const auto devices = store.devices()) {
        const auto offline =
            std::count_if(devices->cbegin(), devices->cend(), [](const Device &d) { return !d.online; });
        text += QStringLiteral("Now: %1 devices, %2 online, %3 offline\n\n")
                    .arg(devices->size())
                    .arg(devices->size() - offline)
                    .arg(offline);
    }
    if (!m_config.pairs.isEmpty()) {
        text += QStringLiteral("Sync runs:\n");
        for (const sync::SyncPair &p : m_config.pairs) {
            QMap<QString, int> counts;
            for (const SyncRun &r : m_syncRuns)
                if (r.pair == p.id && r.time >= since)
                    ++counts[r.result];
            QStringList parts;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
            const QDateTime last = m_stats.sync.value(p.id).lastSuccess;
            text += QStringLiteral("  %1 (%2): %3; last success %4\n")
                        .arg(p.id, p.displayName(),
                             parts.isEmpty() ? QStringLiteral("no runs") : parts.join(QStringLiteral(", ")),
                             last.isValid() ? last.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                            : QStringLiteral("none since the agent started"));
        }
        text += QStringLiteral("\nSync destinations:\n");
        for (const sync::SyncPair &p : m_config.pairs) {
            struct statvfs fs = {};
            if (::statvfs(QFile::encodeName(p.destination).constData(), &fs) != 0) {
                text += QStringLiteral("  %1: %2 cannot be read\n").arg(p.id, p.destination);
                continue;
            }
            const double free = double(fs.f_bavail) * double(fs.f_frsize);
            const double size = double(fs.f_blocks) * double(fs.f_frsize);
            text += QStringLiteral("  %1: %2, %3 GiB free of %4 GiB (%5% free)\n")
                        .arg(p.id, p.destination)
                        .arg(free / double(1 << 30), 0, 'f', 1)
                        .arg(size / double(1 << 30), 0, 'f', 1)
                        .arg(size > 0 ? 100.0 * free / size : 0, 0, 'f', 0);
        }
    }
    return text;
}

} // namespace lanwatch::agent
