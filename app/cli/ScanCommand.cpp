// lanwatch-cli scan: parse options (its own QCommandLineParser), run core's ScanEngine, print hosts as they are found.
#include "cli/ScanCommand.h"

#include "cli/CliCommon.h"
#include "core/Session.h"
#include "core/scan/HostExport.h"
#include "core/scan/ScanEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

namespace lanwatch::cli {

using namespace lanwatch::scan;

namespace {

namespace SD = lanwatch::scan::ScanDefaults;

constexpr char ScanDescription[] =
    "Find the live hosts in TARGET and print each one's IP, MAC address, vendor, host name,\n"
    "round-trip time and the method that found it, as they answer.\n"
    "\n"
    "Methods: auto: ARP on directly attached subnets when allowed (CAP_NET_RAW), else ICMP echo +\n"
    "TCP connect + the kernel neighbour table; arp: ARP only where possible (other targets fall\n"
    "back to ICMP/TCP); icmp: ICMP echo only; tcp: TCP connect probes only.\n"
    "\n"
    "Privileges: without CAP_NET_RAW there is no ARP sweep; hosts are found with ICMP (where\n"
    "net.ipv4.ping_group_range allows), TCP and the neighbour table. Grant it to the small helper\n"
    "that opens the raw sockets for lanwatch, never to lanwatch-cli itself:\n"
    "  sudo setcap cap_net_raw+ep /usr/local/libexec/lanwatch/lanwatch-netcap\n"
    "\n"
    "Exit status: 0 scan completed (also when no host answered), 1 scan failed,\n"
    "2 bad arguments, 130 interrupted.";

QString formatLine(const HostRecord &h)
{
    const QString dash = QStringLiteral("-");
    QString anomalies;
    if (h.duplicate()) { // as arp-scan's DUP lines: the other MACs that answered for this address
        QStringList others;
        for (const MacAddress &m : h.otherMacs)
            others << macToString(m);
        anomalies += QStringLiteral(" | DUP: ") + others.join(QStringLiteral(", "));
    }
    if (h.macMismatch)
        anomalies += QStringLiteral(" | ARP sender MAC differs from the frame's source");
    return QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6%7\n")
        .arg(h.ipString().leftJustified(15), h.mac ? h.macString() : dash.leftJustified(17),
             h.vendor.isEmpty() ? dash : h.vendor, h.bestName().isEmpty() ? dash : h.bestName(),
             h.rttMs < 0 ? dash : QStringLiteral("%1 ms").arg(h.rttMs, 0, 'f', 2), foundByName(h.foundBy), anomalies);
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

QString defaultPorts()
{
    QStringList ports;
    for (const quint16 p : SD::TcpPorts)
        ports << QString::number(p);
    return ports.join(QLatin1Char(','));
}

} // namespace

int runScanCommand(const QStringList &args)
{
    enum class Format { Lines, Json, Csv } format = Format::Lines;
    ScanOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(ScanDescription));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print one JSON array (ip, mac, vendor, hostname, rtt_ms, found_by, "
                                                 "duplicate, other_macs, mac_mismatch, names, services, model), "
                                                 "sorted by address, when the scan ends."));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("The same as CSV with a header line."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Longest wait for a reply before a retry, %1 to %2 (default %3; adapts down to the measured "
                       "round trip, never below 100 ms; each retry waits 1.5x longer).")
            .arg(SD::MinTimeoutMs)
            .arg(SD::MaxTimeoutMs)
            .arg(SD::TimeoutMs),
        QStringLiteral("MS"), QString::number(SD::TimeoutMs));
    const QCommandLineOption retries(QStringLiteral("retries"),
                                     QStringLiteral("Extra tries per address, %1 to %2 (default %3).")
                                         .arg(SD::MinRetries)
                                         .arg(SD::MaxRetries)
                                         .arg(SD::Retries),
                                     QStringLiteral("N"), QString::number(SD::Retries));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Packets per second across all methods, %1 to %2 (default: "
                                                 "automatic, %3).")
                                      .arg(SD::MinRatePps)
                                      .arg(SD::MaxRatePps)
                                      .arg(SD::AutomaticRatePps),
                                  QStringLiteral("PPS"));
    const QCommandLineOption method(
        QStringLiteral("method"),
        QStringLiteral("One of %1 (default %2; see above).")
            .arg(SD::methodNames().join(QStringLiteral(", ")), SD::methodNames().constFirst()),
        QStringLiteral("M"), SD::methodNames().constFirst());
    const QCommandLineOption ports(QStringLiteral("ports"),
                                   QStringLiteral("TCP ports to probe (default %1).").arg(defaultPorts()),
                                   QStringLiteral("LIST"), defaultPorts());
    const QCommandLineOption noDns(QStringLiteral("no-dns"),
                                   QStringLiteral("Do not look up host names (reverse DNS)."));
    const QCommandLineOption noLocalNames(
        QStringLiteral("no-local-names"),
        QStringLiteral("Do not ask the hosts for the names they announce (mDNS, NetBIOS, SSDP)."));
    const QCommandLineOption allowLarge(QStringLiteral("allow-large"),
                                        QStringLiteral("Allow targets of more than 65,536 addresses."));
    parser.addOptions({json, csv, timeout, retries, rate, method, ports, noDns, noLocalNames, allowLarge, help});
    parser.addPositionalArgument(
        QStringLiteral("TARGET"),
        QStringLiteral("A subnet (10.0.1.0/24), a range (10.0.1.10-10.0.1.50 or 10.0.1.10-50), an address, or a "
                       "comma-separated list of these. A subnet's network and broadcast addresses are not probed."));
    // QCommandLineParser ends the options at "--", as every subcommand does.
    if (!parser.parse(QStringList{QStringLiteral("lanwatch-cli scan")} + args)) {
        printErr(QStringLiteral("%1; see 'lanwatch-cli scan --help'.").arg(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printOut(commandHelp(parser.helpText(), QStringLiteral("scan")));
        return ExitOk;
    }
    if (parser.isSet(json))
        format = Format::Json;
    else if (parser.isSet(csv))
        format = Format::Csv;
    options.resolveNames = !parser.isSet(noDns);
    options.localNames = !parser.isSet(noLocalNames);
    options.allowLarge = parser.isSet(allowLarge);
    if (!parseInt(parser.value(timeout), SD::MinTimeoutMs, SD::MaxTimeoutMs, &options.timeoutMs,
                  QStringLiteral("--timeout")) ||
        !parseInt(parser.value(retries), SD::MinRetries, SD::MaxRetries, &options.retries, QStringLiteral("--retries")))
        return ExitUsage;
    if (parser.isSet(rate) &&
        !parseInt(parser.value(rate), SD::MinRatePps, SD::MaxRatePps, &options.ratePps, QStringLiteral("--rate")))
        return ExitUsage;
    const auto m = methodChoiceFromString(parser.value(method));
    if (!m) {
        printErr(QStringLiteral("--method must be auto, arp, icmp or tcp, not '%1'.").arg(parser.value(method)));
        return ExitUsage;
    }
    options.method = *m;
    options.tcpPorts.clear();
    for (const QString &p : parser.value(ports).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        int port = 0;
        if (!parseInt(p.trimmed(), SD::MinPort, SD::MaxPort, &port, QStringLiteral("each --ports entry")))
            return ExitUsage;
        options.tcpPorts << quint16(port);
    }
    if (options.tcpPorts.isEmpty()) {
        printErr(QStringLiteral("--ports needs at least one port, e.g. --ports 22,80."));
        return ExitUsage;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        printErr(QStringLiteral("no TARGET given, e.g. 'lanwatch-cli scan 192.168.1.0/24'; see --help."));
        return ExitUsage;
    }
    if (positional.size() > 1) {
        printErr(QStringLiteral("only one TARGET may be given (use commas for a list): '%1'.").arg(positional.at(1)));
        return ExitUsage;
    }
    const QString target = positional.constFirst();
    const auto targets = TargetSet::parse(target, options.allowLarge);
    if (!targets) {
        printErr(targets.error());
        return ExitUsage;
    }

    // A bare session (no settings): the options are the command line's, nothing is stored.
    core::Session session;
    ScanEngine &engine = *session.scanEngine();
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
    quint64 probed = 0; // what the sweep had finished with: after Ctrl-C, less than the target
    QObject::connect(&engine, &ScanEngine::progress, [&probed](quint64 done, quint64, int) { probed = done; });
    QObject::connect(&engine, &ScanEngine::finished, [&](bool cancelled) {
        interrupted = cancelled;
        QCoreApplication::exit(0);
    });

    // Ctrl-C stops the scan cleanly (sockets closed, partial results still printed).
    onInterrupt(&engine, [&engine] { engine.cancel(); });

    clock.start();
    const auto started = session.startScan(targets.value(), options);
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
        if (interrupted)
            printOut(QStringLiteral("%1 host%2 up; interrupted after %3 s with %4 of %5 addresses scanned\n")
                         .arg(list.size())
                         .arg(list.size() == 1 ? QString() : QStringLiteral("s"))
                         .arg(seconds, 0, 'f', 2)
                         .arg(std::min(probed, targets->size()))
                         .arg(targets->size()));
        else
            printOut(QStringLiteral("%1 host%2 up, %3 address%4 scanned in %5 s\n")
                         .arg(list.size())
                         .arg(list.size() == 1 ? QString() : QStringLiteral("s"))
                         .arg(targets->size())
                         .arg(targets->size() == 1 ? QString() : QStringLiteral("es"))
                         .arg(seconds, 0, 'f', 2));
        break;
    }
    return interrupted ? 130 : ExitOk;
}

} // namespace lanwatch::cli
