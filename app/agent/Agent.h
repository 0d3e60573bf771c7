// Agent: lanwatch-agent's wiring. A view of core::Session (inventory + monitor) configured from AgentConfig,
// with the HTTP endpoint on top; reload() applies a changed config without a restart.
#pragma once

#include "agent/AgentConfig.h"
#include "agent/Metrics.h"
#include "core/Result.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <memory>

namespace lanwatch::core {
class Session;
}

namespace lanwatch::agent {

class AgentServer;
class Notifier;

class Agent final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Agent)

public:
    explicit Agent(QObject *parent = nullptr);
    ~Agent() override;

    // Opens the inventory, binds the endpoint and starts watching; on failure the reason, and nothing runs.
    Result<void> start(const AgentConfig &config);
    // A new config (SIGHUP): targets, grace, passive listening, token and listen address take effect now; the
    // database path only at the next start (said in the returned notice). On failure the old config stays.
    Result<QString> reload(const AgentConfig &config);
    // Cancels the sweep and every job, stops listening; the inventory is left consistent.
    void stop();

    quint16 port() const;
    const AgentConfig &config() const { return m_config; }
    Result<QByteArray> metrics() const;
    // The daily report's text: the last 24 h of new devices, devices that went offline, sync runs, and the
    // sync destinations' disk use now.
    QString dailyReport() const;
    Notifier *notifier() const { return m_notifier; }

Q_SIGNALS:
    void log(const QString &line); // one line for stdout (the journal), no prefix

private:
    void applyMonitor(const AgentConfig &config);

    AgentConfig m_config;
    std::unique_ptr<core::Session> m_session;
    AgentServer *m_server = nullptr;
    AgentStats m_stats;
    QHash<QString, QElapsedTimer> m_sweepClock; // target -> running since
    Notifier *m_notifier = nullptr;
    struct SyncRun
    {
        QDateTime time;
        QString pair;
        QString result;
    };
    QList<SyncRun> m_syncRuns; // the last 24 h, for the daily report
};

} // namespace lanwatch::agent
