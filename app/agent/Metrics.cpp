// Prometheus text exposition of the inventory: one devices() read and one RTT query per scrape, whatever
// the number of devices.
#include "agent/Metrics.h"

#include "core/monitor/DeviceStore.h"
#include "core/scan/TargetSet.h"

#include <QDateTime>
#include <QFile>

#include <sys/statvfs.h>

#include <algorithm>

namespace lanwatch::agent {

using namespace lanwatch::monitor;

QString escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

namespace {

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP ";
        m_out += name;
        m_out += ' ';
        m_out += help;
        m_out += "\n# TYPE ";
        m_out += name;
        m_out += ' ';
        m_out += type;
        m_out += '\n';
    }
    // labels: name, value, name, value, ...
    void sample(const char *name, std::initializer_list<QString> labels, double value)
    {
        m_out += name;
        if (labels.size() > 0) {
            m_out += '{';
            bool first = true;
            for (auto it = labels.begin(); it != labels.end(); it += 2) {
                if (!first)
                    m_out += ',';
                first = false;
                m_out += it->toUtf8();
                m_out += "=\"";
                m_out += escapeLabelValue(*(it + 1)).toUtf8();
                m_out += '"';
            }
            m_out += '}';
        }
        m_out += ' ';
        m_out += QByteArray::number(value, 'g', 15);
        m_out += '\n';
    }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

} // namespace

QStringList syncResults()
{
    return {QStringLiteral("ok"), QStringLiteral("partial"), QStringLiteral("failed"), QStringLiteral("held-back"),
            QStringLiteral("cancelled")};
}

Result<QByteArray> renderMetrics(const DeviceStore &store, const QList<WatchedTarget> &watched, const AgentStats &stats,
                                 const QList<sync::SyncPair> &pairs)
{
    const auto devices = store.devices();
    if (!devices)
        return Result<QByteArray>::failure(devices.error());
    const auto rtts = store.latestRttMs(store.now().addSecs(-15 * 60));
    if (!rtts)
        return Result<QByteArray>::failure(rtts.error());

    QList<std::pair<QString, scan::TargetSet>> networks;
    for (const WatchedTarget &w : watched)
        if (auto set = scan::TargetSet::parse(w.target, true))
            networks.append({w.target, std::move(set).value()});
    const QString other = QStringLiteral("other");
    struct Row
    {
        const Device *device;
        QString key;
        QString network;
    };
    QList<Row> rows;
    rows.reserve(devices->size());
    QHash<QString, std::pair<int, int>> counts; // network -> online, offline
    for (const WatchedTarget &w : watched)
        counts.insert(w.target, {0, 0});
    for (const Device &d : devices.value()) {
        Row row{&d, d.kind == DeviceKind::Mac ? d.mac : ipToString(d.keyIp), other};
        for (quint32 ip : d.ips) {
            const auto hit =
                std::find_if(networks.cbegin(), networks.cend(), [ip](const auto &n) { return n.second.contains(ip); });
            if (hit != networks.cend()) {
                row.network = hit->first;
                break;
            }
        }
        auto &c = counts[row.network];
        (d.online ? c.first : c.second) += 1;
        rows.append(row);
    }

    Writer w;
    const QString mac = QStringLiteral("mac");
    const QString network = QStringLiteral("network");
    w.family("lanwatch_device_up", "gauge",
             "1 while the device answers, 0 once it has been silent for the grace period.");
    for (const Row &r : std::as_const(rows))
        w.sample("lanwatch_device_up", {mac, r.key, network, r.network}, r.device->online ? 1 : 0);
    w.family("lanwatch_device_info", "gauge",
             "Always 1: the device's current address, name, vendor and whether it is watched (lanwatch-cli devices "
             "set --watch); join on mac with group_left.");
    for (const Row &r : std::as_const(rows))
        w.sample("lanwatch_device_info",
                 {mac, r.key, QStringLiteral("ip"),
                  r.device->ips.isEmpty() ? QString() : ipToString(r.device->ips.first()), QStringLiteral("name"),
                  r.device->displayName(), QStringLiteral("vendor"), r.device->vendor, QStringLiteral("watch"),
                  r.device->watch ? QStringLiteral("true") : QStringLiteral("false")},
                 1);
    w.family("lanwatch_device_last_seen_timestamp_seconds", "gauge", "When the device last answered (Unix time).");
    for (const Row &r : std::as_const(rows))
        if (r.device->lastSeen.isValid())
            w.sample("lanwatch_device_last_seen_timestamp_seconds", {mac, r.key, network, r.network},
                     double(r.device->lastSeen.toMSecsSinceEpoch()) / 1000.0);
    w.family("lanwatch_device_rtt_seconds", "gauge",
             "The device's average round-trip time over its latest 5-minute bucket (absent when not measured lately).");
    for (const Row &r : std::as_const(rows))
        if (const auto it = rtts->constFind(r.device->id); it != rtts->cend())
            w.sample("lanwatch_device_rtt_seconds", {mac, r.key, network, r.network}, it.value() / 1000.0);

    QStringList names = counts.keys();
    names.sort();
    w.family("lanwatch_devices", "gauge", "Devices in the inventory by network and state.");
    for (const QString &n : std::as_const(names)) {
        w.sample("lanwatch_devices", {network, n, QStringLiteral("state"), QStringLiteral("online")}, counts[n].first);
        w.sample("lanwatch_devices", {network, n, QStringLiteral("state"), QStringLiteral("offline")},
                 counts[n].second);
    }
    w.family("lanwatch_events_total", "counter", "Events recorded since the agent started, by kind.");
    for (EventKind k : allEventKinds())
        w.sample("lanwatch_events_total", {QStringLiteral("kind"), eventKindName(k)}, double(stats.events.value(k)));

    QStringList swept;
    for (const WatchedTarget &t : watched)
        swept.append(t.target);
    for (auto it = stats.sweeps.cbegin(); it != stats.sweeps.cend(); ++it)
        if (!swept.contains(it.key()))
            swept.append(it.key()); // a target unwatched by a reload keeps its counts until restart
    swept.sort();
    w.family("lanwatch_sweep_duration_seconds", "summary", "How long the monitor's sweeps of each network took.");
    for (const QString &n : std::as_const(swept)) {
        const AgentStats::Sweeps s = stats.sweeps.value(n);
        w.sample("lanwatch_sweep_duration_seconds_sum", {network, n}, s.seconds);
        w.sample("lanwatch_sweep_duration_seconds_count", {network, n}, double(s.count));
    }
    w.family("lanwatch_sweeps_total", "counter", "Completed sweeps of each network since the agent started.");
    for (const QString &n : std::as_const(swept))
        w.sample("lanwatch_sweeps_total", {network, n}, double(stats.sweeps.value(n).count));
    if (!pairs.isEmpty()) {
        const QString pair = QStringLiteral("pair");
        w.family("lanwatch_sync_runs_total", "counter",
                 "Finished runs of each sync pair since the agent started, by result.");
        for (const sync::SyncPair &p : pairs)
            for (const QString &result : syncResults())
                w.sample("lanwatch_sync_runs_total", {pair, p.id, QStringLiteral("result"), result},
                         double(stats.sync.value(p.id).runs.value(result)));
        w.family("lanwatch_sync_bytes_copied_total", "counter",
                 "Bytes copied by each sync pair since the agent started.");
        for (const sync::SyncPair &p : pairs)
            w.sample("lanwatch_sync_bytes_copied_total", {pair, p.id}, double(stats.sync.value(p.id).bytes));
        w.family("lanwatch_sync_last_success_timestamp_seconds", "gauge",
                 "When a run of the pair last ended ok (absent until one has since the agent started).");
        for (const sync::SyncPair &p : pairs)
            if (const QDateTime t = stats.sync.value(p.id).lastSuccess; t.isValid())
                w.sample("lanwatch_sync_last_success_timestamp_seconds", {pair, p.id},
                         double(t.toMSecsSinceEpoch()) / 1000.0);
        QList<std::tuple<QString, double, double>> disks;
        for (const sync::SyncPair &p : pairs) {
            struct statvfs fs = {};
            if (::statvfs(QFile::encodeName(p.destination).constData(), &fs) == 0)
                disks.append(
                    {p.id, double(fs.f_bavail) * double(fs.f_frsize), double(fs.f_blocks) * double(fs.f_frsize)});
        }
        w.family("lanwatch_sync_destination_free_bytes", "gauge",
                 "Bytes free for unprivileged writes on the file system of the pair's destination.");
        for (const auto &[id, free, size] : disks)
            w.sample("lanwatch_sync_destination_free_bytes", {pair, id}, free);
        w.family("lanwatch_sync_destination_size_bytes", "gauge", "Size of the file system of the pair's destination.");
        for (const auto &[id, free, size] : disks)
            w.sample("lanwatch_sync_destination_size_bytes", {pair, id}, size);
    }
    return w.take();
}

} // namespace lanwatch::agent
