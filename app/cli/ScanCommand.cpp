// lanwatch-cli scan: parse options, run core's ScanEngine, print hosts as they are found.
#include "cli/ScanCommand.h"

#include "cli/CliCommon.h"
#include "core/scan/HostExport.h"
#include "core/scan/ScanEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

namespace lanwatch::cli {

using namespace lanwatch::scan;

namespace {

QString scanUsage()
{
    return QStringLiteral(
        "Usage: lanwatch-cli scan TARGET [OPTIONS]\n"
        "\n"
        "Find the live hosts in TARGET and print each one's IP, MAC address, vendor, host name,\n"
        "round-trip time and the method that found it, as they answer.\n"
        "\n"
        "TARGET   a subnet (10.0.1.0/24), a range (10.0.1.10-10.0.1.50 or 10.0.1.10-50), an address,\n"
        "         or a comma-separated list of these. A subnet's network and broadcast addresses are\n"
        "         not probed.\n"
        "\n"
        "Options:\n"
        "  --json            print one JSON array (ip, mac, vendor, hostname, rtt_ms, found_by),\n"
        "                    sorted by address, when the scan ends\n"
        "  --csv             the same as CSV with a header line\n"
        "  --timeout MS      longest wait for a reply before a retry (default 500; adapts down to the\n"
        "                    measured round trip, never below 100 ms; each retry waits 1.5x longer)\n"
        "  --retries N       extra tries per address (default 2)\n"
        "  --rate PPS        packets per second across all methods (default 10000)\n"
        "  --method M        auto (default), arp, icmp or tcp\n"
        "                      auto: ARP on directly attached subnets when allowed (CAP_NET_RAW),\n"
        "                            else ICMP echo + TCP connect + the kernel neighbour table\n"
        "                      arp:  ARP only where possible (other targets fall back to ICMP/TCP)\n"
        "                      icmp: ICMP echo only; tcp: TCP connect probes only\n"
        "  --ports LIST      TCP ports to probe (default 22,80,443,445,139,3389,8080,53)\n"
        "  --no-dns          do not look up host names (reverse DNS)\n"
        "  --allow-large     allow targets of more than 65,536 addresses\n"
        "  -h, --help        show this help\n"
        "\n"
        "Privileges: without CAP_NET_RAW there is no ARP sweep; hosts are found with ICMP (where\n"
        "net.ipv4.ping_group_range allows), TCP and the neighbour table. Grant it with\n"
        "  sudo setcap cap_net_raw+ep \"$(command -v lanwatch-cli)\"\n"
        "\n"
        "Exit status: 0 scan completed (also when no host answered), 1 scan failed,\n"
        "2 bad arguments, 130 interrupted.\n");
}

QString formatLine(const HostRecord &h)
{
    const QString dash = QStringLiteral("-");
    return QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6\n")
        .arg(h.ipString().leftJustified(15), h.mac ? h.macString() : dash.leftJustified(17),
             h.vendor.isEmpty() ? dash : h.vendor, h.hostname.isEmpty() ? dash : h.hostname,
             h.rttMs < 0 ? dash : QStringLiteral("%1 ms").arg(h.rttMs, 0, 'f', 2), foundByName(h.foundBy));
}

bool takeValue(QStringList &args, int &i, QString *value, const QString &option)
{
    if (i + 1 >= args.size()) {
        printErr(QStringLiteral("%1 needs a value; see 'lanwatch-cli scan --help'.").arg(option));
        return false;
    }
    *value = args[++i];
    return true;
}

bool parseInt(const QString &text, int min, int max, int *out, const QString &option)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max) {
        printErr(QStringLiteral("%1 must be a whole number from %2 to %3, not '%4'.")
                     .arg(option)
                     .arg(min)
                     .arg(max)
                     .arg(text));
        return false;
    }
    *out = v;
    return true;
}

} // namespace

int runScanCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    enum class Format { Lines, Json, Csv } format = Format::Lines;
    ScanOptions options;
    QString target;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        QString value;
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            printOut(scanUsage());
            return ExitOk;
        } else if (a == QLatin1String("--json")) {
            format = Format::Json;
        } else if (a == QLatin1String("--csv")) {
            format = Format::Csv;
        } else if (a == QLatin1String("--no-dns")) {
            options.resolveNames = false;
        } else if (a == QLatin1String("--allow-large")) {
            options.allowLarge = true;
        } else if (a == QLatin1String("--timeout")) {
            if (!takeValue(args, i, &value, a) || !parseInt(value, 1, 60000, &options.timeoutMs, a))
                return ExitUsage;
        } else if (a == QLatin1String("--retries")) {
            if (!takeValue(args, i, &value, a) || !parseInt(value, 0, 10, &options.retries, a))
                return ExitUsage;
        } else if (a == QLatin1String("--rate")) {
            if (!takeValue(args, i, &value, a) || !parseInt(value, 1, 1000000, &options.ratePps, a))
                return ExitUsage;
        } else if (a == QLatin1String("--method")) {
            if (!takeValue(args, i, &value, a))
                return ExitUsage;
            const auto m = methodChoiceFromString(value);
            if (!m) {
                printErr(QStringLiteral("--method must be auto, arp, icmp or tcp, not '%1'.").arg(value));
                return ExitUsage;
            }
            options.method = *m;
        } else if (a == QLatin1String("--ports")) {
            if (!takeValue(args, i, &value, a))
                return ExitUsage;
            options.tcpPorts.clear();
            for (const QString &p : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                int port = 0;
                if (!parseInt(p.trimmed(), 1, 65535, &port, QStringLiteral("each --ports entry")))
                    return ExitUsage;
                options.tcpPorts << quint16(port);
            }
            if (options.tcpPorts.isEmpty()) {
                printErr(QStringLiteral("--ports needs at least one port, e.g. --ports 22,80."));
                return ExitUsage;
            }
        } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            printErr(QStringLiteral("unknown option '%1'; see 'lanwatch-cli scan --help'.").arg(a));
            return ExitUsage;
        } else if (target.isEmpty()) {
            target = a;
        } else {
            printErr(QStringLiteral("only one TARGET may be given (use commas for a list): '%1'.").arg(a));
            return ExitUsage;
        }
    }
    if (target.isEmpty()) {
        printErr(QStringLiteral("no TARGET given, e.g. 'lanwatch-cli scan 192.168.1.0/24'; see --help."));
        return ExitUsage;
    }
    const auto targets = TargetSet::parse(target, options.allowLarge);
    if (!targets) {
        printErr(targets.error());
        return ExitUsage;
    }

    ScanEngine engine;
    QHash<quint32, HostRecord> hosts;
    QElapsedTimer clock;
    bool interrupted = false;
    QObject::connect(&engine, &ScanEngine::warning, [](const QString &message) { printErr(message); });
    QObject::connect(&engine, &ScanEngine::hostFound, [&hosts](const HostRecord &h) { hosts.insert(h.ip, h); });
    QObject::connect(&engine, &ScanEngine::hostUpdated, [&hosts, format](const HostRecord &h) {
        hosts.insert(h.ip, h);
        // A line the moment the host is known with its MAC, vendor and name (enrichment takes ms).
        if (format == Format::Lines)
            printOut(formatLine(h));
    });
    QObject::connect(&engine, &ScanEngine::finished, [&](bool cancelled) {
        interrupted = cancelled;
        QCoreApplication::exit(0);
    });

    // Ctrl-C stops the scan cleanly (sockets closed, partial results still printed).
    onInterrupt(&engine, [&engine] { engine.cancel(); });

    clock.start();
    const auto started = engine.start(targets.value(), options);
    if (!started) {
        printErr(started.error());
        return ExitFailure;
    }
    QCoreApplication::exec();
    const double seconds = double(clock.elapsed()) / 1000.0;

    const QList<HostRecord> list = hosts.values();
    switch (format) {
    case Format::Json:
        printOut(QString::fromUtf8(hostsToJson(list)));
        break;
    case Format::Csv:
        printOut(QString::fromUtf8(hostsToCsv(list)));
        break;
    case Format::Lines:
        printOut(QStringLiteral("%1 host%2 up, %3 address%4 scanned in %5 s%6\n")
                     .arg(list.size())
                     .arg(list.size() == 1 ? QString() : QStringLiteral("s"))
                     .arg(targets->size())
                     .arg(targets->size() == 1 ? QString() : QStringLiteral("es"))
                     .arg(seconds, 0, 'f', 2)
                     .arg(interrupted ? QStringLiteral(" (interrupted)") : QString()));
        break;
    }
    return interrupted ? 130 : ExitOk;
}

} // namespace lanwatch::cli
