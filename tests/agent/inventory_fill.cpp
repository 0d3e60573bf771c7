// lanwatch-inventory-fill DB N [BASE]: writes an inventory of N devices (MAC, address in BASE/16, name, vendor,
// one RTT sample; every tenth one offline) through DeviceStore, for the agent's scrape benchmark.
#include "core/monitor/DeviceStore.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <cstdio>

using namespace lanwatch::monitor;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: lanwatch-inventory-fill DB N [BASE, default 10.77.0.0]\n");
        return 2;
    }
    const int n = args.at(2).toInt();
    const quint32 base = QHostAddress(args.value(3, QStringLiteral("10.77.0.0"))).toIPv4Address();
    auto store = DeviceStore::open(args.at(1));
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 1;
    }
    Sweep sweep;
    for (int i = 0; i < n; ++i) {
        Observation o;
        o.ip = base + 1 + quint32(i) + quint32(i / 254) * 2; // skip .0 and .255
        o.mac = QStringLiteral("00:16:3e:%1:%2:%3")
                    .arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
                    .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
                    .arg(i & 0xff, 2, 16, QLatin1Char('0'));
        o.vendor = QStringLiteral("Xensource, Inc.");
        o.names.append({QStringLiteral("host-%1.bench.test").arg(i), NameSource::Dns});
        o.rttMs = 0.2 + (i % 50) / 10.0;
        sweep.observations.append(o);
    }
    const auto recorded = store.value()->recordSweep(sweep);
    if (!recorded) {
        std::fprintf(stderr, "%s\n", qPrintable(recorded.error()));
        return 1;
    }
    QList<DeviceId> offline;
    for (qsizetype i = 0; i < recorded->devices.size(); i += 10)
        offline.append(recorded->devices.at(i));
    if (const auto r = store.value()->markOffline(offline); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error()));
        return 1;
    }
    std::printf("%d devices in %s\n", n, qPrintable(args.at(1)));
    return 0;
}
