// DeviceStore: the device inventory in one SQLite file (Qt SQL, QSQLITE): devices, names, IP history,
// presence sessions, RTT series, merges and events, with schema migrations and broken-file recovery.
#pragma once

#include "core/Result.h"
#include "core/monitor/DeviceTypes.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

class QSqlDatabase;

namespace lanwatch::monitor {

// Threads: a QSqlDatabase connection belongs to the thread that opened it, so a DeviceStore must only be
// used from the thread that created it. A worker that needs the inventory opens its own DeviceStore on
// the same file (each instance has its own connection; SQLite's WAL lets readers run while one writes).
//
// Errors: every call returns a Result whose message names the database file and what to do; a failed
// write rolls back its whole transaction, so the file stays as it was before the call.
class DeviceStore final
{
    Q_DISABLE_COPY_MOVE(DeviceStore)

public:
    using Clock = std::function<QDateTime()>; // UTC "now"; tests inject one to drive presence over days

    static constexpr int SchemaVersion = 1;             // PRAGMA user_version this build writes
    static constexpr qint32 ApplicationId = 0x4c4e5754; // PRAGMA application_id, "LNWT": a lanwatch file

    // AppDataLocation + "/devices.sqlite".
    static QString defaultPath();

    // Opens (creating and migrating as needed) the database at path. A file that is corrupt or not an
    // SQLite database is moved aside as "<path>.corrupt-<UTC time>" (never deleted) and a fresh one is
    // created: notice() then says so. An unreadable file, a folder in its place, a file from a newer
    // lanwatch or another program's SQLite file is refused with an error and left untouched.
    static Result<std::unique_ptr<DeviceStore>> open(const QString &path = defaultPath(), Clock clock = {});
    ~DeviceStore();

    QString path() const { return m_path; }
    QString notice() const { return m_notice; } // what open() had to do (e.g. moved a corrupt file aside)
    QDateTime now() const;

    // --- Writing what the network showed ---------------------------------------------------------
    // One transaction for the whole sweep: devices upserted (by MAC, alias, or IP when MAC-less),
    // last seen, vendor, names, IPs (history + IP changed / claimed / duplicate), a presence session
    // opened for every device that was offline (online event, unless new), RTT samples. Returns the
    // events it stored.
    Result<SweepResult> recordSweep(const Sweep &sweep);
    // Ends the presence sessions of these devices at their last-seen time and stores an offline event
    // each (devices already offline are skipped). The grace period is the caller's decision.
    Result<QList<Event>> markOffline(const QList<DeviceId> &ids);
    // Online devices not seen since cutoff: candidates for markOffline.
    Result<QList<DeviceId>> onlineDevicesNotSeenSince(const QDateTime &cutoff) const;
    // Every address a device holds now (online or offline), ascending: what a partial sweep must re-probe.
    Result<QList<quint32>> currentAddresses() const;

    // --- Reading ------------------------------------------------------------------------------------
    Result<QList<Device>> devices() const;
    Result<std::optional<Device>> device(DeviceId id) const;
    Result<std::optional<Device>> deviceByMac(const QString &mac) const; // primary MAC or a merged alias
    // The IP-keyed device for ip, else the MAC-keyed device that currently holds it (most recently seen).
    Result<std::optional<Device>> deviceByIp(quint32 ip) const;
    Result<QList<SeenName>> names(DeviceId id) const;   // newest first
    Result<QList<IpSpan>> ipHistory(DeviceId id) const; // oldest first
    // Online intervals overlapping [from, to], clipped to it, overlaps (from merged devices) joined.
    Result<QList<PresenceSpan>> presence(DeviceId id, const QDateTime &from, const QDateTime &to) const;
    Result<PresenceStats> presenceStats(DeviceId id) const; // against now()
    Result<QList<RttPoint>> rtt(DeviceId id, const QDateTime &from, const QDateTime &to) const;

    // Each device's average RTT in its newest 5-minute bucket that overlaps [since, now]: one query for all
    // devices (what a metrics scrape needs); devices without a recent sample are absent.
    Result<QHash<DeviceId, double>> latestRttMs(const QDateTime &since) const;
    Result<QList<Event>> events(const EventFilter &filter = {}) const; // newest first
    Result<int> unseenEventCount() const;
    Result<void> markEventsSeen(const QList<EventId> &ids);
    Result<void> markAllEventsSeen();

    // --- What the user edits ------------------------------------------------------------------------
    Result<void> setCustomName(DeviceId id, const QString &name); // empty: back to the seen names
    Result<void> setNotes(DeviceId id, const QString &notes);
    Result<void> setKnown(DeviceId id, bool known);
    Result<void> setWatch(DeviceId id, bool watch);
    // Pins a name the device was seen with; later names are still recorded but do not replace it.
    Result<void> lockName(DeviceId id, const QString &name, NameSource source);
    Result<void> unlockName(DeviceId id);
    // absorbed's MACs (and its key IP, for an IP-keyed device) become aliases of keep; names, IPs,
    // presence, RTT and events move to keep; absorbed is removed.
    Result<void> mergeDevices(DeviceId keep, DeviceId absorbed);
    // Removes the device with its names, IPs, presence, RTT samples, aliases and events.
    Result<void> forgetDevice(DeviceId id);

    // RTT downsampling (bounded storage): raw samples fold into 5-minute buckets; buckets older than
    // 48 h fold into hourly ones; buckets older than 30 days are dropped. At most ~1,300 rows a device.
    static constexpr qint64 FineBucketMs = 5 * 60 * 1000;
    static constexpr qint64 CoarseBucketMs = 60 * 60 * 1000;
    static constexpr qint64 FineKeepMs = 48LL * 3600 * 1000;
    static constexpr qint64 RttKeepMs = 30LL * 24 * 3600 * 1000;

private:
    DeviceStore(QString path, QString connection, Clock clock);
    QSqlDatabase db() const;
    Result<QList<Device>> loadDevices(const QString &where, const QVariantList &bind) const;
    Result<void> setDeviceColumn(DeviceId id, const char *column, const QVariant &value);
    Result<void> compactRtt(qint64 nowMs);

    QString m_path;
    QString m_connection;
    Clock m_clock;
    QString m_notice;
    qint64 m_lastRttCompactionMs = 0;
};

} // namespace lanwatch::monitor
