// lanwatch-cli: the headless twin of lanwatch. Dispatches to its subcommands through one table; each
// subcommand parses its own arguments with its own QCommandLineParser.
#include "cli/CliCommon.h"
#include "cli/InventoryCommand.h"
#include "cli/MonitorCommand.h"
#include "cli/RestoreCommand.h"
#include "cli/ScanCommand.h"
#include "cli/SyncCommand.h"
#include "cli/WakeCommand.h"

#include "core/Privileges.h"

#include <QCoreApplication>

#include <array>
#include <string_view>

using namespace lanwatch;
using namespace lanwatch::cli;

namespace {

struct Command
{
    const char *name;
    const char *synopsis;                // NAME plus its main arguments, for the usage
    const char *summary;                 // one line
    int (*run)(const QStringList &args); // the arguments after the name
};

// A new subcommand is one line here.
constexpr std::array Commands{
    Command{"scan", "scan TARGET", "find live hosts (IP, MAC, vendor, name, RTT) in a subnet, range or list",
            runScanCommand},
    Command{"sync", "sync SRC DST", "make DST a mirror (or update) of SRC once, printing the actions", runSyncCommand},
    Command{"watch", "watch SRC DST", "keep DST in step with SRC until interrupted", runWatchCommand},
    Command{"restore", "restore DST", "bring back files that sync replaced or deleted (DST/.lanwatch-versions)",
            runRestoreCommand},
    Command{"monitor", "monitor TARGET",
            "watch subnets until interrupted, printing new devices, offline/online, IP changes", runMonitorCommand},
    Command{"devices", "devices", "list the device inventory, or 'devices set MAC ...' to name or mark one",
            runDevicesCommand},
    Command{"events", "events", "print the inventory's events (new device, offline, duplicate IP, ...)",
            runEventsCommand},
    Command{"wake", "wake MAC", "wake a device with a Wake-on-LAN magic packet", runWakeCommand},
};

QString usage()
{
    QString text = QStringLiteral("Usage: lanwatch-cli COMMAND [OPTIONS]\n\nCommands:\n");
    for (const Command &c : Commands)
        text += QStringLiteral("  %1  %2\n")
                    .arg(QString::fromLatin1(c.synopsis).leftJustified(14), QString::fromLatin1(c.summary));
    text += QStringLiteral("\n"
                           "Run 'lanwatch-cli COMMAND --help' for a command's options; '--' ends the options.\n"
                           "Exit status: 0 ok, 1 failed, 2 bad arguments, 3 held back by a safety check (sync),\n"
                           "4 partial (sync: some entries not read or written), 130 interrupted.\n");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before QCoreApplication, while this is the only thread: every command but the file ones gives up root's
    // or the file's capabilities (keeping CAP_NET_RAW permitted for the sweep); sync, watch and restore need
    // root's file capabilities to keep owners.
    const std::string_view first = argc > 1 ? argv[1] : "";
    const bool fileCommand = first == "sync" || first == "watch" || first == "restore";
    const auto dropped = fileCommand ? Result<bool>(false) : dropPrivilegesKeepingNetRaw();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanwatch"));
    QCoreApplication::setOrganizationName(QStringLiteral("lanwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANWATCH_VERSION));

    if (!dropped)
        printErr(QStringLiteral("could not give up capabilities (%1); going on with them.").arg(dropped.error()));

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
    QStringList names;
    for (const Command &c : Commands) {
        if (command == QLatin1String(c.name))
            return c.run(args);
        names << QString::fromLatin1(c.name);
    }
    printErr(QStringLiteral("unknown command '%1'. Commands are %2; see --help.")
                 .arg(command, names.join(QStringLiteral(", "))));
    return ExitUsage;
}
