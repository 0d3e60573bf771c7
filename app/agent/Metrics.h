// The agent's /metrics page: the inventory and the monitor's counters in the Prometheus text format (0.0.4).
#pragma once

#include "core/Result.h"
#include "core/monitor/DeviceTypes.h"
#include "core/monitor/MonitorTypes.h"
#include "core/sync/SyncPair.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace lanwatch::monitor {
class DeviceStore;
}

namespace lanwatch::agent {

// What the monitor did since the agent started (Prometheus counters start at 0 with the process).
struct AgentStats
{
    struct Sweeps
    {
        quint64 count = 0;
        double seconds = 0; // summed durations
    };
    QHash<monitor::EventKind, quint64> events;
    QHash<QString, Sweeps> sweeps; // by watched target
    struct Sync
    {
        QHash<QString, quint64> runs; // by result: ok, partial, failed, held-back, cancelled
        quint64 bytes = 0;            // copied (new and updated files)
        QDateTime lastSuccess;        // of a run that ended ok; invalid: none since the agent started
    };
    QHash<QString, Sync> sync; // by pair id (its [sync NAME])
};

// The result label of a sync run: runOutcomeName without spaces.
QStringList syncResults();

inline constexpr const char *MetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// Device series are keyed by mac (for a device known only by its IP across a router: that key IP, which never
// changes) and network (the watched target holding its address, "other" when none does); names and addresses
// are only in lanwatch_device_info, so a rename or a new lease does not start a new series.
// Sync series for each pair; the destination's free and total bytes are read (statvfs) at each call.
Result<QByteArray> renderMetrics(const monitor::DeviceStore &store, const QList<monitor::WatchedTarget> &watched,
                                 const AgentStats &stats, const QList<sync::SyncPair> &pairs = {});

QString escapeLabelValue(const QString &value); // \\, \" and \n as the exposition format wants

} // namespace lanwatch::agent
