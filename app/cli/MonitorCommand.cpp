// lanwatch-cli monitor: the Monitor engine in the foreground; one line (or JSON object) per event.
#include "cli/MonitorCommand.h"

#include "cli/CliCommon.h"
#include "cli/InventoryCommand.h"
#include "core/monitor/DeviceStore.h"
#include "core/monitor/Monitor.h"
#include "core/monitor/ScanSource.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace lanwatch::cli {

using namespace lanwatch::monitor;

int runMonitorCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(QCoreApplication::translate(
        "MonitorCommand",
        "Watch one or more targets until interrupted (Ctrl-C): each is swept every --interval seconds\n"
        "(or its own: TARGET@S, e.g. 10.0.0.0/16@600), a target larger than 4096 addresses in slices after\n"
        "its first sweep (every address a device holds, plus the next 4096 others each time),\n"
        "devices announcing themselves in between (ARP, DHCP) are recorded at once, and every change is\n"
        "printed as it happens: new device, offline (after the grace period), back online, IP changed,\n"
        "duplicate IP, possible ARP spoofing, name changed. Everything is kept in the device inventory.\n"
        "\n"
        "Exit status: 0 after an interrupt, 1 the inventory could not be opened, 2 bad arguments."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("MonitorCommand", "Show this help."));
    const QCommandLineOption interval(
        QStringLiteral("interval"),
        QCoreApplication::translate("MonitorCommand", "Sweep each target every S seconds (at least %1).")
            .arg(minimumIntervalSeconds()),
        QStringLiteral("S"), QString::number(MonitorLimits::DefaultIntervalSeconds));
    const QCommandLineOption grace(
        QStringLiteral("grace"),
        QCoreApplication::translate("MonitorCommand",
                                    "Call a device offline after S seconds without an answer (default: %1 sweeps "
                                    "or %2 s, whichever is longer).")
            .arg(MonitorLimits::DefaultGraceSweeps)
            .arg(MonitorLimits::DefaultGraceMinSeconds),
        QStringLiteral("S"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QCoreApplication::translate("MonitorCommand", "The device inventory (default: %1).")
                                    .arg(DeviceStore::defaultPath()),
                                QStringLiteral("PATH"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QCoreApplication::translate(
            "MonitorCommand", "Print one JSON object per event and line (time, kind, ip, mac, name, vendor, ...)."));
    const QCommandLineOption noPassive(
        QStringLiteral("no-passive"),
        QCoreApplication::translate("MonitorCommand",
                                    "Do not listen for devices between sweeps; find them by sweeping only."));
    parser.addOptions({interval, grace, db, json, noPassive, help});
    parser.addPositionalArgument(
        QStringLiteral("TARGET"),
        QCoreApplication::translate("MonitorCommand",
                                    "A subnet, range or address list to watch, e.g. 192.168.1.0/24, optionally with its "
                                    "own interval in seconds after @ (repeatable)."),
        QStringLiteral("TARGET[@S]..."));
    if (!parser.parse(QStringList{QStringLiteral("lanwatch-cli monitor")} + args)) {
        printErr(QCoreApplication::translate("MonitorCommand", "%1; see 'lanwatch-cli monitor --help'.")
                     .arg(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printOut(commandHelp(parser.helpText(), QStringLiteral("monitor")));
        return ExitOk;
    }
    const QStringList given = parser.positionalArguments();
    if (given.isEmpty()) {
        printErr(QCoreApplication::translate(
            "MonitorCommand",
            "give at least one target to watch, e.g. 192.168.1.0/24; see 'lanwatch-cli monitor --help'."));
        return ExitUsage;
    }
    const auto parseInterval = [](const QString &text) {
        bool ok = false;
        const int seconds = text.toInt(&ok);
        return ok && seconds >= minimumIntervalSeconds() && seconds <= MonitorLimits::MaxIntervalSeconds ? seconds
                                                                                                        : -1;
    };
    bool ok = false;
    const int intervalSeconds = parseInterval(parser.value(interval));
    if (intervalSeconds < 0) {
        printErr(QCoreApplication::translate("MonitorCommand",
                                             "--interval must be a whole number of seconds from %1 to %2, not '%3'.")
                     .arg(minimumIntervalSeconds())
                     .arg(MonitorLimits::MaxIntervalSeconds)
                     .arg(parser.value(interval)));
        return ExitUsage;
    }
    int graceSeconds = 0;
    if (parser.isSet(grace)) {
        graceSeconds = parser.value(grace).toInt(&ok);
        if (!ok || graceSeconds < minimumIntervalSeconds() || graceSeconds > MonitorLimits::MaxGraceSeconds) {
            printErr(QCoreApplication::translate("MonitorCommand",
                                                 "--grace must be a whole number of seconds from %1 to %2, not '%3'.")
                         .arg(minimumIntervalSeconds())
                         .arg(MonitorLimits::MaxGraceSeconds)
                         .arg(parser.value(grace)));
            return ExitUsage;
        }
    }
    // Every target is checked before the inventory is touched: a typo is exit 2 and changes nothing.
    QList<WatchedTarget> targets;
    for (const QString &arg : given) {
        WatchedTarget w{arg, intervalSeconds};
        if (const qsizetype at = arg.lastIndexOf(QLatin1Char('@')); at >= 0) {
            w.target = arg.left(at);
            w.intervalSeconds = parseInterval(arg.mid(at + 1));
            if (w.intervalSeconds < 0) {
                printErr(QCoreApplication::translate(
                             "MonitorCommand", "bad target '%1': the interval after @ must be a whole number of "
                                               "seconds from %2 to %3.")
                             .arg(arg)
                             .arg(minimumIntervalSeconds())
                             .arg(MonitorLimits::MaxIntervalSeconds));
                return ExitUsage;
            }
        }
        if (const auto set = scan::TargetSet::parse(w.target); !set) {
            printErr(QCoreApplication::translate("MonitorCommand", "bad target '%1': %2").arg(arg, set.error()));
            return ExitUsage;
        }
        targets.append(w);
    }

    int rc = ExitOk;
    const auto store = openInventory(parser.value(db), false, &rc);
    if (!store)
        return rc;
    Monitor::Options options;
    options.passive = !parser.isSet(noPassive);
    Monitor monitor(store.get(), std::make_unique<ScanEngineSource>(), options);
    for (const WatchedTarget &t : std::as_const(targets))
        if (const auto r = monitor.watch(t.target, t.intervalSeconds); !r) {
            printErr(r.error());
            return ExitUsage;
        }
    (void)monitor.setGraceSeconds(graceSeconds);

    const bool asJson = parser.isSet(json);
    QObject::connect(&monitor, &Monitor::eventBatch, [asJson](const QList<Event> &events, bool firstSweep) {
        QString out;
        for (const Event &e : events)
            out += (asJson ? eventJsonLine(e, firstSweep) : eventText(e)) + QLatin1Char('\n');
        printOut(out);
    });
    QObject::connect(&monitor, &Monitor::warning, [](const QString &message) { printErr(message); });
    onInterrupt(&monitor, [&monitor] {
        monitor.stop();
        QCoreApplication::exit(0);
    });
    if (const auto r = monitor.start(); !r) {
        printErr(r.error());
        return ExitFailure;
    }
    QStringList watching;
    for (const WatchedTarget &t : std::as_const(targets))
        watching << QCoreApplication::translate("MonitorCommand",
                                                "%1 every %2 s (offline after %3 s without an answer)")
                        .arg(t.target)
                        .arg(t.intervalSeconds)
                        .arg(monitor.graceSecondsFor(t.target));
    printErr(QCoreApplication::translate("MonitorCommand", "watching %1; inventory %2. Ctrl-C stops.")
                 .arg(watching.join(QStringLiteral(", ")), store->path()));
    QCoreApplication::exec();
    return ExitOk;
}

} // namespace lanwatch::cli
