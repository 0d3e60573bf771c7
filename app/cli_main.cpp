// lanwatch-cli: the headless twin of lanwatch. Dispatches to its sub-commands (scan, sync, monitor, ...).
#include "cli/CliCommon.h"
#include "cli/InventoryCommand.h"
#include "cli/MonitorCommand.h"
#include "cli/RestoreCommand.h"
#include "cli/ScanCommand.h"
#include "cli/SyncCommand.h"

#include <QCoreApplication>

using namespace lanwatch::cli;

namespace {
QString usage()
{
    return QStringLiteral(
        "Usage: lanwatch-cli COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  scan TARGET    find live hosts (IP, MAC, vendor, name, RTT) in a subnet, range or list\n"
        "  sync SRC DST   make DST a mirror (or update) of SRC once, printing the actions\n"
        "  watch SRC DST  keep DST in step with SRC until interrupted\n"
        "  restore DST    bring back files that sync replaced or deleted (DST/.lanwatch-versions)\n"
        "  monitor TARGET watch subnets until interrupted, printing new devices, offline/online, IP changes\n"
        "  devices        list the device inventory, or 'devices set MAC ...' to name or mark one\n"
        "  events         print the inventory's events (new device, offline, duplicate IP, ...)\n"
        "\n"
        "Run 'lanwatch-cli COMMAND --help' for a command's options.\n"
        "Exit status: 0 ok, 1 failed, 2 bad arguments, 3 held back by a safety check (sync),\n"
        "4 partial (sync: some entries not read or written), 130 interrupted.\n");
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanwatch"));
    QCoreApplication::setOrganizationName(QStringLiteral("lanwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANWATCH_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printErr(QStringLiteral("no command given."));
        printOut(usage());
        return ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        printOut(usage());
        return ExitOk;
    }
    if (command == QLatin1String("--version")) {
        printOut(QStringLiteral("lanwatch-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    if (command == QLatin1String("scan"))
        return runScanCommand(args);
    if (command == QLatin1String("sync"))
        return runSyncCommand(args);
    if (command == QLatin1String("watch"))
        return runWatchCommand(args);
    if (command == QLatin1String("restore"))
        return runRestoreCommand(args);
    if (command == QLatin1String("monitor"))
        return runMonitorCommand(args);
    if (command == QLatin1String("devices"))
        return runDevicesCommand(args);
    if (command == QLatin1String("events"))
        return runEventsCommand(args);

    printErr(QStringLiteral("unknown command '%1'. Commands are scan, sync, watch, restore, monitor, devices and events; "
                            "see --help.")
                 .arg(command));
    return ExitUsage;
}
