// Agent: applies the config to the session's monitor and keeps the counters /metrics shows.
#include "agent/Agent.h"

#include "agent/AgentServer.h"
#include "core/Session.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/Monitor.h"
#include "core/sync/SyncRunner.h"
#include "core/sync/SyncScheduler.h"

#include <algorithm>

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
    const auto bound = m_server->listen(config.listenAddress, config.listenPort);
    if (!bound) {
        m_session.reset();
        delete m_server;
        m_server = nullptr;
        return Result<void>::failure(bound.error());
    }
    m_config = config;

    Monitor *monitor = m_session->monitor();
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
    if (config.listenAddress != m_config.listenAddress || config.listenPort != m_config.listenPort) {
        const auto bound = m_server->listen(config.listenAddress, config.listenPort);
        if (!bound) {
            // Back to the old address, so the endpoint stays reachable where it was.
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
    return notice;
}

void Agent::stop()
{
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
