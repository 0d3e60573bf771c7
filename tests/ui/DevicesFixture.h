// A small device inventory in a real temporary SQLite file, filled through DeviceStore::recordSweep with an
// injected clock: 25 hourly sweeps of a /24 (tst_devicesui and the screenshot program share it).
//   nas    10.0.0.2   online all day, RTT measured every sweep, DHCP name "nas"
//   phone  10.0.0.10  online 06:00-12:00 only (offline event at 13:00), DNS name "phone", randomized MAC
//   tv     10.0.0.9   online all day, no name (shows its vendor)
//   printer 10.0.0.100 until 12:00, 10.0.0.200 from 13:00 (IP changed)
#pragma once

#include "core/monitor/DeviceStore.h"

#include <QHostAddress>
#include <QTemporaryDir>

#include <memory>

namespace devicesfixture {

using namespace lanwatch::monitor;
using lanwatch::Result;

inline quint32 ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text)).toIPv4Address();
}

inline Observation obs(const char *address, const char *mac, const char *vendor, const char *name, NameSource source,
                       double rtt = -1)
{
    Observation o;
    o.ip = ip(address);
    o.mac = QString::fromLatin1(mac);
    o.vendor = QString::fromLatin1(vendor);
    if (name)
        o.names.append({QString::fromLatin1(name), source});
    o.rttMs = rtt;
    return o;
}

constexpr const char *NasMac = "00:16:3e:00:00:01";
constexpr const char *PhoneMac = "02:16:3e:00:00:02"; // locally administered: randomized
constexpr const char *TvMac = "00:16:3e:00:00:03";
constexpr const char *PrinterMac = "00:16:3e:00:00:04";
constexpr int Sweeps = 25; // hours 0..24

struct Inventory
{
    QTemporaryDir dir;
    QDateTime start = QDateTime(QDate(2026, 11, 20), QTime(0, 0), Qt::UTC);
    QDateTime now = start;
    std::unique_ptr<DeviceStore> store;
    QString error;

    DeviceId idOf(const char *mac) const { return store->deviceByMac(QString::fromLatin1(mac)).value()->id; }

    Result<SweepResult> sweep(QList<Observation> seen)
    {
        Sweep s;
        s.observations = std::move(seen);
        s.covered = {IpRange{ip("10.0.0.0"), ip("10.0.0.255")}};
        s.time = now;
        return store->recordSweep(s);
    }

    bool fill()
    {
        auto opened = DeviceStore::open(dir.filePath(QStringLiteral("devices.sqlite")), [this] { return now; });
        if (!opened) {
            error = opened.error();
            return false;
        }
        store = std::move(opened).value();
        for (int h = 0; h < Sweeps; ++h) {
            now = start.addSecs(h * 3600LL);
            QList<Observation> seen;
            seen << obs("10.0.0.2", NasMac, "Synology", "nas", NameSource::Dhcp, 1.0 + h * 0.1);
            if (h >= 6 && h <= 12)
                seen << obs("10.0.0.10", PhoneMac, "", "phone", NameSource::Dns, 20.0);
            seen << obs("10.0.0.9", TvMac, "LG Electronics", nullptr, NameSource::Dns);
            seen << obs(h <= 12 ? "10.0.0.100" : "10.0.0.200", PrinterMac, "Brother", "printer", NameSource::Dns);
            if (const auto r = sweep(seen); !r) {
                error = r.error();
                return false;
            }
            if (h == 13) {
                const auto off = store->markOffline({idOf(PhoneMac)});
                if (!off) {
                    error = off.error();
                    return false;
                }
            }
        }
        return true;
    }
};

} // namespace devicesfixture
