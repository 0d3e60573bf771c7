// The monitor's watched targets and its defaults and valid ranges, defined once for the CLI, settings and dialogs.
#pragma once

#include <QList>
#include <QString>

namespace lanwatch::monitor {

struct MonitorLimits
{
    static constexpr int DefaultIntervalSeconds = 300; // 5 min between sweeps of a watched target
    static constexpr int MinIntervalSeconds = 30;      // below this a /24 sweep would be most of the time
    static constexpr int MaxIntervalSeconds = 7 * 24 * 3600;
    static constexpr int DefaultGraceSweeps = 2;       // a device missing this many sweeps in a row...
    static constexpr int DefaultGraceMinSeconds = 600; // ...and at least this long is offline (phones nap)
    static constexpr int MaxGraceSeconds = 7 * 24 * 3600;
    static constexpr int EnrichWaitMs = 1500; // a new device's event waits this long for its name
    // A watched target larger than this is swept in slices after its first (whole) sweep: each sweep probes
    // every address a device holds plus the next SliceAddresses others, so a /16 is covered whole every 16
    // sweeps. A device that joins announces itself (ARP, DHCP) and the passive listener hears it at once.
    // After the first sweep, only the addresses a device holds are retried; the others are tried once.
    static constexpr int SliceAddresses = 4096;
};

// The smallest interval (and grace) accepted: MinIntervalSeconds, unless the hidden test-only variable
// LANWATCH_TEST_MIN_INTERVAL (seconds, >= 1) lowers it, so the lab test watches hosts go and come back in
// seconds rather than minutes. Not documented to users on purpose.
int minimumIntervalSeconds();

// The grace period for a target swept every intervalSeconds when the user set none (graceSeconds 0):
// DefaultGraceSweeps sweeps or DefaultGraceMinSeconds, whichever is longer.
int effectiveGraceSeconds(int intervalSeconds, int graceSeconds);

struct WatchedTarget
{
    QString target; // TargetSet text, e.g. "192.168.1.0/24"
    int intervalSeconds = MonitorLimits::DefaultIntervalSeconds;
    bool operator==(const WatchedTarget &) const = default;
};

} // namespace lanwatch::monitor
